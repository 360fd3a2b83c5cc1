// The Plan stage: decides which pages exist and where each is written, before anything is rendered.
// Modules become one page per level x tier they cover; a URL claimed twice is an error here.

import WaymarkModel

/// What a planned page shows. Ids refer to the modules and pages of the loaded Content.
public enum PageKind: Hashable, Sendable {
    case home
    case youngPeopleIndex
    case variantIndex(level: String, tier: String)
    case moduleVariant(module: String, level: String, tier: String)
    case moduleOverview(module: String)
    case parentsIndex
    case parentsPage(String)
    case page(String)
    case facilitatorsIndex
    case worksheet(id: String, level: String, tier: String)
    /// The same worksheet made simpler: fewer words, bigger spaces, a symbol for each prompt.
    case simplerWorksheet(id: String, level: String, tier: String)
    case sessionPlan(id: String, level: String, tier: String)
    /// A session's printable pack: cover, plan, then each worksheet it uses.
    case pack(id: String, level: String, tier: String)
    /// A session for a screen in the group room: its timetable, then its activities one at a time.
    case groupRoom(id: String, level: String, tier: String)
    /// A programme's whole kit (`kit: true` worksheets) on one printable page, each sheet on its own.
    case programmeKit(level: String, tier: String)
    /// A level and tier's group programme: opening, themed and closing sessions, in order.
    case programme(level: String, tier: String)
    /// A session's handout for parents and carers, printed apart from the pack.
    case handout(id: String, level: String, tier: String)
    /// The glossary written for one tier's young people, or for parents.
    case glossary(reader: Reader)
    case search(scope: SearchScope)
    case professionalsIndex
    /// The words-to-avoid list, for professionals.
    case wordsMatter
    /// The module x level x tier matrix, for editors.
    case coverage
    case notFound

    /// Pages that list every page or module of the site (search's A to Z, the coverage table):
    /// by far the longest to make on a large site.
    public var listsTheWholeSite: Bool {
        switch self {
        case .search, .coverage: return true
        default: return false
        }
    }

    public var audience: Audience {
        switch self {
        case .youngPeopleIndex, .variantIndex, .moduleVariant, .moduleOverview: return .youngPeople
        case .parentsIndex, .parentsPage, .handout: return .parents
        case .professionalsIndex, .wordsMatter, .coverage: return .professionals
        case .worksheet, .simplerWorksheet: return .youngPeople
        case .glossary(let reader): return reader == .parents ? .parents : .youngPeople
        case .search(let scope):
            switch scope {
            case .site: return .everyone
            case .parents: return .parents
            case .variant: return .youngPeople
            }
        case .facilitatorsIndex, .sessionPlan, .pack, .groupRoom, .programme, .programmeKit: return .facilitators
        case .home, .page, .notFound: return .everyone
        }
    }
}

extension PageKind {
    /// The level and tier a page is for, when it is for one reader's version.
    public var variant: Variant? {
        switch self {
        case let .variantIndex(level, tier), let .moduleVariant(_, level, tier), let .worksheet(_, level, tier),
             let .simplerWorksheet(_, level, tier), let .sessionPlan(_, level, tier), let .pack(_, level, tier),
             let .groupRoom(_, level, tier), let .programme(level, tier), let .programmeKit(level, tier), let .handout(_, level, tier):
            return Variant(level: level, tier: tier)
        case .search(.variant(let variant)):
            return variant
        case .home, .youngPeopleIndex, .moduleOverview, .parentsIndex, .parentsPage, .page, .facilitatorsIndex, .glossary,
             .search, .professionalsIndex, .wordsMatter, .coverage, .notFound:
            return nil
        }
    }
}

public struct PlannedPage: Hashable, Sendable {
    public var kind: PageKind
    /// Where the page is written inside the output folder, e.g. `young-people/recovery/14-16/staying-safe/index.html`.
    public var outputPath: String
    /// The content file it comes from, if any (for diagnostics).
    public var source: String?
    /// The language code of a translated page; nil for the site's own language.
    public var language: String? = nil

