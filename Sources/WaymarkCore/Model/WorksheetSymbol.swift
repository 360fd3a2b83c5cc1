// Worksheet symbols: `{{symbol phone}}` before a prompt puts a small picture beside it in the
// worksheet's simpler version (for readers with special educational needs, or who read little
// English), drawn from Content/images/symbols/phone.svg, a file of the site, never from elsewhere.
// The usual version leaves the symbols out.

public struct WorksheetSymbol: Hashable, Sendable {
    public var name: String
    /// Character offsets in the line: where `{{symbol` starts and `}}` ends.
    public var start: Int
    public var end: Int

    /// The folder of the content (and of the site) the symbols live in.
    public static let folder = "images/symbols"

    public static func path(of name: String) -> String { "\(folder)/\(name).svg" }

    public static func find(in text: String) -> [WorksheetSymbol] {
        guard text.contains("{{symbol") else { return [] }
        let characters = Array(text)
        var found: [WorksheetSymbol] = []
        var i = 0
        while i + 8 < characters.count {
            guard characters[i] == "{", characters[i + 1] == "{", String(characters[(i + 2)..<(i + 8)]) == "symbol" else { i += 1; continue }
            var j = i + 8
            while j + 1 < characters.count, !(characters[j] == "}" && characters[j + 1] == "}") { j += 1 }
            guard j + 1 < characters.count else { break }
            found.append(WorksheetSymbol(name: String(characters[(i + 8)..<j]).trimmingCharacters(in: .whitespaces), start: i, end: j + 2))
            i = j + 2
        }
        return found
    }

    /// Text with every symbol taken out (and the space after it): what is read, and what the usual
    /// version shows.
    public static func strip(_ text: String) -> String {
        replace(text) { _ in "" }
    }

    /// Text with each symbol replaced by what `make` returns for its name.
    public static func replace(_ text: String, _ make: (String) -> String) -> String {
        let symbols = find(in: text)
        guard !symbols.isEmpty else { return text }
        let characters = Array(text)
        var out = ""
        var at = 0
        for symbol in symbols {
            out += String(characters[at..<symbol.start])
            let made = make(symbol.name)
            out += made
            at = symbol.end
            // The space after a symbol goes with it (a made picture brings its own).
            if at < characters.count, characters[at] == " " { at += 1 }
        }
        out += String(characters[at...])
        return out
    }
}
