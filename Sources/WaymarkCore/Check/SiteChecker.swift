// The Check stage: the content quality gate. It reads what the earlier stages made (content,
// plan, and the facts of each rendered page) and reports reading age, blaming language, links,
// headings, coverage and review dates. `waymark check` prints it; `waymark build` stops on errors.

import WaymarkModel

public struct VariantFigures: Hashable, Sendable, Codable {
    public var file: String
    public var audience: String
    public var level: String?
    public var tier: String?
    public var words: Int
    public var sentences: Int
    public var fleschKincaidGrade: Double
    public var smog: Double
    /// The reading target it is held to (Flesch-Kincaid grade, at most).
    public var target: Double
}

public struct CheckResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var figures: [VariantFigures]
    public var coverage: [CoverageCell]
    /// Every translated file: its status and whether it follows the current source.
    public var translations: [TranslatedFile] = []
    /// Where each topic of topics.yml is covered, for each reader.
    public var topics: [TopicCell] = []
}

public enum SiteChecker {
    /// - Parameter memo: work kept from an earlier run (the preview's).
    public static func check(content: Content, plan: SitePlan, facts: [PageFacts], coverage: SiteCoverage, today: Day,
                             memo: (any Memo)? = nil) -> CheckResult {
        var diagnostics: [Diagnostic] = []
        let (figures, readability) = ReadabilityRule.check(content: content, facts: facts, memo: memo)
        diagnostics += readability
        diagnostics += PhrasesToAvoidRule.check(content: content, memo: memo)
        diagnostics += LinkRules.check(facts: facts, memo: memo)
        diagnostics += SignpostRule.ageProblems(content: content, facts: facts, memo: memo)
        diagnostics += SignpostRule.numberProblems(content: content, memo: memo)
        diagnostics += SignpostRule.boxProblems(content: content)
        diagnostics += UnsafeAdviceRule.check(content: content, facts: facts, memo: memo)
        diagnostics += PanelRule.check(facts: facts, memo: memo)
        diagnostics += WorksheetRule.check(content: content)
        diagnostics += ActivityRule.check(content: content, memo: memo)
        diagnostics += SearchWordsRule.check(content: content)
        diagnostics += TopicRule.check(content: content, cells: coverage.topics)
        diagnostics += CoverageRule.check(cells: coverage.cells)
        diagnostics += SharedTextRule.check(content: content, memo: memo)
        diagnostics += ReviewRule.check(content: content, today: today)
        diagnostics += SessionRule.check(content: content, facts: facts)
        diagnostics += TranslationRule.check(content: content)
        let unique = diagnostics.withoutRepeats()
        var result = CheckResult(diagnostics: unique, figures: figures, coverage: coverage.cells,
                                 translations: TranslationRule.states(content: content))
        result.topics = coverage.topics
        return result
    }
}
