// Search indexes, built at build time into static files that the reader's browser searches by
// itself: one for each age tier (every level's version of every module, plus the site's pages),
// one for parents and carers, and one for the whole site. Nothing typed in a search ever leaves
// the device. The same entries make the A to Z list that search pages show without JavaScript.

import Foundation

struct SearchEntry: Encodable, Equatable, Sendable {
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
        /// One page's entry, to be made.
        struct Request: Sendable {
            var kind: PageKind
            var title: String
            var summary: String?
            var body: [BodyNode]
            var level: String? = nil
            var tier: String? = nil
        }
        let pages = SitePlan.ordered(content.pages)
        let sitePages = pages.filter { $0.section == .pages }.map { page in
            Request(kind: page.id == "index" ? .home : .page(page.id), title: page.meta.title, summary: page.meta.summary, body: page.body)
        }
        let parentsPages = pages.filter { $0.section == .parents }.map { page in
            Request(kind: page.isSectionIntro ? .parentsIndex : .parentsPage(page.id), title: page.meta.title,
                    summary: page.meta.summary, body: page.body)
        }
        let modules = SitePlan.ordered(content.modules)
        let overviews = modules.map { module in
            Request(kind: .moduleOverview(module: module.id), title: module.meta.title, summary: module.meta.summary, body: [])
        }
        let tiers = config.tiers.map { tier in
            modules.flatMap { module in
                SitePlan.variants(of: module, in: config).filter { $0.tier.id == tier.id }.map { v in
                    Request(kind: .moduleVariant(module: module.id, level: v.level.id, tier: tier.id), title: module.meta.title,
                            summary: module.meta.summary, body: module.body, level: v.level.id, tier: tier.id)
                }
            }
        }
        // Every entry is made once, on every core, then placed in the indexes that list it.
        let requests = sitePages + parentsPages + overviews + tiers.flatMap { $0 }
        let made = Parallel.map(requests) { request -> SearchEntry? in
            guard let page = plan.page(request.kind) else { return nil }
            let make = { makeEntry(page, title: request.title, summary: request.summary, body: request.body,
                                   level: request.level, tier: request.tier, config: config) }
            guard let cache else { return make() }
            return cache.searchEntry(for: page.outputPath, source: .init(title: request.title, summary: request.summary,
                                                                         body: request.body), make)
        }
        var rest = made[...]
        func take(_ count: Int) -> [SearchEntry] {
            defer { rest = rest.dropFirst(count) }
            return rest.prefix(count).compactMap { $0 }
        }
        let site = take(sitePages.count), parents = take(parentsPages.count), overviewEntries = take(overviews.count)
        var indexes: [String: [SearchEntry]] = [
            file(for: "site"): site + parents + overviewEntries,
            file(for: "parents"): parents + overviewEntries + site,
        ]
        for (tier, variants) in zip(config.tiers, tiers) {
            indexes[file(for: "x/\(tier.id)")] = take(variants.count) + site
        }
        return indexes
    }

    static func makeEntry(_ page: PlannedPage, title: String, summary: String?, body: [BodyNode], level: String?, tier: String?,
                          config: SiteConfig) -> SearchEntry {
        let lines = PageRenderer.fillRouteMentions(VariantText.select(body, level: level, tier: tier).flatMap(\.lines),
                                                   config: config, plain: true)
        let headings = lines.filter { $0.hasPrefix("#") }.map { line in
            String(line.drop { $0 == "#" || $0 == " " }.reversed().drop { $0 == "#" || $0 == " " }.reversed())
        }
        var seen: Set<String> = []
        var words: [String] = []
        for word in Markdown.words(lines.joined(separator: " ")).map(\.word) where word.count >= 3 && !stopWords.contains(word) {
            if seen.insert(word).inserted { words.append(word) }
        }
        return SearchEntry(t: title, u: page.urlPath, l: level ?? "", s: summary ?? "",
                           h: headings.joined(separator: " ").lowercased(), w: words.joined(separator: " "))
    }

    /// The entries as JSON, keys in order (what JSONEncoder with sorted keys and unescaped slashes
    /// writes, byte for byte, which a test holds it to), written directly: JSONEncoder took longer
    /// than rendering the pages on large sites.
    /// - Parameter encoded: each entry's JSON object, when the caller keeps them (the preview
    ///   does, so a one-page edit does not encode every index again).
    static func encode(_ entries: [SearchEntry], encoded: ((SearchEntry) -> [UInt8])? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(2) { $0 + 40 + $1.h.utf8.count + $1.s.utf8.count + $1.t.utf8.count + $1.u.utf8.count + $1.w.utf8.count })
        out.append(UInt8(ascii: "["))
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            if let encoded { out.append(contentsOf: encoded(entry)) } else { appendObject(entry, to: &out) }
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// One entry as a JSON object.
    static func object(_ entry: SearchEntry) -> [UInt8] {
        var out: [UInt8] = []
        appendObject(entry, to: &out)
        return out
    }

    static func appendObject(_ entry: SearchEntry, to out: inout [UInt8]) {
        for (key, value) in [("{\"h\":", entry.h), (",\"l\":", entry.l), (",\"s\":", entry.s), (",\"t\":", entry.t),
                             (",\"u\":", entry.u), (",\"w\":", entry.w)] {
            out.append(contentsOf: key.utf8)
            appendJSONString(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Words too common to help a search.
    static let stopWords: Set<String> = ["the", "and", "for", "are", "but", "not", "you", "your", "with", "this", "that",
                                         "they", "them", "their", "was", "were", "have", "has", "had", "can", "could",
                                         "will", "would", "what", "when", "who", "how", "from", "into", "about", "all",
                                         "any", "our", "out", "its", "it's", "then", "than", "there", "these", "those",
                                         "she", "her", "his", "him", "hers", "one", "also", "just", "very", "some", "more"]
}
