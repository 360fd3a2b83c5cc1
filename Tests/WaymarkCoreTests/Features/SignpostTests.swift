// Safe signposting: routes know whom they serve, help boxes offer each reader only routes that
// serve them, numbers are written once, promises are flagged, handouts print apart, and the
// example service cannot be published by accident.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

/// A module whose 17-19 block is `older` and whose 14-16 block is `younger`.
private func module(older: String, younger: String = "Text for the middle tier.") -> String {
    Fixture.module("M", """
    Shared text for everyone.

    ::: tier 11-13
    Text for the youngest.
    :::

    ::: tier 14-16
    \(younger)
    :::

    ::: tier 17-19
    \(older)
    :::

    """)
}

private func signposts(_ result: BuildReport, _ rule: String) -> [Diagnostic] {
    result.diagnostics.filter { $0.rule == rule }
}

@Suite struct SignpostAgeTests {
    @Test func a1719BlockNamingCEOPWithoutAnAgeWarnsAtItsLineAndColumn() {
        let result = Fixture.check(["modules/m.md": module(older: "You can report it to CEOP online.")])
        let warnings = signposts(result, "signpost.age")
        #expect(warnings.count == 1)
        // Front matter is lines 1-3; the 17-19 text is on line 15; "CEOP" starts at column 22.
        #expect(warnings.first?.location == SourceLocation(file: "Content/modules/m.md", line: 15, column: 22))
        #expect(warnings.first?.message.contains("under-18s") == true)
        #expect(warnings.first?.message.contains("17 to 19") == true)
    }

    @Test func theSameSentenceWithItsAgeConditionPasses() {
        let result = Fixture.check(["modules/m.md": module(older: "If you are under 18, you can report it to CEOP online.")])
        #expect(signposts(result, "signpost.age").isEmpty)
    }

    @Test func theConditionMustBeInTheSameSentence() {
        let result = Fixture.check(["modules/m.md": module(older: "Are you under 18? Report it to CEOP online.")])
        #expect(signposts(result, "signpost.age").map(\.location.line) == [15])
    }

    @Test func a1416BlockNamingCEOPDoesNotWarn() {
        let result = Fixture.check(["modules/m.md": module(older: "Talk to the police on 101.", younger: "You can report it to CEOP online.")])
        #expect(signposts(result, "signpost.age").isEmpty)
    }

    @Test func anAdultRouteOnAYoungerTierWarnsAndChildlineAt19Too() {
        let result = Fixture.check(["modules/m.md": module(older: "Call Childline.", younger: "Call the Revenge Porn Helpline.")])
        let messages = signposts(result, "signpost.age").map(\.message)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("“Revenge Porn Helpline” serves people aged 18 and over") })
        #expect(messages.contains { $0.contains("“Childline” serves under-19s") })
    }

    @Test func aListItemIsASentenceAndAnInlineRouteIsFoundAtItsMention() {
        let result = Fixture.check(["modules/m.md": module(older: "- Report it: {{route ceop url}}, or {{route ceop}}.")])
        let warnings = signposts(result, "signpost.age")
        #expect(warnings.count == 1)
        #expect(warnings.first?.location.line == 15)
        #expect(warnings.first?.location.column == 14)
    }

    @Test func anExemptionKeepsALineOnPurpose() {
        let text = "<!-- allow signpost.age: a story set when Amir was 15 -->\nAmir told CEOP."
        let result = Fixture.check(["modules/m.md": module(older: text)])
        #expect(signposts(result, "signpost.age").isEmpty)
    }

    @Test func sitePagesAreReadByEveryAge() {
        let page = "---\ntitle: Help\n---\nCEOP takes reports online.\n\nIf you are under 18, CEOP takes reports online.\n"
        let result = Fixture.check(["pages/help.md": page])
        #expect(signposts(result, "signpost.age").map(\.location.line) == [4])
    }

    @Test func parentsPagesAreForAdultsAndAreNotChecked() {
        let page = "---\ntitle: Worried\n---\nYou can report it to CEOP.\n"
        #expect(signposts(Fixture.check(["parents/worried.md": page]), "signpost.age").isEmpty)
    }
}

@Suite struct SignpostNumberTests {
    @Test func aTypedNumberOfARouteWarnsAndNamesTheMention() {
        let page = "---\ntitle: P\n---\nRing 0800 1111 for free.\n"
        let warnings = signposts(Fixture.check(["pages/p.md": page]), "signpost.number")
        #expect(warnings.map(\.location) == [SourceLocation(file: "Content/pages/p.md", line: 4, column: 6)])
        #expect(warnings.first?.message.contains("Childline") == true)
        #expect(warnings.first?.message.contains("{{route childline phone}}") == true)
    }

