// Coverage: every level and tier a module declares must have text, and where a module writes
// apart for levels or tiers, each of its readers should get something written for them.

import WaymarkModel

enum CoverageRule {
    static func check(cells: [CoverageCell]) -> [Diagnostic] {
        cells.compactMap { cell in
            let at = SourceLocation(file: cell.file)
            let reader = "level \(cell.level), tier \(cell.tier)"
            switch cell.status {
            case .written:
                return nil
            case .empty:
                return .error("the module covers \(reader) but has no text for it: write it, or leave it out of `levels`/`tiers`",
                              at: at, rule: "coverage.empty")
            case .sharedLevel:
                return .warning("\(reader) only gets text shared with other levels: nothing is written for level \(cell.level)",
                                at: at, rule: "coverage.level")
            case .sharedTier:
                return .warning("\(reader) only gets text shared with other ages: nothing is written for tier \(cell.tier)",
                                at: at, rule: "coverage.tier")
            }
        }
    }
}
