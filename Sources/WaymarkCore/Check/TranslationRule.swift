// Translations that have fallen behind their source: each translation records the fingerprint
// of the English text it was made from (`source:`); when the English changes, the fingerprint
// changes and every translation of it is reported until a translator brings it up to date.

import WaymarkModel

/// A translated file and where it stands (its front matter's `translation:`), for `waymark
/// check`'s list of translations.
public struct TranslatedFile: Sendable, Encodable {
    public var language: String
    /// As shown in diagnostics.
    public var file: String
    /// The path of the page it translates, in the content folder.
    public var source: String
    public var translation: TranslationStatus
    /// False when the source has changed since (or the translation does not say which version it follows).
    public var upToDate: Bool

    /// `draft` or `reviewed`.
    public var status: String { translation.state.rawValue }

    enum Key: String, CodingKey { case language, file, source, status, by, date, upToDate }

    // The JSON of `check --format json`: the status's words, not its places in the file.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(language, forKey: .language)
        try container.encode(file, forKey: .file)
        try container.encode(source, forKey: .source)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(translation.by, forKey: .by)
        try container.encodeIfPresent(translation.date?.description, forKey: .date)
        try container.encode(upToDate, forKey: .upToDate)
    }
}

enum TranslationRule {
    static func states(content: Content) -> [TranslatedFile] {
        let sources = content.sourceDocuments
        return content.config.languages.flatMap { language -> [TranslatedFile] in
            (content.translations[language.code]?.documents ?? []).sorted { $0.file < $1.file }.compactMap { document in
                guard let status = document.meta.translation, let current = sources[document.path]?.meta.fingerprint else { return nil }
                return TranslatedFile(language: language.code, file: document.file, source: document.path, translation: status,
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
