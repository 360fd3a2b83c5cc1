// Reading age of every young people's variant and every page, against its target in site.yml,
// over the page's prose only (not headings, code or the help box).

import Foundation
import WaymarkMarkdown

enum ReadabilityRule {
    static func check(content: Content, facts: [PageFacts], memo: (any Memo)? = nil) -> ([VariantFigures], [Diagnostic]) {
        let config = content.config
        var figures: [VariantFigures] = []
        var diagnostics: [Diagnostic] = []
        // The formulas and the syllable dictionary are for English: translations are read by
        // their reviewer instead. Pages are measured on every core first.
        let measuredPages = Parallel.map(facts) { page -> ReadabilityFigures? in
            guard page.language == nil, !page.prose.isEmpty else { return nil }
            func measure() -> ReadabilityFigures {
                Readability.measure(page.prose.map(\.text).map(terminated).joined(separator: "\n"))
            }
            return remembered(memo, .readability, page.page.outputPath, madeFrom: page.prose, measure)
        }
        for (page, measured) in zip(facts, measuredPages) {
            guard let measured else { continue }
            let target: Double
            let audience: String
            let readerName: String
            if page.page.kind.audience == .facilitators {
                target = config.facilitatorsReadingGrade
                audience = Audience.facilitators.rawValue
                readerName = "facilitators"
            } else if page.page.kind.audience == .parents {
                // Parents' pages, and the handouts of sessions (which have a tier, for their young people).
                target = config.parentsReadingGrade
                audience = Audience.parents.rawValue
                readerName = "parents and carers"
            } else if let tierID = page.tier, let levelID = page.level, let tier = config.tier(tierID), let level = config.level(levelID) {
                target = tier.readingGrade
                audience = Audience.youngPeople.rawValue
                readerName = "\(level.youngName) (\(level.name)), \(tier.label.lowercased())"
            } else {
                target = config.pagesReadingGrade
                audience = Audience.everyone.rawValue
                readerName = "a page every young person may read"
            }
            figures.append(VariantFigures(file: page.file, audience: audience, level: page.level, tier: page.tier,
                                          words: measured.words, sentences: measured.sentences,
                                          fleschKincaidGrade: rounded(measured.fleschKincaidGrade), smog: rounded(measured.smog),
                                          target: target))
            // Under about thirty words the formulas measure noise, not reading age.
            guard measured.fleschKincaidGrade > target, measured.words >= minimumWords else { continue }
            let hardest = hardestSentences(page.prose)
            let hints = hardest.map { "line \($0.line): “\(clip($0.text))”" }.joined(separator: "; ")
            diagnostics.append(.warning(
                "reading grade \(format(measured.fleschKincaidGrade)) (Flesch-Kincaid; SMOG \(format(measured.smog))) is over the target of \(format(target)) for \(readerName)" + (hints.isEmpty ? "" : "; hardest sentences: \(hints)"),
                // At the hardest sentence, where an editor's jump from the message is most use.
                at: SourceLocation(file: page.file, line: hardest.first?.line ?? 0), rule: "readability.grade"))
        }
        return (figures, diagnostics)
    }

    static let minimumWords = 30

    /// A paragraph, list item or table cell ends a sentence even without a full stop.
    static func terminated(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?".contains(last) ? text : text + "."
    }

    /// The three sentences that weigh most on the grade: long, and full of long words.
    static func hardestSentences(_ prose: [ProseBlock]) -> [(line: Int, text: String)] {
        var scored: [(score: Double, line: Int, text: String)] = []
        for block in prose {
            for sentence in Readability.sentences(in: terminated(block.text)) {
                let words = Readability.words(in: sentence)
                guard words.count > 2 else { continue }
                let syllables = words.reduce(0) { $0 + SyllableDictionary.shared.syllables($1.lowercased()) }
                let score = 0.39 * Double(words.count) + 11.8 * Double(syllables) / Double(words.count)
                scored.append((score, block.line, sentence.trimmingCharacters(in: .whitespaces)))
            }
        }
        return scored.sorted { ($0.score, -$0.line) > ($1.score, -$1.line) }.prefix(3).map { ($0.line, $0.text) }
    }

    static func clip(_ text: String) -> String {
        text.count <= 90 ? text : String(text.prefix(87)) + "..."
    }

    static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    static func format(_ value: Double) -> String {
        let r = (value * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
