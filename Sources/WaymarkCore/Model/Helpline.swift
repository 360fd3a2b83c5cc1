// Helpline: one route to help, written once in site.yml and shown in every help box.

public struct Helpline: Hashable, Sendable {
    public var name: String
    /// Who it is for, in plain words.
    public var forWhom: String
    public var phones: [String]
    public var url: String?
    public var email: String?
    public var description: String?
    public var audiences: Set<Audience>
    /// When someone last checked these details against the service's own source.
    public var verified: Day
    public var verifiedLocation: SourceLocation?

    public init(name: String, forWhom: String, phones: [String] = [], url: String? = nil, email: String? = nil,
                description: String? = nil, audiences: Set<Audience>, verified: Day, verifiedLocation: SourceLocation? = nil) {
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
}
