// `waymark new`: every kind of scaffold builds clean, and the command refuses to overwrite.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct ScaffoldTests {
    let config = SiteConfigLoader.load(text: Fixture.siteYML, file: "site.yml").0!

    @Test(arguments: ScaffoldKind.allCases)
    func everyKindBuildsWithoutErrorsOrWarnings(kind: ScaffoldKind) throws {
        let scaffold = try #require(Scaffold.make(kind, name: "Online safety", config: config, today: Day("2026-11-29")!))
        #expect(scaffold.path == "\(kind.rawValue == "page" ? "pages" : kind.rawValue == "parents" ? "parents" : kind.rawValue + "s")/online-safety.md")
        let result = Fixture.check([scaffold.path: scaffold.text])
        // A site with only this session has no programme around it yet: that is about the site.
        let problems = result.diagnostics.filter { $0.rule != "content.no-modules" && $0.rule != "session.programme" }
        #expect(problems.isEmpty, "\(problems)")
        #expect(result.site?.files[scaffold.url + "index.html"] != nil, "\(scaffold.url)")
    }

    @Test func aModuleHasABlockForEveryLevelAndTierAndTheGuidesParts() throws {
        let scaffold = try #require(Scaffold.make(.module, name: "online-safety", config: config, today: Day("2026-11-29")!))
        for level in ["protection", "risk-reduction", "recovery"] { #expect(scaffold.text.contains("::: level \(level)\n")) }
        #expect(scaffold.text.components(separatedBy: "::: tier 14-16\n").count - 1 == 3)
        #expect(scaffold.text.contains("content_note:"))
        #expect(scaffold.text.contains("::: break"))
        #expect(scaffold.text.contains("title: Online safety"))
        #expect(scaffold.moreURLs == 8)
    }

    @Test func aSessionHasEverySection() throws {
        let scaffold = try #require(Scaffold.make(.session, name: "Planning", config: config, today: Day("2026-11-29")!))
        for section in SessionRule.requiredSections { #expect(scaffold.text.contains("## \(section)\n")) }
    }

    @Test func namesBecomeIDs() {
        #expect(Scaffold.id(from: "It's not your fault!") == "it-s-not-your-fault")
        #expect(Scaffold.id(from: "online-safety") == "online-safety")
        #expect(Scaffold.id(from: "   ") == "")
    }

    @Test func theCommandWritesOnceAndRefusesToOverwrite() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content([:]), to: dir.appendingPathComponent("Content"))
        func run() throws -> (Int32, String) {
            let result = try Waymark.run(["new", "parents", "Sleep and worry"], in: dir)
            return (result.status, result.out + result.err)
        }
        let first = try run()
        #expect(first.0 == 0)
        #expect(first.1.contains("Created Content/parents/sleep-and-worry.md"))
        #expect(first.1.contains("/parents-and-carers/sleep-and-worry/"))
        let file = dir.appendingPathComponent("Content/parents/sleep-and-worry.md")
        try "edited by hand".write(to: file, atomically: true, encoding: .utf8)
        let second = try run()
        #expect(second.0 == 1)
        #expect(second.1.contains("already exists"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "edited by hand")
    }
}
