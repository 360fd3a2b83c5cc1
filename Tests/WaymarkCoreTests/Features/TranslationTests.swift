// Languages: translations under Content/translations/<code>/, interface strings per language,
// lang and dir, hreflang pairs and the switcher, drafts left out unless asked for, and
// translations that have fallen behind their English source.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

extension Fixture {
    static let languagesYML = siteYML + """

    languages:
      - code: cy
        name: Cymraeg
        english_name: Welsh
      - code: ur
        name: اردو
        english_name: Urdu
    """

    static let helpPage = "---\ntitle: Get help\nsummary: Who to talk to.\n---\nTalk to someone you trust. Read [staying safe](../modules/staying-safe.md).\n"
    static let stayingSafe = "---\ntitle: Staying safe\n---\nText for everyone.\n\n::: tier 14-16\nOnly for 14 to 16.\n:::\n"

    /// The fingerprint of a source file as the loader computes it.
    static func fingerprint(_ path: String, _ text: String) -> String {
        let (content, _) = ContentLoader.load(Fixture.content([path: text], siteYML: siteYML))
        return (content?.modules.first?.meta ?? content?.pages.first?.meta)?.fingerprint ?? ""
    }

    static func translation(_ title: String, status: String = "draft", source: String? = nil, extra: String = "",
                            body: String = "Testun.\n") -> String {
        let sourceLine = source.map { "  source: \($0)\n" } ?? ""
        return "---\ntitle: \(title)\n\(extra)translation:\n  status: \(status)\n  by: A Reviewer\n  date: 2026-11-20\n\(sourceLine)---\n\(body)"
    }

    /// Builds with translations, drafts included or not.
    static func translated(_ files: [String: String], includeDrafts: Bool = false, templates: FileTree = Fixture.templates,
                           siteYML: String = Fixture.languagesYML) -> BuildReport {
        Builder.run(content: content(files, siteYML: siteYML), templates: templates, today: Day("2026-11-29")!,
                    plan: PlanOptions(includeDrafts: includeDrafts))
    }

    /// The shipped templates with other strings files for the translations (nil: none).
    static func templates(strings: [String: String?]) -> FileTree {
        var tree = templates
        for (code, text) in strings { tree.files["strings/\(code).yml"] = text.map { Array($0.utf8) } }
        return tree
    }
}

@Suite struct TranslationTests {
    let help = Fixture.fingerprint("pages/help.md", Fixture.helpPage)

    @Test func draftsArePublishedOnlyWhenAskedFor() {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", source: help)]
        let live = Fixture.translated(files)
        #expect(live.site != nil)
        #expect(live.site?.files["cy/help/index.html"] == nil)
        #expect(live.site?.files["cy/index.html"] == nil, "no language home when nothing is published in it")
        #expect(!Fixture.html(live.site, "help/index.html").contains("hreflang=\"cy\""))

        let preview = Fixture.translated(files, includeDrafts: true)
        let page = Fixture.html(preview.site, "cy/help/index.html")
        #expect(page.contains("<h1>Cael help</h1>"))
        #expect(page.contains("class=\"draft-banner\""), "a draft says so on the page")
        #expect(preview.site?.files["cy/index.html"] != nil)
    }

    @Test func reviewedTranslationsArePublishedWithoutTheDraftBanner() {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed", source: help)]
        let result = Fixture.translated(files)
        let page = Fixture.html(result.site, "cy/help/index.html")
        #expect(page.contains("<h1>Cael help</h1>"))
        #expect(!page.contains("draft-banner"))
        #expect(result.diagnostics.filter { $0.rule.hasPrefix("translation.") && $0.rule != "translation.missing-string" }.isEmpty)
    }

