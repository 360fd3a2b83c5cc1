// Search indexes, built at build time into static files that the reader's browser searches by
// itself (Templates/assets/search.js): nothing typed in a search ever leaves the device.
//
//   search/shared.json              the site's own pages (help, about ...), fetched by every search page
//   search/young-people-<tier>.json every level's version of every module for one age tier
//   search/parents.json             the parents' pages and the modules' overviews
//   search/site.json                the same, for the search of the whole site
//   search/site-<code>.json         a language's published translated pages
//
// Each file is one object: `entries` (title, address, level, summary, headings, plain text for the
// passage shown under a result), `levels` (each level's name for young people, to label a page
// from another level) and `words` (young people's words for the site's words, from
// Content/search-words.yml). The same entries make the A to Z list shown without JavaScript.

import Foundation
import WaymarkMarkdown
import WaymarkModel

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
    /// The page's words as plain text, for matching and for the passage around the first match.
    var x: String
}

/// One index file.
struct SearchIndexFile: Encodable, Equatable, Sendable {
    var entries: [SearchEntry]
    /// Level id to its name for young people.
    var levels: [String: String] = [:]
    /// Groups of words: a reader's (`y`) and the site's (`o`).
    var words: [SearchWordsView] = []
}

struct SearchWordsView: Encodable, Equatable, Sendable {
    var o: [String]
    /// Whose words they are, when they say who is asking (`parents`, `facilitators`, `young-people`).
    var w: String?
    var y: [String]
}

enum SearchIndex {
    static let shared = "search/shared.json"

    /// Index file inside the site for a search scope and language.
    static func file(for scope: SearchScope, language: String? = nil) -> String {
        if let language { return "search/site-\(language).json" }
        switch scope {
        case .site: return "search/site.json"
        case .parents: return "search/parents.json"
        case .variant(let variant): return tierFile(variant.tier)
        }
    }

    static func tierFile(_ tier: String) -> String { "search/young-people-\(tier).json" }

    /// The facilitators' index's title in the search, in the site's own language.
    static let facilitatorsTitle = "Group sessions for facilitators: programmes, session plans, worksheets and packs"

    /// Every index, by file, with the entries of each.
    /// - Parameter converted: the pages' text comes from the Convert stage, as the checks' does:
    ///   one reading of the Markdown for both.
    /// One page's entry, to be made.
    struct Request: Sendable {
        var page: PlannedPage
        var title: String
        var summary: String?
        var level: String? = nil
    }

    /// Every page each index lists, in order, grouped as the indexes take them.
    struct Requests: Sendable {
        var sitePages: [Request], parentsPages: [Request], overviews: [Request], facilitators: [Request]
        var tiers: [[Request]]
        var languages: [String]
        var translated: [[Request]]
        /// Every request in the order above, joined once.
        var all: [Request] = []

        init(sitePages: [Request], parentsPages: [Request], overviews: [Request], facilitators: [Request], tiers: [[Request]],
             languages: [String], translated: [[Request]]) {
            (self.sitePages, self.parentsPages, self.overviews, self.facilitators) = (sitePages, parentsPages, overviews, facilitators)
            (self.tiers, self.languages, self.translated) = (tiers, languages, translated)
            all = sitePages + parentsPages + overviews + facilitators + tiers.flatMap { $0 } + translated.flatMap { $0 }
        }
    }

