// Review dates: pages past their next review, and helplines not checked for more than twelve months.
// The date is passed in, so tests do not depend on the day they run.

import WaymarkModel

enum ReviewRule {
    static func check(content: Content, today: Day) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let reviews = content.modules.map { ($0.file, $0.meta.review) } + content.pages.map { ($0.file, $0.meta.review) }
        for (file, review) in reviews {
            guard let next = review?.next, next < today else { continue }
            diagnostics.append(.warning("this page was due for review on \(next.longForm): check it is still right, then move `next` on",
                                        at: review?.nextLocation ?? SourceLocation(file: file), rule: "review.overdue"))
        }
        let yearAgo = today.addingYears(-1)
        for helpline in content.config.helplines where helpline.verified < yearAgo {
            diagnostics.append(.warning("the details of \(helpline.name) were last checked on \(helpline.verified.longForm), more than twelve months ago: check them with the service and update `verified`",
                                        at: helpline.verifiedLocation ?? SourceLocation(file: "site.yml"), rule: "review.helpline"))
        }
        return diagnostics
    }
}
