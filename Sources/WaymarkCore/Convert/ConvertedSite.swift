// The Convert stage: every planned page's Markdown bodies, converted once for the page's reader,
// with the facts the checks read. Needs the content and the plan, never a template, so Check runs
// in full even while a template is broken; Render then only dresses these bodies.

import Foundation
import WaymarkMarkdown
import WaymarkModel

/// What the Markdown of one page contains, with source positions: the Check stage
/// reads this instead of parsing the HTML or the Markdown again. A class, made once and never
/// changed: a dozen checks and the search index walk every page's facts at each of the
/// preview's rebuilds, and passing a reference does not copy a page's lists.
public final class PageFacts: Sendable {
    public struct Link: Sendable, Equatable {
        public var url: String
        public var text: String
        public var isImage: Bool
        public var location: SourceLocation
        /// The page of this site it leads to, and the anchor on it, when it leads to one.
        public var target: PlannedPage?
        public var fragment: String?
    }

    /// What converting a body gathers, one Markdown run at a time.
    struct Gathered {
        var prose: [ProseBlock] = []
        var headings: [MarkdownHeading] = []
        var links: [Link] = []
        var panels: [PanelFact] = []
    }

    public let page: PlannedPage
    /// The page's language code when it is a translation (reading-age and language checks are
    /// written for the site's own language and skip it).
    public var language: String? { page.language }
    /// The source file, as shown in diagnostics.
    public let file: String
    /// The level and tier the text is for, when it is one reader's version.
    public var variant: Variant? { page.kind.variant }
    public let prose: [ProseBlock]
    public let headings: [MarkdownHeading]
    public let links: [Link]
    /// The what-to-do-now and more panels the reader meets.
    public let panels: [PanelFact]

    init(page: PlannedPage, file: String, _ gathered: Gathered) {
        self.page = page
        self.file = file
        prose = gathered.prose
        headings = gathered.headings
        links = gathered.links
        panels = gathered.panels
    }
}

/// A panel of a page, as the checks need it.
public struct PanelFact: Sendable, Equatable {
    public var panel: Panel
    /// The line its text starts on.
    public var line: Int
    /// Its list's items (what-to-do-now steps), counted at the list's own level.
    public var steps: Int
    public var startsWithHeading: Bool

    /// Items of the first list in the lines: `- `, `* `, `+ ` or `1. ` with less than two spaces before.
    static func steps(in lines: [SourceLine]) -> Int {
        lines.filter { line in
            let indent = line.text.prefix { $0 == " " }.count
            let rest = line.text.dropFirst(indent)
            guard indent < 2 else { return false }
            if rest.hasPrefix("- ") || rest.hasPrefix("* ") || rest.hasPrefix("+ ") { return true }
            let digits = rest.prefix { $0.isNumber }
            return !digits.isEmpty && (rest.dropFirst(digits.count).hasPrefix(". ") || rest.dropFirst(digits.count).hasPrefix(") "))
        }.count
    }
}

/// The bodies one page shows, converted for its address and reader.
public struct PageBodies: Sendable, Equatable {
    /// The page's own body, when it has one.
    public var main: ConvertedBody?
    /// A pack's worksheets in the order its session lists them (unknown ones left out),
    /// converted for the pack's address with the pack's heading ids, so that no two headings on
    /// the printed pack share an id.
    public var worksheets: [ConvertedBody] = []
    /// A pack's running order, from its plan's timings table: the group's visual timetable.
    public var timings: [SessionTimings.Row] = []
}

/// What converting one page gave.
public struct ConvertedPage: Sendable {
    public var bodies: PageBodies
    /// The facts of the page's own text; none for a pack, which repeats other pages' text.
    public var facts: [PageFacts]
    public var diagnostics: [Diagnostic]
}

/// The Convert stage's result.
public struct ConvertedSite: Sendable {
    /// By output path; pages with no Markdown body are absent.
    public var pages: [String: PageBodies]
    /// Every page's facts, in plan order.
    public var facts: [PageFacts]
    /// Each problem once, although shared text is converted for several variants.
    public var diagnostics: [Diagnostic]
}

