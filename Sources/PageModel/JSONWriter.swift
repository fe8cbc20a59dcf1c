import ByteText

/// A minimal streaming JSON writer for events.
///
/// Written by hand rather than using Foundation's `JSONEncoder` because the wire form must be
/// byte-identical across runs and replays (fixed key order, fixed number formatting) and the
/// encoder sits on the hot path of every published event; this appends straight into one byte
/// buffer with no intermediate dictionaries.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Bit `depth` is set once the innermost open object or array holds a value, so the next one
    /// needs a comma. A bit stack instead of an array of flags: no allocation and no uniqueness
    /// check per value, on the hot path of every event. Events nest a few levels deep; 63 is the cap.
    private var commaBits: UInt64 = 0
    private var depth = 0

    public init(reservingCapacity capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"name":`; the value follows with one of the value methods.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        commaBits &= ~(1 << UInt64(depth))
    }

    public mutating func string(_ value: String) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        UTF8Bytes.withBytes(value) { utf8 in
            // Text is copied in runs between the rare bytes that need escaping, not byte by byte:
            // this is most of what encoding an article event costs.
            var runStart = 0
            var index = JSONWriter.nextEscape(in: utf8, from: 0)
            while index < utf8.count {
                let byte = utf8[index]
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(UInt8(ascii: "u"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(UInt8(ascii: "0"))
                    bytes.append(JSONWriter.hexDigit(byte >> 4))
                    bytes.append(JSONWriter.hexDigit(byte & 0xF))
                }
                index = JSONWriter.nextEscape(in: utf8, from: runStart)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func null() {
        separator()
        for byte in "null".utf8 { bytes.append(byte) }
    }

    public mutating func integer<T: BinaryInteger>(_ value: T) {
        separator()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude))
    }

    /// Writes a non-negative or negative decimal with exactly three fractional digits, so the
    /// same score always has the same bytes (`1.5` → `1.500`).
    public mutating func fixed3(_ value: Double) {
        separator()
        let scaled = Int64((value * 1000).rounded())
        if scaled < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = scaled.magnitude
        appendDecimal(magnitude / 1000)
        let fraction = magnitude % 1000
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// The first byte at or after `start` that JSON must escape (a quote, a backslash or a
    /// control byte), or the end. A word is flagged whenever it holds such a byte (sometimes
    /// also when it does not: `WordBytes`), and a flagged word is then read byte by byte.
    @inline(__always)
    static func nextEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        @inline(__always) func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
        var index = start
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= utf8.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let flagged = WordBytes.equal(word, UInt8(ascii: "\"")) | WordBytes.equal(word, UInt8(ascii: "\\")) | WordBytes.below(word, 0x20)
                if flagged != 0 {
                    for offset in index..<index + 8 where needsEscape(utf8[offset]) { return offset }
                }
                index += 8
            }
        }
        while index < utf8.count, !needsEscape(utf8[index]) { index += 1 }
        return index
    }

    private mutating func separator() {
        let bit: UInt64 = 1 << UInt64(depth)
        if commaBits & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        commaBits |= bit
    }

    private mutating func open(_ bracket: UInt8) {
        separator()
        bytes.append(bracket)
        depth += 1
        precondition(depth < 64, "JSONWriter: nesting deeper than 63 levels")
        commaBits &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        bytes.append(bracket)
    }

    /// The decimal digits of `value`, written in place without an intermediate String.
    private mutating func appendDecimal(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 { rest /= 10; digits += 1 }
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = end - 1
            var rest = value
            repeat {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                index -= 1
            } while rest > 0
        }
    }

    @inline(__always) private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
