extension String {
    /// Substring test on UTF-8 bytes (`UnsafeBufferPointer.contains(_:from:to:)`).
    /// `String.contains(_:)` walks grapheme clusters, which showed up as the top cost when
    /// filtering every line and link for navigation words.
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { text in pattern.withUTF8 { text.contains($0, from: 0, to: text.count) } }
    }
}
