// The compiled renderer (Render/CompiledTemplate.swift) against swift-mustache, the oracle: the
// same bytes for Mustache's every rule the templates lean on (whitespace of standalone tags,
// indented partials, layouts and blocks, escaping, lookups up the sections), for the whole
// shipped site in every language, and swift-mustache still rendering what it alone reads.

import Foundation
import Mustache
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

/// Test views: a person with friends, a pet and values of each kind a view can hold.
private struct Person: TemplateView {
    var name: String
    var nick: String?
    var age: Int
    var admin: Bool
    var friends: [Person] = []
    var pet: Pet?
    static let keys: TemplateKeys<Self> = [
        "name": .value(\.name), "nick": .value(\.nick), "age": .value(\.age), "admin": .value(\.admin),
        "friends": .list(\.friends), "pet": .view(\.pet),
    ]
}

private struct Pet: TemplateView {
    var kind: String
    var tricks: [Trick]
    static let keys: TemplateKeys<Self> = ["kind": .value(\.kind), "tricks": .list(\.tricks)]
}

private struct Trick: TemplateView {
    var trick: String
    static let keys: TemplateKeys<Self> = ["trick": .value(\.trick)]
}

/// A view whose missing keys are answered by an outer one, as a page's are by its chrome.
private struct Page: TemplateView {
    var title: String
    var person: Person
    static let keys: TemplateKeys<Self> = ["title": .value(\.title)]
    static var outerType: (any TemplateView.Type)? { Person.self }
    var outer: (any TemplateView)? { person }
}

@Suite struct CompiledTemplateTests {
    private static let ann = Person(
        name: "Ann <\"A\"> & 'co'", nick: nil, age: 0, admin: true,
        friends: [Person(name: "Bo", nick: "B", age: 15, admin: false),
                  Person(name: "Cy", age: 12, admin: false, pet: Pet(kind: "cat", tricks: [Trick(trick: "sit")]))],
        pet: Pet(kind: "dog & cat", tricks: [Trick(trick: "roll"), Trick(trick: "<beg>")]))
    private static let loner = Person(name: "Di", age: 19, admin: false)

    /// Renders `main` (with the other templates as its partials) both ways.
    private func both(_ templates: [String: String], _ view: any TemplateView) throws -> (compiled: String?, oracle: String?) {
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in templates {
            library.register(try MustacheTemplate(string: text), named: name)
            compiled[name] = try CompiledTemplate(text)
        }
        return (CompiledLibrary(templates: compiled).render(view, template: "main"), library.render(view, withTemplate: "main"))
    }

    static let cases: [(String, [String: String])] = [
        ("values and escaping", ["main": "Hi {{name}}, {{{name}}}, {{& name }}! {{age}} {{admin}} [{{nope}}] [{{nick}}] [{{pet.kind}}] [{{pet.nope}}] [{{nope.deeper}}]\n"]),
        ("lists and standalone lines", ["main": "<ul>\n  {{#friends}}\n  <li>{{name}} ({{age}})</li>\n  {{/friends}}\n</ul>\n{{^friends}}\nnobody\n{{/friends}}\n"]),
        ("inverted, flags, numbers, the current value",
         ["main": "{{^admin}}not admin{{/admin}}{{#admin}}admin{{/admin}} {{^nick}}no nick{{/nick}} {{#age}}[{{.}}]{{/age}} {{#name}}<{{.}}>{{/name}} {{^nope}}none{{/nope}}\n"]),
        ("lookups climb the sections; `.name` does not",
         ["main": "{{#pet}}{{kind}} of {{name}} [{{.name}}] {{#tricks}}{{trick}}/{{kind}}/{{name}} {{/tricks}}{{/pet}}\n{{#friends}}{{name}}:{{#pet}}{{kind}}{{/pet}}{{^pet}}no pet{{/pet}} {{/friends}}\n"]),
        ("comments alone, inline and after text", ["main": "a\n  {{! a note }}\nb {{! x }} c\n  {{! one }} d\n{{!\nlong\n}}\ne\n"]),
        ("an indented partial, nested", ["main": "<div>\n  {{> item}}\n  <p>after</p>\n</div>\n", "item": "<p>\n{{name}}\n</p>\n{{#friends}}\n  {{> friend}}\n{{/friends}}\n", "friend": "<i>\n{{name}}\n</i>\n"]),
        ("a partial inside a line", ["main": "a {{> item}} b\n  {{> item}} c\n", "item": "[{{name}}]\n[{{age}}]"]),
        ("a layout with blocks", [
            "main": "{{<layout}}\n{{$title}}T: {{name}}{{/title}}\n  {{$main}}\n    <p>{{name}}</p>\n    {{#friends}}\n      <li>{{name}}</li>\n    {{/friends}}\n  {{/main}}\n{{/layout}}\n",
            "layout": "<html>\n<title>{{$title}}Default{{/title}}</title>\n<body>\n    {{$main}}{{/main}}\n  {{$help}}{{> footer}}{{/help}}\n</body>\n  {{> footer}}\n",
            "footer": "<footer>\n{{#pet}}\n{{kind}}\n{{/pet}}\n</footer>\n"]),
        ("a layout filled inside a section", ["main": "{{#friends}}\n{{<box}}{{$body}}<b>{{name}}</b>{{/body}}{{/box}}\n{{/friends}}\n", "box": "[\n  {{$body}}empty{{/body}}\n]\n"]),
        ("Windows line endings", ["main": "<ul>\r\n  {{#friends}}\r\n  <li>{{name}}</li>\r\n  {{/friends}}\r\n</ul>\r\n  {{> item}}\r\n", "item": "a\r\n{{name}}\r\nb\r\n"]),
        ("a section that opens alone and closes inline", ["main": "{{#admin}}\nx{{/admin}}{{#admin}}\ny\n{{/admin}}\nz\n"]),
        ("stray braces and trailing space", ["main": "a { b } {{name}}} }} {x{ \n  \t"]),
        ("views and lists printed as values", ["main": "{{#pet}}{{tricks}}{{/pet}} {{^friends}}{{.}}{{/friends}}\n"]),
    ]

