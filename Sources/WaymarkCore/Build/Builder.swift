// The build pipeline, in order: Load -> Validate -> Plan -> Convert -> Check -> Render -> Write.
// Each step takes the earlier steps' values and adds diagnostics; the output folder is replaced
// only when the run is clean (pages go into a staging folder beside it as they are made).
// Check needs no template, so a broken template never hides a content finding.

import Foundation
import WaymarkModel

public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    /// Print packs and worksheets to PDF as well.
    public var pdf: PDFOptions?
    /// Publish draft translations as well as reviewed ones.
    public var includeDrafts: Bool
    /// Where the folders are: the disk, or (in tests) a tree in memory.
    public var fileSystem: any FileSystem
    /// Waymark's own templates (BuiltInFiles), used for every template the site's folder lacks.
    public var builtInTemplatesDirectory: String? = nil
    /// What renders the templates.
    public var templateEngine: TemplateEngine = .compiled

    public init(contentDirectory: String = "Content", templatesDirectory: String = "Templates",
                outputDirectory: String = "Public", pdf: PDFOptions? = nil, includeDrafts: Bool = false,
                fileSystem: any FileSystem = DiskFileSystem()) {
        self.fileSystem = fileSystem
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.pdf = pdf
        self.includeDrafts = includeDrafts
    }
}

extension BuildOptions {
    /// The site's templates over Waymark's own, when they were found.
    public func builtInTemplates(over own: FileTree) throws -> FileTree {
        guard let folder = builtInTemplatesDirectory,
              let builtIn = try FileTree.read(directory: folder, displayRoot: own.root, from: DiskFileSystem()) else { return own }
        return BuiltInFiles.overlay(own, on: builtIn)
    }
}

public struct PDFOptions: Sendable {
    /// The browser; nil finds Chromium on PATH.
    public var browser: String?
    /// How many pages print at once, in the one browser.
    public var parallel: Int
    /// Where printed PDFs are kept between builds (nil: keep none, print every PDF).
    public var cache: String?
    /// Called as each PDF is done: how many are done, the total, the job, and whether it came
    /// from the cache.
    public var progress: @Sendable (Int, Int, PDFJob, Bool) -> Void

    public static let defaultCache = ".waymark-cache/pdf"

    public init(browser: String? = nil, parallel: Int = ProcessInfo.processInfo.activeProcessorCount,
                cache: String? = PDFOptions.defaultCache,
                progress: @escaping @Sendable (Int, Int, PDFJob, Bool) -> Void = { _, _, _, _ in }) {
        self.browser = browser
        self.parallel = parallel
        self.cache = cache
        self.progress = progress
    }
}

/// Choices that change the rendered pages without changing the content.
public struct RenderSettings: Sendable {
    /// Pages link to their PDF (the PDFs are printed in this build).
    public var pdfLinks: Bool
    /// What renders the templates (the same bytes either way; see TemplateEngine).
    public var engine: TemplateEngine

    public init(pdfLinks: Bool = false, engine: TemplateEngine = .compiled) {
        self.pdfLinks = pdfLinks
        self.engine = engine
    }
}

/// What renders the Mustache templates. Both give the same bytes (CompiledTemplateTests holds
/// them to it): swift-mustache is there to compare with, should a page ever look different.
public enum TemplateEngine: String, Sendable, CaseIterable {
    /// Templates compiled once and rendered from the typed views (Render/CompiledTemplate.swift).
    case compiled
    /// swift-mustache, reading every value through `Any`: several times slower.
    case swiftMustache = "swift-mustache"
}

public struct StageTiming: Sendable {
    public var stage: String
    public var seconds: Double
}

/// Times the stages of one run.
public struct StageClock {
    public private(set) var timings: [StageTiming] = []
    private var started = Date()

    public init() {}

    public mutating func finish(_ stage: String) {
        let now = Date()
        timings.append(StageTiming(stage: stage, seconds: now.timeIntervalSince(started)))
        started = now
    }

