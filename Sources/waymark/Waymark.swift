// The `waymark` command: a thin layer over WaymarkCore that parses arguments and prints results.

import Foundation
import ArgumentParser
import WaymarkCore
import WaymarkMarkdown
import WaymarkModel
import WaymarkRebuild
import WaymarkServer

@main
struct Waymark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Builds a young people's safeguarding site, in every age tier and service level, from Markdown.",
        version: WaymarkVersion.current,
        subcommands: [Build.self, Check.self, New.self, Translate.self, Serve.self, Clean.self, Init.self, Templates.self])
}

extension Folders {
    /// Build options for these folders, with Waymark's own templates under the site's.
    func options(outputDirectory: String, pdf: PDFOptions? = nil, includeDrafts: Bool = false) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, templatesDirectory: templates, outputDirectory: outputDirectory,
                                   pdf: pdf, includeDrafts: includeDrafts)
        options.builtInTemplatesDirectory = BuiltInFiles.locate()?.templatesDirectory
        return options
    }
}

struct Folders: ParsableArguments {
    @Option(help: "The content folder (site.yml, language.yml, modules/, pages/, parents/).")
    var content = "Content"

    @Option(help: "The templates folder (Mustache templates and assets/).")
    var templates = "Templates"
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes a file that must not exist yet (`new` and `translate` never overwrite an author's work).
func createNewFile(_ path: String, _ text: String) throws -> String {
    guard !FileManager.default.fileExists(atPath: path) else {
        printToStandardError("waymark: \(path) already exists; it was not changed")
        throw ExitCode(1)
    }
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check and build the site into the output folder.",
        discussion: "Runs every check of `waymark check`; errors stop the build and leave the output folder as it was.")

    @OptionGroup var folders: Folders

    @Option(help: "Where the site is written. Replaced whole, and only when the build is clean.")
    var output = "Public"

    @Flag(help: "Also print every session pack and worksheet to PDF, with headless Chromium.")
    var pdf = false

    @Option(help: "The Chromium (or Chrome) to print PDFs with. Default: the first found on PATH.")
    var browser: String?

    @Option(help: "How many PDFs to print at once, in one browser. Default: one per processor core.")
    var jobs: Int?

    @Option(help: "Where printed PDFs are kept between builds, so only those whose page changed are printed again. `waymark clean` empties it.")
    var pdfCache = PDFOptions.defaultCache

    @Flag(help: "Print how long each stage of the build took.")
    var timings = false

    @Flag(help: "Publish draft translations too, each marked as a draft. Never for the live site.")
    var includeDrafts = false

    @Option(help: "What renders the templates: compiled (the default) or swift-mustache. Both give the same pages; swift-mustache is there to compare with, should a page ever look different.")
    var templateEngine: TemplateEngine = .compiled

    func run() throws {
        var pdfOptions: PDFOptions?
        if pdf {
            pdfOptions = PDFOptions(browser: browser, parallel: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                    cache: pdfCache) { done, total, job, reused in
                // Reused PDFs are counted in the summary; each one printed is named as it is done.
                if !reused { printToStandardError("[\(done)/\(total)] printed \(job.pdf)") }
            }
        }
        var options = folders.options(outputDirectory: output, pdf: pdfOptions, includeDrafts: includeDrafts)
        options.templateEngine = templateEngine
        let report = Builder.build(options)
        report.diagnostics.forEach { printToStandardError($0.description) }
        let errors = report.diagnostics.count(of: .error)
        let warnings = report.diagnostics.count(of: .warning)
        guard let site = report.site, report.succeeded else {
            printToStandardError("waymark: build failed with \(plural(errors, "error")) and \(plural(warnings, "warning")); \(output) was not changed")
            throw ExitCode(1)
        }
        let counts = site.pageCounts
        let ms = Int((report.seconds * 1000).rounded())
        if timings {
            for timing in report.timings {
                printToStandardError("  \(timing.stage.padding(toLength: 20, withPad: " ", startingAt: 0)) \(Int((timing.seconds * 1000).rounded())) ms")
            }
        }
        if let printed = report.pdf {
            printToStandardError("PDFs: \(printed.printed) printed, \(printed.reused) reused from \(pdfCache), in \(String(format: "%.1f", printed.seconds)) s")
        }
        let pdfs = pdf ? ", \(plural(site.pdfJobs.count, "PDF"))" : ""
        let parts = [plural(counts[.youngPeople, default: 0], "young people's page"),
                     plural(counts[.parents, default: 0], "parents' and carers' page"),
                     plural(counts[.facilitators, default: 0], "facilitators' page"),
                     plural(counts[.professionals, default: 0], "professionals' page")]
        print("Built \(parts.joined(separator: ", ")) and \(plural(counts[.everyone, default: 0], "other page"))\(pdfs) into \(output) in \(ms) ms" + (warnings > 0 ? " (\(plural(warnings, "warning")))" : ""))
    }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Empty the cache of printed PDFs, so the next `build --pdf` prints every PDF again.")

    @Option(help: "The cache to empty.")
    var pdfCache = PDFOptions.defaultCache

    func run() throws {
        try PDFPrinter.emptyCache(pdfCache)
        print("Emptied \(pdfCache)")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything: reading age, language, links, headings, coverage, review dates.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, github }

    @OptionGroup var folders: Folders

    @Option(help: "text: one problem per line, then the coverage matrix. json: everything as one object. github: one code-host annotation per problem (::error file=...,line=...::message), then the summary.")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Check draft translations' pages too (their links and headings).")
    var includeDrafts = false

    func run() throws {
        let report = Builder.build(folders.options(
                                                outputDirectory: "-", includeDrafts: includeDrafts), write: false)
        let errors = report.diagnostics.count(of: .error)
        let warnings = report.diagnostics.count(of: .warning)
        switch format {
        case .json:
            print(CheckOutput.json(report))
        case .github:
            CheckOutput.github(report.diagnostics).forEach { print($0) }
            print("waymark check: \(plural(errors, "error")), \(plural(warnings, "warning"))")
        case .text:
            report.diagnostics.forEach { print($0.description) }
            if let check = report.check {
                print(CheckOutput.coverageTable(check.coverage))
                if let table = CheckOutput.translationsTable(check.translations) { print(table) }
            }
            let notes = report.diagnostics.count(of: .note)
            print("waymark check: \(plural(errors, "error")), \(plural(warnings, "warning"))" + (notes > 0 ? ", \(plural(notes, "note"))" : "")
                  + (strict ? " (strict: warnings fail)" : ""))
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new page with its front matter, blocks and sections.",
        discussion: "Kinds: module, worksheet, session, parents, page. NAME is the title or the file name, such as \"Online safety\" or online-safety.")

    @Argument(help: "module, worksheet, session, parents or page")
    var kind: String

    @Argument(help: "The page's name: its title, or its file name without .md")
    var name: String

    @Option(help: "The content folder.")
    var content = "Content"

    func run() throws {
        guard let kind = ScaffoldKind(rawValue: kind) else {
            printToStandardError("waymark: unknown kind `\(kind)`: use one of \(ScaffoldKind.allCases.map(\.rawValue).joined(separator: ", "))")
            throw ExitCode(2)
        }
        let siteFile = content + "/site.yml"
        guard let bytes = FileManager.default.contents(atPath: siteFile) else {
            printToStandardError("\(siteFile):1:1: error: site.yml is missing: waymark new reads the tiers and levels from it")
            throw ExitCode(1)
        }
        let (config, diagnostics) = SiteConfig.load(bytes, file: siteFile)
        guard let config else {
            diagnostics.forEach { printToStandardError($0.description) }
            throw ExitCode(1)
        }
        guard let scaffold = Scaffold.make(kind, name: name, config: config, today: Day.today()) else {
            printToStandardError("waymark: `\(name)` has no letters or digits to make a file name from")
            throw ExitCode(2)
        }
        let path = try createNewFile(content + "/" + scaffold.path, scaffold.text)
        let more = scaffold.moreURLs > 0 ? " (and \(scaffold.moreURLs) more, one for each level and age)" : ""
        print("Created \(path)\nIt will be published at /\(scaffold.url)\(more)")
    }
}

struct Translate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a translation of a page, as a draft, in translations/<language>/.",
        discussion: """
        FILE is the page's source inside the content folder, such as pages/help.md. With --level and --tier, \
        the translation holds only the text that reader sees. The draft is not published until a fluent \
        reader has checked it and its status says `reviewed`.
        """)

