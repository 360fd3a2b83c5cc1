// Issue 26: activities young people try (scenario, quiz, card sort), the calm pages, the
// facilitator's kit, answer keys made from the activities, the visual timetable, and plans that
// agree with their own timings table.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct ActivityTests {
    static let scenario = """
    ## Practise

    ::: scenario What could Jay do?
    Jay is 13. A gamer sends him credit and asks him to keep it secret.

    - Keep it secret.
      = Secrets like this are how grooming works. It would not be Jay's fault.
    - Tell his mum what the gamer said.
      = His mum can help him report it. He is not in trouble.
    :::
    """

    static let quiz = """
    ::: quiz True or myth? | True | Myth
    - If you took a gift, it is partly your fault.
      = myth: It is never your fault. Gifts are a trick.
    - Someone who cares lets you see your friends.
      = TRUE: In a safe relationship you can see friends.
    :::
    """

    @Test func aScenarioShowsEachChoicesFeedbackByCSSFoldedOnAReadersPageAndOpenOnAWorksheet() {
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", Self.scenario),
                                                 "worksheets/w.md": Fixture.worksheet("W", Self.scenario)])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let page = Fixture.main(site, "young-people/protection/11-13/m/index.html")
        #expect(page.contains("<details class=\"activity activity-scenario\" id=\"activity-1\" data-activity=\"scenario\">"), "folded on a reader's page")
        #expect(page.contains("<p>Jay is 13. A gamer sends him credit and asks him to keep it secret.</p>"))
        // One radio group; choice N shows feedback N (site.css pairs them).
        #expect(page.contains("<input type=\"radio\" class=\"activity-pick activity-pick-1\" name=\"activity-1-1\" id=\"activity-1-1-1\">"))
        #expect(page.contains("<label for=\"activity-1-1-2\">Tell his mum what the gamer said.</label>"))
        #expect(page.contains("<p class=\"activity-feedback activity-feedback-2\">His mum can help him report it. He is not in trouble.</p>"))
        #expect(page.contains("aria-live=\"polite\""))
        // Nothing is sent anywhere: no form, no address to submit to.
        #expect(!page.contains("<form") && !page.contains("action="))
        let sheet = Fixture.main(site, "facilitators/worksheets/protection/11-13/w/index.html")
        #expect(sheet.contains("data-activity=\"scenario\" open>"), "printed pages show it open")
        #expect(sheet.contains("activity-write print-only"), "lines to write on, in print")
        let css = String(decoding: site?.files["assets/site.css"] ?? [], as: UTF8.self)
        #expect(css.contains(".activity-pick-2:checked ~ .activity-feedbacks .activity-feedback-2"))
    }

    @Test func aQuizGivesEachStatementItsAnswerWhateverItsCase() {
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", Self.quiz)])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let page = Fixture.main(site, "young-people/protection/11-13/m/index.html")
        #expect(page.contains("data-activity=\"quiz\""))
        #expect(page.contains("<legend>If you took a gift, it is partly your fault.</legend>"))
        #expect(page.contains("<label for=\"activity-1-2-2\">Myth</label>"))
        #expect(page.contains("<p class=\"activity-feedback activity-feedback-any\"><strong>Myth.</strong> It is never your fault. Gifts are a trick.</p>"))
        #expect(page.contains("<strong>True.</strong> In a safe relationship you can see friends."))
        #expect(page.components(separatedBy: "type=\"radio\"").count - 1 == 4, "two answers for each of two statements")
    }

    @Test func everyProblemInAnActivityIsReportedAtOnceAtItsLine() {
        let body = """
        ::: sort Safe or not? | Safe | Not safe
        - A friend asks first.
          = safe: Asking shows respect.
        - He says you owe him.
        - You can say no.
          = maybe: You can.
        :::

        ::: more
        ## Folded

        ::: quiz Q
        - One.
          = true: yes
        - Two.
          = myth: no
        :::
        :::
        """
        let (site, diagnostics) = Fixture.build(["modules/m.md": Fixture.module("M", body)])
        #expect(site == nil, "an activity that cannot be read stops the build")
        let errors = Fixture.errors(diagnostics)
        let feedback = errors.first { $0.rule == "activity.feedback" }
        #expect(feedback?.location == SourceLocation(file: "Content/modules/m.md", line: 7, column: 1), "at the card with no answer")
        let answer = errors.first { $0.rule == "activity.answer" }
        #expect(answer?.location == SourceLocation(file: "Content/modules/m.md", line: 9, column: 3))
        #expect(answer?.message.contains("Safe, Not safe") == true)
        #expect(errors.contains { $0.rule == "activity.place" && $0.location.line == 15 }, "an activity inside `::: more`: \(errors)")
    }

    @Test func feedbackThatShamesIsAWarningAndTheLanguageRulesReadFeedback() {
        let body = """
        ::: scenario What could Sam do?
        Sam is 14.

        - Go to the party.
          = Wrong! You should have said no.
        - Tell a trusted adult.
          = That could help. Her older boyfriend is the one who is wrong.
        :::
        """
        let result = Fixture.check(["modules/m.md": Fixture.module("M", body)])
        let tone = result.diagnostics.filter { $0.rule == "activity.feedback-tone" }
        #expect(tone.count == 1)
        #expect(tone.first?.location.line == 8)
        #expect(tone.first?.message.contains("“wrong”") == true)
        #expect(result.diagnostics.contains { $0.rule.hasPrefix("language.") && $0.location.line == 10 }, "“older boyfriend” in feedback")
    }

    @Test func theSessionPlanAndPackPrintAnswerKeysMadeFromTheWorksheetsActivities() {
        let worksheet = Fixture.worksheet("Sort it", """
        ::: standard
        \(Self.quiz)
        :::
        ::: simpler
        ::: quiz True or myth? | True | Myth
        - {{symbol tick}} Gifts can be a trick.
          = true: Groomers use gifts.
        - {{symbol cross}} It is your fault.
          = myth: It is never your fault.
        :::
        :::
        """)
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let (site, diagnostics) = Fixture.build([
            "worksheets/w.md": worksheet, "images/symbols/tick.svg": svg, "images/symbols/cross.svg": svg,
            "sessions/s.md": Fixture.session("S", worksheets: "[w]"),
        ])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let plan = Fixture.main(site, "facilitators/protection/11-13/s/index.html")
        #expect(plan.contains("<h2 id=\"answer-keys-title\">Answer keys</h2>"))
        #expect(plan.contains("<h3>Sort it: True or myth?</h3>"))
        #expect(plan.contains("<tr><td>If you took a gift, it is partly your fault.</td><td><strong>Myth</strong></td><td>It is never your fault. Gifts are a trick.</td></tr>"))
        // The simpler sheet has its own statements: its key too, without its pictures.
        #expect(plan.contains("<h3>Sort it (simpler version): True or myth?</h3>"))
        #expect(plan.contains("<tr><td>Gifts can be a trick.</td><td><strong>True</strong></td>"))
        let pack = Fixture.main(site, "facilitators/protection/11-13/s/pack/index.html")
        #expect(pack.contains("class=\"answer-keys\""))
    }
}

