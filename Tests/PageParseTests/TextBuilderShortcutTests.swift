import ByteText
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

/// `append` copies text in long runs found eight bytes at a time; it must build exactly what
/// the plain byte-by-byte rules build, on text long enough to cross several words.
@Suite struct TextBuilderRunTests {
    /// The rules one byte at a time, written out independently of `TextBuilder`.
    static func reference(_ bytes: [UInt8], decodeEntities: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var pendingSpace = false
        func space() { if !out.isEmpty { pendingSpace = true } }
        func put<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(contentsOf: bytes)
        }
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            let end = buffer.count
            while index < end {
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                        space()
                    } else if byte == UInt8(ascii: "&"), decodeEntities, let (scalar, next) = HTMLEntities.decode(buffer, at: index, end: end) {
                        if TextBuilder.isSpace(scalar) {
                            space()
                        } else if scalar != "\u{200B}", scalar != "\u{FEFF}", scalar != "\u{AD}" {
                            put(UTF8.encode(scalar)!)
                        }
                        index = next
                        continue
                    } else if byte >= 0x20 {
                        put([byte])
                    }
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < end, buffer[index + 1] == 0xA0 { space(); index += 2; continue }
                if byte == 0xE3, index + 2 < end, buffer[index + 1] == 0x80, buffer[index + 2] == 0x80 { space(); index += 3; continue }
                if byte == 0xE2, index + 2 < end, buffer[index + 1] == 0x80 {
                    let third = buffer[index + 2]
                    if third <= 0x8A || third == 0xAF || third == 0xA8 || third == 0xA9 { space(); index += 3; continue }
                    if third == 0x8B { index += 3; continue }
                }
                if byte == 0xEF, index + 2 < end, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF { index += 3; continue }
                put([byte])
                index += 1
            }
        }
        return out
    }

    @Test func buildsWhatTheByteRulesBuild() {
        var random = SystemRandomNumberGenerator()
        let pieces = TextBuilderShortcutTests.pieces + ["本报讯", "日前，", "“三区联动”。", "、", "：", "（", "abc", "12", "\u{7F}", "\u{85}", "¥", "😀", "é", "Ã\u{A0}"]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let bytes = Array(text.utf8)
            for decodeEntities in [true, false] {
                var builder = TextBuilder()
                bytes.withUnsafeBufferPointer { builder.append($0[...], decodeEntities: decodeEntities) }
                #expect(builder.bytes == Self.reference(bytes, decodeEntities: decodeEntities), "\(text.debugDescription) decodeEntities: \(decodeEntities)")
            }
        }
    }
}

/// The word-at-a-time binary sniffing must count exactly what a byte loop counts.
@Suite struct BinarySniffingTests {
    static func reference(_ bytes: [UInt8], sample: Int) -> Int {
        var count = 0
        for index in 0..<sample {
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { count += 1 }
            if byte == 0xEF, index + 2 < sample, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD { count += 1 }
        }
        return count
    }

    @Test func countsLikeAByteLoop() {
        var random = SystemRandomNumberGenerator()
        // Bytes around every boundary the bit tricks use, plus U+FFFD pieces and ordinary text.
        let alphabet: [UInt8] = Array(0...0x21) + [0x60, 0x7F, 0x80, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x9F, 0xA0, 0xBD, 0xBF, 0xE0, 0xEF, 0xE4, 0xFF, 0x41]
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let sample = Int.random(in: 0...bytes.count, using: &random)
            #expect(PageParser.suspiciousBytes(in: bytes, sample: sample) == Self.reference(bytes, sample: sample), "\(bytes) sample \(sample)")
        }
    }
}

