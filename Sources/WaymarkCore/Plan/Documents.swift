// The documents a language's pages are made from, by id: a translation's documents take the
// place of the ones they translate, and the rest stay in the site's own language.

import WaymarkModel

/// The documents pages are made from, by id (pages by `section/id`).
struct Documents: Sendable {
    var modules: [String: Module]
    var pages: [String: Page]
    var worksheets: [String: Worksheet]
    var sessions: [String: SessionPlan]

    init(modules: [Module], pages: [Page], worksheets: [Worksheet], sessions: [SessionPlan]) {
        self.modules = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.pages = Dictionary(pages.map { ("\($0.section.rawValue)/\($0.id)", $0) }, uniquingKeysWith: { a, _ in a })
        self.worksheets = Dictionary(worksheets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.sessions = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    init(_ content: Content) {
        self.init(modules: content.modules, pages: content.pages, worksheets: content.worksheets, sessions: content.sessions)
    }

    init(_ translation: Translation) {
        self.init(modules: translation.modules, pages: translation.pages, worksheets: translation.worksheets,
                  sessions: translation.sessions)
    }

    /// These documents with a translation's in place of the ones it translates.
    func replacing(with translated: Documents) -> Documents {
        var copy = self
        copy.modules.merge(translated.modules) { _, new in new }
        copy.pages.merge(translated.pages) { _, new in new }
        copy.worksheets.merge(translated.worksheets) { _, new in new }
        copy.sessions.merge(translated.sessions) { _, new in new }
        return copy
    }
}
