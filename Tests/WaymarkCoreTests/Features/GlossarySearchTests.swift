// The glossary (one data file, a page per tier, first uses linked) and the on-device search
// indexes (one per tier and audience) with their A to Z fallback.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel
@testable import WaymarkRebuild

@Suite struct GlossaryTests {
    static let glossaryYML = """
    - term: grooming
      also: [groomed]
      definitions:
        "11-13": Young meaning of grooming.
        "14-16": Middle meaning of grooming.
        "17-19": Older meaning of grooming.
        parents: Parents' meaning of grooming.
    - term: consent
      definitions:
        "11-13": Young meaning of consent.
        "14-16": Middle meaning of consent.
        "17-19": Older meaning of consent.
        parents: Parents' meaning of consent.
    - term: age of consent
      definitions:
        "11-13": Young meaning of the age of consent.
        "14-16": Middle.
        "17-19": Older.
    """

    static let files: [String: String] = [
        "glossary.yml": glossaryYML,
        "modules/m.md": Fixture.module("M", """
        ## What grooming means

        Grooming is a trick. Grooming again, and [grooming in a link](n.md).

        The age of consent is 16. Consent also matters.

        """),
        "modules/n.md": Fixture.module("N", "[About grooming](m.md). She was groomed.\n"),
        "parents/p.md": "---\ntitle: P\n---\nWhat is grooming?\n",
    ]

    @Test func theFirstUseOnAPageLinksToTheReadersGlossaryButNotInHeadingsOrLinks() throws {
        let (built, diagnostics) = Fixture.build(Self.files)
        #expect(Fixture.errors(diagnostics).isEmpty, "\(Fixture.errors(diagnostics))")
        let site = try #require(built)
        let page = Fixture.main(site, "young-people/protection/14-16/m/index.html")
        #expect(page.contains("<h2 id=\"what-grooming-means\">What grooming means</h2>"))
        #expect(page.contains("<p><a class=\"glossary-term\" href=\"../../../glossary/14-16/#grooming\">Grooming</a> is a trick. Grooming again"))
        #expect(page.components(separatedBy: "#grooming\"").count - 1 == 1, "only the first use")
        // The longer term wins where both start: "age of consent", then "Consent" on its own.
        #expect(page.contains("<a class=\"glossary-term\" href=\"../../../glossary/14-16/#age-of-consent\">age of consent</a>"))
        #expect(page.contains("<a class=\"glossary-term\" href=\"../../../glossary/14-16/#consent\">Consent</a> also matters"))
        // Not inside a link; another form of the word counts.
        let other = Fixture.main(site, "young-people/recovery/11-13/n/index.html")
        #expect(other.contains("<a href=\"../m/\" data-print-url=\"https://example.org/young-people/recovery/11-13/m/\">About grooming</a>. She was <a class=\"glossary-term\" href=\"../../../glossary/11-13/#grooming\">groomed</a>."))
        #expect(Fixture.main(site, "parents-and-carers/p/index.html").contains("href=\"../glossary/#grooming\""))
    }

    @Test func eachTierAndParentsHaveTheirOwnGlossaryPage() throws {
        let (built, _) = Fixture.build(Self.files)
        let site = try #require(built)
        let young = Fixture.main(site, "young-people/glossary/11-13/index.html")
        #expect(young.contains("<div class=\"glossary-entry\" id=\"grooming\"><dt>grooming</dt><dd>Young meaning of grooming.</dd></div>"))
        #expect(!young.contains("Middle meaning"))
        let parents = Fixture.main(site, "parents-and-carers/glossary/index.html")
        #expect(parents.contains("Parents&#39; meaning of grooming.") || parents.contains("Parents' meaning of grooming."))
        #expect(!parents.contains("id=\"age-of-consent\""), "no parents' definition: left out")
    }

