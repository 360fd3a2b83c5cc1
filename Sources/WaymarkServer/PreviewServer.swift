// `waymark serve`: the writer's preview. Serves the site from memory on loopback, watches the
// content and templates folders, rebuilds what changed, and tells open pages to reload through
// Server-Sent Events. A build error is shown in the terminal and over the open page, while the
// last good site goes on being served. The reload script is added to pages only here, never to a
// built site.

import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WaymarkCore
import WaymarkModel
import WaymarkRebuild

public struct PreviewServer: Sendable {
    public var host: String
    public var port: Int
    public var site: DevelopmentSite
    /// Where messages for the writer go (the terminal).
    public var log: @Sendable (String) -> Void
    /// Print how long each stage of every rebuild took.
    public var showTimings: Bool

    public init(host: String, port: Int, site: DevelopmentSite, showTimings: Bool = false,
                log: @escaping @Sendable (String) -> Void) {
        self.host = host
        self.port = port
        self.site = site
        self.showTimings = showTimings
        self.log = log
    }

    static let eventsPath = "/__waymark/events"
    static let scriptPath = "/__waymark/live.js"

    public func run() async throws {
        let hub = ReloadHub()
        report(site.rebuild())
        let router = Router()
        let site = self.site
        router.get(RouterPath(stringLiteral: PreviewServer.eventsPath)) { _, _ -> Response in
            let stream = await hub.subscribe(initial: PreviewServer.stateEvent(site))
            return Response(status: .ok,
                            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody(asyncSequence: stream.map { ByteBuffer(string: $0) }))
        }
        router.get(RouterPath(stringLiteral: PreviewServer.scriptPath)) { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReloadScript.source)))
        }
        router.get("/") { request, _ -> Response in
            PreviewServer.respond(to: request.uri.path, site: site)
        }
        router.get("**") { request, _ -> Response in
            PreviewServer.respond(to: request.uri.path, site: site)
        }
        // HEAD answers as GET does, without the body (link checkers and uptime monitors ask it).
        router.head("/") { request, _ -> Response in
            PreviewServer.headOnly(PreviewServer.respond(to: request.uri.path, site: site))
        }
        router.head("**") { request, _ -> Response in
            PreviewServer.headOnly(PreviewServer.respond(to: request.uri.path, site: site))
        }
        let app = Application(router: router,
                              configuration: .init(address: .hostname(host, port: port), serverName: "waymark"),
                              onServerRunning: { _ in log("Serving the site at http://\(host):\(port)/ (Ctrl-C to stop)") },
                              logger: Logger(label: "waymark.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        let watcher = FolderWatcher(site: site, hub: hub, report: report)
        // Ctrl-C stops the watcher first, which ends the pages' event streams; then the HTTP
        // server, which would otherwise wait for those streams for ever.
        let group = ServiceGroup(configuration: .init(services: [app, watcher], gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: Logger(label: "waymark.serve", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
        log("Stopped.")
    }

    @Sendable private func report(_ outcome: DevelopmentSite.Outcome) {
        for diagnostic in outcome.diagnostics where diagnostic.severity == .error || !outcome.succeeded {
            log(diagnostic.description)
        }
        let warnings = outcome.diagnostics.filter { $0.severity == .warning }.count
        if outcome.succeeded {
            log("Rebuilt \(outcome.renderedPages) of \(outcome.totalPages) pages in \(outcome.milliseconds) ms" + (warnings > 0 ? " (\(warnings) warnings: run waymark check)" : ""))
            if showTimings {
                log("  " + outcome.timings.map { "\($0.stage) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: ", "))
            }
        } else {
            log("Build failed: still serving the last good site (\(outcome.milliseconds) ms)")
        }
    }

    /// `event: reload` after a good build; `event: error` with the problems after a failed one.
    static func stateEvent(_ site: DevelopmentSite) -> String {
        let errors = site.currentErrors
        guard !errors.isEmpty else { return "event: reload\ndata: ok\n\n" }
        let lines = errors.prefix(20).map { "data: \($0.description)" }.joined(separator: "\n")
        return "event: error\n\(lines)\n\n"
    }

    /// A GET's response without its body, saying how long the body would be.
    static func headOnly(_ full: Response) -> Response {
        var headers = full.headers
        if let length = full.body.contentLength { headers[.contentLength] = String(length) }
        return Response(status: full.status, headers: headers, body: ResponseBody())
    }

    static func respond(to path: String, site: DevelopmentSite) -> Response {
        guard site.file("index.html") != nil else { return noSiteYet(site) }
        var file = path.removingPercentEncoding ?? path
        if file.hasPrefix("/") { file.removeFirst() }
        if file.isEmpty || file.hasSuffix("/") { file += "index.html" }
        if file.split(separator: "/").contains("..") { return notFound(site) }
        if let bytes = site.file(file) { return page(file, bytes) }
        if site.file(file + "/index.html") != nil {
            return Response(status: .movedPermanently, headers: [.location: path + "/"])
        }
        return notFound(site)
    }

    /// Before the first good build there is no page to show: show the problems instead, with the
    /// reload script, so the page appears as soon as they are fixed.
    static func noSiteYet(_ site: DevelopmentSite) -> Response {
        let problems = site.currentErrors.map { $0.description }.joined(separator: "\n")
        let escaped = problems.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The site could not be built</h1><pre>\(escaped)</pre></body></html>"
        var response = page("build-failed.html", Array(html.utf8))
        response.status = .serviceUnavailable
        return response
    }

    static func notFound(_ site: DevelopmentSite) -> Response {
        var response = page("404.html", site.file("404.html") ?? Array("Not found".utf8))
        response.status = .notFound
        return response
    }

    static func page(_ path: String, _ bytes: [UInt8]) -> Response {
        let type = contentType(path)
        var body = bytes
        if type.hasPrefix("text/html"), let html = String(bytes: bytes, encoding: .utf8),
           let end = html.range(of: "</body>", options: .backwards) {
            // Only the preview gets the reload script.
            var injected = html
            injected.insert(contentsOf: "<script src=\"\(scriptPath)\"></script>\n", at: end.lowerBound)
            body = Array(injected.utf8)
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func contentType(_ path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}

/// Watches the content and templates folders, rebuilds after a change, and tells open pages.
struct FolderWatcher: Service {
    let site: DevelopmentSite
    let hub: ReloadHub
    let report: @Sendable (DevelopmentSite.Outcome) -> Void

    func run() async throws {
        let folders = [site.options.contentDirectory, site.options.templatesDirectory]
        // Changes come from the kernel where it can tell (a thread of its own waits for them);
        // elsewhere the folders are looked at every 200 ms.
        let events = FolderEvents(folders: folders)
        let (changes, announce) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let stopped = StopFlag()
        if let events {
            Thread.detachNewThread {
                while !stopped.isSet {
                    if events.wait(milliseconds: 500) { announce.yield() }
                }
                announce.finish()
            }
        }
        try await withGracefulShutdownHandler {
            var snapshot = FolderSnapshot(folders: folders)
            var heard = changes.makeAsyncIterator()
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if events != nil {
                    guard await heard.next() != nil else { break }
                } else {
                    try? await Task.sleep(nanoseconds: 200_000_000)
                }
                let now = FolderSnapshot(folders: folders)
                guard now != snapshot else { continue }
                // Editors save in several steps: let the files settle.
                try? await Task.sleep(nanoseconds: 80_000_000)
                snapshot = FolderSnapshot(folders: folders)
                let outcome = site.rebuild(current: (snapshot.folders[0], snapshot.folders[1]))
                guard !outcome.unchanged else { continue }
                report(outcome)
                await hub.send(PreviewServer.stateEvent(site))
            }
        } onGracefulShutdown: {
            stopped.set()
            announce.finish()
            Task { await hub.finish() }
        }
        stopped.set()
        await hub.finish()
    }
}

/// Set once, read from another thread.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// Open pages waiting for the next reload or error.
actor ReloadHub {
    private var clients: [UUID: AsyncStream<String>.Continuation] = [:]

    func subscribe(initial: String) -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream()
        continuation.yield(initial.replacingOccurrences(of: "event: reload", with: "event: hello"))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        return stream
    }

    func send(_ event: String) {
        for continuation in clients.values { continuation.yield(event) }
    }

    func finish() {
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    private func remove(_ id: UUID) { clients[id] = nil }
}

/// Which files the folders hold, with their sizes and change times: compared to notice edits.
struct FolderSnapshot: Equatable {
    var folders: [[String: FileStamp]?]

    init(folders: [String]) {
        self.folders = folders.map { DiskFileSystem().stamps(under: $0) }
    }
}
