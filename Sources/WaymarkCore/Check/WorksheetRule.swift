// Worksheets' simpler versions: every prompt a reader answers (a tick-list item, a card, a box's
// label, a list item written for the simpler version) has a symbol beside it, so a young person
// who reads little can still follow the sheet.

import WaymarkModel

enum WorksheetRule {
    static func check(content: Content) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for worksheet in content.worksheets where worksheet.filledInBy == .youngPeople {
            for (level, tier) in SitePlan.variants(of: worksheet, in: content.config) {
                diagnostics += promptsWithoutSymbols(worksheet, level: level.id, tier: tier.id)
            }
        }
        return diagnostics
    }

    private static func promptsWithoutSymbols(_ worksheet: Worksheet, level: String, tier: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func warn(_ what: String, _ at: SourceLocation) {
            diagnostics.append(.warning("\(what) has no symbol in the simpler version: start it with {{symbol NAME}} (the files in images/symbols/)",
                                        at: at, rule: "worksheet.symbol"))
        }
        func hasSymbol(_ text: String) -> Bool { !WorksheetSymbol.find(in: text).isEmpty }
        for segment in VariantText.select(worksheet.body, for: Variant(level: level, tier: tier), simpler: true) {
            if case .element(let element, let at) = segment.kind {
                switch element {
                case .tickList(let items):
                    for item in items where !hasSymbol(item) { warn("the tick-list item “\(WorksheetSymbol.strip(item))”", at) }
                case .cards(_, let cards), .pictureCards(let cards):
                    for card in cards where !hasSymbol(card) { warn("the card “\(WorksheetSymbol.strip(card))”", at) }
                case .box(_, let label?) where !hasSymbol(label):
                    warn("the box “\(label)”", at)
                case .activity(let activity):
                    let noun = activity.kind == .scenario ? "choice" : activity.kind == .quiz ? "statement" : "card"
                    for item in activity.items where !hasSymbol(item.text) {
                        warn("the \(noun) “\(WorksheetSymbol.strip(item.text))”", SourceLocation(file: worksheet.file, line: item.line))
                    }
                default:
                    break
                }
            }
        }
        // List items written for the simpler version only.
        func visit(_ nodes: [BodyNode], inSimpler: Bool) {
            for node in nodes {
                switch node {
                case .line(let line):
                    let text = line.text.trimmingCharacters(in: .whitespaces)
                    if inSimpler, text.hasPrefix("- ") || text.hasPrefix("* "), !hasSymbol(text) {
                        warn("the list item “\(text.dropFirst(2))”", SourceLocation(file: worksheet.file, line: line.number, column: 1))
                    }
                case .block(let block):
                    switch block.kind {
                    case .version(let simpler): if simpler { visit(block.children, inSimpler: true) }
                    case .tiers(let ids): if ids.contains(tier) { visit(block.children, inSimpler: inSimpler) }
                    case .levels(let ids): if ids.contains(level) { visit(block.children, inSimpler: inSimpler) }
                    case .panel: visit(block.children, inSimpler: inSimpler)
                    case .element: break
                    }
                }
            }
        }
        visit(worksheet.body, inSimpler: false)
        return diagnostics
    }
}
