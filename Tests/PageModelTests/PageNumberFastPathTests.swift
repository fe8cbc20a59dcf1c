import ByteText
import Testing

@testable import PageModel

/// The byte-level shortcuts in `normalizedNumber` must answer exactly what the Character-level
/// rules for 第, 版, digits and letters answer.
@Suite struct PageNumberFastPathTests {
    /// Page labels as printed: 第 and 版 around digits or letters, padded with whitespace of every
    /// width (combining marks after spaces included) and CJK text that is not a label.
    static let pieces: [String] = [
        "第", "版", "0", "7", "07", "A01", "a", "Z", "城", "事", "·", "。", "-", "é", "😀", "\u{302A}",
        " ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{85}", "\u{301}", " \u{301}",
    ]

    static func referenceNormalized(_ raw: String) -> String {
        // Trimming is `trimmingWhitespace`, itself checked against the Character rules (ByteTextTests).
        var label = Substring(raw.trimmingWhitespace())
        if label.hasPrefix("第") { label = label.dropFirst() }
        if label.hasSuffix("版") { label = label.dropLast() }
        label = Substring(String(label).trimmingWhitespace())
        if !label.isEmpty, label.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = label.drop(while: { $0 == "0" })
            return digits.isEmpty ? "0" : String(digits)
        }
        return label.uppercased()
    }

    @Test func pageNumbersMatchCharacterRules() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            #expect(PageRef.normalizedNumber(text) == Self.referenceNormalized(text), "\(Array(text.unicodeScalars))")
        }
        #expect(PageRef.normalizedNumber("000") == "0")
        #expect(PageRef.normalizedNumber("b2") == "B2")
    }
}

