// Render stage: templates (their errors, their keys, escaping) and the pages they make.

import Testing
@testable import WaymarkCore
@testable import WaymarkModel
@testable import WaymarkMarkdown

@Suite struct EscapingTests {
    @Test func titlesAndEveryFrontMatterValueAreEscaped() {
        let evil = "<script>alert(1)</script> & \\\"x\\\""
        let module = "---\ntitle: \"\(evil)\"\nsummary: \"<img src=x onerror=alert(1)>\"\ncontent_note: \"<b>note</b>\"\n---\nBody\n"
        let (site, diagnostics) = Fixture.build(["modules/m.md": module])
        #expect(!diagnostics.hasErrors)
        let page = Fixture.html(site, "young-people/protection/11-13/m/index.html")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;b&gt;note&lt;/b&gt;"))
        let index = Fixture.html(site, "young-people/protection/11-13/index.html")
        #expect(index.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!index.contains("<img"))
    }
}

@Suite struct TemplateTests {
    var templates: FileTree { Fixture.templates }

    @Test func aMissingPartialNamesTheTemplateAndLine() {
        var t = templates
        t.files["page.mustache"] = Array("{{<layout}}\n{{$main}}\n{{> partials/nope}}\n{{/main}}\n{{/layout}}\n".utf8)
        let (site, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: P\n---\n"], templates: t)
        #expect(site == nil)
        let d = Fixture.errors(diagnostics)
        #expect(d.count == 1)
        #expect(d[0].location == SourceLocation(file: "Templates/page.mustache", line: 3, column: 1))
        #expect(d[0].message.contains("partials/nope"))
    }

    @Test func aTemplateSyntaxErrorHasItsLine() {
        var t = templates
        t.files["404.mustache"] = Array("<p>\n{{#open}}\nnever closed\n".utf8)
        let (_, diagnostics) = Fixture.build([:], templates: t)
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["template.syntax"])
        #expect(d[0].location.file == "Templates/404.mustache")
    }

    @Test func anUnclosedSectionIsReportedWhereItOpensWithItsName() {
        var t = templates
        t.files["404.mustache"] = Array("<p>\n  {{#open}}\nnever closed\n".utf8)
        let d = Fixture.errors(Fixture.build([:], templates: t).1)
        #expect(d.map(\.location) == [SourceLocation(file: "Templates/404.mustache", line: 2, column: 3)])
        #expect(d.first?.message == "the section `{{#open}}` that starts here is never closed: add `{{/open}}` where it should end")
    }

    @Test func aSectionClosedOutOfOrderNamesTheOneStillOpen() {
        var t = templates
        t.files["404.mustache"] = Array("{{#a}}\n{{^b}}\n{{/a}}\n{{/b}}\n".utf8)
        let d = Fixture.errors(Fixture.build([:], templates: t).1)
        #expect(d.map(\.location) == [SourceLocation(file: "Templates/404.mustache", line: 3, column: 1)])
        #expect(d.first?.message.contains("the section open at this point is `{{^b}}` (line 2, column 1)") == true)
        // Triple braces and comments are not sections.
        t.files["404.mustache"] = Array("{{! a {{#note}} }}{{{raw}}}<p>{{#x}}y{{/x}}</p>\n".utf8)
        #expect(!Fixture.build([:], templates: t).1.contains { $0.rule == "template.syntax" })
    }

