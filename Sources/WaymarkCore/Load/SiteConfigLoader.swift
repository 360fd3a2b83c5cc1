// Reads Content/site.yml into a SiteConfig, reporting every problem with its line.

import Foundation
import WaymarkModel
import Yams

enum SiteConfigLoader {
    static let allowedKeys = ["title", "tagline", "language", "base_url", "raw_html", "sitemap", "reading_targets",
                              "tiers", "levels", "helplines", "exit", "emergency",
                              "languages", "language_name", "service"]

    static func load(text: String, file: String) -> (SiteConfig?, [Diagnostic]) {
        let root: Node?
        switch FrontMatter.parseYAML(text, file: file, firstLine: 1) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let node): root = node
        }
        guard let root else {
            return (nil, [.error("site.yml is empty: it needs at least `title`, `tiers`, `levels` and `exit`",
                                 at: SourceLocation(file: file), rule: "site.missing")])
        }
        var fields = YAMLFields(file: file, firstLine: 1)
        guard let map = fields.mapping(root, what: "site.yml", allowed: allowedKeys) else {
            return (nil, fields.diagnostics)
        }
        let title = fields.string(map["title"], key: "title", required: true, in: root)
        let tiers = readTiers(map["tiers"], root: root, &fields)
        let levels = readLevels(map["levels"], root: root, &fields)
        let exit = readExit(map["exit"], root: root, &fields)
        let helplines = readHelplines(map["helplines"], &fields)
        var emergency: EmergencyNumber?
        if let node = map["emergency"], let e = fields.mapping(node, what: "`emergency`", allowed: ["phone", "label"]),
           let phone = fields.string(e["phone"], key: "phone", required: true, in: node) {
            emergency = EmergencyNumber(phone: phone, label: fields.string(e["label"], key: "label") ?? "In an emergency, call")
        }
        var targets: [String: Node] = [:]
        if let node = map["reading_targets"] {
            targets = fields.mapping(node, what: "`reading_targets`", allowed: ["parents", "facilitators", "pages"]) ?? [:]
        }
        let baseURL = fields.string(map["base_url"], key: "base_url").map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            fields.error("`base_url` must start with https:// (for example https://example.org/)", map["base_url"],
                         rule: "site.base-url")
        }
        let sitemap = fields.bool(map["sitemap"], key: "sitemap") ?? true
        if sitemap && baseURL == nil {
            fields.error("a sitemap needs `base_url`: set it, or set `sitemap: false` for a private site", root,
                         rule: "site.base-url")
        }
        let language = fields.string(map["language"], key: "language") ?? "en-GB"
        let languages = readLanguages(map["languages"], source: language, &fields)
        let service = readService(map["service"], baseURL: baseURL, &fields)
        guard let title, let tiers, let levels, let exit, !fields.diagnostics.hasErrors else {
            return (nil, fields.diagnostics)
        }
        var config = SiteConfig(
            title: title,
            tagline: fields.string(map["tagline"], key: "tagline") ?? "",
            language: language,
            baseURL: baseURL,
            rawHTML: fields.bool(map["raw_html"], key: "raw_html") ?? false,
            sitemap: sitemap,
            tiers: tiers, levels: levels, helplines: helplines, exit: exit, emergency: emergency,
            parentsReadingGrade: fields.number(targets["parents"], key: "parents") ?? 7,
            facilitatorsReadingGrade: fields.number(targets["facilitators"], key: "facilitators") ?? 10,
            pagesReadingGrade: fields.number(targets["pages"], key: "pages"))
        config.languages = languages
        config.service = service
        config.languageName = fields.string(map["language_name"], key: "language_name")
            ?? (Language(code: language, name: "", englishName: "").primaryCode == "en" ? "English" : language)
        return (fields.diagnostics.hasErrors ? nil : config, fields.diagnostics)
    }

    /// Ids become parts of URLs, so they are kept to lowercase letters, digits and hyphens.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func items(_ node: Node?, key: String, root: Node, _ fields: inout YAMLFields) -> [Node]? {
        guard let node else {
            fields.error("`\(key)` is required", root, rule: "site.missing")
            return nil
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            fields.error("`\(key)` must be a list with at least one entry", node, rule: "yaml.type")
            return nil
        }
        return Array(sequence)
    }

    private static func checkID(_ id: String?, node: Node?, seen: inout Set<String>, _ fields: inout YAMLFields) {
        guard let id else { return }
        if !isValidID(id) {
            fields.error("the id `\(id)` must use only lowercase letters, digits and hyphens (it becomes part of a URL)",
                         node, rule: "site.id")
        } else if !seen.insert(id).inserted {
            fields.error("the id `\(id)` is used twice", node, rule: "site.id")
        }
    }

    private static func readTiers(_ node: Node?, root: Node, _ fields: inout YAMLFields) -> [Tier]? {
        guard let list = items(node, key: "tiers", root: root, &fields) else { return nil }
        var tiers: [Tier] = []
        var seen: Set<String> = []
        for item in list {
            guard let map = fields.mapping(item, what: "a tier", allowed: ["id", "label", "ages", "reading_grade"]) else { continue }
            let id = fields.string(map["id"], key: "id", required: true, in: item)
            checkID(id, node: map["id"], seen: &seen, &fields)
            let label = fields.string(map["label"], key: "label", required: true, in: item)
            let grade = fields.number(map["reading_grade"], key: "reading_grade")
            if map["reading_grade"] == nil {
                fields.error("`reading_grade` is required (the highest Flesch-Kincaid grade for this tier)", item,
                             rule: "site.missing")
            }
            var ages: [Int] = []
            if let agesNode = map["ages"] {
                ages = (agesNode.sequence.map(Array.init) ?? []).compactMap { $0.scalar.flatMap { Int($0.string) } }
                if ages.count != 2 || ages[0] > ages[1] {
                    fields.error("`ages` must be two numbers, youngest then oldest, such as [11, 13]", agesNode, rule: "yaml.type")
                    ages = []
                }
            } else {
                fields.error("`ages` is required, such as [11, 13]", item, rule: "site.missing")
            }
            if let id, let label, let grade, ages.count == 2 {
                tiers.append(Tier(id: id, label: label, youngestAge: ages[0], oldestAge: ages[1], readingGrade: grade))
            }
        }
        return tiers
    }

    private static func readLevels(_ node: Node?, root: Node, _ fields: inout YAMLFields) -> [ServiceLevel]? {
        guard let list = items(node, key: "levels", root: root, &fields) else { return nil }
        var levels: [ServiceLevel] = []
        var seen: Set<String> = []
        for item in list {
            guard let map = fields.mapping(item, what: "a level", allowed: ["id", "name", "young_name", "summary", "choose"]) else { continue }
            let id = fields.string(map["id"], key: "id", required: true, in: item)
            checkID(id, node: map["id"], seen: &seen, &fields)
            let name = fields.string(map["name"], key: "name", required: true, in: item)
            let young = fields.string(map["young_name"], key: "young_name", required: true, in: item)
            let summary = fields.string(map["summary"], key: "summary", required: true, in: item)
            if let id, let name, let young, let summary {
                var level = ServiceLevel(id: id, name: name, youngName: young, summary: summary)
                level.choose = fields.string(map["choose"], key: "choose")
                levels.append(level)
            }
        }
        return levels
    }

    private static func readExit(_ node: Node?, root: Node, _ fields: inout YAMLFields) -> ExitControl? {
        guard let node else {
            fields.error("`exit` is required: the neutral `url` the Exit this page control goes to, and its `label`",
                         root, rule: "site.missing")
            return nil
        }
        guard let map = fields.mapping(node, what: "`exit`", allowed: ["url", "label"]) else { return nil }
        guard let url = fields.string(map["url"], key: "url", required: true, in: node) else { return nil }
        if !url.hasPrefix("https://") && !url.hasPrefix("http://") {
            fields.error("the exit `url` must be a full web address (https://...) of a neutral site", map["url"], rule: "site.exit")
        }
        return ExitControl(url: url, label: fields.string(map["label"], key: "label") ?? "Exit this page")
    }

    /// A language code becomes the folder its pages are published in, so it is kept simple:
    /// `cy`, `ur`, `pa-Arab`.
    static func isValidLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
              first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.count <= 8 && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        }
    }

    private static func readLanguages(_ node: Node?, source: String, _ fields: inout YAMLFields) -> [Language] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            fields.error("`languages` must be a list of the languages pages are translated into", node, rule: "yaml.type")
            return []
        }
        var result: [Language] = []
        var seen: Set<String> = [source.lowercased()]
        for item in list {
            guard let map = fields.mapping(item, what: "a language", allowed: ["code", "name", "english_name", "dir"]) else { continue }
            guard let code = fields.string(map["code"], key: "code", required: true, in: item) else { continue }
            if !isValidLanguageCode(code) {
                fields.error("`\(code)` is not a language code such as `cy` or `ur`: it becomes the folder the pages are published in",
                             map["code"], rule: "site.language")
                continue
            }
            if !seen.insert(code.lowercased()).inserted {
                fields.error(code.lowercased() == source.lowercased()
                             ? "`\(code)` is the site's own language (`language`); list only the languages pages are translated into"
                             : "the language `\(code)` is listed twice", map["code"], rule: "site.language")
                continue
            }
            let name = fields.string(map["name"], key: "name", required: true, in: item)
            let english = fields.string(map["english_name"], key: "english_name") ?? name
            var direction: TextDirection?
            if let dirNode = map["dir"], let dir = fields.string(dirNode, key: "dir") {
                direction = TextDirection(rawValue: dir)
                if direction == nil { fields.error("`dir` is `ltr` (left to right) or `rtl` (right to left)", dirNode, rule: "site.language") }
            }
            if let name, let english {
                result.append(Language(code: code, name: name, englishName: english, direction: direction))
            }
        }
        return result
    }

    private static let helplineKeys = ["id", "name", "aliases", "for", "ages", "purposes", "any_time", "phone", "sms",
                                       "sms_keyword", "url", "email", "description", "audiences", "verified", "condition", "window"]

    private static func readHelplines(_ node: Node?, _ fields: inout YAMLFields) -> [Helpline] {
        guard let node else { return [] }
        guard let list = node.sequence else {
            fields.error("`helplines` must be a list", node, rule: "yaml.type")
            return []
        }
        var result: [Helpline] = []
        var ids: Set<String> = []
        // Every name and alias, lowercased, with the route that has it: a name two routes share
        // would make the signposting check name the wrong route.
        var names: [String: String] = [:]
        for item in list {
            guard let map = fields.mapping(item, what: "a helpline", allowed: helplineKeys) else { continue }
            let name = fields.string(map["name"], key: "name", required: true, in: item)
            let forWhom = fields.string(map["for"], key: "for", required: true, in: item)
            let id = fields.string(map["id"], key: "id") ?? name.map(Helpline.defaultID)
            if let id {
                if !isValidID(id) {
                    fields.error("the id `\(id)` must use only lowercase letters, digits and hyphens (pages write {{route \(id)}})",
                                 map["id"] ?? item, rule: "site.helpline")
                } else if !ids.insert(id).inserted {
                    fields.error("two helplines have the id `\(id)`; each needs its own, because pages name them by it",
                                 map["id"] ?? item, rule: "site.helpline")
                }
            }
            let phones = fields.words(map["phone"], key: "phone")?.map(\.0) ?? []
            let sms = fields.string(map["sms"], key: "sms")
            let url = fields.string(map["url"], key: "url")
            let email = fields.string(map["email"], key: "email")
            // A time-critical route (emergency contraception) may be care got at a clinic, with no line of its own.
            let window = readWindow(map["window"], &fields)
            if phones.isEmpty && url == nil && email == nil && sms == nil && window == nil {
                fields.error("a helpline needs a `phone`, an `sms`, a `url` or an `email`", item, rule: "site.helpline")
            }
            var ages: RouteAges?
            if let agesNode = map["ages"] {
                if let word = fields.string(agesNode, key: "ages") {
                    ages = RouteAges(rawValue: word)
                    if ages == nil {
                        fields.error("unknown ages `\(word)`; a route serves one of: \(RouteAges.allCases.map(\.rawValue).joined(separator: ", "))",
                                     agesNode, rule: "site.helpline")
                    }
                }
            } else {
                fields.error("`ages` is required: whom the route serves (\(RouteAges.allCases.map(\.rawValue).joined(separator: ", "))), so that no reader is sent to a route that cannot help them",
                             item, rule: "site.helpline")
            }
            var purposes: Set<RoutePurpose> = []
            if map["purposes"] == nil {
                fields.error("`purposes` is required: what the route is for (\(RoutePurpose.allCases.map(\.rawValue).joined(separator: ", ")))",
                             item, rule: "site.helpline")
            }
            for (word, at) in fields.words(map["purposes"], key: "purposes") ?? [] {
                if let purpose = RoutePurpose(rawValue: word) { purposes.insert(purpose) } else {
                    fields.diagnostics.append(.error("unknown purpose `\(word)`; purposes are \(RoutePurpose.allCases.map(\.rawValue).joined(separator: ", "))",
                                                     at: at, rule: "site.helpline"))
                }
            }
            let aliases = fields.words(map["aliases"], key: "aliases") ?? []
            if let name, let id {
                let written = [(name, fields.location(map["name"]))] + aliases
                for (alias, at) in written {
                    let key = alias.lowercased()
                    if let other = names[key], other != id {
                        fields.diagnostics.append(.error("`\(alias)` already names the helpline `\(other)`; a name or alias must belong to one route",
                                                         at: at, rule: "site.helpline"))
                    } else {
                        names[key] = id
                    }
                }
            }
            var audiences: Set<Audience> = []
            for (word, at) in fields.words(map["audiences"], key: "audiences") ?? [("young-people", fields.location(item)), ("parents", fields.location(item))] {
                if let audience = Audience(rawValue: word), audience == .youngPeople || audience == .parents {
                    audiences.insert(audience)
                } else {
                    fields.diagnostics.append(.error("unknown audience `\(word)`; audiences are young-people, parents (or [] for the Get help page only)",
                                                     at: at, rule: "site.helpline"))
                }
            }
            let verified = fields.day(map["verified"], key: "verified")
            if map["verified"] == nil {
                fields.error("`verified` is required: the date someone last checked these details (YYYY-MM-DD)", item,
                             rule: "site.helpline")
            }
            if let id, let name, let forWhom, let verified {
                var helpline = Helpline(id: id, name: name, forWhom: forWhom, phones: phones, url: url, email: email,
                                        description: fields.string(map["description"], key: "description"),
                                        audiences: audiences, verified: verified,
                                        verifiedLocation: fields.location(map["verified"]))
                helpline.aliases = aliases.map(\.0)
                helpline.ages = ages ?? .any
                helpline.purposes = purposes
                helpline.anyTime = fields.bool(map["any_time"], key: "any_time") ?? false
                helpline.sms = sms
                helpline.smsKeyword = fields.string(map["sms_keyword"], key: "sms_keyword")
                helpline.condition = readCondition(map["condition"], &fields)
                helpline.window = window
                result.append(helpline)
            }
        }
        return result
    }

    /// `condition: {says, words, met_by_readers_under}`: a limit beyond age, and the words that state it.
    private static func readCondition(_ node: Node?, _ fields: inout YAMLFields) -> RouteCondition? {
        guard let node, let map = fields.mapping(node, what: "a route's `condition`", allowed: ["says", "words", "met_by_readers_under"]) else { return nil }
        let says = fields.string(map["says"], key: "says", required: true, in: node)
        let words = fields.words(map["words"], key: "words")?.map { $0.0.lowercased() } ?? []
        if words.isEmpty { fields.error("`words` must list the phrases that state the condition", map["words"] ?? node, rule: "site.helpline") }
        var under: Int?
        if let ageNode = map["met_by_readers_under"] {
            under = fields.string(ageNode, key: "met_by_readers_under").flatMap { Int($0) }
            if under == nil { fields.error("`met_by_readers_under` must be an age, such as 18", ageNode, rule: "site.helpline") }
        }
        guard let says, !words.isEmpty else { return nil }
        return RouteCondition(says: says, words: words, metByReadersUnder: under)
    }

    /// `window: {says, words}`: how soon a time-critical route must be used.
    private static func readWindow(_ node: Node?, _ fields: inout YAMLFields) -> RouteWindow? {
        guard let node, let map = fields.mapping(node, what: "a route's `window`", allowed: ["says", "words"]) else { return nil }
        let says = fields.string(map["says"], key: "says", required: true, in: node)
        let words = fields.words(map["words"], key: "words")?.map { $0.0.lowercased() } ?? []
        if words.isEmpty { fields.error("`words` must list the phrases that state the window", map["words"] ?? node, rule: "site.helpline") }
        guard let says, !words.isEmpty else { return nil }
        return RouteWindow(says: says, words: words)
    }

    private static let serviceKeys = ["example", "name", "page", "phone", "email", "url", "young_people", "parents", "professionals"]

    /// The service's own contact. The shipped details are an example; so that they are never
    /// published by accident, an example builds only for an example address, and details that are
    /// still the example's (Ofcom's drama numbers, example.org) are refused once `example` is gone.
    private static func readService(_ node: Node?, baseURL: String?, _ fields: inout YAMLFields) -> ServiceContact? {
        guard let node else { return nil }
        guard let map = fields.mapping(node, what: "`service`", allowed: serviceKeys) else { return nil }
        let name = fields.string(map["name"], key: "name", required: true, in: node)
        let page = fields.string(map["page"], key: "page", required: true, in: node)
        let phone = fields.string(map["phone"], key: "phone")
        let email = fields.string(map["email"], key: "email")
        let url = fields.string(map["url"], key: "url")
        if phone == nil && email == nil && url == nil {
            fields.error("`service` needs a `phone`, an `email` or a `url`: how people reach the service", node, rule: "service.contact")
        }
        let young = fields.string(map["young_people"], key: "young_people", required: true, in: node)
        let parents = fields.string(map["parents"], key: "parents", required: true, in: node)
        let professionals = fields.string(map["professionals"], key: "professionals", required: true, in: node)
        let isExample = fields.bool(map["example"], key: "example") ?? false
        if isExample {
            if let baseURL, !ServiceContact.isExampleAddress(baseURL) {
                fields.error("these are the example service's details, and `base_url` is \(baseURL): put in the real service's name, phone, email and words, then remove `example: true`",
                             map["example"], rule: "service.example")
            }
        } else {
            if let phone, ServiceContact.isExamplePhone(phone) {
                fields.error("\(phone) is a number Ofcom keeps for drama and examples: nobody answers it. Write the service's real number",
                             map["phone"], rule: "service.example")
            }
            for (key, value) in [("email", email), ("url", url)] {
                if let value, ServiceContact.isExampleAddress(value) {
                    fields.error("\(value) is an example address: write the service's real \(key)", map[key], rule: "service.example")
                }
            }
        }
        guard let name, let page, let young, let parents, let professionals else { return nil }
        return ServiceContact(name: name, page: page, phone: phone, email: email, url: url, youngPeople: young,
                              parents: parents, professionals: professionals, isExample: isExample,
                              location: fields.location(node))
    }
}

extension SiteConfig {
    /// Reads site.yml on its own, for tools that need only the settings (such as `waymark new`).
    public static func load(_ bytes: Data, file: String) -> (SiteConfig?, [Diagnostic]) {
        switch TextDecoding.decode(Array(bytes), file: file) {
        case .failure(let d): return (nil, [d])
        case .success(let text): return SiteConfigLoader.load(text: text, file: file)
        }
    }
}
