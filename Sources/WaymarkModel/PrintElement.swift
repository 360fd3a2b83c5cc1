// PrintElement: the parts of a worksheet that are filled in by hand, written by authors as
// `:::` lines without HTML (`::: lines 5`, `::: cards Healthy | Unhealthy`). Templates in
// Templates/partials/print/ decide how each looks on screen and on paper.


public enum PrintElement: Hashable, Sendable {
    /// A line for a name and a date.
    case nameDate
    /// Ruled lines to write on.
    case lines(count: Int)
    /// An empty box to draw or write in, as tall as `lines` lines of writing.
    case box(lines: Int, label: String?)
    /// A row of numbers to circle, with a label at each end.
    case scale(from: Int, to: Int, low: String, high: String)
    /// Items with a box to tick.
    case tickList(items: [String])
    /// Cards to cut out and sort into piles.
    case cards(piles: [String], cards: [String])
    /// Circles from "me" outwards, to write trusted people in.
    case trustedCircle
    /// A personal safety plan form.
    case safetyPlan
    /// Big cards to cut out, each a picture and a few words (a time-out card, the group agreement's
    /// picture cards). Their symbols show in both versions of the sheet: they are picture cards.
    case pictureCards(items: [String])
    /// A paced breathing guide: a shape that grows and shrinks, with a pause button (calm pages).
    case breathe
    /// Something to try: a scenario, a quiz or a card sort (Activity.swift). On screen the reader
    /// chooses and sees what follows; on paper it is written on, and the plan prints its answers.
    case activity(Activity)

    /// The words a young person reads in it (cards, items, labels), for the readability check.
    public var readableText: [String] {
        switch self {
        case .tickList(let items), .pictureCards(let items): return items
        case .cards(let piles, let cards): return cards + [piles.joined(separator: ", ")]
        case .box(_, let label): return label.map { [$0] } ?? []
        case .scale(_, _, let low, let high): return [low, high]
        default: return []
        }
    }

    /// The word after `:::` for each element, and whether it holds a list closed by `:::`.
    public static let oneLine: Set<String> = ["name-date", "lines", "box", "scale", "trusted-circle", "safety-plan", "breathe"]
    public static let withList: Set<String> = ["ticklist", "cards", "picture-cards"]
    /// Elements drawn by a template in Templates/partials/print/ (activities have their own, partials/activity).
    public static var names: [String] { (oneLine.union(withList)).sorted() }
    /// The activities, written as blocks of items with feedback.
    public static let activities: Set<String> = Set(Activity.Kind.allCases.map(\.rawValue))

    /// Reads the arguments of a one-line element, or says what is wrong with them.
    public static func parse(_ word: String, _ arguments: String) -> Result<PrintElement, ElementProblem> {
        let parts = arguments.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let words = (parts.first ?? "").split(separator: " ").map(String.init)
        func number(_ text: String?, _ range: ClosedRange<Int>, _ what: String) -> Result<Int, ElementProblem> {
            guard let text, let n = Int(text), range.contains(n) else {
                return .failure("`::: \(word)` needs \(what), a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return .success(n)
        }
        switch word {
        case "name-date", "trusted-circle", "safety-plan", "breathe":
            guard arguments.trimmingCharacters(in: .whitespaces).isEmpty else {
                return .failure("`::: \(word)` takes nothing after it")
            }
            let simple: [String: PrintElement] = ["name-date": .nameDate, "trusted-circle": .trustedCircle, "safety-plan": .safetyPlan, "breathe": .breathe]
            return .success(simple[word]!)
        case "lines":
            guard words.count == 1, parts.count == 1 else { return .failure("write `::: lines N`, such as `::: lines 5`") }
            return number(words.first, 1...30, "how many lines").map { .lines(count: $0) }
        case "box":
            guard words.count == 1, parts.count <= 2 else { return .failure("write `::: box N` or `::: box N | label`, such as `::: box 6 | Draw your safe place`") }
            let label = parts.count == 2 && !parts[1].isEmpty ? parts[1] : nil
            return number(words.first, 1...30, "its height in lines").map { .box(lines: $0, label: label) }
        case "scale":
            guard words.count == 2, parts.count == 3, !parts[1].isEmpty, !parts[2].isEmpty else {
                return .failure("write `::: scale FROM TO | low label | high label`, such as `::: scale 1 5 | Not at all | Very much`")
            }
            switch (number(words[0], 0...10, "the lowest number"), number(words[1], 1...10, "the highest number")) {
            case (.success(let from), .success(let to)):
                guard to > from, to - from <= 10 else { return .failure("`::: scale` needs the highest number above the lowest, at most 10 apart") }
                return .success(.scale(from: from, to: to, low: parts[1], high: parts[2]))
            case (.failure(let message), _), (_, .failure(let message)):
                return .failure(message)
            }
        default:
            return .failure("unknown element `\(word)`")
        }
    }

    /// Builds a list element from its `- item` lines.
    public static func list(_ word: String, _ arguments: String, items: [String]) -> Result<PrintElement, ElementProblem> {
        switch word {
        case "ticklist":
            guard arguments.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure("`::: ticklist` takes nothing after it") }
            guard (1...20).contains(items.count) else { return .failure("a tick list needs 1 to 20 `- item` lines") }
            return .success(.tickList(items: items))
        case "picture-cards":
            guard arguments.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure("`::: picture-cards` takes nothing after it") }
            guard (1...12).contains(items.count) else { return .failure("picture cards need 1 to 12 `- card` lines") }
            return .success(.pictureCards(items: items))
        case "cards":
            let piles = arguments.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard (2...4).contains(piles.count) else {
                return .failure("`::: cards` needs 2 to 4 piles to sort into, such as `::: cards Healthy | Unhealthy | Not sure`")
            }
            guard (4...16).contains(items.count) else { return .failure("cards need 4 to 16 `- card` lines") }
            return .success(.cards(piles: piles, cards: items))
        default:
            return .failure("unknown element `\(word)`")
        }
    }
}

/// What is wrong with an element's arguments, in words for the author.
public struct ElementProblem: Error, ExpressibleByStringInterpolation {
    public let message: String
    public init(stringLiteral value: String) { message = value }
}
