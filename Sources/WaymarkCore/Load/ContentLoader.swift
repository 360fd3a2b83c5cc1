// The Load stage: reads site.yml and every Markdown file of the content folder into typed values.
// It reports every problem it finds and keeps going, so one run shows an author all of them.

import Foundation
import WaymarkMarkdown
import WaymarkModel
import Yams

public enum ContentLoader {
    static let moduleKeys = ["title", "summary", "theme", "order", "levels", "tiers", "content_note", "review"]
    static let pageKeys = ["title", "summary", "order", "content_note", "review"]
    static let sitePageKeys = pageKeys + ["calm"]
    static let parentsKeys = pageKeys + ["child_reads"]
    static let reviewKeys = ["by", "date", "next"]
    static let worksheetKeys = ["title", "summary", "themes", "levels", "tiers", "time", "facilitator", "review", "order", "kit", "for"]
    static let sessionKeys = ["title", "summary", "levels", "tiers", "length", "group_size", "worksheets", "review", "order", "part"]

    /// Folders of the content tree that become pages, and folders kept for later features.
    static let builtFolders = ["modules", "pages", "parents", "worksheets", "sessions"]
    static let reservedFolders: [String] = []
    static let imageExtensions = ["png", "jpg", "jpeg", "gif", "svg", "webp"]

    /// What a parsed file is made from: a file is parsed again when its bytes, its place as shown
    /// in diagnostics, or site.yml (which gives the default levels and tiers) changed.
    struct MemoKey: Equatable, Sendable {
        var bytes: [UInt8]
        var site: [UInt8]
        var file: String
    }

    /// - Parameter memo: files parsed by an earlier load (the preview keeps them), reused when
    ///   neither the file nor site.yml has changed.
    public static func load(_ tree: FileTree, memo: (any Memo)? = nil) -> (Content?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let siteFile = tree.displayPath("site.yml")
        guard tree.files["site.yml"] != nil else {
            let message = tree.files.isEmpty
                ? "the content folder is empty or missing: it needs site.yml and a modules/ folder"
                : "site.yml is missing from the content folder"
            return (nil, [.error(message, at: SourceLocation(file: siteFile), rule: "site.missing")])
        }
        /// A data file of the content folder, decoded and read by `read`; problems are collected.
        func dataFile<Value>(_ name: String, read: (String, String) -> (Value?, [Diagnostic])) -> Value? {
            guard let bytes = tree.files[name] else { return nil }
            let file = tree.displayPath(name)
            switch TextDecoding.decode(bytes, file: file) {
            case .failure(let d):
                diagnostics.append(d)
                return nil
            case .success(let text):
                let (value, found) = read(text, file)
                diagnostics += found
                return value
            }
        }
        let config = dataFile("site.yml") { SiteConfigLoader.load(text: $0, file: $1) }
        let phrasesToAvoid = dataFile("language.yml") { PhrasesToAvoidLoader.load(text: $0, file: $1) } ?? []
        let glossary = config.flatMap { config in
            dataFile("glossary.yml") { GlossaryLoader.load(text: $0, file: $1, config: config) }
        } ?? []

        var modules: [Module] = []
        var pages: [Page] = []
        var worksheets: [Worksheet] = []
        var sessions: [SessionPlan] = []
        var translated: [String: [LoadedDocument]] = [:]

        // Which Markdown files are pages, and as what: decided in order, so warnings come in order.
        struct Job: Sendable {
            var path: String
            /// The path of the page it is, or translates (`pages/help.md` for translations/cy/pages/help.md).
            var mirror: String
            var folder: String
            var file: String
            /// The language of a translation.
            var language: String?
        }
        var jobs: [Job] = []
        for path in tree.files.keys.sorted() where path.hasSuffix(".md") {
            let folder = path.split(separator: "/").first.map(String.init) ?? ""
            let file = tree.displayPath(path)
            if reservedFolders.contains(folder) { continue }
            if folder == TranslationLoader.folder {
                guard let (code, mirror) = TranslationLoader.split(path) else {
                    diagnostics.append(.warning("translations go in translations/<language code>/, mirroring the English folders (translations/cy/pages/help.md)",
                                                at: SourceLocation(file: file), rule: "content.ignored"))
                    continue
                }
                let mirrorFolder = String(mirror.split(separator: "/").first ?? "")
                guard builtFolders.contains(mirrorFolder), mirror.contains("/") else {
                    diagnostics.append(.warning("this file is not part of the site: a translation mirrors an English file in modules/, pages/, parents/, worksheets/ or sessions/",
                                                at: SourceLocation(file: file), rule: "content.ignored"))
                    continue
                }
                jobs.append(Job(path: path, mirror: mirror, folder: mirrorFolder, file: file, language: code))
                continue
            }
            guard builtFolders.contains(folder), path.contains("/") else {
                diagnostics.append(.warning("this file is not part of the site: Markdown pages go in modules/, pages/, parents/, worksheets/ or sessions/",
                                            at: SourceLocation(file: file), rule: "content.ignored"))
                continue
            }
            jobs.append(Job(path: path, mirror: path, folder: folder, file: file, language: nil))
        }

        // Each file is read on its own (a pure function of its bytes, its place and site.yml), so
        // they are read on every core.
        let siteBytes = tree.files["site.yml"] ?? []
        let files = tree.files
        let results = Parallel.map(jobs) { job -> LoadedDocument in
            let bytes = files[job.path] ?? []
            return remembered(memo, .loadedFile, job.path, madeFrom: MemoKey(bytes: bytes, site: siteBytes, file: job.file)) {
                readDocument(bytes, path: job.mirror, folder: job.folder, file: job.file, config: config,
                             isTranslation: job.language != nil)
            }
        }
        for (job, loaded) in zip(jobs, results) {
            diagnostics += loaded.diagnostics
            if let code = job.language {
                translated[code, default: []].append(loaded)
                continue
            }
            switch loaded.document {
            case .module(let module): modules.append(module)
            case .worksheet(let worksheet): worksheets.append(worksheet)
            case .session(let session): sessions.append(session)
            case .page(let page): pages.append(page)
            case .none: break
            }
        }
        if config != nil && modules.isEmpty && !diagnostics.hasErrors {
            diagnostics.append(.warning("there are no modules: add Markdown files to modules/",
                                        at: SourceLocation(file: tree.displayPath("modules")), rule: "content.no-modules"))
        }
        guard let config else { return (nil, diagnostics) }
        var images: [String: [UInt8]] = [:]
        for path in tree.paths(under: "images") {
            let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if imageExtensions.contains(ext) {
                images[path] = tree.files[path]
            } else {
                diagnostics.append(.warning("images/ holds pictures (\(imageExtensions.joined(separator: ", "))); this file is not copied",
                                            at: SourceLocation(file: tree.displayPath(path)), rule: "content.ignored"))
            }
        }
        var content = Content(config: config, modules: modules, pages: pages, worksheets: worksheets, sessions: sessions,
                              phrasesToAvoid: phrasesToAvoid, glossary: glossary, images: images)
        content.unsafeAdvice = dataFile("safety.yml") { UnsafeAdviceLoader.load(text: $0, file: $1) } ?? []
        content.topics = dataFile("topics.yml") { TopicLoader.load(text: $0, file: $1, config: config) } ?? []
        content.searchWords = dataFile("search-words.yml") { SearchWordsLoader.load(text: $0, file: $1, config: config) } ?? []
        content.translations = TranslationLoader.collect(translated, tree: tree, config: config, diagnostics: &diagnostics)
        return (content, diagnostics)
    }
}

