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
    /// another paragraph; bylines are taken from the first two blocks, or from a dateline
    /// (`本报讯（记者 X）`) that stays in its paragraph.
    init(blocks: [BodyBlock]) {
        var blocks = blocks.filter { !$0.text.isEmpty && !NavigationResidue.isResidue($0.text) }
        var leading = 0
        while leading < min(2, blocks.count), let names = Byline.names(inBylineLine: blocks[leading].text) {
            authors.append(contentsOf: names)
            leading += 1
        }
        blocks.removeFirst(leading)
        if authors.isEmpty, let first = blocks.first {
            authors = Byline.leadingNames(inParagraph: first.text)
        }
        let heading = blocks.map(ArticleBody.looksLikeHeading)
        var paragraphFollows = [Bool](repeating: false, count: blocks.count)
        var seenParagraph = false
        for position in blocks.indices.reversed() {
            paragraphFollows[position] = seenParagraph
            if !heading[position] { seenParagraph = true }
        }
        for (position, block) in blocks.enumerated() {
            if heading[position], paragraphFollows[position], position > 0 || block.emphasized {
                subheadings.append(block.text)
            } else {
                paragraphs.append(block.text)
            }
        }
    }

    static func looksLikeHeading(_ block: BodyBlock) -> Bool {
        let count = block.text.unicodeScalars.count
        if block.emphasized { return count <= 40 }
        guard count <= 25, let last = block.text.unicodeScalars.last else { return false }
        if sentencePunctuation.contains(last) { return false }
        if block.text.unicodeScalars.contains(where: { $0 == "。" || $0 == "！" || $0 == "？" }) { return false }
        // `（完）`, `(图片由…提供)`: bracketed notes are not headings.
        if let first = block.text.unicodeScalars.first, first == "（" || first == "(" { return false }
        return true
    }

    private static let sentencePunctuation: Set<Unicode.Scalar> = [
        "。", "！", "？", "!", "?", "…", "”", "’", "\"", "；", ";", "，", ",", "、", "）", ")", "：", ":", "—",
    ]
}

/// Navigation left in a page's text: font-size buttons and previous/next links.
enum NavigationResidue {
    private static let words: Set<String> = ["放大", "缩小", "默认", "打印", "返回", "关闭", "收藏", "上一期", "下一期", "返回目录"]

    static func isResidue(_ text: String) -> Bool {
        // Residue lines are short (at most 30 scalars, 4 UTF-8 bytes each): every body paragraph
        // passes through here, so long ones leave before any splitting or set lookups.
        guard text.utf8.count <= 120 else { return false }
        if text.containsUTF8("上一篇") || text.containsUTF8("下一篇") || text.containsUTF8("上一版") || text.containsUTF8("下一版") {
            return text.unicodeScalars.count <= 30
        }
        let tokens = text.split(separator: " ")
        guard !tokens.isEmpty else { return true }
        return tokens.allSatisfy { words.contains(String($0)) || $0.allSatisfy(\.isNumber) }
    }
}
