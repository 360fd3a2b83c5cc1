// One source's Markdown into one reader's body: the reader's text chosen from the blocks
// (VariantText), route mentions filled from site.yml, links resolved for the reader's page,
// glossary words linked, and the facts the checks read (prose, headings, links) recorded with
// their source lines. No template is involved: worksheet elements and take-a-break panels are
// left as pieces for Render to dress, so the checks never wait on a template.

import Foundation
import WaymarkMarkdown
import WaymarkModel

/// A converted body, in order: HTML made from Markdown, and the pieces a template dresses.
public struct ConvertedBody: Sendable, Equatable {
    public enum Piece: Sendable, Equatable {
        /// HTML from Markdown, ready for the page.
        case html(String)
        /// HTML from Markdown, shown in a panel (Templates/partials/take-a-break, now, more).
        case panel(Panel, String)
        /// A worksheet element, drawn by its template in Templates/partials/print/. `symbolBase`
        /// is the address of the site's root from the page when the element's symbols show as
        /// pictures (a worksheet's simpler version), nil when they are left out.
        case element(PrintElement, at: SourceLocation, symbolBase: String?)
        /// An activity, its Markdown converted (Templates/partials/activity).
        case activity(ConvertedActivity, at: SourceLocation)
    }

    public var pieces: [Piece] = []
    /// The body's second-level headings outside its what-to-do-now panel, in order: a long
    /// page's contents list.
    public var sections: [MarkdownHeading] = []
}

/// An activity with its story, items and feedback as HTML: what Render dresses and the answer keys read.
public struct ConvertedActivity: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        /// The choice, statement or card: inline HTML.
        public var text: String
        /// Quiz and sort: the index of its answer in `answers`.
        public var answer: Int?
        /// What the choice leads to, or why: inline HTML.
        public var feedback: String
    }

    public var kind: Activity.Kind
    public var title: String
    public var answers: [String]
    /// HTML of the story or introduction (may be empty).
    public var story: String
    public var items: [Item]
}

/// Converts bodies for the pages of one language (nil: the site's own).
struct BodyConverter: Sendable {
    let plan: SitePlan
    let links: LinkResolver
    /// site.yml's settings with the page language's words (route mentions are filled from it).
    let config: SiteConfig
    /// Glossary terms prepared once for each reader.
    let glossaryTerms: [Reader: GlossaryLinks]

    static let tappableNumbers = ["999", "101", "111"]

    /// Ids the templates put on every page; headings never take them, and links may use them.
    static let templateIDs: Set<String> = ["main", "content", "help", "help-title", "exit", "top", "parents-handout", "now-title",
                                           "contents-title"]