    @Argument(help: "The language's code, as in site.yml `languages` (cy, ur, ...).")
    var language: String

    @Argument(help: "The source file inside the content folder, such as pages/help.md or modules/staying-safe.md.")
    var file: String

    @Option(help: "For a module, worksheet or session: translate only this level's text...")
    var level: String?

    @Option(help: "...and this tier's.")
    var tier: String?

    @Option(help: "The content folder.")
    var content = "Content"

    func run() throws {
        var source = file
        for prefix in [content + "/", "./" + content + "/"] where source.hasPrefix(prefix) { source = String(source.dropFirst(prefix.count)) }
        guard let tree = try FileTree.read(directory: content, displayRoot: Builder.displayPath(content)) else {
            printToStandardError("waymark: there is no content folder at \(content)")
            throw ExitCode(1)
        }
        let (loaded, diagnostics) = ContentLoader.load(tree)
        guard let loaded else {
            diagnostics.forEach { printToStandardError($0.description) }
            throw ExitCode(1)
        }
        let text = tree.files[source].map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch TranslationScaffold.make(language: language, source: source, sourceText: text, content: loaded,
                                        level: level, tier: tier, today: Day.today()) {
        case .failure(let problem):
            printToStandardError("waymark: \(problem)")
            throw ExitCode(1)
        case .success(let scaffold):
            let path = try createNewFile(content + "/" + scaffold.path, scaffold.text)
            print("Created \(path)\nReplace the English with the translation. It is a draft: `waymark serve` shows it; `waymark build` publishes it once its status is `reviewed`.")
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site while you write: rebuilds when a file changes and reloads open pages.",
        discussion: "Serves from memory on this computer only; Public/ is not touched. Ctrl-C stops it.")

    @OptionGroup var folders: Folders

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The address to listen on. Keep it on this computer (127.0.0.1) unless you mean to share the preview.")
    var host = "127.0.0.1"

    @Flag(inversion: .prefixedNo, help: "Show draft translations, marked as drafts, so translators and reviewers can read them in place.")
    var includeDrafts = true

    @Flag(help: "Print how long each stage of every rebuild took.")
    var timings = false

    func run() async throws {
        #if canImport(Glibc)
        // A rebuild makes megabytes of search index and pages and lets the last ones go. glibc
        // gives such memory back to the system and faults it in again, page by page, at the next
        // rebuild (thousands of faults: a sixth of a rebuild on a large site). The preview keeps it.
        _ = glibcMallocOption(-3 /* M_MMAP_THRESHOLD */, 32 << 20)
        _ = glibcMallocOption(-1 /* M_TRIM_THRESHOLD */, 512 << 20)
        #endif
        let site = DevelopmentSite(options: folders.options(
                                                         outputDirectory: "-", includeDrafts: includeDrafts))
        let server = PreviewServer(host: host, port: port, site: site, showTimings: timings) { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        do {
            try await server.run()
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
                printToStandardError("waymark: port \(port) on \(host) is already in use: stop the other server, or choose another port with --port")
            } else {
                printToStandardError("waymark: the preview server stopped: \(text)")
            }
            throw ExitCode(1)
        }
    }
}

/// Where Waymark's own files are, or a clear error when this program was copied without them.
func builtInFiles() throws -> BuiltInFiles {
    guard let found = BuiltInFiles.locate() else {
        printToStandardError("waymark: Waymark's own templates were not found beside this program (share/waymark/ in a release, or the checkout it was built in); set WAYMARK_HOME to the folder that holds Templates/")
        throw ExitCode(1)
    }
    return found
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site in a folder: content to adapt that builds and passes `waymark check` at once.",
        discussion: "Writes FOLDER/Content (the shipped modules, pages, worksheets and sessions, to adapt), FOLDER/README.md and FOLDER/.gitignore. The look comes from Waymark's own templates until you copy one to change it (`waymark templates copy`). The service's contact details are marked as examples: a build for a real address stops until they are replaced.")