    /// The pages of every index: from the plan and the front matter alone, so the preview keeps
    /// them while only bodies change.
    static func requests(content: Content, plan: SitePlan) -> Requests {
        let config = content.config
        func request(_ kind: PageKind, _ title: String, _ summary: String?,
                     level: String? = nil, language: String? = nil) -> Request? {
            guard let page = language.map({ plan.page(kind, language: $0) }) ?? plan.page(kind),
                  page.language == language else { return nil }
            return Request(page: page, title: title, summary: summary, level: level)
        }
        let pages = SitePlan.ordered(content.pages)
        let sitePages = pages.filter { $0.section == .pages }.compactMap { page in
            request(page.id == "index" ? .home : .page(page.id), page.meta.title, page.meta.summary)
        }
        let parentsPages = pages.filter { $0.section == .parents }.compactMap { page in
            request(page.isSectionIntro ? .parentsIndex : .parentsPage(page.id), page.meta.title, page.meta.summary)
        }
        let modules = SitePlan.ordered(content.modules)
        let overviews = modules.compactMap { module in
            request(.moduleOverview(module: module.id), module.meta.title, module.meta.summary)
        }
        // Facilitators' pages, for the search of the whole site: the programmes, every session
        // plan and each worksheet once, by title, summary and headings (their text stays out, to
        // keep the index small for phones).
        var facilitators: [Request] = []
        if let index = request(.facilitatorsIndex, facilitatorsTitle, nil) { facilitators.append(index) }
        for level in config.levels {
            for tier in config.tiers {
                if let programme = request(.programme(level: level.id, tier: tier.id), "\(level.name), \(tier.label.lowercased()): group sessions", nil) {
                    facilitators.append(programme)
                }
            }
        }
        for session in SitePlan.ordered(content.sessions) {
            for v in SitePlan.variants(of: session, in: config) {
                if let plan = request(.sessionPlan(id: session.id, level: v.level.id, tier: v.tier.id),
                                      "\(session.meta.title) (\(v.level.name), \(v.tier.label.lowercased()))", session.meta.summary) {
                    facilitators.append(plan)
                }
            }
        }
        for worksheet in SitePlan.ordered(content.worksheets) {
            if let v = SitePlan.variants(of: worksheet, in: config).first,
               let sheet = request(.worksheet(id: worksheet.id, level: v.level.id, tier: v.tier.id), worksheet.meta.title, worksheet.meta.summary) {
                facilitators.append(sheet)
            }
        }
        let moduleVariants = modules.map { SitePlan.variants(of: $0, in: config) }
        let tiers = config.tiers.map { tier in
            zip(modules, moduleVariants).flatMap { module, variants in
                variants.filter { $0.tier.id == tier.id }.compactMap { v in
                    request(.moduleVariant(module: module.id, level: v.level.id, tier: tier.id), module.meta.title,
                            module.meta.summary, level: v.level.id)
                }
            }
        }
        // A language's published pages, in that language.
        let languages = config.languages.map(\.code).filter { plan.page(.search(scope: .site), language: $0)?.language == $0 }
        let translated = languages.map { code -> [Request] in
            guard let translation = content.translations[code] else { return [] }
            let pageRequests = SitePlan.ordered(translation.pages).compactMap { page -> Request? in
                let kind: PageKind = page.section == .parents ? (page.isSectionIntro ? .parentsIndex : .parentsPage(page.id)) : .page(page.id)
                return request(kind, page.meta.title, page.meta.summary, language: code)
            }
            let moduleRequests = SitePlan.ordered(translation.modules).flatMap { module in
                SitePlan.variants(of: module, in: config).compactMap { v in
                    request(.moduleVariant(module: module.id, level: v.level.id, tier: v.tier.id), module.meta.title,
                            module.meta.summary, level: v.level.id, language: code)
                }
            }
            return pageRequests + moduleRequests
        }
        return Requests(sitePages: sitePages, parentsPages: parentsPages, overviews: overviews, facilitators: facilitators,
                        tiers: tiers, languages: languages, translated: translated)
    }

