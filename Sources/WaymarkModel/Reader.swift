// Who a page is for, in the service's own words: a variant (a service level and an age tier, the
// unit every module is written in), a reader (a tier's young people, parents and carers,
// facilitators, professionals), and what a search page searches.

/// One version of a tiered document: a service level and an age tier (`recovery/14-16`).
public struct Variant: Hashable, Sendable, CustomStringConvertible {
    public var level: String
    public var tier: String

    public init(level: String, tier: String) {
        self.level = level
        self.tier = tier
    }

    /// `level/tier`, as in addresses and in the coverage's reader names.
    public var description: String { "\(level)/\(tier)" }
}

/// Who reads a page.
public enum Reader: Hashable, Sendable {
    /// The young people of one age tier.
    case youngPeople(tier: String)
    case parents
    case facilitators
    case professionals

    /// The id in addresses and in Content/glossary.yml's definitions: the tier's id, or `parents`.
    public var id: String {
        switch self {
        case .youngPeople(let tier): return tier
        case .parents: return "parents"
        case .facilitators: return "facilitators"
        case .professionals: return "professionals"
        }
    }
}

/// What a search page searches: the whole site, the parents' pages, or one young reader's
/// level and tier (their own level first, then the others of their tier).
public enum SearchScope: Hashable, Sendable {
    case site
    case parents
    case variant(Variant)
}
