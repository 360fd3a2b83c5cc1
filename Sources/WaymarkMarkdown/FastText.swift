// Small text operations on the hot path of every page, done on UTF-8 bytes: Foundation's
// replacingOccurrences and Character's Unicode properties cost more than the rest of a page.

extension String {
    /// Whether the text holds `needle`, comparing UTF-8 bytes (Foundation's `contains` goes
    /// through CFString and was a tenth of loading a site).
    public func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let first = n.first else { return true }
            guard bytes.count >= n.count else { return false }
            var i = 0
            let last = bytes.count - n.count
            while i <= last {
                if bytes[i] == first {
                    var j = 1
                    while j < n.count && bytes[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        }
        return utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
    }

    /// Every occurrence of each target replaced by its replacement, in one pass over the bytes
    /// (at each place the first target that matches wins).
    public func replacingAll(_ pairs: [(String, String)]) -> String {
        let source = Array(utf8)
        let needles = pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }.filter { !$0.0.isEmpty }
        let firsts = Set(needles.map { $0.0[0] })
        var out: [UInt8] = []
        out.reserveCapacity(source.count + 256)
        var i = 0
        var found = false
        scan: while i < source.count {
            if firsts.contains(source[i]) {
                for (needle, replacement) in needles where i + needle.count <= source.count
                    && source[i..<(i + needle.count)].elementsEqual(needle) {
                    out.append(contentsOf: replacement)
                    i += needle.count
                    found = true
                    continue scan
                }
            }
            out.append(source[i])
            i += 1
        }
        return found ? String(decoding: out, as: UTF8.self) : self
    }
}

public enum FastText {
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
