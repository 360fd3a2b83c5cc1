// Typed views: what each template is given, as Swift values with named keys. A view lists its
// keys once (`keys`), each read through a key path, so the compiler checks the Swift side, and
// the key check below reads every template and says where one names a key its view lacks: the
// mistyped `{{titel}}` that would otherwise render as nothing, with no error.

import Foundation
import Mustache
import WaymarkModel

/// What a key holds, for the key check: a value printed as it is, or a view (or list of views)
/// whose own keys a section can name.
enum TemplateValueKind {
    case value
    case view(any TemplateView.Type)
    case list(any TemplateView.Type)
}

/// One key of a view: what it holds and how to read it. Nil means the key is absent, so Mustache
/// looks for it in the sections around (as a missing dictionary key did).
struct TemplateKey<View>: @unchecked Sendable {
    let kind: TemplateValueKind
    let read: (View) -> TemplateValue?

    static func value(_ path: KeyPath<View, String>) -> Self { Self(kind: .value) { .text($0[keyPath: path]) } }
    static func value(_ path: KeyPath<View, String?>) -> Self { Self(kind: .value) { $0[keyPath: path].map { .text($0) } } }
    static func value(_ path: KeyPath<View, Character?>) -> Self { Self(kind: .value) { $0[keyPath: path].map { .text(String($0)) } } }
    static func value(_ path: KeyPath<View, Bool>) -> Self { Self(kind: .value) { .flag($0[keyPath: path]) } }
    static func value(_ path: KeyPath<View, Bool?>) -> Self { Self(kind: .value) { $0[keyPath: path].map { .flag($0) } } }
    static func value(_ path: KeyPath<View, Int>) -> Self { Self(kind: .value) { .number($0[keyPath: path]) } }
    static func value(_ path: KeyPath<View, Int?>) -> Self { Self(kind: .value) { $0[keyPath: path].map { .number($0) } } }
    static func view<T: TemplateView>(_ path: KeyPath<View, T>) -> Self { Self(kind: .view(T.self)) { .view($0[keyPath: path]) } }
    static func view<T: TemplateView>(_ path: KeyPath<View, T?>) -> Self {
        Self(kind: .view(T.self)) { $0[keyPath: path].map { .view($0) } }
    }
    static func list<T: TemplateView>(_ path: KeyPath<View, [T]>) -> Self { Self(kind: .list(T.self)) { .list($0[keyPath: path]) } }
    static func list<T: TemplateView>(_ path: KeyPath<View, [T]?>) -> Self {
        Self(kind: .list(T.self)) { $0[keyPath: path].map { .list($0) } }
    }
}

/// A view's keys, by name (as written, for the key check) and by number (for rendering): a name
/// in a template is numbered once when the template is compiled (`TemplateNames`), so rendering
/// finds its key by an array index instead of hashing the name, for every tag of every page.
struct TemplateKeys<View>: ExpressibleByDictionaryLiteral, @unchecked Sendable {
    let byName: [String: TemplateKey<View>]
    private let keys: [TemplateKey<View>]
    /// For each name's number, the index of its key in `keys`, or -1.
    private let slots: [Int32]

    init(_ byName: [String: TemplateKey<View>]) {
        self.byName = byName
        var keys: [TemplateKey<View>] = []
        var slots: [Int32] = []
        for (name, key) in byName {
            let number = TemplateNames.number(name)
            if slots.count <= number { slots += repeatElement(-1, count: number + 1 - slots.count) }
            slots[number] = Int32(keys.count)
            keys.append(key)
        }
        self.keys = keys
        self.slots = slots
    }

    init(dictionaryLiteral elements: (String, TemplateKey<View>)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }

    subscript(name: String) -> TemplateKey<View>? { byName[name] }

    subscript(number number: Int) -> TemplateKey<View>? {
        guard number < slots.count else { return nil }
        let slot = slots[number]
        return slot < 0 ? nil : keys[Int(slot)]
    }
}

/// Numbers for names, the same for the whole process: given out when a view's keys are first
/// read and when a template is compiled, never while pages render.
enum TemplateNames {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var numbers: [String: Int] = [:]
    }
    private static let registry = Registry()

    static func number(_ name: String) -> Int {
        registry.lock.withLock {
            if let number = registry.numbers[name] { return number }
            let number = registry.numbers.count
            registry.numbers[name] = number
            return number
        }
    }
}

/// What a key gives a template, typed, so the renderer (CompiledTemplate.swift) never asks a
/// value what it is at run time: the dynamic casts that were a tenth of a large site's build.
enum TemplateValue {
    case text(String)
    case flag(Bool)
    case number(Int)
    case view(any TemplateView)
    case list(any TemplateList)

    /// The value as swift-mustache expects it (the renderer kept as the oracle in the tests, and
    /// for templates that use Mustache the compiled renderer does not: see CompiledTemplate.swift).
    var unboxed: Any {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag
        case .number(let number): return number
        case .view(let view): return view
        case .list(let list): return list.unboxed
        }
    }
}

/// A list of views a section repeats over.
protocol TemplateList {
    var isEmpty: Bool { get }
    func forEachView(_ body: (any TemplateView) -> Void)
    var unboxed: Any { get }
}

extension Array: TemplateList where Element: TemplateView {
    func forEachView(_ body: (any TemplateView) -> Void) { for view in self { body(view) } }
    var unboxed: Any { self }
}

/// A value a template renders. Keys it does not have are looked for in `outer` (a page's
/// chrome: header, footer, help box), then in the sections around, as Mustache does.
protocol TemplateView: MustacheParent, Sendable {
    static var keys: TemplateKeys<Self> { get }
    /// The view whose keys this one also answers, for the key check.
    static var outerType: (any TemplateView.Type)? { get }
    var outer: (any TemplateView)? { get }
}

