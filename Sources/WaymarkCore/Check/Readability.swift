// Readability: Flesch-Kincaid grade and SMOG, counted the way textstat 0.7 (the common reference
// implementation) counts, so an author's figures agree with the tools reviewers already use:
// words split on white space after punctuation is removed (contractions and hyphenated words stay
// one word), sentences end at . ! or ?, pieces of two words or fewer are not sentences, and
// syllables come from the CMU Pronouncing Dictionary's first pronunciation.

import Foundation
import WaymarkModel

public struct ReadabilityFigures: Hashable, Sendable, Codable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int
    public var polysyllables: Int
    public var fleschKincaidGrade: Double
    public var smog: Double
}

public enum Readability {
    /// The figures for a text, in one pass over its scalars: the same counts as `words(in:)` and
    /// `sentenceCount(_:)` (a test holds them to it), without making a string for every word and
    /// sentence, as this runs over every page of a site.
    public static func measure(_ text: String) -> ReadabilityFigures { scan(text).figures }

    /// A text as the measuring pass read it, kept so that its sentences can be ranked without
    /// reading every word again (the hardest sentences of a page over its target).
    struct Scan {
        let scalars: [Unicode.Scalar]
        let wordCharacter: [Bool]
        /// At the first scalar of each word the pass counted: where the word ended (the space
        /// after it, or the end) plus one, and its syllables. 0: no word started there.
        let wordEnd: [Int32]
        let wordSyllables: [UInt8]
    }