@Suite struct SessionTimingsTests {
    static func plan(rows: String, sections: String) -> String {
        Fixture.session("S", worksheets: "[]", body: """
        ## Aims and outcomes

        Learn.

        ## Length and timings

        | Time | Activity | Minutes |
        |---|---|---|
        \(rows)

        \(sections)
        """)
    }

    static let rows = """
    | 0:00 | Welcome and group agreement. | 10 |
    | 0:10 | Activity 1: Spot the signs. | 20 |
    | 0:30 | Break and grounding. | 10 |
    | 0:40 | Activity 2: Who can help. | 50 |
    | | Total. | 90 |
    """

    func timings(_ text: String) -> [Diagnostic] {
        Fixture.check(["sessions/s.md": text]).diagnostics.filter { $0.rule == "session.timings" }
    }

    @Test func aPlanInTheTablesOrderHasNothingToSay() {
        let problems = timings(Self.plan(rows: Self.rows, sections: """
        ## Welcome
        ## Activity 1: Spot the signs (20 minutes)
        ### Break and grounding
        ## Activity 2: Who can help (50 minutes)
        """))
        #expect(problems.isEmpty, "\(problems.map(\.message))")
    }

    @Test func aSectionPrintedOutOfOrderMinutesThatDisagreeAndARowWithNoSectionAreWarnings() {
        let problems = timings(Self.plan(rows: Self.rows, sections: """
        ## Welcome
        ## Activity 1: Spot the signs (25 minutes)
        ## Activity 2: Who can help (50 minutes)
        ## Break and grounding
        """))
        // Rows are at lines 17 to 21 of the file (front matter and the table's head first).
        #expect(problems.contains { $0.location.line == 18 && $0.message.contains("its heading (line 24) says 25") }, "\(problems.map(\.message))")
        #expect(problems.contains { $0.location.line == 20 && $0.message.contains("the table runs “Activity 2: Who can help.” after “Break and grounding.”") })
        let unnamed = timings(Self.plan(rows: Self.rows.replacingOccurrences(of: "Break and grounding.", with: "Snack."), sections: """
        ## Welcome
        ## Activity 1: Spot the signs
        ## Activity 2: Who can help
        """))
        #expect(unnamed.map(\.location.line) == [19])
        #expect(unnamed.first?.message.contains("“Snack.” names no section") == true)
    }

