// Route mentions: `{{route childline phone}}` and `{{service email}}` in a page put a route's
// name, number or address there from site.yml, so every number is written once. This file finds
// them in a line and says what each becomes; Validate reports the unknown ones with their column,
// Render puts the Markdown in before converting, and search puts in the plain words.


public struct RouteMention: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        case route(String)
        case service
    }

    /// What part of the route to write; `name` when the mention gives none.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case name, phone, sms, url, email
    }

    public var target: Target
    /// The field as written (checked against `Field` by Validate).
    public var fieldWord: String?
    /// Where the mention starts and ends in its line, as character offsets from 0.
    public var start: Int
    public var end: Int

    public var field: Field? { fieldWord.map { Field(rawValue: $0.lowercased()) } ?? .name }

    /// Every `{{route ...}}` and `{{service ...}}` in a line. Other `{{...}}` text is left alone.
    public static func find(in line: String) -> [RouteMention] {
        InlineTag.find(in: line, named: ["route", "service"]).map { tag in
            let words = tag.words
            if words[0].lowercased() == "route" {
                return RouteMention(target: .route(words.count > 1 ? words[1] : ""), fieldWord: words.count > 2 ? words[2] : nil,
                                    start: tag.start, end: tag.end)
            }
            return RouteMention(target: .service, fieldWord: words.count > 1 ? words[1] : nil, start: tag.start, end: tag.end)
        }
    }

    /// What is wrong with this mention in a site, in words for an author; nil when it is fine.
    public func problem(in config: SiteConfig) -> String? {
        let fields = Field.allCases.map(\.rawValue).joined(separator: ", ")
        switch target {
        case .route(let id):
            guard !id.isEmpty else { return "`{{route}}` needs a helpline id, such as {{route childline}}" }
            guard let helpline = config.helpline(id) else {
                let ids = config.helplines.map(\.id)
                let guess = config.helplines.first { $0.names.contains { $0.lowercased() == id.lowercased() } }?.id
                    ?? Spelling.closest(to: id, in: ids)
                return "no helpline in site.yml has the id `\(id)`" + (guess.map { "; did you mean `\($0)`?" } ?? "")
                    + " Helplines: \(ids.joined(separator: ", "))"
            }
            guard let field else { return "`\(fieldWord ?? "")` is not something a route has; write one of \(fields)" }
            if value(of: helpline, field) == nil {
                return "\(helpline.name) has no `\(field == .phone ? "phone" : field.rawValue)` in site.yml"
            }
        case .service:
            guard let service = config.service else { return "site.yml has no `service` to take these details from" }
            guard let field, field != .sms else { return "`\(fieldWord ?? "")` is not something the service has; write name, phone, url or email" }
            if value(of: service, field) == nil { return "the service has no `\(field.rawValue)` in site.yml" }
        }
        return nil
    }

    func value(of helpline: Helpline, _ field: Field) -> String? {
        switch field {
        case .name: return helpline.name
        case .phone: return helpline.phones.isEmpty ? nil : helpline.phones.joined(separator: " or ")
        case .sms: return helpline.sms
        case .url: return helpline.url
        case .email: return helpline.email
        }
    }

    func value(of service: ServiceContact, _ field: Field) -> String? {
        switch field {
        case .name: return service.name
        case .phone: return service.phone
        case .sms: return nil
        case .url: return service.url
        case .email: return service.email
        }
    }

    /// The Markdown the mention stands for: numbers and addresses as links. Nil when it cannot be
    /// filled (Validate has reported it).
    public func markdown(in config: SiteConfig) -> String? {
        guard let field else { return nil }
        switch target {
        case .route(let id):
            guard let helpline = config.helpline(id) else { return nil }
            switch field {
            case .phone:
                return helpline.phones.isEmpty ? nil : helpline.phones.map { "[\($0)](tel:\(digits($0)))" }.joined(separator: " or ")
            case .sms: return helpline.sms.map { "[\($0)](sms:\(digits($0)))" }
            default: return value(of: helpline, field).map { link($0, field) }
            }
        case .service:
            guard let service = config.service else { return nil }
            if field == .phone { return service.phone.map { "[\($0)](tel:\(digits($0)))" } }
            return value(of: service, field).map { link($0, field) }
        }
    }

    /// The words the mention stands for, without links (for search).
    public func plainText(in config: SiteConfig) -> String? {
        guard let field else { return nil }
        switch target {
        case .route(let id): return config.helpline(id).flatMap { value(of: $0, field) }
        case .service: return config.service.flatMap { value(of: $0, field) }
        }
    }

    private func digits(_ number: String) -> String { String(number.filter(\.isNumber)) }

    private func link(_ value: String, _ field: Field) -> String {
        switch field {
        case .url: return "[\(RouteMention.displayAddress(value))](\(value))"
        case .email: return "[\(value)](mailto:\(value))"
        default: return value
        }
    }

    /// "https://www.childline.org.uk/" shown as "childline.org.uk".
    public static func displayAddress(_ url: String) -> String {
        var text = Substring(url)
        for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.hasPrefix("www.") { text = text.dropFirst(4) }
        if text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }

    /// A line with every mention replaced (by Markdown, or by plain words).
    public static func fill(_ line: String, in config: SiteConfig, plain: Bool = false) -> String {
        let mentions = find(in: line)
        return InlineTag.replace(mentions.map { ($0.start, $0.end) }, in: line) { index in
            plain ? mentions[index].plainText(in: config) : mentions[index].markdown(in: config)
        }
    }
}
