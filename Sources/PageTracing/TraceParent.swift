/// A W3C Trace Context `traceparent` value: `00-<32 hex trace id>-<16 hex parent span id>-<2 hex flags>`.
/// Parsed strictly as the spec asks (lower-case hex, non-zero ids); a value that does not parse
/// starts a new trace instead of continuing a broken one.
public struct TraceParent: Sendable, Hashable {
    public var traceID: [UInt8]
    public var spanID: [UInt8]
    public var flags: UInt8

    public var sampled: Bool { flags & 0x01 != 0 }

    public init(traceID: [UInt8], spanID: [UInt8], flags: UInt8) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        // Version 00 is exactly 55 bytes; a later version may append fields after a dash.
        guard utf8.count >= 55, utf8[2] == 0x2D, utf8[35] == 0x2D, utf8[52] == 0x2D,
            utf8.count == 55 || utf8[55] == 0x2D,
            let version = Self.hexBytes(utf8[0..<2]), version != [0xFF], !(version == [0x00] && utf8.count != 55),
            let traceID = Self.hexBytes(utf8[3..<35]), traceID.contains(where: { $0 != 0 }),
            let spanID = Self.hexBytes(utf8[36..<52]), spanID.contains(where: { $0 != 0 }),
            let flags = Self.hexBytes(utf8[53..<55])
        else { return nil }
        self.init(traceID: traceID, spanID: spanID, flags: flags[0])
    }

    /// The header value, version 00.
    public var header: String { "00-\(Self.hex(traceID))-\(Self.hex(spanID))-\(Self.hex([flags]))" }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-case hex only: the spec forbids upper case in version 00.
    static func hexBytes(_ digits: ArraySlice<UInt8>) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
