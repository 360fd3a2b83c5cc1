// The Render stage: turns each planned page into HTML. Markdown bodies go through the cmark
// wrapper with links resolved for the reader's level and tier (BodyConverter.swift); then a
// Mustache template, chosen by page kind, wraps the body (PageViews.swift, ViewPieces.swift). All
// the words and markup of the page chrome live in Templates/. This file spreads the pages over
// the cores, reuses unchanged pages for the preview, and puts the site's files together.

import Foundation
import WaymarkMarkdown

public struct RenderedSite: Sendable {
    /// Output path to bytes.
    public var files: [String: [UInt8]]
    public var pageCounts: [Audience: Int]
    /// Pages to print to PDF when PDFs are asked for.
    public var pdfJobs: [PDFJob]
    /// What each page made from Markdown says, for the checks.
    public var facts: [PageFacts]
    /// The problems found while rendering each page, by output path, so a page that is reused in
    /// a rebuild keeps reporting them.
    public var diagnosticsByPage: [String: [Diagnostic]] = [:]
    /// How many pages were rendered in this run (the rest were reused from the previous one).
    public var renderedPages: Int = 0
}

/// For the development server: the previous build's pages, and which of them are still right.
public struct PageReuse: Sendable {
    public var previous: RenderedSite
    /// Source files (as shown in diagnostics) whose text changed since `previous`.
    public var changedFiles: Set<String>

    public init(previous: RenderedSite, changedFiles: Set<String>) {
        self.previous = previous
        self.changedFiles = changedFiles
    }
}

/// What the Markdown of one rendered page contains, with source positions: the Check stage
/// reads this instead of parsing the HTML or the Markdown again.
public struct PageFacts: Sendable {
    public struct Link: Sendable {
        public var url: String
        public var text: String
        public var isImage: Bool
        public var location: SourceLocation
        /// The page of this site it leads to, and the anchor on it, when it leads to one.
        public var target: PlannedPage?
        public var fragment: String?
    }

    public var page: PlannedPage
    /// The page's language code when it is a translation (reading-age and language checks are
    /// written for the site's own language and skip it).
    public var language: String? { page.language }
    /// The source file, as shown in diagnostics.
    public var file: String
    public var level: String?
    public var tier: String?
    public var prose: [ProseBlock]
    public var headings: [MarkdownHeading]
    public var links: [Link]
}

struct PageRenderer: Sendable {
    let content: Content
    let plan: SitePlan
    /// Worked out once, after the plan; the editors' coverage page shows it.
    let coverage: SiteCoverage
    let templates: TemplateSet
    let links: LinkResolver
    let settings: RenderSettings
    let reuse: PageReuse?
    let previousFacts: [String: PageFacts]
    /// The documents of each language (nil: the site's own), a translation's taking the place
    /// of the source's; and site.yml's settings with each language's words.
    let documentSets: [String: Documents]
    let sourceDocuments: Documents
    let configs: [String: SiteConfig]
    /// Each translated file's status, by the file as shown in diagnostics.
    let translationStatus: [String: TranslationStatus]
    /// The language of the page being rendered (nil: the site's own). Each worker has its own copy.
    var language: String?
    /// Sorted once, not once per page: large sites have thousands of pages.
    let orderedModules: [Module]
    let moduleIndex: [String: Int]
    let orderedPages: [Page]
    /// The pages of `pages/` with an `order` make the footer menu.
    let footerPages: [Page]
    /// Search entries by index file, made once from the content.
    let searchIndexes: [String: SearchIndexFile]
    /// Glossary terms prepared once for each reader (tier id, or `parents`).
    let glossaryTerms: [String: GlossaryLinks]
    var diagnostics: [Diagnostic] = []
    var facts: [PageFacts] = []
    /// What the development server keeps between rebuilds; nil for a one-off build.
    let cache: BuildCache?