    /// The figures, and the scan they were counted from.
    static func scan(_ text: String) -> (figures: ReadabilityFigures, scan: Scan) {
        let s = Array(text.unicodeScalars)
        // Whether each scalar is a word character, asked once: the word and sentence passes both need it.
        let wordCharacter = wordCharacters(s)
        let dictionary = SyllableDictionary.shared
        var wordCount = 0, syllables = 0, polysyllables = 0
        var wordEnd = [Int32](repeating: 0, count: s.count), wordSyllables = [UInt8](repeating: 0, count: s.count)
        // Words: kept scalars between spaces; other scalars are dropped without ending the word.
        var word = LowercaseWord()
        var wordStart = 0
        func endWord(at end: Int) {
            guard !word.isEmpty else { return }
            wordCount += 1
            let count = word.takeSyllables(from: dictionary)
            syllables += count
            if count >= 3 { polysyllables += 1 }
            if count <= Int(UInt8.max) {
                wordEnd[wordStart] = Int32(end + 1)
                wordSyllables[wordStart] = UInt8(count)
            }
        }
        for i in s.indices {
            let c = s[i]
            if isSpace(c) {
                endWord(at: i)
            } else if c == "'" ? contractionFollows(s, i + 1) : wordCharacter[i] {
                if word.isEmpty { wordStart = i }
                word.append(c)
            }
        }
        endWord(at: s.count)
        // Sentences: as `sentences(in:)` cuts them, counting those of more than two words.
        var sentences = 0
        var i = 0
        func isTerminator(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" }
        func boundary(_ i: Int) -> Bool {
            (i > 0 && wordCharacter[i - 1]) != (i < s.count && wordCharacter[i])
        }
        while i < s.count {
            guard boundary(i), !isTerminator(s[i]) else { i += 1; continue }
            var j = i, words = 0, inWord = false
            while j < s.count, !isTerminator(s[j]) {
                let c = s[j]
                if c == "'" ? contractionFollows(s, j + 1) : wordCharacter[j] {
                    if !inWord { words += 1; inWord = true }
                } else if isSpace(c) { inWord = false }
                j += 1
            }
            while j < s.count, isTerminator(s[j]) { j += 1 }
            if words > 2 { sentences += 1 }
            i = j
        }
        if !text.isEmpty { sentences = max(1, sentences) }
        return (figures(words: wordCount, sentences: sentences, syllables: syllables, polysyllables: polysyllables),
                Scan(scalars: s, wordCharacter: wordCharacter, wordEnd: wordEnd, wordSyllables: wordSyllables))
    }

    static func figures(words: Int, sentences: Int, syllables: Int, polysyllables: Int) -> ReadabilityFigures {
        var grade = 0.0
        if words > 0 && sentences > 0 && syllables > 0 {
            grade = 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
        }
        let smog = sentences > 0 ? 1.043 * (30 * Double(polysyllables) / Double(sentences)).squareRoot() + 3.1291 : 0
        return ReadabilityFigures(words: words, sentences: sentences, syllables: syllables,
                                  polysyllables: polysyllables, fleschKincaidGrade: grade, smog: smog)
    }

    /// The same figures from the word and sentence lists: the plain statement of the rules, kept
    /// to test `measure` against.
    static func measureByParts(_ text: String) -> ReadabilityFigures {
        let words = self.words(in: text)
        let sentences = sentenceCount(text)
        let dictionary = SyllableDictionary.shared
        var syllables = 0
        var polysyllables = 0
        for word in words {
            let count = dictionary.syllables(word.lowercased())
            syllables += count
            if count >= 3 { polysyllables += 1 }
        }
        return figures(words: words.count, sentences: sentences, syllables: syllables, polysyllables: polysyllables)
    }

    /// Whether each scalar is a word character. A loop over the array's own storage: `map` with
    /// the test as a closure cost more than looking the words' syllables up.
    static func wordCharacters(_ s: [Unicode.Scalar]) -> [Bool] {
        [Bool](unsafeUninitializedCapacity: s.count) { out, count in
            s.withUnsafeBufferPointer { scalars in
                for i in 0..<scalars.count { out[i] = isWordCharacter(scalars[i]) }
            }
            count = s.count
        }
    }

    @inline(__always)
    private static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        // Most text is ASCII: answer that without looking up Unicode properties.
        if s.isASCII {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x5F
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }

    @inline(__always)
    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s == " " || s == "\n" || s == "\t" || s == "\r" || s.value == 0x0B || s.value == 0x0C) : s.properties.isWhitespace
    }

    /// Words after punctuation is removed. An apostrophe is kept only where it starts a
    /// contraction ending (n't, 's, 'd, 've, 'll, 're); hyphens are removed, so "well-known" is one word.
    static func words(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var cleaned = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if s == "'" {
                if contractionFollows(scalars, i + 1) { cleaned.append(s) }
            } else if isWordCharacter(s) || isSpace(s) {
                cleaned.append(s)
            }
        }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for s in cleaned {
            if isSpace(s) {
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
            } else {
                current.append(s)
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// Whether an apostrophe before `i` starts a contraction's ending, in the scalars before `end`.
    private static func contractionFollows(_ s: [Unicode.Scalar], _ i: Int, before end: Int? = nil) -> Bool {
        let end = end ?? s.count
        guard i < end else { return false }
        let first = s[i]
        if first == "t" || first == "s" || first == "d" { return true }
        guard i + 1 < end else { return false }
        let second = s[i + 1]
        return (first == "v" && second == "e") || (first == "l" && second == "l") || (first == "r" && second == "e")
    }

    /// Sentences as textstat finds them: a run starting at a word boundary, up to and including
    /// the next . ! or ?; pieces of two words or fewer are not counted. At least 1 for any text.
    static func sentences(in text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var pieces: [String] = []
        var i = 0
        func isTerminator(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" }
        func boundary(_ i: Int) -> Bool {
            let before = i > 0 && isWordCharacter(s[i - 1])
            let after = i < s.count && isWordCharacter(s[i])
            return before != after
        }
        while i < s.count {
            guard boundary(i), !isTerminator(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, !isTerminator(s[j]) { j += 1 }
            while j < s.count, isTerminator(s[j]) { j += 1 }
            pieces.append(String(String.UnicodeScalarView(s[i..<j])))
            i = j
        }
        return pieces
    }

    /// Each sentence of a text as `sentences(in:)` cuts it, with its words and syllables counted
    /// as `measure` counts them: one pass over the scalars, and no string made for a sentence
    /// (the reading check ranks every sentence of every page that is over its target).
    static func countedSentences(in s: [Unicode.Scalar]) -> [(range: Range<Int>, words: Int, syllables: Int)] {
        countedSentences(in: s, wordCharacter: wordCharacters(s), part: s.indices, known: nil)
    }

    /// The same for a part of a scan's scalars (a paragraph of a page whose lines were joined with
    /// line breaks, each ending a sentence): the part reads as a text of its own would, as the
    /// scalars on either side are a line break or nothing. A word the measuring pass counted with
    /// the same extent keeps its syllables; one cut differently (`end.Next` is one word there and
    /// two here) is counted again.
    static func countedSentences(in s: [Unicode.Scalar], wordCharacter: [Bool], part: Range<Int>,
                                 known: Scan?) -> [(range: Range<Int>, words: Int, syllables: Int)] {
        let dictionary = SyllableDictionary.shared
        var result: [(range: Range<Int>, words: Int, syllables: Int)] = []
        func isTerminator(_ c: Unicode.Scalar) -> Bool { c == "." || c == "!" || c == "?" }
        func boundary(_ i: Int) -> Bool {
            (i > part.lowerBound && wordCharacter[i - 1]) != (i < part.upperBound && wordCharacter[i])
        }
        var i = part.lowerBound
        while i < part.upperBound {
            guard boundary(i), !isTerminator(s[i]) else { i += 1; continue }
            var j = i
            while j < part.upperBound, !isTerminator(s[j]) { j += 1 }
            while j < part.upperBound, isTerminator(s[j]) { j += 1 }
            var words = 0, syllables = 0
            var word = LowercaseWord()
            var wordStart = i
            func endWord(at end: Int) {
                guard !word.isEmpty else { return }
                words += 1
                if let known, known.wordEnd[wordStart] == Int32(end + 1) {
                    syllables += Int(known.wordSyllables[wordStart])
                    word.clear()
                } else {
                    syllables += word.takeSyllables(from: dictionary)
                }
            }
            for k in i..<j {
                let c = s[k]
                if isSpace(c) {
                    endWord(at: k)
                } else if c == "'" ? contractionFollows(s, k + 1, before: part.upperBound) : wordCharacter[k] {
                    if word.isEmpty { wordStart = k }
                    word.append(c)
                }
            }
            endWord(at: j)
            result.append((i..<j, words, syllables))
            i = j
        }
        return result
    }

    static func sentenceCount(_ text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        let counted = sentences(in: text).filter { wordCount($0) > 2 }.count
        return max(1, counted)
    }

    /// The number of words `words(in:)` would find, without building them.
    static func wordCount(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var count = 0
        var inWord = false
        for (i, s) in scalars.enumerated() {
            let kept = s == "'" ? contractionFollows(scalars, i + 1) : isWordCharacter(s)
            if kept { if !inWord { count += 1; inWord = true } }
            else if isSpace(s) { inWord = false }
        }
        return count
    }
}

/// A word being read, in lower case: ASCII letters are lowered as they come, so most words need
/// no second string for `lowercased()` (this runs for every word of every page).
struct LowercaseWord {
    /// The word's UTF-8, A to Z lowered as it comes.
    private var bytes: [UInt8] = []
    private var hasNonASCII = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ c: Unicode.Scalar) {
        if c.value >= 0x41 && c.value <= 0x5A {
            bytes.append(UInt8(c.value + 0x20))
        } else if c.isASCII {
            bytes.append(UInt8(c.value))
        } else {
            hasNonASCII = true
            bytes += String(Character(c)).utf8
        }
    }

    /// A fresh start for the next word, this one's syllables being known already.
    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        hasNonASCII = false
    }

    /// The word, lowered, and a fresh start for the next.
    mutating func take() -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let word = hasNonASCII ? text.lowercased() : text
        bytes.removeAll(keepingCapacity: true)
        hasNonASCII = false
        return word
    }

    /// The word's syllables, and a fresh start: an ASCII word (nearly every one) is looked up by
    /// its bytes, without making a String.
    mutating func takeSyllables(from dictionary: SyllableDictionary) -> Int {
        guard !hasNonASCII else { return dictionary.syllables(take()) }
        let count = bytes.withUnsafeBufferPointer { dictionary.syllables(ascii: $0) }
        bytes.removeAll(keepingCapacity: true)
        return count
    }
}

