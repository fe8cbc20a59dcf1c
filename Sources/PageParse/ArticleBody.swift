import ByteText

/// One line of article text as found on the page, before it is known to be a paragraph,
/// a sub-heading or a byline.
struct BodyBlock: Equatable {
    var text: String
    /// All of its text was inside `<b>`/`<strong>`: a strong sub-heading signal in HTML.
    var emphasized = false
}

/// Body paragraphs, in-body sub-headings and byline names read from a run of blocks.
struct ArticleBody: Equatable {
    var paragraphs: [String] = []
    var subheadings: [String] = []
    var authors: [String] = []

    /// Sub-headings are short (≤ 25 characters), carry no sentence punctuation and sit before
    /// another paragraph; bylines are taken from the first two blocks, from a dateline
    /// (`本报讯（记者 X）`) that stays in its paragraph, and from a bracketed byline that ends the
    /// article. A credit line (`（新华社北京2月10日电 载2月11日《人民日报》）`) names no role and
    /// stays the last paragraph.
    init(blocks: [BodyBlock]) {
        // Filled by hand: `filter` grows its result one doubling at a time.
        var kept: [BodyBlock] = []
        kept.reserveCapacity(blocks.count)
        for block in blocks where !block.text.isEmpty && !NavigationResidue.isResidue(block.text) { kept.append(block) }
        var blocks = kept
        var leading = 0
        while leading < min(2, blocks.count), let names = Byline.names(inBylineLine: blocks[leading].text) {
            authors.append(contentsOf: names)
            leading += 1
        }
        blocks.removeFirst(leading)
        if authors.isEmpty, let first = blocks.first {
            authors = Byline.leadingNames(inParagraph: first.text)
        }
        // A byline may close the article instead: a last line `（记者 X）`, or that bracket at the
        // end of the last paragraph, which keeps its text.
        if let last = blocks.last, blocks.count > 1 || leading > 0 {
            if let names = Byline.names(inBylineLine: last.text) {
                ArticleBody.add(names, to: &authors)
                blocks.removeLast()
            } else if let byline = Byline.trailingByline(inParagraph: last.text), !byline.rest.isEmpty {
                ArticleBody.add(byline.names, to: &authors)
                blocks[blocks.count - 1].text = byline.rest
            }
        }
        let heading = blocks.map(ArticleBody.looksLikeHeading)
        var paragraphFollows = [Bool](repeating: false, count: blocks.count)
        var seenParagraph = false
        for position in blocks.indices.reversed() {
            paragraphFollows[position] = seenParagraph
            if !heading[position] { seenParagraph = true }
        }
        paragraphs.reserveCapacity(blocks.count)
        for (position, block) in blocks.enumerated() {
            if heading[position], paragraphFollows[position], position > 0 || block.emphasized {
                subheadings.append(block.text)
            } else {
                paragraphs.append(block.text)
            }
        }
    }

    private static func add(_ names: [String], to authors: inout [String]) {
        for name in names where !authors.contains(name) { authors.append(name) }
    }

    /// Counts and finds scalars on UTF-8 bytes: every block of every article comes through here.
    static func looksLikeHeading(_ block: BodyBlock) -> Bool {
        UTF8Bytes.withBytes(block.text) { text in
            let count = UTF8Bytes.scalarCount(text, upTo: 40)
            if block.emphasized { return count <= 40 }
            guard count <= 25, !text.isEmpty else { return false }
            let lastStart = UTF8Bytes.scalarStart(in: text, before: text.count)
            if isSentencePunctuation(UTF8Bytes.scalar(in: text, at: lastStart).value) { return false }
            if UTF8Bytes.contains(text, "。") || UTF8Bytes.contains(text, "！") || UTF8Bytes.contains(text, "？") { return false }
            // `（完）`, `(图片由…提供)`: bracketed notes are not headings.
            if text[0] == UInt8(ascii: "(") || UTF8Bytes.hasPrefix(text, "（") { return false }
            return true
        }
    }

    /// 。！？!?…”’"；;，,、）)：:—
    private static func isSentencePunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x2026, 0x201D, 0x2019, 0x22, 0xFF1B, 0x3B, 0xFF0C, 0x2C, 0x3001, 0xFF09, 0x29,
            0xFF1A, 0x3A, 0x2014:
            true
        default: false
        }
    }
}

/// Navigation left in a page's text: font-size buttons and previous/next links.
enum NavigationResidue {
    private static let words: Set<String> = ["放大", "缩小", "默认", "打印", "返回", "关闭", "收藏", "上一期", "下一期", "返回目录"]

    static func isResidue(_ text: String) -> Bool {
        UTF8Bytes.withBytes(text) { isResidue(utf8: $0) }
    }

