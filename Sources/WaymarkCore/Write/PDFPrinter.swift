// Prints pages to PDF: session packs and worksheets, for facilitators who print the night before.
// One headless Chromium is started once (DevToolsBrowser) and prints several pages at once, in a
// tab for each worker; the site is served to it from memory at its own address (site.yml `base_url`), so
// the links in a PDF lead to the published site and nothing is fetched from anywhere else.
//
// A PDF is printed again only when what it is printed from changed: its page, every file the page
// loaded (CSS, scripts, pictures, fonts) and the browser's version. Printed PDFs are kept in a
// cache outside the output folder (`.waymark-cache/pdf` by default; `waymark clean` empties it),
// with the list of files each one loaded. The dates Chromium writes into a PDF are set to one
// fixed date, so the same input gives the same bytes. Each PDF is written next to its page in the
// staging folder, so PDFs are published with the site or not at all.

import Foundation
import WaymarkModel

public struct PDFJob: Sendable {
    /// The page, inside the site folder (e.g. `facilitators/protection/11-13/x/pack/index.html`).
    public var page: String
    /// The PDF, inside the site folder.
    public var pdf: String
}

/// What printing did, for the build's summary line.
public struct PDFSummary: Sendable {
    public var printed = 0
    public var reused = 0
    public var seconds: Double = 0
}

public enum PDFPrinter {
    public struct PrintError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Bumped when the way a PDF is printed changes, so that every cached PDF is printed again.
    static let printingVersion = "waymark-pdf-4"

