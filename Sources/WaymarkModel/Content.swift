// Everything loaded from the content folder, and the site-wide lists beside the pages: words to
// avoid, topics no reader may miss, young people's search words, the glossary, translations.

import Foundation
import WaymarkMarkdown

/// One entry of the words-to-avoid list (Content/language.yml).
public struct PhraseToAvoid: Hashable, Sendable {
    /// What is wrong with the words: they blame a child, or they promise what nobody can keep.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case blame, promise
    }

    /// Short id; the rule that fires is `language.<id>`.
    public var id: String
    public var kind: Kind = .blame
    /// The phrases to flag, as written in the list.
    public var phrases: [String]
    public var because: String
    public var instead: String
    public var location: SourceLocation

    public init(id: String, kind: Kind = .blame, phrases: [String], because: String, instead: String, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.phrases = phrases
        self.because = because
        self.instead = instead
        self.location = location
    }
}

/// A topic no reader may miss (Content/topics.yml): the words that show a page covers it, and
/// whose pages must (the tiers of young people, and parents).
public struct Topic: Hashable, Sendable {
    public var id: String
    public var name: String
    public var tiers: [String]
    public var parents: Bool
    /// Lowercased words or phrases; a page covers the topic when it uses one of them.
    public var words: [String]
    public var location: SourceLocation

    public init(id: String, name: String, tiers: [String], parents: Bool, words: [String], location: SourceLocation) {
        self.id = id
        self.name = name
        self.tiers = tiers
        self.parents = parents
        self.words = words
        self.location = location
    }
}

/// Young people's words for the site's words (Content/search-words.yml): a search for one of
/// `theirs` finds pages that use one of `ours`.
public struct SearchWords: Hashable, Sendable {
    /// Lowercased; may be phrases ("sending pics", "my fault").
    public var theirs: [String]
    public var ours: [String]
    /// The tiers it is for; empty for every reader.
    public var tiers: [String]
    /// Whose words these are, when they say who is asking (`who: parents` for "my son"): the
    /// site-wide search puts that reader's pages first. Nil: a young person's words.
    public var who: Audience?
    public var location: SourceLocation

    public init(theirs: [String], ours: [String], tiers: [String], who: Audience? = nil, location: SourceLocation) {
        self.theirs = theirs
        self.ours = ours
        self.tiers = tiers
        self.who = who
        self.location = location
    }
}

/// A word the site explains (Content/glossary.yml), with a definition for each age tier and for
/// parents. The first use of the word on a page links to its definition.
public struct GlossaryEntry: Hashable, Sendable {
    public var term: String
    /// Other forms that link to the same entry ("groomed", "groom").
    public var also: [String]
    /// Tier id, or `parents`, to the definition written for those readers.
    public var definitions: [String: String]
    public var location: SourceLocation

    /// The anchor of the entry on a glossary page.
    public var anchor: String { Markdown.slug(term) }

    public init(term: String, also: [String], definitions: [String: String], location: SourceLocation) {
        self.term = term
        self.also = also
        self.definitions = definitions
        self.location = location
    }
}

/// The pages translated into one language (Content/translations/<code>/), mirroring the
/// source tree: `translations/cy/pages/help.md` translates `pages/help.md`. Each document's
/// `path` is the path of the page it translates, so its links resolve as the source's do.
public struct Translation: Sendable {
    public var language: Language
    /// site.yml's words in this language (translations/<code>/site.yml).
    public var words: SiteWords?
    public var modules: [Module] = []
    public var pages: [Page] = []
    public var worksheets: [Worksheet] = []
    public var sessions: [SessionPlan] = []

    public init(language: Language, words: SiteWords? = nil) {
        self.language = language
        self.words = words
    }

    /// Every translated document's front matter, with its file and the source path it mirrors.
    public var documents: [(path: String, file: String, meta: PageMeta)] {
        modules.map { ($0.path, $0.file, $0.meta) } + pages.map { ($0.path, $0.file, $0.meta) }
            + worksheets.map { ($0.path, $0.file, $0.meta) } + sessions.map { ($0.path, $0.file, $0.meta) }
    }
}

/// Everything loaded from the content folder.
public struct Content: Sendable {
    public var config: SiteConfig
    public var modules: [Module]
    public var pages: [Page]
    public var worksheets: [Worksheet] = []
    public var sessions: [SessionPlan] = []
    public var phrasesToAvoid: [PhraseToAvoid] = []
    /// Advice that needs its caveat to be safe to act on (Content/safety.yml).
    public var unsafeAdvice: [UnsafeAdvice] = []
    public var glossary: [GlossaryEntry] = []
    public var topics: [Topic] = []
    public var searchWords: [SearchWords] = []
    /// Pictures in `Content/images/`, by path inside the content folder; copied to the site as they are.
    public var images: [String: [UInt8]] = [:]
    /// Translations, by language code, in site.yml's order of `languages`.
    public var translations: [String: Translation] = [:]

    /// Every document in the site's own language, by its path in the content folder: what a
    /// translation at the same path translates.
    public var sourceDocuments: [String: (file: String, meta: PageMeta)] {
        var result: [String: (file: String, meta: PageMeta)] = [:]
        for module in modules { result[module.path] = (module.file, module.meta) }
        for page in pages { result[page.path] = (page.file, page.meta) }
        for worksheet in worksheets { result[worksheet.path] = (worksheet.file, worksheet.meta) }
        for session in sessions { result[session.path] = (session.file, session.meta) }
        return result
    }

    public init(config: SiteConfig, modules: [Module], pages: [Page], worksheets: [Worksheet] = [], sessions: [SessionPlan] = [], phrasesToAvoid: [PhraseToAvoid] = [], glossary: [GlossaryEntry] = [], topics: [Topic] = [], searchWords: [SearchWords] = [], images: [String: [UInt8]] = [:], translations: [String: Translation] = [:]) {
        self.config = config
        self.modules = modules
        self.pages = pages
        self.worksheets = worksheets
        self.sessions = sessions
        self.phrasesToAvoid = phrasesToAvoid
        self.glossary = glossary
        self.topics = topics
        self.searchWords = searchWords
        self.images = images
        self.translations = translations
    }
}

extension Content {
    /// The same content with every Markdown body left out: what the later stages need once the
    /// bodies are converted (titles, settings, lists), so that a large site's text is not held
    /// twice while its pages are made.
    public func withoutBodies() -> Content {
        var copy = self
        copy.modules = modules.map { var module = $0; module.body = []; return module }
        copy.pages = pages.map { var page = $0; page.body = []; return page }
        copy.worksheets = worksheets.map { var worksheet = $0; worksheet.body = []; return worksheet }
        copy.sessions = sessions.map { session in
            var session = session
            session.body = []
            session.planBody = []
            session.handout = []
            return session
        }
        copy.translations = translations.mapValues { translation in
            var translation = translation
            translation.modules = translation.modules.map { var module = $0; module.body = []; return module }
            translation.pages = translation.pages.map { var page = $0; page.body = []; return page }
            translation.worksheets = translation.worksheets.map { var worksheet = $0; worksheet.body = []; return worksheet }
            translation.sessions = translation.sessions.map { var session = $0; session.body = []; session.planBody = []; session.handout = []; return session }
            return translation
        }
        return copy
    }
}
