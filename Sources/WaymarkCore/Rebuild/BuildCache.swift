// What the development server keeps between rebuilds, so that a change to one file costs about
// one file's work: parsed files, compiled templates, and per-page results of the later stages.
// Every entry is kept with what it was made from and used only while that is unchanged.

import Foundation
import WaymarkMarkdown

/// Work kept by the development server between rebuilds. A file is read again only when its
/// bytes, its displayed path or site.yml (which gives the default levels and tiers) changed; a
/// page's reading figures are measured again only when its text changed; a file's language check
/// runs again only when its body changed; a page's search entry is made again only when its text
/// changed.
public final class BuildCache: @unchecked Sendable {
    private struct Entry {
        var bytes: [UInt8]
        var site: [UInt8]
        var file: String
        var loaded: LoadedDocument
    }
    private var entries: [String: Entry] = [:]
    private let lock = NSLock()
    /// How many files the last loads took from the cache (for tests and timings).
    private(set) var hits = 0

    public init() {}

    func lookup(_ path: String, bytes: [UInt8], site: [UInt8], file: String) -> LoadedDocument? {
        lock.withLock {
            guard let entry = entries[path], entry.file == file, entry.bytes == bytes, entry.site == site else { return nil }
            hits += 1
            return entry.loaded
        }
    }

    func store(_ path: String, bytes: [UInt8], site: [UInt8], file: String, _ loaded: LoadedDocument) {
        lock.withLock { entries[path] = Entry(bytes: bytes, site: site, file: file, loaded: loaded) }
    }

    private var readability: [String: (prose: [ProseBlock], figures: ReadabilityFigures)] = [:]
    private var language: [String: (key: LanguageKey, found: [Diagnostic])] = [:]

    struct LanguageKey: Equatable {
        var file: String
        var body: [BodyNode]
        var exemptions: [Exemption]
        var entries: [LanguageEntry]
    }

    /// Readability of a page's prose, measured again only when the prose changed. Keyed by the
    /// page and compared by value: a page copied from the last build shares its prose's storage,
    /// so the comparison costs nothing.
    func figures(forPage page: String, prose: [ProseBlock], _ measure: () -> ReadabilityFigures) -> ReadabilityFigures {
        if let known = lock.withLock({ readability[page] }), known.prose == prose { return known.figures }
        let measured = measure()
        lock.withLock { readability[page] = (prose, measured) }
        return measured
    }

    /// A search entry is made again only when what it is made from changed; compared by value, as above.
    struct SearchSource: Equatable {
        var title: String
        var summary: String?
        var body: [BodyNode]
    }
    private var search: [String: (source: SearchSource, entry: SearchEntry)] = [:]

    func searchEntry(for page: String, source: SearchSource, _ compute: () -> SearchEntry) -> SearchEntry {
        if let known = lock.withLock({ search[page] }), known.source == source { return known.entry }
        let entry = compute()
        lock.withLock { search[page] = (source, entry) }
        return entry
    }

    private var encodedSearch: [String: (entry: SearchEntry, json: [UInt8])] = [:]

    /// A search entry's JSON object, encoded again only when the entry changed.
    func encodedSearchEntry(_ entry: SearchEntry) -> [UInt8] {
        if let known = lock.withLock({ encodedSearch[entry.u] }), known.entry == entry { return known.json }
        let json = SearchIndex.object(entry)
        lock.withLock { encodedSearch[entry.u] = (entry, json) }
        return json
    }

    /// Files made from the whole site (search indexes, the sitemap), kept with what they were made
    /// from, so a rebuild that changes one page does not encode megabytes again.
    private var wholeSiteFiles: [String: (source: [String], bytes: [UInt8])] = [:]

    func wholeSiteFile(_ path: String, from source: [String], _ make: () -> [UInt8]) -> [UInt8] {
        if let known = lock.withLock({ wholeSiteFiles[path] }), known.source == source { return known.bytes }
        let bytes = make()
        lock.withLock { wholeSiteFiles[path] = (source, bytes) }
        return bytes
    }

    /// Each module's coverage cells, with what they were worked out from.
    private var coverage: [String: (module: Module, tiers: [Tier], levels: [ServiceLevel], cells: [CoverageCell])] = [:]

    func coverage(of module: Module, config: SiteConfig, _ make: () -> [CoverageCell]) -> [CoverageCell] {
        if let known = lock.withLock({ coverage[module.path] }), known.module == module, known.tiers == config.tiers,
           known.levels == config.levels { return known.cells }
        let cells = make()
        lock.withLock { coverage[module.path] = (module, config.tiers, config.levels, cells) }
        return cells
    }

    /// The templates compiled for each language, kept while no template and no language changed.
    private var templates: (files: [String: [UInt8]], languages: [Language], result: (TemplateSet?, [Diagnostic]))?

    func templates(_ tree: FileTree, languages: [Language], _ load: () -> (TemplateSet?, [Diagnostic])) -> (TemplateSet?, [Diagnostic]) {
        if let known = lock.withLock({ templates }), known.languages == languages, known.files == tree.files { return known.result }
        let result = load()
        lock.withLock { templates = (tree.files, languages, result) }
        return result
    }

    func languageDiagnostics(for key: LanguageKey, _ compute: () -> [Diagnostic]) -> [Diagnostic] {
        if let known = lock.withLock({ language[key.file] }), known.key == key { return known.found }
        let found = compute()
        lock.withLock { language[key.file] = (key, found) }
        return found
    }
}
