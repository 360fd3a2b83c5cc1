// The views of the pages adults read: parents' and carers' pages, the facilitators' programme,
// worksheets, session plans, packs and handouts, the professionals' pages (words matter, the
// editors' coverage), and the site's own pages (help, about ...).

import WaymarkModel

struct ParentsIndexView: PageView {
    var chrome: PageChrome
    var page: MetaView
    var content: String?
    var pages: [PageLink]
    static let keys: TemplateKeys<Self> = ["page": .view(\.page), "content": .value(\.content), "pages": .list(\.pages)]
}

struct ParentsPageView: PageView {
    /// The module this page goes with, in the versions a child reads.
    struct ChildReads: TemplateView {
        var title: String
        var overviewURL: String
        var tiers: [LabelLink]
        static let keys: TemplateKeys<Self> = ["title": .value(\.title), "overviewURL": .value(\.overviewURL),
                                                        "tiers": .list(\.tiers)]
    }

    var chrome: PageChrome
    var page: MetaView
    var content: String
    var parentsURL: String?
    var childReads: ChildReads?
    static let keys: TemplateKeys<Self> = ["page": .view(\.page), "content": .value(\.content),
                                                    "parentsURL": .value(\.parentsURL), "childReads": .view(\.childReads)]
}

// MARK: Facilitators

/// A worksheet's facts, as sessions and packs list it.
struct WorksheetInfo: TemplateView {
    var title: String
    var id: String
    var time: String?
    var facilitatorNotes: String?
    var summary: String?
    static let keys: TemplateKeys<Self> = [
        "title": .value(\.title), "id": .value(\.id), "time": .value(\.time), "facilitatorNotes": .value(\.facilitatorNotes),
        "summary": .value(\.summary),
    ]
}

/// A session's facts.
struct SessionInfo: TemplateView {
    var title: String
    var id: String
    var length: String?
    var groupSize: String?
    static let keys: TemplateKeys<Self> = ["title": .value(\.title), "id": .value(\.id), "length": .value(\.length),
                                                    "groupSize": .value(\.groupSize)]
}

/// A worksheet's two versions: `url` (the usual one) and `simplerURL`.
struct WorksheetVersions: TemplateView {
    var url: String
    /// Nil for a form facilitators fill in, which has no simpler version.
    var simplerURL: String?
    static let keys: TemplateKeys<Self> = ["url": .value(\.url), "simplerURL": .value(\.simplerURL)]
}

/// When a handout may be given, and what the worker checks first.
struct HandoutConsent: TemplateView {
    var rule: String
    var checks: [TextItem]
    static let keys: TemplateKeys<Self> = ["rule": .value(\.rule), "checks": .list(\.checks)]
}

struct FacilitatorsView: PageView {
    struct Level: TemplateView {
        struct Tier: TemplateView {
            struct Session: TemplateView {
                var title: String
                var summary: String
                var length: String
                var part: String
                var planURL: String
                var packURL: String
                static let keys: TemplateKeys<Self> = [
                    "title": .value(\.title), "summary": .value(\.summary), "length": .value(\.length), "part": .value(\.part),
                    "planURL": .value(\.planURL), "packURL": .value(\.packURL),
                ]
            }
            var label: String
            var programmeURL: String
            var sessions: [Session]
            static let keys: TemplateKeys<Self> = ["label": .value(\.label), "programmeURL": .value(\.programmeURL),
                                                            "sessions": .list(\.sessions)]
        }
        var level: LevelView
        var tiers: [Tier]
        static let keys: TemplateKeys<Self> = ["tiers": .list(\.tiers)]
        static var outerType: (any TemplateView.Type)? { LevelView.self }
        var outer: (any TemplateView)? { level }
    }

