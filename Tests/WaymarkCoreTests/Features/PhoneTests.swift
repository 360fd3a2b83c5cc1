// What to do now, first: the `::: now` panel shown at the top of a young person's page, parts
// folded with `::: more`, a contents list on long pages, numbers that can be tapped, the young
// people's chooser, the facilitators' way in, and search words that say who is asking.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct PhoneTests {
    static let body = """
    Shared opening for everyone.

    ::: tier 11-13
    ::: now
    1. Tell a safe adult today.
    2. If you are in danger now, call 999.
    3. Talk to {{route childline}}.
    :::
    :::

    ## First part

    Text of the first part.

    ::: more
    ## A story

    The story, folded.
    :::

    ## Last part

    Call 101 if it is not an emergency, or 999 in danger. Room 1010 and 9990 stay as they are.
    """

    @Test func theNowPanelComesFirstAfterTheContentNoteWhereverItIsWritten() {
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", Self.body, extra: "content_note: About things.\n")])
        #expect(!diagnostics.hasErrors)
        let main = Fixture.main(site, "young-people/protection/11-13/m/index.html")
        guard let note = main.range(of: "content-note"), let now = main.range(of: "data-now"),
              let shared = main.range(of: "Shared opening") else {
            Issue.record("missing parts: \(main)")
            return
        }
        #expect(note.lowerBound < now.lowerBound)
        #expect(now.lowerBound < shared.lowerBound, "the box comes before the body's own first words")
        #expect(main.components(separatedBy: "data-now").count == 2, "shown once")
        #expect(main.contains("<h2 class=\"now-title\" id=\"now-title\">"))
        // Another tier has no box: its page warns, and nothing is shown.
        let other = Fixture.main(site, "young-people/protection/14-16/m/index.html")
        #expect(!other.contains("data-now"))
        let missing = diagnostics.filter { $0.rule == "now.missing" }
        #expect(missing.count == 6, "every reader but the three 11-13 ones: \(missing.map(\.message))")
    }

    @Test func aMorePartFoldsUnderItsHeadingAndTheContentsListsTheParts() {
        let (site, _) = Fixture.build(["modules/m.md": Fixture.module("M", Self.body)])
        let main = Fixture.main(site, "young-people/protection/11-13/m/index.html")
        #expect(main.contains("<details class=\"more\">\n  <summary><h2 id=\"a-story\">A story</h2></summary>"))
        #expect(main.contains("<div class=\"more-content\">\n\n<p>The story, folded.</p>"))
        // Three parts (the folded one too): a contents list, linking to each.
        #expect(main.contains("<nav class=\"contents\""))
        for id in ["first-part", "a-story", "last-part"] { #expect(main.contains("<a href=\"#\(id)\">")) }
        // The box's own heading is not a part.
        #expect(!main.contains("href=\"#now-title\""))
    }

    @Test func aMorePartWithoutAHeadingAndANowPanelWithTooManyStepsAreWarnings() {
        let body = """
        ::: now
        - one
        - two
        - three
        - four
        - five
        - six
        :::

        ::: more
        No heading here.
        :::
        """
        let (_, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", body)])
        let steps = diagnostics.filter { $0.rule == "now.steps" }
        #expect(!steps.isEmpty && steps.allSatisfy { $0.message.contains("has 6 steps") && $0.location.line == 5 })
        let more = diagnostics.filter { $0.rule == "more.heading" }
        // At the line where its heading should be.
        #expect(!more.isEmpty && more.allSatisfy { $0.location.line == 14 })
    }

    @Test func emergencyNumbersInTheTextCanBeTappedButNotInsideLongerNumbersOrHeadings() {
        let (site, _) = Fixture.build(["pages/p.md": "---\ntitle: P\n---\n## Call 999\n\nCall 101 if it is not an emergency, or 999 in danger. Room 1010 and 9990 stay as they are. [Ring 111](https://example.org/111)\n"])
        let main = Fixture.main(site, "p/index.html")
        #expect(main.contains("Call <a class=\"tel\" href=\"tel:101\">101</a> if"))
        #expect(main.contains("or <a class=\"tel\" href=\"tel:999\">999</a> in danger"))
        #expect(main.contains("Room 1010 and 9990 stay"))
        #expect(main.contains("<h2 id=\"call-999\">Call 999</h2>"))
        #expect(main.contains(">Ring 111</a>") && !main.contains("tel:111"))
        // A route's words from site.yml too.
        #expect(PageRenderer.tappable("In danger? Call 999 <now>.") == "In danger? Call <a class=\"tel\" href=\"tel:999\">999</a> &lt;now&gt;.")
    }

    @Test func youngPeopleChooseByWhatIsHappeningAndReachEveryAge() {
        let yml = Fixture.siteYML.replacingOccurrences(of: "young_name: Staying safe now\n", with: "young_name: Staying safe now\n    choose: Something is happening now\n")
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", "Text.\n")], siteYML: yml)
        #expect(!diagnostics.hasErrors)
        let page = Fixture.main(site, "young-people/index.html")
        #expect(page.contains("<h3 id=\"level-risk-reduction\">Something is happening now</h3>"))
        // A level with no words of its own is offered by its young people's name.
        #expect(page.contains("<h3 id=\"level-recovery\">Moving forward</h3>"))
        #expect(page.contains("href=\"risk-reduction/14-16/\""))
        #expect(!page.lowercased().contains("your worker will tell you"))
    }

    @Test func facilitatorsReachTheProgrammesFromTheHomePageProfessionalsAndEveryFooter() {
        let session = "---\ntitle: S\nlevels: [protection]\ntiers: [14-16]\nworksheets: []\norder: 1\n---\n## Aims and outcomes\n\nLearn.\n"
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", "Text.\n"), "sessions/s.md": session])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        #expect(Fixture.html(site, "index.html").contains("href=\"facilitators/\""))
        let professionals = Fixture.main(site, "professionals/index.html")
        #expect(professionals.contains("href=\"../facilitators/protection/14-16/\""))
        let footer = Fixture.html(site, "young-people/protection/11-13/m/index.html")
        #expect(footer.contains("Group sessions (for facilitators)"))
    }

    @Test func searchWordsThatSayWhoIsAskingReachTheIndexAndNeedNoWordsOfTheSite() throws {
        let words = """
        - who: parents
          theirs: [my son, my daughter]
        - theirs: [pics]
          ours: [photo]
        """
        let wrong = Fixture.errors(Fixture.build(["modules/m.md": Fixture.module("M", "A photo.\n"),
                                                  "search-words.yml": words + "\n- who: teachers\n  theirs: [my class]\n"]).1)
        #expect(wrong.count == 1 && wrong[0].message.contains("`who` is young-people, parents or facilitators") && wrong[0].location.line == 5)
        let (site, _) = Fixture.build(["modules/m.md": Fixture.module("M", "A photo.\n"), "search-words.yml": words])
        let json = String(decoding: try #require(site?.files["search/site.json"]), as: UTF8.self)
        #expect(json.contains("{\"o\":[],\"w\":\"parents\",\"y\":[\"my son\",\"my daughter\"]}"))
        #expect(json.contains("{\"o\":[\"photo\"],\"y\":[\"pics\"]}"))
    }
}