    init(content: Content, plan: SitePlan, coverage: SiteCoverage, templates: TemplateSet, settings: RenderSettings = RenderSettings(),
         reuse: PageReuse? = nil, cache: BuildCache? = nil) {
        self.content = content
        self.coverage = coverage
        self.settings = settings
        self.reuse = reuse
        self.cache = cache
        self.previousFacts = Dictionary((reuse?.previous.facts ?? []).map { ($0.page.outputPath, $0) }, uniquingKeysWith: { a, _ in a })
        self.plan = plan
        self.templates = templates
        self.links = LinkResolver(plan: plan, content: content)
        let source = Documents(modules: content.modules, pages: content.pages, worksheets: content.worksheets,
                               sessions: content.sessions)
        self.sourceDocuments = source
        var documentSets: [String: Documents] = [:]
        var configs: [String: SiteConfig] = [:]
        for (code, translation) in content.translations {
            documentSets[code] = source.replacing(with: Documents(modules: translation.modules, pages: translation.pages,
                                                                  worksheets: translation.worksheets, sessions: translation.sessions))
            configs[code] = content.config.translated(translation.words)
        }
        self.documentSets = documentSets
        self.configs = configs
        var statuses: [String: TranslationStatus] = [:]
        for translation in content.translations.values {
            for document in translation.documents { statuses[document.file] = document.meta.translation }
        }
        self.translationStatus = statuses
        self.orderedModules = SitePlan.ordered(content.modules)
        self.moduleIndex = Dictionary(orderedModules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        self.orderedPages = SitePlan.ordered(content.pages)
        self.footerPages = orderedPages.filter { $0.section == .pages && $0.id != "index" && $0.meta.order != nil }
        self.searchIndexes = SearchIndex.build(content: content, plan: plan, cache: cache)
        var glossaryTerms: [String: GlossaryLinks] = [:]
        for reader in content.config.tiers.map(\.id) + ["parents"] {
            let entries = content.glossary.filter { $0.definitions[reader] != nil }
            if !entries.isEmpty { glossaryTerms[reader] = GlossaryLinks(entries: entries.map { ($0.term, $0.also, $0.anchor) }, pageURL: "") }
        }
        self.glossaryTerms = glossaryTerms
    }

    /// site.yml's settings, in the language of the page being rendered.
    var config: SiteConfig { language.flatMap { configs[$0] } ?? content.config }
    var documents: Documents { language.flatMap { documentSets[$0] } ?? sourceDocuments }
    var modules: [String: Module] { documents.modules }
    var pages: [String: Page] { documents.pages }
    var worksheets: [String: Worksheet] { documents.worksheets }
    var sessions: [String: SessionPlan] { documents.sessions }

    /// An interface string in the page's language (see Templates/strings/).
    func string(_ key: String) -> String { templates.string(key, language: language) ?? "" }

    /// One page's result, made by whichever worker rendered it.
    private struct PageResult: Sendable {
        var html: [UInt8]?
        var facts: [PageFacts]
        var diagnostics: [Diagnostic]
        var rendered: Bool
    }

    mutating func renderSite() -> (RenderedSite, [Diagnostic]) {
        var files: [String: [UInt8]] = [:]
        var counts: [Audience: Int] = [:]
        var byPage: [String: [Diagnostic]] = [:]
        var rendered = 0
        Markdown.prepare()
        // Pages are independent: render them on every core, then gather the results in plan
        // order so the output, and the order of diagnostics, never depend on timing.
        let pages = plan.pages
        let results = ResultSlots<PageResult>(count: pages.count)
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, pages.count / 8))
        let renderer = self
        Parallel.run(workers: workers) { worker in
            var copy = renderer
            for index in stride(from: worker, to: pages.count, by: workers) {
                results[index] = copy.renderOne(pages[index])
            }
        }
        for (page, result) in zip(pages, results.values) {
            counts[page.kind.audience, default: 0] += 1
            guard let result else { continue }
            if let html = result.html { files[page.outputPath] = html }
            facts += result.facts
            diagnostics += result.diagnostics
            byPage[page.outputPath] = result.diagnostics
            if result.rendered { rendered += 1 }
        }
        for (path, bytes) in templates.assets { files["assets/" + path] = bytes }
        for (path, bytes) in templates.staticFiles { files[path] = bytes }
        for (path, bytes) in content.images { files[path] = bytes }
        for (path, index) in searchIndexes {
            // The preview keeps each entry's JSON: an edit encodes only the entries it changed.
            files[path] = SearchIndex.encode(index, encoded: cache.map { cache in { cache.encodedSearchEntry($0) } })
        }
        // Print footer: a stylesheet made from a template, so the help line comes from site.yml.
        // The first helpline with a phone that is for these readers alone and for talking to
        // (Childline for young people; for parents, the first for adults worried about a child,
        // the NSPCC Helpline), else the first with a phone.
        func line(_ audience: Audience) -> String {
            let phoned = config.helplines(for: audience).filter { !$0.phones.isEmpty }
            let purpose: RoutePurpose = audience == .parents ? .worriedAdult : .talk
            let chosen = phoned.first { $0.audiences == [audience] && $0.purposes.contains(purpose) }
                ?? phoned.first { $0.audiences == [audience] } ?? phoned.first
            return chosen.map { "\($0.name) \($0.phones.joined(separator: " or "))" } ?? ""
        }
        for code in [nil] + content.config.languages.map(\.code) {
            language = code
            let isRTL = code.flatMap { content.config.translation($0) }?.direction == .rtl
            if let css = templates.render("print.css", ["helpline": line(.youngPeople), "adultHelpline": line(.parents),
                                                        "site": config.title, "pageOf": printedPageNumber(),
                                                        "startBox": isRTL ? "bottom-right" : "bottom-left",
                                                        "endBox": isRTL ? "bottom-left" : "bottom-right"], language: code) {
                files["assets/" + PageRenderer.printStylesheet(code)] = Array(css.utf8)
            }
        }
        language = nil
        if config.sitemap, let base = config.baseURL {
            let source = [base] + plan.pages.map(\.outputPath)
            files["sitemap.xml"] = cache?.wholeSiteFile("sitemap.xml", from: source) { Array(sitemap(base: base).utf8) }
                ?? Array(sitemap(base: base).utf8)
        }
        // Shared text appears in several variants: report each problem once.
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        let jobs = plan.pages.compactMap { page in page.pdfPath.map { PDFJob(page: page.outputPath, pdf: $0) } }
        return (RenderedSite(files: files, pageCounts: counts, pdfJobs: jobs, facts: facts,
                             diagnosticsByPage: byPage, renderedPages: rendered), unique)
    }

    /// The print stylesheet of a language: `print.css`, or `print-cy.css` for Welsh pages.
    static func printStylesheet(_ language: String?) -> String {
        language.map { "print-\($0).css" } ?? "print.css"
    }

    /// "Page {page} of {pages}" as a CSS `content` value, with the printer's counters.
    func printedPageNumber() -> String {
        let text = string("print.page_of")
        func quoted(_ part: Substring) -> String { part.isEmpty ? "" : "\"" + TemplateSet.escapeCSS(part) + "\"" }
        var parts: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            parts.append(quoted(rest[..<open]))
            parts.append(name == "pages" ? "counter(pages)" : "counter(page)")
            rest = rest[rest.index(after: close)...]
        }
        parts.append(quoted(rest))
        let value = parts.filter { !$0.isEmpty }.joined(separator: " ")
        return value.isEmpty ? "counter(page)" : value
    }

    /// Renders one page (or takes it from the previous build), with its own facts and problems.
    private mutating func renderOne(_ page: PlannedPage) -> PageResult {
        facts = []
        diagnostics = []
        language = page.language
        if let reuse, isReusable(page, reuse), let bytes = reuse.previous.files[page.outputPath] {
            return PageResult(html: bytes, facts: previousFacts[page.outputPath].map { [$0] } ?? [],
                              diagnostics: reuse.previous.diagnosticsByPage[page.outputPath] ?? [], rendered: false)
        }
        let html = render(page).map { Array($0.utf8) }
        return PageResult(html: html, facts: facts, diagnostics: diagnostics, rendered: true)
    }

    /// A page can be copied from the previous build when its own source did not change (nor, for
    /// a pack, any worksheet in it). The dev server only asks for reuse when no front matter,
    /// setting or template changed, so titles, menus and links are the same as before.
    func isReusable(_ page: PlannedPage, _ reuse: PageReuse) -> Bool {
        // The coverage page counts the words of every module.
        if case .coverage = page.kind { return false }
        guard let source = page.source else { return true }
        if reuse.changedFiles.contains(source) { return false }
        if case let .pack(id, _, _) = page.kind, let session = sessions[id] {
            return !session.worksheets.contains { ref in worksheets[ref.id].map { reuse.changedFiles.contains($0.file) } ?? true }
        }
        return true
    }

}

/// The documents pages are made from, by id (pages by `section/id`).
struct Documents: Sendable {
    var modules: [String: Module]
    var pages: [String: Page]
    var worksheets: [String: Worksheet]
    var sessions: [String: SessionPlan]

    init(modules: [Module], pages: [Page], worksheets: [Worksheet], sessions: [SessionPlan]) {
        self.modules = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.pages = Dictionary(pages.map { ("\($0.section.rawValue)/\($0.id)", $0) }, uniquingKeysWith: { a, _ in a })
        self.worksheets = Dictionary(worksheets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.sessions = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// These documents with a translation's in place of the ones it translates.
    func replacing(with translated: Documents) -> Documents {
        var copy = self
        copy.modules.merge(translated.modules) { _, new in new }
        copy.pages.merge(translated.pages) { _, new in new }
        copy.worksheets.merge(translated.worksheets) { _, new in new }
        copy.sessions.merge(translated.sessions) { _, new in new }
        return copy
    }
}
