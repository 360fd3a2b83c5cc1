// Worksheets, session plans and packs: every print element's HTML, bad element arguments,
// sessions naming worksheets, and a pack holding its plan and worksheets in order.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

extension Fixture {
    static func worksheet(_ title: String, _ body: String, levels: String = "[protection]", tiers: String = "[11-13, 14-16]") -> String {
        "---\ntitle: \(title)\nthemes: [grooming]\nlevels: \(levels)\ntiers: \(tiers)\ntime: 10 minutes\nfacilitator: Read the cards aloud.\n---\n\(body)"
    }

    static func session(_ title: String, worksheets: String, levels: String = "[protection]", tiers: String = "[11-13]", body: String = "## Aims and outcomes\n\nLearn.\n") -> String {
        "---\ntitle: \(title)\nlevels: \(levels)\ntiers: \(tiers)\nlength: 90 minutes\ngroup_size: 3 to 8\nworksheets: \(worksheets)\n---\n\(body)"
    }
}

@Suite struct PrintElementTests {
    func page(_ body: String) -> String {
        let (site, diagnostics) = Fixture.build(["worksheets/w.md": Fixture.worksheet("W", body)])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        return Fixture.main(site, "facilitators/worksheets/protection/11-13/w/index.html")
    }

    func count(_ needle: String, in haystack: String) -> Int { haystack.components(separatedBy: needle).count - 1 }

    @Test func nameAndDateLine() {
        let html = page("::: name-date\n")
        #expect(html.contains("class=\"print-element name-date\""))
        #expect(html.contains("Name:") && html.contains("Date:"))
    }

    @Test func linesToWriteOn() {
        let html = page("::: lines 7\n")
        #expect(count("class=\"write-line-full\"", in: html) == 7)
    }

    @Test func aBoxWithItsHeightAndLabel() {
        let html = page("::: box 5 | Draw your safe place\n")
        #expect(html.contains("<p class=\"box-label\">Draw your safe place</p>"))
        #expect(count("class=\"box-line\"", in: html) == 5)
    }

    @Test func aRatingScale() {
        let html = page("::: scale 0 4 | Not at all | Very much\n")
        #expect(html.contains("<li>0</li><li>1</li><li>2</li><li>3</li><li>4</li>"))
        #expect(html.contains("<span class=\"scale-end\">Not at all</span>"))
        #expect(html.contains("<span class=\"scale-end\">Very much</span>"))
    }

    @Test func aTickList() {
        let html = page("::: ticklist\n- I know who to call.\n- I <b>keep</b> my phone charged.\n:::\n")
        #expect(count("class=\"tick-box\"", in: html) == 2)
        #expect(html.contains("I know who to call."))
        #expect(html.contains("I &lt;b&gt;keep&lt;/b&gt; my phone charged."), "item text is escaped")
    }

    @Test func cardsToCutOutAndSort() {
        let html = page("::: cards Healthy | Unhealthy | Not sure\n- One.\n- Two.\n- Three.\n- Four.\n:::\n")
        #expect(count("<li class=\"card\">", in: html) == 4)
        #expect(count("class=\"pile-box\"", in: html) == 3)
        #expect(html.contains("<strong class=\"pile\">Not sure</strong>"))
    }

    @Test func trustedPeopleCircles() {
        let html = page("::: trusted-circle\n")
        #expect(count("<circle", in: html) == 3)
        #expect(html.contains("role=\"img\""))
    }

    @Test func aSafetyPlanForm() {
        let html = page("::: safety-plan\n")
        #expect(count("class=\"plan-part\"", in: html) == 6)
        #expect(html.contains("If I feel unsafe, I will:"))
    }

    @Test func elementsFollowTierBlocks() {
        let body = "::: tier 11-13\n::: lines 2\n:::\n\n::: tier 14-16\n::: lines 9\n:::\n"
        let (site, _) = Fixture.build(["worksheets/w.md": Fixture.worksheet("W", body)])
        #expect(count("write-line-full", in: Fixture.main(site, "facilitators/worksheets/protection/11-13/w/index.html")) == 2)
        #expect(count("write-line-full", in: Fixture.main(site, "facilitators/worksheets/protection/14-16/w/index.html")) == 9)
    }

