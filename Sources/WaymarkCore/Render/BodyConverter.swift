// Markdown bodies into HTML for one reader: the reader's text chosen from the blocks, route
// mentions filled from site.yml, links resolved for the reader, worksheet elements through
// their templates, and the facts the checks read (prose, headings, links) recorded.

import Foundation
import WaymarkMarkdown

extension PageRenderer {
    // MARK: Markdown bodies

    mutating func body(_ nodes: [BodyNode], source: String, file: String, page: PlannedPage,
                               level: String? = nil, tier: String? = nil, simpler: Bool = false) -> String {
        var usedIDs = PageRenderer.templateIDs
        return body(nodes, source: source, file: file, page: page, level: level, tier: tier, usedIDs: &usedIDs, simpler: simpler)
    }

    /// - Parameters:
    ///   - usedIDs: heading ids already on the page (a pack renders several sources into one page).
    ///   - recordFacts: false when the same source is rendered again elsewhere (packs), so that
    ///     the checks see each page's text once.
    mutating func body(_ nodes: [BodyNode], source: String, file: String, page: PlannedPage,
                               level: String?, tier: String?, usedIDs: inout Set<String>, recordFacts: Bool = true,
                               simpler: Bool = false) -> String {
        let linkContext = LinkResolver.Context(sourcePath: source, page: page, level: level, tier: tier, language: page.language)
        var options = MarkdownOptions(rawHTML: config.rawHTML)
        // Young people's pages link words to their tier's glossary; parents' pages to theirs.
        // The glossary's words are the site's own language's: translated pages are not linked to it.
        let reader: String? = page.language != nil ? nil
            : page.kind.audience == .parents ? "parents" : (page.kind.audience == .youngPeople ? tier : nil)
        if let reader, var glossary = glossaryTerms[reader], let target = plan.page(.glossary(reader: reader)) {
            glossary.pageURL = RelativeURL.from(page.outputPath, to: target.urlPath)
            options.glossary = glossary
        }
        var linkedTerms: Set<String> = []
        var html = ""
        var pageFacts = PageFacts(page: page, file: file, level: level, tier: tier, prose: [], headings: [], links: [])
        // Symbols show in a worksheet's simpler version, as pictures of this site; elsewhere they go.
        let symbolBase = RelativeURL.from(page.outputPath, to: "")
        func symbols(_ text: String) -> String {
            WorksheetSymbol.replace(text) { name in
                simpler ? "<img class=\"symbol\" src=\"\(symbolBase)\(WorksheetSymbol.path(of: name))\" alt=\"\" width=\"48\" height=\"48\"> " : ""
            }
        }
        for segment in VariantText.select(nodes, level: level, tier: tier, simpler: simpler) {
            if case .element(let element, let at) = segment.kind {
                // What a worksheet element asks the reader to read counts for its reading age.
                pageFacts.prose += element.readableText.map { ProseBlock(text: WorksheetSymbol.strip($0), line: at.line) }
                if let rendered = elementHTML(element).map(symbols) { html += rendered } else {
                    diagnostics.append(.error("the template for this element could not be rendered", at: at, rule: "template.render"))
                }
                continue
            }
            let text = PageRenderer.fillRouteMentions(segment.lines, config: config).joined(separator: "\n")
            var resolved: [(MarkdownLink, Result<LinkResolver.Resolved, LinkError>)] = []
            let rendered = Markdown.render(text, options: options, usedIDs: &usedIDs, linkedTerms: &linkedTerms) { link in
                let result = links.resolve(link.url, isImage: link.isImage, in: linkContext)
                resolved.append((link, result))
                return (try? result.get())?.url
            }
            func sourceLine(_ line: Int) -> Int {
                segment.lines[min(max(line - 1, 0), segment.lines.count - 1)].number
            }
            for (link, result) in resolved {
                let location = locate(link, in: segment.lines, file: file)
                switch result {
                case .failure where !recordFacts:
                    break
                case .failure(let error):
                    diagnostics.append(.error(error.message, at: location, rule: "link.broken"))
                case .success(let target):
                    pageFacts.links.append(PageFacts.Link(url: link.url, text: link.text, isImage: link.isImage,
                                                          location: location, target: target.target, fragment: target.fragment))
                }
            }
            pageFacts.prose += rendered.prose.map { ProseBlock(text: WorksheetSymbol.strip($0.text), line: sourceLine($0.line)) }
            pageFacts.headings += rendered.headings.map {
                MarkdownHeading(level: $0.level, text: $0.text, id: $0.id, line: sourceLine($0.line))
            }
            for line in rendered.removedHTMLLines {
                diagnostics.append(.warning("raw HTML is left out of the page: write Markdown, or set `raw_html: true` in site.yml",
                                            at: SourceLocation(file: file, line: sourceLine(line)), rule: "markdown.raw-html"))
            }
            let renderedHTML = symbols(rendered.html)
            if segment.isBreak {
                html += templates.render("partials/take-a-break", ["content": renderedHTML], language: language) ?? renderedHTML
            } else {
                html += renderedHTML
            }
        }
        if recordFacts { facts.append(pageFacts) }
        return html
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

    /// A worksheet element through its template in Templates/partials/print/.
    func elementHTML(_ element: PrintElement) -> String? {
        func numbered(_ n: Int) -> [[String: Any]] { (0..<n).map { ["n": $0 + 1] } }
        let name: String
        var context: [String: Any] = [:]
        switch element {
        case .nameDate: name = "name-date"
        case .lines(let count): name = "lines"; context["lines"] = numbered(count)
        case .box(let lines, let label):
            name = "box"
            context["lines"] = numbered(lines)
            if let label { context["label"] = label }
        case .scale(let from, let to, let low, let high):
            name = "scale"
            context["points"] = (from...to).map { ["n": $0] }
            context["low"] = low
            context["high"] = high
        case .tickList(let items): name = "ticklist"; context["items"] = items.map { ["text": $0] }
        case .cards(let piles, let cards):
            name = "cards"
            context["piles"] = piles.map { ["label": $0] }
            context["cards"] = cards.map { ["text": $0] }
        case .trustedCircle: name = "trusted-circle"
        case .safetyPlan: name = "safety-plan"
        }
        return templates.render("partials/print/" + name, context, language: language)
    }

    /// Ids the templates put on every page; headings never take them, and links may use them.
    static let templateIDs: Set<String> = ["main", "content", "help", "help-title", "exit", "top", "parents-handout"]

    /// cmark knows the block a link is in; the link's own line, and the column of its address,
    /// are found by looking for the address from that line on.
    func locate(_ link: MarkdownLink, in lines: [SourceLine], file: String) -> SourceLocation {
        let start = min(max(link.blockLine - 1, 0), max(lines.count - 1, 0))
        guard !lines.isEmpty else { return SourceLocation(file: file) }
        for line in lines[start...] {
            if let range = line.text.range(of: "](" + link.url) ?? line.text.range(of: "<" + link.url) {
                let offset = line.text.distance(from: line.text.startIndex, to: range.lowerBound)
                return SourceLocation(file: file, line: line.number, column: offset + (range.upperBound == range.lowerBound ? 1 : line.text[range].hasPrefix("](") ? 3 : 2))
            }
            if let range = line.text.range(of: link.url) {
                return SourceLocation(file: file, line: line.number,
                                      column: line.text.distance(from: line.text.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(file: file, line: lines[start].number)
    }
}
