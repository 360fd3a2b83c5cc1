// What the print pieces are given: each worksheet element's template in
// Templates/partials/print/, the panels of a body (take a break, now, more), and the print stylesheet.

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

/// A panel of a body: take a break, or what to do now.
struct PanelView: TemplateView {
    var content: String
    static let keys: [String: TemplateKey<Self>] = ["content": .value(\.content)]
}

/// A `::: more` part, folded under its first heading.
struct MoreView: TemplateView {
    /// The part's first heading, as HTML (nil when it starts with none: the template says "More").
    var heading: String?
    var content: String
    static let keys: [String: TemplateKey<Self>] = ["heading": .value(\.heading), "content": .value(\.content)]

    /// The first heading of a part's HTML, when the part starts with one, and the rest.
    static func splittingHeading(_ html: String) -> (heading: String?, rest: String) {
        let trimmed = html.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("<h"), let level = trimmed.dropFirst(2).first, ("1"..."6").contains(level),
              let close = trimmed.range(of: "</h\(level)>") else { return (nil, html) }
        return (String(trimmed[..<close.upperBound]), String(trimmed[close.upperBound...]))
    }
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
