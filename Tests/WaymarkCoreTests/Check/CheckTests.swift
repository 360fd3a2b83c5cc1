// Check stage: language, readability, links and pictures, headings, coverage, review dates,
// and the JSON and exit codes of `waymark check`.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

extension Fixture {
    static let languageYML = """
    - id: putting-themselves-at-risk
      phrases: [put themselves at risk, place themselves at risk]
      because: puts the responsibility on the child
      instead: is at risk of being exploited
    - id: in-return-for
      phrases: [in return for, exchange for]
      because: implies a deal
      instead: the abuser used gifts to control
    - id: relationship
      phrases: [older boyfriend, in a relationship with]
      because: makes abuse sound mutual
      instead: is being groomed by
    """

    static func check(_ files: [String: String], siteYML: String = Fixture.siteYML,
                      today: Day = Day("2026-11-29")!) -> BuildReport {
        var all = files
        if all["language.yml"] == nil { all["language.yml"] = languageYML }
        return Builder.run(content: content(all, siteYML: siteYML), templates: templates, today: today)
    }
}

@Suite struct PhrasesToAvoidTests {
    func warnings(_ body: String) -> [Diagnostic] {
        Fixture.check(["pages/p.md": "---\ntitle: P\n---\n" + body]).diagnostics.filter { $0.rule.hasPrefix("language") }
    }

    @Test(arguments: [
        "She is putting herself at risk.",
        "He puts himself at risk when he goes out.",
        "They put themselves at risk.",
        "Don't PUT YOURSELF AT RISK.",
        "She keeps placing herself at risk.",
        "He placed himself at risk.",
    ])
    func inflectedFormsAndAnyReflexiveAreFlagged(sentence: String) {
        let found = warnings(sentence)
        #expect(found.count == 1, "\(sentence)")
        #expect(found.first?.rule == "language.putting-themselves-at-risk")
        #expect(found.first?.message.contains("puts the responsibility on the child") == true)
        #expect(found.first?.message.contains("say instead: is at risk of being exploited") == true)
    }

    @Test func aPhraseAcrossALineBreakIsFoundAtItsFirstWord() {
        let found = warnings("Gifts were given\nin return\nfor photos.\n")
        #expect(found.map(\.rule) == ["language.in-return-for"])
        #expect(found[0].location.line == 5)
        #expect(found[0].location.column == 1)
        let second = warnings("He talks about his **older**\n_boyfriends_ a lot.")
        #expect(second.map(\.rule) == ["language.relationship"])
        #expect(second[0].location.column == 22)
    }

    @Test func wordsAreLowercasedAndPlacedByCharacterWhateverTheirLetters() {
        // ASCII letters take a fast path; curly apostrophes, accents and other scripts do not.
        let tokens = PhrasesToAvoidRule.tokenize([SourceLine(text: "It’s NAÏVE: Don't café-3rd 'Ok' ÉCOLE'S ąb9", number: 4)])
        #expect(tokens.map(\.word) == ["it's", "naïve", "don't", "café", "3rd", "ok", "école's", "ąb9"])
        #expect(tokens.map(\.column) == [1, 6, 13, 19, 24, 29, 33, 41])
        #expect(tokens.allSatisfy { $0.line == 4 })
    }

    @Test func worksheetsAndSessionPlansAreCheckedToo() {
        let result = Fixture.check([
            "worksheets/w.md": Fixture.worksheet("W", "He did it in return for a lift.\n"),
            "sessions/s.md": Fixture.session("S", worksheets: "[w]", body: "## Aims and outcomes\n\nShe was putting herself at risk.\n"),
        ])
        let found = result.diagnostics.filter { $0.rule.hasPrefix("language.") }.map(\.location.file)
        #expect(found == ["Content/sessions/s.md", "Content/worksheets/w.md"])
    }

    @Test func wordsThatOnlyLookAlikeAreNotFlagged() {
        #expect(warnings("We put the themes at risk of confusion. A relationship is in return good for you. In a safe relationship with friends.").isEmpty)
    }

    @Test func codeIsNotChecked() {
        #expect(warnings("```\nin return for\n```\n").isEmpty)
    }

    @Test func anExemptionOnTheLineOrTheLineBeforeKeepsThePhrase() {
        #expect(warnings("He said \"it's in return for the phone\". <!-- allow language.in-return-for: quoting what an abuser says -->\n").isEmpty)
        #expect(warnings("<!-- allow language: quoting the abuser -->\n\"You owe me, it's in exchange for the trainers.\"\n").isEmpty)
        // It covers only its own rule and its own place.
        let other = warnings("<!-- allow language.relationship: quoting -->\nIt was in return for a lift.\n")
        #expect(other.map(\.rule) == ["language.in-return-for"])
        let later = warnings("<!-- allow language.in-return-for: quoting -->\nFine.\nIt was in return for a lift.\n")
        #expect(later.map(\.rule) == ["language.in-return-for"])
    }

