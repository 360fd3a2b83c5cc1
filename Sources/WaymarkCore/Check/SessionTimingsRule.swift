// A session plan against its own timings table (`session.timings`): each row of the table under
// `## Length and timings` names the section of the plan it times, the sections come in the
// table's order, and the minutes add up. A facilitator runs the session from the table and reads
// the plan top to bottom; when the two disagree (a break timed at 0:40 but printed after every
// activity), one of them misleads them in the room.

import Foundation
import WaymarkMarkdown
import WaymarkModel

extension SessionRule {
    /// Words only, lower case, without a "(10 minutes)" part: how a row and a heading are compared.
    static func comparable(_ text: String) -> String {
        var kept = ""
        var depth = 0
        for character in text.lowercased() {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            guard depth == 0 else { continue }
            kept.append(character.isLetter || character.isNumber ? character : " ")
        }
        return kept.split(separator: " ").joined(separator: " ")
    }

    /// "(10 minutes" in a heading.
    static func minutesIn(_ heading: String) -> Int? {
        guard let open = heading.firstIndex(of: "(") else { return nil }
        let inside = heading[heading.index(after: open)...].prefix { $0 != ")" }
        let words = inside.split(whereSeparator: { !$0.isNumber && !$0.isLetter })
        guard words.count >= 2, let n = Int(words[0]), words[1].hasPrefix("minute") else { return nil }
        return n
    }

    static func timings(_ plan: PageFacts, lines: [SourceLine], session: SessionPlan) -> [Diagnostic] {
        let rows = SessionTimings.rows(lines)
        guard !rows.isEmpty else { return [] }
        var found: [Diagnostic] = []
        let file = session.file
        func warn(_ message: String, _ line: Int) {
            found.append(.warning(message, at: SourceLocation(file: file, line: line), rule: "session.timings"))
        }
        let tableHeading = plan.headings.first { $0.level == 2 && $0.text.lowercased().contains("timings") }
        let sections = plan.headings.filter { ($0.level == 2 || $0.level == 3) && $0.line != tableHeading?.line }
            .map { (heading: $0, words: comparable($0.text)) }.filter { !$0.words.isEmpty }
        var previous: (row: SessionTimings.Row, heading: MarkdownHeading)?
        var expectedStart: Int?
        var sum = 0
        for row in rows {
            if row.isTotal {
                if let total = row.minutes, total != sum {
                    warn("the total is \(total) minutes, but the rows add up to \(sum)", row.line)
                }
                if let total = row.minutes, let length = session.length.flatMap({ Int($0.prefix { $0.isNumber }) }), length != total {
                    warn("the total is \(total) minutes, but the plan's `length` says \(session.length ?? "")", row.line)
                }
                continue
            }
            if let start = row.start, let expected = expectedStart, start != expected {
                warn("“\(row.activity)” starts at \(format(start)), but the row before ends at \(format(expected))", row.line)
            }
            if let start = row.start, let minutes = row.minutes { expectedStart = start + minutes }
            sum += row.minutes ?? 0
            let words = comparable(row.activity)
            // The longest heading the row starts with: "Activity 1: Welcome" before "Activity".
            let match = sections.filter { words == $0.words || words.hasPrefix($0.words + " ") }
                .max { $0.words.count < $1.words.count }?.heading
            guard let heading = match else {
                warn("the timings row “\(row.activity)” names no section of the plan: start the row with the words of the `##` or `###` heading it times, or rename the heading, so that a facilitator can find it", row.line)
                continue
            }
            if let minutes = minutesIn(heading.text), let rowMinutes = row.minutes, minutes != rowMinutes {
                warn("“\(row.activity)” has \(rowMinutes) minutes in the table, but its heading (line \(heading.line)) says \(minutes)", row.line)
            }
            if let before = previous, heading.line < before.heading.line {
                warn("the table runs “\(row.activity)” after “\(before.row.activity)”, but the plan prints it before (line \(heading.line), then line \(before.heading.line)): move the section, or the row, so the plan reads in the order the session runs", row.line)
            }
            previous = (row, heading)
        }
        return found
    }

    private static func format(_ minutes: Int) -> String { "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)" }
}
