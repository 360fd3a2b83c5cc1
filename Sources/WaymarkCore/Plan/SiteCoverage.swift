// What the site covers, worked out once per build after the plan: the module x level x tier
// matrix and where each topic of topics.yml reaches each reader. The editors' coverage page
// shows it and the checks report its gaps, from the same values.

import WaymarkModel

public struct SiteCoverage: Sendable {
    public var cells: [CoverageCell]
    public var topics: [TopicCell]

    public init(cells: [CoverageCell], topics: [TopicCell]) {
        self.cells = cells
        self.topics = topics
    }

    public static func of(_ content: Content, memo: (any Memo)? = nil) -> SiteCoverage {
        SiteCoverage(cells: Coverage.matrix(content, memo: memo), topics: TopicCoverage.cells(content))
    }
}
