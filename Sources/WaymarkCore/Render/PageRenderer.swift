// The Render stage: turns each planned page into HTML. The bodies come converted (Convert/);
// a Mustache template, chosen by page kind, wraps them (PageViews.swift, ViewPieces.swift), and
// worksheet elements and take-a-break panels get their partials here. All the words and markup
// of the page chrome live in Templates/. This file spreads the pages over the cores and puts the
// site's files together.

import Foundation
import WaymarkMarkdown
import WaymarkModel

public struct RenderedSite: Sendable {
    /// Output path to bytes; empty when Render wrote the files into a staging folder as it made them.
    public var files: [String: [UInt8]]
    public var pageCounts: [Audience: Int]
    /// Pages to print to PDF when PDFs are asked for.
    public var pdfJobs: [PDFJob]
    /// How many pages were rendered in this run (the rest were taken from the memo).
    public var renderedPages: Int = 0
    /// site.yml's `base_url`: PDFs are printed at the site's own address.
    public var baseURL: String?
}

struct PageRenderer: Sendable {
    let content: Content
    let plan: SitePlan
    /// Worked out once, after the plan; the editors' coverage page shows it.
    let coverage: SiteCoverage
    let templates: TemplateSet
    /// The pages' bodies, from the Convert stage, by output path.
    let bodies: [String: PageBodies]
    let settings: RenderSettings
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
    /// Each tier's calm page (`calm: 11-13`), by tier id: its page id.
    let calmPages: [String: String]
    /// The pages of `pages/` with an `order` make the footer menu.
    let footerPages: [Page]
    /// Search entries by index file (titles, addresses and levels: for the A to Z lists).
    let searchIndexes: [String: SearchIndexFile]
    /// The search indexes as the site serves them, encoded before the pages are made; handed
    /// to the output before the pages, and let go.
    private(set) var searchFiles: [String: [UInt8]]
    var diagnostics: [Diagnostic] = []
    /// The help box's routes for each language and reader, made once rather than once a page
    /// (they were a sixteenth of a large site's work): key `language|parents` or `language|tier`.
    private(set) var helpBoxes: [String: [HelplineView]] = [:]
    /// Activities on the page so far (their ids count up), and whether they show open: on pages
    /// that are printed (worksheets, packs), folded on a reader's page.
    var activityCount = 0
    var activitiesOpen = false
    /// The calm page a take-a-break panel on this page links to.
    var calmLink: String?
    /// Work kept from an earlier run (the preview's); nil for a one-off build.
    let memo: (any Memo)?