    @Test func anUnusedExemptionIsAWarningAndOneWithoutAReasonIsAnError() {
        let result = Fixture.check(["pages/p.md": "---\ntitle: P\n---\nNothing here. <!-- allow language.in-return-for: quote -->\n<!-- allow language.in-return-for -->\n"])
        #expect(result.diagnostics.filter { $0.rule == "check.unused-exemption" }.map(\.location.line) == [4])
        #expect(result.diagnostics.filter { $0.rule == "check.exemption" }.map(\.severity) == [.error])
    }

    @Test func dataFilesThatAreNotListsAreErrors() {
        let result = Fixture.check(["language.yml": "phrase: in return for\n", "glossary.yml": "term: grooming\n"])
        let errors = Fixture.errors(result.diagnostics)
        #expect(errors.map(\.location.file) == ["Content/glossary.yml", "Content/language.yml"])
        #expect(errors.allSatisfy { $0.rule == "yaml.type" && $0.message.contains("must be a list of entries") })
    }

    @Test func theShippedListFlagsTheGuidesPhrases() throws {
        let yml = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("Content/language.yml"), encoding: .utf8)
        let result = Fixture.check(["language.yml": yml, "pages/p.md": """
        ---
        title: P
        ---
        She was described as a child prostitute with a risky lifestyle.
        He was sexting an adult and went willingly, in exchange for money.
        Staff said she was hard to reach and had an older boyfriend.
        """])
        let rules = Set(result.diagnostics.map(\.rule).filter { $0.hasPrefix("language.") })
        #expect(rules == ["language.child-prostitute", "language.risky-behaviour", "language.sending-pictures",
                          "language.consented", "language.in-return-for", "language.hard-to-reach", "language.relationship"])
    }
}

@Suite struct ReadabilityRuleTests {
    static let hard = "Safeguarding practitioners systematically document disclosures, contemporaneously recording observations without interpretation. Organisational procedures necessitate immediate notification of designated safeguarding leads whenever significant harm is suspected. Multidisciplinary collaboration facilitates comprehensive assessment, evaluation and intervention planning."

    @Test func aVariantOverItsTargetIsAWarningNamingTheReaderWithHints() {
        let body = "Everyone reads this short line. It is easy.\n\n::: tier 11-13\n\(Self.hard)\n:::\n"
        let result = Fixture.check(["modules/m.md": Fixture.module("M", body)])
        let warnings = result.diagnostics.filter { $0.rule == "readability.grade" }
        #expect(warnings.count == 3, "one per level at 11-13 only")
        let first = try! #require(warnings.first)
        #expect(first.severity == .warning)
        #expect(first.message.contains("ages 11 to 13"))
        #expect(first.message.contains("over the target of 5"))
        #expect(first.message.contains("line 7: “Organisational procedures necessitate"))
        let figures = result.check!.figures.filter { $0.tier == "14-16" }
        #expect(figures.count == 3)
        #expect(figures.allSatisfy { $0.fleschKincaidGrade < 5 && $0.target == 6.5 && $0.audience == "young-people" })
    }

    @Test func parentsPagesUseTheParentsTarget() {
        let result = Fixture.check(["parents/p.md": "---\ntitle: P\n---\n\(Self.hard)\n"])
        let figure = result.check!.figures.first { $0.audience == "parents" }
        #expect(figure?.target == 7)
        #expect(result.diagnostics.contains { $0.rule == "readability.grade" && $0.message.contains("parents and carers") })
    }

    @Test func worksheetCardsAndItemsCountTowardsTheReadingAge() {
        let cards = ["Organisational safeguarding necessitates contemporaneous documentation.",
                     "Multidisciplinary collaboration facilitates comprehensive assessment.",
                     "Designated practitioners systematically evaluate vulnerabilities.",
                     "Confidentiality considerations necessitate proportionate information sharing.",
                     "Practitioners contemporaneously document organisational safeguarding considerations.",
                     "Comprehensive multidisciplinary evaluation necessitates systematic collaboration."]
        let body = "Sort the cards.\n\n::: cards Agree | Disagree\n" + cards.map { "- \($0)" }.joined(separator: "\n") + "\n:::\n"
        let result = Fixture.check(["worksheets/w.md": Fixture.worksheet("W", body)])
        let figure = result.check?.figures.first { $0.file == "Content/worksheets/w.md" && $0.tier == "11-13" }
        #expect((figure?.words ?? 0) > 30)
        #expect(result.diagnostics.contains { $0.rule == "readability.grade" && $0.location.file == "Content/worksheets/w.md" })
    }

    @Test func headingsAndTheHelpBoxAreNotCounted() {
        let body = "## Organisational multidisciplinary considerations\n\nWe can talk. You are safe here.\n"
        let result = Fixture.check(["pages/p.md": "---\ntitle: P\n---\n" + body])
        let figure = result.check!.figures.first { $0.file == "Content/pages/p.md" }
        #expect(figure?.words == 7)
    }
}

