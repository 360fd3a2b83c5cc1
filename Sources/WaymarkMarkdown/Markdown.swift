// Markdown: the one Swift type over cmark-gfm. Parsing, link rewriting, heading ids and HTML
// rendering all happen inside `render`, so no C pointer ever leaves this file.

import Foundation
import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct MarkdownOptions: Sendable {
    /// Pass raw HTML written in Markdown through. When false it is removed and reported.
    public var rawHTML: Bool
    /// Words to link to their glossary definitions, the first time each is used.
    public var glossary: GlossaryLinks?
    /// Numbers typed in the text that become links that ring them ("call 999"), outside
    /// headings and links, so a reader on a phone can tap them.
    public var tappableNumbers: [String]

    public init(rawHTML: Bool = false, glossary: GlossaryLinks? = nil, tappableNumbers: [String] = []) {
        self.rawHTML = rawHTML
        self.glossary = glossary
        self.tappableNumbers = tappableNumbers
    }
}

/// The glossary terms a page links, and where their definitions are.
public struct GlossaryLinks: Sendable {
    /// Each entry's forms (lowercase words, e.g. ["sexual", "exploitation"]) and anchor.
    public var terms: [(forms: [[String]], anchor: String)]
    /// The glossary page's address from the page being rendered.
    public var pageURL: String

    /// - Parameter entries: each term, its other forms, and the anchor of its definition.
    public init(entries: [(term: String, also: [String], anchor: String)], pageURL: String) {
        self.terms = entries.map { entry in
            let forms = ([entry.term] + entry.also).map { Markdown.words($0.lowercased()).map(\.word) }.filter { !$0.isEmpty }
            return (forms, entry.anchor)
        }
        self.pageURL = pageURL
    }
}

/// A link or image found in the Markdown, with the line (in the text given to `render`) of the
/// block it sits in. The caller decides what its URL becomes.
public struct MarkdownLink: Sendable {
    /// The address as written.
    public var url: String
    /// The link's text, or an image's alt text, as plain text.
    public var text: String
    public var blockLine: Int
    public var isImage: Bool
}

public struct MarkdownHeading: Hashable, Sendable {
    public var level: Int
    public var text: String
    public var id: String
    public var line: Int

    public init(level: Int, text: String, id: String, line: Int) {
        self.level = level
        self.text = text
        self.id = id
        self.line = line
    }
}

/// A block of running text (a paragraph or a table cell) as plain text, for the readability and
/// language checks. Headings, code and HTML are not prose.
public struct ProseBlock: Hashable, Sendable {
    public var text: String
    public var line: Int
    /// For a list item's paragraph: the paragraph just before its list ("When it is safe, you
    /// could:"), which governs every item of it.
    public var leadIn: String?

    public init(text: String, line: Int, leadIn: String? = nil) {
        self.text = text
        self.line = line
        self.leadIn = leadIn
    }
}

public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [MarkdownHeading]
    /// Every link and image, with its address as written (before rewriting).
    public var links: [MarkdownLink]
    public var prose: [ProseBlock]
    /// Lines (in the text given) where raw HTML was removed because the site does not allow it.
    public var removedHTMLLines: [Int]
}

/// Held while cmark-gfm parses inlines: see `Markdown.parse`.
private let finishing = NSLock()

public enum Markdown {
    /// GFM extensions every page gets.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// cmark-gfm 0.29 guards its extension registration with a plain static flag, so two threads
    /// registering at once could race. A Swift `static let` runs its initialiser exactly once,
    /// whichever thread gets there first, and the others wait for it.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Registers cmark-gfm's extensions, once, from whichever thread asks first.
    public static func prepare() {
        _ = registered
    }

