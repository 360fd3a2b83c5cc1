// Every file the builder reads or writes goes through one small value: the disk, or a folder
// tree held in memory. Load's reading, Write's atomic replacement and the preview's rebuilds
// take one, so their tests run in memory, with no temporary folders to clean up.

import Foundation
import WaymarkModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's size and change time: when both are as before, its bytes are too.
public struct FileStamp: Hashable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
}

/// Paths are absolute or relative to the current folder, with `/` between names.
public protocol FileSystem: Sendable {
    /// The size and change time of every file under `folder`, by its path inside the folder
    /// (hidden files and folders left out). Nil when the folder does not exist.
    func stamps(under folder: String) -> [String: FileStamp]?
    func read(_ path: String) throws -> [UInt8]
    /// Writes a file whose folder exists.
    func write(_ bytes: [UInt8], to path: String) throws
    /// Makes a folder and any missing folders above it.
    func makeFolder(_ path: String) throws
    func move(_ path: String, to destination: String) throws
    /// Removes a file or a folder with everything in it.
    func remove(_ path: String) throws
    func isFolder(_ path: String) -> Bool
    func exists(_ path: String) -> Bool
    /// The names in a folder (hidden ones too); empty when it does not exist.
    func names(in folder: String) -> [String]
}

/// The real disk.
public struct DiskFileSystem: FileSystem {
    public init() {}

    /// Walked with readdir and one stat a file: FileManager's walk stats every file twice and
    /// took most of a rebuild on large sites.
    public func stamps(under directory: String) -> [String: FileStamp]? {
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        var result: [String: FileStamp] = [:]
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
                    result[prefix + name] = FileStamp(size: Int(info.st_size), seconds: Int(info.st_mtimespec.tv_sec),
                                                      nanoseconds: Int(info.st_mtimespec.tv_nsec))
                    #else
                    result[prefix + name] = FileStamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec),
                                                      nanoseconds: Int(info.st_mtim.tv_nsec))
                    #endif
                default: continue
                }
            }
        }
        walk(directory.hasSuffix("/") ? String(directory.dropLast()) : directory, "")
        return result
    }

    /// With open and read into the array itself: `Data(contentsOf:)` went through Foundation's
    /// URL and copied every file's bytes once more.
    public func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw POSIXFailure(call: "fstat", code: errno) }
        var bytes: [UInt8] = []
        // The size stat gives, and then whatever else is there (a file that grew meanwhile).
        var chunk = max(Int(info.st_size), 0) + 1
        while true {
            var failure: Int32 = 0
            var got = 0
            bytes.reserveCapacity(bytes.count + chunk)
            let before = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            bytes.withUnsafeMutableBytes { raw in
                while true {
                    let result = systemRead(descriptor, raw.baseAddress! + before + got, chunk - got)
                    if result < 0 { if errno == EINTR { continue }; failure = errno; return }
                    got += result
                    if result == 0 || got == chunk { return }
                }
            }
            bytes.removeLast(chunk - got)
            if failure != 0 { throw POSIXFailure(call: "read", code: failure) }
            if got < chunk { return bytes }
            chunk = 64 << 10
        }
    }

    /// With open and write: Foundation's `Data.write` copied every page's bytes once more first.
    public func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(call: "open", code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw POSIXFailure(call: "write", code: errno)
            }
            written += result
        }
    }

    /// With `mkdir`, parents first when missing: a large site makes a folder for each of
    /// thousands of pages, from several threads at once, and one already made is no failure.
    public func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let failure = errno
        if failure == EEXIST, isFolder(path) { return }
        guard failure == ENOENT else { throw POSIXFailure(call: "mkdir", code: failure) }
        let parent = (path as NSString).deletingLastPathComponent
        guard !parent.isEmpty, parent != path else { throw POSIXFailure(call: "mkdir", code: failure) }
        try makeFolder(parent)
        if mkdir(path, 0o755) == 0 { return }
        if errno == EEXIST, isFolder(path) { return }
        throw POSIXFailure(call: "mkdir", code: errno)
    }

    public func move(_ path: String, to destination: String) throws {
        try FileManager.default.moveItem(atPath: path, toPath: destination)
    }

    public func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: path) }

    public func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public func names(in folder: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }
}