    /// A stage that ran beside another: its own time, and the clock goes on from now.
    public mutating func record(_ stage: String, seconds: Double) {
        timings.append(StageTiming(stage: stage, seconds: seconds))
        started = Date()
    }
}

/// What a run of the pipeline produced: in memory (`Builder.run`) or on disk (`Builder.build`).
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// The rendered site, when there were no errors.
    public var site: RenderedSite?
    /// The quality figures, when the content got far enough to be checked.
    public var check: CheckResult?
    /// How long each stage took, in order, in seconds.
    public var timings: [StageTiming] = []
    /// The whole run, in seconds.
    public var seconds: Double = 0
    /// What printing PDFs did, when they were asked for and the site was written.
    public var pdf: PDFSummary?
    public var succeeded: Bool { site != nil && !diagnostics.hasErrors }
}

public enum Builder {
    /// Builds a site from files already in memory. Pure: reads and writes nothing.
    public static func build(content tree: FileTree, templates templateTree: FileTree) -> (RenderedSite?, [Diagnostic]) {
        let result = run(content: tree, templates: templateTree, today: Day.today())
        return (result.site, result.diagnostics)
    }

    /// The templates of every language and what they were compiled from.
    struct TemplatesKey: Equatable, Sendable {
        var files: [String: [UInt8]]
        var languages: [Language]
    }

