// Plan stage: which pages exist and where they are written.

import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct PlanTests {
    func plan(_ files: [String: String]) -> (SitePlan, [Diagnostic]) {
        let (content, _) = ContentLoader.load(Fixture.content(files))
        return SitePlan.make(for: content!)
    }

    @Test func everyModuleGetsAPagePerLevelAndTier() {
        let (plan, diagnostics) = plan([
            "modules/one.md": Fixture.module("One", "x"), "modules/two.md": Fixture.module("Two", "x"),
            "modules/three.md": Fixture.module("Three", "x"), "modules/four.md": Fixture.module("Four", "x"),
        ])
        #expect(diagnostics.isEmpty)
        let variants = plan.pages.filter { if case .moduleVariant = $0.kind { return true } else { return false } }
        #expect(variants.count == 36)
        #expect(Set(variants.map(\.outputPath)).count == 36)
        #expect(plan.page(.moduleVariant(module: "two", level: "risk-reduction", tier: "14-16"))?.outputPath
                == "young-people/risk-reduction/14-16/two/index.html")
        #expect(plan.page(.variantIndex(level: "recovery", tier: "17-19"))?.outputPath == "young-people/recovery/17-19/index.html")
        #expect(plan.page(.home)?.outputPath == "index.html")
        #expect(plan.page(.notFound)?.outputPath == "404.html")
    }

    @Test func aModuleCoversOnlyTheLevelsAndTiersItNames() {
        let (plan, _) = plan(["modules/m.md": Fixture.module("M", "x", extra: "levels: [recovery]\ntiers: [14-16, 17-19]\n")])
        let variants = plan.pages.compactMap { page -> String? in
            if case let .moduleVariant(_, level, tier) = page.kind { return "\(level)/\(tier)" } else { return nil }
        }
        #expect(variants == ["recovery/14-16", "recovery/17-19"])
    }

    @Test func pagesAndParentsHaveCleanURLs() {
        let (plan, _) = plan([
            "pages/help.md": "---\ntitle: Help\n---\n", "parents/signs.md": "---\ntitle: Signs\n---\n",
            "parents/index.md": "---\ntitle: Parents\n---\n",
        ])
        #expect(plan.page(.page("help"))?.urlPath == "help/")
        #expect(plan.page(.parentsPage("signs"))?.outputPath == "parents-and-carers/signs/index.html")
        #expect(plan.page(.parentsIndex)?.source == "Content/parents/index.md")
        #expect(plan.page(.parentsPage("index")) == nil)
    }

    @Test func twoFilesWithTheSameURLAreAnError() {
        let (_, diagnostics) = plan(["pages/young-people.md": "---\ntitle: Clash\n---\n",
                                     "pages/index.md": "---\ntitle: Home clash\n---\n"])
        #expect(diagnostics.map(\.rule) == ["plan.duplicate-url", "plan.duplicate-url"])
        #expect(Set(diagnostics.map(\.location.file)) == ["Content/pages/young-people.md", "Content/pages/index.md"])
    }

    @Test func orderIsByOrderThenName() {
        let (plan, _) = plan(["modules/b.md": Fixture.module("B", "x", extra: "order: 1\n"),
                              "modules/a.md": Fixture.module("A", "x", extra: "order: 2\n"),
                              "modules/c.md": Fixture.module("C", "x")])
        let overviews = plan.pages.compactMap { page -> String? in
            if case let .moduleOverview(id) = page.kind { return id } else { return nil }
        }
        #expect(overviews == ["b", "a", "c"])
    }
}