    @Test func startTimesAndTheTotalMustAddUp() {
        let rows = Self.rows.replacingOccurrences(of: "| 0:30 |", with: "| 0:35 |").replacingOccurrences(of: "| 90 |", with: "| 95 |")
        let problems = timings(Self.plan(rows: rows, sections: "## Welcome\n## Activity 1: Spot the signs\n## Break and grounding\n## Activity 2: Who can help"))
        #expect(problems.contains { $0.location.line == 19 && $0.message.contains("starts at 0:35, but the row before ends at 0:30") })
        #expect(problems.contains { $0.message.contains("the total is 95 minutes, but the rows add up to 90") })
    }

    @Test func thePackPrintsTheTimetableWithAPictureForEachStep() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let (site, _) = Fixture.build(["sessions/s.md": Self.plan(rows: Self.rows, sections: "## Welcome"),
                                       "images/symbols/calm.svg": svg, "images/symbols/star.svg": svg])
        let pack = Fixture.main(site, "facilitators/protection/11-13/s/pack/index.html")
        #expect(pack.contains("<section class=\"timetable\""))
        #expect(pack.contains("<img src=\"../../../../../images/symbols/calm.svg\" alt=\"\" width=\"48\" height=\"48\"><span class=\"timetable-time\">0:30</span> <span class=\"timetable-step\">Break and grounding</span> <span class=\"timetable-minutes\">(10 minutes)</span>"))
        // A step with no picture in the site's symbols (no people.svg here) shows its words alone.
        #expect(pack.contains("<li><span class=\"timetable-time\">0:00</span> <span class=\"timetable-step\">Welcome and group agreement</span>"))
        let timetable = pack.components(separatedBy: "</section>").first { $0.contains("class=\"timetable\"") } ?? ""
        #expect(timetable.components(separatedBy: "<li>").count - 1 == 4 && !timetable.contains("Total"), "the total is not a step")
    }
}

@Suite struct CalmAndKitTests {
    static let calm = "---\ntitle: Feel calmer\ncalm: 11-13\n---\nBreathe with the circle.\n\n::: breathe\n"

    @Test func theCalmPageIsMarkedHasTheBreathingGuideAndEveryTakeABreakLinksToItsTiersPage() {
        let (site, diagnostics) = Fixture.build([
            "pages/calm-young.md": Self.calm,
            "modules/m.md": Fixture.module("M", "Text.\n\n::: break\nBreathe slowly.\n:::\n"),
        ])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let page = Fixture.main(site, "calm-young/index.html")
        #expect(page.contains("<div class=\"content\" data-calm>"))
        #expect(page.contains("<div class=\"breathe\" data-breathe"))
        #expect(page.contains("<input type=\"checkbox\" class=\"breathe-pause\""), "a pause that works with scripts off")
        let module = Fixture.html(site, "young-people/protection/11-13/m/index.html")
        #expect(module.contains("<aside class=\"take-a-break\""))
        #expect(module.components(separatedBy: "<a class=\"calm-link\" href=\"../../../../calm-young/\">").count - 1 == 2, "in the take-a-break box and the help box")
        // Another tier has no calm page of its own: the plainest one is offered.
        #expect(Fixture.html(site, "young-people/protection/17-19/m/index.html").contains("href=\"../../../../calm-young/\""))
        // Adults' pages do not offer a young person's calm page.
        #expect(!Fixture.html(site, "facilitators/index.html").contains("calm-link"))
    }

