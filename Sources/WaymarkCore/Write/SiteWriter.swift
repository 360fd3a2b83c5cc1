// The Write stage: puts a rendered site on disk so that the output folder is only ever the old
// site or the whole new one. Files go to a sibling folder first, which then replaces the old one;
// if anything fails before that, the old output is left exactly as it was.

import Foundation
import WaymarkModel

public enum SiteWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Parameter beforeCommit: runs on the complete staging folder before it replaces the output
    ///   (PDFs are printed there); if it throws, the old output stays.
    public static func write(_ files: [String: [UInt8]], to output: String, on disk: any FileSystem = DiskFileSystem(),
                             beforeCommit: (URL) throws -> Void = { _ in }) throws {
        let target = URL(fileURLWithPath: output).standardizedFileURL
        try refuseDangerousTarget(target, on: disk)
        let parent = target.deletingLastPathComponent()
        try disk.makeFolder(parent.path)
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).waymark-new-\(pid)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).waymark-old-\(pid)")
        try? disk.remove(staging.path)
        try? disk.remove(old.path)
        removeLeftovers(of: target.lastPathComponent, in: parent, on: disk)
        do {
            try disk.makeFolder(staging.path)
            // Each folder is made once, not once for each of the thousands of files in it.
            let paths = files.keys.sorted()
            var made: Set<String> = [""]
            for path in paths {
                let folder = path.split(separator: "/").dropLast().joined(separator: "/")
                if !made.contains(folder) {
                    try disk.makeFolder(staging.appendingPathComponent(folder).path)
                    made.insert(folder)
                }
            }
            // Then the files, on every core: making thousands of small files is mostly the
            // kernel's work, and it runs on each core as well as on one.
            let root = staging.path
            let failures = Parallel.map(paths) { path -> String? in
                let file = root + "/" + path
                do {
                    try disk.write(files[path]!, to: file)
                    return nil
                } catch {
                    return "could not write \(file): \(error.localizedDescription)"
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw WriteError(description: failure) }
            try beforeCommit(staging)
        } catch {
            try? disk.remove(staging.path)
            throw error
        }
        let hadOld = disk.exists(target.path)
        if hadOld { try disk.move(target.path, to: old.path) }
        do {
            try disk.move(staging.path, to: target.path)
        } catch {
            if hadOld { try? disk.move(old.path, to: target.path) }
            try? disk.remove(staging.path)
            throw error
        }
        if hadOld { removeOnEveryCore(old.path, on: disk) }
    }

    /// The last site, removed a top-level entry per job on every core (one walk of thousands of
    /// files was a third of writing a large site).
    private static func removeOnEveryCore(_ folder: String, on disk: any FileSystem) {
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
