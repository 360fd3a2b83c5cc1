// A Mustache template read once into steps that render straight from the typed views.
//
// Why our own: swift-mustache looks every name up through `Any` and asks each value, by dynamic
// cast, whether it is a list, a parent, a lambda or a transform. On a large site that was a tenth
// of the whole build. Here a view answers a name with a `TemplateValue` (Views/TemplateView.swift)
// whose kind is known, so rendering is a walk over the steps with no casts.
//
// What it must keep: the same bytes as swift-mustache for every template, including its handling
// of whitespace (a section, comment or partial tag alone on its line takes the line with it; a
// partial alone on an indented line indents its lines). swift-mustache stays in the build to read
// templates (its errors are the ones authors see), as the oracle in the tests
// (CompiledTemplateTests), and as the renderer for a template that uses Mustache this one does not
// read: set delimiters (`{{=<% %>=}}`), `{{%CONTENT_TYPE}}`, transforms (`{{lowercased(name)}}`) and
// dynamic partials (`{{>*name}}`). Such a template is not an error: its language's templates are
// simply rendered by swift-mustache (`CompiledTemplate.Unsupported`).

struct CompiledTemplate: Sendable {
    /// A name as written in a tag: `.` (the current value), `a.b.c`, or `.a` (only in the current value).
    struct Name: Sendable, Hashable {
        /// Each part's number (`TemplateNames`), by which views find their keys.
        var parts: [Int]
        /// Looked for in the innermost value only, not in the sections around.
        var anchored: Bool

        init(_ text: String) {
            parts = text.split(separator: ".").map { TemplateNames.number(String($0)) }
            anchored = text.first == "."
        }
    }

    indirect enum Step: Sendable {
        case text(String)
        case value(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: CompiledTemplate)
        /// `{{> name}}`, or `{{< name}}` with the blocks it fills. `indentation` is the whitespace
        /// before a partial tag alone on its line, put before each of the partial's lines.
        case partial(String, indentation: String?, blocks: [String: CompiledTemplate]?)
        /// `{{$ name}}` in a template others fill: what is filled in, or the text here.
        case block(String, fallback: CompiledTemplate, indentation: String)
        /// `{{$ name}}` directly inside `{{< parent}}`: what fills the parent's block. Only while reading.
        case filling(String, CompiledTemplate)
    }

    var steps: [Step]

    /// The template uses Mustache this renderer does not read; swift-mustache renders it instead.
    struct Unsupported: Error, Sendable {
        var reason: String
    }

    /// Reads a template. Throws `Unsupported` for what it does not read, and for text swift-mustache
    /// would reject (which the template set has already reported with swift-mustache's position).
    init(_ text: String) throws {
        var reader = Reader(bytes: Array(text.utf8))
        self = CompiledTemplate(steps: try reader.read(Reader.State()))
    }

    init(steps: [Step]) {
        self.steps = steps
    }
}

/// Reads a template's bytes into steps, line by line, deciding which tags stand alone on their line.
private struct Reader {
    let bytes: [UInt8]
    var at = 0

    struct State {
        /// The section whose closing tag ends this part, if any.
        var section: String?
        /// At the start of a line, where a tag may stand alone.
        var newLine = true
        /// Inside `{{< parent}} … {{/parent}}`, and directly inside it (where `{{$ }}` fills a block).
        var inParent = false
        var parentTop = false
        /// The indentation of a filling's first line, taken off each of its lines.
        var fillingIndent: Int?

        func entering(_ name: String, newLine: Bool) -> State {
            var next = self
            next.section = name
            next.parentTop = false
            if !newLine { next.newLine = false }
            return next
        }
    }

    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private func unsupported(_ reason: String) -> CompiledTemplate.Unsupported { .init(reason: reason) }