    @Test func hreflangLinksArePairedAndTheSwitcherOffersOnlyPagesThatExist() {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed", source: help),
                     "translations/ur/pages/help.md": Fixture.translation("مدد", status: "reviewed", source: help)]
        let site = Fixture.translated(files).site
        let versions = ["help/index.html": "https://example.org/help/",
                        "cy/help/index.html": "https://example.org/cy/help/",
                        "ur/help/index.html": "https://example.org/ur/help/"]
        for page in versions.keys {
            let html = Fixture.html(site, page)
            // Every version names every other one, and itself, so the links are reciprocal.
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://example.org/help/\">"), "\(page)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"cy\" href=\"https://example.org/cy/help/\">"), "\(page)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"ur\" href=\"https://example.org/ur/help/\">"), "\(page)")
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/help/\">"), "\(page)")
            #expect(html.contains("class=\"language-switch\""), "\(page)")
        }
        let welsh = Fixture.html(site, "cy/help/index.html")
        #expect(welsh.contains("<a href=\"../../help/\" lang=\"en-GB\" dir=\"ltr\" hreflang=\"en-GB\">English</a>"))
        #expect(welsh.contains("<a href=\"./\" lang=\"cy\" dir=\"ltr\" hreflang=\"cy\" aria-current=\"page\">Cymraeg</a>"))
        // A page with no translation offers no other language.
        let module = Fixture.html(site, "young-people/protection/14-16/staying-safe/index.html")
        #expect(!module.contains("language-switch"))
        #expect(!module.contains("hreflang"))
    }

    @Test func rightToLeftPagesSayTheirDirection() {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/ur/pages/help.md": Fixture.translation("مدد", status: "reviewed", source: help)]
        let site = Fixture.translated(files).site
        let urdu = Fixture.html(site, "ur/help/index.html")
        #expect(urdu.contains("<html lang=\"ur\" dir=\"rtl\">"))
        #expect(urdu.contains("lang=\"ur\" dir=\"rtl\" hreflang=\"ur\" aria-current=\"page\">اردو</a>"))
        #expect(urdu.contains("print-ur.css"))
        #expect(Fixture.html(site, "help/index.html").contains("<html lang=\"en-GB\" dir=\"ltr\">"))
        // Printed, the help line sits where a right-to-left reader starts: the right.
        let print = Fixture.html(site, "assets/print-ur.css")
        #expect(print.contains("@bottom-right { content: \"Childline 0800 1111\""))
        #expect(Fixture.html(site, "assets/print.css").contains("@bottom-left { content: \"Childline 0800 1111\""))
    }

    @Test func aMissingInterfaceStringFallsBackToEnglishWithAWarning() {
        let strings = """
        exit:
          cover_short: Cuddio dy olion
        header:
          help: Cael help
          serch: Chwilio
        """
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed", source: help)]
        let result = Fixture.translated(files, templates: Fixture.templates(strings: ["cy": strings, "ur": nil]))
        let page = Fixture.html(result.site, "cy/help/index.html")
        #expect(page.contains("<span class=\"exit-info-short\">Cuddio dy olion</span>"))
        #expect(page.contains(">Cael help</a></li>"))
        // Not translated: shown in English.
        #expect(page.contains("<span class=\"exit-info-long\">Leaving quickly and covering your tracks</span>"))
        #expect(page.contains(">Search</a></li>"))
        // The English page keeps its own words.
        #expect(Fixture.html(result.site, "help/index.html").contains("<span class=\"exit-info-short\">Cover your tracks</span>"))
        let missing = result.diagnostics.filter { $0.rule == "translation.missing-string" }
        #expect(missing.contains { $0.message.contains("`exit.cover_long`") && $0.location.file == "Templates/strings/cy.yml" })
        #expect(!missing.contains { $0.message.contains("`exit.cover_short`") })
        // A misspelt key is pointed at, with the key it was probably meant to be.
        let unknown = result.diagnostics.filter { $0.rule == "translation.unknown-string" }
        #expect(unknown.count == 1)
        #expect(unknown.first?.message.contains("did you mean `header.search`") == true)
        #expect(unknown.first?.location.line == 5)
        // Urdu has no strings file at all: one warning says the interface stays in English.
        #expect(result.diagnostics.contains { $0.rule == "translation.missing-string" && $0.location.file == "Templates/strings/ur.yml" })
    }

    @Test func aStringCanUseThePagesValuesAndScriptsGetTheirWords() {
        let strings = """
        module:
          title: "{{tier.label}} — {{page.title}}"
        script:
          exit_more_other: Pwysa Shift {n} gwaith eto.
        """
        let module = "---\ntitle: Aros yn ddiogel\nlevels: [protection]\ntiers: [\"14-16\"]\ntranslation:\n  status: reviewed\n  by: A\n  date: 2026-11-20\n  source: \(Fixture.fingerprint("modules/staying-safe.md", Fixture.stayingSafe))\n---\nTestun.\n"
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/modules/staying-safe.md": module]
        let result = Fixture.translated(files, templates: Fixture.templates(strings: ["cy": strings]))
        let page = Fixture.html(result.site, "cy/young-people/protection/14-16/staying-safe/index.html")
        #expect(page.contains("<title>Ages 14 to 16 — Aros yn ddiogel: Test Site</title>"))
        #expect(page.contains("<li data-key=\"exit_more_other\">Pwysa Shift {n} gwaith eto.</li>"))
        // Only the variant the translation covers is published in Welsh.
        #expect(result.site?.files["cy/young-people/protection/11-13/staying-safe/index.html"] == nil)
        #expect(result.site?.files["cy/young-people/recovery/14-16/staying-safe/index.html"] == nil)
        #expect(result.diagnostics.filter { $0.rule.hasPrefix("translation.stale") }.isEmpty)
    }

    @Test func linksLeadToTheSameLanguageWhenThereIsAPageInIt() {
        let fp = Fixture.fingerprint("modules/staying-safe.md", Fixture.stayingSafe)
        let module = "---\ntitle: Aros yn ddiogel\ntranslation:\n  status: reviewed\n  by: A\n  date: 2026-11-20\n  source: \(fp)\n---\nGweler [help](../pages/help.md).\n"
        let files = ["pages/help.md": Fixture.helpPage, "pages/about.md": "---\ntitle: About\n---\nAbout us.\n",
                     "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/modules/staying-safe.md": module,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed", source: help,
                                                                          body: "Darllen [aros yn ddiogel](../modules/staying-safe.md) a [about](about.md).\n")]
        let site = Fixture.translated(files).site
        let helpPage = Fixture.main(site, "cy/help/index.html")
        // A page without a level and tier links to the module's overview, which is not translated.
        #expect(helpPage.contains("href=\"../../young-people/modules/staying-safe/\""))
        // There is no Welsh about page: the link leads to the English one.
        #expect(helpPage.contains("href=\"../../about/\""))
        // The Welsh module links to the Welsh help page.
        let modulePage = Fixture.main(site, "cy/young-people/recovery/17-19/staying-safe/index.html")
        #expect(modulePage.contains("href=\"../../../../help/\""))
        let english = Fixture.main(site, "young-people/recovery/17-19/staying-safe/index.html")
        #expect(Fixture.html(site, "young-people/recovery/17-19/staying-safe/index.html").contains("hreflang=\"cy\""))
        #expect(!english.contains("Gweler"))
    }

    @Test func translationsBehindTheirSourceAreReported() {
        let old = Fixture.fingerprint("pages/help.md", "---\ntitle: Get help\nsummary: Who to talk to.\n---\nAn older text.\n")
        #expect(old != help)
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed", source: old),
                     "translations/ur/pages/help.md": Fixture.translation("مدد", status: "reviewed")]
        let result = Fixture.translated(files)
        #expect(result.site != nil, "out of date is a warning: the page is still published")
        let stale = result.diagnostics.filter { $0.rule == "translation.stale" }
        #expect(stale.count == 1)
        #expect(stale.first?.location.file == "Content/translations/cy/pages/help.md")
        #expect(stale.first?.location.line == 7)
        #expect(stale.first?.message.contains("set `source: \(help)`") == true)
        let unknown = result.diagnostics.filter { $0.rule == "translation.source" }
        #expect(unknown.count == 1)
        #expect(unknown.first?.location.file == "Content/translations/ur/pages/help.md")
        #expect(unknown.first?.message.contains("`source: \(help)`") == true)
    }

    @Test func aDraftBehindItsSourceIsANoteThatDoesNotFailStrict() {
        let old = Fixture.fingerprint("pages/help.md", "---\ntitle: Get help\nsummary: Who to talk to.\n---\nAn older text.\n")
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "draft", source: old)]
        let stale = Fixture.translated(files).diagnostics.filter { $0.rule == "translation.stale" }
        #expect(stale.map(\.severity) == [.note])
        #expect(stale.first?.message.contains("set `source: \(help)`") == true)
    }

    @Test func theFingerprintFollowsTheWordsNotTheReviewDates() {
        let a = Fixture.fingerprint("pages/help.md", "---\ntitle: Help\nreview:\n  next: 2027-01-01\n---\nSame words.\n")
        let b = Fixture.fingerprint("pages/help.md", "---\ntitle: Help\nreview:\n  next: 2028-01-01\n---\nSame words.\n")
        let c = Fixture.fingerprint("pages/help.md", "---\ntitle: Help\n---\nOther words.\n")
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 8)
    }

    @Test func translationsThatCannotBeRightAreErrorsWithTheirLine() {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": "---\ntitle: Staying safe\ntiers: [\"14-16\"]\n---\nText.\n",
                     "translations/cy/pages/nothing.md": Fixture.translation("Dim"),
                     "translations/cy/modules/staying-safe.md": Fixture.translation("Aros", extra: "tiers: [\"11-13\"]\n"),
                     "translations/cy/pages/help.md": "---\ntitle: Cael help\ntranslation:\n  status: finished\n---\nTestun.\n",
                     "translations/de/pages/help.md": Fixture.translation("Hilfe")]
        let result = Fixture.translated(files)
        #expect(result.site == nil)
        let errors = Fixture.errors(result.diagnostics)
        #expect(errors.contains { $0.rule == "translation.no-source" && $0.location.file == "Content/translations/cy/pages/nothing.md" })
        #expect(errors.contains { $0.rule == "translation.not-in-source" && $0.location.line == 3 && $0.message.contains("tier `11-13`") })
        #expect(errors.contains { $0.rule == "translation.status" && $0.location.file == "Content/translations/cy/pages/help.md" && $0.location.line == 4 })
        #expect(errors.contains { $0.rule == "translation.unknown-language" && $0.message.contains("`de`") })
    }

    @Test func aLanguageCodeMustBeUsableAsAFolder() {
        let yml = Fixture.siteYML + "\nlanguages:\n  - code: Welsh!\n    name: Cymraeg\n  - code: en-GB\n    name: English\n"
        let (_, diagnostics) = SiteConfigLoader.load(text: yml, file: "site.yml")
        let rules = diagnostics.filter { $0.rule == "site.language" }
        #expect(rules.count == 2)
        #expect(rules.contains { $0.message.contains("`Welsh!` is not a language code") })
        #expect(rules.contains { $0.message.contains("the site's own language") })
        #expect(TextDirection.usual(for: "ur") == .rtl)
        #expect(TextDirection.usual(for: "ar-EG") == .rtl)
        #expect(TextDirection.usual(for: "cy") == .ltr)
    }

    @Test func aTemplateThatAsksForAStringNoFileHasIsAnError() {
        var tree = Fixture.templates
        tree.files["404.mustache"] = Array("{{<layout}}\n{{$main}}\n  <p>{{t.not_found.nope}}</p>\n{{/main}}\n{{/layout}}\n".utf8)
        let (set, diagnostics) = TemplateSet.load(tree)
        #expect(set == nil)
        let error = diagnostics.first { $0.rule == "strings.missing" }
        #expect(error?.location.file == "Templates/404.mustache")
        #expect(error?.location.line == 3)
        #expect(error?.location.column == 6)
    }

    @Test func aStringThatIsNotPlainTextIsAnError() {
        let (_, diagnostics) = InterfaceStrings.load(text: "a:\n  b: \"Hello {{#page}}\"\n", file: "strings/cy.yml")
        #expect(diagnostics.map(\.rule) == ["strings.syntax"])
        #expect(diagnostics.first?.location.line == 2)
        let escaped = InterfaceStrings.localise("<p title=\"{{t.a.b}}\">{{t.a.b}}</p>", file: "x",
                                                strings: InterfaceStrings(file: "cy", entries: ["a.b": .init(text: "Tom & \"Jerry\" <3 {{tier.label}}", location: SourceLocation(file: "cy"))]),
                                                fallback: InterfaceStrings(file: "en", entries: [:]))
        #expect(escaped.0 == "<p title=\"Tom &amp; &quot;Jerry&quot; &lt;3 {{tier.label}}\">Tom &amp; &quot;Jerry&quot; &lt;3 {{tier.label}}</p>")
    }

    @Test func translateStartsADraftOfOneReadersTextThatBuildsAsItIs() throws {
        let source = """
        ---
        title: "Staying safe: a plan"
        summary: Plans.
        ---
        Everyone reads this.

        ::: level protection
        ::: tier 14-16
        Protection, 14 to 16.

        ::: break
        Breathe slowly.
        :::
        :::
        ::: tier 11-13
        Protection, 11 to 13.
        :::
        :::
        ::: level recovery
        Recovery only.
        :::

        """
        var files = ["modules/staying-safe.md": source, "pages/help.md": Fixture.helpPage]
        let (content, _) = ContentLoader.load(Fixture.content(files, siteYML: Fixture.languagesYML))
        let made = try TranslationScaffold.make(language: "cy", source: "modules/staying-safe.md", sourceText: source,
                                                content: #require(content), level: "protection", tier: "14-16",
                                                today: Day("2026-11-29")!).get()
        #expect(made.path == "translations/cy/modules/staying-safe.md")
        #expect(made.text.contains("title: \"Staying safe: a plan\"\n"))
        #expect(made.text.contains("levels: [protection]\ntiers: [\"14-16\"]\n"))
        #expect(made.text.contains("  status: draft\n"))
        let body = made.text.components(separatedBy: "---\n").last ?? ""
        #expect(body == "Everyone reads this.\n\nProtection, 14 to 16.\n\n::: break\nBreathe slowly.\n:::\n")
        // As made, it builds (with drafts) with no errors and is not out of date.
        files[made.path] = made.text
        let result = Fixture.translated(files, includeDrafts: true)
        #expect(Fixture.errors(result.diagnostics).isEmpty, "\(result.diagnostics)")
        #expect(!result.diagnostics.contains { $0.rule == "translation.stale" || $0.rule == "translation.source" })
        #expect(Fixture.main(result.site, "cy/young-people/protection/14-16/staying-safe/index.html").contains("take-a-break"))
        // What cannot be translated is refused.
        let unknown = TranslationScaffold.make(language: "fr", source: "pages/help.md", sourceText: "", content: content!,
                                               today: Day("2026-11-29")!)
        #expect(throws: TranslationScaffold.Problem.self) { try unknown.get() }
        let notCovered = TranslationScaffold.make(language: "cy", source: "modules/staying-safe.md", sourceText: source,
                                                  content: content!, level: "nope", tier: "14-16", today: Day("2026-11-29")!)
        #expect(throws: TranslationScaffold.Problem.self) { try notCovered.get() }
    }
}