extension ContentLoader {
    /// One Markdown file, read: a pure function of its bytes, its place and site.yml.
    /// - Parameter isTranslation: the file is a translation; `path` is then the path of the
    ///   source file it mirrors.
    static func readDocument(_ bytes: [UInt8], path: String, folder: String, file: String, config: SiteConfig?,
                             isTranslation: Bool = false) -> LoadedDocument {
        let text: String
        switch TextDecoding.decode(bytes, file: file) {
        case .failure(let d): return LoadedDocument(document: .none, diagnostics: [d])
        case .success(let t): text = t
        }
        let id = String(path.split(separator: "/").last!.dropLast(3))
        if !SiteConfigLoader.isValidID(id) {
            return LoadedDocument(document: .none, diagnostics: [
                .error("the file name `\(id).md` becomes a URL: use only lowercase letters, digits and hyphens",
                       at: SourceLocation(file: file), rule: "content.file-name")])
        }
        var reader = DocumentReader(file: file, config: config, isTranslation: isTranslation)
        let document: LoadedDocument.Kind
        switch folder {
        case "modules": document = reader.readModule(text, id: id, path: path).map { .module($0) } ?? .none
        case "worksheets": document = reader.readWorksheet(text, id: id, path: path).map { .worksheet($0) } ?? .none
        case "sessions": document = reader.readSession(text, id: id, path: path).map { .session($0) } ?? .none
        default:
            let section: PageSection = folder == "parents" ? .parents : .pages
            document = reader.readPage(text, id: id, path: path, section: section).map { .page($0) } ?? .none
        }
        return LoadedDocument(document: document, diagnostics: reader.diagnostics)
    }
}

