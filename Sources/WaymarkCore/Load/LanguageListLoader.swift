// Reads Content/language.yml: the phrases that blame a child or hide an abuser's responsibility,
// each with why and what to say instead. The language check and the "Words matter" page both use it.

import Yams

enum LanguageListLoader {
    static func load(text: String, file: String) -> ([LanguageEntry], [Diagnostic]) {
        let root: Node?
        switch FrontMatter.parseYAML(text, file: file, firstLine: 1) {
        case .failure(let d): return ([], [d])
        case .success(let node): root = node
        }
        var fields = YAMLFields(file: file, firstLine: 1)
        guard let root else { return ([], []) }
        guard let list = root.sequence else {
            fields.error("language.yml must be a list of entries, each starting `- id:`", root, rule: "yaml.type")
            return ([], fields.diagnostics)
        }
        var entries: [LanguageEntry] = []
        var seen: Set<String> = []
        for item in list {
            guard let map = fields.mapping(item, what: "a language entry", allowed: ["id", "phrases", "because", "instead"]) else { continue }
            let id = fields.string(map["id"], key: "id", required: true, in: item)
            let phrases = fields.words(map["phrases"], key: "phrases")?.map(\.0) ?? []
            if phrases.isEmpty { fields.error("`phrases` must list at least one phrase", map["phrases"] ?? item, rule: "language.entry") }
            let because = fields.string(map["because"], key: "because", required: true, in: item)
            let instead = fields.string(map["instead"], key: "instead", required: true, in: item)
            if let id {
                if !SiteConfigLoader.isValidID(id) {
                    fields.error("the id `\(id)` must use only lowercase letters, digits and hyphens", map["id"], rule: "language.entry")
                } else if !seen.insert(id).inserted {
                    fields.error("the id `\(id)` is used twice", map["id"], rule: "language.entry")
                }
            }
            if let id, let because, let instead, !phrases.isEmpty {
                entries.append(LanguageEntry(id: id, phrases: phrases, because: because, instead: instead,
                                             location: fields.location(item)))
            }
        }
        return (entries, fields.diagnostics)
    }
}
