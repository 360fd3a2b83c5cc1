// Check stage: advice that is safe to act on. The shipped Content/safety.yml and routes shaped like
// the shipped site.yml's, against sentences written for these tests (not the shipped pages'), so
// the rules are shown to catch lines nobody has written yet.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

extension Fixture {
    static let shippedSafetyYML: String = (try? String(contentsOf: packageRoot.appendingPathComponent("Content/safety.yml"), encoding: .utf8)) ?? ""

    /// The fixture site with routes that have a limit beyond age, and one that works only soon after.
    static let siteWithLimitedRoutes = siteYML.replacingOccurrences(of: "helplines:\n", with: """
    helplines:
      - id: stopncii
        name: StopNCII.org
        aliases: [StopNCII]
        for: Adults with an intimate image taken at 18 or over
        ages: 18-and-over
        purposes: [images]
        url: https://stopncii.org/
        condition:
          says: images taken when the person was 18 or over
          words: [taken when you were 18, "18 or over when", taken under 18]
        audiences: []
        verified: 2026-11-01
      - id: take-it-down
        name: Take It Down
        for: Images taken under 18
        ages: any
        purposes: [images]
        url: https://takeitdown.ncmec.org/
        condition:
          says: images taken when the person was under 18
          words: [taken when you were under 18, taken under 18]
          met_by_readers_under: 18
        audiences: []
        verified: 2026-11-01
      - id: report-remove
        name: Report Remove
        for: Under-18s
        ages: under-18
        purposes: [images]
        url: https://www.childline.org.uk/
        condition:
          says: nude or sexual images
          words: [nude, sexual]
        audiences: []
        verified: 2026-11-01
      - id: emergency-contraception
        name: Emergency contraception
        aliases: [morning-after pill]
        for: After sex you did not want
        ages: any
        purposes: [after-assault]
        window:
          says: within 3 or 5 days
          words: [72 hours, 3 days, 5 days]
        audiences: []
        verified: 2026-11-01

    """)
}

@Suite struct SafeToActTests {
    func findings(_ files: [String: String], rule: String, safety: String = Fixture.shippedSafetyYML) -> [Diagnostic] {
        var all = files
        all["safety.yml"] = safety
        return Fixture.check(all, siteYML: Fixture.siteWithLimitedRoutes).diagnostics.filter { $0.rule == rule }
    }

    func page(_ body: String) -> [String: String] { ["pages/p.md": "---\ntitle: P\n---\n" + body] }

    // MARK: safety.watched-phone

    @Test(arguments: [
        "Go into settings and switch off your location, so that he cannot follow you.",
        "Tonight, change the password on your account.",
        "Write the plan in your notes app so you have it with you.",
        "Have a look at the linked devices list and remove his laptop.",
        "Take a screenshot of every message he sends.",
    ])
    func aPhoneStepWithoutItsCaveatIsFound(sentence: String) {
        let found = findings(page(sentence), rule: "safety.watched-phone")
        #expect(found.count == 1, "\(sentence)")
        #expect(found.first?.location.file == "Content/pages/p.md")
        #expect(found.first?.location.line == 4)
        #expect(found.first?.message.contains("only when it is safe") == true)
    }

    @Test(arguments: [
        "Only when it is safe to, switch off your location sharing.",
        "If it feels safe, change your password, or ask your worker to help you do it on a device he cannot check.",
        "He deletes the chats every night, and he tells her to block her friends.",
        "Do not delete the messages: they can be evidence.",
        "Turning off location sharing can be done with your worker, so nobody notices a sudden change.",
    ])
    func aStepWithItsCaveatOrOnlyDescribedPasses(sentence: String) {
        #expect(findings(page(sentence), rule: "safety.watched-phone").isEmpty, "\(sentence)")
    }

    @Test func aListIsCoveredByItsLeadInAndAPartByItsHeading() {
        let covered = findings(page("""
        When it is safe to, you could:

        - block the number
        - change your passcode

        ## Only if it is safe

        Log out of his tablet and check your linked devices.
        """), rule: "safety.watched-phone")
        #expect(covered.isEmpty)
        let bare = findings(page("""
        Things you could do:

        - block the number
        - change your passcode
        """), rule: "safety.watched-phone")
        #expect(bare.map(\.location.line).sorted() == [6, 7])
    }

    @Test func anExemptionKeepsAStoryLine() {
        let kept = findings(page("""
        <!-- allow safety.watched-phone: the story shows what Jay is pushed into -->
        Jay's "friend" says: change your password to mine so I can check you.
        """), rule: "safety.watched-phone")
        #expect(kept.isEmpty)
    }