    /// What converting one body found.
    struct Result: Sendable {
        var body: ConvertedBody
        var facts: PageFacts
        var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - usedIDs: heading ids already on the page (a pack puts several sources on one page).
    ///   - checked: false when the same source is shown again elsewhere (packs), so that its
    ///     broken links are reported once, on the page of its own.
    /// The reader's level and tier are the page's (`PageKind.variant`); pages with none show no
    /// level or tier block.
    func convert(_ nodes: [BodyNode], source: String, file: String, page: PlannedPage, simpler: Bool = false,
                 usedIDs: inout Set<String>, checked: Bool = true) -> Result {
        let variant = page.kind.variant
        let linkContext = LinkResolver.Context(sourcePath: source, page: page, variant: variant, language: page.language)
        // The numbers that are the same everywhere and may be typed (999, 101, 111) ring when tapped.
        var options = MarkdownOptions(rawHTML: config.rawHTML, tappableNumbers: BodyConverter.tappableNumbers)
        // Young people's pages link words to their tier's glossary; parents' pages to theirs.
        // The glossary's words are the site's own language's: translated pages are not linked to it.
        let reader: Reader? = page.language != nil ? nil
            : page.kind.audience == .parents ? .parents : (page.kind.audience == .youngPeople ? variant.map { .youngPeople(tier: $0.tier) } : nil)
        if let reader, var glossary = glossaryTerms[reader], let target = plan.page(.glossary(reader: reader)) {
            glossary.pageURL = RelativeURL.from(page.outputPath, to: target.urlPath)
            options.glossary = glossary
        }
        var linkedTerms: Set<String> = []
        var body = ConvertedBody()
        var facts = PageFacts.Gathered()
        var diagnostics: [Diagnostic] = []
        // Symbols show in a worksheet's simpler version, as pictures of this site; elsewhere they go.
        let symbolBase = simpler ? RelativeURL.from(page.outputPath, to: "") : nil
        /// One run of Markdown lines as HTML, recording its links, prose and headings for the checks.
        func markdown(_ lines: [SourceLine]) -> (html: String, headings: [MarkdownHeading]) {
            let text = BodyConverter.fillRouteMentions(lines, config: config).joined(separator: "\n")
            var resolved: [(MarkdownLink, Swift.Result<LinkResolver.Resolved, LinkError>)] = []
            let rendered = Markdown.render(text, options: options, usedIDs: &usedIDs, linkedTerms: &linkedTerms) { link in
                let result = links.resolve(link.url, isImage: link.isImage, in: linkContext)
                resolved.append((link, result))
                return (try? result.get())?.url
            }
            func sourceLine(_ line: Int) -> Int {
                lines[min(max(line - 1, 0), lines.count - 1)].number
            }
            var printed: [(href: String, address: String)] = []
            // A link holds the page it leads to, a large value: room for all of them at once, not
            // a copy of the list at each growth.
            facts.links.reserveCapacity(facts.links.count + resolved.count)
            for (link, result) in resolved {
                let location = BodyConverter.locate(link, in: lines, file: file)
                switch result {
                case .failure where !checked:
                    break
                case .failure(let error):
                    diagnostics.append(.error(error.message, at: location, rule: "link.broken"))
                case .success(let target):
                    facts.links.append(PageFacts.Link(url: link.url, text: link.text, isImage: link.isImage,
                                                      location: location, target: target.target, fragment: target.fragment))
                    // On paper "the Get help page" needs its address: the page's, in full.
                    if !link.isImage, let href = target.url, let page = target.target, page.outputPath != linkContext.page.outputPath {
                        let address = (config.baseURL ?? "/") + page.urlPath + (target.fragment.map { "#" + $0 } ?? "")
                        printed.append((href, address))
                    }
                }
            }
            facts.prose += rendered.prose.map { ProseBlock(text: WorksheetSymbol.strip($0.text), line: sourceLine($0.line), leadIn: $0.leadIn) }
            let headings = rendered.headings.map {
                MarkdownHeading(level: $0.level, text: $0.text, id: $0.id, line: sourceLine($0.line))
            }
            facts.headings += headings
            for line in rendered.removedHTMLLines {
                diagnostics.append(.warning("raw HTML is left out of the page: write Markdown, or set `raw_html: true` in site.yml",
                                            at: SourceLocation(file: file, line: sourceLine(line)), rule: "markdown.raw-html"))
            }
            // One pass over the bytes for all of them (Foundation's search, a link at a time, made
            // Convert four times slower on a site of linked pages).
            var seen: Set<String> = []
            let pairs = printed.filter { seen.insert($0.href).inserted }.map { href, address -> (String, String) in
                let escaped = BodyConverter.escapeAttribute(href)
                return ("<a href=\"\(escaped)\">", "<a href=\"\(escaped)\" data-print-url=\"\(BodyConverter.escapeAttribute(address))\">")
            }
            let html = pairs.isEmpty ? rendered.html : rendered.html.replacingAll(pairs)
            return (WorksheetSymbol.show(html, base: symbolBase), headings)
        }
        /// One line of inline Markdown (a choice, a card, feedback) without its paragraph.
        func inline(_ text: String, line: Int) -> String {
            let html = markdown([SourceLine(text: text, number: line)]).html.trimmingCharacters(in: .whitespacesAndNewlines)
            guard html.hasPrefix("<p>"), html.hasSuffix("</p>") else { return html }
            return String(html.dropFirst(3).dropLast(4))
        }
        for segment in VariantText.select(nodes, for: variant, simpler: simpler) {
            if case .element(.activity(let activity), let at) = segment.kind {
                // What the reader reads of it (story, choices, feedback) is checked like any prose.
                let story = activity.story.contains { !$0.text.allSatisfy(\.isWhitespace) } ? markdown(activity.story).html : ""
                facts.prose.append(ProseBlock(text: activity.title, line: at.line))
                let items = activity.items.map { item in
                    ConvertedActivity.Item(text: inline(item.text, line: item.line), answer: item.answer,
                                           feedback: inline(item.feedback, line: item.feedbackLine))
                }
                body.pieces.append(.activity(ConvertedActivity(kind: activity.kind, title: activity.title, answers: activity.answers,
                                                               story: story, items: items), at: at))
                continue
            }
            if case .element(let element, let at) = segment.kind {
                // What a worksheet element asks the reader to read counts for its reading age.
                facts.prose += element.readableText.map { ProseBlock(text: WorksheetSymbol.strip($0), line: at.line) }
                // Picture cards are pictures in both versions of a sheet.
                let pictures: String? = if case .pictureCards = element { RelativeURL.from(page.outputPath, to: "") } else { symbolBase }
                body.pieces.append(.element(element, at: at, symbolBase: pictures))
                continue
            }
            let (html, headings) = markdown(segment.lines)
            if segment.panel != .now { body.sections += headings.filter { $0.level == 2 } }
            if let panel = segment.panel, panel != .takeABreak {
                let firstText = segment.lines.first { !$0.text.allSatisfy(\.isWhitespace) }?.number
                let startsWithHeading = firstText != nil && headings.first?.line == firstText
                facts.panels.append(PanelFact(panel: panel, line: segment.lines.first?.number ?? 0,
                                              steps: PanelFact.steps(in: segment.lines), startsWithHeading: startsWithHeading))
            }
            if let panel = segment.panel {
                body.pieces.append(.panel(panel, html))
            } else {
                body.pieces.append(.html(html))
            }
        }
        return Result(body: body, facts: PageFacts(page: page, file: file, facts), diagnostics: diagnostics)
    }