/// The C library's `read` (inside `DiskFileSystem`, the name is its own method).
private func systemRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, bytes, count)
}

/// The C library's `write` (inside `DiskFileSystem`, the name is its own method).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// A system call that failed, in words (`strerror`), for the write error the author sees.
struct POSIXFailure: Error, LocalizedError {
    var call: String
    var code: Int32
    var errorDescription: String? { "\(String(cString: strerror(code))) (\(call))" }
}

/// Folders and files in memory, for tests. Each write gives the file a new stamp.
public final class MemoryFileSystem: FileSystem, @unchecked Sendable {
    private var files: [String: (bytes: [UInt8], stamp: FileStamp)] = [:]
    private var folders: Set<String> = ["/"]
    private var writes = 0
    private let lock = NSLock()

    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    public init() {}

    /// `path` made absolute and plain: `a/./b/../c` in the current folder is `<cwd>/a/c`.
    private func clean(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private func parent(_ path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "/" : parent
    }

    public func stamps(under folder: String) -> [String: FileStamp]? {
        let root = clean(folder)
        return lock.withLock {
            guard folders.contains(root) else { return nil }
            let prefix = root == "/" ? "/" : root + "/"
            var result: [String: FileStamp] = [:]
            for (path, file) in files where path.hasPrefix(prefix) {
                let relative = String(path.dropFirst(prefix.count))
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                result[relative] = file.stamp
            }
            return result
        }
    }

    public func read(_ path: String) throws -> [UInt8] {
        let path = clean(path)
        guard let file = lock.withLock({ files[path] }) else { throw Missing(description: "no file at \(path)") }
        return file.bytes
    }

    public func write(_ bytes: [UInt8], to path: String) throws {
        let path = clean(path)
        try lock.withLock {
            guard folders.contains(parent(path)) else { throw Missing(description: "no folder for \(path)") }
            guard !folders.contains(path) else { throw Missing(description: "\(path) is a folder") }
            writes += 1
            // Stamps from long ago, told apart by the count of writes: never "just written".
            files[path] = (bytes, FileStamp(size: bytes.count, seconds: 0, nanoseconds: writes))
        }
    }

    public func makeFolder(_ path: String) throws {
        var path = clean(path)
        try lock.withLock {
            while path != "/" {
                guard files[path] == nil else { throw Missing(description: "\(path) is a file") }
                folders.insert(path)
                path = parent(path)
            }
        }
    }

    public func move(_ path: String, to destination: String) throws {
        let from = clean(path), to = clean(destination)
        try lock.withLock {
            guard folders.contains(parent(to)), files[to] == nil, !folders.contains(to) else {
                throw Missing(description: "cannot move to \(to)")
            }
            if let file = files.removeValue(forKey: from) { files[to] = file; return }
            guard folders.contains(from) else { throw Missing(description: "nothing at \(from)") }
            let prefix = from + "/"
            for folder in folders where folder == from || folder.hasPrefix(prefix) {
                folders.remove(folder)
                folders.insert(to + folder.dropFirst(from.count))
            }
            for (old, file) in files where old.hasPrefix(prefix) {
                files[old] = nil
                files[to + old.dropFirst(from.count)] = file
            }
        }
    }

    public func remove(_ path: String) throws {
        let path = clean(path)
        try lock.withLock {
            if files.removeValue(forKey: path) != nil { return }
            guard folders.contains(path) else { throw Missing(description: "nothing at \(path)") }
            let prefix = path + "/"
            folders = folders.filter { $0 != path && !$0.hasPrefix(prefix) }
            files = files.filter { !$0.key.hasPrefix(prefix) }
        }
    }

    public func isFolder(_ path: String) -> Bool { lock.withLock { folders.contains(clean(path)) } }

    public func exists(_ path: String) -> Bool {
        let path = clean(path)
        return lock.withLock { folders.contains(path) || files[path] != nil }
    }

    public func names(in folder: String) -> [String] {
        let root = clean(folder)
        let prefix = root == "/" ? "/" : root + "/"
        return lock.withLock {
            let all = folders.map { $0 } + files.keys.map { $0 }
            return Set(all.filter { $0.hasPrefix(prefix) && $0 != root }.compactMap {
                $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
            }).sorted()
        }
    }
}