    mutating func read(_ start: State) throws -> [CompiledTemplate.Step] {
        var steps: [CompiledTemplate.Step] = []
        var state = start
        // Spaces and tabs that began the line, kept back until it is known whether a tag stands alone.
        var leading: ArraySlice<UInt8> = []
        func flushLeading() {
            if !leading.isEmpty { steps.append(.text(String(decoding: leading, as: UTF8.self))) }
            leading = []
        }
        /// `{{> name}}` or `{{< name}}`: its name, and the line's leading whitespace, which is
        /// output as it is and also indents the partial's lines when the tag stands alone.
        func partialOpening() throws -> (name: String, indentation: String) {
            at += 1
            let name = try readPartialName()
            if name.hasPrefix("*") { throw unsupported("dynamic partials") }
            let indentation = String(decoding: leading, as: UTF8.self)
            if !leading.isEmpty { steps.append(.text(indentation)) }
            return (name, indentation)
        }
        while at < bytes.count {
            if state.newLine {
                let begin = at
                while at < bytes.count, bytes[at] == Self.space || bytes[at] == Self.tab { at += 1 }
                let whitespace = bytes[begin..<at]
                if state.inParent && !state.parentTop {
                    if let indent = state.fillingIndent {
                        leading = whitespace.dropFirst(indent)
                    } else {
                        state.fillingIndent = whitespace.count
                    }
                } else {
                    leading = whitespace
                }
            }
            // Text up to a tag or the end of the line.
            let textStart = at
            var atTag = false
            while at < bytes.count {
                let byte = bytes[at]
                if byte == Self.lineFeed { break }
                if byte == Self.carriageReturn, at + 1 < bytes.count, bytes[at + 1] == Self.lineFeed { break }
                if byte == Self.openBrace, at + 1 < bytes.count, bytes[at + 1] == Self.openBrace { atTag = true; break }
                at += 1
            }
            let text = bytes[textStart..<at]
            if !atTag, at < bytes.count {
                let end = bytes[at] == Self.carriageReturn ? at + 2 : at + 1
                steps.append(.text(String(decoding: leading + text + bytes[at..<end], as: UTF8.self)))
                at = end
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                steps.append(.text(String(decoding: leading + text, as: UTF8.self)))
                leading = []
                state.newLine = false
            }
            guard atTag else { break }
            at += 2
            guard at < bytes.count else { throw unsupported("a tag is not finished") }
            if Self.isNewline(at: at, in: bytes) != nil { throw unsupported("a line ends inside a tag") }
            var standsAlone = false
            switch bytes[at] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[at] == UInt8(ascii: "^")
                at += 1
                let name = try readName()
                if isStandalone(state) { standsAlone = true } else { flushLeading() }
                let body = try read(state.entering(name, newLine: standsAlone))
                steps.append(.section(.init(name), inverted: inverted, body: CompiledTemplate(steps: body)))
            case UInt8(ascii: "/"):
                at += 1
                let name = try readName()
                guard name == state.section else { throw unsupported("`{{/\(name)}}` closes no open section") }
                if !isStandalone(state) { flushLeading() }
                return steps
            case UInt8(ascii: "!"):
                at += 1
                guard let close = find(Self.closeBrace, Self.closeBrace, from: at) else { throw unsupported("a comment is not finished") }
                at = close + 2
                standsAlone = isStandalone(state)
            case Self.openBrace:
                flushLeading()
                at += 1
                let name = try readName()
                guard at < bytes.count, bytes[at] == Self.closeBrace else { throw unsupported("`{{{` needs `}}}`") }
                at += 1
                steps.append(.value(.init(name), escaped: false))
            case UInt8(ascii: "&"):
                flushLeading()
                at += 1
                steps.append(.value(.init(try readName()), escaped: false))
            case UInt8(ascii: ">"):
                let (name, indentation) = try partialOpening()
                if isStandalone(state) {
                    standsAlone = true
                    steps.append(.partial(name, indentation: indentation, blocks: nil))
                } else {
                    steps.append(.partial(name, indentation: nil, blocks: nil))
                }
                leading = []
            case UInt8(ascii: "<"):
                let (name, indentation) = try partialOpening()
                standsAlone = isStandalone(state)
                var inner = state
                inner.section = name
                inner.newLine = true
                inner.inParent = true
                inner.parentTop = true
                var blocks: [String: CompiledTemplate] = [:]
                for step in try read(inner) {
                    switch step {
                    case let .filling(block, body): blocks[block] = body
                    case .text: continue
                    default: throw unsupported("only `{{$block}}` may be inside `{{<\(name)}}`")
                    }
                }
                steps.append(.partial(name, indentation: indentation, blocks: blocks))
                leading = []
            case UInt8(ascii: "$"):
                at += 1
                let name = try readName()
                if state.parentTop {
                    standsAlone = isStandalone(state)
                    steps.append(.filling(name, CompiledTemplate(steps: try read(state.entering(name, newLine: standsAlone)))))
                } else {
                    let indentation = String(decoding: leading, as: UTF8.self)
                    if !leading.isEmpty { steps.append(.text(indentation)) }
                    standsAlone = isStandalone(state)
                    let fallback = try read(state.entering(name, newLine: standsAlone))
                    steps.append(.block(name, fallback: CompiledTemplate(steps: fallback), indentation: indentation))
                    leading = []
                }
            case UInt8(ascii: "="): throw unsupported("set delimiters")
            case UInt8(ascii: "%"): throw unsupported("configuration tags")
            default:
                flushLeading()
                steps.append(.value(.init(try readName()), escaped: true))
            }
            state.newLine = standsAlone
        }
        guard state.section == nil else { throw unsupported("a section is not closed") }
        return steps
    }

    /// After a tag: does the rest of the line hold only spaces and tabs? If the tag began its line
    /// too, it stands alone, and the rest of its line, the line break with it, is not output.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if at == bytes.count { return true }
        var next = at
        while next < bytes.count, bytes[next] == Self.space || bytes[next] == Self.tab { next += 1 }
        guard let length = Self.isNewline(at: next, in: bytes) else { return false }
        at = next + length
        return true
    }

    /// The length of the line break at `index` (any Unicode newline, as Swift's `Character.isNewline`), or nil.
    static func isNewline(at index: Int, in bytes: [UInt8]) -> Int? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case carriageReturn: return index + 1 < bytes.count && bytes[index + 1] == lineFeed ? 2 : 1
        case lineFeed, 0x0B, 0x0C: return 1
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: return 2
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): return 3
        default: return nil
        }
    }

    private func find(_ first: UInt8, _ second: UInt8, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == first && bytes[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func isNameByte(_ byte: UInt8, partial: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"): return true
        case UInt8(ascii: "/"): return partial
        default: return false
        }
    }

    /// A name and the `}}` after it.
    private mutating func readName() throws -> String {
        try readName(partial: false)
    }

    private mutating func readPartialName() throws -> String {
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
        return try readName(partial: true)
    }

    private mutating func readName(partial: Bool) throws -> String {
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
        let begin = at
        while at < bytes.count, Self.isNameByte(bytes[at], partial: partial) { at += 1 }
        let name = String(decoding: bytes[begin..<at], as: UTF8.self)
        while at < bytes.count, Self.isSpace(bytes[at]) { at += 1 }
        guard at + 1 < bytes.count, bytes[at] == Self.closeBrace, bytes[at + 1] == Self.closeBrace else {
            // `(` after a name is a transform, which this renderer leaves to swift-mustache.
            throw unsupported(at < bytes.count && (bytes[at] == UInt8(ascii: "(") || bytes[at] == UInt8(ascii: ")")) ? "transforms" : "a tag is not finished")
        }
        at += 2
        return name
    }
}

