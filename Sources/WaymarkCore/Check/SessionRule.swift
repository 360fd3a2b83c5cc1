// Session plans: every section the content guide asks of a facilitator's plan, as a `##` heading,
// so that no plan goes out without its safeguarding steps, signposting or parents' handout.

enum SessionRule {
    static let requiredSections = [
        "Aims and outcomes", "Length and timings", "Materials and printing", "Before the session",
        "Group agreement", "Baseline", "Activities", "Break and grounding", "Endpoint", "Signposting",
        "Adaptations",
    ]

    static func check(content: Content, facts: [PageFacts]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for session in content.sessions {
            // The handout is split off the plan when it is loaded, to be printed apart.
            if session.handout.isEmpty {
                diagnostics.append(.warning("the plan has no `## \(SessionPlan.handoutHeading)` section (its last section, printed apart from the pack)",
                                            at: SourceLocation(file: session.file), rule: "session.section"))
            }
            // Tier blocks may differ, but every variant must have every section.
            let variants = facts.filter { if case .sessionPlan(let id, _, _) = $0.page.kind { return id == session.id } else { return false } }
            for variant in variants {
                let present = Set(variant.headings.filter { $0.level == 2 }.map { $0.text.lowercased() })
                let missing = requiredSections.filter { !present.contains($0.lowercased()) }
                guard !missing.isEmpty else { continue }
                diagnostics.append(.warning("the plan for \(variant.level ?? "?") \(variant.tier ?? "?") has no `## \(missing.joined(separator: "`, `## "))` section",
                                            at: SourceLocation(file: session.file), rule: "session.section"))
            }
        }
        // A worksheet's themes are the modules' themes.
        let themes = Set(content.modules.compactMap(\.theme))
        if !themes.isEmpty {
            for worksheet in content.worksheets {
                for theme in worksheet.themes where !themes.contains(theme) {
                    diagnostics.append(.warning("unknown theme `\(theme)`; the modules' themes are \(themes.sorted().joined(separator: ", "))",
                                                at: SourceLocation(file: worksheet.file), rule: "worksheet.theme"))
                }
            }
        }
        return diagnostics
    }
}
