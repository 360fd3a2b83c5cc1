// The `waymark` command as an author runs it: exit codes, the diagnostic format, what it prints,
// and that `check` writes nothing. Every test here runs the built executable through `Waymark.run`.

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel

/// The built `waymark` executable, run in a folder: the one way these tests start it.
enum Waymark {
    static let executable = Fixture.packageRoot.appendingPathComponent(".build/debug/waymark")

    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the waymark executable first")
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
}

@Suite(.serialized) struct CheckCommandTests {
    func run(_ arguments: [String], files: [String: String]) throws -> (status: Int32, out: String) {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content(files), to: dir.appendingPathComponent("Content"))
        let result = try Waymark.run(arguments + ["--templates", Fixture.packageRoot.appendingPathComponent("Templates").path], in: dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Public").path), "check writes nothing")
        return (result.status, result.out)
    }

    let withWarning = ["language.yml": Fixture.languageYML,
                       "modules/m.md": Fixture.module("M", "::: now\n- Tell someone.\n- Stay safe.\n- Call 999.\n:::\n\nHe gave her things in return for photos.\n",
                                                      extra: "review:\n  next: 2099-01-01\n")]

    @Test func warningsPassUnlessStrict() throws {
        let relaxed = try run(["check"], files: withWarning)
        #expect(relaxed.status == 0)
        #expect(relaxed.out.contains("Content/modules/m.md:12:20: warning: “in return for” implies a deal; say instead: the abuser used gifts to control [language.in-return-for]"))
        #expect(relaxed.out.contains("waymark check: 0 errors, 1 warning"))
        #expect(relaxed.out.contains("Coverage (module x level/tier):"))
        #expect(try run(["check", "--strict"], files: withWarning).status == 1)
        var broken = withWarning
        broken["modules/m.md"] = Fixture.module("M", "[x](missing.md)\n")
        #expect(try run(["check"], files: broken).status == 1)
    }

    @Test func githubFormatAnnotatesTheRealFileAndLine() throws {
        let result = try run(["check", "--format", "github"], files: withWarning)
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "::warning file=Content/modules/m.md,line=12,col=20,title=language.in-return-for::“in return for” implies a deal; say instead: the abuser used gifts to control")
        #expect(lines.last == "waymark check: 0 errors, 1 warning")
        // Commas, colons and line breaks in a value are escaped, as the format asks.
        let escaped = CheckOutput.github([.error("one\ntwo, 100%", at: SourceLocation(file: "a,b:c.md", line: 2, column: 1), rule: "r")])
        #expect(escaped == ["::error file=a%2Cb%3Ac.md,line=2,col=1,title=r::one%0Atwo, 100%25"])
    }

    @Test func jsonHasDiagnosticsFiguresAndCoverage() throws {
        let result = try run(["check", "--format", "json"], files: withWarning)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        #expect(Set(diagnostics[0].keys) == ["file", "line", "column", "severity", "rule", "message"])
        #expect(diagnostics[0]["line"] as? Int == 12)
        #expect(diagnostics[0]["rule"] as? String == "language.in-return-for")
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.filter { $0["file"] as? String == "Content/modules/m.md" }.count == 9)
        let first = try #require(variants.first { $0["level"] as? String == "recovery" && $0["tier"] as? String == "17-19" })
        for key in ["file", "audience", "level", "tier", "words", "sentences", "fleschKincaidGrade", "smog"] {
            #expect(first[key] != nil, "\(key)")
        }
        #expect(first["words"] as? Int == 14, "the sentence and the what-to-do-now box")
        #expect((object["coverage"] as? [Any])?.count == 9)
    }
}

@Suite(.serialized) struct CommandLineTests {
    func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        try Waymark.run(arguments, in: folder)
    }

    @Test func errorsUseTheCompilerFormatWithPathsFromTheCurrentFolderAndExitNonZero() throws {
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
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Fixture.write(Fixture.content(["modules/a.md": Fixture.module("A", "::: now\n- Talk to us.\n- Stay near us.\n- Call 999 in danger.\n:::\n\nWe can talk. You are safe here. It is fine.\n"),
                                           "parents/p.md": "---\ntitle: P\n---\n"]), to: dir.appendingPathComponent("Content"))
        let templates = Fixture.packageRoot.appendingPathComponent("Templates").path
        let result = try run(["build", "--templates", templates, "--output", "site"], in: dir)
        #expect(result.status == 0)
        #expect(result.err.isEmpty)
        let summary = result.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(summary.hasPrefix("Built 29 young people's pages, 3 parents' and carers' pages, 1 facilitators' page, 2 professionals' pages and 3 other pages into site in "))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("site/young-people/recovery/11-13/a/index.html").path))
    }

    @Test func cleanEmptiesThePDFCacheAndNothingElse() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent(".waymark-cache/pdf")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("%PDF".utf8).write(to: cache.appendingPathComponent("x.pdf"))
        try Data("keep".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let result = try run(["clean"], in: dir)
        #expect(result.status == 0)
        #expect(result.out.contains("Emptied .waymark-cache/pdf"))
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))
    }
}

