// Activity: something a young person tries on the page (issue 26). They choose, and the page
// shows what the choice leads to; in print the same activity is a part of a worksheet with space to
// write, and facilitators get its answer key. Authors write it in Markdown, with no HTML:
//
//     ::: scenario What could Jay do?            ::: quiz True or myth? | True | Myth
//     Jay is 13. A gamer he has never met ...    - A statement.
//                                                  = myth: why, kindly.
//     - A choice.                                :::
//       = What it could lead to.
//     :::                                        ::: sort Safe or not? | Safe | Not safe | Not sure
//
// It travels through the pipeline as a worksheet element (PrintElement.activity), so every walk
// of a body (coverage, checks, variants) meets it where it is written.

public struct Activity: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A short story and 2 to 6 choices, each with what it could lead to.
        case scenario
        /// Statements to answer (true or myth, by default), each with its answer and why.
        case quiz
        /// Cards to sort into 2 to 4 piles, each with its pile and why.
        case sort
    }

    public struct Item: Hashable, Sendable {
        /// The choice, statement or card, as written (inline Markdown).
        public var text: String
        public var line: Int
        /// Quiz and sort: the index in `answers` of the right one; nil for a scenario's choice.
        public var answer: Int?
        /// What the choice leads to, or why the answer is what it is (inline Markdown).
        public var feedback: String
        public var feedbackLine: Int

        public init(text: String, line: Int, answer: Int? = nil, feedback: String, feedbackLine: Int) {
            self.text = text
            self.line = line
            self.answer = answer
            self.feedback = feedback
            self.feedbackLine = feedbackLine
        }
    }

    public var kind: Kind
    /// The question the reader answers (after `::: scenario`), or the activity's name.
    public var title: String
    /// Quiz and sort: the answers or piles, in order (a quiz's default: True, Myth).
    public var answers: [String]
    /// The lines before the first item: a scenario's story, or a short introduction.
    public var story: [SourceLine]
    public var items: [Item]

    public init(kind: Kind, title: String, answers: [String], story: [SourceLine], items: [Item]) {
        self.kind = kind
        self.title = title
        self.answers = answers
        self.story = story
        self.items = items
    }

    /// How many items each kind takes.
    public static func itemRange(_ kind: Kind) -> ClosedRange<Int> {
        switch kind {
        case .scenario: return 2...6
        case .quiz: return 2...12
        case .sort: return 3...16
        }
    }

    public static let defaultQuizAnswers = ["True", "Myth"]

    /// Reads an activity from its opening line's words and the lines inside it. Every problem is
    /// returned with its line, so that all of them are reported at once.
    public static func parse(kind: Kind, arguments: String, lines: [SourceLine], opening: Int) -> (Activity?, [(line: Int, message: String, rule: String)]) {
        var problems: [(Int, String, String)] = []
        let parts = arguments.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let title = parts.first ?? ""
        if title.isEmpty {
            problems.append((opening, "`::: \(kind.rawValue)` needs its question or name after it, such as `::: \(kind == .scenario ? "scenario What could Jay do?" : kind == .quiz ? "quiz True or myth?" : "sort Safe or not safe? | Safe | Not safe | Not sure")`", "activity.title"))
        }
        var answers = Array(parts.dropFirst()).filter { !$0.isEmpty }
        switch kind {
        case .scenario:
            if !answers.isEmpty { problems.append((opening, "a scenario's choices are its `- ` lines: nothing goes after `|`", "activity.answers")) }
        case .quiz:
            if answers.isEmpty { answers = defaultQuizAnswers }
            if !(2...4).contains(answers.count) { problems.append((opening, "a quiz needs 2 to 4 answers after `|`, such as `| True | Myth`", "activity.answers")) }
        case .sort:
            if !(2...4).contains(answers.count) { problems.append((opening, "a card sort needs 2 to 4 piles after `|`, such as `| Safe | Not safe | Not sure`", "activity.answers")) }
        }
        var story: [SourceLine] = []
        var items: [Item] = []
        var waitingForFeedback = false
        for line in lines {
            let text = line.text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("= ") || text == "=" {
                let feedback = String(text.dropFirst(1)).trimmingCharacters(in: .whitespaces)
                guard waitingForFeedback, !items.isEmpty else {
                    problems.append((line.number, "this feedback line (`= ...`) belongs under a `- ` line: put it straight after the choice it answers", "activity.feedback"))
                    continue
                }
                waitingForFeedback = false
                var item = items.removeLast()
                item.feedbackLine = line.number
                if kind == .scenario {
                    item.feedback = feedback
                } else if let colon = feedback.firstIndex(of: ":") {
                    let said = feedback[..<colon].trimmingCharacters(in: .whitespaces)
                    if let index = answers.firstIndex(where: { $0.lowercased() == said.lowercased() }) {
                        item.answer = index
                        item.feedback = feedback[feedback.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    } else {
                        problems.append((line.number, "`\(said)` is not one of this \(kind == .quiz ? "quiz's answers" : "sort's piles") (\(answers.joined(separator: ", "))): start the line `= \(answers.first?.lowercased() ?? "answer"): why`", "activity.answer"))
                    }
                } else {
                    problems.append((line.number, "start this line with the answer, then why: `= \(answers.first?.lowercased() ?? "answer"): why`", "activity.answer"))
                }
                if item.feedback.isEmpty && kind == .scenario {
                    problems.append((line.number, "this feedback is empty: say what the choice could lead to", "activity.feedback"))
                }
                items.append(item)
            } else if text.hasPrefix("- ") || text.hasPrefix("* ") {
                if waitingForFeedback, let last = items.last {
                    problems.append((last.line, feedbackMissing(kind), "activity.feedback"))
                }
                items.append(Item(text: String(text.dropFirst(2)).trimmingCharacters(in: .whitespaces), line: line.number, feedback: "", feedbackLine: line.number))
                waitingForFeedback = true
            } else if text.isEmpty {
                if items.isEmpty { story.append(line) }
            } else if items.isEmpty {
                story.append(line)
            } else {
                problems.append((line.number, "after the first `- ` line, an activity holds only `- ` lines and their `= ` feedback lines: move this text above the first choice", "activity.items"))
            }
        }
        if waitingForFeedback, let last = items.last {
            problems.append((last.line, feedbackMissing(kind), "activity.feedback"))
        }
        let range = itemRange(kind)
        if !range.contains(items.count) {
            let noun = kind == .scenario ? "choices" : kind == .quiz ? "statements" : "cards"
            problems.append((opening, "a \(kind.rawValue) needs \(range.lowerBound) to \(range.upperBound) \(noun), each a `- ` line (it has \(items.count))", "activity.items"))
        }
        guard problems.isEmpty else { return (nil, problems) }
        return (Activity(kind: kind, title: title, answers: kind == .scenario ? [] : answers, story: story, items: items), [])
    }

    private static func feedbackMissing(_ kind: Kind) -> String {
        kind == .scenario
            ? "this choice has no feedback: add the next line, indented, `= what this choice could lead to`"
            : "this has no answer: add the next line, indented, `= answer: why`"
    }
}
