// The `waymark` command: a thin layer over WaymarkCore that parses arguments and prints results.

import ArgumentParser
import Foundation
import WaymarkCore

@main
struct Waymark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waymark",
        abstract: "Builds a young people's safeguarding site, in every age tier and service level, from Markdown.",
        subcommands: [Build.self])
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @Option(help: "The content folder (site.yml, modules/, pages/, parents/).")
    var content = "Content"

    @Option(help: "The templates folder (Mustache templates and assets/).")
    var templates = "Templates"

    @Option(help: "Where the site is written. Replaced whole, and only when the build is clean.")
    var output = "Public"

    func run() throws {
        let report = Builder.build(BuildOptions(contentDirectory: content, templatesDirectory: templates,
                                                outputDirectory: output))
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.count - errors
        guard let site = report.site, report.succeeded else {
            FileHandle.standardError.write(Data("waymark: build failed with \(errors) error\(errors == 1 ? "" : "s") and \(warnings) warning\(warnings == 1 ? "" : "s"); \(output) was not changed\n".utf8))
            throw ExitCode(1)
        }
        let counts = site.pageCounts
        let ms = Int((report.seconds * 1000).rounded())
        print("Built \(counts[.youngPeople, default: 0]) young people's pages, \(counts[.parents, default: 0]) parents' and carers' pages and \(counts[.everyone, default: 0]) other pages into \(output) in \(ms) ms" + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
    }
}
