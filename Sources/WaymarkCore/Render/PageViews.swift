// Each kind of page: the template it uses and the view that template gets (Views/), built from
// the content, the plan and the converted bodies. One case per page kind; shared pieces are in
// ViewPieces.swift, the page chrome and the help box among them.

import Foundation
import WaymarkMarkdown
import WaymarkModel

extension PageRenderer {
    /// The template each kind of page is rendered with, and its view's type (for the key check).
    static let templates: [(template: String, view: any TemplateView.Type)] = [
        ("home", HomeView.self), ("404", NotFoundView.self), ("young-people", YoungPeopleView.self),
        ("variant-index", VariantIndexView.self), ("module", ModuleView.self), ("module-overview", ModuleOverviewView.self),
        ("parents-index", ParentsIndexView.self), ("parents-page", ParentsPageView.self), ("facilitators", FacilitatorsView.self),
        ("programme", ProgrammeView.self), ("worksheet", WorksheetPageView.self), ("session", SessionPageView.self),
        ("pack", PackView.self), ("handout", HandoutView.self), ("glossary", GlossaryView.self), ("search", SearchPageView.self),
        ("professionals", ProfessionalsView.self), ("words-matter", WordsMatterView.self), ("coverage", CoverageView.self),
        ("page", SitePageView.self), ("partials/take-a-break", PanelView.self),
        ("partials/now", PanelView.self), ("partials/more", MoreView.self), ("print.css", PrintStylesheetView.self),
        ("partials/print/lines", LinesView.self), ("partials/print/box", LinesView.self), ("partials/print/scale", ScaleView.self),
        ("partials/print/ticklist", TickListView.self), ("partials/print/cards", CardsView.self),
        ("partials/print/name-date", EmptyView.self), ("partials/print/trusted-circle", EmptyView.self),
        ("partials/print/safety-plan", EmptyView.self), ("partials/print/breathe", EmptyView.self), ("partials/print/picture-cards", TickListView.self),
        ("partials/activity", ActivityView.self), ("room", RoomView.self), ("kit", KitView.self),
        ("partials/coverage-module", CoverageView.Module.self),
    ]

    mutating func render(_ page: PlannedPage, _ bodies: PageBodies) -> String? {
        guard let (template, view) = view(of: page, bodies) else { return nil }
        guard let html = templates.render(template, view, language: language) else {
            diagnostics.append(.error("the template `\(template)` could not be rendered", at: SourceLocation(file: template + ".mustache"),
                                      rule: "template.render"))
            return nil
        }
        return html
    }

