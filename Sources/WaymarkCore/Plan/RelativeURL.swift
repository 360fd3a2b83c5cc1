// Relative links between pages, so the site works at any base path, from a file server or a sub-folder.

import WaymarkModel

enum RelativeURL {
    /// The URL that leads from the page written at `outputPath` to the clean URL path `target`
    /// (`young-people/` or `` for the home page).
    static func from(_ outputPath: String, to target: String) -> String {
        let from = outputPath.split(separator: "/").dropLast().map(String.init)
        let isDirectory = target.isEmpty || target.hasSuffix("/")
        let to = target.split(separator: "/").map(String.init)
        var common = 0
        let comparable = isDirectory ? to.count : to.count - 1
        while common < from.count, common < comparable, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let rest = Array(to[common...])
        var url = (ups + rest).joined(separator: "/")
        if isDirectory && !rest.isEmpty { url += "/" }
        if isDirectory && rest.isEmpty { url = ups.isEmpty ? "./" : url + "/" }
        return url
    }
}
