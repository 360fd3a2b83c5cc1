// Each kind of page: the template it uses and the values that template gets, built from the
// content, the plan and the converted bodies. One case per page kind; shared pieces are in
// ViewPieces.swift, the help box and the page chrome among them.

import Foundation
import WaymarkMarkdown
import WaymarkModel

extension PageRenderer {
    // MARK: Pages

    mutating func render(_ page: PlannedPage, _ bodies: PageBodies) -> String? {
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
            context["content"] = html(bodies.main)
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
                context["content"] = html(bodies.main)
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
            context["content"] = html(bodies.main)
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
                    worksheetURLs(worksheet.id, from: page, level: v.level.id, tier: v.tier.id)
                        .merging(["label": "\(v.level.youngName), \(v.tier.label.lowercased())"]) { a, _ in a }
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
                    return worksheetURLs(ref.id, from: page, level: levelID, tier: tierID).merging(["title": worksheet.meta.title]) { a, _ in a }
                }
                return view
            }
        case let .worksheet(id, levelID, tierID), let .simplerWorksheet(id, levelID, tierID):
            template = "worksheet"
            guard let worksheet = worksheets[id], addReader(&context, level: levelID, tier: tierID) else { return nil }
            let simpler = page.kind == .simplerWorksheet(id: id, level: levelID, tier: tierID)
            context["page"] = metaView(worksheet.meta)
            context["worksheet"] = worksheetView(worksheet)
            context["content"] = html(bodies.main)
            context["facilitatorsURL"] = url(page, .facilitatorsIndex)
            if simpler {
                context["simpler"] = true
                context["otherVersionURL"] = url(page, .worksheet(id: id, level: levelID, tier: tierID))
            } else {
                context["otherVersionURL"] = url(page, .simplerWorksheet(id: id, level: levelID, tier: tierID))
            }
        case let .sessionPlan(id, levelID, tierID):
            template = "session"
            guard let session = sessionPage(&context, id, level: levelID, tier: tierID) else { return nil }
            context["content"] = html(bodies.main)
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
                return worksheetView(worksheet).merging(worksheetURLs(ref.id, from: page, level: levelID, tier: tierID)) { a, _ in a }
            }
        case let .pack(id, levelID, tierID):
            template = "pack"
            guard let session = sessionPage(&context, id, level: levelID, tier: tierID) else { return nil }
            context["content"] = html(bodies.main)
            context["planURL"] = url(page, .sessionPlan(id: id, level: levelID, tier: tierID))
            // Converted in the session's order, with one set of heading ids for the whole pack.
            let listed = session.worksheets.compactMap { worksheets[$0.id] }
            var packed: [[String: Any]] = []
            for (worksheet, body) in zip(listed, bodies.worksheets) {
                packed.append(worksheetView(worksheet).merging(["content": html(body)]) { a, _ in a })
            }
            context["worksheets"] = packed
        case let .handout(id, levelID, tierID):
            template = "handout"
            guard let session = sessionPage(&context, id, level: levelID, tier: tierID) else { return nil }
            context["content"] = html(bodies.main)
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
            context["content"] = html(bodies.main)
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
}
