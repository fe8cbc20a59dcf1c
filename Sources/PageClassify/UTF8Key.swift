import ByteText

/// A string used as a dictionary key by its UTF-8 bytes. `String`'s own hashing and `<` are
/// Unicode-canonical, which costs a normalization pass per non-ASCII string, and the national
/// gazetteer's 85,000 names are all hashed and compared at start-up. Gazetteer names come from one
/// generated file and curated JSON, so byte equality is the equality that matters.
struct UTF8Key: Hashable, Sendable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    /// Compares the contiguous bytes: iterating the two `utf8` views a byte at a time costs
    /// several times more, and this runs for every pattern of the gazetteer at start-up.
    static func == (left: UTF8Key, right: UTF8Key) -> Bool {
        UTF8Bytes.withBytes(left.string) { left in
            UTF8Bytes.withBytes(right.string) { right in UTF8Bytes.equals(left, right) }
        }
    }

    func hash(into hasher: inout Hasher) {
        UTF8Bytes.withBytes(string) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Byte order, which for valid UTF-8 is the order of Unicode scalars.
    static func precedes(_ left: String, _ right: String) -> Bool {
        UTF8Bytes.withBytes(left) { left in UTF8Bytes.withBytes(right) { right in left.lexicographicallyPrecedes(right) } }
    }

    /// Whether `string` ends with `suffix`, byte for byte.
    static func hasSuffix(_ string: String, _ suffix: String) -> Bool {
        UTF8Bytes.withBytes(string) { bytes in
            UTF8Bytes.withBytes(suffix) { UTF8Bytes.hasSuffix(bytes, $0) }
        }
    }
}
