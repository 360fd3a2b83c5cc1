// FileTree: a folder's files read into memory, keyed by their path inside the folder.
// Every later stage works on this value, so tests build sites in memory and never touch the disk.

import Foundation
import WaymarkModel

public struct FileTree: Sendable {
    /// How to name the folder in diagnostics, e.g. `Content` or `../site/Content`.
    public var root: String
    /// Path inside the folder (with `/`) to the file's bytes.
    public var files: [String: [UInt8]]

    public init(root: String, files: [String: [UInt8]] = [:]) {
        self.root = root
        self.files = files
    }

    /// Convenience for tests and scaffolds: text files.
    public init(root: String, text: [String: String]) {
        self.root = root
        self.files = text.mapValues { Array($0.utf8) }
    }

    /// The path to show an author for a file in this tree.
    public func displayPath(_ path: String) -> String {
        root.isEmpty || root == "." ? path : root + "/" + path
    }

    /// Paths under a folder of the tree (not recursive into hidden files), sorted so the
    /// build never depends on the order the file system lists files in.
    public func paths(under folder: String, withExtension ext: String? = nil) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return files.keys.filter { path in
            path.hasPrefix(prefix) && (ext == nil || path.hasSuffix("." + ext!))
        }.sorted()
    }

    /// Reads every file under `directory`, skipping hidden files and folders (editors' swap files,
    /// `.DS_Store`). Returns nil when the folder does not exist.
    public static func read(directory: String, displayRoot: String? = nil,
                            from fileSystem: any FileSystem = DiskFileSystem()) throws -> FileTree? {
        try reread(directory: directory, displayRoot: displayRoot, previous: nil, stamps: [:], from: fileSystem)?.tree
    }

    /// Reads `directory` again, reading only the files whose size or change time differ from
    /// `previous` (the preview's rebuilds: one edited file in thousands is read, not all of them).
    /// Returns nil when the folder does not exist.
    /// - Parameter current: the folder's stamps when the caller has just taken them (the
    ///   preview's watcher has), so the folder is not walked twice.
    public static func reread(directory: String, displayRoot: String? = nil, previous: FileTree?, stamps: [String: FileStamp],
                              current: [String: FileStamp]? = nil,
                              from fileSystem: any FileSystem = DiskFileSystem()) throws -> (tree: FileTree, stamps: [String: FileStamp])? {
        guard let found = current ?? fileSystem.stamps(under: directory) else { return nil }
        var tree = FileTree(root: displayRoot ?? directory)
        var newStamps: [String: FileStamp] = [:]
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let now = Int(Date().timeIntervalSince1970)
        var toRead: [String] = []
        for (relative, stamp) in found {
            // A file changed in the last two seconds may change again within the file system's
            // clock tick, keeping its stamp: it is not trusted, and is read again next time.
            if stamp.seconds < now - 2 { newStamps[relative] = stamp }
            if stamps[relative] == stamp, let bytes = previous?.files[relative] {
                tree.files[relative] = bytes
            } else {
                toRead.append(relative)
            }
        }
        // Read on every core: thousands of small files are mostly the kernel's work. Sorted, so
        // that the error reported is always the same one.
        toRead.sort()
        let read = Parallel.map(toRead) { relative in Result { try fileSystem.read(base + relative) } }
        for (relative, result) in zip(toRead, read) { tree.files[relative] = try result.get() }
        return (tree, newStamps)
    }
}
