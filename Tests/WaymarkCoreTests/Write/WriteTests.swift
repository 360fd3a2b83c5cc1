// Write stage and whole builds: atomic replacement, no stale files, byte-identical output (in a
// file system in memory), and the command line's exit code and diagnostic format (on disk).

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

@Suite struct WriteTests {
    let good: [String: String] = [
        "modules/a.md": Fixture.module("A", "Text [B](b.md)\n"),
        "modules/b.md": Fixture.module("B", "Text\n"),
        "pages/help.md": "---\ntitle: Help\n---\nHelp\n",
    ]

    @Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
        let (disk, options) = try Fixture.memorySite(good)
        #expect(Builder.build(options).succeeded)
        let before = Fixture.snapshot(options.outputDirectory, on: disk)
        #expect(before["young-people/recovery/17-19/a/index.html"] != nil)

        try disk.write(Array("---\ntitle: A\nlevel: oops\n---\n".utf8), to: options.contentDirectory + "/modules/a.md")
        let report = Builder.build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.hasErrors)
        #expect(Fixture.snapshot(options.outputDirectory, on: disk) == before)
        #expect(disk.names(in: "/site").sorted() == ["Content", "Public", "Templates"], "no staging folder is left")
    }

    @Test func aBuildRemovesWhatAKilledBuildLeftButNotARunningOnesFolder() throws {
        let (disk, options) = try Fixture.memorySite(good)
        // A build with an id no process has (killed), and one whose process is running (pid 1).
        var dead: Int32 = 999_999
        while SiteWriter.isRunning(dead) { dead -= 1 }
        let killed = "/site/.Public.waymark-new-\(dead)", killedOld = "/site/.Public.waymark-old-\(dead)"
        let running = "/site/.Public.waymark-new-1", otherOutput = "/site/.Other.waymark-new-\(dead)"
        for folder in [killed, killedOld, running, otherOutput] { try disk.makeFolder(folder + "/young-people") }
        #expect(Builder.build(options).succeeded)
        #expect(!disk.exists(killed) && !disk.exists(killedOld))
        #expect(disk.exists(running), "a build still running keeps its folder")
        #expect(disk.exists(otherOutput), "another output's folders are not this build's business")
    }

    @Test func aSuccessfulBuildLeavesNoStaleFile() throws {
        let (disk, options) = try Fixture.memorySite(good)
        #expect(Builder.build(options).succeeded)
        try disk.remove(options.contentDirectory + "/modules/b.md")
        try disk.write(Array("---\ntitle: A\n---\nNo links now\n".utf8), to: options.contentDirectory + "/modules/a.md")
        #expect(Builder.build(options).succeeded)
        let files = Fixture.snapshot(options.outputDirectory, on: disk)
        #expect(files["young-people/protection/11-13/a/index.html"] != nil)
        #expect(files.keys.filter { $0.contains("/b/") }.isEmpty)
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let (disk, options) = try Fixture.memorySite(good)
        #expect(Builder.build(options).succeeded)
        let first = Fixture.snapshot(options.outputDirectory, on: disk)
        #expect(Builder.build(options).succeeded)
        #expect(Fixture.snapshot(options.outputDirectory, on: disk) == first)
        // And in memory, whatever order the files arrive in.
        let (a, _) = Fixture.build(good)
        let (b, _) = Fixture.build(good)
        #expect(a?.files == b?.files)
        #expect(a?.files.count == first.count)
    }

    @Test func refusesToReplaceAFolderThatIsNotABuiltSite() throws {
        let disk = MemoryFileSystem()
        try disk.makeFolder("/home/notes")
        try disk.write(Array("keep me".utf8), to: "/home/notes/thesis.txt")
        #expect(throws: SiteWriter.WriteError.self) { try SiteWriter.write(["index.html": []], to: "/home/notes", on: disk) }
        #expect(try disk.read("/home/notes/thesis.txt") == Array("keep me".utf8))
        try disk.write([], to: "/home/file")
        #expect(throws: SiteWriter.WriteError.self) { try SiteWriter.write(["index.html": []], to: "/home/file", on: disk) }
        // A folder holding a site built before is replaced.
        try SiteWriter.write(["index.html": [1]], to: "/home/site", on: disk)
        try SiteWriter.write(["index.html": [2], "a/b.html": [3]], to: "/home/site", on: disk)
        #expect(Fixture.snapshot("/home/site", on: disk) == ["index.html": [2], "a/b.html": [3]])
    }

    /// Render writes each page into the staging folder as it is made: what lands is what a build
    /// in memory makes, byte for byte, and the report holds no copy of it.
    @Test func pagesWrittenAsTheyAreMadeAreTheSiteABuildInMemoryMakes() throws {
        let (disk, options) = try Fixture.memorySite(good)
        let report = Builder.build(options)
        #expect(report.succeeded)
        #expect(report.site?.files.isEmpty == true, "a one-off build does not hold its pages")
        let (inMemory, _) = Fixture.build(good)
        let written = Fixture.snapshot(options.outputDirectory, on: disk)
        #expect(written.count > 20)
        #expect(written == inMemory?.files)
    }

    /// A page that cannot be written while the others are being made is reported once, as a
    /// write error naming it, and the last site stays exactly as it was.
    @Test func aPageThatCannotBeWrittenLeavesThePreviousOutputExactlyAsItWas() throws {
        let (disk, options) = try Fixture.memorySite(good)
        #expect(Builder.build(options).succeeded)
        let before = Fixture.snapshot(options.outputDirectory, on: disk)
        var failing = options
        failing.fileSystem = RefusingFileSystem(disk: disk, refusing: "/recovery/14-16/b/")
        let report = Builder.build(failing)
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.rule == "file.write")
        #expect(errors.first?.message.contains("recovery/14-16/b/index.html") == true)
        #expect(Fixture.snapshot(options.outputDirectory, on: disk) == before)
        #expect(disk.names(in: "/site").sorted() == ["Content", "Public", "Templates"], "no staging folder is left")
    }

    /// The output folder is checked before anything is written, but a folder that must not be
    /// replaced is only reported once the content is clean: content errors come first.
    @Test func aFolderThatIsNotASiteIsRefusedAndKept() throws {
        let (disk, options) = try Fixture.memorySite(good)
        try disk.makeFolder(options.outputDirectory)
        try disk.write(Array("keep me".utf8), to: options.outputDirectory + "/thesis.txt")
        let report = Builder.build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.rule) == ["file.write"])
        #expect(report.diagnostics.first { $0.rule == "file.write" }?.message.contains("refusing to replace") == true)
        #expect(Fixture.snapshot(options.outputDirectory, on: disk) == ["thesis.txt": Array("keep me".utf8)])
        try disk.write(Array("---\ntitle: A\nlevel: oops\n---\n".utf8), to: options.contentDirectory + "/modules/a.md")
        let broken = Builder.build(options)
        #expect(broken.diagnostics.contains { $0.severity == .error && $0.location.file.hasSuffix("modules/a.md") })
        #expect(!broken.diagnostics.contains { $0.rule == "file.write" })
        #expect(disk.names(in: "/site").sorted() == ["Content", "Public", "Templates"], "no staging folder is left")
    }

    @Test func aMissingContentFolderIsAnErrorNotACrash() throws {
        let (disk, options) = try Fixture.memorySite(good)
        var missing = options
        missing.contentDirectory = "/site/nothing"
        let report = Builder.build(missing)
        #expect(!report.succeeded)
        #expect(report.diagnostics.first?.location.file.hasSuffix("nothing/site.yml") == true)
        #expect(!disk.exists(options.outputDirectory))
    }

    @Test func displayPathsAreRelativeToTheCurrentFolder() {
        #expect(Builder.displayPath("/work/site/Content", from: "/work/site") == "Content")
        #expect(Builder.displayPath("/work/other/Content", from: "/work/site") == "../other/Content")
        #expect(Builder.displayPath("/tmp/x", from: "/work/site") == "/tmp/x")
    }
}