/// What reading one file gave.
public struct LoadedDocument: Sendable {
    enum Kind: Sendable {
        case module(Module), page(Page), worksheet(Worksheet), session(SessionPlan), none
    }
    var document: Kind
    var diagnostics: [Diagnostic]
}

/// Reads one Markdown file: front matter into typed fields, body into lines and blocks.
struct DocumentReader {
    let file: String
    let config: SiteConfig?
    /// A translation: its front matter also says `translation:` (status, by, date, source).
    var isTranslation = false
    var diagnostics: [Diagnostic] = []

    private struct Parts {
        var fields: [String: Node]
        var root: Node?
        var reader: YAMLFields
        var body: [BodyNode]
        var exemptions: [Exemption]
        var bodyText: [SourceLine]
    }

    private mutating func split(_ text: String, allowed: [String]) -> Parts? {
        let allowed = isTranslation ? allowed + ["translation"] : allowed
        let split: SplitDocument
        switch FrontMatter.split(text, file: file) {
        case .failure(let d): diagnostics.append(d); return nil
        case .success(let s): split = s
        }
        var parser = BodyParser(file: file)
        let body = parser.parse(split.body)
        diagnostics += parser.diagnostics
        guard let yaml = split.yaml else {
            diagnostics.append(.error("the file has no front matter: start it with a line `---`, then `title: ...`, then `---`",
                                      at: SourceLocation(file: file), rule: "front-matter.missing"))
            return nil
        }
        var reader = YAMLFields(file: file, firstLine: split.yamlFirstLine)
        let root: Node?
        switch FrontMatter.parseYAML(yaml, file: file, firstLine: split.yamlFirstLine) {
        case .failure(let d): diagnostics.append(d); return nil
        case .success(let node): root = node
        }
        guard let root else {
            diagnostics.append(.error("the front matter is empty: it needs at least `title: ...`",
                                      at: SourceLocation(file: file), rule: "front-matter.missing-key"))
            return nil
        }
        let fields = reader.mapping(root, what: "the front matter", allowed: allowed) ?? [:]
        return Parts(fields: fields, root: root, reader: reader, body: body, exemptions: parser.exemptions,
                     bodyText: split.body)
    }

    private func meta(_ parts: inout Parts, id: String) -> PageMeta {
        let title = parts.reader.string(parts.fields["title"], key: "title", required: true, in: parts.root)
        let summary = parts.reader.string(parts.fields["summary"], key: "summary")
        let order = parts.reader.int(parts.fields["order"], key: "order")
        let note = parts.reader.string(parts.fields["content_note"], key: "content_note")
        var review: Review?
        if let node = parts.fields["review"],
           let map = parts.reader.mapping(node, what: "`review`", allowed: ContentLoader.reviewKeys) {
            review = Review(by: parts.reader.string(map["by"], key: "by"),
                            date: parts.reader.day(map["date"], key: "date"),
                            next: parts.reader.day(map["next"], key: "next"),
                            nextLocation: map["next"].map { parts.reader.location($0) })
        }
        var translation: TranslationStatus?
        if isTranslation {
            translation = TranslationLoader.status(parts.fields["translation"], reader: &parts.reader, root: parts.root)
        }
        // A missing title is already an error; the file id stands in so that the rest of the
        // file is still checked in this run.
        return PageMeta(title: title ?? id, summary: summary, order: order, contentNote: note, review: review,
                        translation: translation,
                        fingerprint: SourceFingerprint.of(title: title ?? id, summary: summary, contentNote: note, body: parts.bodyText))
    }

    /// `levels:` and `tiers:`, each every one in site.yml when left out.
    private func levelsAndTiers(_ parts: inout Parts) -> (levels: [IDReference], tiers: [IDReference]) {
        let here = SourceLocation(file: file)
        let levels = parts.reader.words(parts.fields["levels"], key: "levels")?.map { IDReference($0.0, at: $0.1) }
            ?? (config?.levels ?? []).map { IDReference($0.id, at: here) }
        let tiers = parts.reader.words(parts.fields["tiers"], key: "tiers")?.map { IDReference($0.0, at: $0.1) }
            ?? (config?.tiers ?? []).map { IDReference($0.id, at: here) }
        if let node = parts.fields["levels"], levels.isEmpty {
            parts.reader.error("`levels` is empty: leave it out to cover every level", node, rule: "front-matter.levels")
        }
        if let node = parts.fields["tiers"], tiers.isEmpty {
            parts.reader.error("`tiers` is empty: leave it out to cover every tier", node, rule: "front-matter.tiers")
        }
        return (levels, tiers)
    }

