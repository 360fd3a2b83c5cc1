// One headless Chromium, started once and driven over the DevTools protocol through a pipe
// (`--remote-debugging-pipe`: the browser reads commands on its descriptor 3 and writes on 4, each
// message JSON ended by a NUL byte). No socket, no port and no package: a build prints every PDF
// in one warm browser instead of starting one per file. Pages are served to it from memory
// (`Fetch` interception), so nothing it loads comes from anywhere but the built site.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class DevToolsBrowser: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A request the browser paused for us to answer: a file of the site, or nothing.
    typealias Responder = @Sendable (_ url: String) -> (mime: String, body: [UInt8])?

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let lock = NSLock()
    private var nextID = 1
    private var replies: [Int: (result: [String: Any]?, error: String?)] = [:]
    private var waiting: [Int: DispatchSemaphore] = [:]
    /// Events waited for, by session and method.
    private var eventWaiters: [String: DispatchSemaphore] = [:]
    private var eventsSeen: Set<String> = []
    private var responders: [String: Responder] = [:]
    private var closed: String?
    private let reader = DispatchQueue(label: "waymark.devtools.reader")
    private let writeLock = NSLock()

    /// The browser's own words for itself ("Chrome/156.0.8078.129"), once asked.
    private(set) var product = ""

    /// Starts the browser. It exits with this object (`close()`), or when the build is killed,
    /// because its pipe closes.
    init(executable: String, profile: URL) throws {
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else {
            throw Failure(description: "could not open a pipe to the browser")
        }
        // Only the copies made for the browser (3 and 4) reach it, not a second browser's pipes.
        for fd in commands + answers { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, commands[0], 3)
        posix_spawn_file_actions_adddup2(&actions, answers[1], 4)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--disable-sync", "--mute-audio", "--hide-scrollbars",
                         "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        // UTC, so the dates in the PDF are written the same way wherever the build runs.
        var environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment
            .filter { $0.key != "TZ" }.map { strdup("\($0.key)=\($0.value)") } + [strdup("TZ=UTC"), nil]
        defer { environment.forEach { free($0) } }
        let status = posix_spawn(&child, executable, &actions, nil, &argv, &environment)
        Glibc.close(commands[0])
        Glibc.close(answers[1])
        guard status == 0 else {
            Glibc.close(commands[1])
            Glibc.close(answers[0])
            throw Failure(description: "could not start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]
        // A browser that dies must fail a write, not kill the build with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        reader.async { [self] in readLoop() }
        let version = try call("Browser.getVersion", timeout: 30)
        product = version["product"] as? String ?? ""
    }

    deinit { close() }

    /// Ends the browser and waits for it.
    func close() {
        lock.lock()
        let wasOpen = closed == nil
        if wasOpen { closed = "the browser was closed" }
        lock.unlock()
        guard wasOpen else { return }
        _ = try? send(["id": 0, "method": "Browser.close"])
        Glibc.close(toBrowser)
        var status: Int32 = 0
        // Give it a moment to leave by itself, then make sure.
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(20_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// Sends a command and waits for its result.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session: String? = nil, timeout: TimeInterval = 60) throws -> [String: Any] {
        let semaphore = DispatchSemaphore(value: 0)
        lock.lock()
        if let closed {
            lock.unlock()
            throw Failure(description: closed)
        }
        let id = nextID
        nextID += 1
        waiting[id] = semaphore
        lock.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if let session { message["sessionId"] = session }
        try send(message)
        if semaphore.wait(timeout: .now() + timeout) == .timedOut {
            lock.withLock { _ = waiting.removeValue(forKey: id) }
            throw Failure(description: "the browser did not answer \(method) within \(Int(timeout)) seconds")
        }
        let (reply, closed) = lock.withLock { (replies.removeValue(forKey: id), self.closed) }
        // No reply: the browser went away while we waited.
        guard let reply else { throw Failure(description: closed ?? "the browser gave no answer to \(method)") }
        if let error = reply.error { throw Failure(description: error) }
        return reply.result ?? [:]
    }

    /// Readies a wait for an event of a session, before the command that causes it is sent.
    func expect(_ method: String, session: String) -> () throws -> Void {
        let key = session + " " + method
        let semaphore = DispatchSemaphore(value: 0)
        lock.withLock { eventWaiters[key] = semaphore }
        return { [self] in
            let seen = semaphore.wait(timeout: .now() + 60) == .success
            let closed = lock.withLock { () -> String? in
                eventWaiters.removeValue(forKey: key)
                return self.closed
            }
            if let closed { throw Failure(description: closed) }
            if !seen { throw Failure(description: "the page did not finish loading within 60 seconds") }
        }
    }

    /// Answers the requests of a session's page from `responder` (requests it cannot answer fail).
    func serve(session: String, with responder: @escaping Responder) throws {
        lock.withLock { responders[session] = responder }
        try call("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session)
    }

    func forget(session: String) {
        lock.withLock { _ = responders.removeValue(forKey: session) }
    }

    // MARK: the pipe

    private func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try writeLock.withLock {
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(toBrowser, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Failure(description: "the browser stopped reading (it may have crashed)")
                    }
                    offset += written
                }
            }
        }
    }

    private func readLoop() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[0..<count])
            while let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                handle(message)
            }
        }
        Glibc.close(fromBrowser)
        // The browser is gone: everyone waiting hears so.
        lock.lock()
        if closed == nil { closed = "Chromium stopped while printing (it crashed or was killed)" }
        let all = Array(waiting.values) + Array(eventWaiters.values)
        waiting.removeAll()
        lock.unlock()
        all.forEach { $0.signal() }
    }

    private func handle(_ bytes: [UInt8]) {
        guard let message = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return }
        if let id = message["id"] as? Int {
            lock.lock()
            let error = (message["error"] as? [String: Any])?["message"] as? String
            replies[id] = (message["result"] as? [String: Any], error.map { "the browser said: \($0)" })
            let semaphore = waiting.removeValue(forKey: id)
            lock.unlock()
            semaphore?.signal()
            return
        }
        guard let method = message["method"] as? String else { return }
        let session = message["sessionId"] as? String ?? ""
        let params = message["params"] as? [String: Any] ?? [:]
        if method == "Fetch.requestPaused" {
            answer(params, session: session)
            return
        }
        lock.withLock { eventWaiters[session + " " + method] }?.signal()
    }

    /// Answers a paused request from the session's responder, off the reading thread.
    private func answer(_ params: [String: Any], session: String) {
        guard let requestID = params["requestId"] as? String else { return }
        let url = (params["request"] as? [String: Any])?["url"] as? String ?? ""
        let responder = lock.withLock { responders[session] }
        DispatchQueue.global().async { [self] in
            var reply: [String: Any] = ["id": 0, "sessionId": session]
            if let (mime, body) = responder?(url) {
                reply["method"] = "Fetch.fulfillRequest"
                reply["params"] = ["requestId": requestID, "responseCode": 200,
                                   "responseHeaders": [["name": "Content-Type", "value": mime]],
                                   "body": Data(body).base64EncodedString()]
            } else {
                // Nothing outside the built site is ever loaded.
                reply["method"] = "Fetch.failRequest"
                reply["params"] = ["requestId": requestID, "errorReason": "BlockedByClient"]
            }
            try? send(reply)
        }
    }
}