// MARK: Rendering

/// The compiled templates of one language, by name, and the rendering of a view with one of them.
struct CompiledLibrary: Sendable {
    let templates: [String: CompiledTemplate]

    /// The template rendered with a view; nil when there is no such template.
    func render(_ view: any TemplateView, template name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var rendering = Rendering(templates: templates, stack: [.view(view)])
        var out = ""
        out.reserveCapacity(16_384)
        rendering.render(template, Rendering.Context(indentation: nil, blocks: nil), into: &out)
        return out
    }
}

/// One rendering: the values of the sections it is in (innermost last), as Mustache's context stack.
private struct Rendering {
    let templates: [String: CompiledTemplate]
    var stack: [TemplateValue]

    struct Context {
        /// Put before each line of what a partial alone on an indented line outputs.
        var indentation: String?
        /// What fills the blocks of the templates rendered from here (`{{$ name}}`).
        var blocks: [String: CompiledTemplate]?
    }

    mutating func render(_ template: CompiledTemplate, _ context: Context, into out: inout String) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for step in template.steps { render(step, context, into: &out) }
            return
        }
        // Indented: a step's output that starts a new line of this template's output gets the
        // indentation first (only its first line: the rest are indented by steps inside it).
        let start = out.utf8.count
        var lineStarted = false
        for step in template.steps {
            var piece = ""
            render(step, context, into: &piece)
            guard !piece.isEmpty else { continue }
            if lineStarted { out += indentation }
            out += piece
            lineStarted = Rendering.endsWithLineFeed(out, after: start)
        }
    }

    /// Whether this template's output so far ends with a line feed that is a character of its own
    /// (not the end of `\r\n`): the bytes before `start` are not this template's.
    private static func endsWithLineFeed(_ text: String, after start: Int) -> Bool {
        var bytes = text.utf8.reversed().makeIterator()
        guard bytes.next() == UInt8(ascii: "\n") else { return false }
        return text.utf8.count - 1 == start || bytes.next() != UInt8(ascii: "\r")
    }

    mutating func render(_ step: CompiledTemplate.Step, _ context: Context, into out: inout String) {
        switch step {
        case .text(let text):
            out += text
        case let .value(name, escaped):
            guard let value = lookUp(name) else { return }
            switch value {
            case .text(let text): if escaped { Rendering.appendEscaped(text, to: &out) } else { out += text }
            case .number(let number): out += String(number)
            case .flag(let flag): out += flag ? "true" : "false"
            case .view, .list:
                let described = String(describing: value.unboxed)
                if escaped { Rendering.appendEscaped(described, to: &out) } else { out += described }
            }
        case let .section(name, inverted, body):
            let value = lookUp(name)
            if inverted {
                switch value {
                case .none: render(body, context, into: &out)
                case .flag(let flag)?: if !flag { render(body, context, into: &out) }
                case .list(let list)?:
                    guard list.isEmpty else { return }
                    stack.append(.list(list))
                    render(body, context, into: &out)
                    stack.removeLast()
                default: return
                }
                return
            }
            switch value {
            case .none: return
            case .flag(let flag)?: if flag { render(body, context, into: &out) }
            case .list(let list)?:
                list.forEachView { view in
                    stack.append(.view(view))
                    render(body, context, into: &out)
                    stack.removeLast()
                }
            case let value?:
                stack.append(value)
                render(body, context, into: &out)
                stack.removeLast()
            }
        case let .partial(name, indentation, blocks):
            guard let template = templates[name] else { return }
            var inner = context
            if let indentation { inner.indentation = (context.indentation ?? "") + indentation }
            if let blocks {
                // Blocks filled further out win over the ones filled here.
                inner.blocks = context.blocks.map { $0.merging(blocks) { outer, _ in outer } } ?? blocks
            }
            render(template, inner, into: &out)
        case let .block(name, fallback, indentation):
            var inner = context
            inner.indentation = (context.indentation ?? "") + indentation
            render(context.blocks?[name] ?? fallback, inner, into: &out)
        case .filling:
            return
        }
    }

    /// A name's value: its first part in the innermost value that has it (or only the innermost,
    /// for `.name`), the rest of its parts inside that.
    private func lookUp(_ name: CompiledTemplate.Name) -> TemplateValue? {
        // `.`, and a name of dots only, is the innermost value.
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        if name.anchored {
            found = Rendering.child(first, of: stack[stack.count - 1])
        } else {
            for frame in stack.reversed() {
                if let value = Rendering.child(first, of: frame) { found = value; break }
            }
        }
        for part in name.parts.dropFirst() {
            guard let value = found else { return nil }
            found = Rendering.child(part, of: value)
        }
        return found
    }

    private static func child(_ name: Int, of value: TemplateValue) -> TemplateValue? {
        if case .view(let view) = value { return view.value(number: name) }
        return nil
    }

    /// HTML's five special characters escaped, as swift-mustache does.
    static func appendEscaped(_ text: String, to out: inout String) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            out += text
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes += "&amp;".utf8
            case 0x3C: bytes += "&lt;".utf8
            case 0x3E: bytes += "&gt;".utf8
            case 0x22: bytes += "&quot;".utf8
            case 0x27: bytes += "&#39;".utf8
            default: bytes.append(byte)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }
}
