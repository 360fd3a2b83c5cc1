// The Validate stage: checks what was loaded against site.yml and against itself: tier and level
// ids in front matter and in blocks, blocks that belong only in modules, and cross-references.

import WaymarkModel

public enum Validator {
    /// - Parameter memo: work kept from an earlier run; a file's route mentions and symbols are
    ///   looked at again only when its body changed.
    public static func validate(_ content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        validateDocuments(content, memo: memo) + mentionProblems(content, memo: memo) + symbolProblems(content, memo: memo)
            + translationProblems(content) + serviceProblems(content)
    }

    /// The documents of one language: ids, blocks, cross-references and route mentions.
    private static func validateDocuments(_ content: Content, memo: (any Memo)?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let config = content.config
        let tierIDs = config.tiers.map(\.id)
        let levelIDs = config.levels.map(\.id)

        func unknown(_ kind: String, _ ref: IDReference, known: [String]) -> Diagnostic {
            let hint = YAMLFields.closest(to: ref.id, in: known).map { "did you mean `\($0)`? " } ?? ""
            let place = kind == "tier" || kind == "level" ? "in site.yml" : "in the content folder"
            let list = known.isEmpty ? "there are no \(kind)s \(place) yet" : "\(kind)s \(place): \(known.joined(separator: ", "))"
            return .error("unknown \(kind) `\(ref.id)`; \(hint)\(list)", at: ref.location, rule: "content.unknown-\(kind)")
        }

        let tiered: [any Tiered] = content.modules + content.worksheets + content.sessions
        for module in tiered {
            for ref in module.levels where !levelIDs.contains(ref.id) { diagnostics.append(unknown("level", ref, known: levelIDs)) }
            for ref in module.tiers where !tierIDs.contains(ref.id) { diagnostics.append(unknown("tier", ref, known: tierIDs)) }
            // The walk of a body is kept with it (front matter and site.yml are watched by the
            // memo's owner): a large site's bodies were a twentieth of a preview's rebuild.
            diagnostics += remembered(memo, .documentFindings, "blocks " + module.file, madeFrom: module.body) {
                blockProblems(module, tierIDs: tierIDs, levelIDs: levelIDs) { unknown($0, $1, known: $2) }
            }
        }

        // A session's worksheets must exist and be written for every reader the session is for.
        let worksheets = Dictionary(content.worksheets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for session in content.sessions {
            for ref in session.worksheets {
                guard let worksheet = worksheets[ref.id] else {
                    diagnostics.append(unknown("worksheet", ref, known: content.worksheets.map(\.id).sorted()))
                    continue
                }
                let missingLevels = session.levels.map(\.id).filter { id in !worksheet.levels.contains { $0.id == id } }
                let missingTiers = session.tiers.map(\.id).filter { id in !worksheet.tiers.contains { $0.id == id } }
                if !missingLevels.isEmpty || !missingTiers.isEmpty {
                    let gaps = (missingLevels.map { "level \($0)" } + missingTiers.map { "tier \($0)" }).joined(separator: ", ")
                    diagnostics.append(.error("the worksheet `\(ref.id)` is not written for \(gaps), which this session is for: add them to the worksheet's `levels`/`tiers`",
                                              at: ref.location, rule: "session.worksheet"))
                }
            }
        }

        let moduleIDs = content.modules.map(\.id)
        for page in content.pages {
            walk(page.body) { block in
                switch block.kind {
                case .panel, .element: return
                case .version:
                    diagnostics.append(.error("`::: simpler` and `::: standard` blocks only work in worksheets, which print in both versions",
                                              at: block.opening, rule: "block.not-in-worksheet"))
                    return
                case .tiers, .levels: break
                }
                diagnostics.append(.error("tier and level blocks only work in modules: this page is the same for every reader",
                                          at: block.opening, rule: "block.not-in-module"))
            }
            if let ref = page.childReads, !moduleIDs.contains(ref.id) {
                diagnostics.append(unknown("module", ref, known: moduleIDs))
            }
            if let ref = page.calmTier {
                let tiers = content.config.tiers.map(\.id)
                if !tiers.contains(ref.id) {
                    diagnostics.append(unknown("tier", ref, known: tiers))
                } else if let other = content.pages.first(where: { $0.calmTier?.id == ref.id && $0.file < page.file }) {
                    diagnostics.append(.error("\(other.file) is already the calm page for \(ref.id): a tier has one calm page",
                                              at: ref.location, rule: "calm.duplicate"))
                }
            }
        }
        return diagnostics
    }

    /// Tier, level and version blocks of one module, worksheet or session.
    private static func blockProblems(_ module: any Tiered, tierIDs: [String], levelIDs: [String],
                                      unknown: (String, IDReference, [String]) -> Diagnostic) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        /// A block's tier or level ids: each must exist, and be one the front matter covers.
        func check(_ ids: [String], _ kind: String, known: [String], covered: [IDReference], at place: SourceLocation) {
            for id in ids {
                if !known.contains(id) {
                    diagnostics.append(unknown(kind, IDReference(id, at: place), known))
                } else if !covered.contains(where: { $0.id == id }) {
                    diagnostics.append(.warning("this block is for \(kind) `\(id)`, which the front matter's `\(kind)s` leave out, so no page shows it",
                                                at: place, rule: "block.not-covered"))
                }
            }
        }
        walk(module.body) { block in
            switch block.kind {
            case .tiers(let ids):
                check(ids, "tier", known: tierIDs, covered: module.tiers, at: block.opening)
            case .levels(let ids):
                check(ids, "level", known: levelIDs, covered: module.levels, at: block.opening)
            case .panel, .element:
                break
            case .version:
                if !(module is Worksheet) {
                    diagnostics.append(.error("`::: simpler` and `::: standard` blocks only work in worksheets, which print in both versions",
                                              at: block.opening, rule: "block.not-in-worksheet"))
                }
            }
        }
        return diagnostics
    }