    struct Worksheet: TemplateView {
        struct Version: TemplateView {
            var versions: WorksheetVersions
            var label: String
            static let keys: TemplateKeys<Self> = ["label": .value(\.label)]
            static var outerType: (any TemplateView.Type)? { WorksheetVersions.self }
            var outer: (any TemplateView)? { versions }
        }
        var title: String
        var summary: String
        var time: String
        var variants: [Version]
        static let keys: TemplateKeys<Self> = ["title": .value(\.title), "summary": .value(\.summary),
                                                        "time": .value(\.time), "variants": .list(\.variants)]
    }

    var chrome: PageChrome
    var levels: [Level]
    var worksheets: [Worksheet]
    static let keys: TemplateKeys<Self> = ["levels": .list(\.levels), "worksheets": .list(\.worksheets)]
}

struct ProgrammeView: PageView {
    struct Session: TemplateView {
        struct Worksheet: TemplateView {
            var versions: WorksheetVersions
            var title: String
            static let keys: TemplateKeys<Self> = ["title": .value(\.title)]
            static var outerType: (any TemplateView.Type)? { WorksheetVersions.self }
            var outer: (any TemplateView)? { versions }
        }
        var session: SessionInfo
        var step: Int
        var part: String
        var summary: String
        var planURL: String
        var packURL: String
        var packPDFURL: String?
        var handoutURL: String?
        var worksheets: [Worksheet]
        var roomURL: String? = nil
        static let keys: TemplateKeys<Self> = [
            "roomURL": .value(\.roomURL),
            "step": .value(\.step), "part": .value(\.part), "summary": .value(\.summary), "planURL": .value(\.planURL),
            "packURL": .value(\.packURL), "packPDFURL": .value(\.packPDFURL), "handoutURL": .value(\.handoutURL),
            "worksheets": .list(\.worksheets),
        ]
        static var outerType: (any TemplateView.Type)? { SessionInfo.self }
        var outer: (any TemplateView)? { session }
    }

    /// A printable for the whole programme (`kit: true`): register, record, cards, evaluation.
    struct KitItem: TemplateView {
        var title: String
        var summary: String
        var url: String
        var pdfURL: String?
        /// Only for sheets young people fill in.
        var simplerURL: String?
        var simplerPDFURL: String?
        var forFacilitators: Bool
        static let keys: TemplateKeys<Self> = [
            "title": .value(\.title), "summary": .value(\.summary), "url": .value(\.url), "pdfURL": .value(\.pdfURL),
            "simplerURL": .value(\.simplerURL), "simplerPDFURL": .value(\.simplerPDFURL), "forFacilitators": .value(\.forFacilitators),
        ]
    }

    var chrome: PageChrome
    var level: LevelView
    var tier: TierView
    var facilitatorsURL: String?
    var sessions: [Session]
    var kit: [KitItem]
    var hasKit: Bool? { kit.isEmpty ? nil : true }
    /// The whole kit on one printable page, and its PDF.
    var kitURL: String? = nil
    var kitPDFURL: String? = nil
    static let keys: TemplateKeys<Self> = ["level": .view(\.level), "tier": .view(\.tier),
                                                    "facilitatorsURL": .value(\.facilitatorsURL), "sessions": .list(\.sessions),
                                                    "kit": .list(\.kit), "hasKit": .value(\.hasKit), "kitURL": .value(\.kitURL),
                                                    "kitPDFURL": .value(\.kitPDFURL)]
}

struct WorksheetPageView: PageView {
    var chrome: PageChrome
    var level: LevelView
    var tier: TierView
    var page: MetaView
    var worksheet: WorksheetInfo
    var content: String
    var facilitatorsURL: String?
    var simpler: Bool?
    /// The other version of the same worksheet (simpler, or standard).
    var otherVersionURL: String?
    static let keys: TemplateKeys<Self> = [
        "level": .view(\.level), "tier": .view(\.tier), "page": .view(\.page), "worksheet": .view(\.worksheet),
        "content": .value(\.content), "facilitatorsURL": .value(\.facilitatorsURL), "simpler": .value(\.simpler),
        "otherVersionURL": .value(\.otherVersionURL),
    ]
}