    @Test func anUnknownNumberWarnsToo() {
        let page = "---\ntitle: P\n---\nCall 020 7946 0123 or 116 999.\n"
        let warnings = signposts(Fixture.check(["pages/p.md": page]), "signpost.number")
        #expect(warnings.map(\.location.column) == [6, 23])
        #expect(warnings.allSatisfy { $0.message.contains("add the route to site.yml") })
    }

    @Test func emergencyNumbersDatesMentionsAndCodeAreNotNumbersToFlag() {
        let page = """
        ---
        title: P
        ---
        Call 999 now, or 101. Checked on 2026-11-29, ages 11 to 13, 1:20 minutes.
        Call {{route childline phone}}.

        ```
        0800 1111
        ```
        <!-- a note for authors: 0800 1111 -->
        """
        #expect(signposts(Fixture.check(["pages/p.md": page]), "signpost.number").isEmpty)
    }
}

@Suite struct RouteMentionTests {
    @Test func mentionsBecomeNamesAndLinksFromSiteYML() {
        let page = "---\ntitle: P\n---\nTalk to {{route childline}} on {{route childline phone}} or at {{route childline url}}.\n"
        let (site, diagnostics) = Fixture.build(["pages/p.md": page])
        #expect(Fixture.errors(diagnostics).isEmpty)
        let main = Fixture.main(site, "p/index.html")
        #expect(main.contains("Talk to Childline on <a href=\"tel:08001111\">0800 1111</a>"))
        #expect(main.contains(">childline.org.uk</a>"))
        #expect(!main.contains("{{"))
    }

    @Test func anUnknownRouteOrFieldIsAnErrorAtItsColumnAndAllAreReported() {
        let page = "---\ntitle: P\n---\nCall {{route childlne phone}}.\nText {{route childline sms}} or {{route childline fax}}.\n"
        let errors = Fixture.errors(Fixture.build(["pages/p.md": page]).1)
        #expect(errors.map(\.rule) == ["signpost.route", "signpost.route", "signpost.route"])
        #expect(errors.map(\.location) == [SourceLocation(file: "Content/pages/p.md", line: 4, column: 6),
                                           SourceLocation(file: "Content/pages/p.md", line: 5, column: 6),
                                           SourceLocation(file: "Content/pages/p.md", line: 5, column: 33)])
        #expect(errors[0].message.contains("did you mean `childline`?"))
        #expect(errors[1].message.contains("has no `sms`"))
    }

    @Test func findsMentionsAndLeavesOtherBracesAlone() {
        let mentions = RouteMention.find(in: "a {{route ceop url}} b {{other}} c {{service}}")
        #expect(mentions.map(\.target) == [.route("ceop"), .service])
        #expect(mentions.map(\.start) == [2, 35])
        #expect(mentions.first?.field == .url)
    }
}

@Suite struct HelplineConfigTests {
    static func site(replacing old: String, with new: String) -> String {
        Fixture.siteYML.replacingOccurrences(of: old, with: new)
    }

    @Test func unknownAgesPurposesAndASharedAliasAreErrorsWithLinesAllAtOnce() {
        var yml = Self.site(replacing: "ages: under-19", with: "ages: under-twenty")
        yml = yml.replacingOccurrences(of: "purposes: [report]", with: "purposes: [report, chatting]")
        yml = yml.replacingOccurrences(of: "name: Revenge Porn Helpline", with: "name: Revenge Porn Helpline\n    aliases: [CEOP]")
        let (config, diagnostics) = SiteConfigLoader.load(text: yml, file: "site.yml")
        #expect(config == nil)
        let lines = yml.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ text: String) -> Int { (lines.lastIndex { $0.contains(text) } ?? -1) + 1 }
        #expect(diagnostics.map(\.location.line) == [line("under-twenty"), line("chatting"), line("aliases: [CEOP]")])
        #expect(diagnostics[0].message.contains("unknown ages `under-twenty`"))
        #expect(diagnostics[1].message.contains("unknown purpose `chatting`"))
        #expect(diagnostics[2].message.contains("already names the helpline `ceop`"))
    }

    @Test func aBrokenHelplineOrMentionLeavesThePreviousSiteAsItWas() throws {
        let directory = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let content = directory.appendingPathComponent("Content")
        try Fixture.write(Fixture.content(["pages/p.md": "---\ntitle: P\n---\nText.\n"]), to: content)
        let options = BuildOptions(contentDirectory: content.path,
                                   templatesDirectory: Fixture.packageRoot.appendingPathComponent("Templates").path,
                                   outputDirectory: directory.appendingPathComponent("Public").path)
        #expect(Builder.build(options).succeeded)
        let page = directory.appendingPathComponent("Public/p/index.html")
        let before = try Data(contentsOf: page)
        try "---\ntitle: P\n---\nCall {{route nobody}}.\n".write(to: content.appendingPathComponent("pages/p.md"), atomically: true, encoding: .utf8)
        try Self.site(replacing: "purposes: [talk]", with: "purposes: [talking]")
            .write(to: content.appendingPathComponent("site.yml"), atomically: true, encoding: .utf8)
        let report = Builder.build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.rule == "site.helpline" && $0.message.contains("`talking`") })
        #expect(try Data(contentsOf: page) == before)
    }
}