    /// Text as an HTML attribute's value, as cmark writes an address.
    static func escapeAttribute(_ text: String) -> String {
        // Most addresses have neither: asked for every link of every page.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") }) else { return text }
        return text.replacingAll([("&", "&amp;"), ("\"", "&quot;")])
    }

    /// Lines with `{{route ...}}` and `{{service ...}}` filled from site.yml, outside fenced code.
    static func fillRouteMentions(_ lines: [SourceLine], config: SiteConfig, plain: Bool = false) -> [String] {
        var fence: (marker: Character, length: Int)?
        return lines.map { line in
            if let open = fence {
                if BodyParser.closesFence(line.text, open) { fence = nil }
                return line.text
            }
            if let opened = BodyParser.opensFence(line.text) { fence = opened; return line.text }
            return RouteMention.fill(line.text, in: config, plain: plain)
        }
    }

    /// cmark knows the block a link is in; the link's own line, and the column of its address,
    /// are found by looking for the address from that line on.
    static func locate(_ link: MarkdownLink, in lines: [SourceLine], file: String) -> SourceLocation {
        let start = min(max(link.blockLine - 1, 0), max(lines.count - 1, 0))
        guard !lines.isEmpty else { return SourceLocation(file: file) }
        for line in lines[start...] {
            // Searched on bytes: every link of every page is looked for here.
            if let range = line.text.firstRange(ofBytes: "](" + link.url) ?? line.text.firstRange(ofBytes: "<" + link.url) {
                let offset = line.text.distance(from: line.text.startIndex, to: range.lowerBound)
                return SourceLocation(file: file, line: line.number, column: offset + (range.upperBound == range.lowerBound ? 1 : line.text[range].hasPrefix("](") ? 3 : 2))
            }
            if let range = line.text.firstRange(ofBytes: link.url) {
                return SourceLocation(file: file, line: line.number,
                                      column: line.text.distance(from: line.text.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(file: file, line: lines[start].number)
    }
}
