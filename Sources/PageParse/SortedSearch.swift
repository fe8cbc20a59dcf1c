extension RandomAccessCollection {
    /// The first index whose element belongs after the split, in a collection where `belongsAfter`
    /// is false for a prefix and true for the rest (binary search); `endIndex` when none does.
    /// The parser's sorted node lists answer "how many come before node N" with it.
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongsAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
