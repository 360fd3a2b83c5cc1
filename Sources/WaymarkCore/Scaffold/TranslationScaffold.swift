// `waymark translate`: starts a translation of one source file, in the mirrored place under
// translations/<code>/, with its status (a draft), today's date and the fingerprint of the text
// it translates already filled in. Given a level and a tier, it holds only the text that reader
// sees, with the level and tier blocks resolved, so a translator works on exactly one page.

import Foundation
import WaymarkModel

public struct TranslationScaffold: Sendable {
    /// Inside the content folder, e.g. `translations/cy/pages/help.md`.
    public var path: String
    public var text: String

    public enum Problem: Error, CustomStringConvertible, Sendable {
        case unknownLanguage(String, known: [String])
        case noSource(String)
        case notCovered(String)
        case variantOfPage

        public var description: String {
            switch self {
            case let .unknownLanguage(code, known):
                return "`\(code)` is not one of the site's languages (\(known.isEmpty ? "none yet" : known.joined(separator: ", "))): add it to `languages` in site.yml first"
            case let .noSource(path): return "there is no \(path) in the content folder to translate"
            case let .notCovered(what): return "the source is not written for \(what)"
            case .variantOfPage: return "--level and --tier are for modules, worksheets and session plans: this page is the same for every reader"
            }
        }
    }

    /// - Parameters:
    ///   - source: the source file's path inside the content folder (`modules/staying-safe.md`).
    ///   - sourceText: the file's text, from which block lines are copied as written.
    public static func make(language code: String, source path: String, sourceText: String, content: Content,
                            level: String? = nil, tier: String? = nil, today: Day) -> Result<TranslationScaffold, Problem> {
        guard content.config.translation(code) != nil else {
            return .failure(.unknownLanguage(code, known: content.config.languages.map(\.code)))
        }
        let tiered: (any Tiered)? = (content.modules as [any Tiered] + content.worksheets + content.sessions).first { $0.path == path }
        let page = content.pages.first { $0.path == path }
        guard let meta = tiered?.meta ?? page?.meta, let body = tiered?.body ?? page?.body else {
            return .failure(.noSource(path))
        }
        let fileLines = sourceText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var front = "---\ntitle: \(quoted(meta.title))\n"
        if let summary = meta.summary { front += "summary: \(quoted(summary))\n" }
        if let note = meta.contentNote { front += "content_note: \(quoted(note))\n" }
        var bodyText: String
        if let tiered {
            if (level == nil) != (tier == nil) { return .failure(.notCovered("a level without a tier: give both, or neither")) }
            if let level, let tier {
                guard tiered.levels.contains(where: { $0.id == level }) else { return .failure(.notCovered("level `\(level)`")) }
                guard tiered.tiers.contains(where: { $0.id == tier }) else { return .failure(.notCovered("tier `\(tier)`")) }
                front += "levels: [\(level)]\ntiers: [\"\(tier)\"]\n"
                bodyText = variantText(body, level: level, tier: tier, fileLines: fileLines)
            } else {
                front += "levels: [\(tiered.levels.map(\.id).joined(separator: ", "))]\n"
                front += "tiers: [\(tiered.tiers.map { "\"\($0.id)\"" }.joined(separator: ", "))]\n"
                bodyText = bodyLines(of: sourceText)
            }
        } else {
            if level != nil || tier != nil { return .failure(.variantOfPage) }
            bodyText = bodyLines(of: sourceText)
        }
        front += """
        translation:
          status: draft
          by: ""  # who translated it; once a fluent reader has checked it, their name (and status reviewed)
          date: \(today)
          source: \(meta.fingerprint)
        ---

        """
        return .success(TranslationScaffold(path: "\(TranslationLoader.folder)/\(code)/\(path)", text: front + bodyText))
    }

    /// A YAML value on one line, quoted when it needs to be.
    static func quoted(_ text: String) -> String {
        let needs = text.contains(": ") || text.contains(" #") || text.hasPrefix("\"") || text.hasPrefix("'")
            || text.first.map { "[]{}&*!|>%@`".contains($0) } == true
        guard needs else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The file's text after its front matter.
    static func bodyLines(of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            return text
        }
        return lines[(end + 1)...].joined(separator: "\n").drop { $0 == "\n" } + ""
    }

    /// The lines one reader sees, as written: level and tier blocks opened up; take-a-break
    /// panels and worksheet elements kept with their own `:::` lines.
    static func variantText(_ nodes: [BodyNode], level: String, tier: String, fileLines: [String]) -> String {
        var out: [String] = []
        func line(_ number: Int) -> String { number >= 1 && number <= fileLines.count ? fileLines[number - 1] : ":::" }
        func emit(_ nodes: [BodyNode]) {
            for node in nodes {
                switch node {
                case .line(let l): out.append(l.text)
                case .block(let block):
                    switch block.kind {
                    case .tiers(let ids): if ids.contains(tier) { emit(block.children) }
                    case .levels(let ids): if ids.contains(level) { emit(block.children) }
                    case .panel, .version:
                        out.append(line(block.opening.line))
                        emit(block.children)
                        out.append(":::")
                    case .element(let element):
                        out.append(line(block.opening.line))
                        // List elements run to their own closing line.
                        if case .tickList = element { copyList(from: block.opening.line) }
                        if case .cards = element { copyList(from: block.opening.line) }
                    }
                }
            }
        }
        func copyList(from opening: Int) {
            var number = opening + 1
            while number <= fileLines.count {
                out.append(fileLines[number - 1])
                if fileLines[number - 1].trimmingCharacters(in: .whitespaces) == ":::" { break }
                number += 1
            }
        }
        emit(nodes)
        // No runs of blank lines where blocks were.
        var tidy: [String] = []
        for text in out where !(text.trimmingCharacters(in: .whitespaces).isEmpty && (tidy.last?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)) {
            tidy.append(text)
        }
        while tidy.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { tidy.removeLast() }
        return tidy.joined(separator: "\n") + "\n"
    }
}
