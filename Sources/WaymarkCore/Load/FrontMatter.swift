// Splits a Markdown file into its YAML front matter and its body, keeping real line numbers,
// and parses the YAML into a node tree whose positions are counted from the top of the file.

import WaymarkMarkdown
import WaymarkModel
import Yams

public struct SplitDocument: Sendable {
    /// The YAML between the `---` lines, or nil when the file has no front matter.
    public var yaml: String?
    /// The file line of the first YAML line.
    public var yamlFirstLine: Int
    public var body: [SourceLine]
}

public enum FrontMatter {
    public static func split(_ text: String, file: String) -> Result<SplitDocument, Diagnostic> {
        let lines = FrontMatter.lines(text)
        guard let first = lines.first, isFence(first) else {
            let body = lines.enumerated().map { SourceLine(text: $0.element, number: $0.offset + 1) }
            return .success(SplitDocument(yaml: nil, yamlFirstLine: 1, body: body))
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0].trimmingTrailingSpace == "..." }) else {
            return .failure(.error("front matter opened here is never closed: add a line with only `---` after it",
                                   at: SourceLocation(file: file, line: 1), rule: "front-matter.unclosed"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = lines[(close + 1)...].enumerated().map { SourceLine(text: $0.element, number: close + 2 + $0.offset) }
        return .success(SplitDocument(yaml: yaml, yamlFirstLine: 2, body: body))
    }

    private static func isFence(_ line: String) -> Bool { line.trimmingTrailingSpace == "---" }

    /// The text's lines, split at each "\n" (TextDecoding has already made every line end one).
    /// Found on the UTF-8 bytes: splitting by Character, which looks for grapheme clusters, took
    /// a tenth of a large site's Load.
    static func lines(_ text: String) -> [String] {
        let bytes = text.utf8
        var lines: [String] = []
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == 0x0A {
                lines.append(String(text[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        lines.append(String(text[start..<bytes.endIndex]))
        return lines
    }

    /// Parses YAML text that starts at `firstLine` of `file`. Errors point at the file's real line.
    static func parseYAML(_ yaml: String, file: String, firstLine: Int) -> Result<Node?, Diagnostic> {
        do {
            // UTF-8 said outright: Yams's default reads the process's environment at every call
            // (a fiftieth of a large site's build) to decide what Swift's strings always are.
            return .success(try Yams.compose(yaml: yaml, .default, .default, .utf8))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, yaml: yaml, file: file, firstLine: firstLine))
        } catch {
            return .failure(.error("the YAML cannot be read: \(error)", at: SourceLocation(file: file, line: firstLine),
                                   rule: "yaml.syntax"))
        }
    }

    private static func diagnostic(for error: YamlError, yaml: String, file: String, firstLine: Int) -> Diagnostic {
        // libyaml reports some errors (an unclosed bracket) at the end of the text, one line past
        // the last: point at the last line the author wrote instead.
        let lastLine = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
        func at(_ mark: Mark) -> SourceLocation {
            let line = min(mark.line, lastLine)
            return SourceLocation(file: file, line: line + firstLine - 1, column: line == mark.line ? mark.column : 1)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            return .error("the YAML cannot be read: \(problem)\(detail)", at: at(mark), rule: "yaml.syntax")
        case let .duplicatedKeysInMapping(duplicates, context):
            let name = duplicates.first ?? "?"
            // Point at the second time the key is written: that is the one to remove.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let uses = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(name + ":") }
            let location = uses.count > 1
                ? SourceLocation(file: file, line: uses[1] + firstLine, column: lines[uses[1]].prefix { $0 == " " }.count + 1)
                : at(context.mark)
            return .error("the key `\(name)` is written twice", at: location, rule: "yaml.duplicate-key")
        default:
            return .error("the YAML cannot be read: \(error)", at: SourceLocation(file: file, line: firstLine),
                          rule: "yaml.syntax")
        }
    }
}

extension String {
    var trimmingTrailingSpace: Substring {
        var s = self[...]
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