    @Test func aTermWithoutEveryDefinitionIsAWarningAndADuplicateAnError() {
        let (_, diagnostics) = Fixture.build(Self.files)
        #expect(diagnostics.filter { $0.rule == "glossary.definition" }.map(\.location.line) == [16])
        let duplicate = Self.glossaryYML + "\n- term: Groomed\n  definitions:\n    \"11-13\": x\n"
        let (_, again) = Fixture.build(Self.files.merging(["glossary.yml": duplicate]) { $1 })
        #expect(Fixture.errors(again).map(\.rule) == ["glossary.duplicate"])
    }
}

@Suite struct SearchTests {
    let files: [String: String] = [
        "modules/m.md": Fixture.module("Staying safe", "Shared words.\n\n::: level recovery\nHealing zebra.\n:::\n\n::: tier 11-13\nYoungest giraffe.\n:::\n",
                                       extra: "summary: How to stay safe.\n"),
        "pages/help.md": "---\ntitle: Help\n---\n## Who to call\n\nCall someone.\n",
        "parents/p.md": "---\ntitle: Signs\n---\nChanges in mood.\n",
    ]

    func file(_ site: RenderedSite?, _ name: String) throws -> [String: Any] {
        let data = try #require(site?.files["search/\(name).json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
    }

    func index(_ site: RenderedSite?, _ name: String) throws -> [[String: String]] {
        try #require(try file(site, name)["entries"] as? [[String: String]])
    }

    @Test func eachTiersIndexHoldsEveryLevelOfThatTierOnlyAndSitePagesAreShared() throws {
        let (site, _) = Fixture.build(files)
        let young = try index(site, "young-people-11-13")
        let modules = young.filter { $0["t"] == "Staying safe" }
        #expect(modules.map { $0["l"] } == ["protection", "risk-reduction", "recovery"])
        #expect(modules.allSatisfy { $0["u"]!.hasPrefix("young-people/") && $0["u"]!.contains("/11-13/") })
        #expect(modules.allSatisfy { $0["x"]!.contains("Youngest giraffe.") })
        #expect(modules.first { $0["l"] == "recovery" }?["x"] == "Shared words. Healing zebra. Youngest giraffe.")
        #expect(modules.first { $0["l"] == "protection" }?["x"]?.contains("zebra") == false)
        // The site's pages are in one shared index, not in every tier's.
        #expect(!young.contains { $0["t"] == "Help" })
        let shared = try index(site, "shared")
        #expect(shared.contains { $0["t"] == "Help" && $0["h"] == "who to call" && $0["x"] == "Who to call. Call someone." })
        let older = try index(site, "young-people-17-19")
        #expect(!older.contains { $0["x"]!.contains("giraffe") })
        let parents = try index(site, "parents")
        #expect(parents.contains { $0["t"] == "Signs" && $0["u"] == "parents-and-carers/p/" })
        // Each index names the levels, to label a page from another level.
        #expect(try file(site, "young-people-11-13")["levels"] as? [String: String] == ["protection": "Knowing the signs", "risk-reduction": "Staying safe now", "recovery": "Moving forward"])
    }

    @Test func codeIsNotTextAndMarksAreNotWords() throws {
        let body = "## Where to go\n\nSee [the help page](../pages/help.md) **now**.\n\n```\n# not a heading\n```\n\n1. First step, at 18.\n"
        let (site, _) = Fixture.build(files.merging(["pages/p.md": "---\ntitle: P\n---\n" + body]) { $1 })
        let entry = try #require(try index(site, "shared").first { $0["t"] == "P" })
        #expect(entry["h"] == "where to go")
        // The text as a reader sees it: no space left where a mark was.
        #expect(entry["x"] == "Where to go. See the help page now. First step, at 18.")
    }

    @Test func youngPeoplesWordsGoToTheirTiersIndexes() throws {
        let words = "- theirs: [pics, nudes]\n  ours: [giraffe]\n- theirs: [deepfake]\n  ours: [zebra]\n  tiers: [17-19]\n"
        let (site, diagnostics) = Fixture.build(files.merging(["search-words.yml": words]) { $1 })
        #expect(Fixture.errors(diagnostics).isEmpty)
        let young = try #require(try file(site, "young-people-11-13")["words"] as? [[String: [String]]])
        #expect(young == [["o": ["giraffe"], "y": ["pics", "nudes"]]])
        let older = try #require(try file(site, "young-people-17-19")["words"] as? [[String: [String]]])
        #expect(older.count == 2)
    }

