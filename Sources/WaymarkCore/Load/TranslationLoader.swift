// Reads the translations folder: Content/translations/<code>/ mirrors the English tree
// (translations/cy/pages/help.md translates pages/help.md), and translations/<code>/site.yml
// holds site.yml's words in that language. Which translations are published is decided later,
// in the Plan stage; whether they are out of date, in the Check stage.

import Foundation
import WaymarkModel
import Yams

enum TranslationLoader {
    static let folder = "translations"

    /// `translations/cy/pages/help.md` is (`cy`, `pages/help.md`).
    static func split(_ path: String) -> (code: String, mirror: String)? {
        let parts = path.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == folder else { return nil }
        return (parts[1], parts[2])
    }

    static let statusKeys = ["status", "by", "date", "source"]

    /// `translation:` in a translation's front matter.
    static func status(_ node: Node?, reader: inout YAMLFields, root: Node?) -> TranslationStatus? {
        guard let node else {
            reader.error("a translation says where it stands: add `translation:` with `status: draft` (or `reviewed`), `by`, `date` and `source`",
                         root, rule: "translation.status")
            return nil
        }
        guard let map = reader.mapping(node, what: "`translation`", allowed: statusKeys) else { return nil }
        let word = reader.string(map["status"], key: "status", required: true, in: node)
        var state: TranslationStatus.State?
        if let word {
            state = TranslationStatus.State(rawValue: word)
            if state == nil {
                reader.error("`status` is `draft` (not yet checked, not published) or `reviewed` (checked by a fluent reader, published)",
                             map["status"], rule: "translation.status")
            }
        }
        let by = reader.string(map["by"], key: "by")
        let date = reader.day(map["date"], key: "date")
        if state == .reviewed {
            if by == nil { reader.error("a reviewed translation says who reviewed it: add `by:`", node, rule: "translation.status") }
            if map["date"] == nil { reader.error("a reviewed translation says when it was reviewed: add `date:` (YYYY-MM-DD)", node, rule: "translation.status") }
        }
        let source = reader.string(map["source"], key: "source")
        guard let state else { return nil }
        return TranslationStatus(state: state, by: by, date: date, source: source, location: reader.location(node),
                                 sourceLocation: map["source"].map { reader.location($0) })
    }

    /// Groups the translated documents by language; files in a folder that is not a language of
    /// site.yml are reported once per folder.
    static func collect(_ loaded: [String: [LoadedDocument]], tree: FileTree, config: SiteConfig,
                        diagnostics: inout [Diagnostic]) -> [String: Translation] {
        var result: [String: Translation] = [:]
        let codes = Set(config.languages.map(\.code))
        for code in loaded.keys.sorted() where !codes.contains(code) {
            let listed = config.languages.map(\.code).joined(separator: ", ")
            diagnostics.append(.error("`\(code)` is not one of the site's languages (\(listed.isEmpty ? "none yet" : listed)): add it to `languages` in site.yml",
                                      at: SourceLocation(file: tree.displayPath("\(folder)/\(code)")), rule: "translation.unknown-language"))
        }
        for path in tree.files.keys.sorted() where path.hasPrefix(folder + "/") && !path.hasSuffix(".md") {
            guard let (code, rest) = split(path), rest == "site.yml" else { continue }
            if !codes.contains(code) && loaded[code] == nil {
                diagnostics.append(.error("`\(code)` is not one of the site's languages: add it to `languages` in site.yml",
                                          at: SourceLocation(file: tree.displayPath(path)), rule: "translation.unknown-language"))
            }
        }
        for language in config.languages {
            var translation = Translation(language: language)
            let wordsPath = "\(folder)/\(language.code)/site.yml"
            if let bytes = tree.files[wordsPath] {
                let file = tree.displayPath(wordsPath)
                switch TextDecoding.decode(bytes, file: file) {
                case .failure(let d): diagnostics.append(d)
                case .success(let text):
                    let (words, found) = siteWords(text: text, file: file, config: config)
                    translation.words = words
                    diagnostics += found
                }
            }
            for loaded in loaded[language.code] ?? [] {
                switch loaded.document {
                case .module(let module): translation.modules.append(module)
                case .page(let page): translation.pages.append(page)
                case .worksheet(let worksheet): translation.worksheets.append(worksheet)
                case .session(let session): translation.sessions.append(session)
                case .none: break
                }
            }
            result[language.code] = translation
        }
        return result
    }

    /// translations/<code>/site.yml: the words of site.yml, keyed as in site.yml.
    static func siteWords(text: String, file: String, config: SiteConfig) -> (SiteWords?, [Diagnostic]) {
        var fields = YAMLFields(file: file, firstLine: 1)
        let root: Node?
        switch FrontMatter.parseYAML(text, file: file, firstLine: 1) {
        case .failure(let d): return (nil, [d])
        case .success(let node): root = node
        }
        guard let root, let map = fields.mapping(root, what: "site.yml's words",
                                                 allowed: ["title", "tagline", "exit", "emergency", "tiers", "levels", "helplines"]) else {
            return (nil, fields.diagnostics)
        }
        var words = SiteWords()
        words.title = fields.string(map["title"], key: "title")
        words.tagline = fields.string(map["tagline"], key: "tagline")
        if let exit = fields.mapping(map["exit"], what: "`exit`", allowed: ["label"]) {
            words.exitLabel = fields.string(exit["label"], key: "label")
        }
        if let emergency = fields.mapping(map["emergency"], what: "`emergency`", allowed: ["label"]) {
            words.emergencyLabel = fields.string(emergency["label"], key: "label")
        }
        if let tiers = fields.mapping(map["tiers"], what: "`tiers`", allowed: config.tiers.map(\.id)) {
            for (id, node) in tiers { words.tiers[id] = fields.string(node, key: id) }
        }
        if let levels = fields.mapping(map["levels"], what: "`levels`", allowed: config.levels.map(\.id)) {
            for (id, node) in levels {
                guard let level = fields.mapping(node, what: "the level `\(id)`", allowed: ["name", "young_name", "summary"]) else { continue }
                words.levels[id] = SiteWords.LevelWords(name: fields.string(level["name"], key: "name"),
                                                        youngName: fields.string(level["young_name"], key: "young_name"),
                                                        summary: fields.string(level["summary"], key: "summary"))
            }
        }
        if let helplines = fields.mapping(map["helplines"], what: "`helplines` (by the name in site.yml)",
                                          allowed: config.helplines.map(\.name)) {
            for (name, node) in helplines {
                guard let helpline = fields.mapping(node, what: "the helpline `\(name)`", allowed: ["for", "description"]) else { continue }
                words.helplines[name] = SiteWords.HelplineWords(forWhom: fields.string(helpline["for"], key: "for"),
                                                                description: fields.string(helpline["description"], key: "description"))
            }
        }
        return (words, fields.diagnostics)
    }
}

/// A short fingerprint of the words of a page, written into a translation's `source:` so that
/// `check` can tell when the English has changed since. FNV-1a: not for security, only to notice
/// a change; the same text always gives the same eight characters.
public enum SourceFingerprint {
    static func of(title: String, summary: String?, contentNote: String?, body: [SourceLine]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0x0a
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(title)
        add(summary ?? "")
        add(contentNote ?? "")
        for line in body { add(line.text) }
        let folded = UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
        let hex = String(folded, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