    /// `{{symbol NAME}}` needs Content/images/symbols/NAME.svg, and works only in worksheets.
    static func symbolProblems(_ content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        let known = content.images.keys.filter { $0.hasPrefix(WorksheetSymbol.folder + "/") && $0.hasSuffix(".svg") }
            .map { String($0.dropFirst(WorksheetSymbol.folder.count + 1).dropLast(4)) }.sorted()
        let bodies: [(String, [BodyNode], Bool)] = content.worksheets.map { ($0.file, $0.body, true) }
            + content.modules.map { ($0.file, $0.body, false) } + content.sessions.map { ($0.file, $0.body, false) }
            + content.pages.map { ($0.file, $0.body, false) }
        // Each file on its own, on every core; the findings in the files' order.
        return Parallel.map(bodies) { (file, body, isWorksheet) -> [Diagnostic] in
            remembered(memo, .documentFindings, "worksheet.symbol " + file, madeFrom: body) {
                var diagnostics: [Diagnostic] = []
                for line in BodyParser.linesOutsideCode(body) where line.text.containsBytes("{{") {
                    for symbol in WorksheetSymbol.find(in: line.text) {
                        let at = SourceLocation(file: file, line: line.number, column: symbol.start + 1)
                        if !isWorksheet {
                            diagnostics.append(.error("symbols show only in worksheets (in their simpler version): remove {{symbol \(symbol.name)}}",
                                                      at: at, rule: "worksheet.symbol"))
                        } else if !known.contains(symbol.name) {
                            let guess = YAMLFields.closest(to: symbol.name, in: known).map { "did you mean `\($0)`? " } ?? ""
                            diagnostics.append(.error("there is no symbol `\(symbol.name)` (\(WorksheetSymbol.path(of: symbol.name)) in the content folder); \(guess)symbols: \(known.joined(separator: ", "))",
                                                      at: at, rule: "worksheet.symbol"))
                        }
                    }
                }
                return diagnostics
            }
        }.flatMap { $0 }
    }