    @Test(arguments: 0..<cases.count) func rendersAsSwiftMustacheDoes(_ index: Int) throws {
        let (name, templates) = Self.cases[index]
        for view in [Self.ann, Self.loner] as [any TemplateView] {
            let (compiled, oracle) = try both(templates, view)
            #expect(compiled != nil)
            #expect(compiled == oracle, "\(name): compiled \(String(describing: compiled)) vs swift-mustache \(String(describing: oracle))")
        }
    }

    @Test func aViewsOuterViewAnswersWhatItLacks() throws {
        let page = Page(title: "<T>", person: Self.ann)
        let (compiled, oracle) = try both(["main": "{{title}} {{name}} {{#friends}}{{name}}:{{title}} {{/friends}}"], page)
        #expect(compiled == oracle)
        #expect(compiled == "&lt;T&gt; Ann &lt;&quot;A&quot;&gt; &amp; &#39;co&#39; Bo:&lt;T&gt; Cy:&lt;T&gt; ")
    }

    @Test func mustacheItDoesNotReadIsLeftToSwiftMustache() throws {
        for text in ["{{=<% %>=}}<% name %>", "{{%CONTENT_TYPE: TEXT}}{{name}}", "{{uppercased(name)}}", "{{>*name}}"] {
            #expect(throws: CompiledTemplate.Unsupported.self) { try CompiledTemplate(text) }
        }
        // A site whose template sets delimiters still builds, through swift-mustache, and says the same.
        var tree = Fixture.templates
        tree.files["404.mustache"] = Array("{{=<% %>=}}<%<layout%>\n<%$main%><p><%site.title%></p><%/main%>\n<%/layout%>\n".utf8)
        let (set, diagnostics) = TemplateSet.load(tree)
        #expect(!diagnostics.hasErrors)
        #expect(set?.isCompiled() == false)
        let (site, _) = Fixture.build([:], templates: tree)
        #expect(Fixture.html(site, "404.html").contains("<p>Test Site</p>"))
    }

    @Test func theShippedTemplatesAreAllCompiledInEveryLanguage() throws {
        let languages = ["cy", "ur"]
        let (set, _) = TemplateSet.load(Fixture.templates, translations: languages.map { Language(code: $0, name: $0, englishName: $0) })
        #expect(set?.isCompiled() == true)
        for code in languages { #expect(set?.isCompiled(code) == true, "\(code)") }
    }

    /// The oracle on everything the shipped content makes, drafts of both translations included:
    /// every page kind, partial, worksheet element and stylesheet.
    @Test func theShippedSiteIsByteIdenticalWithEitherEngine() throws {
        let content = try #require(try FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path,
                                                     displayRoot: "Content"))
        func build(_ engine: TemplateEngine) -> RenderedSite? {
            Builder.run(content: content, templates: Fixture.templates, today: Day.today(),
                        settings: RenderSettings(pdfLinks: true, engine: engine), plan: PlanOptions(includeDrafts: true)).site
        }
        let compiled = try #require(build(.compiled))
        let oracle = try #require(build(.swiftMustache))
        #expect(compiled.files.count > 400)
        #expect(compiled.files.keys.sorted() == oracle.files.keys.sorted())
        let different = compiled.files.keys.sorted().filter { compiled.files[$0] != oracle.files[$0] }
        #expect(different.isEmpty, "\(different.count) files differ, first: \(different.prefix(5))")
    }
}