    @Test func aBrokenTemplateDoesNotHideTheContentsProblems() {
        var t = templates
        t.files["module.mustache"] = (t.files["module.mustache"] ?? []) + Array("{{#broken}}\n".utf8)
        let lines = String(decoding: t.files["module.mustache"] ?? [], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let hard = String(repeating: "Notwithstanding considerable organisational complexities, practitioners systematically "
                                     + "investigate interdisciplinary safeguarding responsibilities. ", count: 4)
        let page = "---\ntitle: P\n---\nThey were putting themselves at risk. Call 0800 1111.\n\n"
            + "See [the rules](nowhere.md) and [the top](#no-such-heading).\n\n\(hard)\n"
        let diagnostics = Fixture.build(["pages/p.md": page, "language.yml": Fixture.languageYML], templates: t).1
        // The template's error, where its section opened...
        #expect(diagnostics.contains { $0.rule == "template.syntax"
            && $0.location == SourceLocation(file: "Templates/module.mustache", line: lines.count - 1, column: 1) },
                "\(diagnostics.filter { $0.rule.hasPrefix("template") })")
        // ...and every finding about the content, each at its line, although no page could be made.
        let file = "Content/pages/p.md"
        #expect(diagnostics.contains { $0.rule == "language.putting-themselves-at-risk" && $0.location.line == 4 })
        #expect(diagnostics.contains { $0.rule == "signpost.number" && $0.location == SourceLocation(file: file, line: 4, column: 44) })
        #expect(diagnostics.contains { $0.rule == "link.broken" && $0.location == SourceLocation(file: file, line: 6, column: 17) })
        #expect(diagnostics.contains { $0.rule == "link.anchor" && $0.location == SourceLocation(file: file, line: 6, column: 43) })
        #expect(diagnostics.contains { $0.rule == "readability.grade" && $0.location == SourceLocation(file: file, line: 8, column: 1) })
    }

    @Test func aMissingRequiredTemplateIsAnError() {
        var t = templates
        t.files["module.mustache"] = nil
        let (_, diagnostics) = Fixture.build([:], templates: t)
        #expect(Fixture.errors(diagnostics).map(\.location.file) == ["Templates/module.mustache"])
    }

    @Test func everyPageHasTheExitControlHelpBoxAndSkipLink() {
        let (built, diagnostics) = Fixture.build(LinkTests.files)
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        guard let site = built else { return }
        let pages = site.files.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 20)
        for path in pages {
            let html = Fixture.html(site, path)
            #expect(html.contains("href=\"https://www.bbc.co.uk/weather\" rel=\"nofollow noreferrer\""), "\(path)")
            #expect(html.contains("class=\"help-box\""), "\(path)")
            #expect(html.contains("class=\"skip-link\" href=\"#main\""), "\(path)")
            #expect(html.contains("Content-Security-Policy"), "\(path)")
        }
        #expect(Fixture.html(site, "young-people/protection/11-13/a/index.html").contains("tel:08001111"))
        // The emergency number comes first in every help box, and at the top of the help page.
        #expect(Fixture.html(site, "young-people/protection/11-13/a/index.html").contains("<p class=\"emergency\">In danger now? Call <a class=\"helpline-phone\" href=\"tel:999\">999</a></p>"))
        let help = Fixture.main(site, "help/index.html")
        #expect(help.range(of: "emergency-top")!.lowerBound < help.range(of: "<div class=\"content\">")!.lowerBound)
        #expect(Fixture.html(site, "parents-and-carers/p/index.html").contains("tel:08088005000"))
    }

    @Test func withoutAnEmergencyNumberThereIsNoEmptyPhoneLink() throws {
        let yml = String(Fixture.siteYML[..<Fixture.siteYML.range(of: "emergency:")!.lowerBound])
        #expect(!yml.contains("emergency"))
        let (site, _) = Fixture.build(LinkTests.files, siteYML: yml)
        for path in ["help/index.html", "young-people/protection/11-13/a/index.html"] {
            let html = Fixture.html(site, path)
            #expect(!html.contains("href=\"tel:\""), "\(path)")
            #expect(!html.contains("class=\"emergency"), "\(path)")
        }
    }

    @Test func theNotFoundPageUsesAddressesFromTheSiteRoot() {
        let (site, _) = Fixture.build(LinkTests.files)
        let page = Fixture.html(site, "404.html")
        #expect(page.contains("href=\"/assets/site.css\""))
        #expect(page.contains("href=\"/help/\""))
    }

    @Test func sitemapListsPagesAndCanBeTurnedOff() {
        let (site, _) = Fixture.build(LinkTests.files)
        let sitemap = Fixture.html(site, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/young-people/recovery/17-19/a/</loc>"))
        #expect(!sitemap.contains("404"))
        let (privateSite, _) = Fixture.build(LinkTests.files, siteYML: Fixture.siteYML + "\nsitemap: false\n")
        #expect(privateSite?.files["sitemap.xml"] == nil)
        #expect(privateSite?.files["index.html"] != nil)
    }
}

@Suite struct TemplateKeyTests {
    func warnings(_ change: (inout FileTree) -> Void) -> [Diagnostic] {
        var templates = Fixture.templates
        change(&templates)
        return Fixture.build([:], templates: templates).1.filter { $0.rule == "template.key" }
    }

    func append(_ text: String, to name: String, in tree: inout FileTree) {
        tree.files[name + ".mustache"] = (tree.files[name + ".mustache"] ?? []) + Array(text.utf8)
    }

    @Test func theShippedTemplatesNameOnlyKeysTheirViewsHave() {
        #expect(warnings { _ in }.isEmpty)
        // Every page kind's template is checked (the list names each one, and each exists).
        let names = Set(PageRenderer.templates.map(\.template))
        #expect(names.isSuperset(of: TemplateSet.required))
    }

    @Test func aMisspeltKeyIsFoundWhereItIsWritten() throws {
        let lines = String(decoding: Fixture.templates.files["module.mustache"] ?? [], as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).count
        let found = warnings { append("<p>{{page.titel}} {{#otherTiers}}{{label}}{{/otherTiers}} {{label}}</p>\n", to: "module", in: &$0) }
        // `page.titel` is not a key of the page's front matter; `label` is one of each other tier,
        // but not of the page itself.
        #expect(found.map(\.location) == [SourceLocation(file: "Templates/module.mustache", line: lines, column: 4),
                                          SourceLocation(file: "Templates/module.mustache", line: lines, column: 59)],
                "\(found)")
        #expect(found.first?.message.contains("`page.titel`") == true)
    }

    @Test func partialsAndTheLayoutAreReadWithThePageThatIncludesThem() {
        let found = warnings { append("{{#helplines}}{{nmae}}{{/helplines}}\n", to: "partials/help-box", in: &$0) }
        #expect(!found.isEmpty && found.allSatisfy { $0.location.file == "Templates/partials/help-box.mustache" }, "\(found)")
        // A key of the chrome is fine on every page; a key of one page is not in the layout.
        #expect(warnings { append("{{searchURL}}\n", to: "layout", in: &$0) }.isEmpty)
        #expect(!warnings { append("{{overviewURL}}\n", to: "layout", in: &$0) }.isEmpty)
    }
}
