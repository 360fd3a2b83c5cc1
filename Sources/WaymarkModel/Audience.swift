// Audience: who a page is written for. It decides the help box, the reading target and the section.


public enum Audience: String, Hashable, Sendable, CaseIterable {
    case youngPeople = "young-people"
    case parents = "parents"
    /// The practitioners who run group sessions: plans, packs and worksheets.
    case facilitators = "facilitators"
    /// Practitioners, teachers, police, nurses, youth workers, and the service's own editors.
    case professionals = "professionals"
    /// Pages every reader may need (help, privacy, ...): written for young people, read by all.
    case everyone = "everyone"
}