/// A start tag's end is found by searching for quotes and `>` a word at a time; it must be the
/// byte-by-byte rule's answer: the first `>` outside a value, where a quote opens a value only
/// after `=` (spaces between allowed).
@Suite struct TagEndScanTests {
    static func reference(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        var lastNonSpace: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return index }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), lastNonSpace == UInt8(ascii: "=") {
                guard let closing = bytes[(index + 1)...].firstIndex(of: byte) else { return bytes.count }
                lastNonSpace = byte
                index = closing + 1
                continue
            }
            if ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(byte) { lastNonSpace = byte }
            index += 1
        }
        return bytes.count
    }

    @Test func findsWhatTheByteRuleFinds() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Array(" \t\n=\"'>/ab".utf8) + [0xE4, 0xB8, 0xAD, 0x3D | 0x80, 0x3E | 0x80, 0x22 | 0x80]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let start = Int.random(in: 0...bytes.count, using: &random)
            let found = bytes.withUnsafeBufferPointer { HTMLTokenizer.attributesEnd(in: $0, from: start) }
            #expect(found == Self.reference(bytes, from: start), "\(bytes) from \(start)")
        }
    }
}

/// `isVerbatim` tests attribute values a word at a time; it must agree with the byte rule.
@Suite struct VerbatimValueTests {
    @Test func agreesWithTheByteRule() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x25, 0x26, 0x27, 0x41, 0x7E, 0x7F, 0x80, 0xA6, 0xE4, 0xFE, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...30, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let document = HTMLDocument(bytes: bytes, nodes: [], elementsByTag: [], tagStarts: [], comments: [])
            let lower = Int.random(in: 0...bytes.count, using: &random)
            let range = lower..<Int.random(in: lower...bytes.count, using: &random)
            for allowingSpaces in [false, true] {
                let lowest: UInt8 = allowingSpaces ? 0x20 : 0x21
                let expected = bytes[range].allSatisfy { $0 >= lowest && $0 < 0x7F && $0 != UInt8(ascii: "&") }
                #expect(document.isVerbatim(range, allowingSpaces: allowingSpaces) == expected, "\(bytes) \(range) \(allowingSpaces)")
            }
        }
    }
}

/// A comment ends at the first `-->` after `<!--`, found from its `>`; on random comment bodies
/// the comment node must hold exactly what a byte-by-byte search finds.
@Suite struct CommentEndTests {
    @Test func commentsEndAtTheFirstCloser() throws {
        var random = SystemRandomNumberGenerator()
        let pieces = ["-", ">", "--", "->", "a", "<", "!", " ", "版"]
        for _ in 0..<10_000 {
            let body = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let bytes = Array("<!--\(body)".utf8)
            let contentStart = 4
            var expectedEnd = bytes.count
            if bytes.count >= contentStart + 3 {
                for index in contentStart...(bytes.count - 3) where bytes[index] == 0x2D && bytes[index + 1] == 0x2D && bytes[index + 2] == 0x3E {
                    expectedEnd = index
                    break
                }
            }
            let document = try HTMLTokenizer.parse(bytes, maxNodes: .max)!
            guard let comment = document.comments.first else {
                Issue.record("no comment node for \(body.debugDescription)")
                continue
            }
            #expect(document.nodes[comment].start == contentStart, "\(body.debugDescription)")
            #expect(document.nodes[comment].start + document.nodes[comment].length == expectedEnd, "\(body.debugDescription)")
        }
    }
}

/// Tag names are read in one pass that also packs them for lookup; every known tag must be found
/// in any letter case, and longer or extended names must not be mistaken for one.
@Suite struct TagNameTests {
    static func name(of tag: HTMLTag) -> String {
        String(describing: tag).replacing(/[A-Z]/) { "-" + $0.output.lowercased() }
    }

    @Test func everyTagIsFoundInAnyCase() throws {
        for tag in HTMLTag.allCases where tag != .other {
            let name = Self.name(of: tag)
            for spelling in [name, name.uppercased(), String(name.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })] {
                for markup in ["<\(spelling)>x</\(spelling)>", "<\(spelling) class=a>", "<\(spelling)/>", "<\(spelling)\n>"] {
                    let document = try HTMLTokenizer.parse(Array(markup.utf8), maxNodes: .max)!
                    #expect(document.elements(tag).count == 1, "\(markup)")
                }
            }
        }
    }

    @Test func otherNamesAreOther() throws {
        for name in ["tdx", "t", "blockquote", "founder-titles", "founder-", "x-td", "aa", "scripts", "founder-titlex"] {
            let document = try HTMLTokenizer.parse(Array("<\(name)>x</\(name)>".utf8), maxNodes: .max)!
            #expect(document.nodes.first?.tag == .other, "\(name)")
        }
    }
}
