// Language: a language the site is published in. The site's own language (site.yml `language`)
// is the source; the others are translations of it, listed in site.yml `languages`.


public struct Language: Hashable, Sendable {
    /// A BCP 47 code: `en-GB`, `cy`, `ur`. Translations' pages are published under `/<code>/`.
    public var code: String
    /// Its name in the language itself ("Cymraeg", "اردو"), as the language switcher shows it.
    public var name: String
    /// Its name in English, for messages and for editors.
    public var englishName: String
    public var direction: TextDirection

    public init(code: String, name: String, englishName: String, direction: TextDirection? = nil) {
        self.code = code
        self.name = name
        self.englishName = englishName
        self.direction = direction ?? TextDirection.usual(for: code)
    }

    /// The part before the first hyphen, lowercased: `en` for `en-GB`.
    public var primaryCode: String {
        String(code.split(separator: "-").first ?? Substring(code)).lowercased()
    }
}

public enum TextDirection: String, Hashable, Sendable {
    case ltr, rtl

    /// Languages written right to left by default (by their primary subtag).
    static let rightToLeft: Set<String> = ["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"]

    public static func usual(for code: String) -> TextDirection {
        let lower = code.lowercased()
        let primary = String(lower.split(separator: "-").first ?? "")
        return rightToLeft.contains(lower) || rightToLeft.contains(primary) ? .rtl : .ltr
    }
}

/// Where a translated page stands: only `reviewed` pages are published, unless the build is
/// asked to include drafts.
public struct TranslationStatus: Hashable, Sendable {
    public enum State: String, Hashable, Sendable { case draft, reviewed }
    public var state: State
    /// Who translated it (a draft) or who checked it (reviewed).
    public var by: String?
    public var date: Day?
    /// The fingerprint of the English text it translates (see `SourceFingerprint`).
    public var source: String?
    public var location: SourceLocation
    public var sourceLocation: SourceLocation?

    public init(state: State, by: String? = nil, date: Day? = nil, source: String? = nil, location: SourceLocation, sourceLocation: SourceLocation? = nil) {
        self.state = state
        self.by = by
        self.date = date
        self.source = source
        self.location = location
        self.sourceLocation = sourceLocation
    }
}

/// The words of site.yml in another language (Content/translations/<code>/site.yml). Anything
/// left out stays in the source language.
public struct SiteWords: Hashable, Sendable {
    public var title: String?
    public var tagline: String?
    public var exitLabel: String?
    public var emergencyLabel: String?
    /// Tier id to label.
    public var tiers: [String: String] = [:]
    /// Level id to its names and summary.
    public var levels: [String: LevelWords] = [:]
    /// Helpline name (as in site.yml) to its words.
    public var helplines: [String: HelplineWords] = [:]

    public struct LevelWords: Hashable, Sendable {
        public var name: String?
        public var youngName: String?
        public var summary: String?

        public init(name: String? = nil, youngName: String? = nil, summary: String? = nil) {
            self.name = name
            self.youngName = youngName
            self.summary = summary
        }
    }

    public struct HelplineWords: Hashable, Sendable {
        public var forWhom: String?
        public var description: String?

        public init(forWhom: String? = nil, description: String? = nil) {
            self.forWhom = forWhom
            self.description = description
        }
    }

    public init() {}
}

extension SiteConfig {
    /// The settings with their words in another language; every fact (numbers, addresses, dates)
    /// stays as site.yml gives it.
    public func translated(_ words: SiteWords?) -> SiteConfig {
        guard let words else { return self }
        var copy = self
        copy.title = words.title ?? title
        copy.tagline = words.tagline ?? tagline
        copy.exit.label = words.exitLabel ?? exit.label
        if let label = words.emergencyLabel { copy.emergency?.label = label }
        copy.tiers = tiers.map { tier in
            var tier = tier
            tier.label = words.tiers[tier.id] ?? tier.label
            return tier
        }
        copy.levels = levels.map { level in
            var level = level
            let mine = words.levels[level.id]
            level.name = mine?.name ?? level.name
            level.youngName = mine?.youngName ?? level.youngName
            level.summary = mine?.summary ?? level.summary
            return level
        }
        copy.helplines = helplines.map { helpline in
            var helpline = helpline
            let mine = words.helplines[helpline.name]
            helpline.forWhom = mine?.forWhom ?? helpline.forWhom
            helpline.description = mine?.description ?? helpline.description
            return helpline
        }
        return copy
    }
}
