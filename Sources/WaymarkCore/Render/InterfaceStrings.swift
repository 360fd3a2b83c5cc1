// The words the templates show, in one language: Templates/strings/<code>.yml, read into dotted
// keys (`exit.cover_long`). A template writes `{{t.exit.cover_long}}`; before the template is
// compiled for a language, each such tag is replaced by that language's string (or the English
// one when the translation has none). Doing it once per language, not once per page, costs
// nothing at render time, and a string can still use the page's values (`{{tier.label}}`).

import Foundation
import WaymarkModel
import Yams

public struct InterfaceStrings: Sendable {
    public struct Entry: Sendable {
        public var text: String
        public var location: SourceLocation
    }

    /// The file, as shown in diagnostics.
    public var file: String
    public var entries: [String: Entry]

    public init(file: String, entries: [String: Entry]) {
        self.file = file
        self.entries = entries
    }

    public subscript(key: String) -> String? { entries[key]?.text }

    /// Reads a strings file: nested `key: text` mappings, any depth.
    static func load(text: String, file: String) -> (InterfaceStrings, [Diagnostic]) {
        var fields = YAMLFields(file: file, firstLine: 1)
        var entries: [String: Entry] = [:]
        let root: Node?
        switch FrontMatter.parseYAML(text, file: file, firstLine: 1) {
        case .failure(let d): return (InterfaceStrings(file: file, entries: [:]), [d])
        case .success(let node): root = node
        }
        func walk(_ node: Node, prefix: String) {
            guard let mapping = node.mapping else {
                fields.error("the strings file is a set of `key: text` lines, grouped under section names", node, rule: "yaml.type")
                return
            }
            for (keyNode, value) in mapping {
                guard let key = keyNode.scalar?.string, !key.isEmpty else { continue }
                let dotted = prefix.isEmpty ? key : prefix + "." + key
                if value.mapping != nil {
                    walk(value, prefix: dotted)
                } else if let scalar = value.scalar {
                    let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                    let location = fields.location(value)
                    for problem in placeholderProblems(in: text) {
                        fields.diagnostics.append(.error("the string `\(dotted)` \(problem)", at: location, rule: "strings.syntax"))
                    }
                    entries[dotted] = Entry(text: text, location: location)
                } else {
                    fields.error("the string `\(dotted)` must be text, not a list", value, rule: "yaml.type")
                }
            }
        }
        if let root { walk(root, prefix: "") }
        return (InterfaceStrings(file: file, entries: entries), fields.diagnostics)
    }

    /// A string may hold `{{name}}` tags for the page's values, nothing else of Mustache.
    static func placeholderProblems(in text: String) -> [String] {
        var problems: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problems.append("has `{{` with no `}}`")
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" }) {
                problems.append("has `{{\(name)}}`: a string can only show a page value, such as {{tier.label}}")
            }
            rest = rest[close.upperBound...]
        }
        return problems
    }

    /// The `{{name}}` tags a string uses.
    static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.insert(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// What a translation lacks or has wrong, compared with the source strings.
    func problems(against source: InterfaceStrings, language: Language) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for key in source.entries.keys.sorted() where entries[key] == nil {
            found.append(.warning("the interface string `\(key)` is not translated into \(language.englishName): it shows in English (“\(source[key] ?? "")”)",
                                  at: SourceLocation(file: file), rule: "translation.missing-string"))
        }
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let english = source.entries[key] else {
                let hint = YAMLFields.closest(to: key, in: Array(source.entries.keys)).map { ": did you mean `\($0)`?" } ?? ""
                found.append(.warning("`\(key)` is not a string of \(source.file), so nothing shows it\(hint)",
                                      at: entry.location, rule: "translation.unknown-string"))
                continue
            }
            let extra = InterfaceStrings.placeholders(in: entry.text).subtracting(InterfaceStrings.placeholders(in: english.text))
            if !extra.isEmpty {
                found.append(.warning("`\(key)` uses \(extra.sorted().map { "{{\($0)}}" }.joined(separator: ", ")), which the English string does not: it would show nothing",
                                      at: entry.location, rule: "translation.placeholder"))
            }
        }
        return found
    }

    // MARK: Putting strings into templates

    /// A template's text with every `{{t.key}}` replaced by the string, escaped for HTML; keys
    /// that no strings file has are reported at their place in the template.
    static func localise(_ template: String, file: String, strings: InterfaceStrings, fallback: InterfaceStrings,
                         escape: (Substring) -> String = escapeHTML) -> (String, [Diagnostic]) {
        guard template.contains("{{t.") else { return (template, []) }
        var output = ""
        var diagnostics: [Diagnostic] = []
        var lineNumber = 0
        for line in template.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineNumber > 1 { output += "\n" }
            var rest = line[...]
            while let open = rest.range(of: "{{t."), let close = rest[open.upperBound...].range(of: "}}") {
                output += rest[..<open.lowerBound]
                let key = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
                if let text = strings[key] ?? fallback[key] {
                    output += localised(text, escape: escape)
                } else {
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    diagnostics.append(.error("the string `t.\(key)` is not in \(fallback.file)",
                                              at: SourceLocation(file: file, line: lineNumber, column: column), rule: "strings.missing"))
                }
                rest = rest[close.upperBound...]
            }
            output += rest
        }
        return (output, diagnostics)
    }

    /// The string's own words escaped; its `{{name}}` tags kept for Mustache to fill in.
    private static func localised(_ text: String, escape: (Substring) -> String) -> String {
        var output = ""
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            output += escape(rest[..<open.lowerBound])
            output += rest[open.lowerBound..<close.upperBound]
            rest = rest[close.upperBound...]
        }
        return output + escape(rest)
    }

    static func escapeHTML(_ text: Substring) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
