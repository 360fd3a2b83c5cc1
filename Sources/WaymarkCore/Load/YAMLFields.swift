// Typed reading of YAML nodes, with a diagnostic (file, line, column) for every value that is
// missing, misspelt or of the wrong kind. Unknown keys are errors: a typo such as `level:` for
// `levels:` would otherwise silently show a page to the wrong readers.

import Foundation
import WaymarkModel
import Yams

struct YAMLFields {
    let file: String
    /// Added to a node's YAML line to get its line in the file.
    let lineOffset: Int
    var diagnostics: [Diagnostic] = []

    init(file: String, firstLine: Int) {
        self.file = file
        self.lineOffset = firstLine - 1
    }

    /// A data file that is a YAML list (language.yml, glossary.yml): its items, and a reader for
    /// them (with the problem, and no items, when the file is not a list).
    static func list(_ text: String, file: String, hint: String) -> (items: [Node], fields: YAMLFields) {
        var fields = YAMLFields(file: file, firstLine: 1)
        switch FrontMatter.parseYAML(text, file: file, firstLine: 1) {
        case .failure(let d):
            fields.diagnostics.append(d)
            return ([], fields)
        case .success(nil):
            return ([], fields)
        case .success(let root?):
            guard let list = root.sequence else {
                fields.error("\(file.split(separator: "/").last ?? "") must be a list of entries, each starting `\(hint)`", root, rule: "yaml.type")
                return ([], fields)
            }
            return (Array(list), fields)
        }
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    mutating func error(_ message: String, _ node: Node?, rule: String) {
        diagnostics.append(.error(message, at: location(node), rule: rule))
    }

    /// The pairs of a mapping, by key, after checking every key is one of `allowed`.
    /// Keys keep their nodes so later errors can point at the value.
    mutating func mapping(_ node: Node?, what: String, allowed: [String]) -> [String: Node]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            error("\(what) must be a set of `key: value` lines", node, rule: "yaml.type")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("\(what) has a key that is not a plain word", keyNode, rule: "yaml.type")
                continue
            }
            guard allowed.contains(key) else {
                let suggestion = YAMLFields.closest(to: key, in: allowed).map { "did you mean `\($0)`? " } ?? ""
                error("unknown key `\(key)` in \(what); \(suggestion)allowed keys: \(allowed.joined(separator: ", "))",
                      keyNode, rule: "front-matter.unknown-key")
                continue
            }
            result[key] = value
        }
        return result
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func string(_ node: Node?, key: String, required: Bool = false, in parent: Node? = nil) -> String? {
        guard let node, !isNull(node) else {
            if required { error("`\(key)` is required", node ?? parent, rule: "front-matter.missing-key") }
            return nil
        }
        guard let scalar = node.scalar else {
            error("`\(key)` must be text, not a list or a set of keys", node, rule: "yaml.type")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty && required {
            error("`\(key)` must not be empty", node, rule: "front-matter.missing-key")
            return nil
        }
        return text
    }

    /// A list of words, written either as a YAML list or as one comma-separated line.
    mutating func words(_ node: Node?, key: String) -> [(String, SourceLocation)]? {
        guard let node, !isNull(node) else { return nil }
        if let sequence = node.sequence {
            var result: [(String, SourceLocation)] = []
            for item in sequence {
                guard let text = item.scalar?.string else {
                    error("each item of `\(key)` must be text", item, rule: "yaml.type")
                    continue
                }
                result.append((text.trimmingCharacters(in: .whitespaces), location(item)))
            }
            return result
        }
        if let scalar = node.scalar {
            let at = location(node)
            return scalar.string.split(separator: ",").map { (String($0).trimmingCharacters(in: .whitespaces), at) }
                .filter { !$0.0.isEmpty }
        }
        error("`\(key)` must be a list", node, rule: "yaml.type")
        return nil
    }

    mutating func int(_ node: Node?, key: String) -> Int? {
        guard let node, !isNull(node) else { return nil }
        guard let value = node.scalar.flatMap({ Int($0.string) }) else {
            error("`\(key)` must be a whole number", node, rule: "yaml.type")
            return nil
        }
        return value
    }

    mutating func number(_ node: Node?, key: String) -> Double? {
        guard let node, !isNull(node) else { return nil }
        guard let value = node.scalar.flatMap({ Double($0.string) }) else {
            error("`\(key)` must be a number", node, rule: "yaml.type")
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, key: String) -> Bool? {
        guard let node, !isNull(node) else { return nil }
        guard let value = node.bool else {
            error("`\(key)` must be true or false", node, rule: "yaml.type")
            return nil
        }
        return value
    }

    mutating func day(_ node: Node?, key: String) -> Day? {
        guard let text = string(node, key: key) else { return nil }
        guard let day = Day(text) else {
            error("`\(key)` must be a date written YYYY-MM-DD, such as 2026-11-29", node, rule: "yaml.type")
            return nil
        }
        return day
    }

    /// The allowed key an author most likely meant (see `Spelling.closest`).
    static func closest(to word: String, in candidates: [String]) -> String? {
        Spelling.closest(to: word, in: candidates)
    }
}