    @Test func theCheckReadsEachReadersVersionAndReportsTheSourceLine() {
        let body = """
        Everyone reads this line.

        ::: tier 14-16
        Keep a record on your phone of every time he turns up.
        :::

        ::: tier 17-19
        Keep a record of every time he turns up, with your worker, not on your phone.
        :::
        """
        let found = findings(["modules/m.md": Fixture.module("M", body)], rule: "safety.watched-phone")
        #expect(found.map(\.location.line) == [7])
        #expect(found.first?.location.file == "Content/modules/m.md")
    }

    // MARK: safety.image

    @Test func showingOrSendingAnImageOnIsFoundAndAWarningAgainstItIsNot() {
        let shown = findings(page("If a boy sends you a nude, show your mum the picture so she understands."), rule: "safety.image")
        #expect(shown.count == 1)
        #expect(shown.first?.message.contains("tell a safe adult what happened") == true)
        #expect(findings(page("Please forward the photo to your teacher."), rule: "safety.image").count == 1)
        #expect(findings(page("Never forward the picture, not even to report it."), rule: "safety.image").isEmpty)
        #expect(findings(page("He said he would show the photos to her friends."), rule: "safety.image").isEmpty)
    }

    // MARK: safety.tell-first

    @Test func tellingFirstIsAPromiseUnlessItSaysTry() {
        let found = findings(page("If we need to call someone, we'll tell you first."), rule: "safety.tell-first")
        #expect(found.count == 1)
        #expect(findings(page("If we need to call someone, we will try to tell you first."), rule: "safety.tell-first").isEmpty)
    }

    // MARK: safety.time-window

    @Test func aTimeCriticalRouteUnderHoweverLongAgoNeedsItsWindow() {
        let listed = findings(page("""
        ## After an assault

        Help is there, whatever happened and whenever it happened:

        - a sexual health clinic
        - the morning-after pill from a pharmacy
        """), rule: "safety.time-window")
        #expect(listed.map(\.location.line) == [9])
        #expect(listed.first?.message.contains("within 3 or 5 days") == true)
        let windowed = findings(page("""
        ## After an assault

        Help is there, whenever it happened.

        - Emergency contraception works best soon: within 3 days for one kind, 5 days for others.
        """), rule: "safety.time-window")
        #expect(windowed.isEmpty)
        let apart = findings(page("""
        ## Help that works only soon after

        Emergency contraception from a pharmacy or clinic.

        ## Help whenever it happened

        Talking helps, however long ago it was.
        """), rule: "safety.time-window")
        #expect(apart.isEmpty)
    }

    // MARK: signpost.condition

    @Test func aRouteWithALimitBeyondAgeMustStateIt() {
        let body = """
        Everyone reads this line.

        ::: tier 17-19
        StopNCII can help stop the picture being shared.

        If it was taken when you were 18 or over, StopNCII can help.

        Take It Down can help with a picture of you.
        :::

        ::: tier 11-13
        Take It Down can help with a picture of you.

        Report Remove can help with screenshots from the group chat.
        :::
        """
        let found = findings(["modules/m.md": Fixture.module("M", body)], rule: "signpost.condition")
        // StopNCII without the age at which the image was taken; Take It Down on the 17-19 page
        // only (every 11-13 reader meets its limit); Report Remove offered for any picture.
        #expect(found.map(\.location.line).sorted() == [7, 11, 17])
        #expect(found.first?.message.contains("images taken when the person was 18 or over") == true)
    }

    // MARK: safety.yml is data

    @Test func anEditorsOwnEntryIsChecked() {
        let yml = """
        - id: meet-up
          scope: sentence
          says: [go and meet him]
          unless: [with your worker]
          because: meeting alone can be dangerous
          instead: plan it with your worker
        """
        let found = findings(page("You could go and meet him at the station."), rule: "safety.meet-up", safety: yml)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("plan it with your worker") == true)
    }

    @Test func aBrokenEntryIsAnErrorAtItsLine() {
        let yml = """
        - id: ok
          says: [block him]
          unless: [when it is safe]
          because: b
          instead: i
        - id: odd
          scope: chapter
          says: [block him]
          because: b
          instead: i
        """
        let errors = Fixture.errors(Fixture.check(["safety.yml": yml, "pages/p.md": "---\ntitle: P\n---\nHi.\n"],
                                                  siteYML: Fixture.siteWithLimitedRoutes).diagnostics)
        #expect(errors.map(\.rule) == ["safety.entry", "safety.entry"])
        #expect(errors.allSatisfy { $0.location.file == "Content/safety.yml" })
        #expect(errors.map(\.location.line).sorted() == [6, 7])
        #expect(errors.contains { $0.location.line == 7 && $0.message.contains("unknown scope `chapter`") })
    }
}