    @Test func aCalmPageForATierThatDoesNotExistIsAnError() {
        let (_, diagnostics) = Fixture.build(["pages/calm.md": Self.calm.replacingOccurrences(of: "calm: 11-13", with: "calm: 11-31")])
        #expect(Fixture.errors(diagnostics).contains { $0.rule == "content.unknown-tier" && $0.location.line == 3 })
    }

    @Test func kitSheetsAreListedOnTheProgrammePageAndFacilitatorsFormsHaveNoSimplerVersion() {
        let form = "---\ntitle: Group register\nthemes: [grooming]\nlevels: [protection]\ntiers: [11-13]\nkit: true\nfor: facilitators\nfacilitator: Keep it locked away.\n---\n| Name | Session 1 |\n|---|---|\n| | |\n"
        let cards = "---\ntitle: Time-out cards\nthemes: [grooming]\nlevels: [protection]\ntiers: [11-13]\nkit: true\nfacilitator: Cut them out.\n---\nI need a break.\n"
        let (site, diagnostics) = Fixture.build([
            "worksheets/register.md": form, "worksheets/cards.md": cards,
            "sessions/s.md": Fixture.session("S", worksheets: "[]"),
        ])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let programme = Fixture.main(site, "facilitators/protection/11-13/index.html")
        #expect(programme.contains("<h2 id=\"kit-title\">"))
        #expect(programme.contains("<a href=\"../../worksheets/protection/11-13/register/\">Group register</a>"))
        #expect(programme.contains("<a href=\"../../worksheets/protection/11-13/cards/simpler/\">"))
        #expect(!programme.contains("register/simpler/"))
        #expect(site?.files["facilitators/worksheets/protection/11-13/register/simpler/index.html"] == nil)
        #expect(site?.files["facilitators/worksheets/protection/11-13/cards/simpler/index.html"] != nil)
        // The whole kit prints from one page, each sheet on its own, from the programme page.
        #expect(programme.contains("<a class=\"button-link\" href=\"kit/\">"))
        let kit = Fixture.main(site, "facilitators/protection/11-13/kit/index.html")
        #expect(kit.components(separatedBy: "<section class=\"pack-worksheet\"").count - 1 == 2)
        #expect(kit.contains("<h2 class=\"worksheet-title\">Group register</h2>") && kit.contains("I need a break."))
        #expect(site?.pdfJobs.contains { $0.pdf == "facilitators/protection/11-13/kit/kit-protection-11-13.pdf" } == true)
        // A bad `for:` is an error at its line.
        let (_, bad) = Fixture.build(["worksheets/register.md": form.replacingOccurrences(of: "for: facilitators", with: "for: staff")])
        #expect(Fixture.errors(bad).contains { $0.rule == "front-matter.value" && $0.location.line == 7 })
    }

    @Test func pictureCardsShowTheirPicturesInBothVersionsOfTheSheet() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
        let sheet = Fixture.worksheet("Cards", "::: picture-cards\n- {{symbol stop}} Time out. I need a break.\n- {{symbol stop}} Time out.\n:::\n")
        let (site, diagnostics) = Fixture.build(["worksheets/w.md": sheet, "images/symbols/stop.svg": svg])
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        for path in ["facilitators/worksheets/protection/11-13/w/index.html", "facilitators/worksheets/protection/11-13/w/simpler/index.html"] {
            let page = Fixture.main(site, path)
            #expect(page.contains("<li class=\"picture-card\"><img class=\"symbol\" src=\""), "\(path)")
            #expect(page.components(separatedBy: "class=\"picture-card\"").count - 1 == 2)
        }
        let (_, empty) = Fixture.build(["worksheets/w.md": Fixture.worksheet("Cards", "::: picture-cards\n:::\n")])
        #expect(Fixture.errors(empty).contains { $0.rule == "element.arguments" })
    }
}
