// The development server's rebuilds: a body-only change re-renders only that source's pages;
// anything else rebuilds everything; a failed rebuild keeps the last good site.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel
@testable import WaymarkRebuild

@Suite(.serialized) struct RebuildTests {
    /// The site in memory; `edit` writes a file of its content folder.
    func setUp() throws -> (edit: (String, String) throws -> Void, DevelopmentSite) {
        let (disk, options) = try Fixture.memorySite([
            "modules/a.md": Fixture.module("A", "First text of a.\n\n::: tier 11-13\nYoung a.\n:::\n"),
            "modules/b.md": Fixture.module("B", "Text of b, linking [A](a.md).\n"),
            "pages/help.md": "---\ntitle: Help\n---\nHelp text.\n",
        ])
        let edit = { (path: String, text: String) in try disk.write(Array(text.utf8), to: options.contentDirectory + "/" + path) }
        return (edit, DevelopmentSite(options: options))
    }

    func html(_ site: DevelopmentSite, _ path: String) -> String {
        site.file(path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    @Test func aBodyChangeRendersOnlyThatModulesPages() throws {
        let (edit, site) = try setUp()
        let first = site.rebuild()
        #expect(first.succeeded)
        #expect(first.renderedPages == first.totalPages)
        #expect(site.rebuild().unchanged)

        try edit("modules/a.md", Fixture.module("A", "Second text of a.\n\n::: tier 11-13\nYoung a.\n:::\n"))
        let second = site.rebuild()
        #expect(second.succeeded)
        // a's nine variants and the coverage page, which counts every module's words. (a's
        // overview shows no body, so it is not made again.)
        #expect(second.renderedPages == 10)
        #expect(html(site, "young-people/recovery/17-19/a/index.html").contains("Second text of a."))
        #expect(html(site, "young-people/recovery/17-19/b/index.html").contains("Text of b"))

        try edit("modules/a.md", Fixture.module("A renamed", "Second text of a.\n"))
        let third = site.rebuild()
        #expect(third.renderedPages == third.totalPages, "a title shows on other pages: everything is rebuilt")
        #expect(html(site, "young-people/protection/11-13/index.html").contains("A renamed"))
    }

    /// What the preview keeps (pages, findings, the plan, search entries, the coverage page's
    /// parts) is only right if a site rebuilt edit by edit is the site a fresh build makes:
    /// checked on the shipped content, byte for byte, with every diagnostic.
    @Test func thePreviewAfterEditsIsWhatAFreshBuildMakes() throws {
        let content = try #require(try FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path,
                                                     displayRoot: "Content"))
        let disk = MemoryFileSystem()
        try Fixture.put(content, at: "/site/Content", on: disk)
        try Fixture.put(Fixture.templates, at: "/site/Templates", on: disk)
        let options = BuildOptions(contentDirectory: "/site/Content", templatesDirectory: "/site/Templates",
                                   outputDirectory: "/site/Public", fileSystem: disk)
        let site = DevelopmentSite(options: options)
        let today = try #require(Day("2026-12-06"))
        #expect(site.rebuild(today: today).succeeded)
        func append(_ path: String, _ text: String) throws {
            let file = "/site/Content/" + path
            try disk.write(try disk.read(file) + Array(text.utf8), to: file)
        }
        let edits: [(String, String)] = [
            // A module's body: its variants, its words on the coverage page, search, reading figures.
            ("modules/staying-safe.md", "\n## A part added for the test\n\nYou can [read about grooming](grooming-or-love.md) at any time.\n"),
            // A worksheet: its pages and every pack and kit that prints it.
            ("worksheets/feelings-check-in.md", "\nOne more line to read, added for the test.\n"),
            // A page every young person may read, with a finding of its own.
            ("pages/help.md", "\nA sentence added for the test. Click [here](about.md).\n"),
            // Front matter: everything is made again.
            ("modules/not-your-fault.md", ""),
        ]
        for (path, text) in edits {
            if text.isEmpty {
                let file = "/site/Content/" + path
                let old = String(decoding: try disk.read(file), as: UTF8.self)
                try disk.write(Array(old.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: Edited, ").utf8), to: file)
            } else {
                try append(path, text)
            }
            let rebuilt = site.rebuild(today: today)
            let tree = try #require(try FileTree.read(directory: "/site/Content", displayRoot: "/site/Content", from: disk))
            let templates = try #require(try FileTree.read(directory: "/site/Templates", displayRoot: "/site/Templates", from: disk))
            let fresh = Builder.run(content: tree, templates: templates, today: today)
            #expect(rebuilt.diagnostics == fresh.diagnostics, "after editing \(path)")
            let errors = rebuilt.diagnostics.filter { $0.severity == .error }.map(\.description)
            #expect(errors.isEmpty, "after editing \(path)")
            let kept = site.files, made = fresh.site?.files ?? [:]
            #expect(Set(kept.keys) == Set(made.keys), "after editing \(path)")
            let differing = made.keys.filter { kept[$0] != made[$0] }.sorted()
            #expect(differing.isEmpty, "after editing \(path): \(differing.prefix(5))")
            if text.isEmpty { #expect(rebuilt.renderedPages == rebuilt.totalPages) } else { #expect(rebuilt.renderedPages < rebuilt.totalPages / 2) }
        }
    }

    @Test func aFailedRebuildKeepsTheLastGoodSite() throws {
        let (edit, site) = try setUp()
        #expect(site.rebuild().succeeded)
        try edit("modules/a.md", "---\ntitle: [oops\n---\n")
        let broken = site.rebuild()
        #expect(!broken.succeeded)
        #expect(site.currentErrors.first?.location.line == 2)
        #expect(html(site, "young-people/protection/11-13/a/index.html").contains("Young a."))
        // Fixing the body after a failure compares with the last good build, not the broken one.
        try edit("modules/a.md", Fixture.module("A", "Fixed text of a.\n"))
        let fixed = site.rebuild()
        #expect(fixed.succeeded)
        #expect(site.currentErrors.isEmpty)
        #expect(html(site, "young-people/protection/11-13/a/index.html").contains("Fixed text of a."))
    }

    @Test func checksFollowTheChangesThroughTheCache() throws {
        let (edit, site) = try setUp()
        try edit("language.yml", Fixture.languageYML)
        #expect(site.rebuild().diagnostics.filter { $0.rule.hasPrefix("language.") }.isEmpty)
        try edit("modules/b.md", Fixture.module("B", "He gave her gifts in return for photos.\n"))
        let flagged = site.rebuild()
        #expect(flagged.renderedPages < flagged.totalPages)
        #expect(flagged.diagnostics.map(\.rule).contains("language.in-return-for"))
        try edit("modules/b.md", Fixture.module("B", "Text of b, linking [A](a.md).\n"))
        #expect(site.rebuild().diagnostics.filter { $0.rule.hasPrefix("language.") }.isEmpty)
    }

    @Test func aSettingChangeReachesTextThatWasKeptForItsBody() throws {
        let (edit, site) = try setUp()
        try edit("modules/b.md", Fixture.module("B", "If you are under 18, report to {{route ceop}}.\n"))
        #expect(site.rebuild().succeeded)
        #expect(html(site, "search/young-people-11-13.json").contains("CEOP Safety Centre"))
        // Only site.yml changes: b's body is the same, but the route's name, in the page and in search, is new.
        try edit("site.yml", Fixture.siteYML.replacingOccurrences(of: "name: CEOP Safety Centre", with: "name: CEOP Centre"))
        #expect(site.rebuild().succeeded)
        #expect(html(site, "young-people/protection/11-13/b/index.html").contains("report to CEOP Centre"))
        #expect(html(site, "search/young-people-11-13.json").contains("report to CEOP Centre"))
        #expect(!html(site, "search/young-people-11-13.json").contains("CEOP Safety Centre"))
    }

    @Test func findingsKeptForAFileFollowItsTextAndTheSettings() throws {
        let (edit, site) = try setUp()
        #expect(site.rebuild().succeeded)
        try edit("modules/b.md", Fixture.module("B", "Ring 0800 1111 today.\n"))
        let typed = site.rebuild().diagnostics.filter { $0.rule == "signpost.number" }
        #expect(typed.count == 1 && typed.first?.message.contains("Childline's number") == true, "\(typed)")
        // site.yml alone changes: the kept finding for b's unchanged body is not reused.
        try edit("site.yml", Fixture.siteYML.replacingOccurrences(of: "0800 1111", with: "0800 2222"))
        let after = site.rebuild().diagnostics.filter { $0.rule == "signpost.number" }
        #expect(after.count == 1 && after.first?.message.contains("looks like a phone number") == true, "\(after)")
        try edit("modules/b.md", Fixture.module("B", "Ring Childline today.\n"))
        #expect(site.rebuild().diagnostics.filter { $0.rule == "signpost.number" }.isEmpty)
    }

    @Test func unchangedFilesAreNotReadAgain() {
        let cache = BuildCache()
        var tree = Fixture.content(["modules/a.md": Fixture.module("A", "Text.\n"), "modules/b.md": Fixture.module("B", "Text.\n"),
                                    "pages/p.md": "---\ntitle: P\n---\n"])
        let (first, _) = ContentLoader.load(tree, memo: cache)
        #expect(cache.hits(.loadedFile) == 0)
        let (second, _) = ContentLoader.load(tree, memo: cache)
        #expect(cache.hits(.loadedFile) == 3)
        #expect(second?.modules == first?.modules)
        tree.files["modules/a.md"] = Array(Fixture.module("A", "Changed.\n").utf8)
        let (third, _) = ContentLoader.load(tree, memo: cache)
        #expect(cache.hits(.loadedFile) == 5)
        #expect(third?.modules.first { $0.id == "a" }?.body != first?.modules.first { $0.id == "a" }?.body)
        // A new site.yml can change every file's default levels and tiers: nothing is reused.
        tree.files["site.yml"] = Array((Fixture.siteYML + "\ntagline: New\n").utf8)
        _ = ContentLoader.load(tree, memo: cache)
        #expect(cache.hits(.loadedFile) == 5)
    }

    @Test func onlyFilesWhoseStampMovedAreReadFromDiskAgain() throws {
        let folder = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old.md"), fresh = folder.appendingPathComponent("fresh.md")
        try "first".write(to: old, atomically: true, encoding: .utf8)
        try "first".write(to: fresh, atomically: true, encoding: .utf8)
        let longAgo = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: old.path)
        let (tree, stamps) = try #require(try FileTree.reread(directory: folder.path, previous: nil, stamps: [:]))
        #expect(tree.files["old.md"] == Array("first".utf8))
        #expect(stamps["old.md"] != nil)
        // A file written a moment ago may be written again in the same clock tick: no stamp yet.
        #expect(stamps["fresh.md"] == nil)

        // Same size, same time: the bytes are taken from the previous tree (the disk is not read,
        // which is why the changed text does not show here).
        try "FIRST".write(to: old, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: old.path)
        try "again".write(to: fresh, atomically: false, encoding: .utf8)
        let (second, _) = try #require(try FileTree.reread(directory: folder.path, previous: tree, stamps: stamps))
        #expect(second.files["old.md"] == Array("first".utf8))
        #expect(second.files["fresh.md"] == Array("again".utf8))
        // A new change time: read again.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: old.path)
        let (third, _) = try #require(try FileTree.reread(directory: folder.path, previous: second, stamps: stamps))
        #expect(third.files["old.md"] == Array("FIRST".utf8))
    }

    @Test func frontMatterIsComparedByItsBytes() {
        let before = Array("---\ntitle: A\n---\nbody one".utf8)
        let after = Array("---\ntitle: A\n---\nbody two".utf8)
        #expect(DevelopmentSite.frontMatter(before) == DevelopmentSite.frontMatter(after))
        #expect(DevelopmentSite.frontMatter(Array("---\ntitle: B\n---\nbody one".utf8)) != DevelopmentSite.frontMatter(before))
        let old = FileTree(root: "C", files: ["m/a.md": before])
        #expect(DevelopmentSite.bodyOnlyChanges(from: old, to: FileTree(root: "C", files: ["m/a.md": after])) == ["m/a.md"])
        #expect(DevelopmentSite.bodyOnlyChanges(from: old, to: FileTree(root: "C", files: ["m/a.md": after, "m/b.md": after])) == nil)
    }

    @Test func thePreviewReadsFrontMatterAsTheLoaderDoes() {
        // A line "----" is not a fence for the loader, so the YAML below it changed: a full rebuild.
        let before = Array("---\ntitle: A\n----\nlevels: [x]\n---\nbody".utf8)
        let after = Array("---\ntitle: A\n----\nlevels: [y]\n---\nbody".utf8)
        #expect(DevelopmentSite.frontMatter(before) != DevelopmentSite.frontMatter(after))
        let old = FileTree(root: "C", files: ["m/a.md": before])
        #expect(DevelopmentSite.bodyOnlyChanges(from: old, to: FileTree(root: "C", files: ["m/a.md": after])) == nil)
        // "..." closes front matter for the loader, and trailing spaces after "---" are allowed.
        let dots = Array("---\ntitle: A\n...\nbody one".utf8)
        #expect(DevelopmentSite.frontMatter(dots) == DevelopmentSite.frontMatter(Array("---   \ntitle: A\n...\nbody two".utf8)))
    }
}
