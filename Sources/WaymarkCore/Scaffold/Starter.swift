// `waymark init`: a new service's site, made from Waymark's starter content (the shipped
// modules, pages, parents' pages, worksheets and sessions, to adapt). It builds and passes
// `waymark check` as it is; its contact details stay marked as examples, so the site.yml guard
// stops a build for a real address until the service writes its own.

import Foundation

public enum Starter {
    /// The starter's files, by path inside the new Content folder, with the service's name put
    /// into site.yml (the site's title and the service's name).
    public static func files(from folder: String, name: String) throws -> [String: [UInt8]] {
        guard var tree = try FileTree.read(directory: folder) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder])
        }
        tree.files = tree.files.filter { path, _ in !BuiltInFiles.starterLeftOut.contains { path.hasPrefix($0 + "/") } }
        if let site = tree.files["site.yml"] {
            tree.files["site.yml"] = Array(named(String(decoding: site, as: UTF8.self), name).utf8)
        }
        return tree.files
    }

    /// site.yml with the service's name as the site's `title:` and as `service:`'s `name:`.
    static func named(_ siteYML: String, _ name: String) -> String {
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        var inService = false
        var titled = false
        let lines = siteYML.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if !line.hasPrefix(" ") && !line.hasPrefix("#") && !line.isEmpty { inService = line.hasPrefix("service:") }
            if !titled, line.hasPrefix("title:") { titled = true; return "title: \(quoted)" }
            if inService, line.hasPrefix("  name:") { return "  name: \(quoted)" }
            return String(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The new site's README: what is where, and what to change first.
    public static func readme(name: String) -> String {
        """
        # \(name): the website

        Made with Waymark, a static site generator for services that support young people
        aged 11 to 19 who have been sexually exploited or are at risk of it. The content in `Content/` is
        Waymark's starter content: written for UK services, reviewed as a draft, and yours to adapt.

        ## Every day

        ```sh
        waymark check          # every content problem, as file:line:column
        waymark serve          # preview at http://127.0.0.1:8000, rebuilt as you save
        waymark build --pdf    # the site in Public/, with the facilitators' PDFs (needs Chromium)
        ```

        ## Before the site goes live

        1. In `Content/site.yml`, write your service's real contact details under `service:` and remove
           `example: true`; set `base_url` to the site's address. Until then a build for a real
           address stops with an error, so no example number is ever published.
        2. Check every route under `routes:` against the services' own pages: who they are for (ages),
           how to reach them, and when. Remove any that do not serve your area.
        3. Read `Content/pages/` (help, contact, privacy, accessibility, cover your tracks): they describe
           a service; make them describe yours.
        4. Have a practitioner review every page, then set each file's `review:`.

        ## Changing the look

        The look comes from Waymark's own templates, so a new release brings its fixes (the exit control,
        the help box, accessibility). To change one, copy it and edit the copy:

        ```sh
        waymark templates list                        # every built-in template and asset
        waymark templates copy assets/site.css        # now Templates/assets/site.css is yours
        ```

        A file in `Templates/` overrides the built-in file of the same path; everything else stays built-in.

        ## Ages and levels

        The age tiers (11-13, 14-16, 17-19) and service levels (protection, risk reduction, recovery) are
        set in `Content/site.yml` (`tiers:` and `levels:`). Change them there; `waymark check` then says
        which pages lack text for a new tier or level.
        """ + "\n"
    }
}
