// Readability figures against textstat 0.7's, computed with scripts/textstat-reference.py on the
// paragraphs in readability-samples.txt (short children's text to professional prose).

import Foundation
import Testing
@testable import WaymarkCore
@testable import WaymarkModel
import WaymarkMarkdown

@Suite struct ReadabilityTests {
    /// textstat 0.7.13: words, sentences, syllables, Flesch-Kincaid grade, SMOG.
    static let reference: [(words: Int, sentences: Int, syllables: Int, fk: Double, smog: Double)] = [
        (42, 5, 54, 2.8574, 6.7422),
        (35, 3, 42, 3.1200, 6.4274),
        (40, 3, 57, 6.4250, 8.8418),
        (41, 3, 52, 4.7059, 6.4274),
        (39, 3, 71, 10.9621, 13.0239),
        (35, 2, 87, 20.5664, 18.7741),
        (48, 3, 63, 6.1375, 8.8418),
        (25, 4, 28, 0.0635, 3.1291),
        (42, 5, 51, 2.0146, 3.1291),
        (46, 2, 67, 10.5670, 12.1617),
        (46, 3, 73, 9.1161, 11.2081),
        (42, 3, 53, 4.7605, 6.4274),
    ]

    static let paragraphs: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("readability-samples.txt")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }()

    @Test func theDictionaryIsShipped() {
        #expect(SyllableDictionary.shared.isLoaded)
        #expect(SyllableDictionary.shared.syllables("exploitation") == 4)
        #expect(SyllableDictionary.shared.syllables("grooming") == 2)
    }

    /// The table keeps each word where it is in the file, packed with its length and count: every
    /// word of the shipped dictionary finds its own count, a word given twice keeps its last, and
    /// nothing else is found.
    @Test func theWordTableFindsEveryWordItWasGivenAndNothingElse() throws {
        let small = ByteWordTable(lines: Array("# a comment 9\ncat 1\ncats 2\ncat 3\nbanana 3\n".utf8))
        func find(_ table: ByteWordTable, _ word: String) -> UInt8? { Array(word.utf8).withUnsafeBufferPointer(table.find) }
        #expect(find(small, "cat") == 3)
        #expect(find(small, "cats") == 2)
        #expect(find(small, "banana") == 3)
        for absent in ["ca", "catss", "dog", "# a comment", "", "bananas"] { #expect(find(small, absent) == nil, "\(absent)") }
        #expect(small.count == 3)

        let file = Fixture.packageRoot.appendingPathComponent("Sources/WaymarkCore/Check/Resources/syllables.txt")
        let bytes = Array(try Data(contentsOf: file))
        let table = ByteWordTable(lines: bytes)
        var checked = 0
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let count = UInt8(parts[1]) else { continue }
            if find(table, String(parts[0])) != count { Issue.record("\(parts[0]) should have \(count)"); break }
            checked += 1
        }
        #expect(checked > 120_000)
        #expect(table.count == checked)
        #expect(find(table, "exploitationz") == nil)
    }

    /// The hardest sentences ranked from the page's measuring pass are the ones ranked block by
    /// block: also where the two passes cut words differently (a full stop with no space after
    /// it), at contractions, in empty blocks, in other scripts, and on every sample paragraph.
    @Test func theHardestSentencesFromTheMeasuringPassAreTheSameAsBlockByBlock() {
        let pages: [[String]] = [
            ["It ended.Next it began again with extraordinarily complicated circumstances everywhere.", "",
             "They'd say it's fine. We've all heard that, haven't we?", "Short one", "A café's naïve résumé was considered unbelievably sophisticated by the committee members."],
            ["Don't", "isn't it?", "well-known organisations’ responsibilities are intergenerational!", "x.y.z. a b c d e f."],
            Self.paragraphs,
        ]
        for texts in pages {
            let prose = texts.enumerated().map { ProseBlock(text: $0.element, line: $0.offset + 1) }
            let (_, scan) = Readability.scan(prose.map(\.text).map(ReadabilityRule.terminated).joined(separator: "\n"))
            // Every sentence's words and syllables, not only the three that rank first.
            var start = 0
            for block in prose {
                let alone = Array(ReadabilityRule.terminated(block.text).unicodeScalars)
                let part = start..<(start + alone.count)
                let inPlace = Readability.countedSentences(in: scan.scalars, wordCharacter: scan.wordCharacter, part: part, known: scan)
                let own = Readability.countedSentences(in: alone)
                #expect(inPlace.map { [$0.range.lowerBound - start, $0.range.upperBound - start, $0.words, $0.syllables] }
                        == own.map { [$0.range.lowerBound, $0.range.upperBound, $0.words, $0.syllables] }, "\(block.text.prefix(50))")
                start = part.upperBound + 1
            }
            let fromScan = ReadabilityRule.hardestSentences(prose, scan: scan)
            let blockByBlock = ReadabilityRule.hardestSentences(prose)
            #expect(fromScan.map(\.line) == blockByBlock.map(\.line))
            #expect(fromScan.map(\.text) == blockByBlock.map(\.text))
            #expect(!fromScan.isEmpty)
        }
    }

    @Test func agreesWithTextstatOnEveryParagraph() {
        #expect(Self.paragraphs.count == Self.reference.count)
        var fkDifferences: [Double] = []
        var smogDifferences: [Double] = []
        for (paragraph, expected) in zip(Self.paragraphs, Self.reference) {
            let figures = Readability.measure(paragraph)
            #expect(figures.words == expected.words, "\(paragraph.prefix(30))")
            #expect(figures.sentences == expected.sentences, "\(paragraph.prefix(30))")
            let fk = abs(figures.fleschKincaidGrade - expected.fk)
            let smog = abs(figures.smog - expected.smog)
            #expect(fk <= 1.0, "FK \(figures.fleschKincaidGrade) vs \(expected.fk): \(paragraph.prefix(30))")
            #expect(smog <= 1.0, "SMOG \(figures.smog) vs \(expected.smog): \(paragraph.prefix(30))")
            fkDifferences.append(fk)
            smogDifferences.append(smog)
        }
        #expect(fkDifferences.reduce(0, +) / Double(fkDifferences.count) <= 0.5)
        #expect(smogDifferences.reduce(0, +) / Double(smogDifferences.count) <= 0.5)
    }

    /// `measure` counts in one pass; it must give what the word and sentence lists give, on the
    /// samples, on every page of the shipped content, and on awkward text.
    @Test func theOnePassCountsAreTheListsCounts() throws {
        var texts = Self.paragraphs + ["", "   ", "...", "Hi. Ok! Yes?", "Don't stop; it's well-known... e.g. Mr. Smith's car.",
                                       "Café naïve — déjà vu! 3.5 million '90s kids' 'quotes' aren't here.\nNew line here too.",
                                       "اردو میں ایک جملہ۔ Another sentence here now.", "end.Next word here is long. A b. A b c d."]
        let content = try FileTree.read(directory: Fixture.packageRoot.appendingPathComponent("Content").path)
        for (path, bytes) in content?.files ?? [:] where path.hasSuffix(".md") {
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(texts.count > 50)
        for text in texts {
            #expect(Readability.measure(text) == Readability.measureByParts(text), "\(text.prefix(60))")
        }
    }

    @Test func theRecipesCheckSentence() {
        let figures = Readability.measure("Cool dogs wear da sunglasses.")
        #expect(abs(figures.fleschKincaidGrade - 2.88) < 0.01)
        #expect(abs(figures.smog - 8.842) < 0.01)
    }

    @Test func countingRules() {
        #expect(Readability.words(in: "Don't stop—it's a well-known 'quote', isn't it?") == ["Don't", "stopit's", "a", "wellknown", "quote", "isn't", "it"])
        #expect(Readability.sentenceCount("Hold it. Breathe out. Look around and name five things.") == 1)
        #expect(Readability.sentenceCount("") == 0)
        #expect(Readability.sentenceCount("no ending at all here") == 1)
        #expect(SyllableDictionary.estimate("Snapchatting") == 3)
    }
}
