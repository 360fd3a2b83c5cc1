// The site's Mustache templates and static assets, read from the templates folder and checked
// before anything renders: a template that cannot be parsed, a required template that is missing,
// or a partial that does not exist is a diagnostic naming the template and the line.

import Foundation
import Mustache
import WaymarkModel

public struct TemplateSet: Sendable {
    /// The templates compiled for each language, by language code: the same templates with that
    /// language's interface strings put in.
    let libraries: [String: MustacheLibrary]
    /// The same templates compiled for the renderer bound to the typed views (CompiledTemplate.swift),
    /// by language code; a language is missing when one of its templates uses Mustache that
    /// renderer does not read, and swift-mustache renders its pages.
    let compiled: [String: CompiledLibrary]
    /// The interface strings of each language, by code (the source language's strings, for a
    /// language without a strings file).
    public let strings: [String: InterfaceStrings]
    /// The code of the site's own language, whose templates serve any code not listed.
    let sourceCode: String
    /// Files under `assets/`, copied to the site's `assets/` as they are (CSS, JavaScript, icons).
    public let assets: [String: [UInt8]]
    /// Files under `static/`, copied to the root of the site as they are (`_headers` for hosts).
    public let staticFiles: [String: [UInt8]]
    /// Each template's text as written, and its file as shown in diagnostics, by name (for the key check).
    let sources: [String: (file: String, text: String)]

    /// Page templates the builder renders; each must exist.
    public static let required = ["home", "young-people", "variant-index", "module", "module-overview",
                                  "parents-index", "parents-page", "page", "professionals", "words-matter", "coverage", "404",
                                  "facilitators", "worksheet", "session", "pack", "room", "kit", "print.css", "glossary", "search",
                                  "partials/take-a-break", "partials/now", "partials/more", "partials/activity", "partials/coverage-module"] + PrintElement.names.map { "partials/print/" + $0 }

    /// - Parameters:
    ///   - source: the site's own language; its strings file (`strings/en-GB.yml` or
    ///     `strings/en.yml`) must exist.
    ///   - translations: the languages pages are translated into; each gets its own strings file,
    ///     and a string it lacks shows in the source language (with a warning).
    public static func load(_ tree: FileTree, source: Language = Language(code: "en-GB", name: "English", englishName: "English"),
                            translations: [Language] = []) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
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
            case .success(let text): texts[name] = (file, text)
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

        // Interface strings: the source language's file is required; a translation's is not.
        func stringsFile(for language: Language) -> String? {
            ["strings/\(language.code).yml", "strings/\(language.primaryCode).yml"].first { tree.files[$0] != nil }
        }
        func readStrings(_ path: String) -> InterfaceStrings {
            let file = tree.displayPath(path)
            switch TextDecoding.decode(tree.files[path]!, file: file) {
            case .failure(let d):
                diagnostics.append(d)
                return InterfaceStrings(file: file, entries: [:])
            case .success(let text):
                let (strings, found) = InterfaceStrings.load(text: text, file: file)
                diagnostics += found
                return strings
            }
        }
        let sourceStrings: InterfaceStrings
        if let path = stringsFile(for: source) {
            sourceStrings = readStrings(path)
        } else {
            sourceStrings = InterfaceStrings(file: tree.displayPath("strings/\(source.primaryCode).yml"), entries: [:])
            if texts.values.contains(where: { $0.text.contains("{{t.") }) {
                diagnostics.append(.error("the templates use interface strings, but there is no strings/\(source.code).yml or strings/\(source.primaryCode).yml for the site's language",
                                          at: SourceLocation(file: sourceStrings.file), rule: "strings.missing"))
            }
        }
        var strings: [String: InterfaceStrings] = [source.code: sourceStrings]
        for language in translations {
            if let path = stringsFile(for: language), path != stringsFile(for: source) {
                let translated = readStrings(path)
                diagnostics += translated.problems(against: sourceStrings, language: language)
                strings[language.code] = translated
            } else {
                diagnostics.append(.warning("there is no strings/\(language.code).yml: pages in \(language.englishName) show the interface (menus, help box, exit control) in English",
                                            at: SourceLocation(file: tree.displayPath("strings/\(language.code).yml")),
                                            rule: "translation.missing-string"))
                strings[language.code] = InterfaceStrings(file: sourceStrings.file, entries: [:])
            }
        }