    /// A page's template and view; nil when the page cannot be made (its source or reader is gone).
    mutating func view(of page: PlannedPage, _ bodies: PageBodies) -> (String, any TemplateView)? {
        func chrome(_ template: String) -> PageChrome { self.chrome(for: page, template: template) }
        switch page.kind {
        case .home:
            var view = HomeView(chrome: chrome("home"), youngPeopleURL: url(page, .youngPeopleIndex), parentsURL: url(page, .parentsIndex),
                                aboutURL: url(page, .page("about")), helpURL: url(page, .page("help")),
                                facilitatorsURL: url(page, .facilitatorsIndex))
            // A language's home page lists what is published in that language.
            if let language {
                let translated = plan.pages.filter { $0.language == language && $0.kind != .home }
                    .compactMap { target -> PageLink? in
                        guard let (title, summary) = titleAndSummary(of: target.kind) else { return nil }
                        return PageLink(title: title, summary: summary ?? "", url: RelativeURL.from(page.outputPath, to: target.urlPath))
                    }
                view.translatedPages = translated
                if !translated.isEmpty { view.hasTranslatedPages = true }
            }
            return ("home", view)
        case .notFound:
            return ("404", NotFoundView(chrome: chrome("404")))
        case .youngPeopleIndex:
            let levels = config.levels.map { level in
                YoungPeopleView.Level(level: levelView(level), tiers: config.tiers.map { tier in
                    .init(label: tier.label, id: tier.id, url: url(page, .variantIndex(level: level.id, tier: tier.id)) ?? "")
                })
            }
            return ("young-people", YoungPeopleView(chrome: chrome("young-people"), levels: levels, tiers: config.tiers.map(tierView)))
        case let .variantIndex(levelID, tierID):
            guard let (level, tier) = reader(level: levelID, tier: tierID) else { return nil }
            let modules = orderedModules.compactMap { module -> PageLink? in
                guard let target = plan.page(.moduleVariant(module: module.id, level: levelID, tier: tierID), language: language) else { return nil }
                return PageLink(title: module.meta.title, summary: module.meta.summary ?? "",
                                url: RelativeURL.from(page.outputPath, to: target.urlPath))
            }
            return ("variant-index", VariantIndexView(
                chrome: chrome("variant-index"), level: level, tier: tier, modules: modules,
                otherTiers: config.tiers.map { other in
                    LabelChoice(label: other.label, current: other.id == tierID, url: url(page, .variantIndex(level: levelID, tier: other.id)) ?? "")
                },
                otherLevels: config.levels.map { other in
                    LevelChoice(name: other.youngName, current: other.id == levelID, url: url(page, .variantIndex(level: other.id, tier: tierID)) ?? "")
                }))
        case let .moduleVariant(moduleID, levelID, tierID):
            guard let module = modules[moduleID], let (level, tier) = reader(level: levelID, tier: tierID) else { return nil }
            // Every variant the site has, in whichever language each is published.
            let variants = SitePlan.variants(of: sourceDocuments.modules[moduleID] ?? module, in: config)
            let sections = bodies.main?.sections ?? []
            var view = ModuleView(
                chrome: chrome("module"), level: level, tier: tier, page: metaView(module.meta),
                content: html(bodies.main, leavingOutNow: true), now: now(bodies.main),
                contents: sections.count >= 3 ? ContentsList(items: sections.map { Link(title: $0.text, url: "#" + $0.id) }) : nil,
                indexURL: url(page, .variantIndex(level: levelID, tier: tierID)), overviewURL: url(page, .moduleOverview(module: moduleID)),
                otherTiers: variants.filter { $0.level.id == levelID }.map { v in
                    LabelChoice(label: v.tier.label, current: v.tier.id == tierID,
                                url: url(page, .moduleVariant(module: moduleID, level: levelID, tier: v.tier.id)) ?? "")
                },
                otherLevels: variants.filter { $0.tier.id == tierID }.map { v in
                    LevelChoice(name: v.level.youngName, current: v.level.id == levelID,
                                url: url(page, .moduleVariant(module: moduleID, level: v.level.id, tier: tierID)) ?? "")
                })
            // The modules before and after this one that this reader also has.
            if let index = moduleIndex[moduleID] {
                let covers = { (m: Module) in plan.page(.moduleVariant(module: m.id, level: levelID, tier: tierID), language: language) != nil }
                if let before = orderedModules[..<index].last(where: covers) { view.previous = moduleLink(before, page, levelID, tierID) }
                if let after = orderedModules[(index + 1)...].first(where: covers) { view.next = moduleLink(after, page, levelID, tierID) }
            }
            return ("module", view)
        case let .moduleOverview(moduleID):
            guard let module = modules[moduleID] else { return nil }
            let variants = SitePlan.variants(of: module, in: config)
            let levels = config.levels.filter { level in variants.contains { $0.level.id == level.id } }.map { level in
                ModuleOverviewView.Level(level: levelView(level), tiers: variants.filter { $0.level.id == level.id }.map { v in
                    LabelLink(label: v.tier.label, url: url(page, .moduleVariant(module: moduleID, level: level.id, tier: v.tier.id)) ?? "")
                })
            }
            return ("module-overview", ModuleOverviewView(chrome: chrome("module-overview"), page: metaView(module.meta), levels: levels))
        case .parentsIndex:
            let intro = pages["parents/index"]
            let listed = orderedPages.filter { $0.section == .parents && !$0.isSectionIntro }.map {
                PageLink(title: $0.meta.title, summary: $0.meta.summary ?? "", url: url(page, .parentsPage($0.id)) ?? "")
            }
            return ("parents-index", ParentsIndexView(chrome: chrome("parents-index"),
                                                      page: intro.map { metaView($0.meta) } ?? MetaView(title: string("header.parents")),
                                                      content: intro == nil ? nil : html(bodies.main), pages: listed))
        case let .parentsPage(id):
            guard let source = pages["parents/\(id)"] else { return nil }
            var view = ParentsPageView(chrome: chrome("parents-page"), page: metaView(source.meta), content: html(bodies.main),
                                       parentsURL: url(page, .parentsIndex))
            if let ref = source.childReads, let module = modules[ref.id] {
                let variants = SitePlan.variants(of: module, in: config)
                // Parents see the first level the module covers: the one that explains the signs.
                let level = variants.first?.level.id
                view.childReads = .init(title: module.meta.title, overviewURL: url(page, .moduleOverview(module: module.id)) ?? "",
                                        tiers: variants.filter { $0.level.id == level }.map { v in
                    LabelLink(label: v.tier.label, url: url(page, .moduleVariant(module: module.id, level: v.level.id, tier: v.tier.id)) ?? "")
                })
            }
            return ("parents-page", view)
        case .facilitatorsIndex:
            let sessionsInOrder = SitePlan.ordered(content.sessions)
            let levels = config.levels.compactMap { level -> FacilitatorsView.Level? in
                let tiers = config.tiers.compactMap { tier -> FacilitatorsView.Level.Tier? in
                    let here = sessionsInOrder.filter { plan.page(.sessionPlan(id: $0.id, level: level.id, tier: tier.id)) != nil }
                    guard !here.isEmpty else { return nil }
                    return .init(label: tier.label, programmeURL: url(page, .programme(level: level.id, tier: tier.id)) ?? "",
                                 sessions: programmeOrder(here).map { session in
                        .init(title: session.meta.title, summary: session.meta.summary ?? "", length: session.length ?? "",
                              part: string("programme." + session.part.rawValue),
                              planURL: url(page, .sessionPlan(id: session.id, level: level.id, tier: tier.id)) ?? "",
                              packURL: url(page, .pack(id: session.id, level: level.id, tier: tier.id)) ?? "")
                    })
                }
                guard !tiers.isEmpty else { return nil }
                return .init(level: levelView(level), tiers: tiers)
            }
            let worksheets = SitePlan.ordered(content.worksheets).map { worksheet in
                FacilitatorsView.Worksheet(title: worksheet.meta.title, summary: worksheet.meta.summary ?? "", time: worksheet.time ?? "",
                                           variants: SitePlan.variants(of: worksheet, in: config).map { v in
                    .init(versions: worksheetURLs(worksheet.id, from: page, level: v.level.id, tier: v.tier.id),
                          label: "\(v.level.youngName), \(v.tier.label.lowercased())")
                })
            }
            return ("facilitators", FacilitatorsView(chrome: chrome("facilitators"), levels: levels, worksheets: worksheets))
        case let .programme(levelID, tierID):
            guard let (level, tier) = reader(level: levelID, tier: tierID) else { return nil }
            let here = content.sessions.filter { plan.page(.sessionPlan(id: $0.id, level: levelID, tier: tierID)) != nil }
            let sessions = programmeOrder(here).enumerated().map { index, session -> ProgrammeView.Session in
                var packPDF: String?
                if let pack = plan.page(.pack(id: session.id, level: levelID, tier: tierID)), settings.pdfLinks, let pdf = pack.pdfPath {
                    packPDF = RelativeURL.from(page.outputPath, to: pdf)
                }
                var item = ProgrammeView.Session(session: sessionView(session), step: index + 1, part: string("programme." + session.part.rawValue),
                             summary: session.meta.summary ?? "",
                             planURL: url(page, .sessionPlan(id: session.id, level: levelID, tier: tierID)) ?? "",
                             packURL: url(page, .pack(id: session.id, level: levelID, tier: tierID)) ?? "",
                             packPDFURL: packPDF, handoutURL: url(page, .handout(id: session.id, level: levelID, tier: tierID)),
                             worksheets: session.worksheets.compactMap { ref in
                    worksheets[ref.id].map { worksheet in
                        .init(versions: worksheetURLs(ref.id, from: page, level: levelID, tier: tierID), title: worksheet.meta.title)
                    }
                })
                item.roomURL = url(page, .groupRoom(id: session.id, level: levelID, tier: tierID))
                return item
            }
            func pdf(_ kind: PageKind) -> String? {
                guard settings.pdfLinks, let target = plan.page(kind), let path = target.pdfPath else { return nil }
                return RelativeURL.from(page.outputPath, to: path)
            }
            let kit = SitePlan.kitSheets(content.worksheets, level: levelID, tier: tierID, config: config).compactMap { source -> ProgrammeView.KitItem? in
                let usual = PageKind.worksheet(id: source.id, level: levelID, tier: tierID)
                let simpler = PageKind.simplerWorksheet(id: source.id, level: levelID, tier: tierID)
                guard let worksheet = worksheets[source.id], let link = url(page, usual) else { return nil }
                return .init(title: worksheet.meta.title, summary: worksheet.meta.summary ?? "", url: link, pdfURL: pdf(usual),
                             simplerURL: url(page, simpler), simplerPDFURL: pdf(simpler), forFacilitators: worksheet.filledInBy == .facilitators)
            }
            var view = ProgrammeView(chrome: chrome("programme"), level: level, tier: tier,
                                     facilitatorsURL: url(page, .facilitatorsIndex), sessions: sessions, kit: kit)
            view.kitURL = url(page, .programmeKit(level: levelID, tier: tierID))
            view.kitPDFURL = pdf(.programmeKit(level: levelID, tier: tierID))
            return ("programme", view)
        case let .worksheet(id, levelID, tierID), let .simplerWorksheet(id, levelID, tierID):
            guard let worksheet = worksheets[id], let (level, tier) = reader(level: levelID, tier: tierID) else { return nil }
            let simpler = page.kind == .simplerWorksheet(id: id, level: levelID, tier: tierID)
            return ("worksheet", WorksheetPageView(
                chrome: chrome("worksheet"), level: level, tier: tier, page: metaView(worksheet.meta), worksheet: worksheetView(worksheet),
                content: html(bodies.main), facilitatorsURL: url(page, .facilitatorsIndex), simpler: simpler ? true : nil,
                otherVersionURL: simpler ? url(page, .worksheet(id: id, level: levelID, tier: tierID))
                                         : url(page, .simplerWorksheet(id: id, level: levelID, tier: tierID))))
        case let .sessionPlan(id, levelID, tierID):
            guard let (session, heading) = sessionPage(id, level: levelID, tier: tierID) else { return nil }
            var view = SessionPageView(chrome: chrome("session"), heading: heading, content: html(bodies.main),
                                       packURL: url(page, .pack(id: id, level: levelID, tier: tierID)),
                                       programmeURL: url(page, .programme(level: levelID, tier: tierID)),
                                       sessionPart: string("programme." + session.part.rawValue),
                                       facilitatorsURL: url(page, .facilitatorsIndex),
                                       worksheets: session.worksheets.compactMap { ref in
                worksheets[ref.id].map { .init(info: worksheetView($0), versions: worksheetURLs(ref.id, from: page, level: levelID, tier: tierID)) }
            })
            view.answerKeys = answerKeys(session, level: levelID, tier: tierID)
            view.roomURL = url(page, .groupRoom(id: id, level: levelID, tier: tierID))
            if let handout = plan.page(.handout(id: id, level: levelID, tier: tierID), language: language) {
                view.handoutURL = RelativeURL.from(page.outputPath, to: handout.urlPath)
                if settings.pdfLinks, let pdf = handout.pdfPath { view.handoutPDFURL = RelativeURL.from(page.outputPath, to: pdf) }
                view.handoutConsent = handoutConsent(tier: tierID)
            }
            if settings.pdfLinks, let pack = plan.page(.pack(id: id, level: levelID, tier: tierID), language: language), let pdf = pack.pdfPath {
                view.packPDFURL = RelativeURL.from(page.outputPath, to: pdf)
            }
            return ("session", view)
        case let .pack(id, levelID, tierID):
            guard let (session, heading) = sessionPage(id, level: levelID, tier: tierID) else { return nil }
            // Converted in the session's order, with one set of heading ids for the whole pack.
            let listed = session.worksheets.compactMap { worksheets[$0.id] }
            var packed: [PackView.Worksheet] = []
            for (worksheet, body) in zip(listed, bodies.worksheets) {
                packed.append(.init(info: worksheetView(worksheet), content: html(body)))
            }
            return ("pack", PackView(chrome: chrome("pack"), heading: heading, content: html(bodies.main),
                                     planURL: url(page, .sessionPlan(id: id, level: levelID, tier: tierID)), worksheets: packed,
                                     answerKeys: answerKeys(session, level: levelID, tier: tierID),
                                     timetable: timetable(bodies.timings, from: page)))
        case let .programmeKit(levelID, tierID):
            guard let (level, tier) = reader(level: levelID, tier: tierID) else { return nil }
            let sheets = SitePlan.kitSheets(worksheets.values, level: levelID, tier: tierID, config: config)
            activitiesOpen = true
            let packed = zip(sheets, bodies.worksheets).map { sheet, body in PackView.Worksheet(info: worksheetView(sheet), content: html(body)) }
            let pdf = settings.pdfLinks ? page.pdfPath.map { RelativeURL.from(page.outputPath, to: $0) } : nil
            return ("kit", KitView(chrome: chrome("kit"), level: level, tier: tier, programmeURL: url(page, .programme(level: levelID, tier: tierID)),
                                   pdfURL: pdf, worksheets: packed))
        case let .groupRoom(id, levelID, tierID):
            guard let (_, heading) = sessionPage(id, level: levelID, tier: tierID), let tier = config.tier(tierID) else { return nil }
            // Every activity of the session's worksheets, open, one to a slide; the simpler
            // versions are on paper.
            activitiesOpen = true
            var slides: [RoomView.Slide] = []
            for body in bodies.worksheets {
                for piece in body.pieces {
                    guard case .activity(let activity, _) = piece else { continue }
                    activityCount += 1
                    let html = templates.render("partials/activity", ActivityView(activity, number: activityCount, open: true), language: language) ?? ""
                    slides.append(.init(number: slides.count + 2, content: html))
                }
            }
            let helplines = config.helplines(for: tier).map { helplineView($0.helpline, condition: $0.condition) }
            return ("room", RoomView(chrome: chrome("room"), heading: heading, planURL: url(page, .sessionPlan(id: id, level: levelID, tier: tierID)),
                                     timetable: timetable(bodies.timings, from: page), slides: slides, helplines: helplines,
                                     total: slides.count + 2))
        case let .handout(id, levelID, tierID):
            guard let (_, heading) = sessionPage(id, level: levelID, tier: tierID) else { return nil }
            return ("handout", HandoutView(chrome: chrome("handout"), heading: heading, content: html(bodies.main),
                                           planURL: url(page, .sessionPlan(id: id, level: levelID, tier: tierID)),
                                           handoutConsent: handoutConsent(tier: tierID)))
        case let .glossary(reader):
            let entries = content.glossary.compactMap { entry in
                entry.definitions[reader.id].map { GlossaryView.Entry(term: entry.term, anchor: entry.anchor, definition: $0) }
            }
            return ("glossary", GlossaryView(chrome: chrome("glossary"), readerLabel: config.tier(reader.id)?.label ?? string("glossary.for_parents"),
                                             entries: entries, otherReaders: glossaryReaders.map { other, label in
                LabelChoice(label: label, current: other == reader, url: url(page, .glossary(reader: other)) ?? "")
            }))
        case let .search(scope):
            return ("search", searchView(page, scope: scope, chrome: chrome("search")))
        case .professionalsIndex:
            // Every programme the site has, by its professional name and ages, so a facilitator
            // reaches the group sessions from here as well as from the home page and the footer.
            let programmes = config.levels.flatMap { level in
                config.tiers.compactMap { tier -> LabelLink? in
                    url(page, .programme(level: level.id, tier: tier.id)).map { LabelLink(label: "\(level.name), \(tier.label.lowercased())", url: $0) }
                }
            }
            return ("professionals", ProfessionalsView(chrome: chrome("professionals"), aboutURL: url(page, .page("about")),
                                                       wordsMatterURL: url(page, .wordsMatter), coverageURL: url(page, .coverage),
                                                       facilitatorsURL: url(page, .facilitatorsIndex), programmes: programmes))
        case .wordsMatter:
            func entries(_ kind: PhraseToAvoid.Kind) -> [WordsMatterView.Entry] {
                content.phrasesToAvoid.filter { $0.kind == kind }.map { entry in
                    .init(phrases: entry.phrases.map { .init(phrase: $0) }, because: entry.because, instead: entry.instead)
                }
            }
            let promises = entries(.promise)
            return ("words-matter", WordsMatterView(chrome: chrome("words-matter"), entries: entries(.blame),
                                                    promises: promises.isEmpty ? nil : promises, hasPromises: promises.isEmpty ? nil : true))
        case .coverage:
            return ("coverage", CoverageView(chrome: chrome("coverage"), modules: coverageModules(page), topics: topicsView(for: page),
                                             hasTopics: content.topics.isEmpty ? nil : true))
        case let .page(id):
            guard let source = pages["pages/\(id)"] else { return nil }
            var view = SitePageView(chrome: chrome("page"), page: metaView(source.meta), content: html(bodies.main))
            if id == "glossary", !content.glossary.isEmpty {
                view.glossaryReaders = glossaryReaders.map { reader, label in
                    LabelLink(label: label, url: url(page, .glossary(reader: reader)) ?? "")
                }
            }
            if source.calmTier != nil { view.calm = true }
            if id == "help" {
                view.isHelpPage = true
                view.allHelplines = helpPageRoutes()
            }
            return ("page", view)
        }
    }

