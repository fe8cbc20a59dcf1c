import ByteText
import PageModel
import Testing

/// The byte searches against the obvious, slow definitions, on haystacks long enough to take
/// both `index(of:)` paths (the in-place loop under sixteen bytes, `memchr` beyond).
@Suite struct ByteSearchTests {
    static func naiveContains(_ needle: [UInt8], _ haystack: [UInt8]) -> Bool {
        needle.isEmpty || (0..<max(0, haystack.count - needle.count + 1)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func agreesWithNaiveSearch() {
        var random = SplitMix64(seed: 0xB17E)
        for round in 0..<5000 {
            let haystack = (0..<Int(random.next() % 40)).map { _ in UInt8(random.next() % 3) }
            let needle = (0..<Int(random.next() % 5)).map { _ in UInt8(random.next() % 3) }
            haystack.withUnsafeBufferPointer { bytes in
                let found = UTF8Bytes.contains(bytes, needle)
                #expect(found == Self.naiveContains(needle, haystack), "round \(round): \(needle) in \(haystack)")
                #expect(UTF8Bytes.equals(bytes, needle) == (needle == haystack), "round \(round): \(needle) == \(haystack)")
                #expect(UTF8Bytes.hasPrefix(bytes, needle) == haystack.starts(with: needle), "round \(round)")
                #expect(UTF8Bytes.hasSuffix(bytes, needle) == haystack.reversed().starts(with: needle.reversed()), "round \(round)")
                let byte = UInt8(random.next() % 4)
                let from = haystack.isEmpty ? 0 : Int(random.next() % UInt64(haystack.count))
                let expected = haystack[from...].firstIndex(of: byte) ?? haystack.count
                #expect(bytes.index(of: byte, from: from, to: haystack.count) == expected, "round \(round): \(byte) from \(from)")
            }
        }
    }

    @Test func literalsAndRangesAreSearchedAsBytes() {
        let text = "本报讯 日前，杨浦区五角场镇"
        UTF8Bytes.withBytes(text) { bytes in
            #expect(UTF8Bytes.contains(bytes, "杨浦区"))
            #expect(!UTF8Bytes.contains(bytes, "杨浦区", in: 0..<12))
            #expect(UTF8Bytes.hasPrefix(bytes, "本报讯"))
            #expect(UTF8Bytes.hasPrefix(bytes, "日前", at: 10))
            #expect(!UTF8Bytes.hasPrefix(bytes, "日前", at: 10, end: 14))
            #expect(UTF8Bytes.hasSuffix(bytes, "镇"))
            #expect(UTF8Bytes.scalarCount(bytes) == text.unicodeScalars.count)
            #expect(UTF8Bytes.scalarCount(bytes, upTo: 3) == 4)
            let last = UTF8Bytes.scalarStart(in: bytes, before: bytes.count)
            #expect(UTF8Bytes.scalar(in: bytes, at: last) == (value: 0x9547, next: bytes.count))
        }
        #expect("content_1.htm".containsUTF8("_1."))
        #expect(!"本报讯".containsUTF8("报道"))
    }

    @Test func asciiCaseIsFoldedOnlyForLetters() {
        UTF8Bytes.withBytes("Content_1.HTM") { bytes in
            #expect(bytes.hasPrefixIgnoringASCIICase("content_", from: 0, to: bytes.count))
            #expect(bytes.equalsIgnoringASCIICase("htm", from: 10, to: 13))
            #expect(!bytes.equalsIgnoringASCIICase("htm", from: 9, to: 13))
        }
        for byte in UInt8.min...UInt8.max {
            let expected: UInt8 = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            #expect(UTF8Bytes.asciiLower(byte) == expected, "\(byte)")
        }
    }

    /// `containsUTF8` finds candidates by the needle's last byte: needles at either end and
    /// overlapping near-misses must be found as a plain search finds them.
    @Test func containsUTF8AgreesWithNaiveSearch() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["本", "版", "责", "编", "本版", "责编", "a", "b", " ", "任", "辑", "é"]
        let needles = ["本版责编", "责任编辑", "版责", "a", "ab", "编", "é", ""]
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for needle in needles {
                #expect(text.containsUTF8(needle) == Self.naiveContains(Array(needle.utf8), Array(text.utf8)), "\(text) \(needle)")
            }
        }
    }

    @Test func anyOfThreeBytesMatchesFirstIndex() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x00, 0x01, 0x21, 0x22, 0x27, 0x3E, 0x3F, 0x7F, 0x80, 0xA2, 0xBE, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let from = Int.random(in: 0...bytes.count, using: &random)
            let to = Int.random(in: from...bytes.count, using: &random)
            let expected = bytes[from..<to].firstIndex { $0 == 0x22 || $0 == 0x27 || $0 == 0x3E } ?? to
            let found = bytes.withUnsafeBufferPointer { $0.index(ofAny: 0x3E, 0x22, 0x27, from: from, to: to) }
            #expect(found == expected, "\(bytes) \(from)..<\(to)")
        }
    }
}