    @Test func aWordNoPageUsesIsReportedWithItsLine() {
        let words = "- theirs: [pics]\n  ours: [giraffe]\n- theirs: [nudes]\n  ours: [elephant, zebra]\n  tiers: [18-19]\n"
        let result = Fixture.check(files.merging(["search-words.yml": words]) { $1 })
        #expect(Fixture.errors(result.diagnostics).map(\.location.line) == [5])
        let broken = "- theirs: [pics]\n  ours: [giraffe]\n- theirs: [nudes]\n  ours: [elephant, zebra]\n"
        let warnings = Fixture.check(files.merging(["search-words.yml": broken]) { $1 }).diagnostics.filter { $0.rule == "search.words" }
        #expect(warnings.map(\.location.line) == [3])
        #expect(warnings.first?.message.contains("“elephant”") == true)
    }

    @Test func theSearchPageNeverPutsTheQueryInTheAddressAndHasAnAToZWithoutJavaScript() throws {
        let (site, _) = Fixture.build(files)
        let page = Fixture.html(site, "young-people/recovery/11-13/search/index.html")
        #expect(page.contains("data-index=\"../../../../search/young-people-11-13.json\""))
        #expect(page.contains("data-level=\"recovery\""))
        // The form has no action, no method and its field no name: nothing can be submitted.
        #expect(page.contains("<form class=\"search-form\" role=\"search\" hidden>"))
        #expect(page.contains("<input id=\"search-words\" type=\"search\" autocomplete=\"off\""))
        #expect(!page.contains("name=\"q\"") && !page.contains("method=") && !page.contains("action="))
        #expect(page.contains("<h3>S</h3>"))
        #expect(page.contains("<li><a href=\"../m/\">Staying safe</a></li>"))
        #expect(page.contains("<li><a href=\"../../../../help/\">Help</a></li>"))
        // A young person's page links to the search for their own level and tier.
        #expect(Fixture.html(site, "young-people/recovery/11-13/m/index.html").contains("href=\"../search/\">Search</a>"))
    }
}

@Suite struct SearchIndexEncodingTests {
    /// The index is written without JSONEncoder (for speed); it must be the same JSON, byte for byte.
    @Test func theIndexIsExactlyWhatJSONEncoderWrites() throws {
        let tricky = ["plain", "quote \" and back\\slash", "a/b/c/", "line\nbreak\ttab\rreturn", "bell\u{07} nul\u{00} esc\u{1B}",
                      "\u{08}\u{0C}", "Cymraeg: â ŵ ŷ", "اردو", "emoji 🙂", "\u{2028}\u{2029}", "</script>", ""]
        let entries = tricky.enumerated().map { index, text in
            SearchEntry(t: text, u: "p/\(index)/", l: index % 2 == 0 ? "" : "recovery", s: text + "!", h: text.lowercased(), x: text)
        }
        let file = SearchIndexFile(entries: entries, levels: ["recovery": "Moving \"forward\"", "protection": "Knowing"],
                                   words: [SearchWordsView(o: ["image", "photo"], y: ["pics", "send pics"]), SearchWordsView(o: ["a"], y: [])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = Array(try encoder.encode(file))
        #expect(SearchIndex.encode(file) == expected, "\(String(decoding: SearchIndex.encode(file), as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
        #expect(SearchIndex.encode(SearchIndexFile(entries: [])) == Array(try encoder.encode(SearchIndexFile(entries: []))))
        // The preview's way, from each entry's kept JSON, gives the same bytes.
        let cache = BuildCache()
        #expect(SearchIndex.encode(file, encoded: { entry in cache.value(.searchJSON, entry.u, madeFrom: entry) { SearchIndex.object(entry) } }) == expected)
        #expect(SearchIndex.encode(file, encoded: { entry in cache.value(.searchJSON, entry.u, madeFrom: entry) { SearchIndex.object(entry) } }) == expected)
    }
}
