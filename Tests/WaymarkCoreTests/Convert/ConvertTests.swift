// Convert stage: which lines each reader sees, links resolved for the reader's page, Markdown
// through cmark-gfm (also on every core at once).

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel
@testable import WaymarkMarkdown

@Suite struct VariantTextTests {
    static let body = """
    Everyone.

    ::: tier 11-13
    Young.
    :::

    ::: level recovery
    Recovery.

    ::: tier 14-16, 17-19
    Older recovery.
    :::
    :::

    ::: level protection, risk-reduction
    ::: tier 17-19
    Oldest, not recovery.
    :::
    :::
    """

    static let expected: [String: [String]] = [
        "protection/11-13": ["Everyone.", "Young."],
        "protection/14-16": ["Everyone."],
        "protection/17-19": ["Everyone.", "Oldest, not recovery."],
        "risk-reduction/11-13": ["Everyone.", "Young."],
        "risk-reduction/14-16": ["Everyone."],
        "risk-reduction/17-19": ["Everyone.", "Oldest, not recovery."],
        "recovery/11-13": ["Everyone.", "Young.", "Recovery."],
        "recovery/14-16": ["Everyone.", "Recovery.", "Older recovery."],
        "recovery/17-19": ["Everyone.", "Recovery.", "Older recovery."],
    ]

    @Test(arguments: ["protection", "risk-reduction", "recovery"], ["11-13", "14-16", "17-19"])
    func eachLevelAndTierSeesExactlyItsText(level: String, tier: String) {
        var parser = BodyParser(file: "m.md")
        let lines = Self.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { SourceLine(text: String($0.element), number: $0.offset + 1) }
        let segments = VariantText.select(parser.parse(lines), for: Variant(level: level, tier: tier))
        let text = segments.flatMap(\.lines).map(\.text).filter { !$0.isEmpty }
        #expect(text == Self.expected["\(level)/\(tier)"])
    }

