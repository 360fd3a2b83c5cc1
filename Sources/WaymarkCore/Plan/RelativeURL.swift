// Relative links between pages, so the site works at any base path, from a file server or a sub-folder.

import WaymarkModel

enum RelativeURL {
    /// The URL that leads from the page written at `outputPath` to the clean URL path `target`
    /// (`young-people/` or `` for the home page).
    static func from(_ outputPath: String, to target: String) -> String {
        // On UTF-8 bytes: a large site asks this for every link of every page (a twentieth of a
        // linked site's build when it split Strings into Strings).
        let fromBytes = Array(outputPath.utf8), toBytes = Array(target.utf8)
        var from = components(fromBytes)
        if !from.isEmpty { from.removeLast() }
        let isDirectory = toBytes.isEmpty || toBytes.last == slash
        let to = components(toBytes)
        var common = 0
        let comparable = isDirectory ? to.count : to.count - 1
        while common < from.count, common < comparable, fromBytes[from[common]].elementsEqual(toBytes[to[common]]) { common += 1 }
        let ups = from.count - common
        var url: [UInt8] = []
        url.reserveCapacity(ups * 3 + toBytes.count + 2)
        for index in 0..<ups {
            if index > 0 { url.append(slash) }
            url += [dot, dot]
        }
        for part in to[common...] {
            if !url.isEmpty { url.append(slash) }
            url += toBytes[part]
        }
        if isDirectory { url = url.isEmpty ? [dot, slash] : url + [slash] }
        return String(decoding: url, as: UTF8.self)
    }

    private static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")

    /// The ranges between slashes, empty ones left out (as `split(separator: "/")`).
    private static func components(_ bytes: [UInt8]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == slash {
            if index > start { parts.append(start..<index) }
            start = index + 1
        }
        if bytes.count > start { parts.append(start..<bytes.count) }
        return parts
    }
}