    mutating func readWorksheet(_ text: String, id: String, path: String) -> Worksheet? {
        guard var parts = split(text, allowed: ContentLoader.worksheetKeys) else { return nil }
        let meta = meta(&parts, id: id)
        let (levels, tiers) = levelsAndTiers(&parts)
        let themes = parts.reader.words(parts.fields["themes"], key: "themes")?.map(\.0) ?? []
        let time = parts.reader.string(parts.fields["time"], key: "time")
        let notes = parts.reader.string(parts.fields["facilitator"], key: "facilitator")
        let kit = parts.reader.bool(parts.fields["kit"], key: "kit") ?? false
        var filledInBy = Audience.youngPeople
        if let word = parts.reader.string(parts.fields["for"], key: "for") {
            switch word {
            case "facilitators": filledInBy = .facilitators
            case "young-people": filledInBy = .youngPeople
            default:
                parts.reader.error("`for` is `young-people` (the default) or `facilitators`: who fills the sheet in", parts.fields["for"],
                                   rule: "front-matter.value")
            }
        }
        diagnostics += parts.reader.diagnostics
        var worksheet = Worksheet(id: id, path: path, file: file, meta: meta, themes: themes, levels: levels, tiers: tiers,
                                  time: time, facilitatorNotes: notes, body: parts.body, exemptions: parts.exemptions)
        worksheet.isKit = kit
        worksheet.filledInBy = filledInBy
        return worksheet
    }

    mutating func readSession(_ text: String, id: String, path: String) -> SessionPlan? {
        guard var parts = split(text, allowed: ContentLoader.sessionKeys) else { return nil }
        let meta = meta(&parts, id: id)
        let (levels, tiers) = levelsAndTiers(&parts)
        let worksheets = parts.reader.words(parts.fields["worksheets"], key: "worksheets")?.map { IDReference($0.0, at: $0.1) } ?? []
        let length = parts.reader.string(parts.fields["length"], key: "length")
        let groupSize = parts.reader.string(parts.fields["group_size"], key: "group_size")
        var part = SessionPlan.Part.themed
        if let word = parts.reader.string(parts.fields["part"], key: "part") {
            if let known = SessionPlan.Part(rawValue: word) { part = known } else {
                parts.reader.error("`part` is `opening`, `themed` (the default) or `closing`: where the session comes in its level's programme",
                                   parts.fields["part"], rule: "front-matter.value")
            }
        }
        diagnostics += parts.reader.diagnostics
        let (plan, handout) = SessionPlan.splitHandout(parts.body)
        var session = SessionPlan(id: id, path: path, file: file, meta: meta, levels: levels, tiers: tiers, length: length,
                                  groupSize: groupSize, worksheets: worksheets, body: parts.body, exemptions: parts.exemptions)
        session.planBody = plan
        session.handout = handout
        session.part = part
        return session
    }

    mutating func readModule(_ text: String, id: String, path: String) -> Module? {
        guard var parts = split(text, allowed: ContentLoader.moduleKeys) else { return nil }
        let meta = meta(&parts, id: id)
        let theme = parts.reader.string(parts.fields["theme"], key: "theme")
        let (levels, tiers) = levelsAndTiers(&parts)
        diagnostics += parts.reader.diagnostics
        // Returned even when the front matter had errors (the build fails on them anyway), so
        // that the body's blocks and links are checked in the same run.
        return Module(id: id, path: path, file: file, meta: meta, theme: theme, levels: levels, tiers: tiers,
                      body: parts.body, exemptions: parts.exemptions)
    }

    mutating func readPage(_ text: String, id: String, path: String, section: PageSection) -> Page? {
        let allowed = section == .parents ? ContentLoader.parentsKeys : section == .pages ? ContentLoader.sitePageKeys : ContentLoader.pageKeys
        guard var parts = split(text, allowed: allowed) else { return nil }
        let meta = meta(&parts, id: id)
        var childReads: IDReference?
        if let node = parts.fields["child_reads"], let moduleID = parts.reader.string(node, key: "child_reads") {
            childReads = IDReference(moduleID.hasSuffix(".md") ? String(moduleID.dropLast(3)) : moduleID,
                                     at: parts.reader.location(node))
        }
        var calmTier: IDReference?
        if let node = parts.fields["calm"], let tier = parts.reader.string(node, key: "calm") {
            calmTier = IDReference(tier, at: parts.reader.location(node))
        }
        diagnostics += parts.reader.diagnostics
        var page = Page(id: id, path: path, file: file, section: section, meta: meta, childReads: childReads, body: parts.body,
                        exemptions: parts.exemptions)
        page.calmTier = calmTier
        return page
    }
}
