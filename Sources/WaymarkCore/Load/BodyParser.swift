// Parses a Markdown body into text lines and `:::` blocks (tier, level, take-a-break), which nest.
// Fenced code is left alone, and HTML comments (notes to authors) are removed here, so no later
// stage sees them. Block ids are checked against site.yml later, in Validate.

import Foundation
import WaymarkMarkdown
import WaymarkModel

struct BodyParser {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var exemptions: [Exemption] = []

    init(file: String) { self.file = file }

    private struct OpenBlock {
        var kind: BlockKind
        var opening: SourceLocation
        var children: [BodyNode] = []
        /// For list elements (`::: cards ...`): the element word and its arguments, built into
        /// a PrintElement when the block closes.
        var list: (word: String, arguments: String)? = nil
        /// For activities (`::: scenario ...`): the kind and what follows it, read when the block closes.
        var activity: (kind: Activity.Kind, arguments: String)? = nil
        /// A block whose kind could not be read (already reported): kept only so that its `:::`
        /// is not reported as stray, and not reported again if it is never closed.
        var unreadable = false
    }

    mutating func parse(_ lines: [SourceLine]) -> [BodyNode] {
        var stack: [OpenBlock] = [OpenBlock(kind: .panel(.takeABreak), opening: SourceLocation(file: file))]
        var fence: (marker: Character, length: Int)? = nil
        var inComment = false

        func append(_ node: BodyNode) { stack[stack.count - 1].children.append(node) }

        for var line in lines {
            if let open = fence {
                append(.line(line))
                if BodyParser.closesFence(line.text, open) { fence = nil }
                continue
            }
            let opensComment = line.text.containsBytes("<!--")
            if !inComment, opensComment { readExemptions(line) }
            if inComment || opensComment {
                let (kept, stillOpen, hadComment) = BodyParser.removeComments(line.text, startingInside: inComment)
                inComment = stillOpen
                if hadComment && kept.allSatisfy(\.isWhitespace) { continue }
                line.text = kept
            }
            if let opened = BodyParser.opensFence(line.text) {
                fence = opened
                append(.line(line))
                continue
            }
            let trimmed = line.text.drop { $0 == " " }
            guard trimmed.hasPrefix(":::"), line.text.count - trimmed.count < 4 else {
                append(.line(line))
                continue
            }
            let column = line.text.count - trimmed.count + 1
            let rest = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            if rest.isEmpty {
                if stack.count == 1 {
                    diagnostics.append(.error("this `:::` closes no block: every `:::` closes a `::: tier`, `::: level`, `::: break`, `::: now` or `::: more` opened above it",
                                              at: SourceLocation(file: file, line: line.number, column: column), rule: "block.stray-close"))
                    continue
                }
                let done = stack.removeLast()
                if let activity = done.activity {
                    if let element = closeActivity(activity, done) { append(.block(Block(kind: .element(.activity(element)), opening: done.opening, children: done.children))) }
                } else if let list = done.list {
                    // The item lines stay as the element's children, so that the checks read them where
                    // they are written (words to avoid, symbols, numbers); rendering uses the element.
                    if let element = closeList(list, done) { append(.block(Block(kind: .element(element), opening: done.opening, children: done.children))) }
                } else {
                    append(.block(Block(kind: done.kind, opening: done.opening, children: done.children)))
                }
                continue
            }
            let at = SourceLocation(file: file, line: line.number, column: column)
            let word = String(rest.prefix { !$0.isWhitespace }).lowercased()
            let arguments = String(rest.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
            if PrintElement.oneLine.contains(word) {
                switch PrintElement.parse(word, arguments) {
                case .success(let element): append(.block(Block(kind: .element(element), opening: at, children: [])))
                case .failure(let problem): diagnostics.append(.error(problem.message, at: at, rule: "element.arguments"))
                }
            } else if PrintElement.withList.contains(word) {
                stack.append(OpenBlock(kind: .panel(.takeABreak), opening: at, list: (word, arguments)))
            } else if let kind = Activity.Kind(rawValue: word) {
                // An activity folds on its own; inside a panel it would be split from the panel's text.
                if let panel = stack.dropFirst().first(where: { if case .panel = $0.kind, $0.list == nil, $0.activity == nil { return true } else { return false } }),
                   case .panel(let which) = panel.kind {
                    let name = which == .takeABreak ? "break" : which == .now ? "now" : "more"
                    diagnostics.append(.error("an activity cannot sit inside `::: \(name)` (opened at line \(panel.opening.line)): put it before or after that block; it folds on its own",
                                              at: at, rule: "activity.place"))
                }
                stack.append(OpenBlock(kind: .panel(.takeABreak), opening: at, activity: (kind, arguments)))
            } else if let kind = parseOpening(rest, at: at) {
                stack.append(OpenBlock(kind: kind, opening: at))
            } else {
                // Keep the block open anyway so that its `:::` does not also show as stray.
                stack.append(OpenBlock(kind: .tiers([]), opening: at, unreadable: true))
            }
        }
        while stack.count > 1 {
            let open = stack.removeLast()
            if !open.unreadable {
                diagnostics.append(.error("this block is never closed: add a line with only `:::` where it ends",
                                          at: open.opening, rule: "block.unclosed"))
            }
            if open.list == nil { append(.block(Block(kind: open.kind, opening: open.opening, children: open.children))) }
        }
        return stack[0].children
    }

    /// The `- item` lines of a list element become its items; anything else in it is an error.
    private mutating func closeList(_ list: (word: String, arguments: String), _ block: OpenBlock) -> PrintElement? {
        var items: [String] = []
        var badLines = false
        for node in block.children {
            switch node {
            case .line(let line):
                let text = line.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { continue }
                guard text.hasPrefix("- ") || text.hasPrefix("* ") else {
                    badLines = true
                    diagnostics.append(.error("inside `::: \(list.word)` each item is a line starting `- `",
                                              at: SourceLocation(file: file, line: line.number), rule: "element.arguments"))
                    continue
                }
                items.append(String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces))
            case .block(let inner):
                badLines = true
                diagnostics.append(.error("`::: \(list.word)` cannot hold other blocks: put tier or level blocks around it",
                                          at: inner.opening, rule: "element.arguments"))
            }
        }
        switch PrintElement.list(list.word, list.arguments, items: items) {
        case .success(let element): return element
        case .failure where badLines:
            return nil
        case .failure(let problem):
            diagnostics.append(.error(problem.message, at: block.opening, rule: "element.arguments"))
            return nil
        }
    }

