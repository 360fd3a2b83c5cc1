// Resolves links written to source files (`staying-safe.md`, `../pages/help.md`, `@/pages/help.md`)
// into the URL of the right page for the reader: a link between modules keeps the reader's level
// and tier, so authors never write the nine URLs of a module themselves.

import Foundation
import WaymarkModel
import WaymarkMarkdown

public struct LinkResolver: Sendable {
    let plan: SitePlan
    let modules: [String: Module]
    let config: SiteConfig
    let images: Set<String>

    public init(plan: SitePlan, content: Content) {
        self.plan = plan
        self.images = Set(content.images.keys)
        self.modules = Dictionary(content.modules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.config = content.config
    }

    /// The page a link appears on.
    public struct Context: Sendable {
        /// The source file inside the content folder, e.g. `modules/staying-safe.md`.
        public var sourcePath: String
        public var page: PlannedPage
        /// The reader's version the text is shown in: links between modules keep it.
        public var variant: Variant?
        /// The page's language: links lead to the same language's page when there is one.
        public var language: String? = nil

        var outputPath: String { page.outputPath }
    }

    static let allowedSchemes = ["http", "https", "mailto", "tel", "sms"]

    /// Where a link leads.
    public struct Resolved: Sendable {
        /// The address to put in the page; nil to keep it as written.
        public var url: String?
        /// The page of this site it leads to (the page itself for `#anchor`), if any.
        public var target: PlannedPage?
        /// The part after `#`, without the `#`.
        public var fragment: String?
    }

    public func resolve(_ url: String, isImage: Bool, in context: Context) -> Result<Resolved, LinkError> {
        let url = url.trimmingSpaces
        if url.isEmpty { return .failure(LinkError("this link has no address")) }
        if url.hasPrefix("#") {
            return .success(Resolved(url: nil, target: context.page, fragment: String(url.dropFirst())))
        }
        if let scheme = LinkResolver.scheme(of: url) {
            guard LinkResolver.allowedSchemes.contains(scheme.lowercased()) else {
                return .failure(LinkError("links starting `\(scheme):` are not allowed; use https://, mailto: or tel:"))
            }
            if isImage {
                return .failure(LinkError("pictures from other sites are not allowed: loading one would tell that site who is reading"))
            }
            return .success(Resolved(url: nil, target: nil, fragment: nil))
        }
        if url.hasPrefix("//") {
            return .failure(LinkError("write links to other sites in full, starting https://"))
        }
        if url.hasPrefix("/") {
            return .failure(LinkError("`\(url)` is an address on the site: link to the page's source file instead, such as `staying-safe.md` or `../pages/help.md`"))
        }
        var path = url
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        let contentPath: String
        if path.hasPrefix("@/") {
            contentPath = LinkResolver.normalise(String(path.dropFirst(2)))
        } else {
            let folder = context.sourcePath.split(separator: "/").dropLast().joined(separator: "/")
            contentPath = LinkResolver.normalise(folder.isEmpty ? path : folder + "/" + path)
        }
        if images.contains(contentPath) {
            // Pictures keep their path: Content/images/a.png is published as images/a.png.
            return .success(Resolved(url: RelativeURL.from(context.outputPath, to: contentPath), target: nil, fragment: nil))
        }
        if isImage {
            return .failure(LinkError("`\(url)` is not a picture in the content folder's images/ (looked for \(contentPath))"))
        }
        guard contentPath.hasSuffix(".md") else {
            return .failure(LinkError("`\(url)` is not a page: links between pages go to the source `.md` file, such as `staying-safe.md`"))
        }
        guard let target = target(for: contentPath, context: context) else {
            return .failure(LinkError("`\(url)` links to \(contentPath), which is not a page of this site"))
        }
        let address = RelativeURL.from(context.outputPath, to: target.urlPath) + (fragment.map { "#" + $0 } ?? "")
        return .success(Resolved(url: address, target: target, fragment: fragment))
    }

    private func target(for contentPath: String, context: Context) -> PlannedPage? {
        guard let slash = contentPath.firstIndex(of: "/") else { return nil }
        let folder = contentPath[..<slash], file = contentPath[contentPath.index(after: slash)...]
        guard !file.contains("/") else { return nil }
        let id = String(file.dropLast(3))
        switch folder {
        case "modules":
            guard let module = modules[id] else { return nil }
            return modulePage(module, level: context.variant?.level, tier: context.variant?.tier, language: context.language)
        case "pages":
            return plan.page(id == "index" ? .home : .page(id), language: context.language)
        case "parents":
            return plan.page(id == "index" ? .parentsIndex : .parentsPage(id), language: context.language)
        default:
            return nil
        }
    }

    /// The variant of `module` closest to the reader's own: same level and tier when the module
    /// covers them, else same tier, else same level. Readers on pages without a level and tier
    /// get the module's overview, which lists every variant.
    func modulePage(_ module: Module, level: String?, tier: String?, language: String? = nil) -> PlannedPage? {
        guard let level, let tier else { return plan.page(.moduleOverview(module: module.id), language: language) }
        let variants = SitePlan.variants(of: module, in: config)
        let best = variants.first { $0.level.id == level && $0.tier.id == tier }
            ?? variants.first { $0.tier.id == tier }
            ?? variants.first { $0.level.id == level }
            ?? variants.first
        guard let best else { return plan.page(.moduleOverview(module: module.id), language: language) }
        return plan.page(.moduleVariant(module: module.id, level: best.level.id, tier: best.tier.id), language: language)
    }

    static func scheme(of url: String) -> String? {
        guard url.utf8.contains(UInt8(ascii: ":")), let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isLetter,
              scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return String(scheme)
    }

    static func normalise(_ path: String) -> String {
        // Most paths have nothing to normalise (`pages/help.md`): no `.` or empty part.
        let bytes = path.utf8
        if bytes.first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/"), bytes.first != UInt8(ascii: "."),
           !path.containsBytes("//"), !path.containsBytes("/.") {
            return path
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() } else { parts.append(part) }; continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}

public struct LinkError: Error, Sendable {
    public var message: String
    init(_ message: String) { self.message = message }
}
