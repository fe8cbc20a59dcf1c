import ByteText
import PageModel

/// Reads a browser's text rendering of an article page (as in the seed dataset): page label, navigation
/// residue, kicker and title, byline, indented paragraphs and short sub-heading lines, the
/// edition's page list, the page's titles and a footer that flattens the page metadata
/// (`杨浦时报城事·三区07打破社区“内循环”共联共赢共享 2013-06-27 2 2013年06月27日 星期四`).
struct PlainTextArticleParser {
    private struct Line {
        var text: String
        var indented: Bool
    }

    /// `ParseLimits.maxLines`.
    let maxLines: Int
    /// The page's time budget, checked between the passes over the lines.
    let deadline: PageDeadline

    func parse(_ bytes: [UInt8]) throws(ParseError) -> ParsedPage {
        guard let lines = splitLines(bytes) else {
            throw ParseError(.tooComplex, "plain text with more than \(maxLines) lines (ParseLimits.maxLines; \(bytes.count) bytes): a flood, not a page rendering: \(ParseError.preview(of: bytes))")
        }
        let footerIndex = lines.indices.last.flatMap { DateText.first(in: lines[$0].text) != nil ? $0 : nil }
        // Label lines are read once: the page label and the edition list come from the same parses.
        // A dated last line is the footer even when it also reads as a label, so the edition list
        // and the page's titles after it always end before the footer.
        try deadline.checkParsing("splitting the text into lines")
        let labelPages = lines.map { PageLabel.parse($0.text) }
        let labels = lines.indices.filter { labelPages[$0] != nil && $0 != footerIndex }
        let edition = editionRun(labels)
        let isNavigation = lines.map { NavigationResidue.isResidue($0.text) }
        try deadline.checkParsing("reading the lines' labels")
        guard !labels.isEmpty || footerIndex != nil || isNavigation.contains(true) else {
            throw ParseError(.notAPage, "plain text without a page label, navigation or dated footer: \(ParseError.preview(of: bytes))")
        }

        let pageLabelIndex = labels.first { !(edition?.contains($0) ?? false) }
        var page = pageLabelIndex.flatMap { labelPages[$0] }
        let contentStart = (pageLabelIndex ?? -1) + 1
        let contentLimit = edition?.lowerBound ?? footerIndex ?? lines.count

        // Header lines (kicker, title) run until the first byline, indented or long line.
        var cursor = contentStart
        var header: [String] = []
        while cursor < contentLimit {
            let line = lines[cursor]
            if !isNavigation[cursor] {
                if line.indented || Byline.names(inBylineLine: line.text) != nil || Self.isProse(line.text) { break }
                header.append(line.text)
            } else if !header.isEmpty {
                header.removeAll()  // navigation after a header-like line: that line was residue too
            }
            cursor += 1
        }
        var blocks: [BodyBlock] = []
        while cursor < contentLimit, !(isNavigation[cursor] && !blocks.isEmpty) {
            if !isNavigation[cursor] { blocks.append(BodyBlock(text: lines[cursor].text)) }
            cursor += 1
        }
        let titles = splitHeader(header)
        guard let title = titles.title else {
            throw ParseError(.noTitle, "plain-text article page without a title line before its body: \(ParseError.preview(of: bytes))")
        }
        let body = ArticleBody(blocks: blocks)

        var pageArticles: [String] = []
        if let edition {
            for index in edition.upperBound..<(footerIndex ?? lines.count) where !isNavigation[index] {
                guard pageArticles.count < EventCaps.articlesPerPage else { break }
                pageArticles.append(lines[index].text)
            }
        }
        var paper: String?
        var date: String?
        if let footerIndex {
            let footer = lines[footerIndex].text
            date = DateText.first(in: footer)
            paper = Self.paperName(inFooter: footer, page: page, title: title)
            if page == nil, let number = PageLabel.findNumber(in: footer) { page = PageRef(number: number, name: nil) }
        }
        return .article(
            ParsedArticle(
                paper: paper, date: date, page: page, kicker: titles.kicker, title: title, subtitle: titles.subtitle,
                authors: body.authors, paragraphs: body.paragraphs, subheadings: body.subheadings,
                edition: edition.map { Array($0.compactMap { labelPages[$0] }.prefix(EventCaps.editionPages)) } ?? [],
                pageArticles: pageArticles))
    }

