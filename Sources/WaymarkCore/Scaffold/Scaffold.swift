// `waymark new`: starts a page with the right skeleton, so a writer begins from the front matter,
// the blocks and the sections the content guide asks for, with notes saying what goes where.

import Foundation
import WaymarkModel

public enum ScaffoldKind: String, CaseIterable, Sendable {
    case module, worksheet, session, parents, page

    var folder: String {
        switch self {
        case .module: return "modules"
        case .worksheet: return "worksheets"
        case .session: return "sessions"
        case .parents: return "parents"
        case .page: return "pages"
        }
    }
}

public struct Scaffold: Sendable {
    /// Inside the content folder, e.g. `modules/online-safety.md`.
    public var path: String
    public var text: String
    /// Where the page will be published (the first of them, for tiered kinds), and how many more.
    public var url: String
    public var moreURLs: Int

    /// "Online safety" or "online-safety" both give the id `online-safety`.
    public static func id(from name: String) -> String {
        var id = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) { id.unicodeScalars.append(scalar) }
            else if !id.isEmpty && !id.hasSuffix("-") { id += "-" }
        }
        while id.hasSuffix("-") { id.removeLast() }
        return id
    }

    static func title(from name: String) -> String {
        if name.contains(" ") || name.contains(where: \.isUppercase) { return name.trimmingCharacters(in: .whitespaces) }
        let words = name.split(separator: "-").map(String.init)
        guard let first = words.first else { return name }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    public static func make(_ kind: ScaffoldKind, name: String, config: SiteConfig, today: Day) -> Scaffold? {
        let id = id(from: name)
        guard !id.isEmpty else { return nil }
        let title = title(from: name)
        let next = today.addingYears(1)
        let review = """
        review:
          by: <!-- who checked this page: a name or a role -->
          date: \(today)
          next: \(next)
        """
        let firstLevel = config.levels.first?.id ?? "level"
        let firstTier = config.tiers.first?.id ?? "tier"
        var text: String
        var url: String
        var more = 0
        switch kind {
        case .module:
            url = "young-people/\(firstLevel)/\(firstTier)/\(id)/"
            more = config.levels.count * config.tiers.count - 1
            text = """
            ---
            title: \(title)
            summary: One plain sentence for the index pages.
            theme: \(id)
            content_note: This page talks about ... (say what is in it, plainly, before the reader starts).
            \(review)
            ---

            <!-- Text here is read by everyone, at every level and age. Most text should be written apart
                 for each reader, in the blocks below: see ../shared/CONTENT-GUIDE.md. -->


            """
            for level in config.levels {
                text += "::: level \(level.id)\n<!-- \(level.name) (\"\(level.youngName)\"): \(level.summary) -->\n\n"
                for tier in config.tiers {
                    text += """
                    ::: tier \(tier.id)
                    <!-- \(level.youngName), \(tier.label.lowercased()): reading grade at most \(ReadabilityRule.format(tier.readingGrade)). -->

                    ::: now
                    <!-- What this reader can do now: 3 to 5 short steps, with the routes that serve them
                         ({{route ID}}, {{route ID phone}}). Shown first on the page, after the content note. -->
                    1. Write the first step.
                    2. Write the second step.
                    3. Write the third step.
                    :::

                    ## What this page is about

                    Write what this page covers for this reader, in one or two short sentences.

                    ::: more
                    ## A story

                    <!-- A made-up young person of this age, with a name. Never "you might have been ...".
                         Folded under its heading (::: more) so the page stays short on a phone. -->
                    Write a short story about a young person of this age.
                    :::

                    ## What to remember

                    - Write the key messages, one short sentence each.

                    ## Try this

                    Write an activity or a question to think about.

                    ::: break
                    Write one simple grounding idea, such as slow breathing.
                    :::

                    :::


                    """
                }
                text += ":::\n\n"
            }
        case .worksheet:
            url = "facilitators/worksheets/\(firstLevel)/\(firstTier)/\(id)/"
            more = config.levels.count * config.tiers.count - 1
            text = """
            ---
            title: \(title)
            summary: One sentence for the facilitators' list.
            themes: [\(id)]
            levels: [\(config.levels.map(\.id).joined(separator: ", "))]
            tiers: [\(config.tiers.map(\.id).joined(separator: ", "))]
            time: 15 minutes
            facilitator: How to introduce it, what to watch for, and how to close it.
            \(review)
            ---

            ::: name-date

            Write one or two short instructions for the young person.

            <!-- Print elements: ::: lines 5 | ::: box 6 | Label | ::: scale 1 5 | low | high |
                 ::: ticklist (then - items, then :::) | ::: cards Pile | Pile (then - cards, then :::) |
                 ::: trusted-circle | ::: safety-plan. Wrap any of them in ::: tier ID ... ::: -->

            ::: lines 5

            """
        case .session:
            url = "facilitators/\(firstLevel)/\(firstTier)/\(id)/"
            text = """
            ---
            title: \(title)
            summary: One sentence for the facilitators' list.
            levels: [\(firstLevel)]
            tiers: [\(firstTier)]
            length: 90 minutes
            group_size: 3 to 8
            worksheets: []   # worksheet ids, in the order they are used
            \(review)
            ---

            """
            let notes = [
                "What the group will learn, and how you will know.",
                "A table: time, activity, minutes. The minutes add up to the length.",
                "The worksheets to print, pens, and the anonymous question box.",
                "Tell the safeguarding lead. Check local procedures. Who is in the group, and do they know each other or the same people outside? Has each young person agreed to join? How does each get there and home safely? If a young person tells you something: listen, stay calm, take it seriously, say it is not their fault, do not promise secrecy, explain what happens next, record and report promptly. If anyone is in danger now, act at once. If a young person shows signs of self-harm or talks about suicide: what you do.",
                "Agreed with the group, revisited each time, applies to the adults too, and honest about its limits: the adults share something only to keep someone safe.",
                "A short activity that shows what the group knows now.",
                "Each activity as a ### heading with its minutes, using made-up young people with names.",
                "A break with a grounding exercise.",
                "Go back to the baseline: what has changed?",
                "Name the routes to help. Link [Get help](../pages/help.md); never type a phone number.",
                "Differentiation, special educational needs, English as an additional language, a young person who becomes upset.",
            ]
            for (section, note) in zip(SessionRule.requiredSections, notes) {
                text += "## \(section)\n\n<!-- \(note) -->\n"
                if section == "Before the session" {
                    // The steps `check` looks for, as a list to fill in.
                    text += """
                    - Tell the safeguarding lead, and reread local procedures.
                    - Who is in the group: do members know each other or the same people outside?
                    - How each young person gets there and home safely: who brings and collects them.
                    - If anyone is in danger now: act at once and call 999.
                    - If a young person shows signs of self-harm or talks about suicide: what you do.


                    """
                } else {
                    text += "Write this section.\n\n"
                }
            }
            // Last: it is printed apart, and given only with the young person's agreement.
            text += "## \(SessionPlan.handoutHeading)\n\n<!-- A short plain-English note for parents and carers (reading grade 7 at most). It prints on its own, never in the young person's pack. -->\nWrite this section.\n\n"
            more = 0
        case .parents:
            url = "parents-and-carers/\(id)/"
            text = """
            ---
            title: \(title)
            summary: One sentence for the parents' index.
            child_reads: \(config.levels.isEmpty ? "" : "<!-- a module id, such as staying-safe -->")
            \(review)
            ---

            <!-- For parents and carers: calm, practical, never blaming the child or the parent.
                 Reading grade at most \(ReadabilityRule.format(config.parentsReadingGrade)). -->

            Write the page here.

            """
            text = text.replacingOccurrences(of: "child_reads: <!-- a module id, such as staying-safe -->\n", with: "")
        case .page:
            url = "\(id)/"
            text = """
            ---
            title: \(title)
            summary: One sentence.
            \(review)
            ---

            <!-- Read by young people of every age: reading grade at most \(ReadabilityRule.format(config.pagesReadingGrade)). -->

            Write the page here.

            """
        }
        // A review "by" left as a comment would not be valid YAML: leave it empty for the writer.
        text = text.replacingOccurrences(of: "  by: <!-- who checked this page: a name or a role -->", with: "  by:   # who checked this page: a name or a role")
        return Scaffold(path: "\(kind.folder)/\(id).md", text: text, url: url, moreURLs: more)
    }
}