    @Test(arguments: [
        ("::: lines\n", "::: lines N"),
        ("::: lines 40\n", "from 1 to 30"),
        ("::: lines many\n", "how many lines"),
        ("::: box\n", "::: box N"),
        ("::: scale 5 1 | a | b\n", "above the lowest"),
        ("::: scale 1 5 | only one label\n", "::: scale FROM TO"),
        ("::: name-date please\n", "takes nothing"),
        ("::: cards OnlyOne\n- a\n- b\n- c\n- d\n:::\n", "2 to 4 piles"),
        ("::: cards A | B\n- only one\n:::\n", "4 to 16"),
        ("::: ticklist\nnot an item\n:::\n", "starting `- `"),
        ("::: ticklist\n:::\n", "1 to 20"),
        ("::: wordsearch\n", "unknown block"),
    ])
    func badArgumentsAreErrorsWithTheLine(body: String, message: String) {
        let (site, diagnostics) = Fixture.build(["worksheets/w.md": Fixture.worksheet("W", "Intro.\n\n" + body)])
        #expect(site == nil)
        let errors = Fixture.errors(diagnostics)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains(message) == true, "\(errors.first?.message ?? "")")
        #expect(errors.first?.location.file == "Content/worksheets/w.md")
        #expect((11...12).contains(errors.first?.location.line ?? 0))
    }
}

@Suite struct SessionTests {
    let files: [String: String] = [
        "worksheets/first.md": Fixture.worksheet("First sheet", "::: name-date\n\nFirst sheet text.\n"),
        "worksheets/second.md": Fixture.worksheet("Second sheet", "Second sheet text.\n\n::: lines 3\n"),
        "sessions/s.md": Fixture.session("Spotting grooming", worksheets: "[second, first]",
                                         body: "## Aims and outcomes\n\nPlan text.\n\n::: tier 11-13\nYoungest only.\n:::\n"),
    ]

    @Test func aPackHoldsItsPlanThenItsWorksheetsInOrderEachOnANewPage() throws {
        let (built, diagnostics) = Fixture.build(files)
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let site = try #require(built)
        let pack = Fixture.main(site, "facilitators/protection/11-13/s/pack/index.html")
        let cover = try #require(pack.range(of: "class=\"pack-cover\""))
        let plan = try #require(pack.range(of: "Plan text."))
        let second = try #require(pack.range(of: "Second sheet text."))
        let first = try #require(pack.range(of: "First sheet text."))
        #expect(cover.lowerBound < plan.lowerBound && plan.lowerBound < second.lowerBound && second.lowerBound < first.lowerBound)
        #expect(pack.contains("Youngest only."))
        #expect(pack.components(separatedBy: "class=\"pack-worksheet\"").count - 1 == 2)
        let contents = try #require(pack.range(of: "<li>Worksheet: Second sheet</li>"))
        #expect(contents.lowerBound < (pack.range(of: "<li>Worksheet: First sheet</li>")?.lowerBound ?? pack.startIndex))
        // The print stylesheet starts each worksheet on a new page (the browser tests check that
        // print hides the site's chrome).
        let css = Fixture.html(site, "assets/site.css")
        #expect(css.contains(".pack-worksheet { break-before: page; }"))
        let print = Fixture.html(site, "assets/print.css")
        #expect(print.contains("Page \" counter(page) \" of \" counter(pages)"))
        // The footer's help line comes from site.yml: Childline for young people's sheets,
        // the NSPCC Helpline on parents' handouts.
        #expect(print.contains("@bottom-left { content: \"Childline 0800 1111\""))
        #expect(print.contains("@page adults {\n    @bottom-left { content: \"NSPCC Helpline 0808 800 5000\""))
    }

