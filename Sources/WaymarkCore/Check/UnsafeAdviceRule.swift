// Safe to act on: advice that can hurt the reader who follows it unless it carries its caveat.
// `safety.<id>` reads its words from Content/safety.yml: a phone step that a watching abuser may
// notice with no "only when it is safe" in the same paragraph, "we will tell you first" with no
// "try", showing an image to anyone, and words such as "however long ago" in a part that names a
// time-critical route of site.yml (`window:`) without its window. `signpost.condition` finds a
// sentence naming a route with a limit beyond age (StopNCII: images taken at 18 or over) that does
// not state it, where a reader may not meet it.

import WaymarkMarkdown
import WaymarkModel

enum UnsafeAdviceRule {
    /// A phrase of safety.yml or a caveat, word by word: each word with its inflected forms, and
    /// `*` for a gap of up to three words.
    struct Phrase: Hashable, Sendable {
        enum Part: Hashable, Sendable {
            case word(Set<String>)
            case gap
        }

        var parts: [Part]

        init(_ written: String) {
            var parts: [Part] = []
            for piece in written.split(separator: " ") {
                if piece == "*" {
                    if !parts.isEmpty { parts.append(.gap) }
                } else {
                    parts += PhrasesToAvoidRule.forms(of: String(piece)).map { .word($0) }
                }
            }
            while parts.last == .gap { parts.removeLast() }
            self.parts = parts
        }

        /// Where it first starts in `words`, if it occurs.
        func firstMatch(in words: [String]) -> Int? { words.indices.first { matches(at: $0, in: words) } }

        /// Whether it occurs starting at `index`.
        func matches(at index: Int, in words: [String]) -> Bool { !parts.isEmpty && matches(part: 0, at: index, in: words) }

        private func matches(part: Int, at index: Int, in words: [String]) -> Bool {
            if part == parts.count { return true }
            switch parts[part] {
            case .gap:
                for skip in 0...3 where index + skip <= words.count {
                    if matches(part: part + 1, at: index + skip, in: words) { return true }
                }
                return false
            case .word(let forms):
                guard index < words.count, forms.contains(words[index]) else { return false }
                return matches(part: part + 1, at: index + 1, in: words)
            }
        }
    }

    /// An entry of safety.yml made ready to match.
    struct Compiled: Sendable {
        var entry: UnsafeAdvice
        var says: [(written: String, phrase: Phrase)]
        var unless: [Phrase]
        var notAfter: [Phrase]

        init(_ entry: UnsafeAdvice) {
            self.entry = entry
            says = entry.says.map { ($0, Phrase($0)) }
            unless = entry.unless.map(Phrase.init)
            notAfter = entry.notAfter.map(Phrase.init)
        }

        /// The written trigger found in `words` as advice to the reader (not after "he will" or
        /// "do not"), and the word it starts at.
        /// - Parameter starts: where each phrase may start (Openers), by phrase and then word; the
        ///   first phrase of `says` that matches wins, at its first place.
        func trigger(in words: [String], starts: [Openers.Start]) -> (written: String, word: String)? {
            for start in starts where says[start.phrase].phrase.matches(at: start.word, in: words) {
                let before = Array(words[max(0, start.word - 3)..<start.word])
                if notAfter.contains(where: { $0.firstMatch(in: before) != nil }) { continue }
                return (says[start.phrase].written, words[start.word])
            }
            return nil
        }

        func isMadeSafe(by words: [String]) -> Bool { unless.contains { $0.firstMatch(in: words) != nil } }
    }

    /// Where the phrases of safety.yml can start in a text: a phrase starts only at one of its
    /// first word's forms. Most sentences start none, and asking each of an entry's fifty phrases
    /// at each word was half of building the shipped site; this asks once a word.
    struct Openers: Sendable {
        /// A phrase of an entry's `says` that may start at a word.
        struct Start: Comparable, Sendable {
            var phrase: Int
            var word: Int
            static func < (a: Start, b: Start) -> Bool { (a.phrase, a.word) < (b.phrase, b.word) }
        }

        /// By a first word's form: the entries and their phrases that start with it.
        private var phrases: [String: [(entry: Int, phrase: Int)]] = [:]

