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

    func worksheetView(_ worksheet: Worksheet) -> [String: Any] {
        var view: [String: Any] = ["title": worksheet.meta.title, "id": worksheet.id]
        if let time = worksheet.time { view["time"] = time }
        if let notes = worksheet.facilitatorNotes { view["facilitatorNotes"] = notes }
        if let summary = worksheet.meta.summary { view["summary"] = summary }
        return view
    }

    func sessionView(_ session: SessionPlan) -> [String: Any] {
        var view: [String: Any] = ["title": session.meta.title, "id": session.id]
        if let length = session.length { view["length"] = length }
        if let size = session.groupSize { view["groupSize"] = size }
        return view
    }

    /// The topics every reader must find, and where each reader finds them, for the editors' page.
    func topicsView(for page: PlannedPage) -> [[String: Any]] {
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

    /// What a session's plan, pack and handout pages all show first: the reader, the title, the
    /// session's facts. Nil when the session or its level or tier is unknown.
    func sessionPage(_ context: inout [String: Any], _ id: String, level: String, tier: String) -> SessionPlan? {
        guard let session = sessions[id], addReader(&context, level: level, tier: tier) else { return nil }
        context["page"] = metaView(session.meta)
        context["session"] = sessionView(session)
        return session
    }

    /// A worksheet's two versions, from a page: `url` (the usual one) and `simplerURL`.
    func worksheetURLs(_ id: String, from page: PlannedPage, level: String, tier: String) -> [String: Any] {
        ["url": url(page, .worksheet(id: id, level: level, tier: tier)) ?? "",
         "simplerURL": url(page, .simplerWorksheet(id: id, level: level, tier: tier)) ?? ""]
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
    func handoutConsent(tier tierID: String) -> [String: Any] {
        let asks = (config.tier(tierID)?.oldestAge ?? 0) >= 18
        return ["rule": string(asks ? "handout.consent_asks" : "handout.consent_agrees"),
                "checks": (asks ? ["handout.check_asked", "handout.check_safe", "handout.check_told"]
                                : ["handout.check_agreed", "handout.check_safe", "handout.check_told"]).map { ["text": string($0)] }]
    }

    // MARK: Context pieces

    func url(_ from: PlannedPage, _ kind: PageKind) -> String? {
        guard let target = plan.page(kind, language: from.language) else { return nil }
        if from.kind == .notFound { return PageRenderer.basePath(config.baseURL) + target.urlPath }
        return RelativeURL.from(from.outputPath, to: target.urlPath)
    }

    func common(for page: PlannedPage) -> [String: Any] {
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
    func searchURL(for page: PlannedPage) -> String {
        if let language, let own = plan.page(.search(scope: "site"), language: language), own.language == language {
            return RelativeURL.from(page.outputPath, to: own.urlPath)
        }
        return url(page, .search(scope: searchScope(for: page))) ?? ""
    }

    /// Where a page's search link goes: a young person's own level and tier when the page has them.
    func searchScope(for page: PlannedPage) -> String {
        switch page.kind {
        case let .moduleVariant(_, level, tier), let .variantIndex(level, tier): return "\(level)/\(tier)"
        case let .search(scope): return scope
        default: return page.kind.audience == .parents ? "parents" : "site"
        }
    }

    func glossaryReader(for page: PlannedPage) -> String? {
        switch page.kind {
        case let .moduleVariant(_, _, tier), let .variantIndex(_, tier), let .worksheet(_, _, tier): return tier
        case let .glossary(reader): return reader
        case let .search(scope) where scope.contains("/"): return scope.split(separator: "/").last.map(String.init)
        default: return page.kind.audience == .parents ? "parents" : nil
        }
    }

    /// Puts the reader's level and tier in a page's context; false if either is not in site.yml.
    func addReader(_ context: inout [String: Any], level levelID: String, tier tierID: String) -> Bool {
        guard let level = config.level(levelID), let tier = config.tier(tierID) else { return false }
        context["level"] = levelView(level)
        context["tier"] = tierView(tier)
        return true
    }

    func metaView(_ meta: PageMeta) -> [String: Any] {
        var view: [String: Any] = ["title": meta.title]
        if let summary = meta.summary { view["summary"] = summary }
        if let note = meta.contentNote { view["contentNote"] = note }
        if let review = meta.review {
            view["reviewedOn"] = review.date?.longForm ?? ""
        }
        return view
    }

    func levelView(_ level: ServiceLevel) -> [String: Any] {
        ["id": level.id, "name": level.name, "youngName": level.youngName, "summary": level.summary]
    }

    func tierView(_ tier: Tier) -> [String: Any] {
        ["id": tier.id, "label": tier.label]
    }

    func moduleLink(_ module: Module, _ page: PlannedPage, _ level: String, _ tier: String) -> [String: Any] {
        // The title in the language of the page it leads to.
        let target = plan.page(.moduleVariant(module: module.id, level: level, tier: tier), language: language)
        let title = target?.language == nil ? module.meta.title : (modules[module.id] ?? module).meta.title
        return ["title": title, "url": url(page, .moduleVariant(module: module.id, level: level, tier: tier)) ?? ""]
    }

    /// Every young reader's ages, as one band: whom pages without a tier are written for.
    var allYoungAges: Tier {
        Tier(id: "", label: "", youngestAge: config.tiers.map(\.youngestAge).min() ?? 0,
             oldestAge: config.tiers.map(\.oldestAge).max() ?? 0, readingGrade: 0)
    }

    /// The help box's routes: the adults' on adults' pages; on a young person's page, those that
    /// serve their tier (or any young reader, on pages without one), each with whom it serves
    /// when that is only some of the readers.
    func helpBox(for page: PlannedPage, audience: Audience) -> [[String: Any]] {
        if audience == .parents { return config.helplines(for: .parents).map { helplineView($0) } }
        let tier = glossaryReader(for: page).flatMap { config.tier($0) } ?? allYoungAges
        return config.helplines(for: tier).map { helplineView($0.helpline, condition: $0.condition) }
    }

    /// "If you are under 18", in the page's language, where a route serves only some of a band.
    func condition(_ route: Helpline, for band: Tier) -> RouteAges? {
        route.ages.serves(youngest: band.youngestAge, oldest: band.oldestAge) == .all ? nil : route.ages
    }

    func helplineView(_ helpline: Helpline, condition: RouteAges? = nil) -> [String: Any] {
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
