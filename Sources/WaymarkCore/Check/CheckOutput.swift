// How `waymark check` shows its results: the coverage matrix as a text table, everything as JSON,
// and each problem as a code host's annotation (GitHub Actions' workflow commands), so a pull
// request shows it at its file and line.

import Foundation
import WaymarkModel

public enum CheckOutput {
    /// modules down, level/tier across: "ok", "shared" (only text shared with others), "EMPTY", or "-" (not covered).
    public static func coverageTable(_ cells: [CoverageCell]) -> String {
        let modules = cells.map(\.module).reduce(into: [String]()) { if !$1.isEmpty && !$0.contains($1) { $0.append($1) } }
        let columns = cells.map { "\($0.level)/\($0.tier)" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !modules.isEmpty else { return "Coverage: no modules" }
        let width = max(6, modules.map(\.count).max() ?? 6)
        var lines = ["Coverage (module x level/tier):"]
        lines.append("  " + "module".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + columns.joined(separator: "  "))
        for module in modules {
            var row = "  " + module.padding(toLength: width, withPad: " ", startingAt: 0)
            for column in columns {
                let cell = cells.first { $0.module == module && "\($0.level)/\($0.tier)" == column }
                let mark = cell.map { $0.status == .empty ? "EMPTY" : $0.status == .written ? "ok" : "shared" } ?? "-"
                row += "  " + mark.padding(toLength: column.count, withPad: " ", startingAt: 0)
            }
            lines.append(row)
        }
        return lines.joined(separator: "\n")
    }

    /// One line per translated file: language, status, whether it is up to date, and the file.
    public static func translationsTable(_ states: [TranslatedFile]) -> String? {
        guard !states.isEmpty else { return nil }
        var lines = ["Translations (published: reviewed only, unless --include-drafts):"]
        for state in states {
            let followed = state.upToDate ? "up to date" : "OUT OF DATE"
            lines.append("  \(state.language.padding(toLength: 6, withPad: " ", startingAt: 0))\(state.status.padding(toLength: 9, withPad: " ", startingAt: 0))\(followed.padding(toLength: 12, withPad: " ", startingAt: 0))\(state.file)")
        }
        return lines.joined(separator: "\n")
    }

    struct Document: Encodable {
        struct Item: Encodable {
            var file: String
            var line: Int
            var column: Int
            var severity: String
            var rule: String
            var message: String
        }
        struct Summary: Encodable {
            var errors: Int
            var warnings: Int
            var notes: Int
        }
        var diagnostics: [Item]
        var variants: [VariantFigures]
        var coverage: [CoverageCell]
        var translations: [TranslatedFile]
        var topics: [TopicCell]
        var summary: Summary
    }

    /// `::error file=Content/x.md,line=3,col=5,title=rule::message`, one line a problem; notes
    /// become `::notice`. Values are escaped as the workflow command format asks.
    public static func github(_ diagnostics: [Diagnostic]) -> [String] {
        func data(_ text: String) -> String {
            text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ text: String) -> String { data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        return diagnostics.map { d in
            let kind = d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice"
            var properties = ["file=\(property(d.location.file))"]
            if d.location.line > 0 { properties.append("line=\(d.location.line)") }
            if d.location.column > 0 { properties.append("col=\(d.location.column)") }
            properties.append("title=\(property(d.rule))")
            return "::\(kind) \(properties.joined(separator: ","))::\(data(d.message))"
        }
    }

    public static func json(_ report: BuildReport) -> String {
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let document = Document(
            diagnostics: report.diagnostics.map {
                .init(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                      severity: $0.severity.rawValue, rule: $0.rule, message: $0.message)
            },
            variants: report.check?.figures ?? [],
            coverage: report.check?.coverage ?? [],
            translations: report.check?.translations ?? [],
            topics: report.check?.topics ?? [],
            summary: .init(errors: errors, warnings: report.diagnostics.count(of: .warning), notes: report.diagnostics.count(of: .note)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
