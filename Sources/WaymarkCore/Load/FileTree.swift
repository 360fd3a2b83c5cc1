// FileTree: a folder's files read into memory, keyed by their path inside the folder.
// Every later stage works on this value, so tests build sites in memory and never touch the disk.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func read(directory: String, displayRoot: String? = nil) throws -> FileTree? {
        try reread(directory: directory, displayRoot: displayRoot, previous: nil, stamps: [:])?.tree
    }

    /// A file's size and change time: when both are as before, its bytes are too.
    public struct Stamp: Hashable, Sendable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
    }

    /// Reads `directory` again, reading only the files whose size or change time differ from
    /// `previous` (the preview's rebuilds: one edited file in thousands is read, not all of them).
    /// Returns nil when the folder does not exist.
    /// - Parameter current: the folder's stamps when the caller has just taken them (the
    ///   preview's watcher has), so the folder is not walked twice.
    public static func reread(directory: String, displayRoot: String? = nil, previous: FileTree?, stamps: [String: Stamp],
                              current: [String: Stamp]? = nil) throws -> (tree: FileTree, stamps: [String: Stamp])? {
        guard let found = current ?? self.stamps(directory: directory) else { return nil }
        var tree = FileTree(root: displayRoot ?? directory)
        var newStamps: [String: Stamp] = [:]
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let now = Int(Date().timeIntervalSince1970)
        for (relative, stamp) in found {
            // A file changed in the last two seconds may change again within the file system's
            // clock tick, keeping its stamp: it is not trusted, and is read again next time.
            if stamp.seconds < now - 2 { newStamps[relative] = stamp }
            if stamps[relative] == stamp, let bytes = previous?.files[relative] {
                tree.files[relative] = bytes
            } else {
                tree.files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: base + relative)))
            }
        }
        return (tree, newStamps)
    }

    /// The size and change time of every file under `directory` (hidden ones left out), without
    /// reading them: what the preview compares to notice an edit. Nil when the folder does not
    /// exist. Walked with readdir and one stat a file: FileManager's walk stats every file twice
    /// and took most of a rebuild on large sites.
    public static func stamps(directory: String) -> [String: Stamp]? {
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        var result: [String: Stamp] = [:]
        func walk(_ folder: String, _ prefix: String) {
            guard let handle = opendir(folder) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                // Hidden files and folders (editors' swap files, .git) are not part of the site.
                if name.hasPrefix(".") { continue }
                let path = folder + "/" + name
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: walk(path, prefix + name + "/")
                case S_IFREG:
                    #if canImport(Darwin)
                    result[prefix + name] = Stamp(size: Int(info.st_size), seconds: Int(info.st_mtimespec.tv_sec),
                                                  nanoseconds: Int(info.st_mtimespec.tv_nsec))
                    #else
                    result[prefix + name] = Stamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec),
                                                  nanoseconds: Int(info.st_mtim.tv_nsec))
                    #endif
                default: continue
                }
            }
        }
        walk(directory.hasSuffix("/") ? String(directory.dropLast()) : directory, "")
        return result
    }
}
