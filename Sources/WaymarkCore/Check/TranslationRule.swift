// Translations that have fallen behind their source: each translation records the fingerprint
// of the English text it was made from (`source:`); when the English changes, the fingerprint
// changes and every translation of it is reported until a translator brings it up to date.

import WaymarkModel

/// Where one translated file stands, for `waymark check`'s list of translations.
public struct TranslationState: Hashable, Sendable, Codable {
    public var language: String
    public var file: String
    public var source: String
    public var status: String
    public var by: String?
    public var date: String?
    /// False when the source has changed since (or the translation does not say which version it follows).
    public var upToDate: Bool
}

enum TranslationRule {
    static func states(content: Content) -> [TranslationState] {
        let sources = content.sourceDocuments
        return content.config.languages.flatMap { language -> [TranslationState] in
            (content.translations[language.code]?.documents ?? []).sorted { $0.file < $1.file }.compactMap { document in
                guard let status = document.meta.translation, let current = sources[document.path]?.meta.fingerprint else { return nil }
                return TranslationState(language: language.code, file: document.file, source: document.path,
                                        status: status.state.rawValue, by: status.by, date: status.date?.description,
                                        upToDate: status.source == current)
            }
        }
    }

    static func check(content: Content) -> [Diagnostic] {
        let sources = content.sourceDocuments
        var diagnostics: [Diagnostic] = []
        for code in content.translations.keys.sorted() {
            for document in content.translations[code]!.documents.sorted(by: { $0.file < $1.file }) {
                guard let status = document.meta.translation, let source = sources[document.path] else { continue }
                let current = source.meta.fingerprint
                guard let recorded = status.source else {
                    diagnostics.append(.warning("say which version of \(source.file) this translates: add `source: \(current)` under `translation:`",
                                                at: status.location, rule: "translation.source"))
                    continue
                }
                if recorded != current {
                    // A draft is never published, so its falling behind is a note for the translator
                    // (it does not fail `check --strict`); a published translation behind is a warning.
                    let severity: Severity = status.state == .draft ? .note : .warning
                    diagnostics.append(Diagnostic(severity, "\(source.file) has changed since this was translated (from version \(recorded) to \(current)): update the translation, then set `source: \(current)`",
                                                at: status.sourceLocation ?? status.location, rule: "translation.stale"))
                }
            }
        }
        return diagnostics
    }
}