    /// Packs and worksheets are also printed to PDF (with `--pdf`): the file, beside the page.
    public var pdfPath: String? {
        switch kind {
        case let .pack(id, level, tier): return urlPath + "\(id)-\(level)-\(tier)-pack.pdf"
        case let .programmeKit(level, tier): return urlPath + "kit-\(level)-\(tier).pdf"
        case let .handout(id, level, tier): return urlPath + "\(id)-\(level)-\(tier)-handout.pdf"
        case let .worksheet(id, level, tier): return urlPath + "\(id)-\(level)-\(tier).pdf"
        case let .simplerWorksheet(id, level, tier): return urlPath + "\(id)-\(level)-\(tier)-simpler.pdf"
        default: return nil
        }
    }

    /// The clean URL path of the page inside the site: `young-people/recovery/14-16/staying-safe/`.
    public var urlPath: String {
        outputPath.hasSuffix("index.html") ? String(outputPath.dropLast("index.html".count)) : outputPath
    }
}

/// Which pages a build publishes beyond the reviewed ones.
public struct PlanOptions: Sendable, Equatable {
    /// Publish draft translations too (for translators and reviewers; never for the live site).
    public var includeDrafts: Bool

    public init(includeDrafts: Bool = false) { self.includeDrafts = includeDrafts }
}

public struct SitePlan: Sendable {
    public var pages: [PlannedPage]
    private var byKind: [PageKind: PlannedPage]
    /// Translated pages, by language code and kind.
    private var translated: [String: [PageKind: PlannedPage]]
    /// Language codes in site.yml's order, for listing a page's versions.
    private var languageOrder: [String]

    init(pages: [PlannedPage], languages: [String] = []) {
        self.pages = pages
        self.languageOrder = languages
        var byKind: [PageKind: PlannedPage] = [:]
        var translated: [String: [PageKind: PlannedPage]] = [:]
        for page in pages {
            if let language = page.language {
                if translated[language, default: [:]][page.kind] == nil { translated[language, default: [:]][page.kind] = page }
            } else if byKind[page.kind] == nil {
                byKind[page.kind] = page
            }
        }
        self.byKind = byKind
        self.translated = translated
    }

    /// The page in the site's own language.
    public func page(_ kind: PageKind) -> PlannedPage? { byKind[kind] }

    /// The page for a reader of `language`: its translation when there is one, else the page in
    /// the site's own language.
    public func page(_ kind: PageKind, language: String?) -> PlannedPage? {
        if let language, let page = translated[language]?[kind] { return page }
        return byKind[kind]
    }

    /// Every published version of a page: the site's own language first, then its translations
    /// in site.yml's order.
    public func versions(of kind: PageKind) -> [PlannedPage] {
        (byKind[kind].map { [$0] } ?? []) + languageOrder.compactMap { translated[$0]?[kind] }
    }

    /// The levels x tiers a module, worksheet or session covers, in site.yml's order.
    /// A programme's kit (`kit: true` worksheets written for its level and tier), in order: what
    /// its programme page lists and its kit page prints.
    public static func kitSheets(_ worksheets: some Collection<Worksheet>, level: String, tier: String, config: SiteConfig) -> [Worksheet] {
        ordered(Array(worksheets)).filter { sheet in
            sheet.isKit && variants(of: sheet, in: config).contains { $0.level.id == level && $0.tier.id == tier }
        }
    }

    public static func variants(of module: some Tiered, in config: SiteConfig) -> [(level: ServiceLevel, tier: Tier)] {
        let levels = Set(module.levels.map(\.id)), tiers = Set(module.tiers.map(\.id))
        return config.levels.filter { levels.contains($0.id) }.flatMap { level in
            config.tiers.filter { tiers.contains($0.id) }.map { (level, $0) }
        }
    }

    /// Modules in reading order: by `order`, then by id.
    public static func ordered<T: Tiered>(_ documents: [T]) -> [T] {
        documents.sorted { ($0.meta.order ?? Int.max, $0.id) < ($1.meta.order ?? Int.max, $1.id) }
    }

    public static func ordered(_ pages: [Page]) -> [Page] {
        pages.sorted { ($0.meta.order ?? Int.max, $0.id) < ($1.meta.order ?? Int.max, $1.id) }
    }

