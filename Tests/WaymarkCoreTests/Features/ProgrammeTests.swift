// Issue 17's builder parts: sessions form a programme with its own page, every worksheet prints
// a simpler version with symbols from local files, and topics.yml says where each topic is covered.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

private let symbolSVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\"><circle cx=\"24\" cy=\"24\" r=\"20\"/></svg>"

@Suite struct SimplerWorksheetTests {
    static let worksheet = Fixture.worksheet("W", """
    ::: standard
    Read each sentence carefully, then tick every one that is true for you.
    :::
    ::: simpler
    Tick the ones that are true.
    :::

    ::: ticklist
    - {{symbol phone}} I can call someone.
    - {{symbol home}} I have a safe place.
    :::
    """)

    static func build(_ worksheet: String = worksheet) -> (RenderedSite?, [Diagnostic]) {
        Fixture.build(["worksheets/w.md": worksheet, "images/symbols/phone.svg": symbolSVG, "images/symbols/home.svg": symbolSVG])
    }

    @Test func bothVersionsPrintFromOneSource() {
        let (site, diagnostics) = Self.build()
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let usual = Fixture.main(site, "facilitators/worksheets/protection/11-13/w/index.html")
        let simpler = Fixture.main(site, "facilitators/worksheets/protection/11-13/w/simpler/index.html")
        #expect(usual.contains("Read each sentence carefully"))
        #expect(!usual.contains("Tick the ones that are true."))
        #expect(!usual.contains("{{symbol") && !usual.contains("symbols/phone.svg"))
        #expect(simpler.contains("Tick the ones that are true."))
        #expect(!simpler.contains("Read each sentence carefully"))
        #expect(simpler.contains("worksheet-simpler"))
        // The symbol is a file of this site, next to its prompt.
        #expect(simpler.contains("<img class=\"symbol\" src=\"../../../../../../images/symbols/phone.svg\" alt=\"\" width=\"48\" height=\"48\"> I can call someone."))
        #expect(site?.files["images/symbols/phone.svg"] != nil)
        #expect(usual.contains("href=\"simpler/\""))
    }

    @Test func aPromptWithoutASymbolWarnsAndAnUnknownSymbolIsAnError() {
        let text = Self.worksheet.replacingOccurrences(of: "- {{symbol home}} I have", with: "- I have")
            .replacingOccurrences(of: "{{symbol phone}}", with: "{{symbol phon}}")
        let (_, diagnostics) = Self.build(text)
        let errors = Fixture.errors(diagnostics)
        #expect(errors.map(\.rule) == ["worksheet.symbol"])
        #expect(errors.first?.location == SourceLocation(file: "Content/worksheets/w.md", line: 17, column: 3))
        #expect(errors.first?.message.contains("did you mean `phone`?") == true)
        let result = Fixture.check(["worksheets/w.md": Self.worksheet.replacingOccurrences(of: "- {{symbol home}} I have", with: "- I have"),
                                    "images/symbols/phone.svg": symbolSVG])
        let warnings = result.diagnostics.filter { $0.rule == "worksheet.symbol" && $0.severity == .warning }
        #expect(warnings.contains { $0.message.contains("“I have a safe place.”") })
    }

    @Test func versionBlocksAndSymbolsBelongToWorksheets() {
        let module = Fixture.module("M", "::: simpler\nShort.\n:::\n\nA {{symbol phone}} here.\n")
        let errors = Fixture.errors(Fixture.build(["modules/m.md": module]).1)
        #expect(errors.map(\.rule).sorted() == ["block.not-in-worksheet", "worksheet.symbol"])
    }
}

@Suite struct ProgrammeTests {
    static func session(_ id: String, part: String?, order: Int) -> String {
        "---\ntitle: \(id.capitalized)\nlevels: [protection]\ntiers: [11-13]\nworksheets: []\norder: \(order)\n" + (part.map { "part: \($0)\n" } ?? "") + "---\n## Aims and outcomes\n\nLearn.\n"
    }

    @Test func theProgrammePageListsOpeningThemedAndClosingInOrder() {
        let (site, diagnostics) = Fixture.build([
            "sessions/zz-close.md": Self.session("zz-close", part: "closing", order: 1),
            "sessions/b-themed.md": Self.session("b-themed", part: nil, order: 2),
            "sessions/a-themed.md": Self.session("a-themed", part: "themed", order: 1),
            "sessions/zz-open.md": Self.session("zz-open", part: "opening", order: 9),
        ])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let page = Fixture.main(site, "facilitators/protection/11-13/index.html")
        let order = ["Zz-Open", "A-Themed", "B-Themed", "Zz-Close"].map { page.range(of: ">\($0)</a>")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil }, "\(page)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(page.contains("Opening session:") && page.contains("Closing session:"))
        #expect(page.contains("href=\"zz-open/pack/\""))
    }

