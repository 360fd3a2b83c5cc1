// A session plan's timings table (the first table under its `## Length and timings` heading):
// the running order a facilitator keeps to. The check compares it with the plan's sections, and
// the pack prints it as the group's visual timetable.

public enum SessionTimings {
    public struct Row: Hashable, Sendable {
        public var start: Int?
        public var activity: String
        public var minutes: Int?
        public var line: Int
        public var isTotal: Bool
    }

    /// The rows of the first table under the heading that names the timings.
    public static func rows(_ lines: [SourceLine]) -> [Row] {
        guard let heading = lines.firstIndex(where: {
            let text = $0.text.trimmingCharacters(in: .whitespaces).lowercased()
            return text.hasPrefix("## ") && text.contains("timings")
        }) else { return [] }
        var rows: [Row] = []
        var inTable = false
        for line in lines[(heading + 1)...] {
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("#") { break }
            guard text.hasPrefix("|") else {
                if inTable { break }
                continue
            }
            inTable = true
            var cells = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "" { cells.removeFirst() }
            if cells.last == "" { cells.removeLast() }
            guard cells.count >= 3, !cells.allSatisfy({ $0.allSatisfy { "-: ".contains($0) } }) else { continue }
            let minutes = Int(cells[2].filter(\.isNumber))
            let start = clockMinutes(cells[0])
            // The header row has words where the numbers go.
            if start == nil && minutes == nil { continue }
            rows.append(Row(start: start, activity: cells[1], minutes: minutes, line: line.number,
                                  isTotal: cells[0].isEmpty && cells[1].lowercased().hasPrefix("total")))
        }
        return rows
    }

    /// "1:05" as 65 minutes.
    public static func clockMinutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]) else { return nil }
        return hours * 60 + minutes
    }

}