    public static func make(for content: Content, options: PlanOptions = PlanOptions()) -> (SitePlan, [Diagnostic]) {
        var pages: [PlannedPage] = []
        let config = content.config
        func add(_ kind: PageKind, _ path: String, _ source: String? = nil) {
            pages.append(PlannedPage(kind: kind, outputPath: path, source: source))
        }
        add(.home, "index.html")
        add(.notFound, "404.html")
        add(.youngPeopleIndex, "young-people/index.html")
        for level in config.levels {
            for tier in config.tiers {
                add(.variantIndex(level: level.id, tier: tier.id), "young-people/\(level.id)/\(tier.id)/index.html")
            }
        }
        for module in ordered(content.modules) {
            add(.moduleOverview(module: module.id), "young-people/modules/\(module.id)/index.html", module.file)
            for (level, tier) in variants(of: module, in: config) {
                add(.moduleVariant(module: module.id, level: level.id, tier: tier.id),
                    "young-people/\(level.id)/\(tier.id)/\(module.id)/index.html", module.file)
            }
        }
        let parentsIntro = content.pages.first { $0.section == .parents && $0.isSectionIntro }
        add(.parentsIndex, "parents-and-carers/index.html", parentsIntro?.file)
        for page in ordered(content.pages) where !page.isSectionIntro || page.section == .pages {
            switch page.section {
            case .parents: add(.parentsPage(page.id), "parents-and-carers/\(page.id)/index.html", page.file)
            case .pages: add(.page(page.id), page.id == "index" ? "index.html" : "\(page.id)/index.html", page.file)
            }
        }

        if !content.glossary.isEmpty {
            for tier in config.tiers { add(.glossary(reader: .youngPeople(tier: tier.id)), "young-people/glossary/\(tier.id)/index.html") }
            add(.glossary(reader: .parents), "parents-and-carers/glossary/index.html")
        }
        add(.search(scope: .site), "search/index.html")
        add(.search(scope: .parents), "parents-and-carers/search/index.html")
        for level in config.levels {
            for tier in config.tiers {
                add(.search(scope: .variant(Variant(level: level.id, tier: tier.id))), "young-people/\(level.id)/\(tier.id)/search/index.html")
            }
        }
        add(.facilitatorsIndex, "facilitators/index.html")
        for worksheet in ordered(content.worksheets) {
            for (level, tier) in variants(of: worksheet, in: config) {
                add(.worksheet(id: worksheet.id, level: level.id, tier: tier.id),
                    "facilitators/worksheets/\(level.id)/\(tier.id)/\(worksheet.id)/index.html", worksheet.file)
                // A form facilitators fill in (a register, a record) has no simpler version.
                if worksheet.filledInBy == .youngPeople {
                    add(.simplerWorksheet(id: worksheet.id, level: level.id, tier: tier.id),
                        "facilitators/worksheets/\(level.id)/\(tier.id)/\(worksheet.id)/simpler/index.html", worksheet.file)
                }
            }
        }
        for level in config.levels {
            for tier in config.tiers where content.sessions.contains(where: { session in
                variants(of: session, in: config).contains { $0.level.id == level.id && $0.tier.id == tier.id }
            }) {
                add(.programme(level: level.id, tier: tier.id), "facilitators/\(level.id)/\(tier.id)/index.html")
                if !kitSheets(content.worksheets, level: level.id, tier: tier.id, config: config).isEmpty {
                    add(.programmeKit(level: level.id, tier: tier.id), "facilitators/\(level.id)/\(tier.id)/kit/index.html")
                }
            }
        }
        for session in ordered(content.sessions) {
            for (level, tier) in variants(of: session, in: config) {
                add(.sessionPlan(id: session.id, level: level.id, tier: tier.id),
                    "facilitators/\(level.id)/\(tier.id)/\(session.id)/index.html", session.file)
                add(.pack(id: session.id, level: level.id, tier: tier.id),
                    "facilitators/\(level.id)/\(tier.id)/\(session.id)/pack/index.html", session.file)
                add(.groupRoom(id: session.id, level: level.id, tier: tier.id),
                    "facilitators/\(level.id)/\(tier.id)/\(session.id)/room/index.html", session.file)
                if !session.handout.isEmpty {
                    add(.handout(id: session.id, level: level.id, tier: tier.id),
                        "facilitators/\(level.id)/\(tier.id)/\(session.id)/handout/index.html", session.file)
                }
            }
        }
        add(.professionalsIndex, "professionals/index.html")
        if !content.phrasesToAvoid.isEmpty { add(.wordsMatter, "professionals/words-matter/index.html", content.phrasesToAvoid.first?.location.file) }
        add(.coverage, "facilitators/coverage/index.html")

        pages += translatedPages(of: pages, content: content, options: options)

        // Two pages that want the same URL: the later one is reported, naming the first.
        var diagnostics: [Diagnostic] = []
        var claimed: [String: PlannedPage] = [:]
        var kept: [PlannedPage] = []
        for page in pages {
            if let first = claimed[page.outputPath] {
                let firstName = first.source ?? "the built-in page"
                diagnostics.append(.error("this page would be written to /\(page.urlPath), which \(firstName) already uses: rename the file",
                                          at: SourceLocation(file: page.source ?? "site.yml"), rule: "plan.duplicate-url"))
                continue
            }
            claimed[page.outputPath] = page
            kept.append(page)
        }
        return (SitePlan(pages: kept, languages: config.languages.map(\.code)), diagnostics)
    }