@Suite struct VersionCommandTests {
    @Test func versionPrintsTheVersionAndNothingElse() throws {
        let result = try Waymark.run(["--version"], in: Fixture.temporaryDirectory())
        #expect(result.status == 0)
        #expect(result.out == WaymarkVersion.current + "\n")
        #expect(WaymarkVersion.current.split(separator: ".").count == 3, "major.minor.patch")
    }
}

/// Another service starts its own site (issue 27): `init`, the built-in templates under a site's
/// own, and `templates list` and `copy`. The executable finds Waymark's own files in this checkout.
@Suite(.serialized) struct InitCommandTests {
    @Test func initStartsASiteThatChecksAndBuildsWithNoTemplatesFolder() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Waymark.run(["init", "site", "--name", "Northshire \"Young\" People's Team"], in: dir)
        #expect(made.status == 0, "\(made.err)")
        let site = dir.appendingPathComponent("site")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Templates").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/translations").path), "this service's translations stay its own")
        let siteYML = try String(contentsOf: site.appendingPathComponent("Content/site.yml"), encoding: .utf8)
        #expect(siteYML.contains("title: \"Northshire \\\"Young\\\" People's Team\"\n"))
        #expect(siteYML.contains("\n  example: true\n  name: \"Northshire \\\"Young\\\" People's Team\"\n"))
        let checked = try Waymark.run(["check"], in: site)
        #expect(checked.status == 0 && checked.out.contains("waymark check: 0 errors, 0 warnings"), "\(checked.out.suffix(300))")
        let built = try Waymark.run(["build"], in: site)
        #expect(built.status == 0, "\(built.err.suffix(300))")
        let home = try String(contentsOf: site.appendingPathComponent("Public/index.html"), encoding: .utf8)
        #expect(home.contains("<title>Northshire &quot;Young&quot; People&#39;s Team"))
        // Init refuses a folder that already holds a site.
        #expect(try Waymark.run(["init", "site"], in: dir).status == 1)
    }

    @Test func aSitesOwnTemplateOverridesTheBuiltInOneFileByFileAndCopyGivesItsStartingPoint() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Waymark.run(["init", "."], in: dir).status == 0)
        let listed = try Waymark.run(["templates", "list"], in: dir)
        #expect(listed.out.contains("  layout.mustache\n") && listed.out.contains("  assets/site.css\n"))
        let copied = try Waymark.run(["templates", "copy", "404.mustache"], in: dir)
        #expect(copied.status == 0)
        let own = dir.appendingPathComponent("Templates/404.mustache")
        let repo = Fixture.packageRoot.appendingPathComponent("Templates/404.mustache")
        #expect(try Data(contentsOf: own) == Data(contentsOf: repo), "a copy starts as the built-in file")
        #expect(try Waymark.run(["templates", "list"], in: dir).out.contains("* 404.mustache\n"))
        #expect(try Waymark.run(["templates", "copy", "404.mustache"], in: dir).status == 1, "no silent overwrite")
        #expect(try Waymark.run(["templates", "copy", "nothing.mustache"], in: dir).status == 1)
        let text = try String(contentsOf: own, encoding: .utf8).replacingOccurrences(of: "{{$main}}", with: "{{$main}}<p>OUR-OWN-404</p>")
        try text.write(to: own, atomically: true, encoding: .utf8)
        let built = try Waymark.run(["build"], in: dir)
        #expect(built.status == 0, "\(built.err.suffix(300))")
        #expect(try String(contentsOf: dir.appendingPathComponent("Public/404.html"), encoding: .utf8).contains("OUR-OWN-404"))
        // Every other page still comes from the built-in templates.
        let help = try String(contentsOf: dir.appendingPathComponent("Public/help/index.html"), encoding: .utf8)
        #expect(help.contains("class=\"help-box\"") && !help.contains("OUR-OWN-404"))
    }

    @Test func aRealAddressWithTheExampleContactDetailsIsRefused() throws {
        let dir = Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Waymark.run(["init", "."], in: dir).status == 0)
        let file = dir.appendingPathComponent("Content/site.yml")
        let yml = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "base_url: https://example.org/", with: "base_url: https://northshire.example-council.uk/")
        try yml.write(to: file, atomically: true, encoding: .utf8)
        let built = try Waymark.run(["build"], in: dir)
        #expect(built.status == 1)
        #expect(built.err.contains("[service.example]"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Public").path))
    }
}