/// Syllable counts from the CMU Pronouncing Dictionary, shipped as a resource. Words it does not
/// know are counted by vowel groups.
final class SyllableDictionary: Sendable {
    static let shared = SyllableDictionary()
    /// The words (all ASCII) in a table keyed by their bytes, made straight from the file's bytes:
    /// a dictionary of 126,000 Strings took a single core 30 ms at the start of every build's Check.
    private let byBytes: ByteWordTable

    private init() {
        var bytes: [UInt8] = []
        if let url = Bundle.module.url(forResource: "syllables", withExtension: "txt"),
           let data = try? Data(contentsOf: url) {
            bytes = [UInt8](data)
        }
        byBytes = ByteWordTable(lines: bytes)
    }

    var isLoaded: Bool { !byBytes.isEmpty }

    func syllables(_ word: String) -> Int {
        var word = word
        if let n = word.withUTF8({ byBytes.find($0) }) { return Int(n) }
        return SyllableDictionary.estimate(word)
    }

    /// The same for an ASCII word given as bytes: no String is made unless the word is unknown.
    func syllables(ascii word: UnsafeBufferPointer<UInt8>) -> Int {
        if let n = byBytes.find(word) { return Int(n) }
        return SyllableDictionary.estimate(String(decoding: word, as: UTF8.self))
    }

