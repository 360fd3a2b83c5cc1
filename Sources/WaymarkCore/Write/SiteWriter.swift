// The Write stage: puts a rendered site on disk so that the output folder is only ever the old
// site or the whole new one. Files go to a sibling folder first (StagingFolder; a one-off build's
// Render writes each page there as it is made), which then replaces the old one; if anything
// fails before that, the old output is left exactly as it was.

import Foundation
import WaymarkModel

public enum SiteWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes a whole site held in memory.
    /// - Parameter beforeCommit: runs on the complete staging folder before it replaces the output
    ///   (PDFs are printed there); if it throws, the old output stays.
    public static func write(_ files: [String: [UInt8]], to output: String, on disk: any FileSystem = DiskFileSystem(),
                             beforeCommit: (URL) throws -> Void = { _ in }) throws {
        let folder = try StagingFolder(replacing: output, on: disk)
        // On every core: making thousands of small files is mostly the kernel's work, and it runs
        // on each core as well as on one.
        _ = Parallel.map(files.keys.sorted()) { path in folder.write(files[path]!, to: path) }
        try folder.commit(beforeCommit: beforeCommit)
    }

    /// The last site, removed a top-level entry per job on every core (one walk of thousands of
    /// files was a third of writing a large site).
    static func removeOnEveryCore(_ folder: String, on disk: any FileSystem) {
        let entries = disk.names(in: folder).map { folder + "/" + $0 }
        _ = Parallel.map(entries) { try? disk.remove($0) }
        try? disk.remove(folder)
    }

    /// A build that was killed while writing leaves its staging folder beside the output. Those of
    /// builds that are no longer running are removed; a build still running (two builds into one
    /// output at once) keeps its own.
    static func removeLeftovers(of name: String, in parent: URL, on disk: any FileSystem) {
        let own = ProcessInfo.processInfo.processIdentifier
        for entry in disk.names(in: parent.path) {
            for marker in [".\(name).waymark-new-", ".\(name).waymark-old-"] where entry.hasPrefix(marker) {
                guard let pid = Int32(entry.dropFirst(marker.count)), pid != own, !isRunning(pid) else { continue }
                try? disk.remove(parent.appendingPathComponent(entry).path)
            }
        }
    }

    /// Whether a process with this id exists (signal 0 checks without sending anything).
    static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    /// The output folder is replaced whole, so it must never be a folder that holds anything else:
    /// not the working folder, not a parent of it, and not a non-empty folder without a built site.
    static func refuseDangerousTarget(_ target: URL, on disk: any FileSystem) throws {
        let path = target.path
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if path == "/" || path == cwd || (cwd + "/").hasPrefix(path + "/") || path == NSHomeDirectory() {
            throw WriteError(description: "refusing to replace \(path): the output folder must be a folder of its own, such as Public")
        }
        guard disk.exists(path) else { return }
        guard disk.isFolder(path) else {
            throw WriteError(description: "refusing to replace \(path): it is a file, not a folder")
        }
        let entries = disk.names(in: path)
        if !entries.isEmpty && !entries.contains("index.html") {
            throw WriteError(description: "refusing to replace \(path): it is not empty and holds no site built by Waymark (no index.html)")
        }
    }
}

/// A new site, written file by file into a folder beside the output, which replaces the output
/// only once it is complete. A one-off build's Render writes each page here as soon as it is made
/// (Builder.build), so that a large site's pages are never all held in memory at once.
public final class StagingFolder: @unchecked Sendable {
    /// Where the new site is being written.
    public let url: URL
    private let target: URL
    private let old: URL
    private let disk: any FileSystem
    private let lock = NSLock()
    /// Folders already made, relative to `url` ("" is the folder itself).
    private var made: Set<Substring> = [""]
    /// The first file that could not be written: said when the folder is committed.
    private var failure: String?
    /// Committed: the folder is now the output, and `discard` must leave it alone.
    private var committed = false

    /// Makes an empty staging folder for `output`, after refusing an output folder that holds
    /// anything but a site, and removing what killed builds left behind.
    public init(replacing output: String, on disk: any FileSystem = DiskFileSystem()) throws {
        target = URL(fileURLWithPath: output).standardizedFileURL
        self.disk = disk
        try SiteWriter.refuseDangerousTarget(target, on: disk)
        let parent = target.deletingLastPathComponent()
        try disk.makeFolder(parent.path)
        let pid = ProcessInfo.processInfo.processIdentifier
        url = parent.appendingPathComponent(".\(target.lastPathComponent).waymark-new-\(pid)")
        old = parent.appendingPathComponent(".\(target.lastPathComponent).waymark-old-\(pid)")
        try? disk.remove(url.path)
        try? disk.remove(old.path)
        SiteWriter.removeLeftovers(of: target.lastPathComponent, in: parent, on: disk)
        try disk.makeFolder(url.path)
    }

    /// Writes one file of the site, at a path such as `a/b/index.html`, from any thread. A failure
    /// is kept, not thrown, so that the workers rendering pages need not stop: `commit` reports it.
    public func write(_ bytes: [UInt8], to path: String) {
        let folder = path.lastIndex(of: "/").map { path[..<$0] } ?? ""
        do {
            if !lock.withLock({ made.contains(folder) }) {
                try disk.makeFolder(url.path + "/" + folder)
                lock.withLock { _ = made.insert(folder) }
            }
            try disk.write(bytes, to: url.path + "/" + path)
        } catch {
            lock.withLock {
                if failure == nil { failure = "could not write \(url.path)/\(path): \(error.localizedDescription)" }
            }
        }
    }

    /// A file written here, read back (the PDF printer serves the new site to the browser).
    public func read(_ path: String) -> [UInt8]? {
        guard !path.split(separator: "/").contains("..") else { return nil }
        return try? disk.read(url.path + "/" + path)
    }

    /// Puts the new site in the output's place; the old output is kept if anything failed.
    /// - Parameter beforeCommit: runs on the complete folder first (PDFs are printed into it).
    public func commit(beforeCommit: (URL) throws -> Void = { _ in }) throws {
        do {
            if let failure = lock.withLock({ failure }) { throw SiteWriter.WriteError(description: failure) }
            try beforeCommit(url)
        } catch {
            discard()
            throw error
        }
        let hadOld = disk.exists(target.path)
        if hadOld { try disk.move(target.path, to: old.path) }
        do {
            try disk.move(url.path, to: target.path)
            lock.withLock { committed = true }
        } catch {
            if hadOld { try? disk.move(old.path, to: target.path) }
            discard()
            throw error
        }
        if hadOld { SiteWriter.removeOnEveryCore(old.path, on: disk) }
    }

    /// Removes the new site, leaving the output as it was (a build with errors).
    public func discard() {
        guard !lock.withLock({ committed }) else { return }
        try? disk.remove(url.path)
    }
}