    /// Load, Validate, Plan, Convert, Check and Render, in memory. `today` decides which review
    /// dates are past.
    /// - Parameter memo: work kept from an earlier run; the preview's rebuilds pass theirs.
    /// - Parameter tree: taken, so that its bytes can go once loaded (a caller that keeps its
    ///   own copy, as the preview does, keeps them).
    /// - Parameter folder: where Render writes each file as soon as it is made, when the run has
    ///   found no error before it (`build` passes the output's staging folder); nil keeps every
    ///   file in the report's site.
    public static func run(content tree: consuming FileTree, templates templateTree: FileTree, today: Day,
                           settings: RenderSettings = RenderSettings(), plan planOptions: PlanOptions = PlanOptions(),
                           memo: (any Memo)? = nil, writingTo folder: StagingFolder? = nil) -> BuildReport {
        let started = Date()
        var diagnostics: [Diagnostic] = []
        var clock = StageClock()

        // 1. Load
        let (loaded, loadProblems) = ContentLoader.load(tree, memo: memo)
        _ = consume tree
        diagnostics += loadProblems
        // Templates are compiled once for each language of site.yml.
        let source = loaded?.config.sourceLanguage ?? Language(code: "en-GB", name: "English", englishName: "English")
        let translations = loaded?.config.languages ?? []
        let (templates, templateProblems) = remembered(memo, .templates, "",
                                                       madeFrom: TemplatesKey(files: templateTree.files, languages: [source] + translations)) {
            let (templates, problems) = TemplateSet.load(templateTree, source: source, translations: translations)
            // A key a template names that its page's view lacks would render as nothing: said here.
            let keys = templates.map { TemplateKeyCheck.problems(sources: $0.sources, roots: PageRenderer.templates) } ?? []
            return (templates, problems + keys)
        }
        diagnostics += templateProblems
        clock.finish("Load")
        guard var content = consume loaded else {
            return BuildReport(diagnostics: diagnostics.sortedForReport(), timings: clock.timings,
                               seconds: Date().timeIntervalSince(started))
        }

        // 2. Validate
        diagnostics += Validator.validate(content, memo: memo)
        clock.finish("Validate")

        // 3. Plan
        // The plan is made from front matter and settings alone: the preview keeps it while only
        // bodies change (the memo's owner forgets `.shape` otherwise).
        let (plan, planProblems) = remembered(memo, .shape, "plan", madeFrom: planOptions) { SitePlan.make(for: content, options: planOptions) }
        diagnostics += planProblems
        let coverage = SiteCoverage.of(content, memo: memo)
        clock.finish("Plan")

        // 4. Convert: every page's Markdown, once, with the facts the checks read (also when
        //    earlier steps found errors, so that broken links are reported in the same run).
        var converted = SiteConverter.convert(content, plan: plan, memo: memo)
        diagnostics += converted.diagnostics
        clock.finish("Convert")

        // 5. Check: needs no template. 6. Render: the search indexes, then every page through
        //    its template. Also when earlier steps found errors, so that a template's problems
        //    are reported in the same run; the result is only kept when everything is clean.
        let check: CheckResult
        let site: RenderedSite
        let renderProblems: [Diagnostic]
        if let templates, memo != nil {
            // A run with a memo (the preview) keeps all of it in the memo anyway: nothing is let
            // go between the two stages, so Check runs beside Render, each on a core of its own
            // while the other waits on its single-threaded parts. (A one-off build must not make
            // these closures: what they hold could not be let go.)
            let checking: @Sendable () -> CheckResult = { [content, converted] in
                SiteChecker.check(content: content, plan: plan, facts: converted.facts, coverage: coverage, today: today, memo: memo)
            }
            let rendering: @Sendable () -> (RenderedSite, [Diagnostic]) = { [content, converted] in
                let search = SearchIndex.build(content: content, plan: plan, converted: converted, memo: memo)
                let searchFiles = SearchIndex.encode(search, memo: memo)
                var renderer = PageRenderer(content: content, plan: plan, bodies: converted.pages, coverage: coverage, search: search,
                                            searchFiles: searchFiles, templates: templates, settings: settings, memo: memo)
                return renderer.renderSite()
            }
            let (checked, rendered) = Parallel.both(checking, rendering)
            check = checked.value
            (site, renderProblems) = rendered.value
            clock.record("Check", seconds: checked.seconds)
            clock.record("Render", seconds: rendered.seconds)
        } else {
            check = SiteChecker.check(content: content, plan: plan, facts: converted.facts, coverage: coverage, today: today, memo: memo)
            clock.finish("Check")
            guard let templates else {
                return BuildReport(diagnostics: (diagnostics + check.diagnostics).sortedForReport(), check: check,
                                   timings: clock.timings, seconds: Date().timeIntervalSince(started))
            }
            var search = SearchIndex.build(content: content, plan: plan, converted: converted)
            // The checks and search have read the facts and Convert the bodies: a one-off build
            // lets them go before the indexes are encoded and the pages made, and the indexes'
            // text once encoded, so that a large site's text is not held twice.
            converted.facts = []
            content = content.withoutBodies()
            var searchFiles = SearchIndex.encode(search, memo: nil)
            search = SearchIndex.listing(search)
            var renderer = PageRenderer(content: content, plan: plan, bodies: converted.pages, coverage: coverage, search: search,
                                        searchFiles: searchFiles, templates: templates, settings: settings)
            // The renderer hands the indexes to the output and lets them go: so does this.
            searchFiles = [:]
            // A site that already has errors is not written: it would only be thrown away.
            let written = diagnostics.hasErrors || check.diagnostics.hasErrors ? nil : folder
            (site, renderProblems) = renderer.renderSite(writingTo: written)
            clock.finish("Render")
        }
        diagnostics += check.diagnostics
        diagnostics += renderProblems

        let sorted = diagnostics.sortedForReport()
        return BuildReport(diagnostics: sorted, site: sorted.hasErrors ? nil : site, check: check, timings: clock.timings,
                           seconds: Date().timeIntervalSince(started))
    }

