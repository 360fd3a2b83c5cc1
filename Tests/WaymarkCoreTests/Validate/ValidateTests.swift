// Validate stage: ids in front matter and blocks against site.yml, and blocks that only modules may use.

import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct ValidateTests {
    @Test func unknownTierInFrontMatterPointsAtTheValue() {
        let (_, diagnostics) = Fixture.build(["modules/a.md": "---\ntitle: A\ntiers: [11-13, 11-12]\n---\nx\n"])
        let d = Fixture.errors(diagnostics)
        #expect(d.count == 1)
        #expect(d[0].rule == "content.unknown-tier")
        #expect(d[0].location == SourceLocation(file: "Content/modules/a.md", line: 3, column: 16))
        #expect(d[0].message.contains("did you mean `11-13`"))
    }

    @Test func unknownLevelInFrontMatterAsACommaList() {
        let (_, diagnostics) = Fixture.build(["modules/a.md": "---\ntitle: A\nlevels: protection, recover\n---\nx\n"])
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["content.unknown-level"])
        #expect(d[0].message.contains("`recover`"))
        #expect(d[0].location.line == 3)
    }

    @Test func unknownIDsInBlocksAreErrorsAtTheBlockLine() {
        let body = "x\n\n::: tier 9-10\ny\n:::\n\n::: level recovery, healing\nz\n:::\n"
        let (_, diagnostics) = Fixture.build(["modules/a.md": Fixture.module("A", body)])
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["content.unknown-tier", "content.unknown-level"])
        #expect(d.map(\.location.line) == [6, 10])
    }

    @Test func aBlockForATierTheModuleLeavesOutIsAWarning() {
        let body = "x\n\n::: tier 11-13\ny\n:::\n"
        let (site, diagnostics) = Fixture.build(["modules/a.md": Fixture.module("A", body, extra: "tiers: [14-16]\n")])
        #expect(site != nil)
        let notCovered = diagnostics.filter { $0.rule == "block.not-covered" }
        #expect(notCovered.count == 1)
        #expect(notCovered.first?.severity == .warning)
        #expect(notCovered.first?.location.line == 7)
    }

    @Test func tierBlocksInAPageAreErrors() {
        let (_, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: P\n---\n::: tier 11-13\nx\n:::\n"])
        #expect(Fixture.errors(diagnostics).map(\.rule) == ["block.not-in-module"])
        #expect(Fixture.errors(diagnostics)[0].location.line == 4)
    }

    @Test func breakPanelsAreAllowedInPages() {
        let (site, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: P\n---\n::: break\nBreathe.\n:::\n"])
        #expect(!diagnostics.hasErrors)
        #expect(Fixture.html(site, "p/index.html").contains("class=\"take-a-break\""))
    }

    @Test func childReadsMustNameAModule() {
        let (_, diagnostics) = Fixture.build([
            "modules/staying-safe.md": Fixture.module("S", "x"),
            "parents/p.md": "---\ntitle: P\nchild_reads: stay-safe\n---\n",
        ])
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["content.unknown-module"])
        #expect(d[0].message.contains("did you mean `staying-safe`"))
    }

    @Test func everyErrorInOneRunNotJustTheFirst() {
        let (_, diagnostics) = Fixture.build([
            "modules/a.md": "---\ntitle: A\nlevel: x\n---\n[b](nope.md)\n\n::: tier 1-2\n:::\n",
            "modules/b.md": "---\ntitle: B\n",
            "pages/c.md": "no front matter",
        ])
        let files = Set(Fixture.errors(diagnostics).map(\.location.file))
        #expect(files == ["Content/modules/a.md", "Content/modules/b.md", "Content/pages/c.md"])
        #expect(Fixture.errors(diagnostics).filter { $0.location.file == "Content/modules/a.md" }.map(\.rule)
                == ["front-matter.unknown-key", "link.broken", "content.unknown-tier"])
    }
}
