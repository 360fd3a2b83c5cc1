// SiteConfig: everything a service would change without touching code, read from Content/site.yml.

import Foundation

public struct ExitControl: Hashable, Sendable {
    /// A neutral page to leave for, such as a weather forecast.
    public var url: String
    public var label: String

    public init(url: String, label: String) {
        self.url = url
        self.label = label
    }
}

/// The number to call in an emergency, shown before every other route to help.
public struct EmergencyNumber: Hashable, Sendable {
    public var phone: String
    public var label: String

    public init(phone: String, label: String) {
        self.phone = phone
        self.label = label
    }
}

public struct SiteConfig: Sendable {
    public var title: String
    public var tagline: String
    public var language: String
    /// Absolute URL the site is published at, ending in "/". Needed for the sitemap.
    public var baseURL: String?
    /// Pass raw HTML written in Markdown through to pages. Off by default: authors write Markdown.
    public var rawHTML: Bool
    public var sitemap: Bool
    public var tiers: [Tier]
    public var levels: [ServiceLevel]
    public var helplines: [Helpline]
    public var exit: ExitControl
    public var emergency: EmergencyNumber?
    /// This service's own contact details; nil where site.yml has no `service`.
    public var service: ServiceContact?
    public var parentsReadingGrade: Double
    public var facilitatorsReadingGrade: Double
    /// Pages every young person may read (help, privacy, ...): by default the youngest tier's target.
    public var pagesReadingGrade: Double
    /// The languages pages are translated into (the site's own language is not one of them).
    public var languages: [Language] = []
    /// The name of the site's own language in that language, for the language switcher.
    public var languageName: String = "English"

    /// The site's own language: the source every translation is made from.
    public var sourceLanguage: Language {
        Language(code: language, name: languageName, englishName: languageName)
    }

    /// A translation language by its code.
    public func translation(_ code: String) -> Language? { languages.first { $0.code == code } }

    public init(title: String, tagline: String = "", language: String = "en-GB", baseURL: String? = nil,
                rawHTML: Bool = false, sitemap: Bool = true, tiers: [Tier], levels: [ServiceLevel],
                helplines: [Helpline] = [], exit: ExitControl, emergency: EmergencyNumber? = nil,
                parentsReadingGrade: Double = 7, facilitatorsReadingGrade: Double = 10, pagesReadingGrade: Double? = nil) {
        self.title = title
        self.tagline = tagline
        self.language = language
        self.baseURL = baseURL
        self.rawHTML = rawHTML
        self.sitemap = sitemap
        self.tiers = tiers
        self.levels = levels
        self.helplines = helplines
        self.exit = exit
        self.emergency = emergency
        self.parentsReadingGrade = parentsReadingGrade
        self.facilitatorsReadingGrade = facilitatorsReadingGrade
        self.pagesReadingGrade = pagesReadingGrade ?? tiers.map(\.readingGrade).min() ?? 5
    }

    public func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }
    public func level(_ id: String) -> ServiceLevel? { levels.first { $0.id == id } }

    public func helplines(for audience: Audience) -> [Helpline] {
        helplines.filter { $0.audiences.contains(audience) }
    }

    /// The routes a help box offers young people of one tier: those whose ages reach the tier, each
    /// with the ages it serves when that is only part of the tier ("if you are under 18").
    public func helplines(for tier: Tier) -> [(helpline: Helpline, condition: RouteAges?)] {
        helplines(for: .youngPeople).compactMap { helpline in
            switch helpline.ages.serves(youngest: tier.youngestAge, oldest: tier.oldestAge) {
            case .none: return nil
            case .all: return (helpline, nil)
            case .part: return (helpline, helpline.ages)
            }
        }
    }

    /// A route by its id.
    public func helpline(_ id: String) -> Helpline? { helplines.first { $0.id == id } }
}