    /// A folder as an author should see it in diagnostics: relative to the current folder, as
    /// editors and terminals resolve `path:line:column` from there.
    public static func displayPath(_ path: String, from cwd: String = FileManager.default.currentDirectoryPath) -> String {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = URL(fileURLWithPath: cwd).standardizedFileURL.pathComponents
        var common = 0
        while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
        // Sharing only "/" means the paths have nothing in common: an absolute path reads better.
        if common <= 1 { return URL(fileURLWithPath: path).standardizedFileURL.path }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// Reads the content and templates folders, builds, and replaces the output folder only when
    /// the build is clean (7. Write). With `write: false` it only checks.
    public static func build(_ options: BuildOptions, write: Bool = true, today: Day = Day.today()) -> BuildReport {
        let started = Date()
        var check: CheckResult?
        var timings: [StageTiming] = []
        var printed: PDFSummary?
        func report(_ diagnostics: [Diagnostic], _ site: RenderedSite? = nil) -> BuildReport {
            BuildReport(diagnostics: diagnostics, site: site, check: check, timings: timings,
                        seconds: Date().timeIntervalSince(started), pdf: printed)
        }
        var browser: String?
        if let pdf = options.pdf {
            browser = PDFPrinter.findBrowser(pdf.browser)
            guard browser != nil else {
                let message = pdf.browser.map { "the browser \($0) does not exist or cannot be run" }
                    ?? "printing PDFs needs Chromium, and none was found on PATH: install it (apt-get install chromium) or give --browser PATH"
                return report([.error(message, at: SourceLocation(file: options.templatesDirectory), rule: "pdf.browser")])
            }
        }
        let contentTree: FileTree
        let templateTree: FileTree
        let reading = Date()
        do {
            let contentRoot = displayPath(options.contentDirectory)
            let templatesRoot = displayPath(options.templatesDirectory)
            contentTree = try FileTree.read(directory: options.contentDirectory, displayRoot: contentRoot, from: options.fileSystem)
                ?? FileTree(root: contentRoot)
            let own = try FileTree.read(directory: options.templatesDirectory, displayRoot: templatesRoot,
                                        from: options.fileSystem) ?? FileTree(root: templatesRoot)
            templateTree = try options.builtInTemplates(over: own)
        } catch {
            return report([.error("could not read the files: \(error.localizedDescription)",
                                  at: SourceLocation(file: options.contentDirectory), rule: "file.read")])
        }
        timings.append(StageTiming(stage: "Read files", seconds: Date().timeIntervalSince(reading)))
        // 7. Write begins here: Render writes each page into a folder beside the output as soon as
        //    it is made, and the folder takes the output's place only if the whole run is clean.
        //    A folder that cannot be made is reported once the site is known to be clean.
        var staging: StagingFolder?
        var stagingFailure: Error?
        if write {
            do { staging = try StagingFolder(replacing: options.outputDirectory, on: options.fileSystem) } catch { stagingFailure = error }
        }
        defer { staging?.discard() }
        let result = run(content: consume contentTree, templates: templateTree, today: today,
                         settings: RenderSettings(pdfLinks: options.pdf != nil, engine: options.templateEngine),
                         plan: PlanOptions(includeDrafts: options.includeDrafts), writingTo: staging)
        check = result.check
        timings += result.timings
        let diagnostics = result.diagnostics
        guard let site = result.site else { return report(diagnostics) }
        guard write else { return report(diagnostics, site) }
        let writing = Date()
        do {
            if let stagingFailure { throw stagingFailure }
            guard let staging else { preconditionFailure("a folder to write into, or the reason there is none") }
            // Files Render kept in memory (none, when it wrote them as it went) are written now.
            for (path, bytes) in site.files { staging.write(bytes, to: path) }
            let files: @Sendable (String) -> [UInt8]? = { [staging] path in staging.read(path) }
            try staging.commit { folder in
                guard let pdf = options.pdf, let browser else { return }
                printed = try PDFPrinter.print(site.pdfJobs, files: files, baseURL: site.baseURL, into: folder,
                                               browser: browser, parallel: pdf.parallel,
                                               cache: pdf.cache.map { URL(fileURLWithPath: $0) }, progress: pdf.progress)
            }
        } catch {
            if let failure = error as? PDFPrinter.PrintError {
                return report(diagnostics + [.error("\(failure); \(options.outputDirectory) was left as it was",
                                                    at: SourceLocation(file: options.outputDirectory), rule: "pdf.print")])
            }
            return report(diagnostics + [.error("the site was built but could not be written: \(error)",
                                                at: SourceLocation(file: options.outputDirectory), rule: "file.write")])
        }
        timings.append(StageTiming(stage: options.pdf == nil ? "Write" : "Write and print PDFs",
                                   seconds: Date().timeIntervalSince(writing)))
        return report(diagnostics, site)
    }
}
