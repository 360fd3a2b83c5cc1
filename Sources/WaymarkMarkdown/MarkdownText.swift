// Plain text out of cmark's tree: a paragraph or cell as one line of words, for the checks and
// search, and the line a node starts on.

import CCmarkGFM
import Foundation

extension Markdown {
    /// The text on one line: line breaks become spaces, runs of them one space, spaces at the ends
    /// removed. On bytes: it runs for every paragraph of every page.
    static func oneLine(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingBreak = false
        for byte in text.utf8 {
            if byte == 0x0A {
                pendingBreak = true
                continue
            }
            if pendingBreak {
                if !out.isEmpty { out.append(0x20) }
                pendingBreak = false
            }
            out.append(byte)
        }
        // Spaces and tabs at either end.
        var lower = 0, upper = out.count
        while lower < upper, out[lower] == 0x20 || out[lower] == 0x09 { lower += 1 }
        while upper > lower, out[upper - 1] == 0x20 || out[upper - 1] == 0x09 { upper -= 1 }
        return String(decoding: out[lower..<upper], as: UTF8.self)
    }

    /// The words of a node's inlines: text and code as written, line breaks as spaces.
    static func inlineText(of node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(child) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// The text of a node's inlines as cmark-gfm's plain-text renderer gives it (text and code as
    /// written, a line break between lines, `~` on each side of struck-through text), up to the
    /// line breaks at its ends, which every caller trims. Gathered by a walk of the tree: the
    /// renderer, run for every paragraph, link and heading and every list item's lead-in, was
    /// a seventh of a large site's build (it re-encodes every character one at a time).
    /// `plainTextMatchesCmark` in the tests holds the two to the same words on every shipped file.
    static func plainText(of node: OpaquePointer) -> String {
        var bytes: [UInt8] = []
        var pendingBreak = false
        // In a heading, cmark's renderer writes a soft line break as a space (a hard one stays a break).
        var inHeading = false
        func put(_ literal: UnsafePointer<CChar>) {
            if pendingBreak {
                if !bytes.isEmpty && bytes.last != 0x0A { bytes.append(0x0A) }
                pendingBreak = false
            }
            var next = literal
            while next.pointee != 0 {
                bytes.append(UInt8(bitPattern: next.pointee))
                next += 1
            }
        }
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if event == CMARK_EVENT_ENTER, let literal = cmark_node_get_literal(child) { put(literal) }
            case CMARK_NODE_SOFTBREAK:
                if event == CMARK_EVENT_ENTER {
                    if inHeading { " ".withCString(put) } else { pendingBreak = true }
                }
            case CMARK_NODE_LINEBREAK:
                if event == CMARK_EVENT_ENTER { pendingBreak = true }
            case CMARK_NODE_HEADING:
                inHeading = event == CMARK_EVENT_ENTER
            case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_HTML_INLINE,
                 CMARK_NODE_PARAGRAPH:
                continue
            default:
                if let name = cmark_node_get_type_string(child), strcmp(name, "strikethrough") == 0 { "~".withCString(put) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// For the tests: the text of every paragraph, heading, link and picture of `markdown`, by
    /// `plainText(of:)` and by cmark-gfm's own plain-text renderer, each trimmed as its callers trim.
    static func plainTextBothWays(_ markdown: String) -> [(ours: String, cmark: String)] {
        guard let (parser, document) = parse(markdown, options: CMARK_OPT_UNSAFE) else { return [] }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        var pairs: [(String, String)] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                guard let raw = cmark_render_plaintext(node, CMARK_OPT_DEFAULT, 0) else { continue }
                let theirs = String(cString: raw)
                free(raw)
                let ours = plainText(of: node)
                pairs.append((oneLine(ours), oneLine(theirs)))
                pairs.append((ours.trimmingCharacters(in: .whitespacesAndNewlines), theirs.trimmingCharacters(in: .whitespacesAndNewlines)))
            default:
                continue
            }
        }
        return pairs
    }

    /// For a paragraph inside a list item: the paragraph just before the nearest list around it
    /// (its lead-in sentence), if there is one.
    static func listLeadInParagraph(of paragraph: OpaquePointer) -> OpaquePointer? {
        var node = cmark_node_parent(paragraph)
        while let current = node {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_LIST:
                guard let previous = cmark_node_previous(current), cmark_node_get_type(previous) == CMARK_NODE_PARAGRAPH else { return nil }
                return previous
            case CMARK_NODE_ITEM:
                node = cmark_node_parent(current)
            default:
                return nil
            }
        }
        return nil
    }

    /// Inline nodes carry no position of their own in every cmark version: use the nearest block's.
    static func blockLine(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 { return line }
            current = cmark_node_parent(n)
        }
        return 1
    }

}
