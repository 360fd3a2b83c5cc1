// Young people's words for search (Content/search-words.yml): a word the entry says the site's
// pages use must be used by at least one page, or the entry finds nothing.

import WaymarkModel

enum SearchWordsRule {
    static func check(content: Content) -> [Diagnostic] {
        guard !content.searchWords.isEmpty else { return [] }
        // Every word of every page a reader can search, lowercased.
        var used: Set<Substring> = []
        func add(_ text: String) {
            for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'") }) {
                used.insert(word)
            }
        }
        for module in content.modules {
            add(module.meta.title)
            BodyParser.linesOutsideCode(module.body).forEach { add(RouteMention.fill($0.text, in: content.config, plain: true)) }
        }
        for page in content.pages {
            add(page.meta.title)
            BodyParser.linesOutsideCode(page.body).forEach { add(RouteMention.fill($0.text, in: content.config, plain: true)) }
        }
        // The whole site's search finds facilitators' pages by title, summary and headings.
        let facilitators: [any Tiered] = content.sessions + content.worksheets
        for document in facilitators {
            add(document.meta.title)
            add(document.meta.summary ?? "")
            BodyParser.linesOutsideCode(document.body).filter { $0.text.hasPrefix("#") }.forEach { add($0.text) }
        }
        add(SearchIndex.facilitatorsTitle)
        return content.searchWords.flatMap { entry in
            entry.ours.filter { !used.contains(Substring($0)) }.map { word in
                .warning("no page uses “\(word)”, so a search for \(entry.theirs.prefix(3).map { "“\($0)”" }.joined(separator: ", ")) cannot find a page by it",
                         at: entry.location, rule: "search.words")
            }
        }
    }
}