/// A disk in memory that refuses to write any file whose path contains `refusing`.
final class RefusingFileSystem: FileSystem, @unchecked Sendable {
    let disk: MemoryFileSystem
    let refusing: String
    init(disk: MemoryFileSystem, refusing: String) {
        self.disk = disk
        self.refusing = refusing
    }

    struct Refused: Error, LocalizedError {
        var errorDescription: String? { "No space left on device" }
    }

    func stamps(under folder: String) -> [String: FileStamp]? { disk.stamps(under: folder) }
    func read(_ path: String) throws -> [UInt8] { try disk.read(path) }
    func write(_ bytes: [UInt8], to path: String) throws {
        if path.contains(refusing) { throw Refused() }
        try disk.write(bytes, to: path)
    }
    func makeFolder(_ path: String) throws { try disk.makeFolder(path) }
    func move(_ path: String, to destination: String) throws { try disk.move(path, to: destination) }
    func remove(_ path: String) throws { try disk.remove(path) }
    func isFolder(_ path: String) -> Bool { disk.isFolder(path) }
    func exists(_ path: String) -> Bool { disk.exists(path) }
    func names(in folder: String) -> [String] { disk.names(in: folder) }
}

@Suite struct DiskWriteTests {
    /// Pages are written with open and write: every byte lands, an empty file too, a second write
    /// replaces the first, and a failure says why in words.
    @Test func writesEveryByteReplacesAndSaysWhyItFailed() throws {
        let folder = Fixture.temporaryDirectory()
        let disk = DiskFileSystem()
        let big = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try disk.write(big, to: folder.path + "/big.bin")
        #expect(try disk.read(folder.path + "/big.bin") == big)
        try disk.write([1, 2, 3], to: folder.path + "/big.bin")
        #expect(try disk.read(folder.path + "/big.bin") == [1, 2, 3])
        try disk.write([], to: folder.path + "/empty.html")
        #expect(try disk.read(folder.path + "/empty.html") == [])
        // Folders are made with their parents, and one already there is no failure.
        try disk.makeFolder(folder.path + "/a/b/c")
        try disk.makeFolder(folder.path + "/a/b/c")
        try disk.makeFolder(folder.path + "/a/b")
        #expect(disk.isFolder(folder.path + "/a/b/c"))
        #expect(throws: (any Error).self) { try disk.makeFolder(folder.path + "/big.bin/x") }
        #expect(throws: (any Error).self) { try disk.makeFolder(folder.path + "/big.bin") }
        #expect(throws: (any Error).self) { try disk.read(folder.path + "/missing.html") }
        do {
            try disk.write([1], to: folder.path + "/no-such-folder/page.html")
            Issue.record("writing into a missing folder did not fail")
        } catch {
            #expect(error.localizedDescription == "No such file or directory (open)")
        }
    }
}
