// Phrases to avoid: flags the phrases in Content/language.yml wherever they are written, whatever the case,
// across line breaks and in their inflected forms (put / puts / putting; himself / herself /
// themselves ...), each with the reason and what to say instead. An author keeps a phrase on
// purpose with `<!-- allow language.ID: why -->` on its line or the line before. (The file and the
// rules keep the name `language`, which authors already write; in Swift, "language" means a
// human language, so this family is named for what it holds.)

import WaymarkMarkdown
import WaymarkModel

enum PhrasesToAvoidRule {
    struct Token {
        var word: String
        var line: Int
        var column: Int
    }

    struct Pattern {
        var entry: PhraseToAvoid
        var phrase: String
        var forms: [Set<String>]
    }

    /// What a file's findings are made from, besides its name.
    struct MemoKey: Equatable, Sendable {
        var body: [BodyNode]
        var exemptions: [Exemption]
        var entries: [PhraseToAvoid]
    }

    static func check(content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        guard !content.phrasesToAvoid.isEmpty else { return [] }
        let patterns = content.phrasesToAvoid.flatMap { entry in
            entry.phrases.map { Pattern(entry: entry, phrase: $0, forms: forms(of: $0)) }.filter { !$0.forms.isEmpty }
        }
        // Index by every form of the first word, so each token is compared only with phrases that can start there.
        var byFirstWord: [String: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() {
            for form in pattern.forms[0] { byFirstWord[form, default: []].append(index) }
        }
        var diagnostics: [Diagnostic] = []
        let tiered: [any Tiered] = content.modules + content.worksheets + content.sessions
        let documents = tiered.map { ($0.file, $0.body, $0.exemptions) } + content.pages.map { ($0.file, $0.body, $0.exemptions) }
        for (file, body, exemptions) in documents {
            let key = MemoKey(body: body, exemptions: exemptions, entries: content.phrasesToAvoid)
            diagnostics += remembered(memo, .wordsToAvoid, file, madeFrom: key) {
                checkDocument(file, body, exemptions, patterns, byFirstWord)
            }
        }
        return diagnostics
    }

    private static func checkDocument(_ file: String, _ body: [BodyNode], _ exemptions: [Exemption], _ patterns: [Pattern],
                                      _ byFirstWord: [String: [Int]]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let tokens = tokenize(flatten(body))
        var used: Set<Exemption> = []
        for i in tokens.indices {
            for index in byFirstWord[tokens[i].word] ?? [] {
                let pattern = patterns[index]
                guard i + pattern.forms.count <= tokens.count,
                      pattern.forms.indices.allSatisfy({ pattern.forms[$0].contains(tokens[i + $0].word) }) else { continue }
                let rule = "language.\(pattern.entry.id)"
                if let exemption = exemptions.first(where: { $0.covers(rule: rule, line: tokens[i].line) }) {
                    used.insert(exemption)
                    continue
                }
                let found = tokens[i..<(i + pattern.forms.count)].map(\.word).joined(separator: " ")
                diagnostics.append(.warning(
                    "“\(found)” \(pattern.entry.because); say instead: \(pattern.entry.instead)",
                    at: SourceLocation(file: file, line: tokens[i].line, column: tokens[i].column), rule: rule))
            }
        }
        for exemption in exemptions where !used.contains(exemption) && exemption.rules.contains(where: { $0.hasPrefix("language") }) {
            diagnostics.append(.warning("this exemption matches no flagged phrase on its line or the next: remove it",
                                        at: exemption.location, rule: "check.unused-exemption"))
        }
        return diagnostics
    }

    /// Every line of a body in file order, outside fenced code.
    static func flatten(_ nodes: [BodyNode]) -> [SourceLine] { BodyParser.linesOutsideCode(nodes) }

    /// Words, lowercased, with curly apostrophes made straight; Markdown marks and quotes between
    /// words do not break a phrase.
    static func tokenize(_ lines: [SourceLine]) -> [Token] {
        var tokens: [Token] = []
        for line in lines {
            var current = ""
            var start = 0
            var column = 0
            for character in line.text {
                column += 1
                // Most characters are ASCII: asked by their byte, without the Unicode tables or a
                // lowercased String for each (a sixth of building the shipped site was spent here).
                if let byte = character.asciiValue {
                    let lower = byte | 0x20
                    let isWord = (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte == 0x27 && !current.isEmpty)
                    if isWord {
                        if current.isEmpty { start = column }
                        current.unicodeScalars.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? lower : byte))
                        continue
                    }
                    if !current.isEmpty {
                        tokens.append(Token(word: trimmed(current), line: line.number, column: start))
                        current = ""
                    }
                    continue
                }
                let c: Character = character == "\u{2019}" ? "'" : character
                if c.isLetter || c.isNumber || (c == "'" && !current.isEmpty) {
                    if current.isEmpty { start = column }
                    current.append(contentsOf: c.lowercased())
                } else if !current.isEmpty {
                    tokens.append(Token(word: trimmed(current), line: line.number, column: start))
                    current = ""
                }
            }
            if !current.isEmpty { tokens.append(Token(word: trimmed(current), line: line.number, column: start)) }
        }
        return tokens
    }

    private static func trimmed(_ word: String) -> String {
        var w = Substring(word)
        while let last = w.last, last == "'" || last == "-" { w = w.dropLast() }
        return String(w)
    }

    static let reflexives: Set<String> = ["myself", "yourself", "himself", "herself", "itself", "ourselves",
                                          "yourselves", "themselves", "themself"]
    static let fixedWords: Set<String> = ["a", "an", "the", "to", "for", "in", "at", "of", "with", "on", "and", "or", "by", "as"]

    /// For each word of a phrase, the forms that count as it.
    static func forms(of phrase: String) -> [Set<String>] {
        tokenize([SourceLine(text: phrase, number: 1)]).map { token in
            let word = token.word
            if reflexives.contains(word) { return reflexives }
            if fixedWords.contains(word) || word.count < 3 { return [word] }
            return inflections(of: word)
        }
    }

    static func inflections(of word: String) -> Set<String> {
        var forms: Set<String> = [word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "'s"]
        let letters = Array(word)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        if word.hasSuffix("e") {
            let stem = String(word.dropLast())
            forms.formUnion([stem + "ing", stem + "ed"])
        }
        if word.hasSuffix("y"), letters.count > 1, !vowels.contains(letters[letters.count - 2]) {
            let stem = String(word.dropLast())
            forms.formUnion([stem + "ies", stem + "ied"])
        }
        if letters.count >= 3, let last = letters.last, !vowels.contains(last), !"wxy".contains(last),
           vowels.contains(letters[letters.count - 2]), !vowels.contains(letters[letters.count - 3]) {
            forms.formUnion([word + String(last) + "ing", word + String(last) + "ed"])
        }
        return forms
    }
}