/// What a session's plan, pack and handout all show first: the reader, the title, the session.
struct SessionHeading: TemplateView {
    var level: LevelView
    var tier: TierView
    var page: MetaView
    var session: SessionInfo
    static let keys: TemplateKeys<Self> = ["level": .view(\.level), "tier": .view(\.tier), "page": .view(\.page),
                                                    "session": .view(\.session)]
}

extension SessionHeading {
    /// The heading's keys, answered by a page view that holds one, with the page's own keys.
    static func keys<View>(through heading: KeyPath<View, SessionHeading>,
                           adding own: [String: TemplateKey<View>]) -> TemplateKeys<View> {
        TemplateKeys(keys.byName.mapValues { key in TemplateKey(kind: key.kind) { key.read($0[keyPath: heading]) } }.merging(own) { _, page in page })
    }
}

struct SessionPageView: PageView {
    struct Worksheet: TemplateView {
        var info: WorksheetInfo
        var versions: WorksheetVersions
        static let keys: TemplateKeys<Self> = ["url": .value(\.versions.url), "simplerURL": .value(\.versions.simplerURL)]
        static var outerType: (any TemplateView.Type)? { WorksheetInfo.self }
        var outer: (any TemplateView)? { info }
    }

    var chrome: PageChrome
    var heading: SessionHeading
    var content: String
    var packURL: String?
    var programmeURL: String?
    var sessionPart: String
    var handoutURL: String?
    var handoutPDFURL: String?
    var handoutConsent: HandoutConsent?
    var packPDFURL: String?
    var facilitatorsURL: String?
    var worksheets: [Worksheet]
    var answerKeys: [AnswerKeyView] = []
    var hasAnswerKeys: Bool? { answerKeys.isEmpty ? nil : true }
    var roomURL: String?
    static let keys: TemplateKeys<Self> = SessionHeading.keys(through: \.heading, adding: [
        "answerKeys": .list(\.answerKeys), "hasAnswerKeys": .value(\.hasAnswerKeys), "roomURL": .value(\.roomURL),
        "content": .value(\.content), "packURL": .value(\.packURL), "programmeURL": .value(\.programmeURL),
        "sessionPart": .value(\.sessionPart), "handoutURL": .value(\.handoutURL), "handoutPDFURL": .value(\.handoutPDFURL),
        "handoutConsent": .view(\.handoutConsent), "packPDFURL": .value(\.packPDFURL),
        "facilitatorsURL": .value(\.facilitatorsURL), "worksheets": .list(\.worksheets),
    ])
}

struct PackView: PageView {
    struct Worksheet: TemplateView {
        var info: WorksheetInfo
        var content: String
        static let keys: TemplateKeys<Self> = ["content": .value(\.content)]
        static var outerType: (any TemplateView.Type)? { WorksheetInfo.self }
        var outer: (any TemplateView)? { info }
    }

    var chrome: PageChrome
    var heading: SessionHeading
    var content: String
    var planURL: String?
    var worksheets: [Worksheet]
    var answerKeys: [AnswerKeyView] = []
    var hasAnswerKeys: Bool? { answerKeys.isEmpty ? nil : true }
    var timetable: TimetableView?
    static let keys: TemplateKeys<Self> = SessionHeading.keys(through: \.heading, adding: [
        "answerKeys": .list(\.answerKeys), "hasAnswerKeys": .value(\.hasAnswerKeys), "timetable": .view(\.timetable),
        "content": .value(\.content), "planURL": .value(\.planURL), "worksheets": .list(\.worksheets),
    ])
}

struct HandoutView: PageView {
    var chrome: PageChrome
    var heading: SessionHeading
    var content: String
    var planURL: String?
    var handoutConsent: HandoutConsent
    static let keys: TemplateKeys<Self> = SessionHeading.keys(through: \.heading, adding: [
        "content": .value(\.content), "planURL": .value(\.planURL), "handoutConsent": .view(\.handoutConsent),
    ])
}