    /// The browser to use: the one given, or the first Chromium on PATH.
    public static func findBrowser(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let fm = FileManager.default
        if let given { return fm.isExecutableFile(atPath: given) ? given : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
                let candidate = "\(folder)/\(name)"
                if fm.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Empties the cache of printed PDFs (`waymark clean`).
    public static func emptyCache(_ folder: String) throws { try PDFCache.empty(URL(fileURLWithPath: folder)) }

    /// Prints every job into `staging`, taking what it can from `cache`.
    /// - Parameters:
    ///   - files: the built site's file at a path: what the browser is served.
    ///   - baseURL: the address the pages are printed at (site.yml `base_url`).
    ///   - progress: called as each PDF is done: how many are done, the total, the job, and
    ///     whether it was taken from the cache.
    public static func print(_ jobs: [PDFJob], files: @escaping @Sendable (String) -> [UInt8]?, baseURL: String?, into staging: URL,
                             browser: String, parallel: Int, cache: URL?,
                             progress: @escaping @Sendable (Int, Int, PDFJob, Bool) -> Void) throws -> PDFSummary {
        let started = Date()
        var summary = PDFSummary()
        guard !jobs.isEmpty else { return summary }
        let site = SiteAddress(baseURL)
        let version = browserVersion(browser)
        let hashes = FileHashes(files)
        let store = cache.map { PDFCache(folder: $0) }
        var toPrint: [(job: PDFJob, key: String)] = []
        for job in jobs {
            let key = cacheKey(job, version: version, hashes: hashes)
            if let store, let pdf = store.reuse(key: key, page: job.page, hashes: hashes) {
                try write(pdf, to: staging.appendingPathComponent(job.pdf))
                summary.reused += 1
                progress(summary.reused, jobs.count, job, true)
            } else {
                toPrint.append((job, key))
            }
        }
        if !toPrint.isEmpty {
            let profile = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-pdf-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: profile) }
            let chromium: DevToolsBrowser
            do {
                chromium = try DevToolsBrowser(executable: browser, profile: profile)
            } catch {
                throw PrintError(description: "could not start \(browser) to print PDFs: \(error)")
            }
            defer { chromium.close() }
            let state = PrintState(done: summary.reused)
            let toPrint = toPrint
            DispatchQueue.concurrentPerform(iterations: max(1, min(parallel, toPrint.count))) { worker in
                // One tab for each worker, used for page after page.
                let tab: Tab
                do {
                    tab = try Tab(chromium: chromium, site: site, files: files)
                } catch {
                    state.fail(PrintError(description: "could not open a tab to print in: \(error)"))
                    return
                }
                defer { tab.close() }
                while let index = state.next(below: toPrint.count) {
                    let (job, key) = toPrint[index]
                    do {
                        let (pdf, loaded) = try tab.print(job)
                        try write(pdf, to: staging.appendingPathComponent(job.pdf))
                        store?.keep(pdf, key: key, page: job.page, loaded: loaded, hashes: hashes)
                        progress(state.finishOne(), jobs.count, job, false)
                    } catch {
                        state.fail(PrintError(description: "could not print \(job.page): \(error)"))
                    }
                }
            }
            if let error = state.error { throw error }
            summary.printed = toPrint.count
        }
        store?.forgetOtherVersions(of: jobs.map(\.page), keeping: Set(jobs.map { cacheKey($0, version: version, hashes: hashes) }))
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The cache key of a job: the way of printing, the browser's version, and the page itself.
    /// What the page loads is checked against the entry's list (PDFCache).
    static func cacheKey(_ job: PDFJob, version: String, hashes: FileHashes) -> String {
        var hash = SHA256()
        hash.update(printingVersion + "\n" + version + "\n" + job.page + "\n" + hashes.hash(of: job.page))
        return hash.hex()
    }

    /// "Chromium 156.0.8078.129 ...", from `--version` (a fraction of a second, and no browser
    /// started when every PDF is in the cache).
    static func browserVersion(_ browser: String) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--version"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "unknown browser \(browser)" }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What Chromium writes differently each time it prints the same page, made the same: the
    /// creation and change dates (set to one fixed date), and the ids of the tagged PDF's table
    /// cells (`/ID (node00000105)`, numbered by the browser's renderer, which pages printed at the
    /// same time share), renumbered in the order they first appear. Every value keeps its
    /// length, so the offsets in the PDF's cross-reference table stay right.
    static func normalised(_ pdf: [UInt8]) -> [UInt8] {
        renumberedNodeIDs(fixedDates(pdf))
    }

    static func renumberedNodeIDs(_ pdf: [UInt8]) -> [UInt8] {
        var out = pdf
        let marker = Array("(node".utf8)
        var numbers: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        while let found = find(marker, in: out, from: i) {
            let start = found + marker.count
            var end = start
            while end < out.count, out[end] >= 0x30, out[end] <= 0x39 { end += 1 }
            i = end
            guard end > start, end < out.count, out[end] == UInt8(ascii: ")") else { continue }
            let digits = out[start..<end]
            let number = numbers[digits] ?? {
                let next = numbers.count + 1
                numbers[digits] = next
                return next
            }()
            let text = Array(String(number).utf8)
            guard text.count <= digits.count else { continue }
            let padded = Array(repeating: UInt8(ascii: "0"), count: digits.count - text.count) + text
            out.replaceSubrange(start..<end, with: padded)
        }
        return out
    }

    static func fixedDates(_ pdf: [UInt8]) -> [UInt8] {
        var out = pdf
        let fixed = Array("20000101000000".utf8)
        for marker in ["/CreationDate (D:", "/ModDate (D:"].map({ Array($0.utf8) }) {
            var i = 0
            while let found = find(marker, in: out, from: i) {
                var j = found + marker.count, digit = 0
                while j < out.count, out[j] != UInt8(ascii: ")") {
                    if out[j] >= 0x30 && out[j] <= 0x39 {
                        out[j] = digit < fixed.count ? fixed[digit] : UInt8(ascii: "0")
                        digit += 1
                    }
                    j += 1
                }
                i = j
            }
        }
        return out
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func mimeType(_ path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        default: return "application/octet-stream"
        }
    }

    private static func write(_ bytes: [UInt8], to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
    }
}

/// A browser tab that prints page after page. Its cache is off, so every file a page loads is
/// asked of the site (and so recorded for the PDF cache), and each page's tagged-PDF ids are
/// renumbered afterwards (PDFPrinter.normalised), so a page gives the same bytes whichever tab
/// printed it and after what.
private final class Tab: @unchecked Sendable {
    private let chromium: DevToolsBrowser
    private let site: SiteAddress
    private let targetID: String
    private let session: String
    private let loaded = LoadedFiles()