@Suite struct HelpBoxTests {
    static let site: RenderedSite? = Fixture.build(["modules/m.md": module(older: "If you are under 18, CEOP.")]).0

    func box(_ path: String) -> String {
        let page = Fixture.html(Self.site, path)
        guard let start = page.range(of: "<aside class=\"help-box\""), let end = page.range(of: "</aside>", range: start.upperBound..<page.endIndex) else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func the1719BoxSaysWhomPartialRoutesServeAndHasAdultRoutes() {
        let box = box("young-people/protection/17-19/m/index.html")
        #expect(box.contains("If you are under 18:</span>\n      <strong>CEOP Safety Centre</strong>"))
        #expect(box.contains("If you are under 19:</span>\n      <strong>Childline</strong>"))
        #expect(box.contains("If you are 18 or over:</span>\n      <strong>Revenge Porn Helpline</strong>"))
        #expect(box.contains("<strong>Samaritans</strong>"))
    }

    @Test func youngerBoxesHaveNoAdultOnlyRouteAndNoConditions() {
        let box = box("young-people/protection/11-13/m/index.html")
        #expect(box.contains("<strong>CEOP Safety Centre</strong>"))
        #expect(!box.contains("Revenge Porn Helpline"))
        #expect(!box.contains("helpline-condition"))
        #expect(box.contains("<strong>Samaritans</strong>"))
    }

    @Test func parentsGetTheAdultsRoutes() {
        let site = Fixture.build(["parents/p.md": "---\ntitle: P\n---\nText.\n"]).0
        let page = Fixture.html(site, "parents-and-carers/p/index.html")
        #expect(page.contains("<strong>NSPCC Helpline</strong>"))
        #expect(!page.contains("<strong>Childline</strong>"))
    }

    @Test func aTierBoxWithoutAnAnyHourOrAdultRouteIsAWarning() {
        let yml = HelplineConfigTests.site(replacing: "any_time: true", with: "any_time: false")
            .replacingOccurrences(of: "ages: 18-and-over\n    purposes: [images]", with: "ages: under-18\n    purposes: [images]")
            .replacingOccurrences(of: "audiences: [young-people, parents]", with: "audiences: [parents]")
        let warnings = signposts(Fixture.check(["pages/p.md": "---\ntitle: P\n---\nText.\n"], siteYML: yml), "signpost.box")
        #expect(warnings.count == 5)
        #expect(warnings.contains { $0.message.contains("Ages 17 to 19 has no route for its readers aged 18 and over") })
    }
}

@Suite struct PromiseTests {
    static let promises = """
    - id: not-in-trouble
      kind: promise
      phrases: [not in trouble, won't be in trouble]
      because: promises a legal outcome
      instead: they are a victim
    - id: stays-here
      kind: promise
      phrases: [stays here]
      because: promises secrecy
      instead: we share only to keep someone safe
    - id: lifestyle
      phrases: [lifestyle]
      because: blames the child
      instead: describe the risk
    """

    @Test func promisesAreFlaggedInTheirFormsWithTheirReason() {
        let page = "---\ntitle: P\n---\nYou won't be in\ntrouble. What is said here stays here.\n"
        let warnings = Fixture.check(["pages/p.md": page, "language.yml": Self.promises]).diagnostics.filter { $0.rule.hasPrefix("language.") }
        #expect(warnings.map(\.rule) == ["language.not-in-trouble", "language.stays-here"])
        #expect(warnings.map(\.location.line) == [4, 5])
        #expect(warnings[0].message.contains("say instead: they are a victim"))
    }

    @Test func anUnknownKindIsAnError() {
        let list = Self.promises.replacingOccurrences(of: "kind: promise\n  phrases: [stays", with: "kind: promis\n  phrases: [stays")
        let errors = Fixture.errors(Fixture.build(["language.yml": list, "pages/p.md": "---\ntitle: P\n---\nText.\n"]).1)
        #expect(errors.map(\.location.line) == [7])
        #expect(errors.first?.message.contains("unknown kind `promis`") == true)
    }