    /// `{{route ...}}` and `{{service ...}}` that name nothing in site.yml, at their column.
    static func mentionProblems(_ content: Content, memo: (any Memo)? = nil) -> [Diagnostic] {
        let bodies: [(String, [BodyNode])] = content.modules.map { ($0.file, $0.body) } + content.worksheets.map { ($0.file, $0.body) }
            + content.sessions.map { ($0.file, $0.body) } + content.pages.map { ($0.file, $0.body) }
        let config = content.config
        // Each file on its own, on every core; the findings in the files' order.
        return Parallel.map(bodies) { (file, body) -> [Diagnostic] in
            remembered(memo, .documentFindings, "signpost.route " + file, madeFrom: body) {
                var diagnostics: [Diagnostic] = []
                for line in BodyParser.linesOutsideCode(body) where line.text.containsBytes("{{") {
                    for mention in RouteMention.find(in: line.text) {
                        guard let problem = mention.problem(in: config) else { continue }
                        diagnostics.append(.error(problem, at: SourceLocation(file: file, line: line.number, column: mention.start + 1),
                                                  rule: "signpost.route"))
                    }
                }
                return diagnostics
            }
        }.flatMap { $0 }
    }

    /// The service's page must exist: every help box links to it.
    static func serviceProblems(_ content: Content) -> [Diagnostic] {
        guard let service = content.config.service else { return [] }
        if content.pages.contains(where: { $0.section == .pages && $0.id == service.page }) { return [] }
        return [.error("the service's `page: \(service.page)` has no pages/\(service.page).md: every help box links to it, so write it (how to get in touch, in plain words)",
                       at: service.location, rule: "service.page")]
    }

    /// Each translation must mirror a source file, and a tiered one cover only levels and tiers
    /// its source covers.
    static func translationProblems(_ content: Content) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let sources: [String: any Tiered] = Dictionary(
            (content.modules as [any Tiered] + content.worksheets + content.sessions).map { ($0.path, $0) },
            uniquingKeysWith: { a, _ in a })
        let pagePaths = Set(content.pages.map(\.path))
        for code in content.translations.keys.sorted() {
            let translation = content.translations[code]!
            for document in translation.documents where sources[document.path] == nil && !pagePaths.contains(document.path) {
                diagnostics.append(.error("there is no \(document.path) for this to translate: a translation has the same path as its source under translations/\(code)/",
                                          at: SourceLocation(file: document.file), rule: "translation.no-source"))
            }
            let tiered: [any Tiered] = translation.modules + translation.worksheets + translation.sessions
            for document in tiered {
                guard let source = sources[document.path] else { continue }
                let levels = Set(source.levels.map(\.id)), tiers = Set(source.tiers.map(\.id))
                for ref in document.levels where !levels.contains(ref.id) {
                    diagnostics.append(.error("\(source.file) is not written for level `\(ref.id)`, so there is nothing to translate for it",
                                              at: ref.location, rule: "translation.not-in-source"))
                }
                for ref in document.tiers where !tiers.contains(ref.id) {
                    diagnostics.append(.error("\(source.file) is not written for tier `\(ref.id)`, so there is nothing to translate for it",
                                              at: ref.location, rule: "translation.not-in-source"))
                }
            }
            // Blocks and ids are checked like the source's.
            var copy = content
            copy.modules = translation.modules
            copy.worksheets = translation.worksheets
            copy.sessions = []
            copy.pages = translation.pages
            copy.translations = [:]
            diagnostics += validateDocuments(copy, memo: nil).filter { $0.rule != "content.unknown-worksheet" }
        }
        return diagnostics
    }

    /// Visits every block of a body, outer blocks first.
    static func walk(_ nodes: [BodyNode], _ visit: (Block) -> Void) {
        for node in nodes {
            if case .block(let block) = node {
                visit(block)
                walk(block.children, visit)
            }
        }
    }
}
