// The views of the pages young people read: the home page, the choice of level and tier, a
// level and tier's list of modules, a module's version and overview, the glossary and search.

import WaymarkModel

struct HomeView: PageView {
    var chrome: PageChrome
    var youngPeopleURL: String?
    var parentsURL: String?
    var aboutURL: String?
    var helpURL: String?
    /// The group sessions' programmes, for facilitators.
    var facilitatorsURL: String?
    /// On a language's home page: what is published in that language.
    var translatedPages: [PageLink]?
    var hasTranslatedPages: Bool?
    static let keys: TemplateKeys<Self> = [
        "youngPeopleURL": .value(\.youngPeopleURL), "parentsURL": .value(\.parentsURL), "aboutURL": .value(\.aboutURL),
        "helpURL": .value(\.helpURL), "facilitatorsURL": .value(\.facilitatorsURL), "translatedPages": .list(\.translatedPages), "hasTranslatedPages": .value(\.hasTranslatedPages),
    ]
}

struct NotFoundView: PageView {
    var chrome: PageChrome
    static let keys: TemplateKeys<Self> = [:]
}

struct YoungPeopleView: PageView {
    struct Level: TemplateView {
        struct Tier: TemplateView {
            var label: String
            var id: String
            var url: String
            static let keys: TemplateKeys<Self> = ["label": .value(\.label), "id": .value(\.id), "url": .value(\.url)]
        }
        var level: LevelView
        var tiers: [Tier]
        static let keys: TemplateKeys<Self> = ["tiers": .list(\.tiers)]
        static var outerType: (any TemplateView.Type)? { LevelView.self }
        var outer: (any TemplateView)? { level }
    }

    var chrome: PageChrome
    var levels: [Level]
    var tiers: [TierView]
    static let keys: TemplateKeys<Self> = ["levels": .list(\.levels), "tiers": .list(\.tiers)]
}

struct VariantIndexView: PageView {
    var chrome: PageChrome
    var level: LevelView
    var tier: TierView
    var modules: [PageLink]
    var otherTiers: [LabelChoice]
    var otherLevels: [LevelChoice]
    static let keys: TemplateKeys<Self> = [
        "level": .view(\.level), "tier": .view(\.tier), "modules": .list(\.modules), "otherTiers": .list(\.otherTiers),
        "otherLevels": .list(\.otherLevels),
    ]
}

/// A long page's parts, listed near its top.
struct ContentsList: TemplateView {
    var items: [Link]
    static let keys: TemplateKeys<Self> = ["items": .list(\.items)]
}

struct ModuleView: PageView {
    var chrome: PageChrome
    var level: LevelView
    var tier: TierView
    var page: MetaView
    var content: String
    /// What to do now (the body's `::: now` panel), shown first.
    var now: String?
    /// The page's parts, for a long page (three parts or more); nil otherwise.
    var contents: ContentsList?
    var indexURL: String?
    var overviewURL: String?
    var otherTiers: [LabelChoice]
    var otherLevels: [LevelChoice]
    /// The modules before and after this one that the same reader has.
    var previous: Link?
    var next: Link?
    static let keys: TemplateKeys<Self> = [
        "now": .value(\.now), "contents": .view(\.contents),
        "level": .view(\.level), "tier": .view(\.tier), "page": .view(\.page), "content": .value(\.content),
        "indexURL": .value(\.indexURL), "overviewURL": .value(\.overviewURL), "otherTiers": .list(\.otherTiers),
        "otherLevels": .list(\.otherLevels), "previous": .view(\.previous), "next": .view(\.next),
    ]
}

struct ModuleOverviewView: PageView {
    struct Level: TemplateView {
        var level: LevelView
        var tiers: [LabelLink]
        static let keys: TemplateKeys<Self> = ["tiers": .list(\.tiers)]
        static var outerType: (any TemplateView.Type)? { LevelView.self }
        var outer: (any TemplateView)? { level }
    }

    var chrome: PageChrome
    var page: MetaView
    var levels: [Level]
    static let keys: TemplateKeys<Self> = ["page": .view(\.page), "levels": .list(\.levels)]
}

struct GlossaryView: PageView {
    struct Entry: TemplateView {
        var term: String
        var anchor: String
        var definition: String
        static let keys: TemplateKeys<Self> = ["term": .value(\.term), "anchor": .value(\.anchor),
                                                        "definition": .value(\.definition)]
    }

    var chrome: PageChrome
    var readerLabel: String
    var entries: [Entry]
    var otherReaders: [LabelChoice]
    static let keys: TemplateKeys<Self> = ["readerLabel": .value(\.readerLabel), "entries": .list(\.entries),
                                                    "otherReaders": .list(\.otherReaders)]
}

struct SearchPageView: PageView {
    struct Letter: TemplateView {
        var letter: String
        var items: [Link]
        static let keys: TemplateKeys<Self> = ["letter": .value(\.letter), "items": .list(\.items)]
    }

    var chrome: PageChrome
    var indexURL: String
    var sharedURL: String?
    /// More indexes to search, space-separated: the whole site's search fetches every tier's.
    var moreURLs: String?
    /// Each tier's label by id ("11-13=Ages 11 to 13|..."), for the links to each age's version.
    var tierLabels: String?
    var languageSearch: Bool?
    var englishSearchURL: String?
    var searchRoot: String
    /// The level whose pages come first (empty on searches with no level).
    var level: String
    /// The A to Z list shown without JavaScript.
    var letters: [Letter]
    static let keys: TemplateKeys<Self> = [
        "indexURL": .value(\.indexURL), "sharedURL": .value(\.sharedURL), "moreURLs": .value(\.moreURLs), "tierLabels": .value(\.tierLabels),
        "languageSearch": .value(\.languageSearch),
        "englishSearchURL": .value(\.englishSearchURL), "searchRoot": .value(\.searchRoot), "level": .value(\.level),
        "letters": .list(\.letters),
    ]
}
