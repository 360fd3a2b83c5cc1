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

    /// What a page's own findings are made from: its links and headings (the preview's memo
    /// gives them back while these are unchanged).
    struct PageKey: Equatable, Sendable {
        var file: String
        var links: [PageFacts.Link]
        var headings: [MarkdownHeading]
    }

    /// A page's own findings, and its links to an anchor of a page of this site (checked
    /// against the other pages' headings at every run).
    struct PageFindings: Sendable {
        var diagnostics: [Diagnostic]
        var anchorLinks: [PageFacts.Link]
    }

    static func check(facts: [PageFacts], memo: (any Memo)? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Each page's headings, by address, made only when a link points at an anchor (a large
        // site has thousands of pages and few such links).
        var headingsByPage: [String: [MarkdownHeading]]?
        for page in facts {
            let found = remembered(memo, .linkFindings, page.page.outputPath,
                                   madeFrom: PageKey(file: page.file, links: page.links, headings: page.headings)) {
                PageFindings(diagnostics: ownProblems(page),
                             anchorLinks: page.links.filter { link in
                                 link.target != nil && link.fragment.map { !BodyConverter.templateIDs.contains($0) } ?? false
                             })
            }
            diagnostics += found.diagnostics
            for link in found.anchorLinks {
                guard let fragment = link.fragment, let target = link.target else { continue }
                if headingsByPage == nil {
                    var all: [String: [MarkdownHeading]] = [:]
                    all.reserveCapacity(facts.count)
                    for page in facts { all[page.page.outputPath] = page.headings }
                    headingsByPage = all
                }
                guard let headings = headingsByPage?[target.outputPath], !headings.contains(where: { $0.id == fragment }) else { continue }
                let known = Set(headings.map(\.id)).sorted().prefix(8).joined(separator: ", ")
                diagnostics.append(.error("there is no heading `#\(fragment)` on /\(target.urlPath)\(known.isEmpty ? "" : "; its headings: \(known)")",
                                          at: link.location, rule: "link.anchor"))
            }
        }
        return diagnostics
    }

    /// A page's findings that need no other page: link text, alt text and heading levels.
    static func ownProblems(_ page: PageFacts) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
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
        return diagnostics
    }
}