    /// Every index, by file, with the entries of each.
    /// - Parameter converted: the pages' text comes from the Convert stage, as the checks' does:
    ///   one reading of the Markdown for both.
    static func build(content: Content, plan: SitePlan, converted: ConvertedSite, memo: (any Memo)? = nil) -> [String: SearchIndexFile] {
        let config = content.config
        // The memo's owner forgets `.shape` when anything but a body changed.
        let planned = remembered(memo, .shape, "search", madeFrom: plan.pages) { requests(content: content, plan: plan) }
        // Positions, not copies: a large site's facts are thousands of values.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(converted.facts.count)
        for (index, facts) in converted.facts.enumerated() where positions[facts.page.outputPath] == nil {
            positions[facts.page.outputPath] = index
        }
        let factsByPage = positions
        // Every entry is made once, on every core, then placed in the indexes that list it.
        let made = Parallel.map(planned.all) { request in
            let facts = factsByPage[request.page.outputPath].map { converted.facts[$0] }
            let key = MemoKey(title: request.title, summary: request.summary, prose: facts?.prose ?? [], headings: facts?.headings ?? [])
            return remembered(memo, .searchEntry, request.page.outputPath, madeFrom: key) {
                entry(request.page, title: request.title, summary: request.summary, facts: facts, level: request.level,
                      withText: request.page.kind.audience != .facilitators)
            }
        }
        var rest = made[...]
        func take(_ count: Int) -> [SearchEntry] {
            defer { rest = rest.dropFirst(count) }
            return Array(rest.prefix(count))
        }
        let levels = Dictionary(config.levels.map { ($0.id, $0.youngName) }, uniquingKeysWith: { a, _ in a })
        func words(tier: String?) -> [SearchWordsView] {
            content.searchWords.filter { $0.tiers.isEmpty || tier.map($0.tiers.contains) ?? false }
                .map { SearchWordsView(o: $0.ours, w: $0.who?.rawValue, y: $0.theirs) }
        }
        let site = take(planned.sitePages.count), parents = take(planned.parentsPages.count)
        let overviewEntries = take(planned.overviews.count), facilitatorEntries = take(planned.facilitators.count)
        var indexes: [String: SearchIndexFile] = [
            shared: SearchIndexFile(entries: site),
            // The whole site's search also fetches every tier's file for the young people's pages;
            // the modules' overviews stay for its A to Z list, which works without scripts.
            file(for: .site): SearchIndexFile(entries: parents + overviewEntries + facilitatorEntries, levels: levels, words: words(tier: nil)),
            file(for: .parents): SearchIndexFile(entries: parents + overviewEntries, levels: levels, words: words(tier: nil)),
        ]
        for (tier, variants) in zip(config.tiers, planned.tiers) {
            // One file for a tier, whatever the level: every level's versions, the reader's own first.
            indexes[tierFile(tier.id)] = SearchIndexFile(entries: take(variants.count), levels: levels, words: words(tier: tier.id))
        }
        for (code, requests) in zip(planned.languages, planned.translated) {
            indexes[file(for: .site, language: code)] = SearchIndexFile(entries: take(requests.count), levels: levels)
        }
        return indexes
    }

    /// What an entry is made from, besides the page's address and level (which the memo's
    /// owner watches with the rest of the site's shape).
    struct MemoKey: Equatable, Sendable {
        var title: String
        var summary: String?
        var prose: [ProseBlock]
        var headings: [MarkdownHeading]
    }

    /// A page's entry: its headings, and its text in reading order (headings and prose as the
    /// Convert stage found them, so code is left out and route mentions are filled).
    static func entry(_ page: PlannedPage, title: String, summary: String?, facts: PageFacts?, level: String?,
                      withText: Bool = true) -> SearchEntry {
        var parts: [(line: Int, order: Int, text: String)] = []
        for heading in facts?.headings ?? [] { parts.append((heading.line, parts.count, words(heading.text) + ".")) }
        for block in withText ? facts?.prose ?? [] : [] {
            let text = words(block.text)
            if !text.isEmpty { parts.append((block.line, parts.count, text)) }
        }
        parts.sort { ($0.line, $0.order) < ($1.line, $1.order) }
        let headings = (facts?.headings ?? []).map { words($0.text) }
        return SearchEntry(t: title, u: page.urlPath, l: level ?? "", s: summary ?? "",
                           h: headings.joined(separator: " ").lowercased(), x: withText ? parts.map(\.text).joined(separator: " ") : "")
    }

    /// Text with every run of spaces and line breaks made one space.
    static func words(_ text: String) -> String { text.collapsingWhitespace }

    /// Every index as the site serves it. The preview keeps each entry's JSON: an edit encodes
    /// only the entries it changed.
    static func encode(_ indexes: [String: SearchIndexFile], memo: (any Memo)?) -> [String: [UInt8]] {
        // Every entry of every file on every core (one tier's index is megabytes, and a file to
        // a core left one core waiting on the largest), then each file put together in order.
        let paths = indexes.keys.sorted()
        let files = paths.map { indexes[$0] ?? SearchIndexFile(entries: []) }
        // Each entry by its file and place (the entries themselves are large values).
        let places = files.indices.flatMap { file in files[file].entries.indices.map { (file, $0) } }
        let objects = Parallel.map(places) { file, index in
            let entry = files[file].entries[index]
            return memo.map { memo in memo.value(.searchJSON, entry.u, madeFrom: entry) { SearchIndex.object(entry) } } ?? SearchIndex.object(entry)
        }
        var result: [String: [UInt8]] = [:]
        var first = 0
        for (path, file) in zip(paths, files) {
            let start = first
            result[path] = encode(file, object: { position, _ in objects[start + position] })
            first += file.entries.count
        }
        return result
    }

