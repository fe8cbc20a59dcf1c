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
}

extension Substring {
    /// Trims ASCII and Unicode whitespace, including the full-width space (U+3000) and NBSP.
    public func trimmingWhitespace() -> Substring {
        var view = self
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return view
    }
}

extension String {
    /// Trims ASCII and Unicode whitespace, including the full-width space (U+3000) and NBSP.
    public func trimmingWhitespace() -> String { String(self[...].trimmingWhitespace()) }
}