    /// The non-empty lines, or nil past `maxLines` (the split stops there).
    private func splitLines(_ bytes: [UInt8]) -> [Line]? {
        var lines: [Line] = []
        lines.reserveCapacity(min(bytes.count / 64, maxLines))  // rendered pages average about a hundred bytes a line
        var builder = TextBuilder()
        let complete = bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            // Line feed ends most lines; a carriage return (CRLF, or a lone CR) is looked for only
            // within the line, so each byte is searched by memchr instead of tested in a loop.
            var lineFeed = -1
            while start <= buffer.count {
                if lineFeed < start { lineFeed = buffer.index(of: 0x0A, from: start, to: buffer.count) }
                let end = buffer.index(of: 0x0D, from: start, to: lineFeed)
                let first = start < end ? buffer[start] : 0
                let indented = first == 0x20 || first == 0x09 || (first == 0xE3 && end - start > 2 && buffer[start + 1] == 0x80 && buffer[start + 2] == 0x80)
                builder.append(buffer[start..<end], decodeEntities: false)
                let text = builder.take()
                if !text.isEmpty {
                    guard lines.count < maxLines else { return false }
                    lines.append(Line(text: text, indented: indented))
                }
                start = end + 1
            }
            return true
        }
        return complete ? lines : nil
    }

    private static func firstPosition(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// The last run of two or more consecutive label lines: the edition's page list.
    private func editionRun(_ labels: [Int]) -> Range<Int>? {
        var best: Range<Int>?
        var runStart = 0
        for position in labels.indices {
            let isRunEnd = position == labels.count - 1 || labels[position + 1] != labels[position] + 1
            if isRunEnd {
                if position > runStart { best = labels[runStart]..<(labels[position] + 1) }
                runStart = position + 1
            }
        }
        return best
    }

    static func isProse(_ text: String) -> Bool {
        // A last Character equal to 。 needs the UTF-8 to end in 。; only then ask `hasSuffix`.
        UTF8Bytes.scalarCount(text, upTo: 40) > 40 || (UTF8Bytes.withBytes(text) { UTF8Bytes.hasSuffix($0, "。") } && text.hasSuffix("。"))
    }

    /// One line is the title; two are kicker and title (or title and `——` subtitle); three are
    /// kicker, title and subtitle.
    private func splitHeader(_ header: [String]) -> (kicker: String?, title: String?, subtitle: String?) {
        let lines = header.suffix(3)
        switch lines.count {
        case 0: return (nil, nil, nil)
        case 1: return (nil, lines.first, nil)
        case 2:
            let first = lines[lines.startIndex], second = lines[lines.startIndex + 1]
            return second.hasPrefix("—") ? (nil, first, second) : (first, second, nil)
        default:
            let start = lines.startIndex
            return (lines[start], lines[start + 1], lines[start + 2])
        }
    }

    /// The footer starts with paper name, page name, page number and title, glued together.
    static func paperName(inFooter footer: String, page: PageRef?, title: String) -> String? {
        let name = page?.name
        // Simple texts (see `UTF8Text.isSimple`): Characters are scalars, a Character search is a
        // byte search, and the first word ends at the first space byte.
        let simple: String?? = UTF8Bytes.withBytes(footer) { footer in
            UTF8Bytes.withBytes(name ?? "") { name in
                UTF8Bytes.withBytes(title) { title in
                    guard UTF8Text.isSimple(footer), UTF8Text.isSimple(name), UTF8Text.isSimple(title), !title.isEmpty else { return .none }
                    var start = 0
                    while start < footer.count, footer[start] == 0x20 { start += 1 }
                    guard start < footer.count else { return .none }
                    var end = start
                    while end < footer.count, footer[end] != 0x20 { end += 1 }
                    let prefix = UnsafeBufferPointer(rebasing: footer[start..<end])
                    var candidate: UnsafeBufferPointer<UInt8>?
                    if !name.isEmpty, let position = firstPosition(of: name, in: prefix) {
                        candidate = UnsafeBufferPointer(rebasing: prefix[..<position])
                    } else if name.isEmpty, page?.name != nil {
                        return .none
                    } else if let position = firstPosition(of: title, in: prefix) {
                        var upper = position
                        while upper > 0, prefix[upper - 1] < 0x80, isASCIILetterOrDigit(prefix[upper - 1]) { upper -= 1 }
                        candidate = UnsafeBufferPointer(rebasing: prefix[..<upper])
                    }
                    guard let paper = candidate, !paper.isEmpty, UTF8Bytes.scalarCount(paper, upTo: 20) <= 20 else { return .some(nil) }
                    return .some(String(validUTF8: paper))
                }
            }
        }
        if let simple { return simple }
        // The first space-separated word, without splitting the whole footer.
        let prefix = footer.drop(while: { $0 == " " }).split(separator: " ", maxSplits: 1).first.map(String.init) ?? footer
        var candidate: Substring?
        if let name = page?.name, let range = prefix.firstRange(of: name) {
            candidate = prefix[..<range.lowerBound]
        } else if let range = prefix.firstRange(of: title) {
            candidate = prefix[..<range.lowerBound].reversed().drop(while: { $0.isASCII && ($0.isNumber || $0.isLetter) }).reversed().reduce(into: Substring()) { $0.append($1) }
        }
        guard let paper = candidate?.trimmingWhitespace(), !paper.isEmpty, paper.count <= 20 else { return nil }
        return String(paper)
    }
}