    /// For words the dictionary lacks (names, new words): groups of vowels, less a silent final e.
    static func estimate(_ word: String) -> Int {
        let letters = Array(word.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic })
        guard !letters.isEmpty else { return 1 }
        let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u", "y"]
        var groups = 0
        var previousWasVowel = false
        for letter in letters {
            let vowel = vowels.contains(letter)
            if vowel && !previousWasVowel { groups += 1 }
            previousWasVowel = vowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]),
           !(letters[letters.count - 2] == "l" && !vowels.contains(letters[letters.count - 3])) {
            groups -= 1
        }
        return max(1, groups)
    }
}

/// Words and their counts in one open-addressed table keyed by the words' bytes: looking a word
/// up hashes its bytes once with FNV-1a and compares bytes, where a `[String: UInt8]` hashes a
/// String (the dictionary was asked once for every word of every page). Each slot packs where the
/// word is, its length, a few bits of its hash and its count into one 64-bit value, so that a
/// look-up touches one slot and, when the length and hash bits agree, the word's bytes: with
/// separate lists of starts, lengths and counts it touched five places in memory.
struct ByteWordTable: Sendable {
    private let text: [UInt8]
    /// 0 for an empty slot; else start << 32 | 1 << 31 | hash bits << 16 | length << 8 | count.
    private let slots: [UInt64]
    private let mask: Int
    let count: Int

    private static let occupied: UInt64 = 1 << 31

    private static func tag(_ hash: Int) -> UInt64 { UInt64(truncatingIfNeeded: hash >> 49) & 0x7FFF }

    /// From lines `word count` (a line starting `#` is a comment); a word given twice keeps its
    /// last count. The words stay where they are in `lines`. Words of more than 255 bytes are
    /// left out (the dictionary's longest has 28).
    init(lines: [UInt8]) {
        let lineCount = lines.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var size = 16
        while size < lineCount * 2 { size <<= 1 }
        var slots = [UInt64](repeating: 0, count: size)
        var count = 0
        lines.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                let line = lineStart..<i
                lineStart = i + 1
                guard !line.isEmpty, bytes[line.lowerBound] != UInt8(ascii: "#"),
                      let space = bytes[line].lastIndex(of: 0x20), space + 1 < i, space - line.lowerBound <= 255 else { continue }
                var value: UInt8 = 0
                for d in bytes[(space + 1)..<i] { value = value &* 10 &+ (d &- 48) }
                let word = UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<space])
                let hash = ByteWordTable.hash(word)
                let packed = UInt64(line.lowerBound) << 32 | ByteWordTable.occupied | ByteWordTable.tag(hash) << 16
                    | UInt64(word.count) << 8 | UInt64(value)
                var slot = hash & (size - 1)
                while slots[slot] != 0 {
                    // The same word again: its last count wins.
                    if slots[slot] >> 8 & 0xFF_FFFF == packed >> 8 & 0xFF_FFFF,
                       ByteWordTable.same(bytes, at: Int(slots[slot] >> 32), as: word) {
                        break
                    }
                    slot = (slot + 1) & (size - 1)
                }
                if slots[slot] == 0 { count += 1 }
                slots[slot] = packed
            }
        }
        (self.text, self.slots, self.mask, self.count) = (lines, slots, size - 1, count)
    }

    var isEmpty: Bool { count == 0 }

    private static func same(_ text: UnsafeBufferPointer<UInt8>, at start: Int, as word: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<word.count where text[start + index] != word[index] { return false }
        return true
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: hash)
    }

    func find(_ word: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard word.count <= 255 else { return nil }
        let hash = ByteWordTable.hash(word)
        // The length and hash bits a match must have, in a slot's bits 8 to 30, with bit 31 set.
        let wanted = (ByteWordTable.occupied | ByteWordTable.tag(hash) << 16 | UInt64(word.count) << 8) >> 8
        var slot = hash & mask
        return slots.withUnsafeBufferPointer { slots in
            text.withUnsafeBufferPointer { text in
                while true {
                    let packed = slots[slot]
                    if packed == 0 { return nil }
                    if packed >> 8 & 0xFF_FFFF == wanted & 0xFF_FFFF, ByteWordTable.same(text, at: Int(packed >> 32), as: word) {
                        return UInt8(truncatingIfNeeded: packed)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }
}
