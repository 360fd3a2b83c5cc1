// Write stage and whole builds on disk: atomic replacement, no stale files, byte-identical output,
// and the command line's exit code and diagnostic format.

import Foundation
import Testing
@testable import WaymarkCore

@Suite struct WriteTests {
    let good: [String: String] = [
        "modules/a.md": Fixture.module("A", "Text [B](b.md)\n"),
        "modules/b.md": Fixture.module("B", "Text\n"),
        "pages/help.md": "---\ntitle: Help\n---\nHelp\n",
    ]

    func setUp(_ files: [String: String]) throws -> (URL, BuildOptions) {
        let dir = Fixture.temporaryDirectory()
        try Fixture.write(Fixture.content(files), to: dir.appendingPathComponent("Content"))
        let options = BuildOptions(contentDirectory: dir.appendingPathComponent("Content").path,
                                   templatesDirectory: Fixture.packageRoot.appendingPathComponent("Templates").path,
                                   outputDirectory: dir.appendingPathComponent("Public").path)
        return (dir, options)
    }

    func snapshot(_ folder: String) -> [String: Data] {
        guard let tree = try? FileTree.read(directory: folder) else { return [:] }
        return tree.files.mapValues { Data($0) }
    }

    @Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
        let (dir, options) = try setUp(good)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Builder.build(options).succeeded)
        let before = snapshot(options.outputDirectory)
        #expect(before["young-people/recovery/17-19/a/index.html"] != nil)

        try "---\ntitle: A\nlevel: oops\n---\n".write(toFile: options.contentDirectory + "/modules/a.md", atomically: true, encoding: .utf8)
        let report = Builder.build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.hasErrors)
        #expect(snapshot(options.outputDirectory) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("waymark-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aBuildRemovesWhatAKilledBuildLeftButNotARunningOnesFolder() throws {
        let (dir, options) = try setUp(good)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A build with an id no process has (killed), and one whose process is running (pid 1).
        var dead: Int32 = 999_999
        while SiteWriter.isRunning(dead) { dead -= 1 }
        let fm = FileManager.default
        let killed = dir.appendingPathComponent(".Public.waymark-new-\(dead)")
        let killedOld = dir.appendingPathComponent(".Public.waymark-old-\(dead)")
        let running = dir.appendingPathComponent(".Public.waymark-new-1")
        let otherOutput = dir.appendingPathComponent(".Other.waymark-new-\(dead)")
        for folder in [killed, killedOld, running, otherOutput] {
            try fm.createDirectory(at: folder.appendingPathComponent("young-people"), withIntermediateDirectories: true)
        }
        #expect(Builder.build(options).succeeded)
        #expect(!fm.fileExists(atPath: killed.path) && !fm.fileExists(atPath: killedOld.path))
        #expect(fm.fileExists(atPath: running.path), "a build still running keeps its folder")
        #expect(fm.fileExists(atPath: otherOutput.path), "another output's folders are not this build's business")
    }

    @Test func aSuccessfulBuildLeavesNoStaleFile() throws {
        let (dir, options) = try setUp(good)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Builder.build(options).succeeded)
        try FileManager.default.removeItem(atPath: options.contentDirectory + "/modules/b.md")
        try "---\ntitle: A\n---\nNo links now\n".write(toFile: options.contentDirectory + "/modules/a.md", atomically: true, encoding: .utf8)
        #expect(Builder.build(options).succeeded)
        let files = snapshot(options.outputDirectory)
        #expect(files["young-people/protection/11-13/a/index.html"] != nil)
        #expect(files.keys.filter { $0.contains("/b/") }.isEmpty)
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let (dir, options) = try setUp(good)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Builder.build(options).succeeded)
        let first = snapshot(options.outputDirectory)
        #expect(Builder.build(options).succeeded)
        #expect(snapshot(options.outputDirectory) == first)
        // And in memory, whatever order the files arrive in.
        let (a, _) = Fixture.build(good)
        let (b, _) = Fixture.build(good)
        #expect(a?.files == b?.files)
        #expect(a?.files.count == first.count)
    }

    @Test func refusesToReplaceAFolderThatIsNotABuiltSite() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let precious = dir.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try "keep me".write(to: precious.appendingPathComponent("thesis.txt"), atomically: true, encoding: .utf8)
        #expect(throws: SiteWriter.WriteError.self) { try SiteWriter.write(["index.html": []], to: precious.path) }
        #expect(try String(contentsOf: precious.appendingPathComponent("thesis.txt"), encoding: .utf8) == "keep me")
    }

    @Test func aMissingContentFolderIsAnErrorNotACrash() {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = Builder.build(BuildOptions(contentDirectory: dir.appendingPathComponent("nothing").path,
                                                templatesDirectory: Fixture.packageRoot.appendingPathComponent("Templates").path,
                                                outputDirectory: dir.appendingPathComponent("Public").path))
        #expect(!report.succeeded)
        #expect(report.diagnostics.first?.location.file.hasSuffix("nothing/site.yml") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Public").path))
    }

    @Test func displayPathsAreRelativeToTheCurrentFolder() {
        #expect(Builder.displayPath("/work/site/Content", from: "/work/site") == "Content")
        #expect(Builder.displayPath("/work/other/Content", from: "/work/site") == "../other/Content")
        #expect(Builder.displayPath("/tmp/x", from: "/work/site") == "/tmp/x")
    }
}

@Suite(.serialized) struct CommandLineTests {
    var executable: URL { Fixture.packageRoot.appendingPathComponent(".build/debug/waymark") }

    func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func errorsUseTheCompilerFormatWithPathsFromTheCurrentFolderAndExitNonZero() throws {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the waymark executable first")
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content([
            "modules/a.md": "---\ntitle: A\ntiers: [11-12]\n---\nText\n",
            "modules/b.md": "---\ntitle: B\n---\n[x](nope.md)\n\n:::\n",
        ]), to: dir.appendingPathComponent("Content"))
        let templates = Fixture.packageRoot.appendingPathComponent("Templates").path
        let result = try run(["build", "--templates", templates], in: dir)
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Content/modules/a.md:3:9: error: unknown tier `11-12`") })
        #expect(lines.contains { $0.hasPrefix("Content/modules/b.md:4:5: error: `nope.md` links to") })
        #expect(lines.contains { $0.hasPrefix("Content/modules/b.md:6:1: error: this `:::` closes no block") })
        #expect(lines.last?.contains("Public was not changed") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Public").path))
    }

    @Test func aGoodBuildPrintsOneSummaryLineAndExitsZero() throws {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the waymark executable first")
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content(["modules/a.md": Fixture.module("A", "We can talk. You are safe here. It is fine.\n"),
                                           "parents/p.md": "---\ntitle: P\n---\n"]), to: dir.appendingPathComponent("Content"))
        let templates = Fixture.packageRoot.appendingPathComponent("Templates").path
        let result = try run(["build", "--templates", templates, "--output", "site"], in: dir)
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        let summary = result.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(summary.hasPrefix("Built 29 young people's pages, 3 parents' and carers' pages, 1 facilitators' page, 2 professionals' pages and 3 other pages into site in "))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/young-people/recovery/11-13/a/index.html").path))
    }
}
