// The one rule for `:::` blocks: which of a body's lines and elements a reader sees, and from
// inside which blocks. Rendering (VariantText), coverage and the checks all walk a body with it,
// so a block can never show in a page but count as missing on the coverage page, or the reverse.

extension BlockKind {
    /// Whether a reader of `variant` (of a worksheet's simpler version, when `simpler`) sees what
    /// the block holds. Pages with no variant see no level or tier block.
    public func shows(to variant: Variant?, simpler: Bool = false) -> Bool {
        switch self {
        case .tiers(let ids): return variant.map { ids.contains($0.tier) } ?? false
        case .levels(let ids): return variant.map { ids.contains($0.level) } ?? false
        case .version(let isSimpler): return isSimpler == simpler
        case .panel, .element: return true
        }
    }
}

/// What a reader meets, in order, walking a body.
public enum ReaderStep {
    /// Where a line or element is: inside a level block, a tier block, a panel.
    public struct Place: Sendable {
        public var inLevel = false
        public var inTier = false
        /// The outermost panel it is in.
        public var panel: Panel?
    }

    case line(SourceLine, Place)
    case element(PrintElement, at: SourceLocation, Place)
    /// The start and end of the outermost panel (one inside another is part of it).
    case panelStarts(Panel)
    case panelEnds
}

extension Array where Element == BodyNode {
    /// Walks what a reader of `variant` sees, calling `visit` for each line, element and panel.
    public func walk(for variant: Variant?, simpler: Bool = false, _ visit: (ReaderStep) -> Void) {
        func walk(_ nodes: [BodyNode], _ place: ReaderStep.Place) {
            for node in nodes {
                switch node {
                case .line(let line):
                    visit(.line(line, place))
                case .block(let block):
                    guard block.kind.shows(to: variant, simpler: simpler) else { continue }
                    var inside = place
                    switch block.kind {
                    case .tiers: inside.inTier = true
                    case .levels: inside.inLevel = true
                    case .version: break
                    case .element(let element):
                        visit(.element(element, at: block.opening, place))
                        continue
                    case .panel(let panel):
                        guard place.panel == nil else { break }
                        inside.panel = panel
                        visit(.panelStarts(panel))
                        walk(block.children, inside)
                        visit(.panelEnds)
                        continue
                    }
                    walk(block.children, inside)
                }
            }
        }
        walk(self, ReaderStep.Place())
    }
}
