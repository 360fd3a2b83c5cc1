// Levels written apart: two service levels of one tier are written for readers in different
// situations (learning to keep safe, real worry now, recovering), so they may share at most a third
// of their text. Shared means the same source lines reach both readers (text outside level blocks).

import WaymarkModel

enum SharedTextRule {
    static let limit = 1.0 / 3.0

    static func check(content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        content.modules.flatMap { module in
            // Kept with the module (site.yml's levels and tiers are watched by the memo's owner).
            remembered(memo, .documentFindings, "coverage.shared " + module.file, madeFrom: module) {
                check(module, content.config)
            }
        }
    }

    static func check(_ module: Module, _ config: SiteConfig) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let variants = SitePlan.variants(of: module, in: config)
        for tier in config.tiers {
            // A module with no level blocks is the same for every level on purpose.
            let levels = variants.filter { $0.tier.id == tier.id }.map(\.level)
                .filter { Coverage.usesBlocks(module, level: $0.id, tier: tier.id).levels }
            // Each level's lines, by line number, with their words.
            let texts = levels.map { level -> [Int: Int] in
                var words: [Int: Int] = [:]
                for line in VariantText.select(module.body, for: Variant(level: level.id, tier: tier.id)).flatMap(\.lines) {
                    words[line.number] = Coverage.wordCount(line.text)
                }
                return words
            }
            for a in levels.indices {
                for b in levels.indices where b > a {
                    let total = min(texts[a].values.reduce(0, +), texts[b].values.reduce(0, +))
                    guard total > 0 else { continue }
                    let shared = texts[a].filter { texts[b][$0.key] != nil }.values.reduce(0, +)
                    let share = Double(shared) / Double(total)
                    guard share > limit else { continue }
                    diagnostics.append(.warning(
                        "\(levels[a].name) and \(levels[b].name), \(tier.label.lowercased()), share \(Int((share * 100).rounded()))% of their text (at most a third): write more of it inside `::: level` blocks",
                        at: SourceLocation(file: module.file), rule: "coverage.shared"))
                }
            }
        }
        return diagnostics
    }
}
