/// A string used as a dictionary key by its UTF-8 bytes. `String`'s own hashing and `<` are
/// Unicode-canonical, which costs a normalization pass per non-ASCII string: for the national
/// gazetteer's 85,000 names that was most of the start-up time. Gazetteer names come from one
/// generated file and curated JSON, so byte equality is the equality that matters.
struct UTF8Key: Hashable, Sendable {
    let string: String

    init(_ string: String) {
        self.string = string
    }

    /// Compares the contiguous bytes: iterating the two `utf8` views a byte at a time cost
    /// several times more, and this runs for every pattern of the gazetteer at start-up.
    static func == (left: UTF8Key, right: UTF8Key) -> Bool {
        ByteSearch.withBytes(of: left.string) { left in
            ByteSearch.withBytes(of: right.string) { right in ByteSearch.equal(left, right) }
        }
    }

    func hash(into hasher: inout Hasher) {
        ByteSearch.withBytes(of: string) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Byte order, which for valid UTF-8 is the order of Unicode scalars.
    static func precedes(_ left: String, _ right: String) -> Bool {
        ByteSearch.withBytes(of: left) { left in ByteSearch.withBytes(of: right) { right in left.lexicographicallyPrecedes(right) } }
    }

    /// Whether `string` ends with `suffix`, byte for byte.
    static func hasSuffix(_ string: String, _ suffix: String) -> Bool {
        ByteSearch.withBytes(of: string) { bytes in
            ByteSearch.withBytes(of: suffix) { tail in
                tail.count <= bytes.count && ByteSearch.equal(tail, UnsafeBufferPointer(rebasing: bytes[(bytes.count - tail.count)...]))
            }
        }
    }
}
