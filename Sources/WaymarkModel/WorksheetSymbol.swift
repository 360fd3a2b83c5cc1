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
        InlineTag.find(in: text, named: ["symbol"]).map { tag in
            WorksheetSymbol(name: tag.words.count > 1 ? tag.words[1] : "", start: tag.start, end: tag.end)
        }
    }

    /// Text with every symbol taken out (and the space after it): what is read, and what the usual
    /// version shows.
    public static func strip(_ text: String) -> String {
        replace(text) { _ in "" }
    }

    /// HTML with each symbol drawn as a picture of this site, the site's root being at `base`
    /// from the page; with no `base`, the symbols are left out.
    public static func show(_ html: String, base: String?) -> String {
        guard let base else { return strip(html) }
        return replace(html) { name in
            "<img class=\"symbol\" src=\"\(base)\(path(of: name))\" alt=\"\" width=\"48\" height=\"48\"> "
        }
    }

    /// Text with each symbol replaced by what `make` returns for its name; the space after a
    /// symbol goes with it (a made picture brings its own).
    public static func replace(_ text: String, _ make: (String) -> String) -> String {
        let symbols = find(in: text)
        return InlineTag.replace(symbols.map { ($0.start, $0.end) }, in: text, eatSpace: true) { make(symbols[$0].name) }
    }
}
