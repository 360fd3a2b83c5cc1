// Chooses the lines of a body that one reader sees (the walk in BodyWalk.swift): the shared text
// plus the blocks for their level and tier. Take-a-break blocks become separate segments,
// rendered as panels; worksheet elements, segments of their own.

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
    /// - Parameters: variant: the reader's level and tier; nil for single-audience pages, which
    ///   have no tier or level blocks (Validate makes sure of that).
    /// - Parameter simpler: a worksheet's simpler version (`::: simpler` blocks instead of `::: standard` ones).
    public static func select(_ nodes: [BodyNode], for variant: Variant?, simpler: Bool = false) -> [Segment] {
        var segments: [Segment] = [Segment(kind: .prose, lines: [])]
        nodes.walk(for: variant, simpler: simpler) { step in
            switch step {
            case .line(let line, _):
                segments[segments.count - 1].lines.append(line)
            case .breakStarts:
                segments.append(Segment(kind: .takeABreak, lines: []))
            case .breakEnds:
                segments.append(Segment(kind: .prose, lines: []))
            case .element(let element, let at, let place):
                segments.append(Segment(kind: .element(element, at), lines: []))
                segments.append(Segment(kind: place.inBreak ? .takeABreak : .prose, lines: []))
            }
        }
        return segments.filter { segment in
            if case .element = segment.kind { return true }
            return !segment.lines.allSatisfy { $0.text.allSatisfy(\.isWhitespace) }
        }
    }
}
