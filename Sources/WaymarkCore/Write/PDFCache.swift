// The printed PDFs kept between builds, outside the output folder. An entry is a PDF and the list
// of files its page loaded while it was printed, each with its SHA-256: it is used again only
// while the page (its key) and every one of those files are unchanged. Entries are named by their
// page, so a page's older versions are removed when it is printed again.

import Foundation

struct PDFCache: Sendable {
    let folder: URL

    /// The entry's two files: `<page's short name>-<key>.pdf` and `.loads`.
    private func files(key: String, page: String) -> (pdf: URL, loads: URL) {
        let name = Self.prefix(of: page) + key
        return (folder.appendingPathComponent(name + ".pdf"), folder.appendingPathComponent(name + ".loads"))
    }

    /// Names a page's entries share, whatever their key.
    static func prefix(of page: String) -> String { String(SHA256.hex(Array(page.utf8)).prefix(16)) + "-" }

    /// The kept PDF for this key, when everything its page loaded is unchanged.
    func reuse(key: String, page: String, hashes: FileHashes) -> [UInt8]? {
        let (pdf, loads) = files(key: key, page: page)
        guard let list = try? String(contentsOf: loads, encoding: .utf8), let bytes = try? Data(contentsOf: pdf) else { return nil }
        for line in list.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, hashes.hash(of: String(parts[1])) == parts[0] else { return nil }
        }
        return [UInt8](bytes)
    }

    /// Keeps a printed PDF. A cache that cannot be written only costs a reprint next time.
    func keep(_ pdf: [UInt8], key: String, page: String, loaded: Set<String>, hashes: FileHashes) {
        let (pdfFile, loadsFile) = files(key: key, page: page)
        let list = loaded.sorted().map { "\(hashes.hash(of: $0)) \($0)" }.joined(separator: "\n") + "\n"
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // The list last: an entry without its list is never used.
            try Data(pdf).write(to: pdfFile, options: .atomic)
            try Data(list.utf8).write(to: loadsFile, options: .atomic)
        } catch {
            try? FileManager.default.removeItem(at: loadsFile)
        }
    }

    /// Removes the entries of these pages whose key is not one of `keeping` (their older
    /// versions); other pages' entries (a build with drafts) stay.
    func forgetOtherVersions(of pages: [String], keeping: Set<String>) {
        let prefixes = Set(pages.map(Self.prefix(of:)))
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            let prefix = String(name.prefix(17))
            guard prefixes.contains(prefix) else { continue }
            let key = name.dropFirst(17).split(separator: ".").first.map(String.init) ?? ""
            if !keeping.contains(key) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }

    /// Empties the cache (`waymark clean`).
    static func empty(_ folder: URL) throws {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        try FileManager.default.removeItem(at: folder)
    }
}
