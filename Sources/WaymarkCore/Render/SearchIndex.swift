// Search indexes, built at build time into static files that the reader's browser searches by
// itself: one for each age tier (every level's version of every module, plus the site's pages),
// one for parents and carers, and one for the whole site. Nothing typed in a search ever leaves
// the device. The same entries make the A to Z list that search pages show without JavaScript.

import Foundation

struct SearchEntry: Encodable, Sendable {
    /// Title.
    var t: String
    /// Address from the root of the site, e.g. `young-people/recovery/14-16/staying-safe/`.
    var u: String
    /// Service level id, for putting the reader's own level first; empty for other pages.
    var l: String
    /// Summary.
    var s: String
    /// Headings, lowercased.
    var h: String
    /// The distinct words of the text, lowercased.
    var w: String
}

enum SearchIndex {
    /// Index file inside the site for a search scope (`site`, `parents`, or `level/tier`).
    static func file(for scope: String) -> String {
        if scope == "site" || scope == "parents" { return "search/\(scope).json" }
        let tier = scope.split(separator: "/").last.map(String.init) ?? scope
        return "search/young-people-\(tier).json"
    }

    static func scopes(_ config: SiteConfig) -> [String] {
        ["site", "parents"] + config.tiers.map { "young-people-\($0.id)" }
    }

    /// Every index's entries, by index file.
    static func build(content: Content, plan: SitePlan, cache: BuildCache? = nil) -> [String: [SearchEntry]] {
        let config = content.config
        func makeEntry(_ page: PlannedPage, title: String, summary: String?, body: [BodyNode], level: String?, tier: String?) -> SearchEntry {
            let lines = VariantText.select(body, level: level, tier: tier).flatMap(\.lines).map(\.text)
            let headings = lines.filter { $0.hasPrefix("#") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) }
            var seen: Set<String> = []
            var words: [String] = []
            for word in Markdown.words(lines.joined(separator: " ")).map(\.word) where word.count >= 3 && !stopWords.contains(word) {
                if seen.insert(word).inserted { words.append(word) }
            }
            return SearchEntry(t: title, u: page.urlPath, l: level ?? "", s: summary ?? "",
                               h: headings.joined(separator: " ").lowercased(), w: words.joined(separator: " "))
        }
        func entry(_ kind: PageKind, title: String, summary: String?, body: [BodyNode], level: String? = nil, tier: String? = nil) -> SearchEntry? {
            guard let page = plan.page(kind) else { return nil }
            guard let cache else { return makeEntry(page, title: title, summary: summary, body: body, level: level, tier: tier) }
            let key = BuildCache.SearchKey(url: page.urlPath, title: title, summary: summary, body: body, level: level, tier: tier)
            return cache.searchEntry(for: key) { makeEntry(page, title: title, summary: summary, body: body, level: level, tier: tier) }
        }
        let pages = SitePlan.ordered(content.pages)
        let sitePages = pages.filter { $0.section == .pages }.compactMap { page in
            entry(page.id == "index" ? .home : .page(page.id), title: page.meta.title, summary: page.meta.summary, body: page.body)
        }
        let parentsPages = pages.filter { $0.section == .parents }.compactMap { page in
            entry(page.isSectionIntro ? .parentsIndex : .parentsPage(page.id), title: page.meta.title, summary: page.meta.summary, body: page.body)
        }
        let modules = SitePlan.ordered(content.modules)
        let overviews = modules.compactMap { module in
            entry(.moduleOverview(module: module.id), title: module.meta.title, summary: module.meta.summary, body: [])
        }
        var indexes: [String: [SearchEntry]] = [
            file(for: "site"): sitePages + parentsPages + overviews,
            file(for: "parents"): parentsPages + overviews + sitePages,
        ]
        for tier in config.tiers {
            let variants = modules.flatMap { module in
                SitePlan.variants(of: module, in: config).filter { $0.tier.id == tier.id }.compactMap { v in
                    entry(.moduleVariant(module: module.id, level: v.level.id, tier: tier.id), title: module.meta.title,
                          summary: module.meta.summary, body: module.body, level: v.level.id, tier: tier.id)
                }
            }
            indexes[file(for: "x/\(tier.id)")] = variants + sitePages
        }
        return indexes
    }

    static func encode(_ entries: [SearchEntry]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(entries)) ?? Data("[]".utf8))
    }

    /// Words too common to help a search.
    static let stopWords: Set<String> = ["the", "and", "for", "are", "but", "not", "you", "your", "with", "this", "that",
                                         "they", "them", "their", "was", "were", "have", "has", "had", "can", "could",
                                         "will", "would", "what", "when", "who", "how", "from", "into", "about", "all",
                                         "any", "our", "out", "its", "it's", "then", "than", "there", "these", "those",
                                         "she", "her", "his", "him", "hers", "one", "also", "just", "very", "some", "more"]
}
