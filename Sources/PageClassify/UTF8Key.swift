/// A string used as a dictionary key by its UTF-8 bytes. `String`'s own hashing and `<` are
/// Unicode-canonical, which costs a normalization pass per non-ASCII string: for the national
/// gazetteer's 85,000 names that was most of the start-up time. Gazetteer names come from one
/// generated file and curated JSON, so byte equality is the equality that matters.
struct UTF8Key: Hashable, Sendable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    static func == (left: UTF8Key, right: UTF8Key) -> Bool {
        left.string.utf8.elementsEqual(right.string.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Byte order, which for valid UTF-8 is the order of Unicode scalars.
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// Whether `string` ends with `suffix`, byte for byte.
    static func hasSuffix(_ string: String, _ suffix: String) -> Bool {
        let bytes = string.utf8, tail = suffix.utf8
        return bytes.count >= tail.count && bytes.suffix(tail.count).elementsEqual(tail)
    }
}
