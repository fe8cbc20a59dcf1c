extension String {
    /// Substring test on UTF-8 bytes. `String.contains(_:)` walks grapheme clusters, which
    /// showed up as the top cost when filtering every line and link for navigation words.
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var pattern = needle
        return haystack.withUTF8 { text in
            pattern.withUTF8 { word in
                guard !word.isEmpty else { return true }
                guard text.count >= word.count else { return false }
                let first = word[0]
                var index = 0
                let last = text.count - word.count
                while index <= last {
                    if text[index] == first {
                        var offset = 1
                        while offset < word.count, text[index + offset] == word[offset] { offset += 1 }
                        if offset == word.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
