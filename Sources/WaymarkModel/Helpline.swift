// Helpline: one route to help, written once in site.yml. It knows whom it serves (ages), what it
// is for, and the other names pages use for it, so that a help box offers a reader only routes
// that serve them, and the signposting check can find a route named in a page.


/// The ages a route serves, in the words of its source ("anyone under 19", "adults").
public enum RouteAges: String, Hashable, Sendable, CaseIterable {
    case under18 = "under-18"
    case under19 = "under-19"
    case over16 = "16-and-over"
    case adults = "18-and-over"
    case any = "any"

    /// The youngest and oldest age served (nil: no limit on that side).
    public var range: (youngest: Int?, oldest: Int?) {
        switch self {
        case .under18: return (nil, 17)
        case .under19: return (nil, 18)
        case .over16: return (16, nil)
        case .adults: return (18, nil)
        case .any: return (nil, nil)
        }
    }

    /// How much of an age band it serves.
    public func serves(youngest: Int, oldest: Int) -> Coverage {
        let (low, high) = range
        let servedLow = max(youngest, low ?? youngest), servedHigh = min(oldest, high ?? oldest)
        if servedLow > servedHigh { return .none }
        return servedLow == youngest && servedHigh == oldest ? .all : .part
    }

    public enum Coverage: Sendable { case all, part, none }

    /// The key of the words that say the condition ("if you are under 18") in Templates/strings.
    public var conditionKey: String {
        switch self {
        case .under18: return "if_under_18"
        case .under19: return "if_under_19"
        case .over16: return "if_16_or_over"
        case .adults: return "if_18_or_over"
        case .any: return ""
        }
    }
}

/// What a route is for.
public enum RoutePurpose: String, Hashable, Sendable, CaseIterable {
    case talk, report, images, crisis
    case afterAssault = "after-assault"
    case missing
    case worriedAdult = "worried-adult"
}

public struct Helpline: Hashable, Sendable {
    /// What pages write to name it: `{{route childline}}`.
    public var id: String
    public var name: String
    /// Other names pages use for it ("CEOP" for "CEOP Safety Centre").
    public var aliases: [String] = []
    /// Who it is for, in plain words.
    public var forWhom: String
    public var ages: RouteAges = .any
    public var purposes: Set<RoutePurpose> = []
    /// True only where its source says it answers at any time of day or night.
    public var anyTime = false
    public var phones: [String]
    /// A number to text, and the word to send if it asks for one (Shout: SHOUT to 85258).
    public var sms: String?
    public var smsKeyword: String?
    public var url: String?
    public var email: String?
    public var description: String?
    public var audiences: Set<Audience>
    /// When someone last checked these details against the service's own source.
    public var verified: Day
    public var verifiedLocation: SourceLocation?
    /// Whom else it serves, beyond age (StopNCII: images taken at 18 or over); a sentence naming
    /// it must say so where a reader may not meet it.
    public var condition: RouteCondition?
    /// How soon it must be used to work (emergency contraception: within 3 to 5 days).
    public var window: RouteWindow?

    public init(id: String? = nil, name: String, forWhom: String, phones: [String] = [], url: String? = nil, email: String? = nil,
                description: String? = nil, audiences: Set<Audience>, verified: Day, verifiedLocation: SourceLocation? = nil) {
        self.id = id ?? Helpline.defaultID(name)
        self.name = name
        self.forWhom = forWhom
        self.phones = phones
        self.url = url
        self.email = email
        self.description = description
        self.audiences = audiences
        self.verified = verified
        self.verifiedLocation = verifiedLocation
    }

    /// Every name a page may use for it: its name and its aliases.
    public var names: [String] { [name] + aliases }

    /// "Stop It Now" becomes `stop-it-now`, for routes written without an `id`.
    public static func defaultID(_ name: String) -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { id.unicodeScalars.append(scalar) }
            else if !id.isEmpty, !id.hasSuffix("-") { id += "-" }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id
    }
}

/// A limit on whom a route can help, beyond the reader's age, and the words that state it.
public struct RouteCondition: Hashable, Sendable {
    /// The limit in plain words, for messages ("images taken when the person was 18 or over").
    public var says: String
    /// Phrases (lowercase) any of which, in the sentence that names the route, state it.
    public var words: [String]
    /// Every reader younger than this meets the limit (images taken under 18, read by under-18s).
    public var metByReadersUnder: Int?

    public init(says: String, words: [String], metByReadersUnder: Int? = nil) {
        self.says = says
        self.words = words
        self.metByReadersUnder = metByReadersUnder
    }
}

/// How soon a time-critical route must be used, and the words that state it.
public struct RouteWindow: Hashable, Sendable {
    public var says: String
    /// Phrases (lowercase) any of which state the window ("72 hours", "5 days").
    public var words: [String]

    public init(says: String, words: [String]) {
        self.says = says
        self.words = words
    }
}

/// This service's own front door: how a young person, a parent or carer, or a professional gets in
/// touch or is referred. Every help box links to its page.
public struct ServiceContact: Hashable, Sendable {
    public var name: String
    /// The page in pages/ that says it in plain words.
    public var page: String
    public var phone: String?
    public var email: String?
    public var url: String?
    public var youngPeople: String
    public var parents: String
    public var professionals: String
    /// The shipped example's details: shown labelled as an example, never built for a real address.
    public var isExample: Bool
    public var location: SourceLocation

    public init(name: String, page: String, phone: String? = nil, email: String? = nil, url: String? = nil,
                youngPeople: String, parents: String, professionals: String, isExample: Bool = false,
                location: SourceLocation = SourceLocation(file: "site.yml")) {
        self.name = name
        self.page = page
        self.phone = phone
        self.email = email
        self.url = url
        self.youngPeople = youngPeople
        self.parents = parents
        self.professionals = professionals
        self.isExample = isExample
        self.location = location
    }
}

extension ServiceContact {
    /// Addresses reserved for examples (RFC 2606) and this machine: safe to build an example for.
    public static func isExampleAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        let host: Substring
        if let at = lower.lastIndex(of: "@") {
            host = lower[lower.index(after: at)...]
        } else {
            let afterScheme = lower.range(of: "://").map { lower[$0.upperBound...] } ?? lower[...]
            host = afterScheme.prefix { $0 != "/" && $0 != ":" }
        }
        if host == "localhost" || host.hasPrefix("127.") { return true }
        return ["example.org", "example.com", "example.net"].contains { host == $0 || host.hasSuffix("." + $0) }
    }

    /// Ofcom keeps these ranges for drama and examples, so they ring nobody. The shipped example
    /// uses one; a real service's number is never in them.
    static let examplePhonePrefixes = ["01632960", "02079460", "01134960", "01144960", "01154960", "01164960", "01174960",
                                       "01184960", "01214960", "01314960", "01414960", "01514960", "01614960", "02920180",
                                       "03069990", "07700900", "08081570", "09098790"]

    public static func isExamplePhone(_ phone: String) -> Bool {
        let digits = String(phone.filter(\.isNumber))
        return examplePhonePrefixes.contains { digits.hasPrefix($0) }
    }
}
