// What the print pieces are given: each worksheet element's template in
// Templates/partials/print/, the panels of a body (take a break, now, more), and the print stylesheet.

import WaymarkModel

/// Writing lines, or a box with lines (and a label).
struct LinesView: TemplateView {
    var lines: [NumberItem]
    var label: String?
    static let keys: TemplateKeys<Self> = ["lines": .list(\.lines), "label": .value(\.label)]
}

struct ScaleView: TemplateView {
    var points: [NumberItem]
    var low: String
    var high: String
    static let keys: TemplateKeys<Self> = ["points": .list(\.points), "low": .value(\.low), "high": .value(\.high)]
}

struct TickListView: TemplateView {
    var items: [TextItem]
    static let keys: TemplateKeys<Self> = ["items": .list(\.items)]
}

struct CardsView: TemplateView {
    var piles: [LabelItem]
    var cards: [TextItem]
    static let keys: TemplateKeys<Self> = ["piles": .list(\.piles), "cards": .list(\.cards)]
}

/// A panel of a body: take a break, or what to do now.
struct PanelView: TemplateView {
    var content: String
    /// Take-a-break panels link to the reader's calm page.
    var calmURL: String? = nil
    static let keys: TemplateKeys<Self> = ["content": .value(\.content), "calmURL": .value(\.calmURL)]
}

/// A `::: more` part, folded under its first heading.
struct MoreView: TemplateView {
    /// The part's first heading, as HTML (nil when it starts with none: the template says "More").
    var heading: String?
    var content: String
    static let keys: TemplateKeys<Self> = ["heading": .value(\.heading), "content": .value(\.content)]

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
    /// A named page for each session's plan and pack, whose footer names the session.
    var sessions: [SessionFooter] = []
    static let keys: TemplateKeys<Self> = [
        "helpline": .value(\.helpline), "adultHelpline": .value(\.adultHelpline), "site": .value(\.site),
        "pageOf": .value(\.pageOf), "startBox": .value(\.startBox), "endBox": .value(\.endBox), "sessions": .list(\.sessions),
    ]

    struct SessionFooter: TemplateView {
        /// The CSS page name, which the plan's and pack's `<body data-print-page>` asks for.
        var name: String
        /// What the footer says, escaped for a CSS string.
        var text: String
        static let keys: TemplateKeys<Self> = ["name": .value(\.name), "text": .value(\.text)]
    }
}

/// An activity (Templates/partials/activity): on screen a reader picks one answer and the
/// feedback for it shows, by CSS alone; on paper the same choices are boxes to tick.
struct ActivityView: TemplateView {
    struct Choice: TemplateView {
        /// The radio's id (`activity-2-1-3`) and its group's name (`activity-2-1`).
        var id: String
        var name: String
        /// Which choice it is, from 1: the feedback with the same number shows when it is picked.
        var n: Int
        var label: String
        static let keys: TemplateKeys<Self> = ["id": .value(\.id), "name": .value(\.name), "n": .value(\.n), "label": .value(\.label)]
    }

    struct Feedback: TemplateView {
        /// The choice it answers, or nil for feedback that shows whichever is picked (quiz, sort).
        var n: Int?
        /// Quiz and sort: the right answer or pile.
        var answer: String?
        var content: String
        static let keys: TemplateKeys<Self> = ["n": .value(\.n), "answer": .value(\.answer), "content": .value(\.content)]
    }

    /// One group of choices: a scenario's one question, or each statement or card.
    struct Question: TemplateView {
        var legend: String
        var choices: [Choice]
        var feedbacks: [Feedback]
        static let keys: TemplateKeys<Self> = ["legend": .value(\.legend), "choices": .list(\.choices), "feedbacks": .list(\.feedbacks)]
    }

    var id: String
    var kind: String
    var title: String
    var story: String
    /// Shown open (worksheets and packs, which are printed); folded on a reader's page.
    var open: Bool
    var isScenario: Bool
    var questions: [Question]
    /// Lines to write on in print (a scenario asks what could happen next, and why).
    var lines: [NumberItem]
    /// A quiz or a sort prints as cards to cut out and sort into its piles, as a group works with them.
    var isCards: Bool
    var piles: [LabelItem]
    var cards: [TextItem]

    static let keys: TemplateKeys<Self> = [
        "id": .value(\.id), "kind": .value(\.kind), "title": .value(\.title), "story": .value(\.story), "open": .value(\.open),
        "isScenario": .value(\.isScenario), "questions": .list(\.questions), "lines": .list(\.lines),
        "isCards": .value(\.isCards), "piles": .list(\.piles), "cards": .list(\.cards),
    ]

    /// - Parameter number: the activity's place on its page, from 1, so that ids never clash.
    init(_ activity: ConvertedActivity, number: Int, open: Bool) {
        id = "activity-\(number)"
        kind = activity.kind.rawValue
        title = activity.title
        story = activity.story
        self.open = open
        isScenario = activity.kind == .scenario
        isCards = !isScenario
        piles = activity.answers.map { LabelItem(label: $0) }
        cards = isScenario ? [] : activity.items.map { TextItem(text: $0.text) }
        let base = id
        if activity.kind == .scenario {
            let name = "\(base)-1"
            questions = [Question(legend: InterfaceStrings.escapeHTML(Substring(activity.title)),
                                  choices: activity.items.enumerated().map { Choice(id: "\(name)-\($0.offset + 1)", name: name, n: $0.offset + 1, label: $0.element.text) },
                                  feedbacks: activity.items.enumerated().map { Feedback(n: $0.offset + 1, content: $0.element.feedback) })]
            lines = (1...4).map { NumberItem(n: $0) }
        } else {
            questions = activity.items.enumerated().map { index, item in
                let name = "\(base)-\(index + 1)"
                return Question(legend: item.text,
                                choices: activity.answers.enumerated().map { Choice(id: "\(name)-\($0.offset + 1)", name: name, n: $0.offset + 1,
                                                                                    label: InterfaceStrings.escapeHTML(Substring($0.element))) },
                                feedbacks: [Feedback(answer: item.answer.map { activity.answers[$0] }, content: item.feedback)])
            }
            lines = []
        }
    }
}
