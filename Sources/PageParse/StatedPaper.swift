import ByteText

/// The paper's name from every place a page states it, most explicit first: `enpproperty`
/// (`founder-papername`), the hidden `channelname` input, the document `<title>`, the copyright
/// footer (`Copyright © 湖北日报`, `杨浦时报版权所有`), a masthead line that puts the name before
/// the date (`人民日报 2017年10月16日 星期一`), and the host of the page's own `enpproperty` `<url>`
/// (`PaperHosts`). Article regions that crawlers keep without their `<head>` mostly state it only
/// in the footer.
enum StatedPaper {
    static func find(in document: HTMLDocument, metadata: PageMetadata) -> String? {
        if let paper = metadata.paper ?? metadata.channelName ?? metadata.documentTitle.flatMap(PaperName.fromDocumentTitle) {
            return paper
        }
        return fromCopyrightLine(in: document) ?? fromMasthead(in: document) ?? metadata.url.flatMap(PaperHosts.paper(forURL:))
    }

    /// Raw bytes that mark a copyright line: 版权所有, ©, `&copy;`, `&#169;`, (C)opyright, COPYRIGHT.
    private static let copyrightMarkers: [[UInt8]] = ["版权所有", "©", "&copy;", "&#169;", "opyright", "OPYRIGHT"].map { Array($0.utf8) }

    /// Footers sit at the end of a page, in one text node or its parent block: text nodes are
    /// searched from the end for a marker in their raw bytes, and only a marked one's parent
    /// block is built as text, never the whole page.
    private static func fromCopyrightLine(in document: HTMLDocument) -> String? {
        document.bytes.withUnsafeBufferPointer { buffer in
            for index in document.nodes.indices.reversed() where document.nodes[index].kind == .text {
                let node = document.nodes[index]
                let marked = copyrightMarkers.contains { marker in
                    marker.withUnsafeBufferPointer { buffer.contains($0, from: node.start, to: node.start + node.length) }
                }
                guard marked else { continue }
                let text = node.parent >= 0 ? document.text(of: node.parent) : document.text(index..<(index + 1))
                if let name = UTF8Bytes.withBytes(text, fromCopyright) { return name }
            }
            return nil
        }
    }

    /// The visible text is built only up to its first date.
    private static func fromMasthead(in document: HTMLDocument) -> String? {
        var resumeAt = 0
        let answer: String?? = document.searchVisibleText { text, isComplete in
            switch DateText.first(utf8: text, from: resumeAt, textIsComplete: isComplete) {
            case .found: return .some(fromMasthead(text))
            case .notFound: resumeAt = text.count
            case .undecided(let offset): resumeAt = offset
            }
            return nil
        }
        return answer ?? nil
    }

    /// The name next to `版权所有` (before it, else after it) or after `©` / `Copyright`.
    static func fromCopyright(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < text.count {
            if UTF8Bytes.hasPrefix(text, "版权所有", at: index) {
                if let name = paperName(endingBefore: index, in: text) ?? paperName(startingAfter: index + 12, in: text) { return name }
                index += 12
            } else if UTF8Bytes.hasPrefix(text, "©", at: index) {
                if let name = paperName(startingAfter: index + 2, in: text) { return name }
                index += 2
            } else if text.equalsIgnoringASCIICase("copyright", from: index, to: min(index + 9, text.count)) {
                if let name = paperName(startingAfter: index + 9, in: text) { return name }
                index += 9
            } else {
                index += 1
            }
        }
        return nil
    }

    /// A short masthead line: the name right before the page's first date (`人民日报 2017年10月16日`).
    static func fromMasthead(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard case .found(let date) = DateText.first(utf8: text, from: 0, textIsComplete: true) else { return nil }
        let year = Array(date.utf8.prefix(4))
        var index = 0
        while index + 4 <= text.count {
            if text[index] == year[0], text[index..<(index + 4)].elementsEqual(year) {
                return paperName(endingBefore: index, in: text, wholeRun: true)
            }
            index += 1
        }
        return nil
    }

    /// The ideograph run ending right before `end` (spaces and `：` skipped), cut to a paper name;
    /// with `wholeRun`, only a run that is a paper's name as it stands (`人民日报`).
    private static func paperName(endingBefore end: Int, in text: UnsafeBufferPointer<UInt8>, wholeRun: Bool = false) -> String? {
        var upper = end
        while upper > 0, text[upper - 1] == 0x20 { upper -= 1 }
        if upper >= 3, UTF8Bytes.hasPrefix(text, "：", at: upper - 3) { upper -= 3 }
        while upper > 0, text[upper - 1] == 0x20 { upper -= 1 }
        var lower = upper
        var scalars = 0
        while lower >= 3, scalars < 20, isIdeograph(text, at: lower - 3) {
            lower -= 3
            scalars += 1
        }
        let run = UnsafeBufferPointer(rebasing: text[lower..<upper])
        guard let name = paperName(inRun: run) else { return nil }
        return !wholeRun || name.utf8.count == run.count ? name : nil
    }

    /// The ideograph run starting after `start`, past spaces, `：`, `©`, `(c)`, years and dashes.
    private static func paperName(startingAfter start: Int, in text: UnsafeBufferPointer<UInt8>) -> String? {
        var lower = start
        while lower < text.count {
            let byte = text[lower]
            if byte == 0x20 || byte == 0x2D || byte == 0x3A || (byte >= 0x30 && byte <= 0x39) {
                lower += 1
            } else if UTF8Bytes.hasPrefix(text, "©", at: lower) {
                lower += 2
            } else if UTF8Bytes.hasPrefix(text, "：", at: lower) {
                lower += 3
            } else if text.equalsIgnoringASCIICase("(c)", from: lower, to: min(lower + 3, text.count)) {
                lower += 3
            } else {
                break
            }
        }
        var upper = lower
        var scalars = 0
        while upper + 3 <= text.count, scalars < 20, isIdeograph(text, at: upper) {
            upper += 3
            scalars += 1
        }
        return paperName(inRun: UnsafeBufferPointer(rebasing: text[lower..<upper]))
    }

    /// A run of ideographs up to its first 报 or 刊 after at least two others: `湖北日报传媒集团` →
    /// `湖北日报`, `中国旅游报社` → `中国旅游报`, `解放日报报业集团` → `解放日报`.
    private static func paperName(inRun run: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 6
        while index + 3 <= run.count {
            if UTF8Bytes.hasPrefix(run, "报", at: index) || UTF8Bytes.hasPrefix(run, "刊", at: index) {
                return String(validUTF8: UnsafeBufferPointer(rebasing: run[..<(index + 3)]))
            }
            index += 3
        }
        return nil
    }

    /// U+4E00–U+9FFF: three bytes led by E4–E9 (U+4000–U+4DFF, led by E4 with a second byte
    /// below B8, are left out).
    @inline(__always)
    private static func isIdeograph(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 3 <= text.count else { return false }
        let lead = text[index]
        return (lead >= 0xE5 && lead <= 0xE9) || (lead == 0xE4 && text[index + 1] >= 0xB8)
    }
}
