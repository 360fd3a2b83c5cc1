// Links, pictures and headings in each page's Markdown: anchors that lead nowhere, link text that
// says nothing out of context ("click here"), pictures without alt text, and headings that skip a level.

import Foundation

enum LinkRules {
    /// Link text that tells a screen-reader user, who may list the links on a page, nothing.
    static let vagueTexts: Set<String> = ["click here", "here", "click", "this link", "link", "read more", "more",
                                          "this page", "this", "go", "find out more"]

    static func check(facts: [PageFacts]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var idsByPage: [String: Set<String>] = [:]
        for page in facts {
            idsByPage[page.page.outputPath] = Set(page.headings.map(\.id)).union(PageRenderer.templateIDs)
        }
        for page in facts {
            for link in page.links {
                let text = link.text.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
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
                if let fragment = link.fragment, let target = link.target, let ids = idsByPage[target.outputPath],
                   !ids.contains(fragment) {
                    let known = ids.subtracting(PageRenderer.templateIDs).sorted().prefix(8).joined(separator: ", ")
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
