// FileTree: a folder's files read into memory, keyed by their path inside the folder.
// Every later stage works on this value, so tests build sites in memory and never touch the disk.

import Foundation

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
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        let base = URL(fileURLWithPath: directory).standardizedFileURL
        var tree = FileTree(root: displayRoot ?? directory)
        guard let walker = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey],
                                         options: [.skipsHiddenFiles]) else { return tree }
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey])
            guard values.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(basePath) else { continue }
            let relative = String(full.dropFirst(basePath.count))
            tree.files[relative] = Array(try Data(contentsOf: url))
        }
        return tree
    }
}
