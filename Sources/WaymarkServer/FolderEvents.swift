// Hears about edits from the kernel instead of looking for them: on Linux, inotify tells the
// preview when anything under the watched folders changes, so an idle preview sleeps instead of
// walking thousands of files five times a second. Where inotify is missing (or its limit of
// watches is reached), the watcher falls back to looking every 200 ms.

import Foundation
import WaymarkModel
#if canImport(Glibc)
import Glibc
#endif

final class FolderEvents: @unchecked Sendable {
    #if canImport(Glibc)
    private let descriptor: Int32
    /// Watch descriptors to the folders they watch, to add a new folder's subfolders.
    private var folders: [Int32: String] = [:]
    private static let mask: UInt32 = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                             | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil when the platform or the system's limits do not allow watching every folder.
    init?(folders roots: [String]) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots where !watchTree(root) {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    /// Watches a folder and every folder in it, hidden ones aside (as the build leaves them out).
    private func watchTree(_ folder: String) -> Bool {
        let watch = inotify_add_watch(descriptor, folder, FolderEvents.mask)
        // A folder that is gone already is not an error; running out of watches is.
        guard watch >= 0 else { return errno == ENOENT || errno == ENOTDIR }
        folders[watch] = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
               !watchTree(path) { return false }
        }
        return true
    }

    /// Waits up to `milliseconds` for a change; true when something under the folders changed.
    func wait(milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        // A new folder (made, or moved in) needs watches of its own.
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, eventMask, nameLength) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            if eventMask & UInt32(IN_ISDIR) != 0, eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
               let parent = folders[watch] {
                let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + nameLength)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                if !name.hasPrefix(".") { _ = watchTree(parent + "/" + name) }
            }
            if eventMask & UInt32(IN_IGNORED) != 0 { folders[watch] = nil }
            offset += headerSize + nameLength
        }
        return true
    }
    #else
    init?(folders: [String]) { return nil }
    func wait(milliseconds: Int32) -> Bool { false }
    #endif
}
