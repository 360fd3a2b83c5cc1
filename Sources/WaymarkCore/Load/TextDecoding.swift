// Turns a file's bytes into text lines, or a diagnostic pointing at the first byte that is not UTF-8.

import Foundation
import WaymarkModel

enum TextDecoding {
    /// Decodes UTF-8 (dropping a byte-order mark) and normalises line endings to "\n".
    static func decode(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8Offset(body) {
            let before = body[body.startIndex..<bad]
            let line = before.filter { $0 == 0x0A }.count + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            let column = bad - lineStart + 1
            return .failure(.error("the file is not UTF-8 text (byte 0x\(hex(body[bad])) cannot be read); save it as UTF-8",
                                   at: SourceLocation(file: file, line: line, column: column), rule: "file.encoding"))
        }
        var text = String(decoding: body, as: UTF8.self)
        if body.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(text)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, if any.
    static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            let length: Int
            var minimum: UInt32 = 0
            if b < 0x80 { i += 1; continue }
            else if b & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
            else if b & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
            else if b & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
            else { return i }
            guard i + length <= end else { return i }
            var scalar = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }
}