extension TemplateView {
    static var outerType: (any TemplateView.Type)? { nil }
    var outer: (any TemplateView)? { nil }

    /// The value of a key, here or in the outer view; nil when neither has it.
    func value(named name: String) -> TemplateValue? {
        if let key = Self.keys[name], let value = key.read(self) { return value }
        return outer?.value(named: name)
    }

    /// The same, by the name's number (`TemplateNames`): what the compiled renderer asks.
    func value(number: Int) -> TemplateValue? {
        if let key = Self.keys[number: number], let value = key.read(self) { return value }
        return outer?.value(number: number)
    }

    func child(named name: String) -> Any? { value(named: name)?.unboxed }

    /// What a key holds, here or in the outer view; nil when neither has it.
    static func kind(of name: String) -> TemplateValueKind? {
        keys[name]?.kind ?? outerType?.kind(of: name)
    }
}

/// A view with nothing of its own to show (a worksheet element drawn by its template alone).
struct EmptyView: TemplateView {
    static let keys: TemplateKeys<Self> = [:]
}

/// One piece of text, for lists of plain items (`{{text}}`).
struct TextItem: TemplateView {
    var text: String
    static let keys: TemplateKeys<Self> = ["text": .value(\.text)]
}

// MARK: The key check

enum TemplateKeyCheck {
    /// Every name a template (with its layout and partials) uses that its view lacks, at its
    /// line and column. Interface strings (`{{t.…}}`) are put in before rendering and are not keys.
    /// - Parameters:
    ///   - sources: each template's text and file as shown in diagnostics, by name.
    ///   - roots: which view each template is rendered with.
    static func problems(sources: [String: (file: String, text: String)],
                         roots: [(template: String, view: any TemplateView.Type)]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: Set<String> = []
        // The layout and partials are read for every page kind: each template's tags are found once.
        var tagged: [String: (file: String, tags: [Tag])] = [:]
        for (name, source) in sources { tagged[name] = (source.file, tags(in: source.text)) }
        for (template, view) in roots {
            check(template, scopes: [view], sources: tagged, depth: 0) { name, file, line, column in
                let key = "\(file):\(line):\(column):\(name)"
                guard seen.insert(key).inserted else { return }
                found.append(.warning("`\(name)` is not something the \(template) page has, so it would show as nothing: check the spelling, or see the views in Sources/WaymarkCore/Render/Views/ for the names each page has",
                                      at: SourceLocation(file: file, line: line, column: column), rule: "template.key"))
            }
        }
        return found
    }

    /// A scope is a view whose keys a name may be, or nil for a plain value a section opened.
    private static func check(_ template: String, scopes start: [(any TemplateView.Type)?],
                              sources: [String: (file: String, tags: [Tag])], depth: Int,
                              report: (String, String, Int, Int) -> Void) {
        guard depth < 8, let (file, tags) = sources[template] else { return }
        var scopes = start
        for tag in tags {
            switch tag.sigil {
            case "!", "=": continue
            case ">", "<":
                // A partial, or a layout this template fills: rendered with the same values.
                check(tag.name, scopes: scopes, sources: sources, depth: depth + 1, report: report)
                if tag.sigil == "<" { scopes.append(nil) }
            case "/":
                if scopes.count > start.count { scopes.removeLast() }
            case "$":
                scopes.append(nil)
            default:
                let plain = tag.name == "." || tag.name.hasPrefix("t.")
                let kind = plain ? .value : resolve(tag.name, in: scopes)
                if kind == nil { report(tag.name, file, tag.line, tag.column) }
                guard tag.sigil == "#" || tag.sigil == "^" else { continue }
                // A section over a view or a list of views opens that view's keys.
                var opened: (any TemplateView.Type)?
                if tag.sigil == "#", let kind {
                    switch kind {
                    case .view(let type), .list(let type): opened = type
                    case .value: break
                    }
                }
                scopes.append(opened)
            }
        }
    }

    /// What a (dotted) name holds, looking through the scopes from the innermost out.
    private static func resolve(_ name: String, in scopes: [(any TemplateView.Type)?]) -> TemplateValueKind? {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for scope in scopes.reversed() {
            guard let scope, var kind = scope.kind(of: first) else { continue }
            for part in parts.dropFirst() {
                switch kind {
                case .view(let type), .list(let type):
                    guard let next = type.kind(of: part) else { return nil }
                    kind = next
                case .value:
                    return nil
                }
            }
            return kind
        }
        return nil
    }

    struct Tag {
        var sigil: Character?
        var name: String
        var line: Int
        var column: Int
    }

    /// The tags of a template, in order, with where each starts.
    static func tags(in text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        for lineText in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = lineText[...]
            while let open = rest.range(of: "{{") {
                let column = lineText.distance(from: lineText.startIndex, to: open.lowerBound) + 1
                var inside = rest[open.upperBound...]
                let triple = inside.first == "{"
                if triple { inside = inside.dropFirst() }
                guard let close = inside.range(of: "}}") else { break }
                var body = inside[..<close.lowerBound].trimmingCharacters(in: .whitespaces)[...]
                var sigil: Character?
                if triple { sigil = "&" } else if let first = body.first, "#^/>!<$&=".contains(first) {
                    sigil = first
                    body = body.dropFirst()
                }
                let name = body.trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { tags.append(Tag(sigil: sigil, name: name, line: line, column: column)) }
                rest = inside[close.upperBound...]
                if triple, rest.first == "}" { rest = rest.dropFirst() }
            }
            line += 1
        }
        return tags
    }
}