        init(_ compiled: [Compiled]) {
            for (entry, compiled) in compiled.enumerated() {
                for (index, said) in compiled.says.enumerated() {
                    // A phrase never starts with a gap (Phrase drops a leading `*`).
                    guard case .word(let forms)? = said.phrase.parts.first else { continue }
                    for form in forms { phrases[form, default: []].append((entry, index)) }
                }
            }
        }

        /// For each entry that may be triggered in `words`, where its phrases may start, in the
        /// order `Compiled.trigger` tries them. Entries missing here cannot be triggered.
        func starts(in words: [String]) -> [Int: [Start]] {
            var found: [Int: [Start]] = [:]
            for (index, word) in words.enumerated() {
                guard let some = phrases[word] else { continue }
                for (entry, phrase) in some { found[entry, default: []].append(Start(phrase: phrase, word: index)) }
            }
            for entry in found.keys { found[entry]!.sort() }
            return found
        }
    }

    /// What a page's findings are made from, besides its address.
    struct MemoKey: Equatable, Sendable {
        var prose: [ProseBlock]
        var headings: [MarkdownHeading]
        var entries: [UnsafeAdvice]
    }

    static func words(_ text: String) -> [String] {
        PhrasesToAvoidRule.tokenize([SourceLine(text: text, number: 0)]).map(\.word)
    }

    static func check(content: Content, facts: [PageFacts], memo: (any Memo)? = nil) -> [Diagnostic] {
        let compiled = content.unsafeAdvice.map(Compiled.init)
        let conditioned = content.config.helplines.filter { $0.condition != nil }
        let timed = content.config.helplines.filter { $0.window != nil }
        guard !compiled.isEmpty || !conditioned.isEmpty else { return [] }
        let documents = Dictionary(SignpostRule.documentsByFile(content).map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        let openers = Openers(compiled)
        let config = content.config, entries = content.unsafeAdvice
        // Translations are checked in their own language by their reviewers; the English is checked here.
        let pages = facts.filter { $0.language == nil && documents[$0.file] != nil }
        // Pages are read on every core, each on its own; their findings come back in page order.
        return Parallel.map(pages) { page -> [Diagnostic] in
            let document = documents[page.file]!
            let oldestReader: Int? = page.variant.flatMap { config.tier($0.tier)?.oldestAge }
                ?? (page.page.kind.audience == .everyone ? config.tiers.map(\.oldestAge).max() : nil)
            let key = MemoKey(prose: page.prose, headings: page.headings, entries: entries)
            return remembered(memo, .safetyFindings, page.page.outputPath, madeFrom: key) {
                var found = adviceProblems(page, compiled, openers, timed, document)
                found += conditionProblems(page, conditioned, oldestReader: oldestReader, document)
                return found
            }
        }.flatMap { $0 }
    }

    // MARK: safety.<id>

    private static func adviceProblems(_ page: PageFacts, _ entries: [Compiled], _ openers: Openers, _ timed: [Helpline],
                                       _ document: SignpostRule.Document) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let headings = page.headings.sorted { $0.line < $1.line }
        /// The heading a block stands under, by the block's line.
        func section(of line: Int) -> Int { headings.lastIndex { $0.line <= line } ?? -1 }
        // Each block read once for every entry: its words, its sentences' words, its part, and
        // what may carry its caveat (its list's lead-in, the heading above it).
        let headingWords = headings.map { words($0.text) }
        let headingOpeners = headingWords.map(openers.starts(in:))
        struct Read {
            var words: [String]; var sentences: [[String]]; var section: Int; var context: [String]
            /// Where each entry's phrases may start in the block's words, and in each sentence's.
            var opens: [Int: [Openers.Start]]; var sentenceOpens: [[Int: [Openers.Start]]]
        }
        let blocks = page.prose.map { block -> Read in
            let blockWords = words(block.text)
            let part = section(of: block.line)
            let sentences = SignpostRule.sentences(block.text).map { words(String($0)) }
            return Read(words: blockWords, sentences: sentences, section: part,
                        context: blockWords + words(block.leadIn ?? "") + (headingWords.indices.contains(part) ? headingWords[part] : []),
                        opens: openers.starts(in: blockWords), sentenceOpens: sentences.map(openers.starts(in:)))
        }
        func report(_ entry: UnsafeAdvice, _ message: String, word: String, routeID: String? = nil, from line: Int) {
            let rule = "safety.\(entry.id)"
            let at = document.locate(word, routeID: routeID, from: line)
            if document.exemptions.contains(where: { $0.covers(rule: rule, line: at.line) }) { return }
            diagnostics.append(.warning(message, at: at, rule: rule))
        }
        for (index, entry) in entries.enumerated() {
            switch entry.entry.scope {
            case .sentence:
                for (block, read) in zip(page.prose, blocks) {
                    for (words, opens) in zip(read.sentences, read.sentenceOpens) {
                        guard let starts = opens[index], let (written, word) = entry.trigger(in: words, starts: starts),
                              !entry.isMadeSafe(by: words) else { continue }
                        report(entry.entry, "“\(written)”: \(entry.entry.because); say instead: \(entry.entry.instead)", word: word, from: block.line)
                    }
                }
            case .paragraph:
                for (block, read) in zip(page.prose, blocks) {
                    guard let starts = read.opens[index], let (written, word) = entry.trigger(in: read.words, starts: starts),
                          !entry.isMadeSafe(by: read.context) else { continue }
                    report(entry.entry, "“\(written)” with no “only when it is safe” in the same paragraph or list: \(entry.entry.because); say instead: \(entry.entry.instead)",
                           word: word, from: block.line)
                }
            case .section:
                guard !timed.isEmpty else { continue }
                // Which parts (by heading) say the words, in a heading or any of their blocks.
                var open: [Int: String] = [:]
                for (part, words) in headingWords.enumerated() {
                    if let starts = headingOpeners[part][index], let (written, _) = entry.trigger(in: words, starts: starts) { open[part] = written }
                }
                for read in blocks where open[read.section] == nil {
                    if let starts = read.opens[index], let (written, _) = entry.trigger(in: read.words, starts: starts) {
                        open[read.section] = written
                    }
                }
                guard !open.isEmpty else { continue }
                for (block, read) in zip(page.prose, blocks) {
                    guard let written = open[read.section] else { continue }
                    let lower = block.text.lowercased()
                    for route in timed {
                        guard let window = route.window, let name = route.names.first(where: { lower.containsWord($0.lowercased()) }),
                              !window.words.contains(where: { lower.containsBytes($0) }) else { continue }
                        report(entry.entry, "“\(name)” works only soon after (\(window.says)), and this part says “\(written)”: state its window in the same paragraph, and say apart that other help is there whenever it happened (\(entry.entry.because))",
                               word: name.lowercased(), routeID: route.id, from: block.line)
                    }
                }
            }
        }
        return diagnostics
    }