    init(content: Content, plan: SitePlan, bodies: [String: PageBodies], coverage: SiteCoverage, search: [String: SearchIndexFile],
         searchFiles: [String: [UInt8]],
         templates: TemplateSet, settings: RenderSettings = RenderSettings(), memo: (any Memo)? = nil) {
        self.content = content
        self.coverage = coverage
        self.bodies = bodies
        self.settings = settings
        self.memo = memo
        self.plan = plan
        self.templates = settings.engine == .swiftMustache ? templates.withoutCompiled : templates
        let source = Documents(content)
        self.sourceDocuments = source
        var documentSets: [String: Documents] = [:]
        var configs: [String: SiteConfig] = [:]
        for (code, translation) in content.translations {
            documentSets[code] = source.replacing(with: Documents(translation))
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
        self.calmPages = Dictionary(content.pages.compactMap { page in page.calmTier.map { ($0.id, page.id) } }, uniquingKeysWith: { a, _ in a })
        self.footerPages = orderedPages.filter { $0.section == .pages && $0.id != "index" && $0.meta.order != nil }
        self.searchIndexes = search
        self.searchFiles = searchFiles
        var boxes: [String: [HelplineView]] = [:]
        var speaker = self
        for code in [nil] + content.config.languages.map(\.code) {
            speaker.language = code
            for reader in [nil] + content.config.tiers.map(\.id) + ["parents"] {
                boxes[PageRenderer.helpBoxKey(code, reader)] = speaker.makeHelpBox(reader: reader)
            }
        }
        self.helpBoxes = boxes
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
        var diagnostics: [Diagnostic]
        var rendered: Bool
    }

    /// Every file of the site.
    /// - Parameter folder: where to write each file as soon as it is made (a one-off build); nil
    ///   keeps them all in `files` (tests, `check`, the preview).
    mutating func renderSite(writingTo folder: StagingFolder? = nil) -> (RenderedSite, [Diagnostic]) {
        var files: [String: [UInt8]] = [:]
        func keep(_ path: String, _ bytes: [UInt8]) {
            if let folder { folder.write(bytes, to: path) } else { files[path] = bytes }
        }
        var counts: [Audience: Int] = [:]
        var rendered = 0
        let pages = plan.pages
        if folder == nil {
            files.reserveCapacity(pages.count + templates.assets.count + templates.staticFiles.count + content.images.count + searchFiles.count + 8)
        }
        // The files made before the pages go first: a one-off build then need not hold the
        // search indexes' megabytes while its pages are made.
        do {
            let ready = searchFiles
            searchFiles = [:]
            for (path, bytes) in ready { keep(path, bytes) }
        }
        for (path, bytes) in templates.assets { keep("assets/" + path, bytes) }
        for (path, bytes) in templates.staticFiles { keep(path, bytes) }
        for (path, bytes) in content.images { keep(path, bytes) }
        // Pages are independent: render them on every core, then gather the results in plan
        // order so the output, and the order of diagnostics, never depend on timing. Written
        // by the worker that made it, a page's HTML is let go at once. The pages that list the
        // whole site take longest and are started first, so that no core is left finishing one
        // of them alone at the end.
        let order = pages.indices.filter { pages[$0].kind.listsTheWholeSite } + pages.indices.filter { !pages[$0].kind.listsTheWholeSite }
        let made = Parallel.map(order, state: self) { renderer, index in
            let page = pages[index]
            var result = renderer.renderOne(page)
            if let folder, let html = result.html {
                folder.write(html, to: page.outputPath)
                result.html = nil
            }
            return result
        }
        var results = [PageResult?](repeating: nil, count: pages.count)
        for (index, result) in zip(order, made) { results[index] = result }
        for (page, result) in zip(pages, results) {
            guard let result else { continue }
            counts[page.kind.audience, default: 0] += 1
            if let html = result.html { files[page.outputPath] = html }
            diagnostics += result.diagnostics
            if result.rendered { rendered += 1 }
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
            var view = PrintStylesheetView(helpline: line(.youngPeople), adultHelpline: line(.parents), site: config.title,
                                           pageOf: printedPageNumber(), startBox: isRTL ? "bottom-right" : "bottom-left",
                                           endBox: isRTL ? "bottom-left" : "bottom-right")
            view.sessions = plan.pages.compactMap { page -> PrintStylesheetView.SessionFooter? in
                guard case let .pack(id, level, tier) = page.kind, page.language == code, let session = sessions[id],
                      let levelName = config.level(level)?.name, let tierLabel = config.tier(tier)?.label else { return nil }
                return .init(name: PageRenderer.printPageName(id, level, tier),
                             text: TemplateSet.escapeCSS(Substring("\(session.meta.title) · \(levelName) · \(tierLabel)")))
            }
            if let css = templates.render("print.css", view, language: code) {
                keep("assets/" + PageRenderer.printStylesheet(code), Array(css.utf8))
            }
        }
        language = nil
        if config.sitemap, let base = config.baseURL {
            let source = [base] + plan.pages.map(\.outputPath)
            keep("sitemap.xml", remembered(memo, .wholeSiteFile, "sitemap.xml", madeFrom: source) { Array(sitemap(base: base).utf8) })
        }
        // Shared text appears in several variants: report each problem once.
        let unique = diagnostics.withoutRepeats()
        let jobs = plan.pages.compactMap { page in page.pdfPath.map { PDFJob(page: page.outputPath, pdf: $0) } }
        return (RenderedSite(files: files, pageCounts: counts, pdfJobs: jobs, renderedPages: rendered,
                             baseURL: content.config.baseURL), unique)
    }

    /// The CSS page name of a session's plan and pack, in the print stylesheet.
    static func printPageName(_ id: String, _ level: String, _ tier: String) -> String { "session-\(id)-\(level)-\(tier)" }

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

    /// Renders one page, or takes it from the memo when its converted bodies are the same as
    /// when it was kept. The coverage page counts every module's words and is always made again.
    private mutating func renderOne(_ page: PlannedPage) -> PageResult {
        let bodies = self.bodies[page.outputPath] ?? PageBodies()
        if let memo, page.kind != .coverage {
            var made = false
            // A plan prints the answer keys of its worksheets' activities: it is made again when they change.
            var key = bodies
            if case let .sessionPlan(id, level, tier) = page.kind, let session = sessions[id] {
                key.worksheets = session.worksheets.flatMap { ref in
                    [PageKind.worksheet(id: ref.id, level: level, tier: tier), .simplerWorksheet(id: ref.id, level: level, tier: tier)]
                        .compactMap { plan.page($0).flatMap { self.bodies[$0.outputPath]?.main } }
                }
            }
            let kept = memo.value(.pageHTML, page.outputPath, madeFrom: key) { () -> PageResult in
                made = true
                return self.make(page, bodies)
            }
            return PageResult(html: kept.html, diagnostics: kept.diagnostics, rendered: made)
        }
        return make(page, bodies)
    }

    private mutating func make(_ page: PlannedPage, _ bodies: PageBodies) -> PageResult {
        diagnostics = []
        language = page.language
        activityCount = 0
        calmLink = calmURL(for: page)
        switch page.kind {
        case .worksheet, .simplerWorksheet, .pack: activitiesOpen = true
        default: activitiesOpen = false
        }
        let html = render(page, bodies).map { Array($0.utf8) }
        return PageResult(html: html, diagnostics: diagnostics, rendered: true)
    }

    /// A converted body as HTML: its Markdown as it is, its worksheet elements and panels through
    /// their partials. `leavingOutNow`: the page shows its what-to-do-now panels apart (`now(_:)`).
    mutating func html(_ body: ConvertedBody?, leavingOutNow: Bool = false) -> String {
        guard let body else { return "" }
        var html = ""
        for piece in body.pieces {
            switch piece {
            case .html(let part):
                html += part
            case .panel(.takeABreak, let part):
                html += templates.render("partials/take-a-break", PanelView(content: part, calmURL: calmLink), language: language) ?? part
            case .panel(.now, let part):
                if !leavingOutNow { html += nowPanel(part) }
            case .panel(.more, let part):
                html += morePanel(part)
            case let .activity(activity, _):
                activityCount += 1
                html += templates.render("partials/activity", ActivityView(activity, number: activityCount, open: activitiesOpen), language: language) ?? ""
            case let .element(element, at, symbolBase):
                if let drawn = elementHTML(element) { html += WorksheetSymbol.show(drawn, base: symbolBase) } else {
                    diagnostics.append(.error("the template for this element could not be rendered", at: at, rule: "template.render"))
                }
            }
        }
        return html
    }

    /// The body's what-to-do-now panels, for a page that shows them first; nil when it has none.
    func now(_ body: ConvertedBody?) -> String? {
        let parts = body?.pieces.compactMap { piece -> String? in
            if case .panel(.now, let part) = piece { return part } else { return nil }
        } ?? []
        // One panel, whatever the number of blocks it was written in (shared steps, then a tier's).
        return parts.isEmpty ? nil : nowPanel(parts.joined())
    }

    func nowPanel(_ part: String) -> String {
        templates.render("partials/now", PanelView(content: part), language: language) ?? part
    }

    /// A `::: more` part: its first heading becomes what the reader taps to open it.
    func morePanel(_ part: String) -> String {
        let (heading, rest) = MoreView.splittingHeading(part)
        return templates.render("partials/more", MoreView(heading: heading, content: rest), language: language) ?? part
    }

    /// A worksheet element through its template in Templates/partials/print/.
    func elementHTML(_ element: PrintElement) -> String? {
        func numbered(_ n: Int) -> [NumberItem] { (0..<n).map { NumberItem(n: $0 + 1) } }
        let (name, view): (String, any TemplateView)
        switch element {
        case .nameDate: (name, view) = ("name-date", EmptyView())
        case .lines(let count): (name, view) = ("lines", LinesView(lines: numbered(count)))
        case .box(let lines, let label): (name, view) = ("box", LinesView(lines: numbered(lines), label: label))
        case .scale(let from, let to, let low, let high):
            (name, view) = ("scale", ScaleView(points: (from...to).map { NumberItem(n: $0) }, low: low, high: high))
        case .tickList(let items): (name, view) = ("ticklist", TickListView(items: items.map { TextItem(text: $0) }))
        case .pictureCards(let items): (name, view) = ("picture-cards", TickListView(items: items.map { TextItem(text: $0) }))
        case .cards(let piles, let cards):
            (name, view) = ("cards", CardsView(piles: piles.map { LabelItem(label: $0) }, cards: cards.map { TextItem(text: $0) }))
        case .trustedCircle: (name, view) = ("trusted-circle", EmptyView())
        case .safetyPlan: (name, view) = ("safety-plan", EmptyView())
        case .breathe: (name, view) = ("breathe", EmptyView())
        case .activity: return nil // dressed by partials/activity, from its converted piece
        }
        return templates.render("partials/print/" + name, view, language: language)
    }

}

