// The site's Mustache templates and static assets, read from the templates folder and checked
// before anything renders: a template that cannot be parsed, a required template that is missing,
// or a partial that does not exist is a diagnostic naming the template and the line.

import Foundation
import Mustache

public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Files under `assets/`, copied to the site's `assets/` as they are (CSS, JavaScript, icons).
    public let assets: [String: [UInt8]]
    /// Files under `static/`, copied to the root of the site as they are (`_headers` for hosts).
    public let staticFiles: [String: [UInt8]]

    /// Page templates the builder renders; each must exist.
    public static let required = ["home", "young-people", "variant-index", "module", "module-overview",
                                  "parents-index", "parents-page", "page", "professionals", "words-matter", "coverage", "404",
                                  "facilitators", "worksheet", "session", "pack", "print.css", "glossary", "search",
                                  "partials/take-a-break"] + PrintElement.names.map { "partials/print/" + $0 }

    public static func load(_ tree: FileTree) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var library = MustacheLibrary()
        var texts: [String: (path: String, text: String)] = [:]
        var assets: [String: [UInt8]] = [:]
        var staticFiles: [String: [UInt8]] = [:]
        if tree.files.isEmpty {
            return (nil, [.error("the templates folder `\(tree.root)` is empty or missing: give its place with --templates",
                                 at: SourceLocation(file: tree.displayPath("layout.mustache")),
                                 rule: "template.missing")])
        }
        for path in tree.files.keys.sorted() {
            let bytes = tree.files[path]!
            if path.hasPrefix("assets/") {
                assets[String(path.dropFirst("assets/".count))] = bytes
                continue
            }
            if path.hasPrefix("static/") {
                staticFiles[String(path.dropFirst("static/".count))] = bytes
                continue
            }
            guard path.hasSuffix(".mustache") else { continue }
            let name = String(path.dropLast(".mustache".count))
            let file = tree.displayPath(path)
            switch TextDecoding.decode(bytes, file: file) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                texts[name] = (file, text)
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.append(.error("the template cannot be read: \(error.error)",
                                              at: SourceLocation(file: file, line: error.context.lineNumber,
                                                                 column: error.context.columnNumber),
                                              rule: "template.syntax"))
                } catch {
                    diagnostics.append(.error("the template cannot be read: \(error)", at: SourceLocation(file: file),
                                              rule: "template.syntax"))
                }
            }
        }
        for name in required where texts[name] == nil {
            diagnostics.append(.error("the template `\(name)` is missing: the builder needs it",
                                      at: SourceLocation(file: tree.displayPath(name + ".mustache")), rule: "template.missing"))
        }
        // The Mustache standard renders a missing partial as nothing; an author deserves an error.
        for name in texts.keys.sorted() {
            let (file, text) = texts[name]!
            for reference in partialReferences(in: text) where texts[reference.name] == nil {
                diagnostics.append(.error("the partial `\(reference.name)` does not exist (no \(tree.displayPath(reference.name + ".mustache")))",
                                          at: SourceLocation(file: file, line: reference.line, column: reference.column),
                                          rule: "template.missing-partial"))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: library, assets: assets, staticFiles: staticFiles), diagnostics)
    }

    /// `{{> name}}` and `{{< name}}` tags in a template, with their positions.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var line = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = lineText[...]
            while let open = rest.range(of: "{{") {
                let after = rest[open.upperBound...].drop { $0 == " " }
                guard let sigil = after.first, sigil == ">" || sigil == "<",
                      let close = after.range(of: "}}") else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = after[after.index(after: after.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                let column = lineText.distance(from: lineText.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { found.append((name, line, column)) }
                rest = after[close.upperBound...]
            }
            line += 1
        }
        return found
    }

    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}