    @Test func theSameSourceBuildsNinePagesEachWithItsOwnText() {
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", Self.body)])
        #expect(!diagnostics.hasErrors)
        for (variant, lines) in Self.expected {
            let main = Fixture.main(site, "young-people/\(variant)/m/index.html")
            for line in lines { #expect(main.contains("<p>\(line)</p>"), "\(variant) should show \(line)") }
            let others = Set(Self.expected.values.joined()).subtracting(lines)
            for line in others { #expect(!main.contains("<p>\(line)</p>"), "\(variant) should not show \(line)") }
        }
    }

    @Test func breakPanelsAreSeparateSegmentsKeepingTheirSourceLines() {
        var parser = BodyParser(file: "m.md")
        let text = "a\n::: break\nb\n::: tier 11-13\nc\n:::\n:::\nd"
        let lines = text.split(separator: "\n").enumerated().map { SourceLine(text: String($0.element), number: $0.offset + 1) }
        let segments = VariantText.select(parser.parse(lines), for: Variant(level: "protection", tier: "11-13"))
        #expect(segments.map(\.isBreak) == [false, true, false])
        #expect(segments[1].lines.map(\.number) == [3, 5])
    }
}

@Suite struct LinkTests {
    static let files = [
        "modules/a.md": Fixture.module("A", "## Top part\n\nGo to [B](b.md), [help](../pages/help.md#call), [root form](@/modules/b.md) and [top](#top-part).\n"),
        "modules/b.md": Fixture.module("B", "Back to [A](a.md).\n", extra: "levels: [protection, recovery]\n"),
        "pages/help.md": "---\ntitle: Help\n---\n## Call\n\nSee [A](../modules/a.md) and [parents](../parents/p.md).\n",
        "parents/p.md": "---\ntitle: P\nchild_reads: a\n---\nRead [A](../modules/a.md).\n",
    ]

    @Test func aLinkBetweenModulesKeepsTheReadersLevelAndTier() {
        let (site, diagnostics) = Fixture.build(Self.files)
        #expect(!diagnostics.hasErrors)
        let page = Fixture.main(site, "young-people/recovery/14-16/a/index.html")
        // Each link to another page carries that page's full address, which prints after it on paper.
        #expect(page.contains("<a href=\"../b/\" data-print-url=\"https://example.org/young-people/recovery/14-16/b/\">B</a>"))
        #expect(page.contains("<a href=\"../../../../help/#call\" data-print-url=\"https://example.org/help/#call\">help</a>"))
        #expect(page.contains("<a href=\"../b/\" data-print-url=\"https://example.org/young-people/recovery/14-16/b/\">root form</a>"))
        #expect(page.contains("<a href=\"#top-part\">top</a>"), "a part of the same page prints no address")
        let young = Fixture.main(site, "young-people/protection/11-13/a/index.html")
        #expect(young.contains("<a href=\"../b/\" data-print-url=\"https://example.org/young-people/protection/11-13/b/\">B</a>"))
    }

    @Test func aLinkToALevelTheTargetLacksGoesToTheSameTier() {
        let (site, _) = Fixture.build(Self.files)
        // b has no risk-reduction level: the reader stays in their tier, at b's first level.
        let page = Fixture.main(site, "young-people/risk-reduction/17-19/a/index.html")
        #expect(page.contains("<a href=\"../../../protection/17-19/b/\" data-print-url=\"https://example.org/young-people/protection/17-19/b/\">B</a>"))
    }

    @Test func pagesWithoutATierLinkToTheModuleOverview() {
        let (site, _) = Fixture.build(Self.files)
        #expect(Fixture.main(site, "help/index.html").contains("<a href=\"../young-people/modules/a/\" data-print-url=\"https://example.org/young-people/modules/a/\">A</a>"))
        #expect(Fixture.main(site, "help/index.html").contains("<a href=\"../parents-and-carers/p/\" data-print-url=\"https://example.org/parents-and-carers/p/\">parents</a>"))
        let overview = Fixture.main(site, "young-people/modules/a/index.html")
        #expect(overview.contains("href=\"../../recovery/14-16/a/\""))
    }

    @Test func parentsPagesLinkToWhatTheChildReadsAtEachTier() {
        let (site, _) = Fixture.build(Self.files)
        let page = Fixture.main(site, "parents-and-carers/p/index.html")
        #expect(page.contains("What your child reads about this"))
        for tier in ["11-13", "14-16", "17-19"] {
            let href = "../../young-people/protection/\(tier)/a/"
            #expect(page.contains("href=\"\(href)\""))
            #expect(site?.files["young-people/protection/\(tier)/a/index.html"] != nil)
        }
    }

    @Test func brokenLinksAreErrorsWithTheirOwnLineAndColumn() {
        let body = "Fine line.\n\nA paragraph that goes\non to [missing](gone.md) here.\n\n[abs](/help/) [js](javascript:void(0)) [img](x.png)\n"
        let (site, diagnostics) = Fixture.build(["modules/a.md": Fixture.module("A", body)])
        #expect(site == nil)
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["link.broken", "link.broken", "link.broken", "link.broken"])
        #expect(d.map(\.location.line) == [7, 9, 9, 9])
        #expect(d[0].location.column == 17)
        #expect(d[0].message.contains("modules/gone.md"))
    }

    @Test func relativeURLs() {
        #expect(RelativeURL.from("young-people/a/b/m/index.html", to: "young-people/a/b/n/") == "../n/")
        #expect(RelativeURL.from("young-people/a/b/m/index.html", to: "") == "../../../../")
        #expect(RelativeURL.from("index.html", to: "") == "./")
        #expect(RelativeURL.from("index.html", to: "help/") == "help/")
        #expect(RelativeURL.from("help/index.html", to: "help/") == "./")
        // Files, doubled slashes and non-ASCII names, as the String version that came before.
        #expect(RelativeURL.from("a/b/index.html", to: "a/c/pack.pdf") == "../c/pack.pdf")
        #expect(RelativeURL.from("index.html", to: "assets/site.css") == "assets/site.css")
        #expect(RelativeURL.from("a//b/index.html", to: "a/b/") == "./")
        #expect(RelativeURL.from("cy/ŵyn/index.html", to: "cy/ŵyl/") == "../ŵyl/")
        #expect(RelativeURL.from("a/index.html", to: "a/b") == "b")
        #expect(RelativeURL.from("help/index.html", to: "sitemap.xml") == "../sitemap.xml")
    }
}

@Suite struct MarkdownTests {
    func render(_ text: String, rawHTML: Bool = false) -> RenderedMarkdown {
        var ids: Set<String> = []
        return Markdown.render(text, options: MarkdownOptions(rawHTML: rawHTML), usedIDs: &ids) { _ in nil }
    }

    @Test func gfmExtensionsAreOn() {
        let html = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ https://example.org\n\n- [x] done\n- [ ] todo\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a rel=\"noopener noreferrer\" href=\"https://example.org\">"))
        #expect(html.contains("type=\"checkbox\""))
    }

    @Test func rawHTMLIsDroppedUnlessTheSiteOptsIn() {
        let dropped = render("<div class=\"x\">hi</div>\n\nText <b>bold</b>\n")
        #expect(!dropped.html.contains("<div class=\"x\">"))
        #expect(!dropped.html.contains("<b>"))
        #expect(dropped.removedHTMLLines == [1, 3])
        let kept = render("<div class=\"x\">hi</div>\n\n<script>alert(1)</script>\n", rawHTML: true)
        #expect(kept.html.contains("<div class=\"x\">hi</div>"))
        // The tag filter still escapes the dangerous tags when raw HTML is allowed.
        #expect(!kept.html.contains("<script>"))
    }

    @Test func headingsGetUniqueReadableIDs() {
        let result = render("## Who can help?\n\n## Who can help?\n\n### It's *not* your fault\n")
        #expect(result.headings.map(\.id) == ["who-can-help", "who-can-help-2", "its-not-your-fault"])
        #expect(result.html.contains("<h3 id=\"its-not-your-fault\">It's <em>not</em> your fault</h3>"))
    }

