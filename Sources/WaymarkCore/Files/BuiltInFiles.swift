// Waymark's own templates and starter content, used when a site has none of its own. A site's
// `Templates/<path>` overrides the built-in file of that path, one file at a time, so a service
// that changed one template still takes the next release's fixes to all the others.
//
// They are found beside the program: in a release, `<prefix>/share/waymark/{Templates,starter}`
// next to `<prefix>/bin/waymark`; in a checkout, the `Templates/` and `Content/` of the package
// the program was built in (`.build/<config>/waymark`). `WAYMARK_HOME` names the folder instead.

import Foundation

public struct BuiltInFiles: Sendable {
    /// The built-in templates folder.
    public let templatesDirectory: String
    /// The starter content a new site begins with (`waymark init`).
    public let starterDirectory: String

    /// Folders of the starter that `init` leaves out: this service's translations are its own.
    public static let starterLeftOut = ["translations"]

    public init(templatesDirectory: String, starterDirectory: String) {
        self.templatesDirectory = templatesDirectory
        self.starterDirectory = starterDirectory
    }

    /// Finds the built-in files for the running program; nil when there are none to find.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String? = nil) -> BuiltInFiles? {
        let manager = FileManager.default
        func has(_ folder: URL) -> Bool { manager.fileExists(atPath: folder.appendingPathComponent("layout.mustache").path) }
        if let home = environment["WAYMARK_HOME"] {
            let root = URL(fileURLWithPath: home)
            for (templates, starter) in [("Templates", "starter"), ("Templates", "Content")] where has(root.appendingPathComponent(templates)) {
                return BuiltInFiles(templatesDirectory: root.appendingPathComponent(templates).path,
                                    starterDirectory: root.appendingPathComponent(starter).path)
            }
        }
        // The program's own path, its links followed (a link in /usr/local/bin to a release).
        let path = executable ?? (try? manager.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        let share = folder.deletingLastPathComponent().appendingPathComponent("share/waymark")
        if has(share.appendingPathComponent("Templates")) {
            return BuiltInFiles(templatesDirectory: share.appendingPathComponent("Templates").path,
                                starterDirectory: share.appendingPathComponent("starter").path)
        }
        // A checkout: the package folder above `.build/`.
        for _ in 0..<6 {
            if manager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path), has(folder.appendingPathComponent("Templates")) {
                return BuiltInFiles(templatesDirectory: folder.appendingPathComponent("Templates").path,
                                    starterDirectory: folder.appendingPathComponent("Content").path)
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// A site's templates over the built-in ones: every built-in file the site does not have, and
    /// the site's own files (shown in diagnostics as the site's).
    public static func overlay(_ site: FileTree, on builtIn: FileTree) -> FileTree {
        var files = builtIn.files
        for (path, bytes) in site.files { files[path] = bytes }
        return FileTree(root: site.root, files: files)
    }
}
