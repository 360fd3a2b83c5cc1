// The Render stage: turns each planned page into HTML. Markdown bodies go through the cmark
// wrapper with links resolved for the reader's level and tier; then a Mustache template, chosen
// by page kind, wraps the body. All the words and markup of the page chrome live in Templates/.

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
    private let previousFacts: [String: PageFacts]
    /// The documents of each language (nil: the site's own), a translation's taking the place
    /// of the source's; and site.yml's settings with each language's words.
    private let documentSets: [String: Documents]
    private let sourceDocuments: Documents
    private let configs: [String: SiteConfig]
    /// Each translated file's status, by the file as shown in diagnostics.
    private let translationStatus: [String: TranslationStatus]
    /// The language of the page being rendered (nil: the site's own). Each worker has its own copy.
    private var language: String?
    /// Sorted once, not once per page: large sites have thousands of pages.
    private let orderedModules: [Module]
    private let moduleIndex: [String: Int]
    private let orderedPages: [Page]
    /// The pages of `pages/` with an `order` make the footer menu.
    private let footerPages: [Page]
    /// Search entries by index file, made once from the content.
    private let searchIndexes: [String: SearchIndexFile]
    /// Glossary terms prepared once for each reader (tier id, or `parents`).
    private let glossaryTerms: [String: GlossaryLinks]
    private var diagnostics: [Diagnostic] = []
    private var facts: [PageFacts] = []
    /// What the development server keeps between rebuilds; nil for a one-off build.
    private let cache: BuildCache?

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
    private var documents: Documents { language.flatMap { documentSets[$0] } ?? sourceDocuments }
    private var modules: [String: Module] { documents.modules }
    private var pages: [String: Page] { documents.pages }
    private var worksheets: [String: Worksheet] { documents.worksheets }
    private var sessions: [String: SessionPlan] { documents.sessions }

    /// An interface string in the page's language (see Templates/strings/).
    private func string(_ key: String) -> String { templates.string(key, language: language) ?? "" }

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
    private func printedPageNumber() -> String {
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
    private func isReusable(_ page: PlannedPage, _ reuse: PageReuse) -> Bool {
        // The coverage page counts the words of every module.
        if case .coverage = page.kind { return false }
        guard let source = page.source else { return true }
        if reuse.changedFiles.contains(source) { return false }
        if case let .pack(id, _, _) = page.kind, let session = sessions[id] {
            return !session.worksheets.contains { ref in worksheets[ref.id].map { reuse.changedFiles.contains($0.file) } ?? true }
        }
        return true
    }

    // MARK: Pages

    private mutating func render(_ page: PlannedPage) -> String? {
        var context = common(for: page)
        let template: String
        switch page.kind {
        case .home:
            template = "home"
            context["youngPeopleURL"] = url(page, .youngPeopleIndex)
            context["parentsURL"] = url(page, .parentsIndex)
            context["aboutURL"] = url(page, .page("about"))
            context["helpURL"] = url(page, .page("help"))
            // A language's home page lists what is published in that language.
            if let language {
                let translated = plan.pages.filter { $0.language == language && $0.kind != .home }
                    .compactMap { target -> [String: Any]? in
                        guard let (title, summary) = titleAndSummary(of: target.kind) else { return nil }
                        return ["title": title, "summary": summary ?? "", "url": RelativeURL.from(page.outputPath, to: target.urlPath)]
                    }
                context["translatedPages"] = translated
                if !translated.isEmpty { context["hasTranslatedPages"] = true }
            }
        case .notFound:
            template = "404"
        case .youngPeopleIndex:
            template = "young-people"
            context["levels"] = config.levels.map { level in
                levelView(level).merging(["tiers": config.tiers.map { tier in
                    ["label": tier.label, "id": tier.id, "url": url(page, .variantIndex(level: level.id, tier: tier.id)) ?? ""]
                }]) { a, _ in a }
            }
            context["tiers"] = config.tiers.map(tierView)
            context["firstLevel"] = config.levels.first?.youngName ?? ""
        case let .variantIndex(levelID, tierID):
            template = "variant-index"
            guard addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["modules"] = orderedModules.compactMap { module -> [String: Any]? in
                guard let target = plan.page(.moduleVariant(module: module.id, level: levelID, tier: tierID), language: language) else { return nil }
                return ["title": module.meta.title, "summary": module.meta.summary ?? "",
                        "url": RelativeURL.from(page.outputPath, to: target.urlPath)]
            }
            context["otherTiers"] = config.tiers.map { other in
                ["label": other.label, "current": other.id == tierID,
                 "url": url(page, .variantIndex(level: levelID, tier: other.id)) ?? ""]
            }
            context["otherLevels"] = config.levels.map { other in
                ["name": other.youngName, "current": other.id == levelID,
                 "url": url(page, .variantIndex(level: other.id, tier: tierID)) ?? ""]
            }
        case let .moduleVariant(moduleID, levelID, tierID):
            template = "module"
            guard let module = modules[moduleID], addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["page"] = metaView(module.meta)
            context["content"] = body(module.body, source: module.path, file: module.file, page: page, level: levelID, tier: tierID)
            context["indexURL"] = url(page, .variantIndex(level: levelID, tier: tierID))
            context["overviewURL"] = url(page, .moduleOverview(module: moduleID))
            // Every variant the site has, in whichever language each is published.
            let variants = SitePlan.variants(of: sourceDocuments.modules[moduleID] ?? module, in: config)
            context["otherTiers"] = variants.filter { $0.level.id == levelID }.map { v in
                ["label": v.tier.label, "current": v.tier.id == tierID,
                 "url": url(page, .moduleVariant(module: moduleID, level: levelID, tier: v.tier.id)) ?? ""]
            }
            context["otherLevels"] = variants.filter { $0.tier.id == tierID }.map { v in
                ["name": v.level.youngName, "current": v.level.id == levelID,
                 "url": url(page, .moduleVariant(module: moduleID, level: v.level.id, tier: tierID)) ?? ""]
            }
            // The modules before and after this one that this reader also has.
            if let index = moduleIndex[moduleID] {
                let covers = { (m: Module) in plan.page(.moduleVariant(module: m.id, level: levelID, tier: tierID), language: language) != nil }
                if let before = orderedModules[..<index].last(where: covers) { context["previous"] = moduleLink(before, page, levelID, tierID) }
                if let after = orderedModules[(index + 1)...].first(where: covers) { context["next"] = moduleLink(after, page, levelID, tierID) }
            }
        case let .moduleOverview(moduleID):
            template = "module-overview"
            guard let module = modules[moduleID] else { return nil }
            context["page"] = metaView(module.meta)
            let variants = SitePlan.variants(of: module, in: config)
            context["levels"] = config.levels.filter { level in variants.contains { $0.level.id == level.id } }.map { level in
                levelView(level).merging(["tiers": variants.filter { $0.level.id == level.id }.map { v in
                    ["label": v.tier.label, "url": url(page, .moduleVariant(module: moduleID, level: level.id, tier: v.tier.id)) ?? ""]
                }]) { a, _ in a }
            }
        case .parentsIndex:
            template = "parents-index"
            if let intro = pages["parents/index"] {
                context["page"] = metaView(intro.meta)
                context["content"] = body(intro.body, source: intro.path, file: intro.file, page: page)
            } else {
                context["page"] = ["title": string("header.parents")]
            }
            context["pages"] = orderedPages.filter { $0.section == .parents && !$0.isSectionIntro }.map {
                ["title": $0.meta.title, "summary": $0.meta.summary ?? "", "url": url(page, .parentsPage($0.id)) ?? ""]
            }
        case let .parentsPage(id):
            template = "parents-page"
            guard let source = pages["parents/\(id)"] else { return nil }
            context["page"] = metaView(source.meta)
            context["content"] = body(source.body, source: source.path, file: source.file, page: page)
            context["parentsURL"] = url(page, .parentsIndex)
            if let ref = source.childReads, let module = modules[ref.id] {
                let variants = SitePlan.variants(of: module, in: config)
                // Parents see the first level the module covers: the one that explains the signs.
                let level = variants.first?.level.id
                context["childReads"] = [
                    "title": module.meta.title,
                    "overviewURL": url(page, .moduleOverview(module: module.id)) ?? "",
                    "tiers": variants.filter { $0.level.id == level }.map { v in
                        ["label": v.tier.label, "url": url(page, .moduleVariant(module: module.id, level: v.level.id, tier: v.tier.id)) ?? ""]
                    },
                ] as [String: Any]
            }
        case .facilitatorsIndex:
            template = "facilitators"
            let sessionsInOrder = SitePlan.ordered(content.sessions)
            context["levels"] = config.levels.compactMap { level -> [String: Any]? in
                let tiers = config.tiers.compactMap { tier -> [String: Any]? in
                    let here = sessionsInOrder.filter {
                        plan.page(.sessionPlan(id: $0.id, level: level.id, tier: tier.id)) != nil
                    }
                    guard !here.isEmpty else { return nil }
                    return ["label": tier.label,
                            "programmeURL": url(page, .programme(level: level.id, tier: tier.id)) ?? "",
                            "sessions": programmeOrder(here).map { session in
                        ["title": session.meta.title, "summary": session.meta.summary ?? "", "length": session.length ?? "",
                         "part": string("programme." + session.part.rawValue),
                         "planURL": url(page, .sessionPlan(id: session.id, level: level.id, tier: tier.id)) ?? "",
                         "packURL": url(page, .pack(id: session.id, level: level.id, tier: tier.id)) ?? ""]
                    }]
                }
                guard !tiers.isEmpty else { return nil }
                return levelView(level).merging(["tiers": tiers]) { a, _ in a }
            }
            context["worksheets"] = SitePlan.ordered(content.worksheets).map { worksheet in
                ["title": worksheet.meta.title, "summary": worksheet.meta.summary ?? "", "time": worksheet.time ?? "",
                 "variants": SitePlan.variants(of: worksheet, in: config).map { v in
                    ["label": "\(v.level.youngName), \(v.tier.label.lowercased())",
                     "url": url(page, .worksheet(id: worksheet.id, level: v.level.id, tier: v.tier.id)) ?? "",
                     "simplerURL": url(page, .simplerWorksheet(id: worksheet.id, level: v.level.id, tier: v.tier.id)) ?? ""]
                 }] as [String: Any]
            }
        case let .programme(levelID, tierID):
            template = "programme"
            guard addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["facilitatorsURL"] = url(page, .facilitatorsIndex)
            let here = content.sessions.filter { plan.page(.sessionPlan(id: $0.id, level: levelID, tier: tierID)) != nil }
            context["sessions"] = programmeOrder(here).enumerated().map { index, session -> [String: Any] in
                var view = sessionView(session)
                view["step"] = index + 1
                view["part"] = string("programme." + session.part.rawValue)
                view["summary"] = session.meta.summary ?? ""
                view["planURL"] = url(page, .sessionPlan(id: session.id, level: levelID, tier: tierID)) ?? ""
                view["packURL"] = url(page, .pack(id: session.id, level: levelID, tier: tierID)) ?? ""
                if let pack = plan.page(.pack(id: session.id, level: levelID, tier: tierID)), settings.pdfLinks, let pdf = pack.pdfPath {
                    view["packPDFURL"] = RelativeURL.from(page.outputPath, to: pdf)
                }
                if let handout = url(page, .handout(id: session.id, level: levelID, tier: tierID)) { view["handoutURL"] = handout }
                view["worksheets"] = session.worksheets.compactMap { ref -> [String: Any]? in
                    guard let worksheet = worksheets[ref.id] else { return nil }
                    return ["title": worksheet.meta.title,
                            "url": url(page, .worksheet(id: ref.id, level: levelID, tier: tierID)) ?? "",
                            "simplerURL": url(page, .simplerWorksheet(id: ref.id, level: levelID, tier: tierID)) ?? ""]
                }
                return view
            }
        case let .worksheet(id, levelID, tierID), let .simplerWorksheet(id, levelID, tierID):
            template = "worksheet"
            guard let worksheet = worksheets[id], addReader(&context, level: levelID, tier: tierID) else { return nil }
            let simpler = page.kind == .simplerWorksheet(id: id, level: levelID, tier: tierID)
            context["page"] = metaView(worksheet.meta)
            context["worksheet"] = worksheetView(worksheet)
            context["content"] = body(worksheet.body, source: worksheet.path, file: worksheet.file, page: page,
                                      level: levelID, tier: tierID, simpler: simpler)
            context["facilitatorsURL"] = url(page, .facilitatorsIndex)
            if simpler {
                context["simpler"] = true
                context["otherVersionURL"] = url(page, .worksheet(id: id, level: levelID, tier: tierID))
            } else {
                context["otherVersionURL"] = url(page, .simplerWorksheet(id: id, level: levelID, tier: tierID))
            }
        case let .sessionPlan(id, levelID, tierID):
            template = "session"
            guard let session = sessions[id], addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["page"] = metaView(session.meta)
            context["session"] = sessionView(session)
            context["content"] = body(session.planBody, source: session.path, file: session.file, page: page,
                                      level: levelID, tier: tierID)
            context["packURL"] = url(page, .pack(id: id, level: levelID, tier: tierID))
            context["programmeURL"] = url(page, .programme(level: levelID, tier: tierID))
            context["sessionPart"] = string("programme." + session.part.rawValue)
            if let handout = plan.page(.handout(id: id, level: levelID, tier: tierID), language: language) {
                context["handoutURL"] = RelativeURL.from(page.outputPath, to: handout.urlPath)
                if settings.pdfLinks, let pdf = handout.pdfPath { context["handoutPDFURL"] = RelativeURL.from(page.outputPath, to: pdf) }
                context["handoutConsent"] = handoutConsent(tier: tierID)
            }
            if settings.pdfLinks, let pack = plan.page(.pack(id: id, level: levelID, tier: tierID), language: language), let pdf = pack.pdfPath {
                context["packPDFURL"] = RelativeURL.from(page.outputPath, to: pdf)
            }
            context["facilitatorsURL"] = url(page, .facilitatorsIndex)
            context["worksheets"] = session.worksheets.compactMap { ref -> [String: Any]? in
                guard let worksheet = worksheets[ref.id] else { return nil }
                return worksheetView(worksheet).merging(
                    ["url": url(page, .worksheet(id: ref.id, level: levelID, tier: tierID)) ?? "",
                     "simplerURL": url(page, .simplerWorksheet(id: ref.id, level: levelID, tier: tierID)) ?? ""]) { a, _ in a }
            }
        case let .pack(id, levelID, tierID):
            template = "pack"
            guard let session = sessions[id], addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["page"] = metaView(session.meta)
            context["session"] = sessionView(session)
            // One set of heading ids for the whole pack; the pack repeats text from other pages,
            // so its links are resolved again for this address but not checked twice.
            var ids = PageRenderer.templateIDs
            context["content"] = body(session.planBody, source: session.path, file: session.file, page: page,
                                      level: levelID, tier: tierID, usedIDs: &ids, recordFacts: false)
            context["planURL"] = url(page, .sessionPlan(id: id, level: levelID, tier: tierID))
            context["worksheets"] = session.worksheets.compactMap { ref -> [String: Any]? in
                guard let worksheet = worksheets[ref.id] else { return nil }
                let html = body(worksheet.body, source: worksheet.path, file: worksheet.file, page: page,
                                level: levelID, tier: tierID, usedIDs: &ids, recordFacts: false)
                return worksheetView(worksheet).merging(["content": html]) { a, _ in a }
            }
        case let .handout(id, levelID, tierID):
            template = "handout"
            guard let session = sessions[id], addReader(&context, level: levelID, tier: tierID) else { return nil }
            context["page"] = metaView(session.meta)
            context["session"] = sessionView(session)
            context["content"] = body(session.handout, source: session.path, file: session.file, page: page,
                                      level: levelID, tier: tierID)
            context["planURL"] = url(page, .sessionPlan(id: id, level: levelID, tier: tierID))
            context["handoutConsent"] = handoutConsent(tier: tierID)
        case let .glossary(reader):
            template = "glossary"
            let tier = config.tier(reader)
            context["readerLabel"] = tier?.label ?? string("glossary.for_parents")
            context["entries"] = content.glossary.compactMap { entry -> [String: Any]? in
                guard let definition = entry.definitions[reader] else { return nil }
                return ["term": entry.term, "anchor": entry.anchor, "definition": definition]
            }
            context["otherReaders"] = (config.tiers.map { ($0.id, $0.label) } + [("parents", string("glossary.for_parents"))]).map { id, label in
                ["label": label, "current": id == reader, "url": url(page, .glossary(reader: id)) ?? ""]
            }
        case let .search(scope):
            template = "search"
            let file = SearchIndex.file(for: scope, language: language)
            // Addresses in the indexes start from the site's root, whatever the page's language.
            let root = RelativeURL.from(page.outputPath, to: "")
            let prefix = root == "./" ? "" : root
            context["indexURL"] = prefix + file
            // A language's own search has only its pages; the site's pages stay in the English search.
            if language == nil { context["sharedURL"] = prefix + SearchIndex.shared } else {
                context["languageSearch"] = true
                context["englishSearchURL"] = plan.page(.search(scope: "site")).map { RelativeURL.from(page.outputPath, to: $0.urlPath) } ?? ""
            }
            context["searchRoot"] = root
            context["level"] = scope.contains("/") ? String(scope.split(separator: "/")[0]) : ""
            let own = searchIndexes[file]?.entries ?? []
            let shared = language == nil ? searchIndexes[SearchIndex.shared]?.entries ?? [] : []
            let entries = (own + shared).sorted { $0.t.lowercased() < $1.t.lowercased() }
            var letters: [(String, [[String: Any]])] = []
            var seen: Set<String> = []
            for entry in entries {
                // One link per title on the A to Z: the version for this page's level when there are several.
                if scope.contains("/"), !entry.l.isEmpty, entry.l != (context["level"] as? String) { continue }
                guard seen.insert(entry.u).inserted else { continue }
                let letter = entry.t.first.map { String($0).uppercased() } ?? "#"
                let item: [String: Any] = ["title": entry.t, "url": RelativeURL.from(page.outputPath, to: entry.u)]
                if letters.last?.0 == letter { letters[letters.count - 1].1.append(item) } else { letters.append((letter, [item])) }
            }
            context["letters"] = letters.map { ["letter": $0.0, "items": $0.1] }
        case .professionalsIndex:
            template = "professionals"
            context["aboutURL"] = url(page, .page("about"))
            context["wordsMatterURL"] = url(page, .wordsMatter)
            context["coverageURL"] = url(page, .coverage)
        case .wordsMatter:
            template = "words-matter"
            func entries(_ kind: LanguageEntry.Kind) -> [[String: Any]] {
                content.language.filter { $0.kind == kind }.map { entry in
                    ["phrases": entry.phrases.map { ["phrase": $0] }, "because": entry.because, "instead": entry.instead]
                }
            }
            context["entries"] = entries(.blame)
            let promises = entries(.promise)
            if !promises.isEmpty { context["promises"] = promises; context["hasPromises"] = true }
        case .coverage:
            template = "coverage"
            let cellsByModule = Dictionary(grouping: coverage.cells, by: \.module)
            context["modules"] = orderedModules.map { module -> [String: Any] in
                let mine = cellsByModule[module.id] ?? []
                return [
                    "title": module.meta.title, "file": module.file,
                    "tiers": config.tiers.map { ["label": $0.label] },
                    "rows": config.levels.map { level -> [String: Any] in
                        ["level": level.name, "youngName": level.youngName,
                         "cells": config.tiers.map { tier -> [String: Any] in
                            guard let cell = mine.first(where: { $0.level == level.id && $0.tier == tier.id }) else {
                                return ["status": string("coverage.not_covered"), "class": "none"]
                            }
                            let label = [CoverageCell.Status.written: string("coverage.written"), .empty: string("coverage.empty"),
                                         .sharedLevel: string("coverage.shared_level"), .sharedTier: string("coverage.shared_tier")][cell.status]!
                            return ["status": label, "class": cell.status.rawValue,
                                    "words": cell.words,
                                    "url": url(page, .moduleVariant(module: module.id, level: level.id, tier: tier.id)) ?? ""]
                         }]
                    },
                ]
            }
            context["topics"] = topicsView(for: page)
            if !content.topics.isEmpty { context["hasTopics"] = true }
        case let .page(id):
            template = "page"
            guard let source = pages["pages/\(id)"] else { return nil }
            context["page"] = metaView(source.meta)
            context["content"] = body(source.body, source: source.path, file: source.file, page: page)
            if id == "glossary", !content.glossary.isEmpty {
                context["glossaryReaders"] = (config.tiers.map { ($0.id, $0.label) } + [("parents", string("glossary.for_parents"))]).map { id, label in
                    ["label": label, "url": url(page, .glossary(reader: id)) ?? ""]
                }
            }
            if id == "help" {
                context["isHelpPage"] = true
                // Every route: the young people's with whom each serves, then the adults'. Routes
                // with no help box (`audiences: []`) are listed here by what they are for.
                let everyAge = allYoungAges
                let young = config.helplines.filter { route in
                    route.audiences.contains(.youngPeople) || (route.audiences.isEmpty && route.purposes != [.worriedAdult])
                }.filter { $0.ages.serves(youngest: everyAge.youngestAge, oldest: everyAge.oldestAge) != .none }
                let adults = config.helplines.filter { route in
                    route.audiences.contains(.parents) || (route.audiences.isEmpty && route.purposes.contains(.worriedAdult))
                }
                context["allHelplines"] = [
                    ["heading": string("help_box.for_young_people"),
                     "helplines": young.map { helplineView($0, condition: condition($0, for: everyAge)) }],
                    ["heading": string("help_box.for_adults"), "helplines": adults.map { helplineView($0) }],
                ]
            }
        }
        context["pageKind"] = template
        if settings.pdfLinks, let pdf = page.pdfPath {
            context["pdfURL"] = String(pdf.split(separator: "/").last ?? "")
        }
        guard let html = templates.render(template, context, language: language) else {
            diagnostics.append(.error("the template `\(template)` could not be rendered", at: SourceLocation(file: template + ".mustache"),
                                      rule: "template.render"))
            return nil
        }
        return html
    }

    // MARK: Markdown bodies

    private mutating func body(_ nodes: [BodyNode], source: String, file: String, page: PlannedPage,
                               level: String? = nil, tier: String? = nil, simpler: Bool = false) -> String {
        var usedIDs = PageRenderer.templateIDs
        return body(nodes, source: source, file: file, page: page, level: level, tier: tier, usedIDs: &usedIDs, simpler: simpler)
    }

    /// - Parameters:
    ///   - usedIDs: heading ids already on the page (a pack renders several sources into one page).
    ///   - recordFacts: false when the same source is rendered again elsewhere (packs), so that
    ///     the checks see each page's text once.
    private mutating func body(_ nodes: [BodyNode], source: String, file: String, page: PlannedPage,
                               level: String?, tier: String?, usedIDs: inout Set<String>, recordFacts: Bool = true,
                               simpler: Bool = false) -> String {
        let linkContext = LinkResolver.Context(sourcePath: source, page: page, level: level, tier: tier, language: page.language)
        var options = MarkdownOptions(rawHTML: config.rawHTML)
        // Young people's pages link words to their tier's glossary; parents' pages to theirs.
        // The glossary's words are the site's own language's: translated pages are not linked to it.
        let reader: String? = page.language != nil ? nil
            : page.kind.audience == .parents ? "parents" : (page.kind.audience == .youngPeople ? tier : nil)
        if let reader, var glossary = glossaryTerms[reader], let target = plan.page(.glossary(reader: reader)) {
            glossary.pageURL = RelativeURL.from(page.outputPath, to: target.urlPath)
            options.glossary = glossary
        }
        var linkedTerms: Set<String> = []
        var html = ""
        var pageFacts = PageFacts(page: page, file: file, level: level, tier: tier, prose: [], headings: [], links: [])
        // Symbols show in a worksheet's simpler version, as pictures of this site; elsewhere they go.
        let symbolBase = RelativeURL.from(page.outputPath, to: "")
        func symbols(_ text: String) -> String {
            WorksheetSymbol.replace(text) { name in
                simpler ? "<img class=\"symbol\" src=\"\(symbolBase)\(WorksheetSymbol.path(of: name))\" alt=\"\" width=\"48\" height=\"48\"> " : ""
            }
        }
        for segment in VariantText.select(nodes, level: level, tier: tier, simpler: simpler) {
            if case .element(let element, let at) = segment.kind {
                // What a worksheet element asks the reader to read counts for its reading age.
                pageFacts.prose += element.readableText.map { ProseBlock(text: WorksheetSymbol.strip($0), line: at.line) }
                if let rendered = elementHTML(element).map(symbols) { html += rendered } else {
                    diagnostics.append(.error("the template for this element could not be rendered", at: at, rule: "template.render"))
                }
                continue
            }
            let text = PageRenderer.fillRouteMentions(segment.lines, config: config).joined(separator: "\n")
            var resolved: [(MarkdownLink, Result<LinkResolver.Resolved, LinkError>)] = []
            let rendered = Markdown.render(text, options: options, usedIDs: &usedIDs, linkedTerms: &linkedTerms) { link in
                let result = links.resolve(link.url, isImage: link.isImage, in: linkContext)
                resolved.append((link, result))
                return (try? result.get())?.url
            }
            func sourceLine(_ line: Int) -> Int {
                segment.lines[min(max(line - 1, 0), segment.lines.count - 1)].number
            }
            for (link, result) in resolved {
                let location = locate(link, in: segment.lines, file: file)
                switch result {
                case .failure where !recordFacts:
                    break
                case .failure(let error):
                    diagnostics.append(.error(error.message, at: location, rule: "link.broken"))
                case .success(let target):
                    pageFacts.links.append(PageFacts.Link(url: link.url, text: link.text, isImage: link.isImage,
                                                          location: location, target: target.target, fragment: target.fragment))
                }
            }
            pageFacts.prose += rendered.prose.map { ProseBlock(text: WorksheetSymbol.strip($0.text), line: sourceLine($0.line)) }
            pageFacts.headings += rendered.headings.map {
                MarkdownHeading(level: $0.level, text: $0.text, id: $0.id, line: sourceLine($0.line))
            }
            for line in rendered.removedHTMLLines {
                diagnostics.append(.warning("raw HTML is left out of the page: write Markdown, or set `raw_html: true` in site.yml",
                                            at: SourceLocation(file: file, line: sourceLine(line)), rule: "markdown.raw-html"))
            }
            let renderedHTML = symbols(rendered.html)
            if segment.isBreak {
                html += templates.render("partials/take-a-break", ["content": renderedHTML], language: language) ?? renderedHTML
            } else {
                html += renderedHTML
            }
        }
        if recordFacts { facts.append(pageFacts) }
        return html
    }

    /// Lines with `{{route ...}}` and `{{service ...}}` filled from site.yml, outside fenced code.
    static func fillRouteMentions(_ lines: [SourceLine], config: SiteConfig, plain: Bool = false) -> [String] {
        var fence: (marker: Character, length: Int)?
        return lines.map { line in
            if let open = fence {
                if BodyParser.closesFence(line.text, open) { fence = nil }
                return line.text
            }
            if let opened = BodyParser.opensFence(line.text) { fence = opened; return line.text }
            return RouteMention.fill(line.text, in: config, plain: plain)
        }
    }

    /// A worksheet element through its template in Templates/partials/print/.
    private func elementHTML(_ element: PrintElement) -> String? {
        func numbered(_ n: Int) -> [[String: Any]] { (0..<n).map { ["n": $0 + 1] } }
        let name: String
        var context: [String: Any] = [:]
        switch element {
        case .nameDate: name = "name-date"
        case .lines(let count): name = "lines"; context["lines"] = numbered(count)
        case .box(let lines, let label):
            name = "box"
            context["lines"] = numbered(lines)
            if let label { context["label"] = label }
        case .scale(let from, let to, let low, let high):
            name = "scale"
            context["points"] = (from...to).map { ["n": $0] }
            context["low"] = low
            context["high"] = high
        case .tickList(let items): name = "ticklist"; context["items"] = items.map { ["text": $0] }
        case .cards(let piles, let cards):
            name = "cards"
            context["piles"] = piles.map { ["label": $0] }
            context["cards"] = cards.map { ["text": $0] }
        case .trustedCircle: name = "trusted-circle"
        case .safetyPlan: name = "safety-plan"
        }
        return templates.render("partials/print/" + name, context, language: language)
    }

    /// What a page is called in the page's language, for lists of pages.
    private func titleAndSummary(of kind: PageKind) -> (String, String?)? {
        switch kind {
        case let .moduleVariant(id, level, tier):
            guard let module = modules[id], let level = config.level(level), let tier = config.tier(tier) else { return nil }
            return ("\(module.meta.title) (\(level.youngName) · \(tier.label))", module.meta.summary)
        case let .page(id): return pages["pages/\(id)"].map { ($0.meta.title, $0.meta.summary) }
        case let .parentsPage(id): return pages["parents/\(id)"].map { ($0.meta.title, $0.meta.summary) }
        case .parentsIndex: return pages["parents/index"].map { ($0.meta.title, $0.meta.summary) }
        case let .worksheet(id, _, tier):
            guard let worksheet = worksheets[id], let tier = config.tier(tier) else { return nil }
            return ("\(worksheet.meta.title) (\(tier.label))", worksheet.meta.summary)
        case let .sessionPlan(id, _, tier):
            guard let session = sessions[id], let tier = config.tier(tier) else { return nil }
            return ("\(session.meta.title) (\(tier.label))", session.meta.summary)
        default: return nil
        }
    }

    private func worksheetView(_ worksheet: Worksheet) -> [String: Any] {
        var view: [String: Any] = ["title": worksheet.meta.title, "id": worksheet.id]
        if let time = worksheet.time { view["time"] = time }
        if let notes = worksheet.facilitatorNotes { view["facilitatorNotes"] = notes }
        if let summary = worksheet.meta.summary { view["summary"] = summary }
        return view
    }

    private func sessionView(_ session: SessionPlan) -> [String: Any] {
        var view: [String: Any] = ["title": session.meta.title, "id": session.id]
        if let length = session.length { view["length"] = length }
        if let size = session.groupSize { view["groupSize"] = size }
        return view
    }

    /// The topics every reader must find, and where each reader finds them, for the editors' page.
    private func topicsView(for page: PlannedPage) -> [[String: Any]] {
        let cells = Dictionary(coverage.topics.map { ("\($0.topic) \($0.reader)", $0.files) }, uniquingKeysWith: { a, _ in a })
        let moduleByFile = Dictionary(content.modules.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let pageByFile = Dictionary(content.pages.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ topic: Topic, _ reader: String, link: (String) -> [String: Any]?) -> [String: Any] {
            guard let files = cells["\(topic.id) \(reader)"] else { return ["status": "", "class": "none"] }
            if files.isEmpty { return ["status": string("coverage.topic_missing"), "class": "empty", "pages": [] as [Any]] }
            return ["status": "", "class": "written", "pages": files.compactMap(link)]
        }
        return content.topics.map { topic -> [String: Any] in
            let tiers = config.tiers.filter { topic.tiers.contains($0.id) }
            var view: [String: Any] = [
                "name": topic.name,
                "tiers": tiers.map { ["label": $0.label] },
                "rows": tiers.isEmpty ? [] : config.levels.map { level -> [String: Any] in
                    ["level": level.name, "cells": tiers.map { tier in
                        cell(topic, "\(level.id)/\(tier.id)") { file in
                            moduleByFile[file].map { module in
                                ["title": module.meta.title,
                                 "url": url(page, .moduleVariant(module: module.id, level: level.id, tier: tier.id)) ?? ""]
                            }
                        }
                    }]
                },
            ]
            if topic.parents {
                view["parents"] = cell(topic, "parents") { file in
                    pageByFile[file].map { parentsPage in
                        ["title": parentsPage.meta.title,
                         "url": url(page, parentsPage.isSectionIntro ? .parentsIndex : .parentsPage(parentsPage.id)) ?? ""]
                    }
                }
            }
            return view
        }
    }

    /// Sessions in the order a programme runs them: the opening session, the themed ones (by
    /// `order`, then title), the closing session.
    private func programmeOrder(_ sessions: [SessionPlan]) -> [SessionPlan] {
        SitePlan.ordered(sessions).enumerated().sorted { a, b in
            a.element.part != b.element.part ? a.element.part < b.element.part : a.offset < b.offset
        }.map(\.element)
    }

    /// When a handout may be given, in the page's language: with the young person's agreement,
    /// or, where the tier has adults in it, only when the young person asks.
    private func handoutConsent(tier tierID: String) -> [String: Any] {
        let asks = (config.tier(tierID)?.oldestAge ?? 0) >= 18
        return ["rule": string(asks ? "handout.consent_asks" : "handout.consent_agrees"),
                "checks": (asks ? ["handout.check_asked", "handout.check_safe", "handout.check_told"]
                                : ["handout.check_agreed", "handout.check_safe", "handout.check_told"]).map { ["text": string($0)] }]
    }

    /// Ids the templates put on every page; headings never take them, and links may use them.
    static let templateIDs: Set<String> = ["main", "content", "help", "help-title", "exit", "top", "parents-handout"]

    /// cmark knows the block a link is in; the link's own line, and the column of its address,
    /// are found by looking for the address from that line on.
    private func locate(_ link: MarkdownLink, in lines: [SourceLine], file: String) -> SourceLocation {
        let start = min(max(link.blockLine - 1, 0), max(lines.count - 1, 0))
        guard !lines.isEmpty else { return SourceLocation(file: file) }
        for line in lines[start...] {
            if let range = line.text.range(of: "](" + link.url) ?? line.text.range(of: "<" + link.url) {
                let offset = line.text.distance(from: line.text.startIndex, to: range.lowerBound)
                return SourceLocation(file: file, line: line.number, column: offset + (range.upperBound == range.lowerBound ? 1 : line.text[range].hasPrefix("](") ? 3 : 2))
            }
            if let range = line.text.range(of: link.url) {
                return SourceLocation(file: file, line: line.number,
                                      column: line.text.distance(from: line.text.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(file: file, line: lines[start].number)
    }

    // MARK: Context pieces

    private func url(_ from: PlannedPage, _ kind: PageKind) -> String? {
        guard let target = plan.page(kind, language: from.language) else { return nil }
        if from.kind == .notFound { return PageRenderer.basePath(config.baseURL) + target.urlPath }
        return RelativeURL.from(from.outputPath, to: target.urlPath)
    }

    private func common(for page: PlannedPage) -> [String: Any] {
        // The 404 page is served at any address, so its links must not be relative.
        let root = page.kind == .notFound ? PageRenderer.basePath(config.baseURL) : RelativeURL.from(page.outputPath, to: "")
        // Adults (parents, carers, professionals, facilitators) see the adults' help box.
        let audience: Audience = [.parents, .professionals, .facilitators].contains(page.kind.audience) ? .parents : .youngPeople
        let footer = footerPages.map { footerPage -> [String: String] in
            let target = plan.page(.page(footerPage.id), language: language)
            let title = target?.language == nil ? footerPage.meta.title : (pages["pages/\(footerPage.id)"] ?? footerPage).meta.title
            var link = ["title": title, "url": url(page, .page(footerPage.id)) ?? ""]
            // On a translated page, a link to a page that is only in English says so, for screen readers.
            if language != nil, target?.language == nil { link["lang"] = content.config.language }
            return link
        }
        let sourceLanguage = content.config.sourceLanguage
        let pageLanguage = language.flatMap { content.config.translation($0) } ?? sourceLanguage
        var context: [String: Any] = [
            "site": ["title": config.title, "tagline": config.tagline, "language": pageLanguage.code],
            "language": ["code": pageLanguage.code, "dir": pageLanguage.direction.rawValue, "name": pageLanguage.name],
            "root": root,
            "assets": root == "./" ? "assets/" : root + "assets/",
            "printStylesheet": PageRenderer.printStylesheet(language),
            "homeURL": page.kind == .notFound ? root : url(page, .home) ?? root,
            "youngPeopleURL": url(page, .youngPeopleIndex) ?? root,
            "professionalsURL": url(page, .professionalsIndex) ?? root,
            "facilitatorsURL": url(page, .facilitatorsIndex) ?? root,
            "parentsURL": url(page, .parentsIndex) ?? root,
            "helpURL": url(page, .page("help")) ?? "",
            "coverTracksURL": url(page, .page("cover-your-tracks")) ?? "",
            "searchURL": searchURL(for: page),
            // The glossary is in the site's own language, and translated pages do not link to it.
            "glossaryURL": language != nil ? "" : glossaryReader(for: page).flatMap { url(page, .glossary(reader: $0)) } ?? "",
            "exit": ["url": config.exit.url, "label": config.exit.label],
            "forParents": audience == .parents,
            "helplines": helpBox(for: page, audience: audience),
            "footerLinks": footer,
        ]
        if let service = config.service, let contact = url(page, .page(service.page)) {
            var view: [String: Any] = ["name": service.name, "url": contact,
                                       "text": audience == .parents ? service.parents : service.youngPeople]
            if let phone = service.phone { view["phone"] = phone; view["tel"] = phone.filter(\.isNumber) }
            if let email = service.email { view["email"] = email }
            if service.isExample { view["example"] = true }
            context["service"] = view
        }
        // Only when set: Mustache shows a section for any value that is present, even an empty one.
        if let emergency = config.emergency {
            context["emergency"] = ["phone": emergency.phone, "tel": emergency.phone.filter(\.isNumber), "label": emergency.label]
        }
        // The same page in other languages: `hreflang` links for search engines and browsers, and
        // the language switcher, which offers only versions that exist.
        let versions = page.kind == .notFound ? [] : plan.versions(of: page.kind)
        if versions.count > 1 {
            context["hasVersions"] = true
            context["versions"] = versions.map { version -> [String: Any] in
                let lang = version.language.flatMap { content.config.translation($0) } ?? sourceLanguage
                let relative = RelativeURL.from(page.outputPath, to: version.urlPath)
                return ["code": lang.code, "name": lang.name, "dir": lang.direction.rawValue,
                        "url": relative, "current": version.outputPath == page.outputPath,
                        "href": content.config.baseURL.map { $0 + version.urlPath } ?? relative]
            }
            if let original = versions.first, original.language == nil {
                context["sourceVersion"] = ["url": RelativeURL.from(page.outputPath, to: original.urlPath),
                                            "href": content.config.baseURL.map { $0 + original.urlPath } ?? RelativeURL.from(page.outputPath, to: original.urlPath),
                                            "code": sourceLanguage.code]
            }
        }
        if let source = page.source, page.language != nil, translationStatus[source]?.state == .draft {
            context["isDraft"] = true
        }
        return context
    }

    /// A translated page searches its language's pages; any other, its reader's scope.
    private func searchURL(for page: PlannedPage) -> String {
        if let language, let own = plan.page(.search(scope: "site"), language: language), own.language == language {
            return RelativeURL.from(page.outputPath, to: own.urlPath)
        }
        return url(page, .search(scope: searchScope(for: page))) ?? ""
    }

    /// Where a page's search link goes: a young person's own level and tier when the page has them.
    private func searchScope(for page: PlannedPage) -> String {
        switch page.kind {
        case let .moduleVariant(_, level, tier), let .variantIndex(level, tier): return "\(level)/\(tier)"
        case let .search(scope): return scope
        default: return page.kind.audience == .parents ? "parents" : "site"
        }
    }

    private func glossaryReader(for page: PlannedPage) -> String? {
        switch page.kind {
        case let .moduleVariant(_, _, tier), let .variantIndex(_, tier), let .worksheet(_, _, tier): return tier
        case let .glossary(reader): return reader
        case let .search(scope) where scope.contains("/"): return scope.split(separator: "/").last.map(String.init)
        default: return page.kind.audience == .parents ? "parents" : nil
        }
    }

    /// Puts the reader's level and tier in a page's context; false if either is not in site.yml.
    private func addReader(_ context: inout [String: Any], level levelID: String, tier tierID: String) -> Bool {
        guard let level = config.level(levelID), let tier = config.tier(tierID) else { return false }
        context["level"] = levelView(level)
        context["tier"] = tierView(tier)
        return true
    }

    private func metaView(_ meta: PageMeta) -> [String: Any] {
        var view: [String: Any] = ["title": meta.title]
        if let summary = meta.summary { view["summary"] = summary }
        if let note = meta.contentNote { view["contentNote"] = note }
        if let review = meta.review {
            view["reviewedOn"] = review.date?.longForm ?? ""
        }
        return view
    }

    private func levelView(_ level: ServiceLevel) -> [String: Any] {
        ["id": level.id, "name": level.name, "youngName": level.youngName, "summary": level.summary]
    }

    private func tierView(_ tier: Tier) -> [String: Any] {
        ["id": tier.id, "label": tier.label]
    }

    private func moduleLink(_ module: Module, _ page: PlannedPage, _ level: String, _ tier: String) -> [String: Any] {
        // The title in the language of the page it leads to.
        let target = plan.page(.moduleVariant(module: module.id, level: level, tier: tier), language: language)
        let title = target?.language == nil ? module.meta.title : (modules[module.id] ?? module).meta.title
        return ["title": title, "url": url(page, .moduleVariant(module: module.id, level: level, tier: tier)) ?? ""]
    }

    /// Every young reader's ages, as one band: whom pages without a tier are written for.
    private var allYoungAges: Tier {
        Tier(id: "", label: "", youngestAge: config.tiers.map(\.youngestAge).min() ?? 0,
             oldestAge: config.tiers.map(\.oldestAge).max() ?? 0, readingGrade: 0)
    }

    /// The help box's routes: the adults' on adults' pages; on a young person's page, those that
    /// serve their tier (or any young reader, on pages without one), each with whom it serves
    /// when that is only some of the readers.
    private func helpBox(for page: PlannedPage, audience: Audience) -> [[String: Any]] {
        if audience == .parents { return config.helplines(for: .parents).map { helplineView($0) } }
        let tier = glossaryReader(for: page).flatMap { config.tier($0) } ?? allYoungAges
        return config.helplines(for: tier).map { helplineView($0.helpline, condition: $0.condition) }
    }

    /// "If you are under 18", in the page's language, where a route serves only some of a band.
    private func condition(_ route: Helpline, for band: Tier) -> RouteAges? {
        route.ages.serves(youngest: band.youngestAge, oldest: band.oldestAge) == .all ? nil : route.ages
    }

    private func helplineView(_ helpline: Helpline, condition: RouteAges? = nil) -> [String: Any] {
        var view: [String: Any] = ["name": helpline.name, "for": helpline.forWhom,
                                   "verified": helpline.verified.longForm]
        if let condition, !condition.conditionKey.isEmpty { view["condition"] = string("help_box." + condition.conditionKey) }
        if let sms = helpline.sms {
            view["sms"] = sms
            view["smsTel"] = sms.filter(\.isNumber)
            if let keyword = helpline.smsKeyword { view["smsKeyword"] = keyword }
        }
        view["phones"] = helpline.phones.map { ["number": $0, "tel": $0.filter(\.isNumber)] }
        if let url = helpline.url {
            view["url"] = url
            view["urlLabel"] = PageRenderer.displayAddress(url)
        }
        if let email = helpline.email { view["email"] = email }
        if let description = helpline.description { view["description"] = description }
        return view
    }

    /// The path part of the base URL: "https://example.org/help/" gives "/help/".
    static func basePath(_ baseURL: String?) -> String {
        guard let baseURL, let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }

    /// "https://www.childline.org.uk/" shown as "childline.org.uk".
    static func displayAddress(_ url: String) -> String { RouteMention.displayAddress(url) }

    private func sitemap(base: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in plan.pages.filter({ $0.kind != .notFound }).map(\.urlPath).sorted() {
            xml += "  <url><loc>\(escapeXML(base + path))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    private func escapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
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