    @Test func wordsMatterShowsBlameAndPromisesApart() {
        let site = Fixture.build(["language.yml": Self.promises]).0
        let page = Fixture.main(site, "professionals/words-matter/index.html")
        guard let blame = page.range(of: "id=\"blame\""), let promises = page.range(of: "id=\"promises\"") else {
            Issue.record("no sections: \(page)")
            return
        }
        #expect(page[blame.upperBound..<promises.lowerBound].contains("“lifestyle”"))
        #expect(!page[blame.upperBound..<promises.lowerBound].contains("stays here"))
        #expect(page[promises.upperBound...].contains("“stays here”"))
    }
}

@Suite struct HandoutTests {
    static func files(tiers: String) -> [String: String] {
        let body = "## Aims and outcomes\n\nLearn.\n\n## Handout for parents and carers\n\nYour child took part today.\n"
        return ["worksheets/first.md": Fixture.worksheet("First", "Write here.\n", tiers: tiers),
                "sessions/s.md": "---\ntitle: S\nlevels: [protection]\ntiers: \(tiers)\nworksheets: [first]\n---\n\(body)"]
    }

    @Test func theHandoutPrintsApartWithTheConsentStepAndNeverInThePack() {
        let (site, diagnostics) = Fixture.build(Self.files(tiers: "[11-13]"))
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let pack = Fixture.main(site, "facilitators/protection/11-13/s/pack/index.html")
        #expect(pack.contains("Learn."))
        #expect(!pack.contains("Your child took part today."))
        let handout = Fixture.main(site, "facilitators/protection/11-13/s/handout/index.html")
        #expect(handout.contains("Your child took part today."))
        #expect(handout.contains("only if the young person agrees"))
        #expect(handout.contains("checked that this parent or carer is safe"))
        let plan = Fixture.main(site, "facilitators/protection/11-13/s/index.html")
        #expect(!plan.contains("Your child took part today."))
        #expect(plan.contains("href=\"handout/\""))
        // Printed with the adults' help line, like parents' pages.
        #expect(Fixture.html(site, "facilitators/protection/11-13/s/handout/index.html").contains("<strong>NSPCC Helpline</strong>"))
    }

    @Test func at17To19ItIsGivenOnlyWhenTheYoungPersonAsks() {
        let (site, _) = Fixture.build(Self.files(tiers: "[17-19]"))
        let handout = Fixture.main(site, "facilitators/protection/17-19/s/handout/index.html")
        #expect(handout.contains("only if the young person asks for it"))
        #expect(handout.contains("has asked for this parent or carer to have it"))
    }
}

@Suite struct ServiceContactTests {
    static let service = """

    service:
      example: true
      name: The Example Service
      page: contact
      phone: "0808 157 0192"
      email: talk@example.org
      young_people: You can contact us yourself.
      parents: You can contact us about your child.
      professionals: Call us before you refer.
    """
    static let contact = ["pages/contact.md": "---\ntitle: Talk to us\n---\nCall {{service phone}} or email {{service email}}.\n"]

    @Test func everyHelpBoxLinksToTheServiceAndTheExampleIsLabelled() {
        let (site, diagnostics) = Fixture.build(Self.contact, siteYML: Fixture.siteYML + Self.service)
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let help = Fixture.html(site, "young-people/index.html")
        #expect(help.contains("You can contact us yourself."))
        #expect(help.contains("href=\"../contact/\""))
        #expect(help.contains("this is not a real service"))
        #expect(Fixture.main(site, "contact/index.html").contains("<a href=\"tel:08081570192\">0808 157 0192</a>"))
    }

    @Test func theExampleCannotBeBuiltForARealAddress() {
        let yml = (Fixture.siteYML + Self.service).replacingOccurrences(of: "https://example.org/", with: "https://help.service.org.uk/")
        let errors = Fixture.errors(Fixture.build(Self.contact, siteYML: yml).1)
        #expect(errors.map(\.rule) == ["service.example"])
        let exampleLine = yml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("example: true") }! + 1
        #expect(errors.first?.location.line == exampleLine)
    }

    @Test func withoutTheExampleFlagTheExampleDetailsAreRefused() {
        let yml = (Fixture.siteYML + Self.service).replacingOccurrences(of: "  example: true\n", with: "")
        let errors = Fixture.errors(Fixture.build(Self.contact, siteYML: yml).1)
        #expect(errors.map(\.rule) == ["service.example", "service.example"])
        #expect(errors[0].message.contains("Ofcom"))
        #expect(errors[1].message.contains("talk@example.org"))
    }

    @Test func theServicePageMustExist() {
        let errors = Fixture.errors(Fixture.build([:], siteYML: Fixture.siteYML + Self.service).1)
        #expect(errors.map(\.rule) == ["service.page"])
    }
}
