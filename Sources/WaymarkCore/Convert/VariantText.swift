// Chooses the lines of a body that one reader sees (the walk in BodyWalk.swift): the shared text
// plus the blocks for their level and tier. Panels (take a break, what to do now, more) become
// separate segments; worksheet elements, segments of their own.

import WaymarkModel

public struct Segment: Sendable {
    public enum Kind: Sendable {
        case prose
        case panel(Panel)
        case element(PrintElement, SourceLocation)
    }

    public var kind: Kind
    public var lines: [SourceLine]

    public var panel: Panel? { if case .panel(let panel) = kind { return panel } else { return nil } }
    public var isBreak: Bool { panel == .takeABreak }
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
            case .panelStarts(let panel):
                segments.append(Segment(kind: .panel(panel), lines: []))
            case .panelEnds:
                segments.append(Segment(kind: .prose, lines: []))
            case .element(let element, let at, let place):
                segments.append(Segment(kind: .element(element, at), lines: []))
                segments.append(Segment(kind: place.panel.map { .panel($0) } ?? .prose, lines: []))
            }
        }
        return segments.filter { segment in
            if case .element = segment.kind { return true }
            return !segment.lines.allSatisfy { $0.text.allSatisfy(\.isWhitespace) }
        }
    }
}
