// What the print pieces are given: each worksheet element's template in
// Templates/partials/print/, the take-a-break panel, and the print stylesheet.

import WaymarkModel

/// Writing lines, or a box with lines (and a label).
struct LinesView: TemplateView {
    var lines: [NumberItem]
    var label: String?
    static let keys: [String: TemplateKey<Self>] = ["lines": .list(\.lines), "label": .value(\.label)]
}

struct ScaleView: TemplateView {
    var points: [NumberItem]
    var low: String
    var high: String
    static let keys: [String: TemplateKey<Self>] = ["points": .list(\.points), "low": .value(\.low), "high": .value(\.high)]
}

struct TickListView: TemplateView {
    var items: [TextItem]
    static let keys: [String: TemplateKey<Self>] = ["items": .list(\.items)]
}

struct CardsView: TemplateView {
    var piles: [LabelItem]
    var cards: [TextItem]
    static let keys: [String: TemplateKey<Self>] = ["piles": .list(\.piles), "cards": .list(\.cards)]
}

struct TakeABreakView: TemplateView {
    var content: String
    static let keys: [String: TemplateKey<Self>] = ["content": .value(\.content)]
}

/// Templates/print.css.mustache: the footer of every printed page.
struct PrintStylesheetView: TemplateView {
    var helpline: String
    var adultHelpline: String
    var site: String
    var pageOf: String
    var startBox: String
    var endBox: String
    static let keys: [String: TemplateKey<Self>] = [
        "helpline": .value(\.helpline), "adultHelpline": .value(\.adultHelpline), "site": .value(\.site),
        "pageOf": .value(\.pageOf), "startBox": .value(\.startBox), "endBox": .value(\.endBox),
    ]
}