    /// The pages of each language: every page of the site's own language whose source has a
    /// published translation that covers the page's level and tier, at the same address under
    /// `/<code>/`, and the language's home page when it has any.
    private static func translatedPages(of sourcePages: [PlannedPage], content: Content, options: PlanOptions) -> [PlannedPage] {
        let sourcePathOfFile = Dictionary(content.sourceDocuments.map { ($0.value.file, $0.key) }, uniquingKeysWith: { a, _ in a })
        var result: [PlannedPage] = []
        for language in content.config.languages {
            guard let translation = content.translations[language.code] else { continue }
            func published(_ meta: PageMeta) -> Bool {
                guard let status = meta.translation else { return false }
                return status.state == .reviewed || options.includeDrafts
            }
            // What each translated file covers: a tiered one only its own levels and tiers.
            var covers: [String: (file: String, levels: Set<String>?, tiers: Set<String>?)] = [:]
            func note(_ doc: some Tiered) {
                if published(doc.meta) { covers[doc.path] = (doc.file, Set(doc.levels.map(\.id)), Set(doc.tiers.map(\.id))) }
            }
            translation.modules.forEach(note)
            translation.worksheets.forEach(note)
            translation.sessions.forEach(note)
            for page in translation.pages where published(page.meta) { covers[page.path] = (page.file, nil, nil) }
            var mine: [PlannedPage] = []
            for page in sourcePages {
                guard let file = page.source, let path = sourcePathOfFile[file], let cover = covers[path] else { continue }
                switch page.kind {
                case let .moduleVariant(_, level, tier), let .worksheet(_, level, tier), let .sessionPlan(_, level, tier),
                     let .pack(_, level, tier), let .groupRoom(_, level, tier), let .handout(_, level, tier),
                     let .simplerWorksheet(_, level, tier):
                    guard cover.levels?.contains(level) ?? true, cover.tiers?.contains(tier) ?? true else { continue }
                case .moduleOverview:
                    continue
                default:
                    break
                }
                mine.append(PlannedPage(kind: page.kind, outputPath: "\(language.code)/\(page.outputPath)", source: cover.file,
                                        language: language.code))
            }
            if !mine.isEmpty && !mine.contains(where: { $0.kind == .home }) {
                mine.insert(PlannedPage(kind: .home, outputPath: "\(language.code)/index.html", source: nil, language: language.code), at: 0)
            }
            // A language with pages searches them in that language.
            if !mine.isEmpty {
                mine.append(PlannedPage(kind: .search(scope: .site), outputPath: "\(language.code)/search/index.html", source: nil,
                                        language: language.code))
            }
            result += mine
        }
        return result
    }
}
