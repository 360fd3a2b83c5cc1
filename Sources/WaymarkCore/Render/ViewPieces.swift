// The pieces every page view is made of: addresses between pages, the chrome of every page
// (header, footer, language versions), the help box chosen for the reader, and small views of
// levels, tiers, sessions and worksheets.

import Foundation
import WaymarkMarkdown
import WaymarkModel

extension PageRenderer {
    /// What a page is called in the page's language, for lists of pages.
    func titleAndSummary(of kind: PageKind) -> (String, String?)? {
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

    /// The calm page for a page's young reader: their tier's, or on pages for every age the first
    /// tier's (the plainest words). None on adults' pages, and none on a calm page itself.
    func calmURL(for page: PlannedPage) -> String? {
        guard [.youngPeople, .everyone].contains(page.kind.audience), !calmPages.isEmpty else { return nil }
        if case .page(let id) = page.kind, calmPages.values.contains(id) { return nil }
        var tier = page.kind.variant?.tier
        if case .glossary(.youngPeople(let glossaryTier)) = page.kind { tier = glossaryTier }
        let id = tier.flatMap { calmPages[$0] } ?? config.tiers.lazy.compactMap { calmPages[$0.id] }.first
        return id.flatMap { url(page, .page($0)) }
    }

    /// The answers to the activities of a session's worksheets, for this level and tier: the usual
    /// version's, then the simpler version's where its activities differ.
    func answerKeys(_ session: SessionPlan, level: String, tier: String) -> [AnswerKeyView] {
        var keys: [AnswerKeyView] = []
        for ref in session.worksheets {
            guard let worksheet = worksheets[ref.id] else { continue }
            var usual: [ConvertedActivity] = []
            for simpler in [false, true] {
                let kind: PageKind = simpler ? .simplerWorksheet(id: ref.id, level: level, tier: tier) : .worksheet(id: ref.id, level: level, tier: tier)
                guard let target = plan.page(kind) else { continue }
                let activities = bodies[target.outputPath]?.main?.pieces.compactMap { piece -> ConvertedActivity? in
                    if case .activity(let activity, _) = piece { return activity } else { return nil }
                } ?? []
                if simpler && activities == usual { continue }
                if !simpler { usual = activities }
                keys += activities.map { activity in
                    let isScenario = activity.kind == .scenario
                    return AnswerKeyView(worksheet: worksheet.meta.title, version: simpler ? string("programme.simpler") : nil,
                                         title: activity.title, isScenario: isScenario, rows: activity.items.map { item in
                        // Symbols are pictures addressed from the worksheet's page: the key, elsewhere, shows the words.
                        .init(text: PageRenderer.withoutImages(item.text), answer: item.answer.map { activity.answers[$0] },
                              feedback: PageRenderer.withoutImages(item.feedback), isScenario: isScenario)
                    })
                }
            }
        }
        return keys
    }

    static func withoutImages(_ html: String) -> String {
        var kept = ""
        var rest = html[...]
        while let open = rest.range(of: "<img") {
            kept += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { return kept }
            rest = rest[rest.index(after: close)...].drop { $0 == " " }
        }
        return kept + rest
    }

    /// Words of a timetable step and the symbol that pictures it, first match wins.
    static let timetableSymbols: [(words: [String], symbol: String)] = [
        (["break", "grounding"], "calm"), (["agreement"], "people"), (["question"], "question"), (["baseline", "endpoint"], "pencil"),
        (["welcome", "getting to know"], "happy"), (["home"], "home"), (["signpost", "close", "goodbye", "ending"], "help"),
        (["safe", "plan"], "shield"), (["feel"], "heart"),
    ]

    /// The group's visual timetable from the plan's timings table, with a picture for each step.
    func timetable(_ rows: [SessionTimings.Row], from page: PlannedPage) -> TimetableView? {
        guard !rows.isEmpty else { return nil }
        let root = RelativeURL.from(page.outputPath, to: "")
        return TimetableView(steps: rows.map { row in
            let words = row.activity.lowercased()
            let symbol = PageRenderer.timetableSymbols.first { entry in entry.words.contains { words.contains($0) } }?.symbol ?? "star"
            let path = "images/symbols/\(symbol).svg"
            let time = row.start.map { "\($0 / 60):" + ($0 % 60 < 10 ? "0" : "") + "\($0 % 60)" } ?? ""
            let activity = row.activity.hasSuffix(".") ? String(row.activity.dropLast()) : row.activity
            return .init(time: time, activity: activity, minutes: row.minutes, symbol: content.images[path] != nil ? root + path : nil)
        })
    }

    func worksheetView(_ worksheet: Worksheet) -> WorksheetInfo {
        WorksheetInfo(title: worksheet.meta.title, id: worksheet.id, time: worksheet.time, facilitatorNotes: worksheet.facilitatorNotes,
                      summary: worksheet.meta.summary)
    }

    func sessionView(_ session: SessionPlan) -> SessionInfo {
        SessionInfo(title: session.meta.title, id: session.id, length: session.length, groupSize: session.groupSize)
    }

    /// The topics every reader must find, and where each reader finds them, for the editors' page.
    func topicsView(for page: PlannedPage) -> [CoverageView.Topic] {
        let cells = Dictionary(coverage.topics.map { ("\($0.topic) \($0.reader)", $0.files) }, uniquingKeysWith: { a, _ in a })
        let moduleByFile = Dictionary(content.modules.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let pageByFile = Dictionary(content.pages.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        func cell(_ topic: Topic, _ reader: String, link: (String) -> Link?) -> CoverageView.Topic.Cell {
            guard let files = cells["\(topic.id) \(reader)"] else { return .init(status: "", cssClass: "none") }
            if files.isEmpty { return .init(status: string("coverage.topic_missing"), cssClass: "empty", pages: []) }
            return .init(status: "", cssClass: "written", pages: files.compactMap(link))
        }
        return content.topics.map { topic in
            let tiers = config.tiers.filter { topic.tiers.contains($0.id) }
            let rows = tiers.isEmpty ? [] : config.levels.map { level in
                CoverageView.Topic.Row(level: level.name, cells: tiers.map { tier in
                    cell(topic, "\(level.id)/\(tier.id)") { file in
                        moduleByFile[file].map { module in
                            Link(title: module.meta.title,
                                 url: url(page, .moduleVariant(module: module.id, level: level.id, tier: tier.id)) ?? "")
                        }
                    }
                })
            }
            var parents: CoverageView.Topic.Cell?
            if topic.parents {
                parents = cell(topic, "parents") { file in
                    pageByFile[file].map { parentsPage in
                        Link(title: parentsPage.meta.title,
                             url: url(page, parentsPage.isSectionIntro ? .parentsIndex : .parentsPage(parentsPage.id)) ?? "")
                    }
                }
            }
            return CoverageView.Topic(name: topic.name, tiers: tiers.map { LabelItem(label: $0.label) }, rows: rows, parents: parents)
        }
    }

    /// What a session's plan, pack and handout pages all show first: the reader, the title, the
    /// session's facts. Nil when the session or its level or tier is unknown.
    func sessionPage(_ id: String, level: String, tier: String) -> (SessionPlan, SessionHeading)? {
        guard let session = sessions[id], let (level, tier) = reader(level: level, tier: tier) else { return nil }
        return (session, SessionHeading(level: level, tier: tier, page: metaView(session.meta), session: sessionView(session)))
    }

    /// A worksheet's two versions, from a page: `url` (the usual one) and `simplerURL`.
    func worksheetURLs(_ id: String, from page: PlannedPage, level: String, tier: String) -> WorksheetVersions {
        WorksheetVersions(url: url(page, .worksheet(id: id, level: level, tier: tier)) ?? "",
                          simplerURL: url(page, .simplerWorksheet(id: id, level: level, tier: tier)))
    }

    /// Sessions in the order a programme runs them: the opening session, the themed ones (by
    /// `order`, then title), the closing session.
    func programmeOrder(_ sessions: [SessionPlan]) -> [SessionPlan] {
        SitePlan.ordered(sessions).enumerated().sorted { a, b in
            a.element.part != b.element.part ? a.element.part < b.element.part : a.offset < b.offset
        }.map(\.element)
    }

    /// When a handout may be given, in the page's language: with the young person's agreement,
    /// or, where the tier has adults in it, only when the young person asks.
    func handoutConsent(tier tierID: String) -> HandoutConsent {
        let asks = (config.tier(tierID)?.oldestAge ?? 0) >= 18
        return HandoutConsent(rule: string(asks ? "handout.consent_asks" : "handout.consent_agrees"),
                              checks: (asks ? ["handout.check_asked", "handout.check_safe", "handout.check_told"]
                                            : ["handout.check_agreed", "handout.check_safe", "handout.check_told"]).map { TextItem(text: string($0)) })
    }

    // MARK: Context pieces

    func url(_ from: PlannedPage, _ kind: PageKind) -> String? {
        guard let target = plan.page(kind, language: from.language) else { return nil }
        if from.kind == .notFound { return PageRenderer.basePath(config.baseURL) + target.urlPath }
        return RelativeURL.from(from.outputPath, to: target.urlPath)
    }

    /// What every page shows around its own content (Templates/layout.mustache).
    func chrome(for page: PlannedPage, template: String) -> PageChrome {
        // The 404 page is served at any address, so its links must not be relative.
        let root = page.kind == .notFound ? PageRenderer.basePath(config.baseURL) : RelativeURL.from(page.outputPath, to: "")
        // Adults (parents, carers, professionals, facilitators) see the adults' help box.
        let audience: Audience = [.parents, .professionals, .facilitators].contains(page.kind.audience) ? .parents : .youngPeople
        var footer = footerPages.map { footerPage -> PageChrome.FooterLink in
            let target = plan.page(.page(footerPage.id), language: language)
            let title = target?.language == nil ? footerPage.meta.title : (pages["pages/\(footerPage.id)"] ?? footerPage).meta.title
            // On a translated page, a link to a page that is only in English says so, for screen readers.
            return PageChrome.FooterLink(title: title, url: url(page, .page(footerPage.id)) ?? "",
                                         lang: language != nil && target?.language == nil ? content.config.language : nil)
        }
        // Facilitators reach the group sessions from every page.
        if let sessions = url(page, .facilitatorsIndex) {
            footer.append(PageChrome.FooterLink(title: string("footer.group_sessions"), url: sessions,
                                                lang: language != nil ? content.config.language : nil))
        }
        let sourceLanguage = content.config.sourceLanguage
        let pageLanguage = language.flatMap { content.config.translation($0) } ?? sourceLanguage
        var chrome = PageChrome(
            site: .init(title: config.title, tagline: config.tagline, language: pageLanguage.code),
            language: .init(code: pageLanguage.code, dir: pageLanguage.direction.rawValue, name: pageLanguage.name),
            root: root,
            assets: root == "./" ? "assets/" : root + "assets/",
            printStylesheet: PageRenderer.printStylesheet(language),
            homeURL: page.kind == .notFound ? root : url(page, .home) ?? root,
            youngPeopleURL: url(page, .youngPeopleIndex) ?? root,
            professionalsURL: url(page, .professionalsIndex) ?? root,
            facilitatorsURL: url(page, .facilitatorsIndex) ?? root,
            parentsURL: url(page, .parentsIndex) ?? root,
            helpURL: url(page, .page("help")) ?? "",
            coverTracksURL: url(page, .page("cover-your-tracks")) ?? "",
            calmURL: calmURL(for: page),
            searchURL: searchURL(for: page),
            // The glossary is in the site's own language, and translated pages do not link to it.
            glossaryURL: language != nil ? "" : glossaryReader(for: page).flatMap { url(page, .glossary(reader: $0)) } ?? "",
            exit: .init(url: config.exit.url, label: config.exit.label),
            forParents: audience == .parents,
            helplines: helpBox(for: page, audience: audience),
            footerLinks: footer,
            pageKind: template)
        switch page.kind {
        case let .sessionPlan(id, level, tier), let .pack(id, level, tier): chrome.printPage = PageRenderer.printPageName(id, level, tier)
        default: break
        }
        if let service = config.service, let contact = url(page, .page(service.page)) {
            chrome.service = .init(name: service.name, url: contact, text: audience == .parents ? service.parents : service.youngPeople,
                                   phone: service.phone, tel: service.phone.map { $0.filter(\.isNumber) }, email: service.email,
                                   example: service.isExample ? true : nil)
        }
        // Only when set: Mustache shows a section for any value that is present, even an empty one.
        if let emergency = config.emergency {
            chrome.emergency = .init(phone: emergency.phone, tel: emergency.phone.filter(\.isNumber), label: emergency.label)
        }
        // The same page in other languages: `hreflang` links for search engines and browsers, and
        // the language switcher, which offers only versions that exist.
        let versions = page.kind == .notFound ? [] : plan.versions(of: page.kind)
        if versions.count > 1 {
            chrome.hasVersions = true
            chrome.versions = versions.map { version in
                let lang = version.language.flatMap { content.config.translation($0) } ?? sourceLanguage
                let relative = RelativeURL.from(page.outputPath, to: version.urlPath)
                return .init(code: lang.code, name: lang.name, dir: lang.direction.rawValue, url: relative,
                             current: version.outputPath == page.outputPath,
                             href: content.config.baseURL.map { $0 + version.urlPath } ?? relative)
            }
            if let original = versions.first, original.language == nil {
                let relative = RelativeURL.from(page.outputPath, to: original.urlPath)
                chrome.sourceVersion = .init(url: relative, href: content.config.baseURL.map { $0 + original.urlPath } ?? relative,
                                             code: sourceLanguage.code)
            }
        }
        if let source = page.source, page.language != nil, translationStatus[source]?.state == .draft {
            chrome.isDraft = true
        }
        if settings.pdfLinks, let pdf = page.pdfPath {
            chrome.pdfURL = String(pdf.split(separator: "/").last ?? "")
        }
        return chrome
    }

    /// A translated page searches its language's pages; any other, its reader's scope.
    func searchURL(for page: PlannedPage) -> String {
        if let language, let own = plan.page(.search(scope: .site), language: language), own.language == language {
            return RelativeURL.from(page.outputPath, to: own.urlPath)
        }
        return url(page, .search(scope: searchScope(for: page))) ?? ""
    }

    /// Where a page's search link goes: a young person's own level and tier when the page has them.
    func searchScope(for page: PlannedPage) -> SearchScope {
        switch page.kind {
        case let .moduleVariant(_, level, tier), let .variantIndex(level, tier): return .variant(Variant(level: level, tier: tier))
        case let .search(scope): return scope
        default: return page.kind.audience == .parents ? .parents : .site
        }
    }

    /// Whose glossary a page links to (and whose help box it shows): its tier's young people, or parents.
    func glossaryReader(for page: PlannedPage) -> Reader? {
        switch page.kind {
        case let .moduleVariant(_, _, tier), let .variantIndex(_, tier), let .worksheet(_, _, tier): return .youngPeople(tier: tier)
        case let .glossary(reader): return reader
        case let .search(.variant(variant)): return .youngPeople(tier: variant.tier)
        default: return page.kind.audience == .parents ? .parents : nil
        }
    }

    /// The reader's level and tier; nil if either is not in site.yml.
    func reader(level levelID: String, tier tierID: String) -> (LevelView, TierView)? {
        guard let level = config.level(levelID), let tier = config.tier(tierID) else { return nil }
        return (levelView(level), tierView(tier))
    }

    func metaView(_ meta: PageMeta) -> MetaView {
        MetaView(title: meta.title, summary: meta.summary, contentNote: meta.contentNote,
                 reviewedOn: meta.review.map { $0.date?.longForm ?? "" })
    }

    func levelView(_ level: ServiceLevel) -> LevelView {
        LevelView(id: level.id, name: level.name, youngName: level.youngName, summary: level.summary,
                  choose: level.choose ?? level.youngName)
    }

    func tierView(_ tier: Tier) -> TierView { TierView(id: tier.id, label: tier.label) }

    func moduleLink(_ module: Module, _ page: PlannedPage, _ level: String, _ tier: String) -> Link {
        // The title in the language of the page it leads to.
        let target = plan.page(.moduleVariant(module: module.id, level: level, tier: tier), language: language)
        let title = target?.language == nil ? module.meta.title : (modules[module.id] ?? module).meta.title
        return Link(title: title, url: url(page, .moduleVariant(module: module.id, level: level, tier: tier)) ?? "")
    }

    /// Every young reader's ages, as one band: whom pages without a tier are written for.
    var allYoungAges: Tier {
        Tier(id: "", label: "", youngestAge: config.tiers.map(\.youngestAge).min() ?? 0,
             oldestAge: config.tiers.map(\.oldestAge).max() ?? 0, readingGrade: 0)
    }

    /// The help box's routes: the adults' on adults' pages; on a young person's page, those that
    /// serve their tier (or any young reader, on pages without one), each with whom it serves
    /// when that is only some of the readers.
    func helpBox(for page: PlannedPage, audience: Audience) -> [HelplineView] {
        let reader = audience == .parents ? "parents" : glossaryReader(for: page).flatMap { config.tier($0.id)?.id }
        return helpBoxes[PageRenderer.helpBoxKey(language, reader)] ?? makeHelpBox(reader: reader)
    }

    static func helpBoxKey(_ language: String?, _ reader: String?) -> String { "\(language ?? "")|\(reader ?? "")" }

    /// The help box for `parents`, a tier's young people (its id), or any young reader (nil).
    func makeHelpBox(reader: String?) -> [HelplineView] {
        if reader == "parents" { return config.helplines(for: .parents).map { helplineView($0) } }
        let tier = reader.flatMap { config.tier($0) } ?? allYoungAges
        return config.helplines(for: tier).map { helplineView($0.helpline, condition: $0.condition) }
    }

    /// "If you are under 18", in the page's language, where a route serves only some of a band.
    func condition(_ route: Helpline, for band: Tier) -> RouteAges? {
        route.ages.serves(youngest: band.youngestAge, oldest: band.oldestAge) == .all ? nil : route.ages
    }

    func helplineView(_ helpline: Helpline, condition: RouteAges? = nil) -> HelplineView {
        HelplineView(
            name: helpline.name, forWhom: Self.tappable(helpline.forWhom), verified: helpline.verified.longForm,
            condition: condition.flatMap { $0.conditionKey.isEmpty ? nil : string("help_box." + $0.conditionKey) },
            sms: helpline.sms, smsTel: helpline.sms.map { $0.filter(\.isNumber) },
            smsKeyword: helpline.sms == nil ? nil : helpline.smsKeyword,
            phones: helpline.phones.map { HelplineView.Phone(number: $0, tel: $0.filter(\.isNumber)) },
            url: helpline.url, urlLabel: helpline.url.map(PageRenderer.displayAddress),
            email: helpline.email, description: helpline.description.map(Self.tappable), window: helpline.window?.says)
    }

    /// Text from site.yml as HTML, with each 999, 101 and 111 in it a link that rings it, as in
    /// the pages' own text (BodyConverter.tappableNumbers).
    static func tappable(_ text: String) -> String {
        let html = InterfaceStrings.escapeHTML(text[...])
        guard BodyConverter.tappableNumbers.contains(where: { html.contains($0) }) else { return html }
        let pattern = "(?<![\\w])(" + BodyConverter.tappableNumbers.joined(separator: "|") + ")(?![\\w])"
        return html.replacingOccurrences(of: pattern, with: "<a class=\"tel\" href=\"tel:$1\">$1</a>", options: .regularExpression)
    }

    /// The path part of the base URL: "https://example.org/help/" gives "/help/".
    static func basePath(_ baseURL: String?) -> String {
        guard let baseURL, let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }

    /// "https://www.childline.org.uk/" shown as "childline.org.uk".
    static func displayAddress(_ url: String) -> String { RouteMention.displayAddress(url) }

    func sitemap(base: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in plan.pages.filter({ $0.kind != .notFound }).map(\.urlPath).sorted() {
            xml += "  <url><loc>\(escapeXML(base + path))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }

    func escapeXML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
