// Coverage: for every module, level and tier it declares, how much text that reader gets and
// whether any of it was written for their level and their tier (rather than shared by everyone).
// The check warns about gaps; the editors' coverage page shows the whole matrix.

import WaymarkMarkdown
import WaymarkModel

public struct CoverageCell: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// The reader gets text written for their level and their tier (where the module writes apart).
        case written
        /// Only text shared with other levels (or other ages).
        case sharedLevel = "shared-level"
        case sharedTier = "shared-tier"
        /// No text at all.
        case empty
    }

    public var module: String
    public var file: String
    public var level: String
    public var tier: String
    /// Words of text this reader gets (a quick count of the source lines, Markdown included).
    public var words: Int
    /// Some of the text sits in a block naming this level.
    public var levelText: Bool
    /// Some of the text sits in a block naming this tier.
    public var tierText: Bool
    public var status: Status
}

public enum Coverage {
    /// - Parameter memo: work kept from an earlier run; a module's cells are worked out again
    ///   only when its body or its levels and tiers changed.
    public static func matrix(_ content: Content, memo: (any Memo)? = nil) -> [CoverageCell] {
        SitePlan.ordered(content.modules).flatMap { module in
            remembered(memo, .coverage, module.path, madeFrom: MemoKey(module: module, tiers: content.config.tiers,
                                                                       levels: content.config.levels)) {
                cells(module, content.config)
            }
        }
    }

    struct MemoKey: Equatable, Sendable {
        var module: Module
        var tiers: [Tier]
        var levels: [ServiceLevel]
    }

    /// Words in a line: runs of characters between spaces and tabs. Counted on the bytes, as this
    /// runs over every line of every module for each of its readers.
    static func wordCount(_ text: String) -> Int {
        var count = 0, inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    static func cells(_ module: Module, _ config: SiteConfig) -> [CoverageCell] {
        var cells: [CoverageCell] = []
        for (level, tier) in SitePlan.variants(of: module, in: config) {
            let uses = usesBlocks(module, level: level.id, tier: tier.id)
            var words = 0, levelText = false, tierText = false
            module.body.walk(for: Variant(level: level.id, tier: tier.id)) { step in
                switch step {
                case .line(let line, let place):
                    let count = wordCount(line.text)
                    words += count
                    if count > 0 && place.inLevel { levelText = true }
                    if count > 0 && place.inTier { tierText = true }
                case .element(_, _, let place):
                    // A worksheet element is something written for the reader too.
                    words += 1
                    if place.inLevel { levelText = true }
                    if place.inTier { tierText = true }
                case .panelStarts, .panelEnds:
                    break
                }
            }
            let status: CoverageCell.Status = words == 0 ? .empty
                : uses.levels && !levelText ? .sharedLevel
                : uses.tiers && !tierText ? .sharedTier
                : .written
            cells.append(CoverageCell(module: module.id, file: module.file, level: level.id, tier: tier.id,
                                      words: words, levelText: levelText, tierText: tierText, status: status))
        }
        return cells
    }

    /// Whether, around this reader, the module writes apart by level and by tier. Tier blocks count
    /// for a level only where that level's reader can reach them (outside level blocks, or inside
    /// one naming the level), and the same for level blocks and tiers. A module with no blocks is
    /// the same for everyone on purpose, and is not a gap.
    static func usesBlocks(_ module: Module, level: String, tier: String) -> (levels: Bool, tiers: Bool) {
        var levels = false, tiers = false
        func visit(_ nodes: [BodyNode], levelOpen: Bool, tierOpen: Bool) {
            for case .block(let block) in nodes {
                switch block.kind {
                case .levels(let ids):
                    if tierOpen { levels = true }
                    visit(block.children, levelOpen: levelOpen && ids.contains(level), tierOpen: tierOpen)
                case .tiers(let ids):
                    if levelOpen { tiers = true }
                    visit(block.children, levelOpen: levelOpen, tierOpen: tierOpen && ids.contains(tier))
                case .panel, .version:
                    visit(block.children, levelOpen: levelOpen, tierOpen: tierOpen)
                case .element:
                    break
                }
            }
        }
        visit(module.body, levelOpen: true, tierOpen: true)
        return (levels, tiers)
    }
}
