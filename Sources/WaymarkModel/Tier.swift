// Tier: an age band (for example 11-13). Each tier has its own reading-age target.


public struct Tier: Hashable, Sendable {
    public var id: String
    public var label: String
    public var youngestAge: Int
    public var oldestAge: Int
    /// The highest Flesch-Kincaid grade a page for this tier should have.
    public var readingGrade: Double

    public init(id: String, label: String, youngestAge: Int, oldestAge: Int, readingGrade: Double) {
        self.id = id
        self.label = label
        self.youngestAge = youngestAge
        self.oldestAge = oldestAge
        self.readingGrade = readingGrade
    }
}
