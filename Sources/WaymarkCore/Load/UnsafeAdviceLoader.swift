// Reads Content/safety.yml: advice that can hurt a reader who acts on it unless it carries its
// caveat (a phone step an abuser may notice, "we will tell you first", showing an image to
// anyone), each with the words that trigger it, the words that make it safe, why and what to say.

import WaymarkModel
import Yams

enum UnsafeAdviceLoader {
    static func load(text: String, file: String) -> ([UnsafeAdvice], [Diagnostic]) {
        let parsed = YAMLFields.list(text, file: file, hint: "- id:")
        var fields = parsed.fields
        var entries: [UnsafeAdvice] = []
        var seen: Set<String> = []
        for item in parsed.items {
            guard let map = fields.mapping(item, what: "a safety entry", allowed: ["id", "scope", "says", "unless", "not_after", "because", "instead"]) else { continue }
            let id = fields.string(map["id"], key: "id", required: true, in: item)
            let says = fields.words(map["says"], key: "says")?.map(\.0) ?? []
            if says.isEmpty { fields.error("`says` must list at least one phrase", map["says"] ?? item, rule: "safety.entry") }
            let unless = fields.words(map["unless"], key: "unless")?.map(\.0) ?? []
            let because = fields.string(map["because"], key: "because", required: true, in: item)
            let instead = fields.string(map["instead"], key: "instead", required: true, in: item)
            var scope = UnsafeAdvice.Scope.paragraph
            if let word = fields.string(map["scope"], key: "scope") {
                if let known = UnsafeAdvice.Scope(rawValue: word) { scope = known } else {
                    fields.error("unknown scope `\(word)`; a caveat is looked for in the same \(UnsafeAdvice.Scope.allCases.map(\.rawValue).joined(separator: ", "))",
                                 map["scope"], rule: "safety.entry")
                }
            }
            if scope != .section && unless.isEmpty {
                fields.error("`unless` must list the words that make the advice safe (only a `section` entry takes its routes' windows instead)",
                             map["unless"] ?? item, rule: "safety.entry")
            }
            if let id {
                if !SiteConfigLoader.isValidID(id) {
                    fields.error("the id `\(id)` must use only lowercase letters, digits and hyphens", map["id"], rule: "safety.entry")
                } else if !seen.insert(id).inserted {
                    fields.error("the id `\(id)` is used twice", map["id"], rule: "safety.entry")
                }
            }
            if let id, let because, let instead, !says.isEmpty, scope == .section || !unless.isEmpty {
                var entry = UnsafeAdvice(id: id, scope: scope, says: says, unless: unless, because: because, instead: instead,
                                         location: fields.location(item))
                entry.notAfter = fields.words(map["not_after"], key: "not_after")?.map(\.0) ?? []
                entries.append(entry)
            }
        }
        return (entries, fields.diagnostics)
    }
}