// MARK: Professionals and the site's own pages

struct ProfessionalsView: PageView {
    var chrome: PageChrome
    var aboutURL: String?
    var wordsMatterURL: String?
    var coverageURL: String?
    var facilitatorsURL: String?
    /// Each level and tier's programme of group sessions.
    var programmes: [LabelLink]
    static let keys: TemplateKeys<Self> = ["aboutURL": .value(\.aboutURL), "wordsMatterURL": .value(\.wordsMatterURL),
                                                    "coverageURL": .value(\.coverageURL), "facilitatorsURL": .value(\.facilitatorsURL),
                                                    "programmes": .list(\.programmes)]
}

struct WordsMatterView: PageView {
    struct Entry: TemplateView {
        struct Phrase: TemplateView {
            var phrase: String
            static let keys: TemplateKeys<Self> = ["phrase": .value(\.phrase)]
        }
        var phrases: [Phrase]
        var because: String
        var instead: String
        static let keys: TemplateKeys<Self> = ["phrases": .list(\.phrases), "because": .value(\.because),
                                                        "instead": .value(\.instead)]
    }

    var chrome: PageChrome
    var entries: [Entry]
    var promises: [Entry]?
    var hasPromises: Bool?
    static let keys: TemplateKeys<Self> = ["entries": .list(\.entries), "promises": .list(\.promises),
                                                    "hasPromises": .value(\.hasPromises)]
}

struct CoverageView: PageView {
    struct Module: TemplateView {
        struct Row: TemplateView {
            struct Cell: TemplateView {
                var status: String
                var cssClass: String
                var words: Int?
                var url: String?
                static let keys: TemplateKeys<Self> = ["status": .value(\.status), "class": .value(\.cssClass),
                                                                "words": .value(\.words), "url": .value(\.url)]
            }
            var level: String
            var youngName: String
            var cells: [Cell]
            static let keys: TemplateKeys<Self> = ["level": .value(\.level), "youngName": .value(\.youngName),
                                                            "cells": .list(\.cells)]
        }
        var title: String
        var file: String
        var tiers: [LabelItem]
        var rows: [Row]
        /// This module's part of the page, rendered through `partials/coverage-module`.
        var html: String = ""
        static let keys: TemplateKeys<Self> = ["title": .value(\.title), "file": .value(\.file),
                                                        "tiers": .list(\.tiers), "rows": .list(\.rows), "html": .value(\.html)]
    }

    /// What a module's part is made from, besides what changes only with the site's shape.
    struct ModuleKey: Equatable, Sendable {
        var title: String
        var file: String
        var cells: [CoverageCell]
    }

    /// A topic of Content/topics.yml, and where each reader finds it.
    struct Topic: TemplateView {
        struct Cell: TemplateView {
            var status: String
            var cssClass: String
            var pages: [Link]?
            static let keys: TemplateKeys<Self> = ["status": .value(\.status), "class": .value(\.cssClass),
                                                            "pages": .list(\.pages)]
        }
        struct Row: TemplateView {
            var level: String
            var cells: [Cell]
            static let keys: TemplateKeys<Self> = ["level": .value(\.level), "cells": .list(\.cells)]
        }
        var name: String
        var tiers: [LabelItem]
        var rows: [Row]
        var parents: Cell?
        static let keys: TemplateKeys<Self> = ["name": .value(\.name), "tiers": .list(\.tiers), "rows": .list(\.rows),
                                                        "parents": .view(\.parents)]
    }

    var chrome: PageChrome
    var modules: [Module]
    var topics: [Topic]
    var hasTopics: Bool?
    static let keys: TemplateKeys<Self> = ["modules": .list(\.modules), "topics": .list(\.topics),
                                                    "hasTopics": .value(\.hasTopics)]
}