struct SiteConverter: Sendable {
    let plan: SitePlan
    /// One converter and one set of documents for each language (nil key: the site's own).
    private let converters: [String: BodyConverter]
    private let documentSets: [String: Documents]
    private let sourceConverter: BodyConverter
    private let sourceDocuments: Documents

    init(content: Content, plan: SitePlan) {
        self.plan = plan
        let links = LinkResolver(plan: plan, content: content)
        var glossaryTerms: [Reader: GlossaryLinks] = [:]
        for reader in content.config.tiers.map({ Reader.youngPeople(tier: $0.id) }) + [.parents] {
            let entries = content.glossary.filter { $0.definitions[reader.id] != nil }
            if !entries.isEmpty { glossaryTerms[reader] = GlossaryLinks(entries: entries.map { ($0.term, $0.also, $0.anchor) }, pageURL: "") }
        }
        func converter(_ config: SiteConfig) -> BodyConverter {
            BodyConverter(plan: plan, links: links, config: config, glossaryTerms: glossaryTerms)
        }
        sourceConverter = converter(content.config)
        sourceDocuments = Documents(content)
        var converters: [String: BodyConverter] = [:]
        var documentSets: [String: Documents] = [:]
        for (code, translation) in content.translations {
            converters[code] = converter(content.config.translated(translation.words))
            documentSets[code] = sourceDocuments.replacing(with: Documents(translation))
        }
        self.converters = converters
        self.documentSets = documentSets
    }

    /// Converts every page of the plan, on every core; the memo gives back pages whose sources are unchanged.
    static func convert(_ content: Content, plan: SitePlan, memo: (any Memo)? = nil) -> ConvertedSite {
        Markdown.prepare()
        let converter = SiteConverter(content: content, plan: plan)
        let results = Parallel.map(plan.pages) { page -> ConvertedPage? in
            let documents = converter.documents(page.language)
            let bodies = converter.sourceBodies(of: page, in: documents)
            guard !bodies.isEmpty else { return nil }
            return remembered(memo, .pageBodies, page.outputPath, madeFrom: bodies) {
                converter.convert(page, documents)
            }
        }
        var site = ConvertedSite(pages: [:], facts: [], diagnostics: [])
        site.pages.reserveCapacity(results.count)
        site.facts.reserveCapacity(results.count)
        for (page, result) in zip(plan.pages, results) {
            guard let result else { continue }
            site.pages[page.outputPath] = result.bodies
            site.facts += result.facts
            site.diagnostics += result.diagnostics
        }
        // Shared text appears in several variants: report each problem once.
        site.diagnostics = site.diagnostics.withoutRepeats()
        return site
    }

    func documents(_ language: String?) -> Documents { language.flatMap { documentSets[$0] } ?? sourceDocuments }

    /// The bodies of the source documents a page shows, in order: what its converted bodies are
    /// made from. (Bodies, not the documents: boxing thousands of documents as `any
    /// SourceDocument` at every rebuild of the preview cost more than comparing the bodies.)
    func sourceBodies(of page: PlannedPage, in documents: Documents) -> [[BodyNode]] {
        switch page.kind {
        case let .moduleVariant(id, _, _): return documents.modules[id].map { [$0.body] } ?? []
        case .parentsIndex: return documents.pages["parents/index"].map { [$0.body] } ?? []
        case let .parentsPage(id): return documents.pages["parents/\(id)"].map { [$0.body] } ?? []
        case let .page(id): return documents.pages["pages/\(id)"].map { [$0.body] } ?? []
        case let .worksheet(id, _, _), let .simplerWorksheet(id, _, _): return documents.worksheets[id].map { [$0.body] } ?? []
        case let .sessionPlan(id, _, _), let .handout(id, _, _): return documents.sessions[id].map { [$0.body] } ?? []
        case let .programmeKit(level, tier):
            return kitSheets(level: level, tier: tier, in: documents).map(\.body)
        case let .pack(id, _, _), let .groupRoom(id, _, _):
            guard let session = documents.sessions[id] else { return [] }
            return [session.body] + session.worksheets.compactMap { documents.worksheets[$0.id]?.body }
        case .home, .notFound, .youngPeopleIndex, .variantIndex, .moduleOverview, .facilitatorsIndex, .programme,
             .glossary, .search, .professionalsIndex, .wordsMatter, .coverage:
            return []
        }
    }

