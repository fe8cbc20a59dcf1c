extension Substring {
    /// Trims ASCII and Unicode whitespace, including the full-width space (U+3000) and NBSP.
    public func trimmingWhitespace() -> Substring {
        if Self.startsAndEndsVisibly(utf8) { return self }
        var view = self
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return view
    }

    /// A cheap, conservative answer to "is there nothing to trim": the first byte is printable
    /// ASCII or leads a code point that is never whitespace, and the text ends in printable ASCII
    /// or a CJK ideograph (which no combining mark can turn into part of a whitespace cluster).
    static func startsAndEndsVisibly(_ utf8: Substring.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        let firstIsVisible = (first > 0x20 && first < 0x7F) || (first >= 0xC3 && first != 0xE1 && first != 0xE2 && first != 0xE3)
        guard firstIsVisible else { return false }
        if last > 0x20 && last < 0x7F { return true }
        // A final CJK ideograph (U+4E00…U+9FFF) is three bytes with lead E4…E9.
        guard utf8.count >= 3 else { return false }
        let lead = utf8[utf8.index(utf8.endIndex, offsetBy: -3)]
        return lead >= 0xE4 && lead <= 0xE9
    }
}

extension String {
    /// Trims ASCII and Unicode whitespace, including the full-width space (U+3000) and NBSP.
    public func trimmingWhitespace() -> String {
        Substring.startsAndEndsVisibly(self[...].utf8) ? self : String(self[...].trimmingWhitespace())
    }
}
