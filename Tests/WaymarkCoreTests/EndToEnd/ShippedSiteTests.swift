// End to end on the content this repository ships: it builds clean, every module has all nine
// pages, and every link in every generated page leads to a file the build wrote.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct ShippedSiteTests {
    static let built: (RenderedSite?, [Diagnostic]) = {
        let content = (try? FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path,
                                          displayRoot: "Content")) ?? nil
        return Builder.build(content: content ?? FileTree(root: "Content"), templates: Fixture.templates)
    }()

    @Test func buildsWithoutErrors() {
        let (site, diagnostics) = Self.built
        let errors = Fixture.errors(diagnostics)
        #expect(errors.isEmpty, "\(errors.count) errors, first: \(errors.prefix(5).map(\.description))")
        #expect(site != nil)
    }

    @Test func everyModuleHasAPageForEveryLevelAndTier() throws {
        guard let site = Self.built.0 else { return } // buildsWithoutErrors reports why
        let modules = ["grooming-or-love", "safe-relationships", "staying-safe", "not-your-fault"]
        var count = 0
        for module in modules {
            for level in ["protection", "risk-reduction", "recovery"] {
                for tier in ["11-13", "14-16", "17-19"] {
                    let page = Fixture.main(site, "young-people/\(level)/\(tier)/\(module)/index.html")
                    #expect(page.contains("class=\"content-note\""), "\(level)/\(tier)/\(module) has no content note")
                    #expect(page.contains("class=\"take-a-break\""), "\(level)/\(tier)/\(module) has no take-a-break panel")
                    count += 1
                }
            }
        }
        #expect(count == 36)
    }

    @Test func theSiteHasItsPagesAndParentsSection() throws {
        guard let site = Self.built.0 else { return } // buildsWithoutErrors reports why
        for page in ["help", "cover-your-tracks", "about", "privacy", "accessibility"] {
            #expect(site.files["\(page)/index.html"] != nil, "missing /\(page)/")
        }
        #expect(site.files["parents-and-carers/index.html"] != nil)
        #expect(site.files["404.html"] != nil)
        #expect(site.files["sitemap.xml"] != nil)
    }

    @Test func everyInternalLinkLeadsToAFileTheBuildWrote() throws {
        guard let site = Self.built.0 else { return } // buildsWithoutErrors reports why
        let hrefPattern = try Regex(#"(?:href|src)="([^"]*)""#)
        var broken: [String] = []
        for (path, bytes) in site.files where path.hasSuffix(".html") && path != "404.html" {
            let html = String(decoding: bytes, as: UTF8.self)
            for match in html.matches(of: hrefPattern) {
                let url = String(match.output[1].substring ?? "")
                if url.hasPrefix("#") || url.contains(":") { continue }
                let target = resolve(url, from: path)
                if site.files[target] == nil { broken.append("\(path): \(url)") }
            }
        }
        #expect(broken.isEmpty, "\(broken.prefix(10))")
    }

    /// The shipped translations, as a translator previews them (drafts included).
    static let withDrafts: BuildReport = {
        let content = (try? FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path,
                                          displayRoot: "Content")) ?? nil
        return Builder.run(content: content ?? FileTree(root: "Content"), templates: Fixture.templates, today: Day.today(),
                           plan: PlanOptions(includeDrafts: true))
    }()

    @Test func theShippedTranslationsAreCompleteDraftsThatSayWhenTheyAreBehind() throws {
        let result = Self.withDrafts
        #expect(Fixture.errors(result.diagnostics).isEmpty)
        // The English changed for safety (issue 16): the drafts are marked behind, as notes, never
        // as warnings (nothing unreviewed is published).
        let translationWarnings = result.diagnostics.filter { $0.rule.hasPrefix("translation.") && $0.severity != .note }
        #expect(translationWarnings.isEmpty, "\(translationWarnings.prefix(5).map(\.description))")
        let states = try #require(result.check?.translations)
        #expect(Set(states.map(\.language)) == ["cy", "ur"])
        #expect(states.allSatisfy { $0.status == "draft" })
        let behind = result.diagnostics.filter { $0.rule == "translation.stale" }.map(\.location.file)
        #expect(Set(behind) == Set(states.filter { !$0.upToDate }.map(\.file)))
        for code in ["cy", "ur"] {
            #expect(Set(states.filter { $0.language == code }.map(\.source)) == ["pages/help.md", "modules/staying-safe.md"])
        }
        let site = try #require(result.site)
        for page in ["ur/help/index.html", "ur/young-people/protection/14-16/staying-safe/index.html",
                     "cy/help/index.html", "cy/young-people/protection/14-16/staying-safe/index.html"] {
            #expect(Fixture.html(site, page).contains("class=\"draft-banner\""), "\(page)")
        }
        // Not one English interface string is left on an Urdu page.
        let urdu = Fixture.html(site, "ur/help/index.html")
        for english in ["Leaving quickly and covering your tracks", "Reading help", "Need to talk to someone?", "Skip to main content",
                        "This site uses no cookies"] {
            #expect(!urdu.contains(english), "\(english)")
        }
        // A link to a page that is only in English is marked as English.
        #expect(urdu.contains("<a href=\"../../cover-your-tracks/\" lang=\"en-GB\" hreflang=\"en-GB\">Cover your tracks</a>"))
        // And the live build has none of them.
        #expect(Self.built.0?.files.keys.contains { $0.hasPrefix("ur/") || $0.hasPrefix("cy/") } == false)
    }

    /// Issue 16: every young people's page offers only routes that serve its readers, says whom
    /// a route serves where it serves only some of them, and has an any-hour route; 17-19 pages
    /// have a route for adults.
    @Test func everyHelpBoxOffersOnlyRoutesThatServeItsReaders() throws {
        let site = try #require(Self.built.0)
        let content = try #require(try FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path, displayRoot: "Content"))
        let config = try #require(SiteConfig.load(Data(content.files["site.yml"] ?? []), file: "site.yml").0)
        let itemPattern = try Regex(#"<li>\s*(?:<span class="helpline-condition">([^<]*):</span>)?\s*<strong>([^<]*)</strong>"#)
        var checked = 0
        for (path, bytes) in site.files where path.hasPrefix("young-people/") && path.hasSuffix("/index.html") {
            let parts = path.split(separator: "/")
            guard parts.count >= 4, let tier = config.tier(String(parts[2])) else { continue }
            let html = String(decoding: bytes, as: UTF8.self)
            guard let start = html.range(of: "<aside class=\"help-box\""),
                  let end = html.range(of: "</aside>", range: start.upperBound..<html.endIndex) else {
                Issue.record("\(path) has no help box")
                continue
            }
            var routes: [Helpline] = []
            for match in html[start.lowerBound..<end.upperBound].matches(of: itemPattern) {
                let name = String(match.output[2].substring ?? "")
                let condition = match.output[1].substring.map(String.init)
                let route = try #require(config.helplines.first { $0.name == name }, "\(path): unknown route \(name)")
                switch route.ages.serves(youngest: tier.youngestAge, oldest: tier.oldestAge) {
                case .none: Issue.record("\(path): \(name) serves none of \(tier.label)")
                case .part: #expect(condition?.contains(route.ages == .adults ? "18 or over" : route.ages == .under18 ? "under 18" : "under 19") == true, "\(path): \(name) without its age")
                case .all: #expect(condition == nil, "\(path): \(name) with a condition it does not need")
                }
                routes.append(route)
            }
            #expect(routes.contains { $0.anyTime }, "\(path): no route that answers at any hour")
            if tier.oldestAge >= 18 {
                #expect(routes.contains { $0.ages == .adults }, "\(path): no route for adults")
            }
            checked += 1
        }
        #expect(checked >= 36 + 9)
    }

    @Test func noNumberIsTypedIntoAPageAndNoPackHoldsAHandout() throws {
        let (site, diagnostics) = Self.built
        #expect(!diagnostics.contains { $0.rule.hasPrefix("signpost.") }, "\(diagnostics.filter { $0.rule.hasPrefix("signpost.") }.prefix(5))")
        let files = try #require(site).files
        let packs = files.keys.filter { $0.hasSuffix("/pack/index.html") }
        let handouts = files.keys.filter { $0.hasSuffix("/handout/index.html") }
        #expect(!packs.isEmpty)
        #expect(handouts.count == packs.count)
        for pack in packs {
            let html = String(decoding: files[pack] ?? [], as: UTF8.self)
            #expect(!html.contains("class=\"handout\""), "\(pack)")
            // The handout's own words are not in the pack either.
            let handout = String(decoding: files[pack.replacingOccurrences(of: "/pack/", with: "/handout/")] ?? [], as: UTF8.self)
            let article = handout.range(of: "<article class=\"handout\">").map { String(handout[$0.upperBound...].prefix(400)) } ?? ""
            let firstParagraph = article.range(of: "<p>").map { String(article[$0.upperBound...].prefix(60)) } ?? "?"
            #expect(!html.contains(firstParagraph), "\(pack) holds its handout")
        }
    }

    /// Issue 17: every topic of topics.yml reaches every reader it must, and the facilitators get
    /// a programme (opening, themed, closing) for every level and tier, with simpler worksheets.
    @Test func everyTopicReachesEveryReaderItMust() throws {
        let check = try #require(Self.checked.check)
        let topics = Set(check.topics.map(\.topic))
        #expect(topics.count >= 14, "\(topics.sorted())")
        for cell in check.topics {
            #expect(!cell.files.isEmpty, "\(cell.topic) is missing for \(cell.reader)")
        }
        // Each young reader finds the guide's topics in their own modules, not only in site pages.
        let online = check.topics.filter { $0.topic == "online-blackmail" }.map(\.reader).sorted()
        #expect(online == ["parents", "protection/14-16", "protection/17-19", "recovery/14-16", "recovery/17-19",
                           "risk-reduction/14-16", "risk-reduction/17-19"])
    }

    static let checked: BuildReport = {
        let content = (try? FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path,
                                          displayRoot: "Content")) ?? nil
        return Builder.run(content: content ?? FileTree(root: "Content"), templates: Fixture.templates, today: Day("2026-12-01")!)
    }()

    @Test func everyLevelAndTierHasAProgrammeAndEveryWorksheetASimplerVersion() throws {
        let site = try #require(Self.built.0)
        for level in ["protection", "risk-reduction", "recovery"] {
            for tier in ["11-13", "14-16", "17-19"] {
                let page = Fixture.main(site, "facilitators/\(level)/\(tier)/index.html")
                let opening = page.range(of: "Opening session:"), closing = page.range(of: "Closing session:"),
                    themed = page.range(of: "Themed session:")
                #expect(opening != nil && themed != nil && closing != nil, "\(level) \(tier)")
                if let opening, let themed, let closing {
                    #expect(opening.lowerBound < themed.lowerBound && themed.lowerBound < closing.lowerBound, "\(level) \(tier)")
                }
            }
        }
        let simpler = site.files.keys.filter { $0.hasPrefix("facilitators/worksheets/") && $0.hasSuffix("/simpler/index.html") }
        let usual = site.files.keys.filter { $0.hasPrefix("facilitators/worksheets/") && $0.hasSuffix("/index.html") && !$0.contains("/simpler/") }
        // Every sheet a young person fills in has a simpler version; the facilitators' own forms
        // in the kit (register, record, risk assessment: `for: facilitators`) have none.
        let forms = usual.filter { path in ["/kit-register/", "/kit-session-record/", "/kit-risk-assessment/"].contains { path.contains($0) } }
        #expect(forms.count == 27, "three forms for each of the 9 programmes")
        #expect(simpler.count == usual.count - forms.count && !simpler.isEmpty)
        for path in simpler {
            let html = Fixture.main(site, path)
            #expect(html.contains("<img class=\"symbol\" src=\""), "\(path) has no symbol")
            #expect(!html.contains("{{symbol"), "\(path)")
        }
        for path in usual {
            // Picture cards (a time-out card) are pictures in both versions; nothing else of the
            // usual sheet shows a symbol.
            let page = Fixture.main(site, path).replacingOccurrences(of: #"<ul class="print-element picture-cards">[\s\S]*?</ul>"#,
                                                                    with: "", options: .regularExpression)
            #expect(!page.contains("class=\"symbol\""), "\(path)")
        }
    }

    /// Where a relative link on a page at `from` points, as a file of the site.
    func resolve(_ url: String, from: String) -> String {
        let path = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var parts = from.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
        }
        let joined = parts.joined(separator: "/")
        if path.isEmpty { return from }
        return path.hasSuffix("/") || path == "." || path.hasSuffix("/.") ? (joined.isEmpty ? "index.html" : joined + "/index.html") : joined
    }
}
