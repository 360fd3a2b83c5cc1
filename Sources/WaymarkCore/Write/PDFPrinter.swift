// Prints pages to PDF with headless Chromium: session packs and worksheets, for facilitators who
// print the night before. Several browsers run at once; each PDF is written next to its page in
// the staging folder, so PDFs are published with the site or not at all.

import Foundation
import WaymarkModel

public struct PDFJob: Sendable {
    /// The page, inside the site folder (e.g. `facilitators/protection/11-13/x/pack/index.html`).
    public var page: String
    /// The PDF, inside the site folder.
    public var pdf: String
}

public enum PDFPrinter {
    public struct PrintError: Error, CustomStringConvertible {
        public var description: String
    }

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

    /// Prints every job; `progress` is called as each PDF is done (count done, total, job).
    public static func print(_ jobs: [PDFJob], siteFolder: URL, browser: String, parallel: Int,
                             progress: @escaping @Sendable (Int, Int, PDFJob) -> Void) throws {
        guard !jobs.isEmpty else { return }
        let profiles = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profiles) }
        let state = PrintState()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, parallel)
        for (index, job) in jobs.enumerated() {
            queue.addOperation {
                guard !state.failed else { return }
                do {
                    try printOne(job, siteFolder: siteFolder, browser: browser,
                                 profile: profiles.appendingPathComponent("p\(index % max(1, parallel))-\(index)"))
                    progress(state.finishOne(), jobs.count, job)
                } catch {
                    state.fail(error)
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        if let error = state.error { throw error }
    }

    private static func printOne(_ job: PDFJob, siteFolder: URL, browser: String, profile: URL) throws {
        let page = siteFolder.appendingPathComponent(job.page)
        let pdf = siteFolder.appendingPathComponent(job.pdf)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--disable-background-networking", "--no-pdf-header-footer", "--user-data-dir=\(profile.path)",
                             "--print-to-pdf=\(pdf.path)", page.absoluteURL.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A browser that hangs must not hang the build.
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            throw PrintError(description: "\(browser) did not finish printing \(job.page) within 90 seconds")
        }
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdf.path) else {
            throw PrintError(description: "\(browser) could not print \(job.page) (exit \(process.terminationStatus))")
        }
    }
}

/// Shared between the printing operations: how many are done, and the first error.
private final class PrintState: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private(set) var error: Error?
    var failed: Bool { lock.withLock { error != nil } }

    func finishOne() -> Int { lock.withLock { done += 1; return done } }
    func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
