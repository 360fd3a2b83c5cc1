// Small text operations on the hot path of every page, done on UTF-8 bytes: Foundation's
// replacingOccurrences and Character's Unicode properties cost more than the rest of a page.

import Foundation

extension String {
    /// Whether the text holds `needle`, comparing UTF-8 bytes (Foundation's `contains` goes
    /// through CFString and was a tenth of loading a site).
    public func containsBytes(_ needle: String) -> Bool {
        hasMatch(of: needle) { _, _ in true }
    }

    /// The first place `needle` occurs, found on UTF-8 bytes: a column in Characters is then
    /// `distance(from: startIndex, to: lowerBound)`.
    public func firstRange(ofBytes needle: String) -> Range<String.Index>? {
        var start: Int?
        _ = hasMatch(of: needle) { _, at in start = at; return true }
        guard let start, !needle.isEmpty else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `needle` occurs at a place `accept` takes (given the text's bytes and where the
    /// match starts): the one byte search behind `containsBytes` and `containsWord`.
    private func hasMatch(of needle: String, where accept: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
        // Both strings' own bytes, with no copy into an array: this runs for every line of every
        // file (`{{` is looked for in each) and for every route name in every paragraph.
        var needle = needle, text = self
        return needle.withUTF8 { n -> Bool in
            guard let first = n.first else { return true }
            return text.withUTF8 { bytes -> Bool in
                guard bytes.count >= n.count, let base = bytes.baseAddress else { return false }
                let last = bytes.count - n.count
                var i = 0
                while i <= last {
                    // The next place the first byte occurs, found by the C library.
                    guard let found = memchr(base + i, Int32(first), last - i + 1) else { return false }
                    i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if n.count == 1 || memcmp(base + i + 1, n.baseAddress! + 1, n.count - 1) == 0, accept(bytes, i) { return true }
                    i += 1
                }
                return false
            }
        }
    }

    /// Every occurrence of each target replaced by its replacement, in one pass over the bytes
    /// (at each place the first target that matches wins).
    public func replacingAll(_ pairs: [(String, String)]) -> String {
        let needles = pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }.filter { !$0.0.isEmpty }
        // Which bytes may start a target: a table, not a Set, as it is asked once for every byte.
        var starts = [Bool](repeating: false, count: 256)
        for (needle, _) in needles { starts[Int(needle[0])] = true }
        var copy = self
        return copy.withUTF8 { source -> String in
            var out: [UInt8] = []
            var copied = 0 // bytes of the source before this are in `out`
            var i = 0
            scan: while i < source.count {
                guard starts[Int(source[i])] else { i += 1; continue }
                for (needle, replacement) in needles where i + needle.count <= source.count
                    && UnsafeBufferPointer(rebasing: source[i..<(i + needle.count)]).elementsEqual(needle) {
                    if out.isEmpty { out.reserveCapacity(source.count + 256) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<i]))
                    out.append(contentsOf: replacement)
                    i += needle.count
                    copied = i
                    continue scan
                }
                i += 1
            }
            guard copied > 0 else { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<source.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    /// Whether the text holds `word` as whole words: "missing" in "went missing", not in
    /// "dismissing" (a letter or digit on either side is part of a longer word). Compared as
    /// UTF-8 bytes, so case and apostrophes must already be alike.
    public func containsWord(_ word: String) -> Bool {
        let length = word.utf8.count
        return hasMatch(of: word) { bytes, start in
            !FastText.wordScalar(endingAt: start, in: bytes) && !FastText.wordScalar(startingAt: start + length, in: bytes)
        }
    }

    /// The text with every run of white space (line breaks too) made one space, and none at
    /// either end.
    public var collapsingWhitespace: String {
        // Most text (a paragraph made one line) is ASCII with single spaces already: kept as it is.
        var plain = true
        var previous: UInt8 = 0x20
        for byte in utf8 {
            if byte >= 0x80 || (byte < 0x20) || (byte == 0x20 && previous == 0x20) { plain = false; break }
            previous = byte
        }
        if plain && previous != 0x20 { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D))
                : scalar.properties.isWhitespace
            if isSpace { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

public enum FastText {
    /// Whether the scalar that ends just before byte `end` is a letter or digit (false at the start).
    static func wordScalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard end > 0 else { return false }
        var start = end - 1
        // Back over UTF-8 continuation bytes (10xxxxxx) to the scalar's first byte.
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return wordScalar(startingAt: start, in: bytes)
    }

    /// Whether the scalar that starts at byte `start` is a letter or digit (false at the end).
    static func wordScalar(startingAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start < bytes.count else { return false }
        var decoder = UTF8()
        var iterator = bytes[start...].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.isASCII ? isWordScalar(scalar) : (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// A letter or a digit, for word splitting: ASCII answered directly, other scalars by their
    /// Unicode properties.
    @inline(__always)
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
        }
        return s.properties.isAlphabetic || s.properties.numericType != nil
    }
}


extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, the same answer without Foundation when
    /// both ends are printable ASCII (nearly always: it runs for every heading and link).
    public var trimmingWhiteSpace: String { trimmed(CharacterSet.whitespacesAndNewlines) }

    /// `trimmingCharacters(in: .whitespaces)`, the same way.
    public var trimmingSpaces: String { trimmed(CharacterSet.whitespaces) }

    private func trimmed(_ set: Foundation.CharacterSet) -> String {
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) { return self }
        if isEmpty { return self }
        return trimmingCharacters(in: set)
    }
}
