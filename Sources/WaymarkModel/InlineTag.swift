// Inline tags: `{{route childline phone}}` and `{{symbol phone}}` in a line of Markdown. One
// scanner finds them and one function replaces them, for route mentions and worksheet symbols alike.

import WaymarkMarkdown

public struct InlineTag: Hashable, Sendable {
    /// The words inside the braces: `["route", "childline", "phone"]`.
    public var words: [String]
    /// Character offsets in the line: where `{{` starts and where `}}` ends.
    public var start: Int
    public var end: Int

    /// Every `{{...}}` in a line whose first word is one of `names` (in any case).
    public static func find(in line: String, named names: Set<String>) -> [InlineTag] {
        guard line.containsBytes("{{") else { return [] }
        let characters = Array(line)
        var found: [InlineTag] = []
        var i = 0
        while i + 1 < characters.count {
            guard characters[i] == "{", characters[i + 1] == "{" else { i += 1; continue }
            var j = i + 2
            while j + 1 < characters.count, !(characters[j] == "}" && characters[j + 1] == "}") { j += 1 }
            guard j + 1 < characters.count else { break }
            let words = String(characters[(i + 2)..<j]).split(separator: " ").map(String.init)
            if let first = words.first, names.contains(first.lowercased()) {
                found.append(InlineTag(words: words, start: i, end: j + 2))
            }
            i = j + 2
        }
        return found
    }

    /// A line with each of `tags` replaced by what `make` returns (nil keeps the tag as written).
    /// With `eatSpace`, the space after a tag goes with it.
    public static func replace(_ tags: [(start: Int, end: Int)], in line: String, eatSpace: Bool = false,
                               _ make: (Int) -> String?) -> String {
        guard !tags.isEmpty else { return line }
        let characters = Array(line)
        var out = ""
        var at = 0
        for (index, tag) in tags.enumerated() {
            out += String(characters[at..<tag.start])
            out += make(index) ?? String(characters[tag.start..<tag.end])
            at = tag.end
            if eatSpace, at < characters.count, characters[at] == " " { at += 1 }
        }
        out += String(characters[at...])
        return out
    }
}