@Suite struct LinkRuleTests {
    @Test func anchorsMustMatchAHeadingOnTheTargetPage() {
        let result = Fixture.check([
            "pages/a.md": "---\ntitle: A\n---\n## Who can help\n\nSee [help](b.md#calling) and [me](#who-can-help) and [no](#nowhere).\n",
            "pages/b.md": "---\ntitle: B\n---\n## Calling\n\nText [skip](#help).\n",
        ])
        let errors = result.diagnostics.filter { $0.rule == "link.anchor" }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("#nowhere") == true)
        #expect(errors.first?.location.line == 6)
        #expect(result.site == nil)
    }

    @Test func vagueLinkTextIsAWarning() {
        let result = Fixture.check(["pages/a.md": "---\ntitle: A\n---\nFor help [click here](b.md). [Read more](b.md).\n",
                                    "pages/b.md": "---\ntitle: B\n---\n"])
        #expect(result.diagnostics.filter { $0.rule == "link.text" }.count == 2)
    }

    @Test func picturesNeedAltTextAndMustBeOnTheSite() {
        var files = ["pages/a.md": "---\ntitle: A\n---\n![](../images/map.png)\n\n![A map of the town](../images/map.png)\n\n![x](https://example.com/t.png)\n"]
        files["images/map.png"] = "not really a png"
        let result = Fixture.check(files)
        #expect(result.diagnostics.filter { $0.rule == "image.alt" }.map(\.location.line) == [4])
        #expect(result.diagnostics.filter { $0.rule == "link.broken" }.map(\.location.line) == [8])
        let (site, _) = Fixture.build(files.merging(["pages/a.md": "---\ntitle: A\n---\n![A map](../images/map.png)\n"]) { $1 })
        #expect(site?.files["images/map.png"] != nil)
        #expect(Fixture.html(site, "a/index.html").contains("<img src=\"../images/map.png\" alt=\"A map\" />"))
    }

    @Test func headingsMustNotSkipLevels() {
        let result = Fixture.check(["pages/a.md": "---\ntitle: A\n---\n## One\n\n#### Three\n\n# Title again\n"])
        #expect(result.diagnostics.filter { $0.rule == "heading.order" }.map(\.location.line) == [6, 8])
    }
}

@Suite struct CoverageAndReviewTests {
    @Test func coverageFindsEmptyAndSharedOnlyVariants() {
        let body = "::: level protection\nProtection.\n:::\n\n::: level recovery\n::: tier 11-13\nYoung recovery.\n:::\n:::\n"
        let result = Fixture.check(["modules/m.md": Fixture.module("M", body, extra: "levels: [protection, recovery]\n")])
        let cells = result.check!.coverage
        #expect(cells.count == 6)
        #expect(cells.first { $0.level == "protection" && $0.tier == "17-19" }?.status == .written)
        #expect(cells.first { $0.level == "recovery" && $0.tier == "11-13" }?.status == .written)
        #expect(cells.first { $0.level == "recovery" && $0.tier == "14-16" }?.status == .empty)
        #expect(result.diagnostics.filter { $0.rule == "coverage.empty" }.count == 2)
        #expect(result.site == nil)
        let table = CheckOutput.coverageTable(cells)
        #expect(table.contains("EMPTY"))
    }

    @Test func aModuleWithoutBlocksIsSharedOnPurpose() {
        let result = Fixture.check(["modules/m.md": Fixture.module("M", "The same for everyone.\n")])
        #expect(result.check!.coverage.allSatisfy { $0.status == .written })
        #expect(!result.diagnostics.contains { $0.rule.hasPrefix("coverage") })
    }

    @Test func aTierLeftWithSharedTextOnlyIsAWarning() {
        let body = "Shared.\n\n::: tier 11-13\nYoung.\n:::\n\n::: tier 14-16\nMiddle.\n:::\n"
        let result = Fixture.check(["modules/m.md": Fixture.module("M", body)])
        let warnings = result.diagnostics.filter { $0.rule == "coverage.tier" }
        #expect(warnings.count == 3)
        #expect(warnings.allSatisfy { $0.message.contains("tier 17-19") })
    }

    @Test func overdueReviewsAndOldHelplinesAreWarnings() {
        let page = "---\ntitle: P\nreview:\n  by: Sam\n  next: 2026-06-01\n---\nText\n"
        let early = Fixture.check(["pages/p.md": page], today: Day("2026-05-31")!)
        #expect(!early.diagnostics.contains { $0.rule.hasPrefix("review") })
        let late = Fixture.check(["pages/p.md": page], today: Day("2027-11-02")!)
        let overdue = late.diagnostics.filter { $0.rule == "review.overdue" }
        #expect(overdue.map(\.location.line) == [5])
        // The fixture's helplines were verified on 2026-11-01: stale after 2027-11-01.
        let helplines = late.diagnostics.filter { $0.rule == "review.helpline" }
        #expect(helplines.count == 5)
        #expect(helplines.first?.location.file == "Content/site.yml")
        #expect(Fixture.check(["pages/p.md": page], today: Day("2027-11-01")!).diagnostics.filter { $0.rule == "review.helpline" }.isEmpty)
    }
}