    @Test func theFacilitatorsIndexGroupsSessionsByLevelAndTier() throws {
        let (site, _) = Fixture.build(files)
        let index = Fixture.main(site, "facilitators/index.html")
        #expect(index.contains("Protection"))
        #expect(index.contains("href=\"protection/11-13/s/\""))
        #expect(index.contains("href=\"protection/11-13/s/pack/\""))
        #expect(index.contains("href=\"worksheets/protection/14-16/first/\""))
        let plan = Fixture.main(site, "facilitators/protection/11-13/s/index.html")
        #expect(plan.contains("href=\"../../../worksheets/protection/11-13/second/\""))
        #expect(plan.contains("Read the cards aloud."))
    }

    @Test func anUnknownWorksheetIsAnErrorAtItsLine() {
        var broken = files
        broken["sessions/s.md"] = Fixture.session("S", worksheets: "[first, fourth]")
        let errors = Fixture.errors(Fixture.build(broken).1)
        #expect(errors.map(\.rule) == ["content.unknown-worksheet"])
        #expect(errors.first?.location == SourceLocation(file: "Content/sessions/s.md", line: 7, column: 21))
    }

    @Test func aWorksheetMustCoverTheSessionsReaders() {
        var broken = files
        broken["sessions/s.md"] = Fixture.session("S", worksheets: "[first]", levels: "[protection, recovery]", tiers: "[17-19]")
        let errors = Fixture.errors(Fixture.build(broken).1)
        #expect(errors.map(\.rule) == ["session.worksheet"])
        #expect(errors.first?.message.contains("level recovery, tier 17-19") == true)
    }

    @Test func aPlanWithoutTheGuidesSectionsIsAWarning() {
        let result = Fixture.check(files)
        let warnings = result.diagnostics.filter { $0.rule == "session.section" }
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.message.contains("`## Before the session`") && !$0.message.contains("Aims and outcomes") })
        #expect(warnings.contains { $0.message.contains("`## Handout for parents and carers`") })
        let complete = (SessionRule.requiredSections + [SessionPlan.handoutHeading]).map { "## \($0)\n\nText.\n" }.joined(separator: "\n")
        var full = files
        full["sessions/s.md"] = Fixture.session("S", worksheets: "[first]", body: complete)
        #expect(!Fixture.check(full).diagnostics.contains { $0.rule == "session.section" })
    }

    @Test func sessionPlansAreHeldToTheFacilitatorsReadingTarget() {
        let result = Fixture.check(files)
        let figure = result.check?.figures.first { $0.file == "Content/sessions/s.md" }
        #expect(figure?.audience == "facilitators")
        #expect(figure?.target == 10)
        let sheet = result.check?.figures.first { $0.file == "Content/worksheets/first.md" && $0.tier == "11-13" }
        #expect(sheet?.target == 5)
    }
}

@Suite(.serialized) struct PDFTests {
    static let browser = PDFPrinter.findBrowser(nil)

