// The content model: what the Load stage makes of each Markdown file. Plain values, no file access.

import Foundation
import WaymarkMarkdown

/// An id written in content (a tier, a level, a module), with where it was written.
public struct IDReference: Hashable, Sendable {
    public var id: String
    public var location: SourceLocation

    public init(_ id: String, at location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// Who reviewed a page's content, when, and when it must be looked at again.
public struct Review: Hashable, Sendable {
    public var by: String?
    public var date: Day?
    public var next: Day?
    /// Where `next:` is written, for the review-date warning.
    public var nextLocation: SourceLocation?

    public init(by: String? = nil, date: Day? = nil, next: Day? = nil, nextLocation: SourceLocation? = nil) {
        self.by = by
        self.date = date
        self.next = next
        self.nextLocation = nextLocation
    }
}

/// `<!-- allow language.in-return-for: quoting what an abuser says -->`: the author has looked at
/// a flagged phrase and keeps it on purpose. It covers its own line and the line after it.
public struct Exemption: Hashable, Sendable {
    /// Rule ids, such as `language.in-return-for`, or `language` for every language rule.
    public var rules: [String]
    public var reason: String
    public var location: SourceLocation

    public func covers(rule: String, line: Int) -> Bool {
        (line == location.line || line == location.line + 1)
            && rules.contains { rule == $0 || rule.hasPrefix($0 + ".") }
    }

    public init(rules: [String], reason: String, location: SourceLocation) {
        self.rules = rules
        self.reason = reason
        self.location = location
    }
}

/// One line of a Markdown body, with its line number in the file (front matter counted).
public struct SourceLine: Hashable, Sendable {
    public var text: String
    public var number: Int

    public init(text: String, number: Int) {
        self.text = text
        self.number = number
    }
}

/// What a `:::` block says about the text inside it.
public enum BlockKind: Hashable, Sendable {
    /// `::: tier 11-13, 14-16`: only readers in these age tiers.
    case tiers([String])
    /// `::: level recovery`: only readers at these service levels.
    case levels([String])
    /// `::: break`, `::: now`, `::: more`: a panel, shown to everyone who sees the text around it.
    case panel(Panel)
    /// A worksheet element such as `::: lines 5`. A list element (`::: cards`, `::: ticklist`)
    /// keeps its item lines as children, for the checks; one-line elements have none.
    case element(PrintElement)
    /// `::: simpler` (only in a worksheet's simpler version) or `::: standard` (only in the usual one).
    case version(simpler: Bool)
}

/// A part of a body that a template dresses as one piece.
public enum Panel: Hashable, Sendable {
    /// `::: break`: a take-a-break prompt with a simple grounding idea.
    case takeABreak
    /// `::: now`: what to do now, 3 to 5 steps with the routes that serve the reader. A young
    /// person's page shows it first, after its content note, wherever it is written.
    case now
    /// `::: more`: a part folded under its first heading until the reader opens it, so that a
    /// long page stays short on a phone.
    case more
}

public struct Block: Hashable, Sendable {
    public var kind: BlockKind
    /// The line of the opening `:::`.
    public var opening: SourceLocation
    public var children: [BodyNode]

    public init(kind: BlockKind, opening: SourceLocation, children: [BodyNode]) {
        self.kind = kind
        self.opening = opening
        self.children = children
    }
}

public indirect enum BodyNode: Hashable, Sendable {
    case line(SourceLine)
    case block(Block)
}

/// Front matter shared by every kind of page.
public struct PageMeta: Hashable, Sendable {
    public var title: String
    public var summary: String?
    public var order: Int?
    public var contentNote: String?
    public var review: Review?
    /// A translation's status (draft or reviewed); nil on pages in the site's own language.
    public var translation: TranslationStatus? = nil
    /// A fingerprint of the text a translation has to follow (title, summary, content note and
    /// body): when it changes, translations made from the earlier text are out of date.
    public var fingerprint: String = ""

    public init(title: String, summary: String? = nil, order: Int? = nil, contentNote: String? = nil, review: Review? = nil, translation: TranslationStatus? = nil, fingerprint: String = "") {
        self.title = title
        self.summary = summary
        self.order = order
        self.contentNote = contentNote
        self.review = review
        self.translation = translation
        self.fingerprint = fingerprint
    }
}

/// Where a single-audience page lives, which decides its URL and its help box.
public enum PageSection: String, Hashable, Sendable {
    /// `Content/pages/`: help, cover your tracks, about, privacy, accessibility, ...
    case pages
    /// `Content/parents/`: guidance for parents and carers.
    case parents
}

/// A Markdown file that pages are made from: where it is, and its body.
public protocol SourceDocument: Sendable {
    /// Inside the content folder, e.g. `modules/staying-safe.md`.
    var path: String { get }
    /// As shown in diagnostics.
    var file: String { get }
    var body: [BodyNode] { get }
}

/// A document written once for several levels and tiers, with `::: level` and `::: tier` blocks:
/// modules, worksheets and session plans.
public protocol Tiered: SourceDocument {
    var id: String { get }
    var path: String { get }
    var file: String { get }
    var meta: PageMeta { get }
    var levels: [IDReference] { get }
    var tiers: [IDReference] { get }
    var body: [BodyNode] { get }
    var exemptions: [Exemption] { get }
}

/// A module: one source file that becomes a page for every level and tier it covers.
public struct Module: Tiered, Hashable {
    /// From the file name: `staying-safe.md` is `staying-safe`. Also the last part of its URLs.
    public var id: String
    /// Path inside the content folder, e.g. `modules/staying-safe.md`.
    public var path: String
    public var file: String
    public var meta: PageMeta
    public var theme: String?
    /// The levels and tiers the module covers, as written; every one in site.yml when the front
    /// matter says nothing. Validate checks them against site.yml.
    public var levels: [IDReference]
    public var tiers: [IDReference]
    public var body: [BodyNode]
    public var exemptions: [Exemption] = []

    public init(id: String, path: String, file: String, meta: PageMeta, theme: String? = nil, levels: [IDReference], tiers: [IDReference], body: [BodyNode], exemptions: [Exemption] = []) {
        self.id = id
        self.path = path
        self.file = file
        self.meta = meta
        self.theme = theme
        self.levels = levels
        self.tiers = tiers
        self.body = body
        self.exemptions = exemptions
    }
}

/// A worksheet: printed and filled in by hand in a group session.
public struct Worksheet: Tiered, Hashable {
    public var id: String
    public var path: String
    public var file: String
    public var meta: PageMeta
    public var themes: [String]
    public var levels: [IDReference]
    public var tiers: [IDReference]
    /// How long it takes, in the author's words ("15 minutes").
    public var time: String?
    /// How to run it: shown to facilitators, never printed on the young person's sheet.
    public var facilitatorNotes: String?
    public var body: [BodyNode]
    public var exemptions: [Exemption] = []
    /// `kit: true`: printed once for a whole programme (register, record, cards, evaluation),
    /// listed in the programme's kit rather than under a session.
    public var isKit = false
    /// Who fills it in (`for:`): young people (the default), or facilitators (a register, a
    /// record): then it is read at the facilitators' reading age and has no simpler version.
    public var filledInBy: Audience = .youngPeople

    public init(id: String, path: String, file: String, meta: PageMeta, themes: [String], levels: [IDReference], tiers: [IDReference], time: String? = nil, facilitatorNotes: String? = nil, body: [BodyNode], exemptions: [Exemption] = []) {
        self.id = id
        self.path = path
        self.file = file
        self.meta = meta
        self.themes = themes
        self.levels = levels
        self.tiers = tiers
        self.time = time
        self.facilitatorNotes = facilitatorNotes
        self.body = body
        self.exemptions = exemptions
    }
}

/// A group session plan for facilitators, with the worksheets it uses, in order.
public struct SessionPlan: Tiered, Hashable {
    public var id: String
    public var path: String
    public var file: String
    public var meta: PageMeta
    public var levels: [IDReference]
    public var tiers: [IDReference]
    public var length: String?
    public var groupSize: String?
    public var worksheets: [IDReference]
    /// The whole file's body, handout included: what the checks read.
    public var body: [BodyNode]
    public var exemptions: [Exemption] = []
    /// The `## Handout for parents and carers` section: printed apart, never in the young
    /// person's pack, and given only with their agreement to a carer checked to be safe.
    public var handout: [BodyNode] = []
    /// The plan without its handout: what the facilitator reads and what goes in the pack.
    public var planBody: [BodyNode] = []
    /// Where it comes in its level's programme: the opening session, a themed one, or the closing one.
    public var part: Part = .themed

    public enum Part: String, Hashable, Sendable, CaseIterable, Comparable {
        case opening, themed, closing
        public static func < (a: Part, b: Part) -> Bool { Part.allCases.firstIndex(of: a)! < Part.allCases.firstIndex(of: b)! }
    }

    /// The heading that starts the handout, as authors write it.
    public static let handoutHeading = "Handout for parents and carers"

    /// Splits a plan's body at its top-level handout heading (dropped: the handout page has its own title).
    public static func splitHandout(_ body: [BodyNode]) -> (plan: [BodyNode], handout: [BodyNode]) {
        let heading = "## " + handoutHeading.lowercased()
        guard let index = body.firstIndex(where: { node in
            if case .line(let line) = node { return line.text.trimmingCharacters(in: .whitespaces).lowercased() == heading }
            return false
        }) else { return (body, []) }
        return (Array(body[..<index]), Array(body[(index + 1)...]))
    }

    public init(id: String, path: String, file: String, meta: PageMeta, levels: [IDReference], tiers: [IDReference], length: String? = nil, groupSize: String? = nil, worksheets: [IDReference], body: [BodyNode], exemptions: [Exemption] = [], handout: [BodyNode] = [], planBody: [BodyNode] = [], part: Part = .themed) {
        self.id = id
        self.path = path
        self.file = file
        self.meta = meta
        self.levels = levels
        self.tiers = tiers
        self.length = length
        self.groupSize = groupSize
        self.worksheets = worksheets
        self.body = body
        self.exemptions = exemptions
        self.handout = handout
        self.planBody = planBody
        self.part = part
    }
}

/// A page written for one audience: it has no tier or level variants.
public struct Page: SourceDocument, Hashable {
    public var id: String
    public var path: String
    public var file: String
    public var section: PageSection
    public var meta: PageMeta
    /// Parents' pages: the module a child reads on the same subject.
    public var childReads: IDReference?
    /// `calm: 11-13`: this page is that tier's calm page (breathing, grounding, what to do if
    /// still unsafe), linked from every take-a-break box and help box of the tier's pages.
    public var calmTier: IDReference?
    public var body: [BodyNode]
    public var exemptions: [Exemption] = []

    /// `index.md` in a section introduces the section's index page.
    public var isSectionIntro: Bool { id == "index" }

    public init(id: String, path: String, file: String, section: PageSection, meta: PageMeta, childReads: IDReference? = nil, body: [BodyNode], exemptions: [Exemption] = []) {
        self.id = id
        self.path = path
        self.file = file
        self.section = section
        self.meta = meta
        self.childReads = childReads
        self.body = body
        self.exemptions = exemptions
    }
}