    /// The search page: where its indexes are, and the A to Z list shown without JavaScript.
    /// Every glossary's reader, with its name on the page: each tier's young people, then parents.
    var glossaryReaders: [(Reader, String)] {
        config.tiers.map { (Reader.youngPeople(tier: $0.id), $0.label) } + [(.parents, string("glossary.for_parents"))]
    }

    func searchView(_ page: PlannedPage, scope: SearchScope, chrome: PageChrome) -> SearchPageView {
        let file = SearchIndex.file(for: scope, language: language)
        // Addresses in the indexes start from the site's root, whatever the page's language.
        let root = RelativeURL.from(page.outputPath, to: "")
        let prefix = root == "./" ? "" : root
        var level = ""
        if case .variant(let variant) = scope { level = variant.level }
        var view = SearchPageView(chrome: chrome, indexURL: prefix + file, searchRoot: root, level: level, letters: [])
        // A language's own search has only its pages; the site's pages stay in the English search.
        if language == nil, scope == .site {
            // The same files whatever is typed, so not even the server's log tells what was searched.
            view.moreURLs = config.tiers.map { prefix + SearchIndex.tierFile($0.id) }.joined(separator: " ")
            view.tierLabels = config.tiers.map { "\($0.id)=\($0.label)" }.joined(separator: "|")
        }
        if language == nil { view.sharedURL = prefix + SearchIndex.shared } else {
            view.languageSearch = true
            view.englishSearchURL = plan.page(.search(scope: .site)).map { RelativeURL.from(page.outputPath, to: $0.urlPath) } ?? ""
        }
        let own = searchIndexes[file]?.entries ?? []
        let shared = language == nil ? searchIndexes[SearchIndex.shared]?.entries ?? [] : []
        // Each title made lower case once, not at every comparison (a large site's A to Z sorts thousands).
        let entries = (own + shared).map { (key: $0.t.lowercased(), entry: $0) }.sorted { $0.key < $1.key }.map(\.entry)
        var seen: Set<String> = []
        for entry in entries {
            // One link per title on the A to Z: the version for this page's level when there are several.
            if !level.isEmpty, !entry.l.isEmpty, entry.l != level { continue }
            guard seen.insert(entry.u).inserted else { continue }
            let letter = entry.t.first.map { String($0).uppercased() } ?? "#"
            let item = Link(title: entry.t, url: RelativeURL.from(page.outputPath, to: entry.u))
            if view.letters.last?.letter == letter { view.letters[view.letters.count - 1].items.append(item) } else {
                view.letters.append(.init(letter: letter, items: [item]))
            }
        }
        return view
    }

