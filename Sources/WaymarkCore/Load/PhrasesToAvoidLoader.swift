// Reads Content/language.yml: the phrases that blame a child or hide an abuser's responsibility,
// and the promises nobody can keep, each with why and what to say instead. The phrases-to-avoid
// check and the "Words matter" page both use it.

import WaymarkModel
import Yams

enum PhrasesToAvoidLoader {
    static func load(text: String, file: String) -> ([PhraseToAvoid], [Diagnostic]) {
        let parsed = YAMLFields.list(text, file: file, hint: "- id:")
        let list = parsed.items
        var fields = parsed.fields
        var entries: [PhraseToAvoid] = []
        var seen: Set<String> = []
        for item in list {
            guard let map = fields.mapping(item, what: "a language entry", allowed: ["id", "kind", "phrases", "because", "instead"]) else { continue }
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
            var kind = PhraseToAvoid.Kind.blame
            if let word = fields.string(map["kind"], key: "kind") {
                if let known = PhraseToAvoid.Kind(rawValue: word) { kind = known } else {
                    fields.error("unknown kind `\(word)`; an entry is `blame` (the default) or `promise`", map["kind"], rule: "language.entry")
                }
            }
            if let id, let because, let instead, !phrases.isEmpty {
                var entry = PhraseToAvoid(id: id, phrases: phrases, because: because, instead: instead,
                                          location: fields.location(item))
                entry.kind = kind
                entries.append(entry)
            }
        }
        return (entries, fields.diagnostics)
    }
}