    /// `text` parsed with every extension: the parser (which holds the extensions) and its
    /// document, both for the caller to free; nil when cmark-gfm could not make them.
    static func parse(_ text: String, options: Int32) -> (parser: OpaquePointer, document: OpaquePointer)? {
        prepare()
        guard let parser = cmark_parser_new(options) else { return nil }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        text.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        // Finishing parses the inlines with a table of special characters that cmark-gfm keeps
        // for the whole process: each parse adds the extensions' characters (`~`, ...) and
        // removes them when done, so two parses finishing at once dropped strikethrough and
        // autolinks from pages at random. One finish at a time; reading the blocks (feed),
        // walking the tree and writing HTML still run on every core.
        guard let document = finishing.withLock({ cmark_parser_finish(parser) }) else {
            cmark_parser_free(parser)
            return nil
        }
        return (parser, document)
    }

    /// Converts Markdown to HTML.
    /// - Parameters:
    ///   - usedIDs: heading ids already used on the page; new ones are added, so ids stay unique
    ///     when a page is rendered in several pieces.
    ///   - rewriteLink: returns the URL a link should have, or nil to keep it as written.
    public static func render(_ text: String, options: MarkdownOptions = MarkdownOptions(),
                              usedIDs: inout Set<String>,
                              rewriteLink: (MarkdownLink) -> String?) -> RenderedMarkdown {
        var linked: Set<String> = []
        return render(text, options: options, usedIDs: &usedIDs, linkedTerms: &linked, rewriteLink: rewriteLink)
    }

    /// - Parameter linkedTerms: glossary anchors already linked on the page: each term is linked
    ///   once, at its first use.
    public static func render(_ text: String, options: MarkdownOptions = MarkdownOptions(),
                              usedIDs: inout Set<String>, linkedTerms: inout Set<String>,
                              rewriteLink: (MarkdownLink) -> String?) -> RenderedMarkdown {
        // Our own heading HTML is inserted as raw HTML, so rendering is always "unsafe"; the
        // author's raw HTML is removed below unless the site allows it.
        guard let (parser, document) = parse(text, options: CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG) else {
            return RenderedMarkdown(html: "", headings: [], links: [], prose: [], removedHTMLLines: [])
        }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        let extensions = cmark_parser_get_syntax_extensions(parser)

        var headings: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var links: [MarkdownLink] = []
        var prose: [ProseBlock] = []
        // Text where a glossary link may go: not inside a heading, a link or an image.
        var glossaryText: [OpaquePointer] = []
        // Each paragraph's words: a list's lead-in is read for every item of the list.
        var paragraphs: [OpaquePointer: String] = [:]
        var excluded = 0
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let blocksGlossary = type == CMARK_NODE_HEADING || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            if event == CMARK_EVENT_EXIT {
                if blocksGlossary { excluded -= 1 }
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if blocksGlossary { excluded += 1 }
            if type == CMARK_NODE_TEXT, excluded == 0, options.glossary != nil { glossaryText.append(node) }
            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let link = MarkdownLink(url: url, text: oneLine(plainText(of: node)), blockLine: blockLine(of: node),
                                        isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE)
                links.append(link)
                if let replacement = rewriteLink(link) { cmark_node_set_url(node, replacement) }
            case CMARK_NODE_PARAGRAPH:
                let text = oneLine(plainText(of: node))
                paragraphs[node] = text
                // A list's lead-in comes before it, so its words are already known.
                let leadIn = listLeadInParagraph(of: node).map { paragraphs[$0] ?? oneLine(plainText(of: $0)) }
                prose.append(ProseBlock(text: text, line: blockLine(of: node), leadIn: leadIn))
            case CMARK_NODE_HEADING:
                headings.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !options.rawHTML { rawHTML.append(node) }
            default:
                if let type = cmark_node_get_type_string(node), String(cString: type) == "table_cell" {
                    // The table extension's plain text of a cell carries the table's pipes and
                    // its `---` row: the cell's own words are gathered instead.
                    prose.append(ProseBlock(text: oneLine(inlineText(of: node)), line: blockLine(of: node)))
                }
            }
        }

        if let glossary = options.glossary {
            for node in glossaryText { linkGlossaryTerms(in: node, glossary, &linkedTerms) }
        }
        // Most text holds none of the numbers: the tree is walked again only when it might.
        let numbers = options.tappableNumbers.filter { text.containsBytes($0) }
        if !numbers.isEmpty { linkNumbers(in: document, numbers) }