    // MARK: signpost.condition

    private static func conditionProblems(_ page: PageFacts, _ routes: [Helpline], oldestReader: Int?,
                                          _ document: SignpostRule.Document) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A limit every reader of the page meets (images taken under 18, on an 11-13 page) goes unsaid.
        let routes = routes.filter { route in
            guard let under = route.condition?.metByReadersUnder, let oldestReader else { return true }
            return oldestReader >= under
        }
        guard !routes.isEmpty else { return [] }
        for block in page.prose {
            let lowerBlock = block.text.lowercased()
            guard routes.contains(where: { $0.names.contains { lowerBlock.containsWord($0.lowercased()) } }) else { continue }
            for sentence in SignpostRule.sentences(lowerBlock) {
                let lower = String(sentence)
                for route in routes {
                    guard let condition = route.condition, let name = route.names.first(where: { lower.containsWord($0.lowercased()) }),
                          !condition.words.contains(where: { lower.containsBytes($0) }) else { continue }
                    let rule = "signpost.condition"
                    let at = document.locate(name, routeID: route.id, from: block.line)
                    if document.exemptions.contains(where: { $0.covers(rule: rule, line: at.line) }) { continue }
                    diagnostics.append(.warning(
                        "“\(name)” is only for \(condition.says): say so in the same sentence (such as “\(condition.words[0])”), because a reader who does not meet it would be sent where nobody can help",
                        at: at, rule: rule))
                }
            }
        }
        return diagnostics
    }
}
