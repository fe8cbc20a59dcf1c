extension String {
    /// Substring test on UTF-8 bytes. `String.contains(_:)` walks grapheme clusters, which
    /// showed up as the top cost when filtering every line and link for navigation words.
    /// Candidates are found by the needle's last byte (memchr): for Chinese words that is a
    /// continuation byte, one of sixty-four, while a lead byte is shared by a sixth of all
    /// characters and would stop the search at most of them.
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { text in
            pattern.withUTF8 { word in
                guard let last = word.last else { return true }
                var end = word.count - 1
                while true {
                    end = text.index(of: last, from: end, to: text.count)
                    guard end < text.count else { return false }
                    if text.matches(word, at: end + 1 - word.count, end: text.count) { return true }
                    end += 1
                }
            }
        }
    }
}
