// Reads Content/topics.yml: the topics the content guide says no reader may miss, with the words
// that show a page covers each, the tiers whose young people must find it, and whether parents must.

import WaymarkModel

enum TopicLoader {
    static func load(text: String, file: String, config: SiteConfig) -> ([Topic], [Diagnostic]) {
        let parsed = YAMLFields.list(text, file: file, hint: "- id:")
        var fields = parsed.fields
        var topics: [Topic] = []
        var seen: Set<String> = []
        let tierIDs = config.tiers.map(\.id)
        for item in parsed.items {
            guard let map = fields.mapping(item, what: "a topic", allowed: ["id", "name", "tiers", "parents", "words"]) else { continue }
            let id = fields.string(map["id"], key: "id", required: true, in: item)
            let name = fields.string(map["name"], key: "name", required: true, in: item)
            if let id, !seen.insert(id).inserted { fields.error("the topic `\(id)` is listed twice", map["id"], rule: "topic.entry") }
            var tiers: [String] = []
            for (tier, at) in fields.words(map["tiers"], key: "tiers") ?? [] {
                if tierIDs.contains(tier) { tiers.append(tier) } else {
                    fields.diagnostics.append(.error("unknown tier `\(tier)`; tiers in site.yml: \(tierIDs.joined(separator: ", "))",
                                                     at: at, rule: "topic.entry"))
                }
            }
            let words = (fields.words(map["words"], key: "words") ?? []).map { $0.0.lowercased() }.filter { !$0.isEmpty }
            if words.isEmpty { fields.error("`words` must list at least one word that shows a page covers the topic", map["words"] ?? item, rule: "topic.entry") }
            if let id, let name, !words.isEmpty {
                topics.append(Topic(id: id, name: name, tiers: tiers, parents: fields.bool(map["parents"], key: "parents") ?? false,
                                    words: words, location: fields.location(item)))
            }
        }
        return (topics, fields.diagnostics)
    }
}
