// Signposting: every reader is offered only help that serves them, and every number is written
// once. `signpost.age` finds a sentence that sends readers to a route that does not serve all of
// them (CEOP on a 17-19 page) without saying whom it serves; `signpost.number` finds a phone
// number typed into a page instead of taken from site.yml with `{{route ID phone}}`.
// `signpost.box` says when a tier's help box lacks an any-hour route, or an adults' route where
// the tier has adults in it.

import Foundation
import WaymarkMarkdown
import WaymarkModel

enum SignpostRule {
    // MARK: signpost.age

    static func ageProblems(content: Content, facts: [PageFacts], memo: (any Memo)? = nil) -> [Diagnostic] {
        let config = content.config
        guard let youngest = config.tiers.map(\.youngestAge).min(), let oldest = config.tiers.map(\.oldestAge).max() else { return [] }
        // Routes that some young reader cannot use. Routes only for adults worried about a child
        // (the NSPCC Helpline) are named to young people for the adults around them, so they pass.
        let limited = config.helplines.filter { $0.ages != .any && $0.purposes != [.worriedAdult] }
        guard !limited.isEmpty else { return [] }
        let documents = Dictionary(documentsByFile(content).map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        // The routes each span of ages must be told about, worked out once for all pages.
        var routesFor: [String: [(route: Helpline, names: [String])]] = [:]
        func routes(_ ages: (Int, Int)) -> [(route: Helpline, names: [String])] {
            let key = "\(ages.0)-\(ages.1)"
            if let known = routesFor[key] { return known }
            let found = limited.filter { $0.ages.serves(youngest: ages.0, oldest: ages.1) != .all }
                .map { (route: $0, names: $0.names.map { $0.lowercased() }) }
            routesFor[key] = found
            return found
        }
        /// A page to read, with whose ages it is for and the routes they must be told about.
        struct Reading: Sendable {
            var page: PageFacts
            var ages: (Int, Int)
            var routes: [(route: Helpline, names: [String])]
            var document: Document
        }
        var readings: [Reading] = []
        // Parents' pages (and sessions' handouts) name routes for the adults who read them.
        for page in facts where page.language == nil && page.page.kind.audience != .parents {
            // Whose ages the text is written for: its tier, or every young reader for the site's own pages.
            let ages: (Int, Int)
            if let tierID = page.variant?.tier, let tier = config.tier(tierID) {
                ages = (tier.youngestAge, tier.oldestAge)
            } else if page.page.kind.audience == .everyone {
                ages = (youngest, oldest)
            } else {
                continue
            }
            let routes = routes(ages)
            guard !routes.isEmpty, let document = documents[page.file] else { continue }
            readings.append(Reading(page: page, ages: ages, routes: routes, document: document))
        }
        // Pages are read on every core (this rule read every sentence of a large site on one).
        // A page's findings are kept with its text (site.yml's routes are watched by the memo's owner).
        return Parallel.map(readings) { reading in
            remembered(memo, .signpostFindings, reading.page.page.outputPath, madeFrom: reading.page.prose) {
                problems(in: reading.page.prose, for: reading.ages, routes: reading.routes, document: reading.document)
            }
        }.flatMap { $0 }
    }

    /// One page's sentences that name a route some of its readers cannot use, with no age condition.
    private static func problems(in prose: [ProseBlock], for ages: (Int, Int), routes: [(route: Helpline, names: [String])],
                                    document: Document) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // The names alone are searched: a route is a large value, and copying it for every
        // sentence was a twentieth of a large site's build.
        let names = routes.map(\.names)
        for block in prose {
            // Most text names no route: looked for in the whole block first, sentences after.
            let lowerBlock = block.text.lowercased()
            guard names.contains(where: { $0.contains(where: lowerBlock.containsWord) }) else { continue }
            for sentence in sentences(lowerBlock) {
                let lower = String(sentence)
                let named = names.indices.compactMap { entry in names[entry].firstIndex(where: lower.containsWord).map { (entry, $0) } }
                guard !named.isEmpty, !hasAgeCondition(lower) else { continue }
                for (entry, index) in named {
                    let route = routes[entry].route
                    let name = route.names[index]
                    let at = document.locate(name, routeID: route.id, from: block.line)
                    let rule = "signpost.age"
                    if document.exemptions.contains(where: { $0.covers(rule: rule, line: at.line) }) { continue }
                    diagnostics.append(.warning(
                        "“\(name)” serves \(words(route.ages)) only, and this text is for ages \(ages.0) to \(ages.1): say whom it serves in the same sentence (such as “\(example(route.ages))”)\(route.ages == .adults || route.ages == .over16 ? "" : ", and give a route for adults beside it")",
                        at: at, rule: rule))
                }
            }
        }
        return diagnostics
    }

