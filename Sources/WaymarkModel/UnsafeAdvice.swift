// Advice that can hurt the reader who acts on it unless it carries its caveat (Content/safety.yml):
// a phone step a watching abuser may notice, "we will tell you first", showing an image to anyone.
// An editor changes the words; the check (`safety.<id>`) reads them from here.

/// One kind of unsafe advice: what triggers it, and the words that make it safe to act on.
public struct UnsafeAdvice: Hashable, Sendable {
    /// How far from the trigger the caveat may stand.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        /// In the same sentence.
        case sentence
        /// In the same paragraph, list item or table cell, the sentence that leads into its list,
        /// or the heading above it.
        case paragraph
        /// Anywhere under the same heading: for words ("however long ago") that make the
        /// time-critical routes of site.yml (`window:`) unsafe unless each states its window.
        case section
    }

    /// Short id; the rule that fires is `safety.<id>`.
    public var id: String
    public var scope: Scope
    /// Phrases that trigger it. `*` stands for up to three words ("change * password").
    public var says: [String]
    /// Phrases any of which, in scope, make it safe (for `section`: the route's window does that).
    public var unless: [String]
    /// Words that, in the three words before a trigger, show it is not advice to the reader but
    /// what someone else does or threatens ("he will show", "they delete"), or advice against it
    /// ("do not delete").
    public var notAfter: [String] = []
    public var because: String
    public var instead: String
    public var location: SourceLocation

    public init(id: String, scope: Scope, says: [String], unless: [String], because: String, instead: String,
                location: SourceLocation) {
        self.id = id
        self.scope = scope
        self.says = says
        self.unless = unless
        self.because = because
        self.instead = instead
        self.location = location
    }
}
