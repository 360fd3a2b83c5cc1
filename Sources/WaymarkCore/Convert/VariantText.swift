// Chooses the lines of a body that one reader sees: the shared text plus the blocks for their
// level and tier. Take-a-break blocks become separate segments, rendered as panels.

import WaymarkModel

public struct Segment: Sendable {
    public enum Kind: Sendable {
        case prose
        case takeABreak
        case element(PrintElement, SourceLocation)
    }

    public var kind: Kind
    public var lines: [SourceLine]

    public var isBreak: Bool { if case .takeABreak = kind { return true } else { return false } }
}

public enum VariantText {
    /// - Parameters: level and tier of the reader; nil for single-audience pages, which have no
    ///   tier or level blocks (Validate makes sure of that).
    /// - Parameter simpler: a worksheet's simpler version (`::: simpler` blocks instead of `::: standard` ones).
    public static func select(_ nodes: [BodyNode], level: String?, tier: String?, simpler: Bool = false) -> [Segment] {
        var segments: [Segment] = [Segment(kind: .prose, lines: [])]

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
                        segments.append(Segment(kind: .takeABreak, lines: []))
                        visit(block.children, inBreak: true)
                        segments.append(Segment(kind: .prose, lines: []))
                    case .version(let isSimpler):
                        if isSimpler == simpler { visit(block.children, inBreak: inBreak) }
                    case .element(let element):
                        segments.append(Segment(kind: .element(element, block.opening), lines: []))
                        segments.append(Segment(kind: inBreak ? .takeABreak : .prose, lines: []))
                    }
                }
            }
        }
        visit(nodes, inBreak: false)
        return segments.filter { segment in
            if case .element = segment.kind { return true }
            return !segment.lines.allSatisfy { $0.text.allSatisfy(\.isWhitespace) }
        }
    }
}
