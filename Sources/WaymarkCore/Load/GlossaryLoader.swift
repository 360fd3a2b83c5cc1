// Reads Content/glossary.yml: each term with a definition per age tier and for parents.

import WaymarkModel
import Yams

enum GlossaryLoader {
    static func load(text: String, file: String, config: SiteConfig) -> ([GlossaryEntry], [Diagnostic]) {
        let parsed = YAMLFields.list(text, file: file, hint: "- term:")
        let list = parsed.items
        var fields = parsed.fields
        let readers = config.tiers.map(\.id) + ["parents"]
        var entries: [GlossaryEntry] = []
        var seen: [String: SourceLocation] = [:]
        for item in list {
            guard let map = fields.mapping(item, what: "a glossary entry", allowed: ["term", "also", "definitions"]) else { continue }
            guard let term = fields.string(map["term"], key: "term", required: true, in: item) else { continue }
            let also = fields.words(map["also"], key: "also")?.map { $0.0.lowercased() } ?? []
            var definitions: [String: String] = [:]
            if let node = map["definitions"], let defs = fields.mapping(node, what: "`definitions`", allowed: readers) {
                for reader in readers {
                    if let text = fields.string(defs[reader], key: reader) { definitions[reader] = text }
                }
            }
            let missing = readers.filter { definitions[$0] == nil }
            if !missing.isEmpty {
                fields.diagnostics.append(.warning("`\(term)` has no definition for \(missing.joined(separator: ", ")); those readers' glossaries leave it out",
                                                   at: fields.location(map["definitions"] ?? item), rule: "glossary.definition"))
            }
            for form in [term.lowercased()] + also {
                if let first = seen[form] {
                    fields.error("`\(form)` is already in the glossary (line \(first.line)): each word links to one entry",
                                 map["term"], rule: "glossary.duplicate")
                }
                seen[form] = fields.location(map["term"])
            }
            entries.append(GlossaryEntry(term: term, also: also, definitions: definitions, location: fields.location(item)))
        }
        return (entries.sorted { $0.term.lowercased() < $1.term.lowercased() }, fields.diagnostics)
    }
}
