// The development server's site: built in memory, rebuilt when files change, re-rendering only
// what a change can affect. A layer on top of the pipeline: it runs the same Builder.run as a
// one-off build, with a memo (BuildCache) that the stages ask. A change to a page's body
// converts and renders again only that source's pages (and the packs that print it); a change
// to front matter, site.yml, language.yml, a template, or a file added or removed makes it
// forget every page, because titles, menus and links may have moved.

import Foundation
import WaymarkCore
import WaymarkModel

public final class DevelopmentSite: @unchecked Sendable {
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool
        public var renderedPages: Int
        public var totalPages: Int
        public var milliseconds: Int
        /// True when nothing had changed since the last build.
        public var unchanged: Bool
        /// How long each stage of the rebuild took (reading the folders first).
        public var timings: [StageTiming] = []
    }

    public let options: BuildOptions
    private let lock = NSLock()
    private let cache = BuildCache()
    private var site: RenderedSite?
    private var lastContent: FileTree?
    private var lastTemplates: FileTree?
    /// Waymark's own templates, read once: a site's own files are laid over them at each rebuild.
    private var builtInTemplates: FileTree?
    private var lastDiagnostics: [Diagnostic] = []
    /// Sizes and change times of the files as last read.
    private var stamps: (content: [String: FileStamp], templates: [String: FileStamp]) = ([:], [:])

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The last good site's file at a path, if any.
    public func file(_ path: String) -> [UInt8]? { lock.withLock { site?.files[path] } }

    /// Every file of the last good site (for the tests, which hold it to a fresh build's).
    var files: [String: [UInt8]] { lock.withLock { site?.files ?? [:] } }

    /// The problems of the last build when it failed; empty when the site is good.
    public var currentErrors: [Diagnostic] { lock.withLock { lastDiagnostics.filter { $0.severity == .error } } }

    /// Reads the folders and rebuilds what changed since the last build.
    /// - Parameter current: the content and templates folders' stamps, when the caller has just
    ///   taken them (`FileSystem.stamps`), so the folders are not walked again.
    public func rebuild(today: Day = Day.today(),
                        current: (content: [String: FileStamp]?, templates: [String: FileStamp]?)? = nil) -> Outcome {
        let started = Date()
        var clock = StageClock()
        let contentRoot = Builder.displayPath(options.contentDirectory)
        let templatesRoot = Builder.displayPath(options.templatesDirectory)
        let (previous, oldContent, oldTemplates, stamps) = lock.withLock {
            (site, lastContent, lastTemplates, self.stamps)
        }
        // Only files whose size or change time moved are read again.
        let content = (try? FileTree.reread(directory: options.contentDirectory, displayRoot: contentRoot,
                                            previous: oldContent, stamps: stamps.content, current: current?.content,
                                            from: options.fileSystem)) ?? nil
        let templates = (try? FileTree.reread(directory: options.templatesDirectory, displayRoot: templatesRoot,
                                              previous: oldTemplates, stamps: stamps.templates, current: current?.templates,
                                              from: options.fileSystem)) ?? nil
        let contentTree = content?.tree ?? FileTree(root: contentRoot)
        // The site's own templates over Waymark's built-in ones.
        let ownTemplates = templates?.tree ?? FileTree(root: templatesRoot)
        var templateTree = ownTemplates
        if let folder = options.builtInTemplatesDirectory {
            let builtIn = lock.withLock { builtInTemplates } ?? (try? FileTree.read(directory: folder, displayRoot: templatesRoot)) ?? nil
            lock.withLock { builtInTemplates = builtIn }
            if let builtIn { templateTree = BuiltInFiles.overlay(ownTemplates, on: builtIn) }
        }
        lock.withLock { self.stamps = (content?.stamps ?? [:], templates?.stamps ?? [:]) }
        clock.finish("Read files")

        if let oldContent, let oldTemplates, oldContent.files == contentTree.files, oldTemplates.files == ownTemplates.files {
            let diagnostics = lock.withLock { lastDiagnostics }
            return Outcome(diagnostics: diagnostics, succeeded: !diagnostics.hasErrors, renderedPages: 0,
                           totalPages: previous?.files.count ?? 0, milliseconds: 0, unchanged: true)
        }
        // A page's kept bodies and HTML are keyed by its sources' bodies only. They stay right
        // while nothing else changed since the run that kept them: the last run, whether or not
        // it succeeded, as every earlier run with another shape was forgotten when it changed.
        let sameShape = oldTemplates?.files == templateTree.files
            && oldContent.map { DevelopmentSite.bodyOnlyChanges(from: $0, to: contentTree) != nil } ?? false
        if !sameShape { cache.forget(MemoSlot.keyedByTextAlone) }
        let result = Builder.run(content: contentTree, templates: templateTree, today: today,
                                 plan: PlanOptions(includeDrafts: options.includeDrafts), memo: cache)
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        lock.withLock {
            lastContent = contentTree
            lastTemplates = ownTemplates
            lastDiagnostics = result.diagnostics
            if let good = result.site { site = good }
        }
        let pages = result.site.map { $0.files.keys.filter { $0.hasSuffix(".html") }.count } ?? 0
        return Outcome(diagnostics: result.diagnostics, succeeded: result.site != nil,
                       renderedPages: result.site?.renderedPages ?? 0, totalPages: pages, milliseconds: ms, unchanged: false,
                       timings: clock.timings + result.timings)
    }

    /// The Markdown files whose body alone changed, or nil when anything else changed (a file
    /// added or removed, front matter, a data file), which needs a full rebuild.
    static func bodyOnlyChanges(from old: FileTree, to new: FileTree) -> [String]? {
        guard Set(old.files.keys) == Set(new.files.keys) else { return nil }
        var changed: [String] = []
        for (path, bytes) in new.files where old.files[path] != bytes {
            guard path.hasSuffix(".md"), let before = old.files[path],
                  let was = frontMatter(before), was == frontMatter(bytes) else { return nil }
            changed.append(path)
        }
        return changed
    }

    /// A file's front matter as the loader reads it (the one reader, `FrontMatter.split`): its
    /// YAML and where the body starts. Nil when the file cannot be split (a full rebuild reports why).
    static func frontMatter(_ bytes: [UInt8]) -> FrontMatterKey? {
        guard let text = String(validating: bytes, as: UTF8.self),
              case .success(let split) = FrontMatter.split(text, file: "") else { return nil }
        return FrontMatterKey(yaml: split.yaml, bodyStart: split.body.first?.number ?? 0)
    }

    struct FrontMatterKey: Equatable {
        var yaml: String?
        var bodyStart: Int
    }
}
