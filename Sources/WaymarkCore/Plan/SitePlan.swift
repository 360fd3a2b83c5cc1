// The Plan stage: decides which pages exist and where each is written, before anything is rendered.
// Modules become one page per level x tier they cover; a URL claimed twice is an error here.

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
    case sessionPlan(id: String, level: String, tier: String)
    /// A session's printable pack: cover, plan, then each worksheet it uses.
    case pack(id: String, level: String, tier: String)
    /// The glossary written for one tier's readers, or for parents (`parents`).
    case glossary(reader: String)
    /// Search: `site`, `parents`, or `level/tier` for a young person's own level and tier.
    case search(scope: String)
    case professionalsIndex
    /// The words-to-avoid list, for professionals.
    case wordsMatter
    /// The module x level x tier matrix, for editors.
    case coverage
    case notFound

    public var audience: Audience {
        switch self {
        case .youngPeopleIndex, .variantIndex, .moduleVariant, .moduleOverview: return .youngPeople
        case .parentsIndex, .parentsPage: return .parents
        case .professionalsIndex, .wordsMatter, .coverage: return .professionals
        case .worksheet: return .youngPeople
        case .glossary(let reader): return reader == "parents" ? .parents : .youngPeople
        case .search(let scope): return scope == "site" ? .everyone : scope == "parents" ? .parents : .youngPeople
        case .facilitatorsIndex, .sessionPlan, .pack: return .facilitators
        case .home, .page, .notFound: return .everyone
        }
    }
}

public struct PlannedPage: Hashable, Sendable {
    public var kind: PageKind
    /// Where the page is written inside the output folder, e.g. `young-people/recovery/14-16/staying-safe/index.html`.
    public var outputPath: String
    /// The content file it comes from, if any (for diagnostics).
    public var source: String?

    /// Packs and worksheets are also printed to PDF (with `--pdf`): the file, beside the page.
    public var pdfPath: String? {
        switch kind {
        case let .pack(id, level, tier): return urlPath + "\(id)-\(level)-\(tier)-pack.pdf"
        case let .worksheet(id, level, tier): return urlPath + "\(id)-\(level)-\(tier).pdf"
        default: return nil
        }
    }

    /// The clean URL path of the page inside the site: `young-people/recovery/14-16/staying-safe/`.
    public var urlPath: String {
        outputPath.hasSuffix("index.html") ? String(outputPath.dropLast("index.html".count)) : outputPath
    }
}

public struct SitePlan: Sendable {
    public var pages: [PlannedPage]
    private var byKind: [PageKind: PlannedPage]

    init(pages: [PlannedPage]) {
        self.pages = pages
        self.byKind = Dictionary(pages.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func page(_ kind: PageKind) -> PlannedPage? { byKind[kind] }

    /// The levels x tiers a module, worksheet or session covers, in site.yml's order.
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

    public static func make(for content: Content) -> (SitePlan, [Diagnostic]) {
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
            for tier in config.tiers { add(.glossary(reader: tier.id), "young-people/glossary/\(tier.id)/index.html") }
            add(.glossary(reader: "parents"), "parents-and-carers/glossary/index.html")
        }
        add(.search(scope: "site"), "search/index.html")
        add(.search(scope: "parents"), "parents-and-carers/search/index.html")
        for level in config.levels {
            for tier in config.tiers {
                add(.search(scope: "\(level.id)/\(tier.id)"), "young-people/\(level.id)/\(tier.id)/search/index.html")
            }
        }
        add(.facilitatorsIndex, "facilitators/index.html")
        for worksheet in ordered(content.worksheets) {
            for (level, tier) in variants(of: worksheet, in: config) {
                add(.worksheet(id: worksheet.id, level: level.id, tier: tier.id),
                    "facilitators/worksheets/\(level.id)/\(tier.id)/\(worksheet.id)/index.html", worksheet.file)
            }
        }
        for session in ordered(content.sessions) {
            for (level, tier) in variants(of: session, in: config) {
                add(.sessionPlan(id: session.id, level: level.id, tier: tier.id),
                    "facilitators/\(level.id)/\(tier.id)/\(session.id)/index.html", session.file)
                add(.pack(id: session.id, level: level.id, tier: tier.id),
                    "facilitators/\(level.id)/\(tier.id)/\(session.id)/pack/index.html", session.file)
            }
        }
        add(.professionalsIndex, "professionals/index.html")
        if !content.language.isEmpty { add(.wordsMatter, "professionals/words-matter/index.html", content.language.first?.location.file) }
        add(.coverage, "facilitators/coverage/index.html")

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
        return (SitePlan(pages: kept), diagnostics)
    }
}
