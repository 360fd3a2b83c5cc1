// Reading age of every young people's variant and every page, against its target in site.yml,
// over the page's prose only (not headings, code or the help box).

import Foundation
import WaymarkMarkdown
import WaymarkModel

enum ReadabilityRule {
    /// A page's reading figures, and its hardest sentences when there are enough words for them
    /// to matter (worked out on the same core, as a site in draft may have thousands).
    struct Reading: Sendable {
        var figures: ReadabilityFigures
        var hardest: [(line: Int, text: String)]
    }

    static func check(content: Content, facts: [PageFacts], memo: (any Memo)? = nil) -> ([VariantFigures], [Diagnostic]) {
        let config = content.config
        var figures: [VariantFigures] = []
        var diagnostics: [Diagnostic] = []
        // Sources written for readers other than their page kind's: a facilitators' form among
        // the worksheets, a calm page written for one tier among the pages for everyone.
        var special: [String: Target] = [:]
        for worksheet in content.worksheets where worksheet.filledInBy == .facilitators {
            special[worksheet.file] = (config.facilitatorsReadingGrade, Audience.facilitators.rawValue, "facilitators")
        }
        for page in content.pages {
            if let id = page.calmTier?.id, let tier = config.tier(id) {
                special[page.file] = (tier.readingGrade, Audience.youngPeople.rawValue, "young people \(tier.label.lowercased()) (a calm page)")
            }
        }
        let targets = special
        @Sendable func target(of page: PageFacts) -> Target { targets[page.file] ?? ReadabilityRule.target(of: page, config) }
        // The formulas and the syllable dictionary are for English: translations are read by
        // their reviewer instead. Pages are measured on every core first.
        let readings = Parallel.map(facts) { page -> Reading? in
            guard page.language == nil, !page.prose.isEmpty else { return nil }
            return remembered(memo, .readability, page.page.outputPath, madeFrom: page.prose) {
                let (measured, scan) = Readability.scan(page.prose.map(\.text).map(terminated).joined(separator: "\n"))
                let over = measured.words >= minimumWords && measured.fleschKincaidGrade > target(of: page).grade
                return Reading(figures: measured, hardest: over ? hardestSentences(page.prose, scan: scan) : [])
            }
        }
        // A page's reader and their name in a message are worked out once for each kind of
        // reader, not once a page: thousands of pages share a handful.
        struct Reader: Hashable {
            var audience: Audience
            var variant: Variant?
        }
        var readers: [Reader: Target] = [:]
        for (page, reading) in zip(facts, readings) {
            guard let measured = reading?.figures else { continue }
            let reader = Reader(audience: page.page.kind.audience, variant: page.variant)
            let known = targets[page.file] ?? readers[reader]
            let (target, audience, readerName) = known ?? ReadabilityRule.target(of: page, config)
            if known == nil { readers[reader] = (target, audience, readerName) }
            figures.append(VariantFigures(file: page.file, audience: audience, level: page.variant?.level, tier: page.variant?.tier,
                                          words: measured.words, sentences: measured.sentences,
                                          fleschKincaidGrade: rounded(measured.fleschKincaidGrade), smog: rounded(measured.smog),
                                          target: target))
            // Under about thirty words the formulas measure noise, not reading age.
            guard measured.fleschKincaidGrade > target, measured.words >= minimumWords else { continue }
            // Kept with figures measured against another target (site.yml changed): found now.
            let hardest = reading?.hardest.isEmpty == false ? reading!.hardest : hardestSentences(page.prose)
            let hints = hardest.map { "line \($0.line): “\(clip($0.text))”" }.joined(separator: "; ")
            diagnostics.append(.warning(
                "reading grade \(format(measured.fleschKincaidGrade)) (Flesch-Kincaid; SMOG \(format(measured.smog))) is over the target of \(format(target)) for \(readerName)" + (hints.isEmpty ? "" : "; hardest sentences: \(hints)"),
                // At the hardest sentence, where an editor's jump from the message is most use.
                at: SourceLocation(file: page.file, line: hardest.first?.line ?? 0), rule: "readability.grade"))
        }
        return (figures, diagnostics)
    }

    /// The reading target of a page, who it is for, and their name in a message.
    typealias Target = (grade: Double, audience: String, readerName: String)

    static func target(of page: PageFacts, _ config: SiteConfig) -> Target {
        if page.page.kind.audience == .facilitators {
            return (config.facilitatorsReadingGrade, Audience.facilitators.rawValue, "facilitators")
        }
        if page.page.kind.audience == .parents {
            // Parents' pages, and the handouts of sessions (which have a tier, for their young people).
            return (config.parentsReadingGrade, Audience.parents.rawValue, "parents and carers")
        }
        if let variant = page.variant, let tier = config.tier(variant.tier), let level = config.level(variant.level) {
            return (tier.readingGrade, Audience.youngPeople.rawValue, "\(level.youngName) (\(level.name)), \(tier.label.lowercased())")
        }
        return (config.pagesReadingGrade, Audience.everyone.rawValue, "a page every young person may read")
    }

    static let minimumWords = 30

    /// A paragraph, list item or table cell ends a sentence even without a full stop.
    static func terminated(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?".contains(last) ? text : text + "."
    }

    /// The three sentences that weigh most on the grade: long, and full of long words.
    /// The same, from the page's measuring pass: its blocks, terminated and joined by line
    /// breaks, are read in place, and each word keeps the syllables that pass counted.
    static func hardestSentences(_ prose: [ProseBlock], scan: Readability.Scan) -> [(line: Int, text: String)] {
        var scored: [(score: Double, line: Int, range: Range<Int>)] = []
        var start = 0
        for block in prose {
            let end = start + terminated(block.text).unicodeScalars.count
            for sentence in Readability.countedSentences(in: scan.scalars, wordCharacter: scan.wordCharacter, part: start..<end, known: scan)
            where sentence.words > 2 {
                let score = 0.39 * Double(sentence.words) + 11.8 * Double(sentence.syllables) / Double(sentence.words)
                scored.append((score, block.line, sentence.range))
            }
            start = end + 1
        }
        return scored.sorted { ($0.score, -$0.line) > ($1.score, -$1.line) }.prefix(3).map { best in
            var text = ""
            text.unicodeScalars.append(contentsOf: scan.scalars[best.range])
            return (best.line, text.trimmingSpaces)
        }
    }

    static func hardestSentences(_ prose: [ProseBlock]) -> [(line: Int, text: String)] {
        var scored: [(score: Double, line: Int, block: Int, range: Range<Int>)] = []
        let blocks = prose.map { Array(terminated($0.text).unicodeScalars) }
        for (index, scalars) in blocks.enumerated() {
            for sentence in Readability.countedSentences(in: scalars) where sentence.words > 2 {
                let score = 0.39 * Double(sentence.words) + 11.8 * Double(sentence.syllables) / Double(sentence.words)
                scored.append((score, prose[index].line, index, sentence.range))
            }
        }
        return scored.sorted { ($0.score, -$0.line) > ($1.score, -$1.line) }.prefix(3).map { best in
            let text = String(String.UnicodeScalarView(blocks[best.block][best.range]))
            return (best.line, text.trimmingSpaces)
        }
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
