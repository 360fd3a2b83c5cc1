// Topics no reader may miss: a young reader (level x tier) whose pages use none of a topic's
// words, or parents' pages that do not, is a warning at the topic's entry in topics.yml.

import WaymarkModel

enum TopicRule {
    static func check(content: Content, cells: [TopicCell]) -> [Diagnostic] {
        let topics = Dictionary(content.topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return cells.filter(\.files.isEmpty).compactMap { cell in
            guard let topic = topics[cell.topic] else { return nil }
            let reader: String
            if cell.reader == "parents" {
                reader = "parents and carers"
            } else {
                let parts = cell.reader.split(separator: "/").map(String.init)
                let level = content.config.level(parts[0])?.name ?? parts[0]
                let tier = parts.count > 1 ? content.config.tier(parts[1])?.label.lowercased() ?? parts[1] : ""
                reader = "\(level), \(tier)"
            }
            return .warning("\(topic.name): no page for \(reader) covers it (none uses \(topic.words.map { "“\($0)”" }.joined(separator: ", ")))",
                            at: topic.location, rule: "coverage.topic")
        }
    }
}
