// ServiceLevel: how the service works with a young person (Protection, Risk reduction, Recovery).
// Young people see the friendly name; professionals see the service's own name.


public struct ServiceLevel: Hashable, Sendable {
    public var id: String
    /// The professional name, e.g. "Risk reduction".
    public var name: String
    /// The name young people see, e.g. "Staying safe now".
    public var youngName: String
    public var summary: String
    /// How a young person would say they need this level ("Something is happening now"): the
    /// choice on the young people's page, so nobody needs a worker to find their part.
    public var choose: String?

    public init(id: String, name: String, youngName: String, summary: String) {
        self.id = id
        self.name = name
        self.youngName = youngName
        self.summary = summary
    }
}
