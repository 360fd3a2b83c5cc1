// Reads Content/search-words.yml: the words young people type for what the site calls something
// else ("nudes", "pics" for images), so that search finds the page either way.

import WaymarkModel

enum SearchWordsLoader {
    static func load(text: String, file: String, config: SiteConfig) -> ([SearchWords], [Diagnostic]) {
        let parsed = YAMLFields.list(text, file: file, hint: "- theirs:")
        var fields = parsed.fields
        var result: [SearchWords] = []
        let tierIDs = config.tiers.map(\.id)
        for item in parsed.items {
            guard let map = fields.mapping(item, what: "an entry", allowed: ["theirs", "ours", "tiers", "who"]) else { continue }
            let theirs = (fields.words(map["theirs"], key: "theirs") ?? []).map { $0.0.lowercased() }.filter { !$0.isEmpty }
            let ours = (fields.words(map["ours"], key: "ours") ?? []).map { $0.0.lowercased() }.filter { !$0.isEmpty }
            var who: Audience?
            if let word = fields.string(map["who"], key: "who") {
                who = [Audience.youngPeople, .parents, .facilitators].first { $0.rawValue == word }
                if who == nil { fields.error("`who` is young-people, parents or facilitators: whose pages come first when a search uses these words", map["who"], rule: "search.words") }
            }
            if theirs.isEmpty { fields.error("`theirs` must list the words a reader might type", map["theirs"] ?? item, rule: "search.words") }
            // Words that only say who is asking ("my son") need no words of the site's.
            if ours.isEmpty && map["who"] == nil { fields.error("`ours` must list the words the site's pages use for it", map["ours"] ?? item, rule: "search.words") }
            var tiers: [String] = []
            for (tier, at) in fields.words(map["tiers"], key: "tiers") ?? [] {
                if tierIDs.contains(tier) { tiers.append(tier) } else {
                    fields.diagnostics.append(.error("unknown tier `\(tier)`; tiers in site.yml: \(tierIDs.joined(separator: ", "))",
                                                     at: at, rule: "search.words"))
                }
            }
            if !theirs.isEmpty, !ours.isEmpty || who != nil {
                result.append(SearchWords(theirs: theirs, ours: ours, tiers: tiers, who: who, location: fields.location(item)))
            }
        }
        return (result, fields.diagnostics)
    }
}