        var removed: [Int] = []
        for node in rawHTML {
            removed.append(blockLine(of: node))
            cmark_node_unlink(node)
            cmark_node_free(node)
        }

        var headingList: [MarkdownHeading] = []
        for node in headings {
            let level = Int(cmark_node_get_heading_level(node))
            let line = blockLine(of: node)
            let inner = stripHeadingTags(html(of: node, extensions), level: level)
            let plain = plainText(of: node).trimmingWhiteSpace
            let id = uniqueID(slug(plain), &usedIDs)
            headingList.append(MarkdownHeading(level: level, text: plain, id: id, line: line))
            guard let replacement = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
            cmark_node_set_literal(replacement, "<h\(level) id=\"\(id)\">\(inner)</h\(level)>\n")
            cmark_node_insert_before(node, replacement)
            cmark_node_unlink(node)
            cmark_node_free(node)
        }

        // Links to other sites must not tell them where the reader came from; wide tables scroll
        // inside their own box instead of widening the page on a phone.
        let out = html(of: document, extensions).replacingAll([
            ("<a href=\"http", "<a rel=\"noopener noreferrer\" href=\"http"),
            ("<table>", "<div class=\"table-wrap\"><table>"),
            ("</table>", "</table></div>"),
        ])
        return RenderedMarkdown(html: out, headings: headingList, links: links, prose: prose,
                                removedHTMLLines: Array(Set(removed)).sorted())
    }

    /// Words of a text with their offsets (in UTF-8 bytes), lowercased: letters, digits, apostrophes.
    /// Built as UTF-8 bytes, lowercasing ASCII letters directly: this runs over every page's text.
    static func words(_ text: String) -> [(word: String, start: Int, end: Int)] {
        var result: [(word: String, start: Int, end: Int)] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        var start = 0
        var offset = 0
        func finish() {
            if current.last == UInt8(ascii: "'") { current.removeLast() }
            result.append((String(decoding: current, as: UTF8.self), start, offset))
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let apostrophe = scalar == "'" || scalar == "\u{2019}"
            if FastText.isWordScalar(scalar) || (apostrophe && !current.isEmpty) {
                if current.isEmpty { start = offset }
                if apostrophe {
                    current.append(UInt8(ascii: "'"))
                } else if scalar.isASCII {
                    let v = UInt8(scalar.value)
                    current.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
                } else {
                    current.append(contentsOf: String(scalar).lowercased().utf8)
                }
            } else if !current.isEmpty {
                finish()
            }
            offset += UTF8.width(scalar)
        }
        if !current.isEmpty { finish() }
        return result
    }

    /// Replaces the first use of each glossary term in a text node with a link to its definition.
    /// Where two terms start at the same word, the longer one ("age of consent") wins.
    private static func linkGlossaryTerms(in node: OpaquePointer, _ glossary: GlossaryLinks, _ linked: inout Set<String>) {
        var current: OpaquePointer? = node
        while let textNode = current, let literal = cmark_node_get_literal(textNode).map({ String(cString: $0) }) {
            let words = Markdown.words(literal)
            var best: (index: Int, length: Int, anchor: String)?
            for (forms, anchor) in glossary.terms where !linked.contains(anchor) {
                for form in forms {
                    for i in words.indices where i + form.count <= words.count {
                        guard (0..<form.count).allSatisfy({ words[i + $0].word == form[$0] }) else { continue }
                        if best == nil || i < best!.index || (i == best!.index && form.count > best!.length) {
                            best = (i, form.count, anchor)
                        }
                        break
                    }
                }
            }
            guard let match = best else { return }
            linked.insert(match.anchor)
            let bytes = Array(literal.utf8)
            let start = words[match.index].start
            let end = words[match.index + match.length - 1].end
            let before = String(decoding: bytes[..<start], as: UTF8.self)
            let term = String(decoding: bytes[start..<end], as: UTF8.self)
            let after = String(decoding: bytes[end...], as: UTF8.self)
            cmark_node_set_literal(textNode, before)
            let href = glossary.pageURL + "#" + match.anchor
            guard let open = cmark_node_new(CMARK_NODE_HTML_INLINE), let word = cmark_node_new(CMARK_NODE_TEXT),
                  let close = cmark_node_new(CMARK_NODE_HTML_INLINE), let rest = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(open, "<a class=\"glossary-term\" href=\"\(href)\">")
            cmark_node_set_literal(word, term)
            cmark_node_set_literal(close, "</a>")
            cmark_node_set_literal(rest, after)
            cmark_node_insert_after(textNode, open)
            cmark_node_insert_after(open, word)
            cmark_node_insert_after(word, close)
            cmark_node_insert_after(close, rest)
            current = rest
        }
    }

    /// Each of `numbers` standing alone in the text (not inside a longer number or a word), outside
    /// headings, links and images, becomes `<a class="tel" href="tel:NUMBER">`.
    private static func linkNumbers(in document: OpaquePointer, _ numbers: [String]) {
        var texts: [OpaquePointer] = []
        var excluded = 0
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let excludes = type == CMARK_NODE_HEADING || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE
            if event == CMARK_EVENT_EXIT {
                if excludes { excluded -= 1 }
                continue
            }
            if excludes { excluded += 1 }
            if type == CMARK_NODE_TEXT, excluded == 0 { texts.append(node) }
        }
        let wanted = numbers.map { Array($0.utf8) }
        func isWordByte(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b >= 0x80 }
        for node in texts {
            var current: OpaquePointer? = node
            while let textNode = current, let literal = cmark_node_get_literal(textNode).map({ Array(String(cString: $0).utf8) }) {
                // The first wanted number that stands alone in this text.
                var found: (start: Int, end: Int)?
                var i = 0
                while i < literal.count, found == nil {
                    if i == 0 || !isWordByte(literal[i - 1]) {
                        for number in wanted where i + number.count <= literal.count && Array(literal[i..<(i + number.count)]) == number {
                            if i + number.count == literal.count || !isWordByte(literal[i + number.count]) { found = (i, i + number.count); break }
                        }
                    }
                    i += 1
                }
                guard let (start, end) = found,
                      let open = cmark_node_new(CMARK_NODE_HTML_INLINE), let digits = cmark_node_new(CMARK_NODE_TEXT),
                      let close = cmark_node_new(CMARK_NODE_HTML_INLINE), let rest = cmark_node_new(CMARK_NODE_TEXT) else { break }
                let number = String(decoding: literal[start..<end], as: UTF8.self)
                cmark_node_set_literal(textNode, String(decoding: literal[..<start], as: UTF8.self))
                cmark_node_set_literal(open, "<a class=\"tel\" href=\"tel:\(number)\">")
                cmark_node_set_literal(digits, number)
                cmark_node_set_literal(close, "</a>")
                cmark_node_set_literal(rest, String(decoding: literal[end...], as: UTF8.self))
                cmark_node_insert_after(textNode, open)
                cmark_node_insert_after(open, digits)
                cmark_node_insert_after(digits, close)
                cmark_node_insert_after(close, rest)
                current = rest
            }
        }
    }

    private static func html(of node: OpaquePointer, _ extensions: UnsafeMutablePointer<cmark_llist>?) -> String {
        guard let raw = cmark_render_html(node, CMARK_OPT_UNSAFE, extensions) else { return "" }
        defer { free(raw) }
        return String(cString: raw)
    }

    private static func stripHeadingTags(_ html: String, level: Int) -> String {
        var s = html.trimmingWhiteSpace
        let open = "<h\(level)>", close = "</h\(level)>"
        if s.hasPrefix(open) { s.removeFirst(open.count) }
        if s.hasSuffix(close) { s.removeLast(close.count) }
        return s
    }

    /// A readable id for a heading: lowercase words joined by hyphens ("Who can help?" -> "who-can-help").
    public static func slug(_ text: String) -> String {
        var result = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen && !result.isEmpty { result += "-" }
                result.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingHyphen = true
            }
        }
        return result.isEmpty ? "section" : result
    }

    static func uniqueID(_ base: String, _ used: inout Set<String>) -> String {
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