    /// `isResidue(_:)` for text given as UTF-8 (valid, as from a `String`).
    static func isResidue(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Residue lines are short (at most 30 scalars, 4 UTF-8 bytes each): every body paragraph
        // passes through here, so long ones leave before any splitting or set lookups.
        guard bytes.count <= 120 else { return false }
        if mentionsNeighbour(bytes) { return UTF8Bytes.scalarCount(bytes, upTo: 30) <= 30 }
        guard mayBeWordsOrNumbers(bytes) else { return false }
        if UTF8Text.isSimple(bytes) { return simpleTokensAreWordsOrNumbers(bytes) }
        let tokens = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard !tokens.isEmpty else { return true }
        return tokens.allSatisfy { words.contains(String($0)) || $0.allSatisfy(\.isNumber) }
    }

    /// 上一篇, 下一篇, 上一版 or 下一版, in one pass.
    private static func mentionsNeighbour(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 9 else { return false }
        for index in 0...(bytes.count - 9) where bytes[index] == 0xE4 && bytes[index + 1] == 0xB8 {
            guard bytes[index + 2] == 0x8A || bytes[index + 2] == 0x8B else { continue }  // 上, 下
            guard UTF8Bytes.hasPrefix(bytes, "一", at: index + 3) else { continue }
            if UTF8Bytes.hasPrefix(bytes, "篇", at: index + 6) || UTF8Bytes.hasPrefix(bytes, "版", at: index + 6) { return true }
        }
        return false
    }

    /// False only when the first space-separated token can be neither a navigation word nor a
    /// number: it starts with printable ASCII other than a digit, or with a CJK ideograph that
    /// starts no word and has no numeric value. A token starting so is no other token in
    /// canonical equivalence and `Character.isNumber` looks at its first scalar only.
    private static func mayBeWordsOrNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < bytes.count, bytes[start] == 0x20 { start += 1 }
        guard start < bytes.count else { return true }
        let lead = bytes[start]
        if lead < 0x80 { return lead < 0x21 || lead > 0x7E || (lead >= 0x30 && lead <= 0x39) }
        let value = UTF8Bytes.scalar(in: bytes, at: start).value
        guard value >= 0x4E00, value <= 0x9FFF else { return true }
        if isWordFirst(value) { return true }
        return hasNumericValue(value)
    }

    /// The token test below on simple text, where U+0020 bytes are the " " Characters, a token
    /// equals a word only byte for byte, and every scalar is a Character for `isNumber`.
    private static func simpleTokensAreWordsOrNumbers(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x20 { index += 1; continue }
            let start = index
            while index < bytes.count, bytes[index] != 0x20 { index += 1 }
            let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if wordBytes.contains(where: { $0.elementsEqual(token) }) { continue }
            var position = 0
            while position < token.count {
                let (value, next) = UTF8Bytes.scalar(in: token, at: position)
                guard hasNumericValue(value) else { return false }
                position = next
            }
        }
        return true
    }

    /// `Unicode.Scalar.properties.numericType != nil`, with the ideographs of U+4E00–U+9FFF (the
    /// first scalar of almost every line asked about) answered from this list instead of the
    /// Unicode tables; `numericIdeographsMatchTheStandardLibrary` keeps the list in step.
    static func hasNumericValue(_ value: UInt32) -> Bool {
        guard value >= 0x4E00, value <= 0x9FFF else { return Unicode.Scalar(value)?.properties.numericType != nil }
        switch value {
        case
             0x4E00, 0x4E03, 0x4E07, 0x4E09, 0x4E24, 0x4E5D, 0x4E8C, 0x4E94, 0x4E96, 0x4EAC,
             0x4EBF, 0x4EC0, 0x4EDF, 0x4EE8, 0x4F0D, 0x4F70, 0x4FE9, 0x5006, 0x5104, 0x5146,
             0x5169, 0x516B, 0x516D, 0x5341, 0x5343, 0x5344, 0x5345, 0x534C, 0x53C1, 0x53C2,
             0x53C3, 0x53C4, 0x56DB, 0x58F1, 0x58F9, 0x5E7A, 0x5EFE, 0x5EFF, 0x5F0C, 0x5F0D,
             0x5F0E, 0x5F10, 0x62D0, 0x62FE, 0x634C, 0x67D2, 0x6D1E, 0x6F06, 0x7396, 0x767E,
             0x7695, 0x79ED, 0x8086, 0x842C, 0x8CAE, 0x8CB3, 0x8D30, 0x920E, 0x94A9, 0x9621,
             0x9646, 0x964C, 0x9678, 0x96F6:
            return true
        default:
            return false
        }
    }

    private static let wordBytes: [[UInt8]] = words.map { Array($0.utf8) }

    /// 放缩默打返关收上下: the first scalars of `words`.
    private static func isWordFirst(_ value: UInt32) -> Bool {
        switch value {
        case 0x653E, 0x7F29, 0x9ED8, 0x6253, 0x8FD4, 0x5173, 0x6536, 0x4E0A, 0x4E0B: true
        default: false
        }
    }
}