    @Test func rawHTMLInContentIsReportedAsAWarning() {
        let (site, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: P\n---\nHi\n\n<iframe src=\"https://x\"></iframe>\n"])
        #expect(site != nil)
        let raw = diagnostics.filter { $0.rule == "markdown.raw-html" }
        #expect(raw.count == 1)
        #expect(raw.first?.severity == .warning)
        #expect(raw.first?.location.line == 6)
        #expect(!Fixture.html(site, "p/index.html").contains("iframe"))
    }
}

@Suite struct ParallelMarkdownTests {
    /// cmark-gfm keeps the characters that start strikethrough and autolinks in one table for the
    /// whole process, and each parse removes them when it finishes: pages parsed at the same time
    /// lost their `~~` and their links at random. Every page must come out the same.
    @Test func everyPageGetsEveryExtensionWhenPagesRenderTogether() {
        var files: [String: String] = [:]
        for i in 0..<2000 {
            files["pages/p\(i).md"] = "---\ntitle: Page \(i)\n---\nThis is ~~gone~~ and www.example.org/\(i) and https://example.org/x\(i) here.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        }
        let (site, diagnostics) = Fixture.build(files)
        #expect(Fixture.errors(diagnostics).isEmpty)
        var missing: [String] = []
        for i in 0..<2000 {
            let page = Fixture.main(site, "p\(i)/index.html")
            if !page.contains("<del>gone</del>") || !page.contains("href=\"https://example.org/x\(i)\"")
                || !page.contains("href=\"http://www.example.org/\(i)\"") || !page.contains("<table>") {
                missing.append("p\(i)")
            }
        }
        #expect(missing.isEmpty, "\(missing.count) pages lost an extension: \(missing.prefix(5))")
    }
}

/// Every template is read against the view its page is rendered with: a key the view lacks is
/// found, at its line and column, before it renders as nothing.

@Suite struct PlainTextTests {
    /// `Markdown.plainText(of:)` walks cmark's tree instead of running its plain-text renderer (a
    /// seventh of a large build): the words the checks and search read must be the renderer's.
    @Test func plainTextMatchesCmarkOnSamplesAndEveryShippedFile() throws {
        var texts = [
            "Plain words, `code`, *emphasis*, **strong** and ~~struck~~ ~one~ text.\nA soft break  \nand a hard one.",
            "A [link with `code`](x.md) and ![a picture's words](p.png) and <b>inline HTML</b> &amp; entities &copy;.",
            "Setext heading\nover two lines\n==============\n\n# ATX *heading* with `code`\n",
            "Lead-in sentence:\n\n- [ ] a task with ~~old~~ words\n- [x] www.example.org and https://example.org/a\n  continued\n\n| a | b |\n|---|---|\n| c | d |\n",
            "> Quoted paragraph\n> with a break\n\n1. First\n2. Second ~~and~~ third",
            "Ünïcode — “quotes”, emoji 🙂, Urdu اردو, Welsh ŵ ŷ.\n\nTrailing spaces   \nnext",
        ]
        let content = Fixture.packageRoot.appendingPathComponent("Content").path
        let files = try #require(FileManager.default.enumerator(atPath: content)).compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }
        #expect(files.count > 50)
        for file in files.sorted() { texts.append(try String(contentsOfFile: content + "/" + file, encoding: .utf8)) }
        var compared = 0
        for text in texts {
            for (ours, cmark) in Markdown.plainTextBothWays(text) {
                #expect(ours == cmark)
                compared += 1
            }
        }
        #expect(compared > 2000)
    }
}

@Suite struct ParallelTests {
    /// Workers take items as they finish others: however uneven the work, every result lands in
    /// its item's place, once.
    @Test func resultsComeBackInTheItemsOrderHoweverUnevenTheWork() {
        for count in [0, 1, 7, 8, 9, 100, 1_001] {
            let items = Array(0..<count)
            let results = Parallel.map(items, smallest: 1) { item -> String in
                // Every seventh item is slow, so workers finish their chunks out of turn.
                if item % 7 == 0 { usleep(200) }
                return "item \(item)"
            }
            #expect(results == items.map { "item \($0)" }, "\(count) items")
        }
    }

    /// Each worker changes its own copy of the state, never another's: a worker names its copy
    /// at its first item and counts its items in it, so each name's counts run 1, 2, 3 ... with
    /// no gap or repeat, and all of them together are the items.
    @Test func eachWorkerHasItsOwnState() {
        struct Worker: Sendable { var name: UUID?; var done = 0 }
        let results = Parallel.map(Array(0..<500), state: Worker(), smallest: 1) { worker, item -> (item: Int, name: UUID, done: Int) in
            if worker.name == nil { worker.name = UUID() }
            worker.done += 1
            if item % 5 == 0 { usleep(100) }
            return (item, worker.name!, worker.done)
        }
        #expect(results.map(\.item) == Array(0..<500))
        let byWorker = Dictionary(grouping: results, by: \.name)
        #expect(byWorker.count <= Parallel.workers(for: 500, smallest: 1))
        for (_, done) in byWorker { #expect(done.map(\.done).sorted() == Array(1...done.count)) }
        #expect(byWorker.values.map(\.count).reduce(0, +) == 500)
    }
}