        // One library per language. Unknown string keys are reported once, for the source.
        var libraries: [String: MustacheLibrary] = [:]
        var compiled: [String: CompiledLibrary] = [:]
        for language in [source] + translations {
            var library = MustacheLibrary()
            var compiledTemplates: [String: CompiledTemplate]? = [:]
            let mine = strings[language.code]!
            for name in texts.keys.sorted() {
                let (file, text) = texts[name]!
                let isCSS = name.hasSuffix(".css")
                let (localised, problems) = InterfaceStrings.localise(text, file: file, strings: mine, fallback: sourceStrings,
                                                                      escape: { isCSS ? TemplateSet.escapeCSS($0) : InterfaceStrings.escapeHTML($0) })
                if language == source { diagnostics += problems }
                // Sections that are not closed, or closed in the wrong order, are found here with the
                // place each opened: the parser only says where it gave up (the file's end).
                if language == source {
                    let sections = TemplateSet.sectionProblems(text, file: file)
                    if !sections.isEmpty { diagnostics += sections; continue }
                } else if diagnostics.contains(where: { $0.location.file == file && $0.rule == "template.syntax" }) {
                    continue
                }
                do {
                    library.register(try MustacheTemplate(string: localised), named: name)
                    // One template the compiled renderer does not read leaves the language to swift-mustache.
                    if compiledTemplates != nil, let compiledTemplate = try? CompiledTemplate(localised) {
                        compiledTemplates?[name] = compiledTemplate
                    } else {
                        compiledTemplates = nil
                    }
                } catch let error as MustacheTemplate.ParserError {
                    // Strings never add lines, so the position is the template's own.
                    if language == source || !diagnostics.contains(where: { $0.location.file == file }) {
                        diagnostics.append(.error("the template cannot be read: \(TemplateSet.explain(error.error))",
                                                  at: SourceLocation(file: file, line: error.context.lineNumber,
                                                                     column: error.context.columnNumber),
                                                  rule: "template.syntax"))
                    }
                } catch {
                    diagnostics.append(.error("the template cannot be read: \(error)", at: SourceLocation(file: file),
                                              rule: "template.syntax"))
                }
            }
            libraries[language.code] = library
            if let compiledTemplates { compiled[language.code] = CompiledLibrary(templates: compiledTemplates) }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(libraries: libraries, compiled: compiled, strings: strings, sourceCode: source.code, assets: assets,
                            staticFiles: staticFiles, sources: texts.mapValues { (file: $0.path, text: $0.text) }), diagnostics)
    }

    /// Text inside a CSS string ("..."): quotes and backslashes escaped.
    static func escapeCSS(_ text: Substring) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// A string in a language, falling back to the site's own language.
    public func string(_ key: String, language: String? = nil) -> String? {
        strings[language ?? sourceCode]?[key] ?? strings[sourceCode]?[key]
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

    /// Renders a template in a language (the site's own language when nil).
    func render(_ name: String, _ view: any TemplateView, language: String? = nil) -> String? {
        let code = language.flatMap { libraries[$0] == nil ? nil : $0 } ?? sourceCode
        if let library = compiled[code] { return library.render(view, template: name) }
        return libraries[code]?.render(view, withTemplate: name)
    }

    /// The same templates, rendered by swift-mustache alone (`--template-engine swift-mustache`).
    var withoutCompiled: TemplateSet {
        TemplateSet(libraries: libraries, compiled: [:], strings: strings, sourceCode: sourceCode, assets: assets,
                    staticFiles: staticFiles, sources: sources)
    }

    /// Whether a language's pages are rendered by the compiled renderer (nil: the site's own).
    func isCompiled(_ language: String? = nil) -> Bool { compiled[language ?? sourceCode] != nil }
}

extension TemplateSet {
    /// Section tags that do not pair up: `{{#name}}`, `{{^name}}`, `{{$name}}` and `{{<name}}`
    /// open a section that `{{/name}}` closes. Each problem is reported where it is, in words an
    /// author who does not program can act on.
    static func sectionProblems(_ text: String, file: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var open: [(name: String, sigil: Character, line: Int, column: Int)] = []
        var line = 1, column = 1
        let characters = Array(text)
        var i = 0
        func advance(_ count: Int) {
            for _ in 0..<count where i < characters.count {
                if characters[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        while i < characters.count {
            guard characters[i] == "{", i + 1 < characters.count, characters[i + 1] == "{" else { advance(1); continue }
            let (tagLine, tagColumn) = (line, column)
            var j = i + 2
            let triple = j < characters.count && characters[j] == "{"
            while j + 1 < characters.count, !(characters[j] == "}" && characters[j + 1] == "}") { j += 1 }
            guard j + 1 < characters.count else {
                diagnostics.append(.error("this tag is never finished: every `{{` needs a `}}`", at: SourceLocation(file: file, line: tagLine, column: tagColumn),
                                          rule: "template.syntax"))
                break
            }
            let inside = String(characters[(i + 2)..<j]).trimmingCharacters(in: .whitespaces)
            let end = j + 2 + (triple && j + 2 < characters.count && characters[j + 2] == "}" ? 1 : 0)
            if !triple, let sigil = inside.first, "#^$</".contains(sigil) {
                let name = inside.dropFirst().trimmingCharacters(in: .whitespaces)
                if sigil == "/" {
                    if let top = open.last, top.name == name {
                        open.removeLast()
                    } else if let top = open.last {
                        diagnostics.append(.error("`{{/\(name)}}` is here, but the section open at this point is `{{\(top.sigil)\(top.name)}}` (line \(top.line), column \(top.column)): close that one first with `{{/\(top.name)}}`",
                                                  at: SourceLocation(file: file, line: tagLine, column: tagColumn), rule: "template.syntax"))
                        return diagnostics
                    } else {
                        diagnostics.append(.error("`{{/\(name)}}` closes a section that was never opened: remove it, or add `{{#\(name)}}` where the section starts",
                                                  at: SourceLocation(file: file, line: tagLine, column: tagColumn), rule: "template.syntax"))
                        return diagnostics
                    }
                } else {
                    open.append((name, sigil, tagLine, tagColumn))
                }
            }
            advance(end - i)
        }
        for section in open.reversed() {
            diagnostics.append(.error("the section `{{\(section.sigil)\(section.name)}}` that starts here is never closed: add `{{/\(section.name)}}` where it should end",
                                      at: SourceLocation(file: file, line: section.line, column: section.column), rule: "template.syntax"))
        }
        return diagnostics
    }

    /// The parser's reason, in words.
    static func explain(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing tag `{{/...}}` does not match the section it closes"
        case .unfinishedName?: return "a tag is not finished: every `{{` needs a `}}`"
        case .expectedSectionEnd?: return "a section is never closed with its `{{/...}}`"
        default: return "\(error)"
        }
    }
}