    /// An activity's lines become its story, items and feedback; a block inside it is an error.
    private mutating func closeActivity(_ activity: (kind: Activity.Kind, arguments: String), _ block: OpenBlock) -> Activity? {
        var lines: [SourceLine] = []
        var nested = false
        for node in block.children {
            switch node {
            case .line(let line): lines.append(line)
            case .block(let inner):
                nested = true
                diagnostics.append(.error("`::: \(activity.kind.rawValue)` cannot hold other blocks: put tier, level or version blocks around the whole activity",
                                          at: inner.opening, rule: "activity.items"))
            }
        }
        let (parsed, problems) = Activity.parse(kind: activity.kind, arguments: activity.arguments, lines: lines, opening: block.opening.line)
        for problem in problems {
            // The column of the line's first character (the `-` or `=`), or of the opening `:::`.
            let indent = lines.first { $0.number == problem.line }.map { $0.text.prefix { $0 == " " }.count + 1 }
            let column = problem.line == block.opening.line ? block.opening.column : (indent ?? 1)
            diagnostics.append(.error(problem.message, at: SourceLocation(file: file, line: problem.line, column: column),
                                      rule: problem.rule))
        }
        return nested ? nil : parsed
    }

    /// `<!-- allow language.some-id, language.other: why this is kept -->`
    private mutating func readExemptions(_ line: SourceLine) {
        var rest = line.text[...]
        while let open = rest.range(of: "<!--"), let close = rest[open.upperBound...].range(of: "-->") {
            let comment = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            guard comment.hasPrefix("allow ") || comment == "allow" else { continue }
            let column = line.text.distance(from: line.text.startIndex, to: open.lowerBound) + 1
            let at = SourceLocation(file: file, line: line.number, column: column)
            let body = comment.dropFirst("allow".count)
            let parts = body.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let rules = (parts.first ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let reason = parts.count > 1 ? parts[1] : ""
            guard !rules.isEmpty, !reason.isEmpty else {
                diagnostics.append(.error("an exemption names the rule and says why: `<!-- allow language.in-return-for: quoting what an abuser says -->`",
                                          at: at, rule: "check.exemption"))
                continue
            }
            exemptions.append(Exemption(rules: rules, reason: reason, location: at))
        }
    }

    private mutating func parseOpening(_ text: String, at: SourceLocation) -> BlockKind? {
        let word = text.prefix { !$0.isWhitespace }
        let ids = text.dropFirst(word.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        switch word.lowercased() {
        case "tier", "tiers":
            guard !ids.isEmpty else { return missingIDs("tier", at) }
            return .tiers(ids)
        case "level", "levels":
            guard !ids.isEmpty else { return missingIDs("level", at) }
            return .levels(ids)
        case "break":
            return .panel(.takeABreak)
        case "now":
            return .panel(.now)
        case "more":
            return .panel(.more)
        case "simpler":
            return .version(simpler: true)
        case "standard":
            return .version(simpler: false)
        default:
            diagnostics.append(.error("unknown block `\(word)`: blocks are `::: tier ID`, `::: level ID`, `::: break`, `::: now`, `::: more`, and in worksheets `::: simpler` and `::: standard`; activities are `::: scenario`, `::: quiz` and `::: sort`; worksheet elements are \(PrintElement.names.map { "`\($0)`" }.joined(separator: ", "))",
                                      at: at, rule: "block.unknown"))
            return nil
        }
    }

    private mutating func missingIDs(_ kind: String, _ at: SourceLocation) -> BlockKind? {
        diagnostics.append(.error("`::: \(kind)` needs at least one \(kind) id, such as `::: \(kind) \(kind == "tier" ? "11-13" : "recovery")`",
                                  at: at, rule: "block.missing-id"))
        return nil
    }

    /// A CommonMark code fence: three or more backticks or tildes, indented less than four spaces.
    // Fences are looked for on every line of every body several times a build: on the UTF-8
    // bytes, as the markers are ASCII (counting Characters made this a tenth of a check).

    /// Up to three spaces, then a run of one marker: where the run starts and how long it is.
    private static func markerRun(_ bytes: String.UTF8View, marker: UInt8? = nil) -> (marker: UInt8, run: Int, end: String.Index)? {
        var i = bytes.startIndex
        var spaces = 0
        while i != bytes.endIndex, bytes[i] == 0x20 { spaces += 1; i = bytes.index(after: i) }
        guard spaces < 4, i != bytes.endIndex else { return nil }
        let found = bytes[i]
        guard found == (marker ?? found), found == 0x60 || found == 0x7E else { return nil }
        var run = 0
        while i != bytes.endIndex, bytes[i] == found { run += 1; i = bytes.index(after: i) }
        return (found, run, i)
    }

    static func opensFence(_ text: String) -> (Character, Int)? {
        guard let (marker, run, end) = markerRun(text.utf8), run >= 3 else { return nil }
        // A backtick fence's info string may not hold a backtick.
        if marker == 0x60 && text.utf8[end...].contains(0x60) { return nil }
        return (Character(Unicode.Scalar(marker)), run)
    }

    static func closesFence(_ text: String, _ open: (marker: Character, length: Int)) -> Bool {
        guard let ascii = open.marker.asciiValue, let (_, run, end) = markerRun(text.utf8, marker: ascii),
              run >= open.length else { return false }
        return text[end...].allSatisfy(\.isWhitespace)
    }

    /// Removes `<!-- ... -->` from a line. Returns the rest, whether a comment is still open at the
    /// end of the line, and whether anything was removed.
    static func removeComments(_ text: String, startingInside: Bool) -> (String, Bool, Bool) {
        var kept = ""
        var inside = startingInside
        var removed = startingInside
        var rest = text[...]
        while !rest.isEmpty {
            if inside {
                guard let end = rest.range(of: "-->") else { return (kept, true, true) }
                rest = rest[end.upperBound...]
                inside = false
            } else if let start = rest.range(of: "<!--") {
                kept += rest[..<start.lowerBound]
                rest = rest[start.upperBound...]
                inside = true
                removed = true
            } else {
                kept += rest
                rest = rest[rest.endIndex...]
            }
        }
        return (kept, inside, removed)
    }

    /// Every line of a body in file order, outside fenced code: what the checks read.
    static func linesOutsideCode(_ nodes: [BodyNode]) -> [SourceLine] {
        var lines: [SourceLine] = []
        var fence: (Character, Int)?
        func visit(_ nodes: [BodyNode]) {
            for node in nodes {
                switch node {
                case .line(let line):
                    if let open = fence {
                        if closesFence(line.text, (open.0, open.1)) { fence = nil }
                        continue
                    }
                    if let opened = opensFence(line.text) { fence = opened; continue }
                    lines.append(line)
                case .block(let block):
                    visit(block.children)
                }
            }
        }
        visit(nodes)
        return lines
    }
}