    func kitSheets(level: String, tier: String, in documents: Documents) -> [Worksheet] {
        SitePlan.kitSheets(documents.worksheets.values, level: level, tier: tier, config: sourceConverter.config)
    }

    /// One page's bodies and facts.
    func convert(_ page: PlannedPage, _ documents: Documents) -> ConvertedPage {
        let converter = page.language.flatMap { converters[$0] } ?? sourceConverter
        var ids = BodyConverter.templateIDs
        var result = ConvertedPage(bodies: PageBodies(), facts: [], diagnostics: [])
        func add(_ converted: BodyConverter.Result, facts: Bool = true) -> ConvertedBody {
            if facts { result.facts.append(converted.facts) }
            result.diagnostics += converted.diagnostics
            return converted.body
        }
        func convert(_ document: some SourceDocument, _ body: [BodyNode], simpler: Bool = false) -> ConvertedBody {
            add(converter.convert(body, source: document.path, file: document.file, page: page, simpler: simpler, usedIDs: &ids))
        }
        switch page.kind {
        case let .moduleVariant(id, _, _):
            result.bodies.main = documents.modules[id].map { convert($0, $0.body) }
        case .parentsIndex:
            result.bodies.main = documents.pages["parents/index"].map { convert($0, $0.body) }
        case let .parentsPage(id):
            result.bodies.main = documents.pages["parents/\(id)"].map { convert($0, $0.body) }
        case let .page(id):
            result.bodies.main = documents.pages["pages/\(id)"].map { convert($0, $0.body) }
        case let .worksheet(id, _, _), let .simplerWorksheet(id, _, _):
            let simpler = if case .simplerWorksheet = page.kind { true } else { false }
            result.bodies.main = documents.worksheets[id].map { convert($0, $0.body, simpler: simpler) }
        case let .sessionPlan(id, _, _):
            result.bodies.main = documents.sessions[id].map { convert($0, $0.planBody) }
        case let .handout(id, _, _):
            result.bodies.main = documents.sessions[id].map { convert($0, $0.handout) }
        case let .pack(id, _, _), let .groupRoom(id, _, _):
            // A pack repeats its plan and worksheets, which have pages of their own: its links
            // are resolved again for the pack's address, but its text is checked on those pages.
            // The group-room view shows the same worksheets' activities and the same timetable.
            guard let session = documents.sessions[id] else { break }
            func again(_ document: some SourceDocument, _ body: [BodyNode]) -> ConvertedBody {
                add(converter.convert(body, source: document.path, file: document.file, page: page, usedIDs: &ids, checked: false),
                    facts: false)
            }
            if case .pack = page.kind { result.bodies.main = again(session, session.planBody) }
            if let variant = page.kind.variant {
                let lines = VariantText.select(session.planBody, for: variant).filter { $0.panel == nil }.flatMap(\.lines)
                result.bodies.timings = SessionTimings.rows(lines).filter { !$0.isTotal }
            }
            for ref in session.worksheets {
                guard let worksheet = documents.worksheets[ref.id] else { continue }
                result.bodies.worksheets.append(again(worksheet, worksheet.body))
            }
        case let .programmeKit(level, tier):
            // Like a pack: the sheets have pages of their own, where their text is checked.
            for worksheet in kitSheets(level: level, tier: tier, in: documents) {
                result.bodies.worksheets.append(add(converter.convert(worksheet.body, source: worksheet.path, file: worksheet.file, page: page,
                                                                     usedIDs: &ids, checked: false), facts: false))
            }
        default:
            break
        }
        return result
    }
}
