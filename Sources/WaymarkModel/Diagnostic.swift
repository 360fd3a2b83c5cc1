// Diagnostic: the one value every stage uses to report a problem in the content or templates.
// Stages collect diagnostics instead of throwing, so an author sees every problem in one run.


public enum Severity: String, Sendable, Comparable, Codable {
    /// Worth knowing, never a failure, even with `--strict` (a draft translation behind its English).
    case note
    case warning
    case error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a source file. Lines and columns count from 1, from the top of the file
/// (front matter included), because that is what an author's editor shows.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }
}

public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    public var severity: Severity
    public var message: String
    /// A short stable id for the rule that fired, e.g. `front-matter.unknown-key`.
    public var rule: String

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, rule: String) {
        self.severity = severity
        self.message = message
        self.location = location
        self.rule = rule
    }

    public static func error(_ message: String, at location: SourceLocation, rule: String) -> Diagnostic {
        Diagnostic(.error, message, at: location, rule: rule)
    }

    public static func warning(_ message: String, at location: SourceLocation, rule: String) -> Diagnostic {
        Diagnostic(.warning, message, at: location, rule: rule)
    }

    public static func note(_ message: String, at location: SourceLocation, rule: String) -> Diagnostic {
        Diagnostic(.note, message, at: location, rule: rule)
    }

    /// The format compilers use, which editors and CI annotate: `path:line:column: error: message [rule]`.
    public var description: String {
        "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// Diagnostics in a stable order: by file, then position, so output never depends on the
/// order the file system listed files in.
public extension Array where Element == Diagnostic {
    var hasErrors: Bool { contains { $0.severity == .error } }

    func count(of severity: Severity) -> Int { filter { $0.severity == severity }.count }

    /// Each diagnostic once, at its first place: text shared by several variants is checked once
    /// for each. A large site has thousands of warnings, asked about at every rebuild of the
    /// preview, so the set hashes a diagnostic's place and lengths rather than its whole message.
    func withoutRepeats() -> [Diagnostic] {
        var seen = Set<RepeatKey>(minimumCapacity: count)
        return filter { seen.insert(RepeatKey(diagnostic: $0)).inserted }
    }

    func sortedForReport() -> [Diagnostic] {
        sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.message)
        }
    }
}

/// A diagnostic compared whole but hashed by its place and the lengths of its words.
private struct RepeatKey: Hashable {
    let diagnostic: Diagnostic

    func hash(into hasher: inout Hasher) {
        hasher.combine(diagnostic.location.file)
        hasher.combine(diagnostic.location.line)
        hasher.combine(diagnostic.location.column)
        hasher.combine(diagnostic.message.utf8.count)
        hasher.combine(diagnostic.rule.utf8.count)
    }

    static func == (a: RepeatKey, b: RepeatKey) -> Bool { a.diagnostic == b.diagnostic }
}
