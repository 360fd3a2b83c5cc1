// Load stage: front matter, site.yml and the block syntax, with the real file lines in diagnostics.

import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct FrontMatterTests {
    @Test func splitsFrontMatterAndNumbersBodyLinesFromTheTopOfTheFile() throws {
        let split = try FrontMatter.split("---\ntitle: A\n---\nfirst\nsecond", file: "x.md").get()
        #expect(split.yaml == "title: A")
        #expect(split.yamlFirstLine == 2)
        #expect(split.body.map(\.number) == [4, 5])
        #expect(split.body.map(\.text) == ["first", "second"])
    }

    @Test func unclosedFrontMatterIsAnErrorOnLineOne() {
        let result = FrontMatter.split("---\ntitle: A\nbody", file: "m.md")
        guard case .failure(let d) = result else { Issue.record("expected an error"); return }
        #expect(d.location == SourceLocation(file: "m.md", line: 1, column: 1))
        #expect(d.rule == "front-matter.unclosed")
    }

    @Test func brokenYAMLReportsTheFileLine() {
        let (_, diagnostics) = Fixture.build(["modules/a.md": "---\ntitle: A\nsummary: [oops\n---\nText\n"])
        let d = Fixture.errors(diagnostics).first
        #expect(d?.location.file == "Content/modules/a.md")
        #expect(d?.location.line == 3)
        #expect(d?.rule == "yaml.syntax")
    }

    @Test func yamlWithABadIndentReportsItsLine() {
        let (_, diagnostics) = Fixture.build(["modules/a.md": "---\ntitle: A\nreview:\n  by: me\n date: x\n---\nText\n"])
        let d = Fixture.errors(diagnostics).first
        #expect(d?.location.line == 5)
    }

    @Test func unknownKeyNamesTheAllowedKeysAndTheLikelyTypo() {
        let (site, diagnostics) = Fixture.build(["modules/a.md": "---\ntitle: A\nlevel: recovery\n---\nText\n"])
        #expect(site == nil)
        let d = Fixture.errors(diagnostics)
        #expect(d.count == 1)
        #expect(d[0].location == SourceLocation(file: "Content/modules/a.md", line: 3, column: 1))
        #expect(d[0].message.contains("`level`"))
        #expect(d[0].message.contains("did you mean `levels`"))
        #expect(d[0].message.contains("title, summary, theme, order, levels, tiers, content_note, review"))
    }

    @Test func missingTitleIsAnError() {
        let (_, diagnostics) = Fixture.build(["pages/p.md": "---\nsummary: S\n---\nText\n"])
        let d = Fixture.errors(diagnostics)
        #expect(d.map(\.rule) == ["front-matter.missing-key"])
        #expect(d[0].message.contains("title"))
        #expect(d[0].location.file == "Content/pages/p.md")
    }

    @Test func aFileWithoutFrontMatterIsAnError() {
        let (_, diagnostics) = Fixture.build(["pages/p.md": "Just text\n"])
        #expect(Fixture.errors(diagnostics).map(\.rule) == ["front-matter.missing"])
    }

    @Test func titleOnlyIsAValidPage() {
        let (site, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: Only a title\n---\n"])
        #expect(!diagnostics.hasErrors)
        #expect(Fixture.html(site, "p/index.html").contains("<h1>Only a title</h1>"))
    }

    @Test func duplicateKeysPointAtTheSecondOne() {
        let (_, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: A\ntitle: B\n---\n"])
        let d = Fixture.errors(diagnostics)
        #expect(d.first?.rule == "yaml.duplicate-key")
        #expect(d.first?.location.line == 3)
    }

    @Test func reviewDatesMustBeRealDates() {
        let (_, diagnostics) = Fixture.build(["pages/p.md": "---\ntitle: A\nreview:\n  by: Sam\n  next: 2027-02-30\n---\n"])
        let d = Fixture.errors(diagnostics)
        #expect(d.count == 1)
        #expect(d.first?.location.line == 5)
        #expect(d.first?.message.contains("YYYY-MM-DD") == true)
    }
}

@Suite struct EncodingTests {
    @Test func notUTF8PointsAtTheBadByte() {
        var tree = Fixture.content([:])
        tree.files["modules/a.md"] = Array("---\ntitle: A\n---\nok\nbad ".utf8) + [0xFF, 0x41]
        let (_, diagnostics) = Builder.build(content: tree, templates: Fixture.templates)
        let d = Fixture.errors(diagnostics)
        #expect(d.count == 1)
        #expect(d[0].rule == "file.encoding")
        #expect(d[0].location == SourceLocation(file: "Content/modules/a.md", line: 5, column: 5))
    }

    @Test func byteOrderMarkAndWindowsLineEndingsAreAccepted() {
        var tree = Fixture.content([:])
        tree.files["pages/p.md"] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Windows\r\n---\r\nHello\r\n".utf8)
        let (site, diagnostics) = Builder.build(content: tree, templates: Fixture.templates)
        #expect(!diagnostics.hasErrors)
        #expect(Fixture.html(site, "p/index.html").contains("<p>Hello</p>"))
    }

    @Test func validMultibyteTextIsNotReported() {
        #expect(TextDecoding.firstInvalidUTF8Offset(Array("café – ✓ 😀".utf8)[...]) == nil)
        #expect(TextDecoding.firstInvalidUTF8Offset([0x61, 0xC3][...]) == 1)
        #expect(TextDecoding.firstInvalidUTF8Offset([0xED, 0xA0, 0x80][...]) == 0)
    }
}

@Suite struct SiteConfigTests {
    @Test func missingSiteYMLIsAnError() {
        let (_, diagnostics) = Fixture.build(["modules/a.md": Fixture.module("A", "x")], siteYML: nil)
        #expect(Fixture.errors(diagnostics).map(\.location.file) == ["Content/site.yml"])
    }

    @Test func emptyContentFolderIsAnError() {
        let (_, diagnostics) = Builder.build(content: FileTree(root: "Content"), templates: Fixture.templates)
        #expect(Fixture.errors(diagnostics).first?.message.contains("empty or missing") == true)
    }

    @Test func emptySiteYMLIsAnError() {
        let (_, diagnostics) = Fixture.build([:], siteYML: "")
        #expect(Fixture.errors(diagnostics).first?.message.contains("site.yml is empty") == true)
    }

    @Test func everyProblemInSiteYMLIsReportedWithItsLine() {
        let yml = """
        title: T
        sitemap: false
        tiers:
          - id: "11-13"
            label: Young
            ages: [13, 11]
            reading_grade: 5
        levels:
          - id: Protection
            name: P
            young_name: Y
            summary: S
        exit:
          url: weather
        colour: blue
        """
        let (_, diagnostics) = Fixture.build([:], siteYML: yml)
        let lines = Fixture.errors(diagnostics).map(\.location.line)
        #expect(lines == [6, 9, 14, 15])
    }

    @Test func readsTiersLevelsHelplinesAndExit() {
        let (config, diagnostics) = SiteConfigLoader.load(text: Fixture.siteYML, file: "site.yml")
        #expect(diagnostics.isEmpty)
        #expect(config?.tiers.map(\.id) == ["11-13", "14-16", "17-19"])
        #expect(config?.tiers[1].readingGrade == 6.5)
        #expect(config?.levels.map(\.youngName) == ["Knowing the signs", "Staying safe now", "Moving forward"])
        #expect(config?.helplines(for: .parents).map(\.name) == ["Samaritans", "NSPCC Helpline"])
        #expect(config?.helplines.first?.verified == Day("2026-11-01"))
        #expect(config?.exit.url == "https://www.bbc.co.uk/weather")
    }
}

@Suite struct BlockParserTests {
    func parse(_ text: String) -> ([BodyNode], [Diagnostic]) {
        var parser = BodyParser(file: "m.md")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { SourceLine(text: String($0.element), number: $0.offset + 1) }
        let nodes = parser.parse(lines)
        return (nodes, parser.diagnostics)
    }

    @Test func nestedBlocksKeepTheirKindsAndLines() {
        let (nodes, diagnostics) = parse("""
        Everyone.
        ::: level recovery
        Recovery.
        ::: tier 14-16, 17-19
        Older recovery.
        :::
        :::
        """)
        #expect(diagnostics.isEmpty)
        guard case .block(let outer) = nodes[1] else { Issue.record("expected a block"); return }
        #expect(outer.kind == .levels(["recovery"]))
        #expect(outer.opening.line == 2)
        guard case .block(let inner) = outer.children[1] else { Issue.record("expected a nested block"); return }
        #expect(inner.kind == .tiers(["14-16", "17-19"]))
        #expect(inner.children == [.line(SourceLine(text: "Older recovery.", number: 5))])
    }

    @Test func strayCloseAndUnclosedBlockAreReportedAtTheirLines() {
        let (_, diagnostics) = parse("a\n:::\n::: tier 11-13\nb")
        #expect(diagnostics.map(\.rule) == ["block.stray-close", "block.unclosed"])
        #expect(diagnostics.map(\.location.line) == [2, 3])
    }

    @Test func unknownBlockKindAndMissingIDsAreErrors() {
        let (_, diagnostics) = parse("::: age 11\n:::\n::: tier\n:::")
        #expect(diagnostics.map(\.rule) == ["block.unknown", "block.missing-id"])
        #expect(diagnostics.map(\.location.line) == [1, 3])
    }

    @Test func fencesInsideCodeAreText() {
        let (nodes, diagnostics) = parse("```\n:::\n::: tier 11-13\n```\nafter")
        #expect(diagnostics.isEmpty)
        #expect(nodes.count == 5)
        #expect(nodes.allSatisfy { if case .line = $0 { return true } else { return false } })
    }

    @Test func commentsAreRemovedButKeepTheLinesAround() {
        let (nodes, _) = parse("a <!-- note --> b\n<!-- whole\nline -->\nc")
        #expect(nodes == [.line(SourceLine(text: "a  b", number: 1)), .line(SourceLine(text: "c", number: 4))])
    }

    @Test func aBlockInsideACommentIsIgnored() {
        let (nodes, diagnostics) = parse("<!--\n::: tier 11-13\n-->\nx")
        #expect(diagnostics.isEmpty)
        #expect(nodes == [.line(SourceLine(text: "x", number: 4))])
    }
}