    /// "under 18", "under-18s", "18 or over", "aged 18", "17 or under" ...: the sentence says whom
    /// the route is for.
    static func hasAgeCondition(_ sentence: String) -> Bool {
        sentence.range(of: #"\b(under|over)[- ]?1[6-9]s?\b|\b1[6-9] (or|and) (over|older|above|under|younger)\b|\b1[6-9]\+|\baged? (under )?1[6-9]\b|\badults? \(18"#,
                       options: .regularExpression) != nil
    }

    static func words(_ ages: RouteAges) -> String {
        switch ages {
        case .under18: return "under-18s"
        case .under19: return "under-19s"
        case .over16: return "people aged 16 and over"
        case .adults: return "people aged 18 and over"
        case .any: return "everyone"
        }
    }

    static func example(_ ages: RouteAges) -> String {
        switch ages {
        case .under18: return "if you are under 18"
        case .under19: return "if you are under 19"
        case .over16: return "if you are 16 or over"
        case .adults: return "if you are 18 or over"
        case .any: return ""
        }
    }

    /// Sentences of a paragraph or list item: split after . ! or ? followed by a space, and at line breaks.
    static func sentences(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\n" || ((character == "." || character == "!" || character == "?") && (next == text.endIndex || text[next] == " ")) {
                result.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    // MARK: signpost.number

    static func numberProblems(content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        let config = content.config
        // Every number site.yml knows, by its digits, with the mention that writes it.
        var mentions: [String: String] = [:]
        // 999, 101 and 111 are the same everywhere and never change: they may be typed.
        for route in config.helplines {
            for phone in route.phones where digits(phone).count > 3 { mentions[digits(phone)] = "{{route \(route.id) phone}}" }
            if let sms = route.sms, digits(sms).count > 3 { mentions[digits(sms)] = mentions[digits(sms)] ?? "{{route \(route.id) sms}}" }
        }
        if let phone = config.service?.phone { mentions[digits(phone)] = "{{service phone}}" }
        let names = Dictionary(config.helplines.flatMap { route in
            route.phones.map { (digits($0), route.name) } + (route.sms.map { [(digits($0), route.name)] } ?? [])
        } + (config.service?.phone.map { [(digits($0), config.service!.name)] } ?? []), uniquingKeysWith: { a, _ in a })
        let known = mentions
        let documents = documentsByFile(content) + translatedDocuments(content)
        // Files are read on every core.
        let found = Parallel.map(documents) { (document: Document) -> [Diagnostic] in
            remembered(memo, .documentFindings, "signpost.number " + document.file, madeFrom: document.body) { () -> [Diagnostic] in
                var diagnostics: [Diagnostic] = []
                for line in document.lines {
                    let mentions = RouteMention.find(in: line.text)
                    for (number, column) in numbers(in: line.text) {
                        if mentions.contains(where: { (($0.start)..<($0.end)).contains(column - 1) }) { continue }
                        let key = digits(number)
                        guard known[key] != nil || looksLikePhone(key) else { continue }
                        let rule = "signpost.number"
                        if document.exemptions.contains(where: { $0.covers(rule: rule, line: line.number) }) { continue }
                        let message: String
                        if let mention = known[key], let name = names[key] {
                            message = "\(number) is \(name)'s number, typed into the page: write \(mention), so it is changed in one place (site.yml)"
                        } else {
                            message = "\(number) looks like a phone number typed into the page: add the route to site.yml's `helplines` (with the date it was checked) and write {{route ID phone}}"
                        }
                        diagnostics.append(.warning(message, at: SourceLocation(file: document.file, line: line.number, column: column), rule: rule))
                    }
                }
                return diagnostics
            }
        }
        return found.flatMap { $0 }
    }

    private static func digits(_ text: String) -> String { String(text.filter(\.isNumber)) }

    /// UK numbers: 0 and at least seven more digits (0800 1111, 0808 800 5000), or the 116 numbers
    /// (116 123). 999, 101 and 111 are the same everywhere and never change, so they may be typed.
    static func looksLikePhone(_ digits: String) -> Bool {
        (digits.hasPrefix("0") && digits.count >= 8 && digits.count <= 11) || (digits.hasPrefix("116") && digits.count == 6)
    }

    /// Runs of digits with single spaces or hyphens inside ("0808 800 5000"), and their columns.
    static func numbers(in text: String) -> [(String, Int)] {
        // Most lines have no digit at all, and most of the rest are plain ASCII.
        var hasDigit = false, isASCII = true
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { hasDigit = true } else if byte >= 0x80 { isASCII = false; break }
        }
        if isASCII && !hasDigit { return [] }
        if isASCII { return asciiNumbers(in: Array(text.utf8)) }
        let characters = Array(text)
        var result: [(String, Int)] = []
        var i = 0
        while i < characters.count {
            guard characters[i].isNumber, i == 0 || !(characters[i - 1].isLetter || characters[i - 1].isNumber) else { i += 1; continue }
            var j = i
            while j < characters.count {
                if characters[j].isNumber { j += 1; continue }
                if (characters[j] == " " || characters[j] == "-"), j + 1 < characters.count, characters[j + 1].isNumber { j += 1; continue }
                break
            }
            result.append((String(characters[i..<j]), i + 1))
            i = j
        }
        return result
    }

