// Chooses the lines of a body that one reader sees: the shared text plus the blocks for their
// level and tier. Take-a-break blocks become separate segments, rendered as panels.

public struct Segment: Sendable {
    public var isBreak: Bool
    public var lines: [SourceLine]
}

public enum VariantText {
    /// - Parameters: level and tier of the reader; nil for single-audience pages, which have no
    ///   tier or level blocks (Validate makes sure of that).
    public static func select(_ nodes: [BodyNode], level: String?, tier: String?) -> [Segment] {
        var segments: [Segment] = [Segment(isBreak: false, lines: [])]

        func visit(_ nodes: [BodyNode], inBreak: Bool) {
            for node in nodes {
                switch node {
                case .line(let line):
                    segments[segments.count - 1].lines.append(line)
                case .block(let block):
                    switch block.kind {
                    case .tiers(let ids):
                        if let tier, ids.contains(tier) { visit(block.children, inBreak: inBreak) }
                    case .levels(let ids):
                        if let level, ids.contains(level) { visit(block.children, inBreak: inBreak) }
                    case .takeABreak:
                        if inBreak { visit(block.children, inBreak: true); continue }
                        segments.append(Segment(isBreak: true, lines: []))
                        visit(block.children, inBreak: true)
                        segments.append(Segment(isBreak: false, lines: []))
                    }
                }
            }
        }
        visit(nodes, inBreak: false)
        return segments.filter { !$0.lines.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }
    }
}
