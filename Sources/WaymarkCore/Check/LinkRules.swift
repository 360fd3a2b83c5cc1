// Links, pictures and headings in each page's Markdown: anchors that lead nowhere, link text that
// says nothing out of context ("click here"), pictures without alt text, and headings that skip a level.

import Foundation
import WaymarkMarkdown
import WaymarkModel

enum LinkRules {
    /// Link text that tells a screen-reader user, who may list the links on a page, nothing.
    static let vagueTexts: Set<String> = ["click here", "here", "click", "this link", "link", "read more", "more",
                                          "this page", "this", "go", "find out more"]

    /// Longer text is never one of `vagueTexts`: not worth lowercasing.
    static let longestVague = vagueTexts.map(\.utf8.count).max() ?? 0

    /// The words of a link's text, lowercased, without the punctuation and spaces around them.
    static func bareText(_ text: String) -> String {
        guard text.utf8.count <= longestVague + 8 else {
            return text.contains { $0.isLetter || $0.isNumber } ? text : ""
        }
        let keep = { (c: Character) in !(c.isPunctuation || c.isWhitespace) }
        guard let first = text.firstIndex(where: keep), let last = text.lastIndex(where: keep) else { return "" }
        return text[first...last].lowercased()
    }

    static func check(facts: [PageFacts]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Each page's headings, kept as they are (a large site has thousands of pages; no sets
        // are built for pages no anchor points at).
        var headingsByPage: [String: [MarkdownHeading]] = [:]
        headingsByPage.reserveCapacity(facts.count)
        for page in facts { headingsByPage[page.page.outputPath] = page.headings }
        for page in facts {
            for link in page.links {
                let text = bareText(link.text)
                if link.isImage {
                    if text.isEmpty {
                        diagnostics.append(.error("this picture has no alt text: describe it in the brackets, ![like this](...)",
                                                  at: link.location, rule: "image.alt"))
                    }
                } else if text.isEmpty {
                    diagnostics.append(.error("this link has no text: say where it goes", at: link.location, rule: "link.text"))
                } else if vagueTexts.contains(text) {
                    diagnostics.append(.warning("the link text “\(link.text)” does not say where it goes: name the page instead",
                                                at: link.location, rule: "link.text"))
                }
                if let fragment = link.fragment, let target = link.target, let headings = headingsByPage[target.outputPath],
                   !BodyConverter.templateIDs.contains(fragment), !headings.contains(where: { $0.id == fragment }) {
                    let known = Set(headings.map(\.id)).sorted().prefix(8).joined(separator: ", ")
                    diagnostics.append(.error("there is no heading `#\(fragment)` on /\(target.urlPath)\(known.isEmpty ? "" : "; its headings: \(known)")",
                                              at: link.location, rule: "link.anchor"))
                }
            }
            var previous = 1
            for heading in page.headings {
                let at = SourceLocation(file: page.file, line: heading.line)
                if heading.level == 1 {
                    diagnostics.append(.warning("the page title is its only `#` heading: start headings at `##`",
                                                at: at, rule: "heading.order"))
                } else if heading.level > previous + 1 {
                    diagnostics.append(.warning("this heading skips a level (`\(String(repeating: "#", count: heading.level))` after `\(String(repeating: "#", count: previous))`): screen-reader users navigate by heading level",
                                                at: at, rule: "heading.order"))
                }
                previous = heading.level
            }
        }
        return diagnostics
    }
}