    /// The indexes with only what the A to Z lists show (title, address, level): once encoded,
    /// the text of every page need not be held while the pages are made.
    static func listing(_ indexes: [String: SearchIndexFile]) -> [String: SearchIndexFile] {
        indexes.mapValues { index in
            SearchIndexFile(entries: index.entries.map { SearchEntry(t: $0.t, u: $0.u, l: $0.l, s: "", h: "", x: "") })
        }
    }

    /// An index file as JSON, keys in order (what JSONEncoder with sorted keys and unescaped
    /// slashes writes, byte for byte, which a test holds it to), written directly: JSONEncoder
    /// took longer than rendering the pages on large sites.
    /// - Parameter encoded: each entry's JSON object, when the caller keeps them.
    static func encode(_ index: SearchIndexFile, encoded: ((SearchEntry) -> [UInt8])? = nil) -> [UInt8] {
        encode(index, object: encoded.map { encoded in { _, entry in encoded(entry) } })
    }

    /// The same, with each entry's JSON object, by its place in the file, made by the caller.
    private static func encode(_ index: SearchIndexFile, object: ((Int, SearchEntry) -> [UInt8])?) -> [UInt8] {
        var out: [UInt8] = []
        // Keys, quotes and commas are 44 bytes an entry; the rest is slack for escapes. Too little
        // made the array grow, copying an index of megabytes, at the very end.
        let levels = index.levels.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 8 }
        let words = index.words.reduce(0) { total, group in
            (group.o + group.y + [group.w ?? ""]).reduce(total + 32) { $0 + $1.utf8.count + 4 }
        }
        out.reserveCapacity(index.entries.reduce(4096 + levels + words) { $0 + 64 + $1.h.utf8.count + $1.s.utf8.count + $1.t.utf8.count + $1.u.utf8.count + $1.x.utf8.count })
        out.append(contentsOf: Array("{\"entries\":[".utf8))
        for (position, entry) in index.entries.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            if let object { out.append(contentsOf: object(position, entry)) } else { appendObject(entry, to: &out) }
        }
        out.append(contentsOf: Array("],\"levels\":{".utf8))
        for (position, key) in index.levels.keys.sorted().enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            appendJSONString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendJSONString(index.levels[key] ?? "", to: &out)
        }
        out.append(contentsOf: Array("},\"words\":[".utf8))
        for (position, group) in index.words.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let who = group.w.map { w -> String in
                var quoted: [UInt8] = []
                appendJSONString(w, to: &quoted)
                return "],\"w\":" + String(decoding: quoted, as: UTF8.self) + ",\"y\":["
            }
            for (key, list) in [("{\"o\":[", group.o), (who ?? "],\"y\":[", group.y)] {
                out.append(contentsOf: Array(key.utf8))
                for (n, word) in list.enumerated() {
                    if n > 0 { out.append(UInt8(ascii: ",")) }
                    appendJSONString(word, to: &out)
                }
            }
            out.append(contentsOf: Array("]}".utf8))
        }
        out.append(contentsOf: Array("]}".utf8))
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
                             (",\"u\":", entry.u), (",\"x\":", entry.x)] {
            out.append(contentsOf: key.utf8)
            appendJSONString(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        out.append(quote)
        var text = text
        text.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole: most text is one run.
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == quote || byte == backslash else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case quote: out += [backslash, quote]
                case backslash: out += [backslash, backslash]
                case 0x08: out += [backslash, UInt8(ascii: "b")]
                case 0x0C: out += [backslash, UInt8(ascii: "f")]
                case 0x0A: out += [backslash, UInt8(ascii: "n")]
                case 0x0D: out += [backslash, UInt8(ascii: "r")]
                case 0x09: out += [backslash, UInt8(ascii: "t")]
                default:
                    out += [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                            hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(quote)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
