// Where each topic of Content/topics.yml is covered: for every young reader (level x tier) the
// modules whose version for them uses one of the topic's words, and for parents the parents'
// pages that do. Made from the source text, so the editors' coverage page and `check` share it.

import WaymarkModel

public struct TopicCell: Hashable, Sendable, Codable {
    public var topic: String
    /// `level/tier`, or `parents`.
    public var reader: String
    /// The files whose text for this reader covers the topic, in the site's order.
    public var files: [String]
}

public enum TopicCoverage {
    public static func cells(_ content: Content) -> [TopicCell] {
        guard !content.topics.isEmpty else { return [] }
        let config = content.config
        let modules = SitePlan.ordered(content.modules)
        // Each reader's text of each module, lowercased once.
        var texts: [String: [(file: String, text: String)]] = [:]
        for level in config.levels {
            for tier in config.tiers {
                texts["\(level.id)/\(tier.id)"] = modules.filter { module in
                    SitePlan.variants(of: module, in: config).contains { $0.level.id == level.id && $0.tier.id == tier.id }
                }.map { module in
                    (module.file, plain(VariantText.select(module.body, for: Variant(level: level.id, tier: tier.id)).flatMap(\.lines), config))
                }
            }
        }
        texts["parents"] = SitePlan.ordered(content.pages).filter { $0.section == .parents }.map { page in
            (page.file, plain(BodyParser.linesOutsideCode(page.body), config))
        }
        var cells: [TopicCell] = []
        for topic in content.topics {
            var readers: [String] = []
            for level in config.levels { for tier in topic.tiers { readers.append("\(level.id)/\(tier)") } }
            if topic.parents { readers.append("parents") }
            for reader in readers {
                let files = (texts[reader] ?? []).filter { entry in topic.words.contains { uses(entry.text, $0) } }.map(\.file)
                cells.append(TopicCell(topic: topic.id, reader: reader, files: files))
            }
        }
        return cells
    }

    private static func plain(_ lines: [SourceLine], _ config: SiteConfig) -> String {
        RouteMention.fill(lines.map(\.text).joined(separator: "\n"), in: config, plain: true).lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
    }

    /// A word or phrase as whole words: "missing" in "went missing", not in "dismissing"; used
    /// by the topic and signposting checks.
    static func uses(_ text: String, _ word: String) -> Bool {
        text.containsWord(word)
    }
}
