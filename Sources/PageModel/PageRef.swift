import ByteText

/// One printed page of a paper edition: `第07版:城事·三区` is `PageRef(number: "7", name: "城事·三区")`.
public struct PageRef: Sendable, Hashable, Codable {
    /// The page label without `第`/`版`: purely numeric labels lose their leading zeros (`07` → `7`);
    /// lettered ones are upper-cased and kept as printed (`a01` → `A01`). See `PageRef.normalizedNumber`.
    /// Nil when the page names itself without a number (web-CMS pages give only the node name).
    public var number: String?
    /// The page name (版名) as printed, or nil when the page shows none.
    public var name: String?

    public init(number: String?, name: String?) {
        let normalized = number.map(PageRef.normalizedNumber)
        self.number = normalized?.isEmpty == false ? normalized : nil
        self.name = name
    }

    /// Canonical form of a page label so that `07`, `7`, `第07版` and `第7版` compare equal.
    public static func normalizedNumber(_ raw: some StringProtocol) -> String {
        // The usual label (`07`, `A01`) is a few ASCII letters and digits: no trimming, no 第/版,
        // so the Character-level path below can be skipped.
        let utf8 = raw.utf8
        if !utf8.isEmpty, utf8.count <= 16, utf8.allSatisfy({ isASCIIDigit($0) || ($0 | 0x20) &- UInt8(ascii: "a") < 26 }) {
            if utf8.allSatisfy(isASCIIDigit) {
                let digits = utf8.drop(while: { $0 == UInt8(ascii: "0") })
                return digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
            }
            return String(decoding: utf8.map { $0 &- UInt8(ascii: "a") < 26 ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        var label = Substring(raw).trimmingWhitespace()
        if label.hasPrefix("第") { label = label.dropFirst() }
        if label.hasSuffix("版") { label = label.dropLast() }
        label = label.trimmingWhitespace()
        if !label.isEmpty, label.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = label.drop(while: { $0 == "0" })
            return digits.isEmpty ? "0" : String(digits)
        }
        return label.uppercased()
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
