// Small sites built in memory for the tests, with the repository's real templates.

import Foundation
@testable import WaymarkCore
@testable import WaymarkModel

enum Fixture {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let siteYML = """
    title: Test Site
    language: en-GB
    base_url: https://example.org/
    tiers:
      - id: "11-13"
        label: Ages 11 to 13
        ages: [11, 13]
        reading_grade: 5
      - id: "14-16"
        label: Ages 14 to 16
        ages: [14, 16]
        reading_grade: 6.5
      - id: "17-19"
        label: Ages 17 to 19
        ages: [17, 19]
        reading_grade: 8
    levels:
      - id: protection
        name: Protection
        young_name: Knowing the signs
        summary: Learning the signs.
      - id: risk-reduction
        name: Risk reduction
        young_name: Staying safe now
        summary: Help for now.
      - id: recovery
        name: Recovery
        young_name: Moving forward
        summary: Making sense of it.
    helplines:
      - name: Childline
        for: Anyone under 19
        ages: under-19
        purposes: [talk]
        phone: "0800 1111"
        url: https://www.childline.org.uk/
        audiences: [young-people]
        verified: 2026-11-01
      - id: ceop
        name: CEOP Safety Centre
        aliases: [CEOP]
        for: Reports about someone under 18
        ages: under-18
        purposes: [report]
        url: https://www.ceop.police.uk/Safety-Centre/
        audiences: [young-people]
        verified: 2026-11-01
      - name: Revenge Porn Helpline
        for: Adults whose intimate images were shared
        ages: 18-and-over
        purposes: [images]
        phone: "0345 6000 459"
        audiences: [young-people]
        verified: 2026-11-01
      - name: Samaritans
        for: Anyone, any age
        ages: any
        purposes: [talk, crisis]
        phone: "116 123"
        any_time: true
        audiences: [young-people, parents]
        verified: 2026-11-01
      - name: NSPCC Helpline
        for: Adults worried about a child
        ages: 18-and-over
        purposes: [worried-adult]
        phone: "0808 800 5000"
        audiences: [parents]
        verified: 2026-11-01
    exit:
      url: https://www.bbc.co.uk/weather
      label: Exit this page
    emergency:
      phone: "999"
      label: In danger now? Call
    """

    static func content(_ files: [String: String], siteYML: String? = Fixture.siteYML) -> FileTree {
        var all = files
        if let siteYML { all["site.yml"] = siteYML }
        return FileTree(root: "Content", text: all)
    }

    static func module(_ title: String, _ body: String, extra: String = "") -> String {
        "---\ntitle: \(title)\n\(extra)---\n\(body)"
    }

    /// The repository's templates, read once for every test.
    static let templates: FileTree = (try? FileTree.read(directory: packageRoot.appendingPathComponent("Templates").path,
                                                          displayRoot: "Templates"))! ?? FileTree(root: "Templates")

    /// Builds in memory and returns the site (nil on errors) with every diagnostic.
    static func build(_ files: [String: String], siteYML: String? = Fixture.siteYML,
                      templates: FileTree = Fixture.templates) -> (RenderedSite?, [Diagnostic]) {
        Builder.build(content: content(files, siteYML: siteYML), templates: templates)
    }

    static func html(_ site: RenderedSite?, _ path: String) -> String {
        site?.files[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The text of the page's `<main>` element.
    static func main(_ site: RenderedSite?, _ path: String) -> String {
        let page = html(site, path)
        guard let start = page.range(of: "<main"), let end = page.range(of: "</main>") else { return "" }
        return String(page[start.lowerBound..<end.upperBound])
    }

    static func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// A site's folders in a file system in memory: `/site/Content` (with these files),
    /// `/site/Templates` (the repository's) and `/site/Public` as the output.
    static func memorySite(_ files: [String: String]) throws -> (MemoryFileSystem, BuildOptions) {
        let disk = MemoryFileSystem()
        try put(content(files), at: "/site/Content", on: disk)
        try put(templates, at: "/site/Templates", on: disk)
        return (disk, BuildOptions(contentDirectory: "/site/Content", templatesDirectory: "/site/Templates",
                                   outputDirectory: "/site/Public", fileSystem: disk))
    }

    static func put(_ tree: FileTree, at folder: String, on disk: any FileSystem) throws {
        for (path, bytes) in tree.files {
            let file = folder + "/" + path
            try disk.makeFolder((file as NSString).deletingLastPathComponent)
            try disk.write(bytes, to: file)
        }
    }

    /// Every file under a folder of a file system, by its path inside the folder.
    static func snapshot(_ folder: String, on disk: any FileSystem) -> [String: [UInt8]] {
        (try? FileTree.read(directory: folder, from: disk))??.files ?? [:]
    }

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ tree: FileTree, to directory: URL) throws {
        for (path, bytes) in tree.files {
            let file = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
    }
}
