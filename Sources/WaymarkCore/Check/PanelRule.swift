// What to do now, and parts folded on a phone. `now.missing`: a young person's module page with no
// `::: now` panel for its reader (a frightened reader on a phone must not have to scroll past the
// story to find what to do); `now.steps`: a panel with fewer than 3 or more than 5 steps;
// `more.heading`: a `::: more` part that does not start with a heading (the heading is what the
// reader taps to open it).

import WaymarkModel

enum PanelRule {
    static func check(facts: [PageFacts], memo: (any Memo)? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in facts where page.language == nil {
            let isVariant = if case .moduleVariant = page.page.kind { true } else { false }
            guard isVariant || !page.panels.isEmpty else { continue }
            // Kept with the page's panels: a large site's thousands of pages would otherwise
            // word the same warnings again at every rebuild of the preview.
            diagnostics += remembered(memo, .panelFindings, page.page.outputPath, madeFrom: page.panels) { problems(page) }
        }
        return diagnostics
    }

    static func problems(_ page: PageFacts) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let now = page.panels.filter { $0.panel == .now }
        if case let .moduleVariant(_, level, tier) = page.page.kind {
            if now.isEmpty {
                diagnostics.append(.warning("the \(level) \(tier) page has no `::: now` panel: start it with 3 to 5 steps of what to do now, and the routes that serve its readers",
                                            at: SourceLocation(file: page.file), rule: "now.missing"))
            } else {
                let steps = now.map(\.steps).reduce(0, +)
                if !(3...5).contains(steps) {
                    diagnostics.append(.warning("the \(level) \(tier) page's `::: now` panel has \(steps) steps: give 3 to 5, short enough to read at a glance",
                                                at: SourceLocation(file: page.file, line: now[0].line), rule: "now.steps"))
                }
            }
        }
        for more in page.panels where more.panel == .more && !more.startsWithHeading {
            diagnostics.append(.warning("a `::: more` part starts with its heading (`## ...`): it is what the reader taps to open it",
                                        at: SourceLocation(file: page.file, line: more.line), rule: "more.heading"))
        }
        return diagnostics
    }
}