    @Test func askingForPDFsWithoutABrowserIsAClearError() {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = Builder.build(BuildOptions(contentDirectory: dir.path, templatesDirectory: dir.path,
                                                outputDirectory: dir.appendingPathComponent("Public").path,
                                                pdf: PDFOptions(browser: "/nonexistent/chromium")))
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.rule) == ["pdf.browser"])
        #expect(PDFPrinter.findBrowser(nil, environment: ["PATH": dir.path]) == nil)
    }

    @Test(.enabled(if: PDFTests.browser != nil, "needs Chromium (apt-get install chromium)"))
    func packsAndWorksheetsPrintToA4PDFs() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content(SessionTests().files), to: dir.appendingPathComponent("Content"))
        let output = dir.appendingPathComponent("Public")
        let report = Builder.build(BuildOptions(contentDirectory: dir.appendingPathComponent("Content").path,
                                                templatesDirectory: Fixture.packageRoot.appendingPathComponent("Templates").path,
                                                outputDirectory: output.path, pdf: PDFOptions(parallel: 2, cache: nil)))
        #expect(report.succeeded, "\(report.diagnostics)")
        let pack = output.appendingPathComponent("facilitators/protection/11-13/s/pack/s-protection-11-13-pack.pdf")
        let data = try Data(contentsOf: pack)
        #expect(data.starts(with: Array("%PDF".utf8)))
        // A4 is 595 x 842 points: Chromium writes the page box into the file.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("/MediaBox [0 0 594.95996 841.91998]"))
        for sheet in ["first", "second"] {
            for tier in ["11-13", "14-16"] {
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(
                    "facilitators/worksheets/protection/\(tier)/\(sheet)/\(sheet)-protection-\(tier).pdf").path))
            }
        }
        let plan = try String(contentsOf: output.appendingPathComponent("facilitators/protection/11-13/s/index.html"), encoding: .utf8)
        #expect(plan.contains("href=\"pack/s-protection-11-13-pack.pdf\""))
        // Links in a PDF lead to the published site, never to the folder it was printed from.
        #expect(!text.contains("file://"))
    }

    /// A site folder with the session fixture's content, and a build of it with PDFs that records
    /// which PDFs were printed and which were reused.
    final class PrintedSite: @unchecked Sendable {
        let dir = Fixture.temporaryDirectory()
        var content: URL { dir.appendingPathComponent("Content") }
        var output: URL { dir.appendingPathComponent("Public") }
        var cache: URL { dir.appendingPathComponent("cache") }
        private let lock = NSLock()
        private(set) var printed: Set<String> = []
        private(set) var reused: Set<String> = []

        init(files: [String: String] = SessionTests().files) throws {
            try Fixture.write(Fixture.content(files), to: content)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }

        func build(browser: String? = nil, cache: URL? = nil, onPrinted: @escaping @Sendable () -> Void = {}) -> BuildReport {
            lock.withLock { printed = []; reused = [] }
            let options = PDFOptions(browser: browser, parallel: 2, cache: (cache ?? self.cache).path) { [self] _, _, job, wasReused in
                lock.withLock { _ = wasReused ? reused.insert(job.pdf) : printed.insert(job.pdf) }
                if !wasReused { onPrinted() }
            }
            return Builder.build(BuildOptions(contentDirectory: content.path,
                                              templatesDirectory: Fixture.packageRoot.appendingPathComponent("Templates").path,
                                              outputDirectory: output.path, pdf: options))
        }

        func pdfs() -> [String: Data] {
            var result: [String: Data] = [:]
            let root = output.path + "/"
            for case let file as String in FileManager.default.enumerator(atPath: output.path) ?? NSEnumerator() where file.hasSuffix(".pdf") {
                result[file] = FileManager.default.contents(atPath: root + file)
            }
            return result
        }

        func pages() -> [String: Data] {
            var result: [String: Data] = [:]
            for case let file as String in FileManager.default.enumerator(atPath: output.path) ?? NSEnumerator() {
                result[file] = FileManager.default.contents(atPath: output.path + "/" + file)
            }
            return result
        }
    }

    @Test(.enabled(if: PDFTests.browser != nil, "needs Chromium (apt-get install chromium)"))
    func aSecondBuildReprintsNothingAndAChangedWorksheetReprintsOnlyThePDFsThatHoldIt() throws {
        let site = try PrintedSite()
        let first = site.build()
        #expect(first.succeeded, "\(first.diagnostics)")
        let all = Set(site.pdfs().keys)
        #expect(all.count >= 6 && site.printed == all && site.reused.isEmpty)
        #expect(first.pdf?.printed == all.count)
        let before = site.pdfs()
        let pagesBefore = site.pages()

        // Nothing changed: nothing printed, the same bytes.
        let second = site.build()
        #expect(second.succeeded)
        #expect(site.printed.isEmpty && site.reused == all)
        #expect(second.pdf?.printed == 0 && second.pdf?.reused == all.count)
        #expect(site.pdfs() == before)

        // One worksheet's sentence changes: exactly the PDFs printed from a page that shows it.
        let sheet = site.content.appendingPathComponent("worksheets/first.md")
        let text = try String(contentsOf: sheet, encoding: .utf8).replacingOccurrences(of: "First sheet text.", with: "First sheet, new words.")
        try text.write(to: sheet, atomically: true, encoding: .utf8)
        #expect(site.build().succeeded)
        let pagesAfter = site.pages()
        let changedPages = Set(pagesAfter.keys.filter { $0.hasSuffix(".html") && pagesAfter[$0] != pagesBefore[$0] })
        let holding = Set(all.filter { pdf in
            changedPages.contains { $0.hasSuffix("index.html") && pdf.hasPrefix(String($0.dropLast("index.html".count))) && !pdf.dropFirst($0.count - "index.html".count).contains("/") }
        })
        #expect(!holding.isEmpty && holding.count < all.count)
        #expect(site.printed == holding, "printed \(site.printed.sorted()), expected \(holding.sorted())")
        #expect(site.printed.allSatisfy { $0.contains("first") || $0.contains("pack") })
        #expect(site.reused == all.subtracting(holding))
    }

    @Test(.enabled(if: PDFTests.browser != nil, "needs Chromium (apt-get install chromium)"))
    func twoColdBuildsGiveTheSameBytes() throws {
        // Tables: the tagged PDF numbers their cells by the browser's count of page nodes, which
        // pages printed at the same time share.
        var files = SessionTests().files
        let table = "\n| Sign | Safe |\n|---|---|\n| Secrets | None |\n| Gifts | Free |\n"
        files["worksheets/first.md"] = Fixture.worksheet("First sheet", "::: name-date\n\nFirst sheet text.\n" + table)
        files["worksheets/second.md"] = Fixture.worksheet("Second sheet", "Second sheet text.\n" + table + "\n::: lines 3\n")
        let site = try PrintedSite(files: files)
        #expect(site.build(cache: site.dir.appendingPathComponent("one")).succeeded)
        let one = site.pdfs()
        #expect(site.build(cache: site.dir.appendingPathComponent("two")).succeeded)
        #expect(site.reused.isEmpty, "the second build had a cache of its own, empty")
        let two = site.pdfs()
        #expect(!one.isEmpty && one.keys.sorted() == two.keys.sorted())
        for (name, bytes) in one { #expect(two[name] == bytes, "\(name) differs") }
        let sample = String(decoding: try #require(one.values.first), as: UTF8.self)
        #expect(sample.contains("/CreationDate (D:20000101000000"))
    }

    @Test(.enabled(if: PDFTests.browser != nil, "needs Chromium (apt-get install chromium)"))
    func aBrowserThatDiesLeavesTheOldSiteAndSaysSo() throws {
        let site = try PrintedSite()
        #expect(site.build(cache: nil).succeeded)
        let old = site.pages()
        // A browser that cannot start at all.
        let broken = site.dir.appendingPathComponent("broken-chromium")
        try "#!/bin/sh\nexit 3\n".write(to: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: broken.path)
        let failed = site.build(browser: broken.path, cache: site.dir.appendingPathComponent("empty-1"))
        #expect(!failed.succeeded)
        let error = try #require(failed.diagnostics.first { $0.rule == "pdf.print" })
        #expect(error.message.contains("could not start") && error.message.contains("was left as it was"), "\(error.message)")
        #expect(site.pages() == old)
        // A browser killed while printing: the first PDF done, the browser goes.
        let pidFile = site.dir.appendingPathComponent("pid")
        let wrapper = site.dir.appendingPathComponent("chromium-wrapper")
        try "#!/bin/sh\necho $$ > \(pidFile.path)\nexec \(PDFTests.browser!) \"$@\"\n".write(to: wrapper, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        let killed = site.build(browser: wrapper.path, cache: site.dir.appendingPathComponent("empty-2")) {
            if let pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                kill(pid, SIGKILL)
            }
        }
        #expect(!killed.succeeded)
        let stopped = try #require(killed.diagnostics.first { $0.rule == "pdf.print" })
        #expect(stopped.message.contains("Chromium stopped") || stopped.message.contains("stopped reading"), "\(stopped.message)")
        #expect(site.pages() == old, "the old site is left exactly as it was")
    }
}
