import Testing

@testable import ByteText

/// The byte-level shortcut in `trimmingWhitespace` must answer exactly what the Character-level
/// rule answers.
@Suite struct WhitespaceTrimmingTests {
    /// Pieces chosen to sit on the shortcut's edges: whitespace of every width, combining marks
    /// after spaces, CJK ideographs and punctuation, digits and letters.
    static let pieces: [String] = [
        " ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{85}", "\u{301}", " \u{301}",
        "a", "Z", "0", "7", "第", "版", "城", "事", "·", "。", "\u{302A}", "é", "😀", "-", "A01", "07",
    ]

    static func referenceTrim(_ text: String) -> String {
        var view = text[...]
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }

    @Test func trimmingMatchesCharacterRules() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...5, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            #expect(text.trimmingWhitespace() == Self.referenceTrim(text), "\(Array(text.unicodeScalars))")
            #expect(String(text[...].trimmingWhitespace()) == Self.referenceTrim(text))
        }
    }
}

/// `String(validUTF8:)` skips validation, so it must give the very String validation would,
/// ASCII flag included (lower-casing and comparison take different paths on it).
@Suite struct ValidUTF8StringTests {
    @Test func equalsTheValidatedStringForEveryKindOfText() {
        let samples = ["", "a", "content_1.htm", "ABCDEFGHIJKLMNOP", "本报讯 日前，杨浦区", "五角场镇“三区联动”。", "é\u{301}", "😀x", "A01版", String(repeating: "x", count: 17) + "版"]
        for sample in samples {
            let bytes = Array(sample.utf8)
            let fast = String(validUTF8: bytes)
            #expect(fast == String(decoding: bytes, as: UTF8.self))
            #expect(Array(fast.utf8) == bytes)
            #expect(fast.lowercased() == sample.lowercased())
            #expect(fast.unicodeScalars.count == sample.unicodeScalars.count)
        }
    }

    @Test func asciiIsRecognisedAtAnyLengthAndPosition() {
        for length in 0..<20 {
            let ascii = [UInt8](repeating: UInt8(ascii: "q"), count: length)
            #expect(ascii.withUnsafeBufferPointer { String.isASCII($0) })
            for position in 0..<length {
                var mixed = ascii
                mixed[position] = 0xC3
                #expect(!mixed.withUnsafeBufferPointer { String.isASCII($0) })
            }
        }
    }
}