    @Test func anUnknownPartIsAnErrorAtItsLine() {
        let errors = Fixture.errors(Fixture.build(["sessions/s.md": Self.session("s", part: "middle", order: 1)]).1)
        #expect(errors.map(\.location.line) == [7])
        #expect(errors.first?.message.contains("`opening`, `themed` (the default) or `closing`") == true)
    }
}

@Suite struct TopicTests {
    static let topics = """
    - id: blackmail
      name: Online blackmail
      tiers: [14-16, 17-19]
      parents: true
      words: [blackmail, sextortion]
    """

    @Test func aReaderWithNoPageOnATopicIsAWarningAndTheCoveragePageSaysWhere() {
        let module = Fixture.module("M", "Everyone reads this.\n\n::: tier 14-16\n::: level protection\nThis is online blackmail.\n:::\n:::\n")
        let result = Fixture.check(["modules/m.md": module, "topics.yml": Self.topics,
                                    "parents/p.md": "---\ntitle: P\n---\nWhat sextortion is.\n"])
        let warnings = result.diagnostics.filter { $0.rule == "coverage.topic" }
        // 2 levels x 14-16, and 3 levels x 17-19, have no page on it; parents do.
        #expect(warnings.count == 5)
        #expect(warnings.allSatisfy { $0.location == SourceLocation(file: "Content/topics.yml", line: 1, column: 3) })
        let covered = result.check?.topics.filter { !$0.files.isEmpty }.map(\.reader).sorted()
        #expect(covered == ["parents", "protection/14-16"])
        let page = Fixture.main(result.site, "facilitators/coverage/index.html")
        #expect(page.contains("<h3>Online blackmail</h3>"))
        #expect(page.contains("Missing"))
    }

    @Test func wordsAreWholeWords() {
        #expect(TopicCoverage.uses("they went missing today", "missing"))
        #expect(!TopicCoverage.uses("dismissing it", "missing"))
        #expect(TopicCoverage.uses("gay, bi or trans", "bi"))
        #expect(!TopicCoverage.uses("a big bike", "bi"))
    }

    @Test func anUnknownTierInATopicIsAnError() {
        let errors = Fixture.errors(Fixture.build(["topics.yml": Self.topics.replacingOccurrences(of: "17-19", with: "18-19")]).1)
        #expect(errors.map(\.rule) == ["topic.entry"])
        #expect(errors.first?.location.line == 3)
    }
}

@Suite struct WrittenApartTests {
    @Test func levelsThatShareMoreThanAThirdOfTheirTextWarn() {
        let shared = (1...6).map { "Shared sentence number \($0) for every level of this tier." }.joined(separator: "\n\n")
        let body = "\(shared)\n\n::: level protection\nOnly protection.\n:::\n\n::: level risk-reduction\nOnly risk.\n:::\n\n::: level recovery\nOnly recovery.\n:::\n"
        let warnings = Fixture.check(["modules/m.md": Fixture.module("M", body)]).diagnostics.filter { $0.rule == "coverage.shared" }
        // Three pairs of levels, in each of three tiers.
        #expect(warnings.count == 9)
        #expect(warnings.first?.message.contains("share 9") == true)
        let apart = "One shared line.\n\n::: level protection\n\(shared)\n:::\n\n::: level risk-reduction\nOther words entirely, written for now, and a plan for today with steps.\n:::\n\n::: level recovery\nGentle words written for someone who is safe now and making sense of it.\n:::\n"
        #expect(!Fixture.check(["modules/m.md": Fixture.module("M", apart)]).diagnostics.contains { $0.rule == "coverage.shared" })
    }
}

@Suite struct SessionSafeguardingTests {
    @Test func beforeTheSessionMustPlanTheGuidesSteps() {
        let plan = { (before: String) in
            "---\ntitle: S\nlevels: [protection]\ntiers: [11-13]\nworksheets: []\n---\n## Aims and outcomes\n\nLearn.\n\n## Before the session\n\n\(before)\n\n## Group agreement\n\nAgree.\n"
        }
        let thin = Fixture.check(["sessions/s.md": plan("- Tell the safeguarding lead.")])
        let warnings = thin.diagnostics.filter { $0.rule == "session.safeguarding" }
        #expect(warnings.count == 4)
        #expect(warnings.allSatisfy { $0.location == SourceLocation(file: "Content/sessions/s.md", line: 11) })
        let full = plan("- Who is in the group, and do they know each other?\n- How each gets home safely.\n- If anyone is in danger now, call 999.\n- If someone talks about suicide or self-harm, stay with them.")
        #expect(!Fixture.check(["sessions/s.md": full]).diagnostics.contains { $0.rule == "session.safeguarding" })
    }
}