    /// `numbers(in:)` for a line of ASCII, on its bytes (a column is a byte there).
    private static func asciiNumbers(in bytes: [UInt8]) -> [(String, Int)] {
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        var result: [(String, Int)] = []
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]), i == 0 || !(isLetter(bytes[i - 1]) || isDigit(bytes[i - 1])) else { i += 1; continue }
            var j = i
            while j < bytes.count {
                if isDigit(bytes[j]) { j += 1; continue }
                if bytes[j] == 0x20 || bytes[j] == 0x2D, j + 1 < bytes.count, isDigit(bytes[j + 1]) { j += 1; continue }
                break
            }
            result.append((String(decoding: bytes[i..<j], as: UTF8.self), i + 1))
            i = j
        }
        return result
    }

    // MARK: signpost.box

    /// Each tier's help box must hold a route that answers at any hour, and, where the tier has
    /// readers of 18 or over, a route that serves adults.
    static func boxProblems(content: Content) -> [Diagnostic] {
        let config = content.config
        var diagnostics: [Diagnostic] = []
        let at = SourceLocation(file: config.helplines.first?.verifiedLocation?.file ?? config.service?.location.file ?? "site.yml")
        for tier in config.tiers {
            let box = config.helplines(for: tier)
            if !box.contains(where: { $0.helpline.anyTime && $0.condition == nil }) {
                diagnostics.append(.warning("the help box for \(tier.label) has no route that answers at any hour: give one (such as Samaritans) `any_time: true` and `audiences: [young-people]`",
                                            at: at, rule: "signpost.box"))
            }
            if tier.oldestAge >= 18, !box.contains(where: { $0.helpline.ages.serves(youngest: 18, oldest: tier.oldestAge) == .all && $0.helpline.ages != .under19 }) {
                diagnostics.append(.warning("the help box for \(tier.label) has no route for its readers aged 18 and over", at: at, rule: "signpost.box"))
            }
        }
        if !config.helplines(for: .parents).contains(where: \.anyTime) {
            diagnostics.append(.warning("the parents' and carers' help box has no route that answers at any hour", at: at, rule: "signpost.box"))
        }
        return diagnostics
    }

    // MARK: documents

    struct Document: Sendable {
        var file: String
        var body: [BodyNode]
        var exemptions: [Exemption]
        /// Its lines outside fenced code, worked out only when asked for.
        var lines: [SourceLine] { BodyParser.linesOutsideCode(body) }

        /// Where a route's name (or its `{{route id}}` mention) is written, from a block's first line on.
        func locate(_ name: String, routeID: String?, from line: Int) -> SourceLocation {
            let needles = [name.lowercased()] + (routeID.map { ["{{route \($0)"] } ?? [])
            for source in lines where source.number >= line {
                let lower = source.text.lowercased()
                for needle in needles {
                    if let range = lower.range(of: needle) {
                        return SourceLocation(file: file, line: source.number, column: lower.distance(from: lower.startIndex, to: range.lowerBound) + 1)
                    }
                }
            }
            return SourceLocation(file: file, line: line)
        }
    }

    static func documentsByFile(_ content: Content) -> [Document] {
        let tiered: [any Tiered] = content.modules + content.worksheets + content.sessions
        return tiered.map { Document(file: $0.file, body: $0.body, exemptions: $0.exemptions) }
            + content.pages.map { Document(file: $0.file, body: $0.body, exemptions: $0.exemptions) }
    }

    static func translatedDocuments(_ content: Content) -> [Document] {
        content.translations.keys.sorted().flatMap { code -> [Document] in
            guard let translation = content.translations[code] else { return [] }
            var copy = content
            copy.modules = translation.modules
            copy.worksheets = translation.worksheets
            copy.sessions = translation.sessions
            copy.pages = translation.pages
            return documentsByFile(copy)
        }
    }
}
