// Small views that several pages show: a page's title and notes, a level, a tier, and the
// links in lists (a page with its summary, a choice of tier or level with the current one marked).

import WaymarkModel

/// A page's front matter as templates show it (`page.title`, `page.summary` ...).
struct MetaView: TemplateView {
    var title: String
    var summary: String?
    var contentNote: String?
    /// When the text was last reviewed, in words; empty when the review has no date.
    var reviewedOn: String?
    static let keys: TemplateKeys<Self> = [
        "title": .value(\.title), "summary": .value(\.summary), "contentNote": .value(\.contentNote),
        "reviewedOn": .value(\.reviewedOn),
    ]
}

struct LevelView: TemplateView {
    var id: String
    var name: String
    var youngName: String
    var summary: String
    /// The young people's words for choosing it (site.yml `choose`), or its young people's name.
    var choose: String
    static let keys: TemplateKeys<Self> = ["id": .value(\.id), "name": .value(\.name), "choose": .value(\.choose),
                                                    "youngName": .value(\.youngName), "summary": .value(\.summary)]
}

struct TierView: TemplateView {
    var id: String
    var label: String
    static let keys: TemplateKeys<Self> = ["id": .value(\.id), "label": .value(\.label)]
}

/// A page in a list: its title, summary (empty when it has none) and address.
struct PageLink: TemplateView {
    var title: String
    var summary: String
    var url: String
    static let keys: TemplateKeys<Self> = ["title": .value(\.title), "summary": .value(\.summary), "url": .value(\.url)]
}

struct Link: TemplateView {
    var title: String
    var url: String
    static let keys: TemplateKeys<Self> = ["title": .value(\.title), "url": .value(\.url)]
}

/// A link named by a label (a tier, a reader).
struct LabelLink: TemplateView {
    var label: String
    var url: String
    static let keys: TemplateKeys<Self> = ["label": .value(\.label), "url": .value(\.url)]
}

/// One of a row of choices (tiers, readers), the page's own marked `current`.
struct LabelChoice: TemplateView {
    var label: String
    var current: Bool
    var url: String
    static let keys: TemplateKeys<Self> = ["label": .value(\.label), "current": .value(\.current), "url": .value(\.url)]
}

/// One of the levels to choose from, by its young name.
struct LevelChoice: TemplateView {
    var name: String
    var current: Bool
    var url: String
    static let keys: TemplateKeys<Self> = ["name": .value(\.name), "current": .value(\.current), "url": .value(\.url)]
}

struct LabelItem: TemplateView {
    var label: String
    static let keys: TemplateKeys<Self> = ["label": .value(\.label)]
}

struct NumberItem: TemplateView {
    var n: Int
    static let keys: TemplateKeys<Self> = ["n": .value(\.n)]
}
