import Testing
@testable import PageParse

/// `TextBuilder.hasVisibleText` answers "would appending this leave the builder non-empty"
/// without building text; it must agree with `append` on every input.
@Suite struct TextBuilderShortcutTests {
    static let pieces: [String] = [
        " ", "\t", "\n", "\u{A0}", "\u{3000}", "\u{2003}", "\u{200B}", "\u{FEFF}", "\u{AD}", "\u{2028}", "\u{1}",
        "&nbsp;", "&nbsp", "&#12288;", "&#x200B;", "&shy;", "&amp;", "&bogus;", "&", "&#;", "&ldquo;",
        "a", "。", "，", "“", "城", "\u{301}",
    ]

    @Test func agreesWithAppend() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let bytes = Array(text.utf8)
            for decodeEntities in [true, false] {
                var builder = TextBuilder()
                let shortcut = bytes.withUnsafeBufferPointer { buffer in
                    builder.append(buffer[...], decodeEntities: decodeEntities)
                    return TextBuilder.hasVisibleText(buffer[...], decodeEntities: decodeEntities)
                }
                #expect(shortcut == !builder.isEmpty, "\(text.debugDescription) decodeEntities: \(decodeEntities)")
            }
        }
    }
}