@Suite struct TranslatedSearchTests {
    @Test func aLanguageWithPagesSearchesThemInItsOwnLanguageAndSaysSo() throws {
        let files = ["pages/help.md": Fixture.helpPage, "modules/staying-safe.md": Fixture.stayingSafe,
                     "translations/cy/pages/help.md": Fixture.translation("Cael help", status: "reviewed",
                                                                         body: "Siarada â rhywun rwyt ti'n ymddiried ynddo.\n")]
        let result = Fixture.translated(files)
        let site = try #require(result.site, "\(Fixture.errors(result.diagnostics))")
        let data = try #require(site.files["search/site-cy.json"])
        let index = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        let entries = try #require(index["entries"] as? [[String: String]])
        #expect(entries.map { $0["t"] } == ["Cael help"])
        #expect(entries.first?["u"] == "cy/help/")
        #expect(entries.first?["x"]?.contains("ymddiried") == true)
        let page = Fixture.html(site, "cy/search/index.html")
        #expect(page.contains("data-index=\"../../search/site-cy.json\""))
        #expect(!page.contains("data-shared="), "the English pages are not searched from the Welsh page")
        #expect(page.contains("class=\"search-language\""))
        #expect(page.contains("href=\"../../search/\" lang=\"en-GB\""))
        // The Welsh page's search link leads to the Welsh search.
        #expect(Fixture.html(site, "cy/help/index.html").contains("href=\"../search/\""))
        // A language with no published page has no search of its own.
        #expect(site.files["ur/search/index.html"] == nil)
    }
}