    @Argument(help: "The new site's folder (created; it must not hold a Content folder already).")
    var folder: String

    @Option(help: "The service's name, as the site shows it.")
    var name = "Our service"

    func run() throws {
        let builtIn = try builtInFiles()
        let root = URL(fileURLWithPath: folder)
        let content = root.appendingPathComponent("Content")
        let manager = FileManager.default
        if manager.fileExists(atPath: content.path) {
            printToStandardError("waymark: \(content.path) already exists: init starts a new site in an empty folder")
            throw ExitCode(1)
        }
        let starter = try Starter.files(from: builtIn.starterDirectory, name: name)
        for (path, bytes) in starter.sorted(by: { $0.key < $1.key }) {
            let file = content.appendingPathComponent(path)
            try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        try Data(Starter.readme(name: name).utf8).write(to: root.appendingPathComponent("README.md"))
        try Data("Public/\n.waymark-cache/\n".utf8).write(to: root.appendingPathComponent(".gitignore"))
        print("Started \(name) in \(folder): \(starter.count) files in Content/. Next:")
        print("  cd \(folder) && waymark check && waymark serve")
        print("Then replace the example contact details in Content/site.yml (`service:`) and set `base_url`; see README.md.")
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List Waymark's own templates, or copy one into the site's Templates/ to change it.",
        subcommands: [List.self, Copy.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the path of every built-in template and asset; `*` marks those the site overrides.")

        @Option(help: "The site's templates folder.")
        var templates = "Templates"

        func run() throws {
            let builtIn = try builtInFiles()
            let tree = try FileTree.read(directory: builtIn.templatesDirectory) ?? FileTree(root: "")
            let own = try FileTree.read(directory: templates) ?? FileTree(root: "")
            for path in tree.files.keys.sorted() { print((own.files[path] != nil ? "* " : "  ") + path) }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy built-in templates into the site's Templates/, where they override the built-in ones.",
            discussion: "Copy only what you change: every template you leave out still comes from Waymark, with the next release's fixes.")

        @Argument(help: "Paths as `waymark templates list` prints them, such as partials/help-box.mustache or assets/site.css.")
        var paths: [String]

        @Option(help: "The site's templates folder.")
        var templates = "Templates"

        @Flag(help: "Replace a file the site already has.")
        var force = false

        func run() throws {
            let builtIn = try builtInFiles()
            let tree = try FileTree.read(directory: builtIn.templatesDirectory) ?? FileTree(root: "")
            for path in paths {
                guard let bytes = tree.files[path] else {
                    printToStandardError("waymark: there is no built-in template `\(path)`; `waymark templates list` prints them")
                    throw ExitCode(1)
                }
                let target = URL(fileURLWithPath: templates).appendingPathComponent(path)
                if FileManager.default.fileExists(atPath: target.path) && !force {
                    printToStandardError("waymark: \(target.path) exists already (--force replaces it)")
                    throw ExitCode(1)
                }
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: target)
                print("Copied \(path) to \(target.path)")
            }
        }
    }
}

extension TemplateEngine: ExpressibleByArgument {}

#if canImport(Glibc)
/// glibc's `mallopt`, which Swift's Glibc module does not bring in (malloc.h is not part of it).
@_silgen_name("mallopt")
func glibcMallocOption(_ option: Int32, _ value: Int32) -> Int32
#endif
