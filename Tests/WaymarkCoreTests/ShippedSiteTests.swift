// End to end on the content this repository ships: it builds clean, every module has all nine
// pages, and every link in every generated page leads to a file the build wrote.

import Foundation
import Testing
@testable import WaymarkCore

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
