// Activities' feedback (`activity.feedback-tone`): it is read by a young person who may have just
// picked the "wrong" answer, and who may have lived the story. Feedback that tells them they were
// wrong, or what they should have done, shames; it should say what the choice could lead to and
// what would help. (Every other language and safety rule reads feedback as it reads any prose.)

import Foundation
import WaymarkModel

enum ActivityRule {
    /// Openings that mark a reader as wrong.
    static let shamingOpenings = ["wrong", "incorrect", "no!", "no.", "nope", "bad choice", "bad idea", "fail", "false!", "that's wrong",
                                  "that is wrong", "not right"]
    /// Phrases that judge the reader anywhere in the feedback.
    static let judging = ["you should have", "you shouldn't have", "you should not have", "should've", "bad choice", "stupid", "silly",
                          "you were wrong", "you failed", "obviously", "of course not"]

    /// What a file's findings are made from.
    struct MemoKey: Equatable, Sendable {
        var body: [BodyNode]
        var exemptions: [Exemption]
    }

    static func check(content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        let documents: [(file: String, body: [BodyNode], exemptions: [Exemption])] =
            content.modules.map { ($0.file, $0.body, $0.exemptions) } + content.worksheets.map { ($0.file, $0.body, $0.exemptions) }
            + content.sessions.map { ($0.file, $0.body, $0.exemptions) } + content.pages.map { ($0.file, $0.body, $0.exemptions) }
        return documents.flatMap { document in
            // Walking every file's tree was a fortieth of a preview's rebuild: kept with the file.
            remembered(memo, .documentFindings, "activity " + document.file,
                       madeFrom: MemoKey(body: document.body, exemptions: document.exemptions)) {
                problems(document.file, document.body, document.exemptions)
            }
        }
    }

    /// One file's feedback that shames or judges.
    static func problems(_ file: String, _ body: [BodyNode], _ exemptions: [Exemption]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for activity in activities(in: body) {
            for item in activity.items {
                let text = item.feedback.lowercased()
                let problem: String?
                if let opening = shamingOpenings.first(where: { text.hasPrefix($0) }) {
                    problem = "feedback that opens “\(opening)” tells a young person they were wrong"
                } else if let phrase = judging.first(where: { text.contains($0) }) {
                    problem = "feedback that says “\(phrase)” judges the young person who chose it"
                } else {
                    problem = nil
                }
                guard let problem, !exemptions.contains(where: { $0.covers(rule: "activity.feedback-tone", line: item.feedbackLine) }) else { continue }
                diagnostics.append(.warning("\(problem): say what the choice could lead to and what would help, kindly (it is never their fault)",
                                            at: SourceLocation(file: file, line: item.feedbackLine), rule: "activity.feedback-tone"))
            }
        }
        return diagnostics
    }

    /// Every activity in a body, whoever it is for.
    static func activities(in nodes: [BodyNode]) -> [Activity] {
        nodes.flatMap { node -> [Activity] in
            guard case .block(let block) = node else { return [] }
            if case .element(.activity(let activity)) = block.kind { return [activity] }
            return activities(in: block.children)
        }
    }
}
