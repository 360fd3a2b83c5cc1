// Session plans: every section the content guide asks of a facilitator's plan, as a `##` heading,
// so that no plan goes out without its safeguarding steps, signposting or parents' handout.

import WaymarkModel

enum SessionRule {
    static let requiredSections = [
        "Aims and outcomes", "Length and timings", "Materials and printing", "Before the session",
        "Group agreement", "Baseline", "Activities", "Break and grounding", "Endpoint", "Signposting",
        "Adaptations",
    ]

    /// What "Before the session" must plan for (content guide), each with words that show it does.
    static let safeguardingSteps: [(what: String, words: [String])] = [
        ("who is in the group and whether they know each other or the same people outside", ["each other", "same people"]),
        ("how each young person gets there and home safely", ["home"]),
        ("what to do if anyone is in danger now", ["danger"]),
        ("what the facilitator does if a young person shows signs of self-harm or talks about suicide", ["self-harm", "suicide"]),
    ]

    /// The steps of the guide that a plan's "Before the session" does not mention.
    static func missingSafeguarding(_ variant: PageFacts, file: String) -> [Diagnostic] {
        let sections = variant.headings.filter { $0.level == 2 }
        guard let start = sections.first(where: { $0.text.lowercased() == "before the session" }) else { return [] }
        let end = sections.first { $0.line > start.line }?.line ?? Int.max
        let text = variant.prose.filter { $0.line > start.line && $0.line < end }.map { $0.text.lowercased() }.joined(separator: " ")
        return safeguardingSteps.filter { step in !step.words.contains { text.contains($0) } }.map { step in
            .warning("“Before the session” does not plan \(step.what)", at: SourceLocation(file: file, line: start.line),
                     rule: "session.safeguarding")
        }
    }

    static func check(content: Content, facts: [PageFacts]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for session in content.sessions {
            // The handout is split off the plan when it is loaded, to be printed apart.
            if session.handout.isEmpty {
                diagnostics.append(.warning("the plan has no `## \(SessionPlan.handoutHeading)` section (its last section, printed apart from the pack)",
                                            at: SourceLocation(file: session.file), rule: "session.section"))
            }
            // Tier blocks may differ, but every variant must have every section.
            let plans = facts.filter { if case .sessionPlan(let id, _, _) = $0.page.kind { return id == session.id } else { return false } }
            var timingProblems: [Diagnostic] = []
            for plan in plans {
                if let variant = plan.variant {
                    let lines = VariantText.select(session.planBody, for: variant).filter { $0.panel == nil }.flatMap(\.lines)
                    timingProblems += timings(plan, lines: lines, session: session)
                }
                diagnostics += missingSafeguarding(plan, file: session.file)
                // A section may be a `###` where the running order puts it inside another (a break
                // between activities).
                let present = Set(plan.headings.filter { $0.level == 2 || $0.level == 3 }.map { $0.text.lowercased() })
                let missing = requiredSections.filter { !present.contains($0.lowercased()) }
                guard !missing.isEmpty else { continue }
                diagnostics.append(.warning("the plan for \(plan.variant?.level ?? "?") \(plan.variant?.tier ?? "?") has no `## \(missing.joined(separator: "`, `## "))` section",
                                            at: SourceLocation(file: session.file), rule: "session.section"))
            }
            // The same row of a table shared by every tier is reported once.
            diagnostics += timingProblems.withoutRepeats()
        }
        // Each level and tier's sessions form a programme: an opening session, then the themed
        // ones, then a closing session.
        for level in content.config.levels {
            for tier in content.config.tiers {
                let here = content.sessions.filter { session in
                    SitePlan.variants(of: session, in: content.config).contains { $0.level.id == level.id && $0.tier.id == tier.id }
                }
                guard let first = here.first else { continue }
                for part in [SessionPlan.Part.opening, .closing] where !here.contains(where: { $0.part == part }) {
                    diagnostics.append(.warning("the \(level.name) programme for \(tier.label.lowercased()) has no \(part.rawValue) session: write one with `part: \(part.rawValue)`",
                                                at: SourceLocation(file: first.file), rule: "session.programme"))
                }
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