    /// The editors' table: every module's cells, level by tier. Each module's part is rendered
    /// here through `partials/coverage-module` and kept by the preview's memo while its cells
    /// are the same, so an edit to one module does not make the whole table again (it is
    /// hundreds of kilobytes on a large site, and a body edit changes the word counts).
    func coverageModules(_ page: PlannedPage) -> [CoverageView.Module] {
        let cellsByModule = Dictionary(grouping: coverage.cells, by: \.module)
        let labels: [CoverageCell.Status: String] = [.written: string("coverage.written"), .empty: string("coverage.empty"),
                                                     .sharedLevel: string("coverage.shared_level"), .sharedTier: string("coverage.shared_tier")]
        return orderedModules.map { module in
            let mine = cellsByModule[module.id] ?? []
            // Addresses, labels and templates change only with the site's shape, when the memo
            // forgets every page.
            let key = CoverageView.ModuleKey(title: module.meta.title, file: module.file, cells: mine)
            return remembered(memo, .pageHTML, page.outputPath + " " + module.id, madeFrom: key) {
                var view = CoverageView.Module(title: module.meta.title, file: module.file, tiers: config.tiers.map { LabelItem(label: $0.label) },
                                               rows: config.levels.map { level in
                    .init(level: level.name, youngName: level.youngName, cells: config.tiers.map { tier in
                        guard let cell = mine.first(where: { $0.level == level.id && $0.tier == tier.id }) else {
                            return .init(status: string("coverage.not_covered"), cssClass: "none")
                        }
                        return .init(status: labels[cell.status] ?? "", cssClass: cell.status.rawValue, words: cell.words,
                                     url: url(page, .moduleVariant(module: module.id, level: level.id, tier: tier.id)) ?? "")
                    })
                })
                // The part's last line break is the page template's, which puts each part on its own lines.
                var html = templates.render("partials/coverage-module", view, language: language) ?? ""
                if html.hasSuffix("\n") { html.removeLast() }
                view.html = html
                return view
            }
        }
    }

    /// Every route for the help page: the young people's with whom each serves, then the
    /// adults'. Routes with no help box (`audiences: []`) are listed here by what they are for.
    func helpPageRoutes() -> [SitePageView.HelplineGroup] {
        let everyAge = allYoungAges
        let young = config.helplines.filter { route in
            route.audiences.contains(.youngPeople) || (route.audiences.isEmpty && route.purposes != [.worriedAdult])
        }.filter { $0.ages.serves(youngest: everyAge.youngestAge, oldest: everyAge.oldestAge) != .none }
        let adults = config.helplines.filter { route in
            route.audiences.contains(.parents) || (route.audiences.isEmpty && route.purposes.contains(.worriedAdult))
        }
        return [.init(heading: string("help_box.for_young_people"), helplines: young.map { helplineView($0, condition: condition($0, for: everyAge)) }),
                .init(heading: string("help_box.for_adults"), helplines: adults.map { helplineView($0) })]
    }
}
