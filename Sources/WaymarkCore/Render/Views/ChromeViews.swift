// What every page shows around its own content (Templates/layout.mustache and the partials it
// includes): the site and language, addresses for the header and footer, the exit control, the
// help box, the service's contact, and the page's versions in other languages.

import WaymarkModel

struct PageChrome: TemplateView {
    struct Site: TemplateView {
        var title: String
        var tagline: String
        var language: String
        static let keys: TemplateKeys<Self> = ["title": .value(\.title), "tagline": .value(\.tagline),
                                                        "language": .value(\.language)]
    }

    struct PageLanguage: TemplateView {
        var code: String
        var dir: String
        var name: String
        static let keys: TemplateKeys<Self> = ["code": .value(\.code), "dir": .value(\.dir), "name": .value(\.name)]
    }

    struct Exit: TemplateView {
        var url: String
        var label: String
        static let keys: TemplateKeys<Self> = ["url": .value(\.url), "label": .value(\.label)]
    }

    struct FooterLink: TemplateView {
        var title: String
        var url: String
        /// The link's language, when it leads to a page that is only in the site's own language.
        var lang: String?
        static let keys: TemplateKeys<Self> = ["title": .value(\.title), "url": .value(\.url), "lang": .value(\.lang)]
    }

    struct Service: TemplateView {
        var name: String
        var url: String
        var text: String
        var phone: String?
        var tel: String?
        var email: String?
        var example: Bool?
        static let keys: TemplateKeys<Self> = [
            "name": .value(\.name), "url": .value(\.url), "text": .value(\.text), "phone": .value(\.phone),
            "tel": .value(\.tel), "email": .value(\.email), "example": .value(\.example),
        ]
    }

    struct Emergency: TemplateView {
        var phone: String
        var tel: String
        var label: String
        static let keys: TemplateKeys<Self> = ["phone": .value(\.phone), "tel": .value(\.tel), "label": .value(\.label)]
    }

    /// The same page in another language.
    struct Version: TemplateView {
        var code: String
        var name: String
        var dir: String
        var url: String
        var current: Bool
        var href: String
        static let keys: TemplateKeys<Self> = [
            "code": .value(\.code), "name": .value(\.name), "dir": .value(\.dir), "url": .value(\.url),
            "current": .value(\.current), "href": .value(\.href),
        ]
    }

    struct SourceVersion: TemplateView {
        var url: String
        var href: String
        var code: String
        static let keys: TemplateKeys<Self> = ["url": .value(\.url), "href": .value(\.href), "code": .value(\.code)]
    }

    var site: Site
    var language: PageLanguage
    /// The site's root from this page, and its assets folder.
    var root: String
    var assets: String
    var printStylesheet: String
    var homeURL: String
    var youngPeopleURL: String
    var professionalsURL: String
    var facilitatorsURL: String
    var parentsURL: String
    var helpURL: String
    var coverTracksURL: String
    /// The calm page for the page's young reader (their tier's), linked from the help box.
    var calmURL: String?
    var searchURL: String
    var glossaryURL: String
    var exit: Exit
    /// Adults' pages show the adults' help box.
    var forParents: Bool
    var helplines: [HelplineView]
    var footerLinks: [FooterLink]
    var service: Service?
    var emergency: Emergency?
    var hasVersions: Bool?
    var versions: [Version]?
    var sourceVersion: SourceVersion?
    var isDraft: Bool?
    /// The page's template, for the stylesheet's hooks.
    var pageKind: String = ""
    /// The PDF beside the page, when PDFs are printed.
    var pdfURL: String?
    /// The print stylesheet's named page for this page (a session's plan and pack: its footer names the session).
    var printPage: String?

    static let keys: TemplateKeys<Self> = [
        "site": .view(\.site), "language": .view(\.language), "root": .value(\.root), "assets": .value(\.assets),
        "printStylesheet": .value(\.printStylesheet), "homeURL": .value(\.homeURL), "youngPeopleURL": .value(\.youngPeopleURL),
        "professionalsURL": .value(\.professionalsURL), "facilitatorsURL": .value(\.facilitatorsURL),
        "parentsURL": .value(\.parentsURL), "helpURL": .value(\.helpURL), "coverTracksURL": .value(\.coverTracksURL), "calmURL": .value(\.calmURL),
        "searchURL": .value(\.searchURL), "glossaryURL": .value(\.glossaryURL), "exit": .view(\.exit),
        "forParents": .value(\.forParents), "helplines": .list(\.helplines), "footerLinks": .list(\.footerLinks),
        "service": .view(\.service), "emergency": .view(\.emergency), "hasVersions": .value(\.hasVersions),
        "versions": .list(\.versions), "sourceVersion": .view(\.sourceVersion), "isDraft": .value(\.isDraft),
        "pageKind": .value(\.pageKind), "pdfURL": .value(\.pdfURL), "printPage": .value(\.printPage),
    ]
}

/// A route in a help box or on the help page.
struct HelplineView: TemplateView {
    struct Phone: TemplateView {
        var number: String
        var tel: String
        static let keys: TemplateKeys<Self> = ["number": .value(\.number), "tel": .value(\.tel)]
    }

    var name: String
    /// Whom it is for, and its description, as HTML: the numbers in them can be tapped.
    var forWhom: String
    var verified: String
    /// "If you are under 18:", where the route serves only some of the page's readers.
    var condition: String?
    var sms: String?
    var smsTel: String?
    var smsKeyword: String?
    var phones: [Phone]
    var url: String?
    var urlLabel: String?
    var email: String?
    var description: String?
    /// How soon it must be used, for help that works only soon after (emergency contraception).
    var window: String?

    static let keys: TemplateKeys<Self> = [
        "window": .value(\.window),
        "name": .value(\.name), "for": .value(\.forWhom), "verified": .value(\.verified), "condition": .value(\.condition),
        "sms": .value(\.sms), "smsTel": .value(\.smsTel), "smsKeyword": .value(\.smsKeyword), "phones": .list(\.phones),
        "url": .value(\.url), "urlLabel": .value(\.urlLabel), "email": .value(\.email), "description": .value(\.description),
    ]
}

/// A page's own view: its keys, then the chrome's.
protocol PageView: TemplateView {
    var chrome: PageChrome { get set }
}

extension PageView {
    static var outerType: (any TemplateView.Type)? { PageChrome.self }
    var outer: (any TemplateView)? { chrome }
}