/// A page of `pages/` (help, about ...).
struct SitePageView: PageView {
    /// The help page's routes, in groups (young people's, then adults').
    struct HelplineGroup: TemplateView {
        var heading: String
        var helplines: [HelplineView]
        static let keys: TemplateKeys<Self> = ["heading": .value(\.heading), "helplines": .list(\.helplines)]
    }

    var chrome: PageChrome
    var page: MetaView
    var content: String
    var glossaryReaders: [LabelLink]?
    var isHelpPage: Bool?
    var allHelplines: [HelplineGroup]?
    /// A tier's calm page (breathing, grounding): marked `data-calm` for the browser tests and styles.
    var calm: Bool?
    static let keys: TemplateKeys<Self> = [
        "page": .view(\.page), "content": .value(\.content), "glossaryReaders": .list(\.glossaryReaders), "calm": .value(\.calm),
        "isHelpPage": .value(\.isHelpPage), "allHelplines": .list(\.allHelplines),
    ]
}

/// A facilitator's answers to one activity of a worksheet the session uses (Templates/partials/answer-key).
struct AnswerKeyView: TemplateView {
    struct Row: TemplateView {
        var text: String
        var answer: String?
        var feedback: String
        var isScenario: Bool
        static let keys: TemplateKeys<Self> = ["text": .value(\.text), "answer": .value(\.answer), "feedback": .value(\.feedback),
                                                        "isScenario": .value(\.isScenario)]
    }
    var worksheet: String
    /// "simpler version" for the simpler sheet's own activity; nil for the usual sheet.
    var version: String?
    var title: String
    var isScenario: Bool
    var rows: [Row]
    static let keys: TemplateKeys<Self> = [
        "worksheet": .value(\.worksheet), "version": .value(\.version), "title": .value(\.title), "isScenario": .value(\.isScenario),
        "rows": .list(\.rows),
    ]
}

/// The group's visual timetable, made from the plan's timings table (Templates/partials/timetable).
struct TimetableView: TemplateView {
    struct Step: TemplateView {
        var time: String
        var activity: String
        var minutes: Int?
        /// A picture for the step, from the site's symbols (none when no word of the step suggests one).
        var symbol: String?
        static let keys: TemplateKeys<Self> = ["time": .value(\.time), "activity": .value(\.activity), "minutes": .value(\.minutes),
                                                        "symbol": .value(\.symbol)]
    }
    var steps: [Step]
    static let keys: TemplateKeys<Self> = ["steps": .list(\.steps)]
}

/// A session for a screen in the group room (Templates/room): its timetable, its activities one
/// at a time, and where young people can get help.
struct RoomView: PageView {
    struct Slide: TemplateView {
        var number: Int
        var content: String
        static let keys: TemplateKeys<Self> = ["number": .value(\.number), "content": .value(\.content)]
    }

    var chrome: PageChrome
    var heading: SessionHeading
    var planURL: String?
    var timetable: TimetableView?
    var slides: [Slide]
    /// The routes for the session's young people, on the last slide.
    var helplines: [HelplineView]
    var total: Int
    static let keys: TemplateKeys<Self> = SessionHeading.keys(through: \.heading, adding: [
        "planURL": .value(\.planURL), "timetable": .view(\.timetable), "slides": .list(\.slides),
        "youngHelplines": .list(\.helplines), "total": .value(\.total),
    ])
}

/// A programme's whole kit on one printable page (Templates/kit): each sheet on a page of its own.
struct KitView: PageView {
    var chrome: PageChrome
    var level: LevelView
    var tier: TierView
    var programmeURL: String?
    var pdfURL: String?
    var worksheets: [PackView.Worksheet]
    static let keys: TemplateKeys<Self> = [
        "level": .view(\.level), "tier": .view(\.tier), "programmeURL": .value(\.programmeURL), "kitPDFURL": .value(\.pdfURL),
        "worksheets": .list(\.worksheets),
    ]
}