    init(chromium: DevToolsBrowser, site: SiteAddress, files: @escaping @Sendable (String) -> [UInt8]?) throws {
        self.chromium = chromium
        self.site = site
        let target = try chromium.call("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw PDFPrinter.PrintError(description: "the browser opened no tab") }
        self.targetID = targetID
        let attached = try chromium.call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw PDFPrinter.PrintError(description: "the browser gave no session") }
        self.session = session
        let loaded = self.loaded
        try chromium.serve(session: session) { url in
            guard let path = site.path(of: url), let body = files(path) else { return nil }
            loaded.add(path)
            return (PDFPrinter.mimeType(path), body)
        }
        try chromium.call("Network.enable", session: session)
        try chromium.call("Network.setCacheDisabled", ["cacheDisabled": true], session: session)
        try chromium.call("Page.enable", session: session)
    }

    /// The page printed, and the files it loaded.
    func print(_ job: PDFJob) throws -> ([UInt8], Set<String>) {
        loaded.reset()
        let loadFinished = chromium.expect("Page.loadEventFired", session: session)
        let pageURL = site.url(of: job.page)
        let navigation = try chromium.call("Page.navigate", ["url": pageURL], session: session)
        if let problem = navigation["errorText"] as? String { throw PDFPrinter.PrintError(description: "\(pageURL) did not load: \(problem)") }
        try loadFinished()
        let printed = try chromium.call("Page.printToPDF", ["printBackground": true, "preferCSSPageSize": true,
                                                            "displayHeaderFooter": false], session: session, timeout: 120)
        guard let data = (printed["data"] as? String).flatMap({ Data(base64Encoded: $0) }) else {
            throw PDFPrinter.PrintError(description: "the browser returned no PDF")
        }
        return (PDFPrinter.normalised([UInt8](data)), loaded.paths)
    }

    func close() {
        chromium.forget(session: session)
        _ = try? chromium.call("Target.closeTarget", ["targetId": targetID], timeout: 10)
    }
}

/// The site's own address, and how a page's file maps to it and back.
struct SiteAddress: Sendable {
    /// `https://example.org/` or `https://example.org/sub/`, always ending in a slash.
    let root: String

    init(_ baseURL: String?) {
        var root = baseURL ?? "https://example.org/"
        if !root.hasPrefix("http://") && !root.hasPrefix("https://") { root = "https://example.org/" }
        root = root.hasSuffix("/") ? root : root + "/"
        self.root = root
    }

    /// `facilitators/x/pack/index.html` -> `https://example.org/facilitators/x/pack/`.
    func url(of page: String) -> String {
        root + (page.hasSuffix("index.html") ? String(page.dropLast("index.html".count)) : page)
    }

    /// The file of the site a request asks for, or nil for anything outside the site.
    func path(of url: String) -> String? {
        guard url.hasPrefix(root) else { return nil }
        var path = String(url.dropFirst(root.count))
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<cut]) }
        path = path.removingPercentEncoding ?? path
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }
}

/// Each file's SHA-256, worked out once per build.
final class FileHashes: @unchecked Sendable {
    private let files: @Sendable (String) -> [UInt8]?
    private let lock = NSLock()
    private var known: [String: String] = [:]

    init(_ files: @escaping @Sendable (String) -> [UInt8]?) { self.files = files }

    func hash(of path: String) -> String {
        if let hash = lock.withLock({ known[path] }) { return hash }
        let hash = files(path).map { SHA256.hex($0) } ?? "missing"
        lock.withLock { known[path] = hash }
        return hash
    }
}

/// The files one page asked for while it was printed.
private final class LoadedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var set: Set<String> = []
    func add(_ path: String) { lock.withLock { _ = set.insert(path) } }
    func reset() { lock.withLock { set.removeAll() } }
    var paths: Set<String> { lock.withLock { set } }
}

/// Shared between the printing workers: the next job, how many are done, and the first error.
private final class PrintState: @unchecked Sendable {
    private let lock = NSLock()
    private var done: Int
    private var taken = 0
    private(set) var error: Error?

    init(done: Int) { self.done = done }

    func next(below count: Int) -> Int? {
        lock.withLock {
            guard error == nil, taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    func finishOne() -> Int { lock.withLock { done += 1; return done } }
    func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
