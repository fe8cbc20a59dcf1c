import PageModel

/// Article pages in HTML: the older Founder table layout (`td.font02`/`td.font01`,
/// `<founder-content>` in `#ozoom`), the web-CMS form (`<!--enpcontent-->` body,
/// `introtitle`/`nodename` metadata) and the newer `.article > h3/h1/h2` layout. Each field
/// falls back through the layouts' places for it, metadata first.
struct FounderArticleParser {
    let document: HTMLDocument
    let metadata: PageMetadata
    let navigation: PageNavigation
    /// The body's node range: `<founder-content>`, the web-CMS comment pair, `#ozoom`, `.article`.
    /// Found once, since both the page-kind decision and the body reading need it.
    let bodyRange: Range<Int>?
    /// The table layout's title cell (the first `td.font01`) and kicker/subtitle cells
    /// (`td.font02`), found in one pass over the cells.
    let titleCell: Int?
    let headlineCells: [Int]

    init(document: HTMLDocument, metadata: PageMetadata, navigation: PageNavigation) {
        self.document = document
        self.metadata = metadata
        self.navigation = navigation
        bodyRange = FounderArticleParser.findBody(in: document)
        var titleCell: Int?
        var headlineCells: [Int] = []
        for cell in document.elements(.td) {
            guard let classes = document.attributeRange("class", of: cell) else { continue }
            if titleCell == nil, document.hasClass("font01", classAttribute: classes, of: cell) { titleCell = cell }
            if document.hasClass("font02", classAttribute: classes, of: cell) { headlineCells.append(cell) }
        }
        self.titleCell = titleCell
        self.headlineCells = headlineCells
    }

    func parse() throws(ParseError) -> ParsedArticle {
        let heading1 = document.elements(.h1).first

        let visibleTitle = document.elements(.founderTitle).first.map { document.text(of: $0) }.flatMap(Self.nonEmpty)
            ?? titleCell.map { document.text(of: $0) }.flatMap(Self.nonEmpty)
            ?? heading1.map { document.text(of: $0) }.flatMap(Self.nonEmpty)
        guard let title = metadata.title.flatMap(Self.nonEmpty) ?? visibleTitle else {
            throw ParseError(.noTitle, "article page without a title (no founder-title, td.font01, h1 or enpproperty title); document title: \(metadata.documentTitle ?? "none")")
        }
        let anchor = titleCell ?? heading1 ?? document.elements(.founderTitle).first ?? 0
        let kicker = metadata.kicker
            ?? headlineCells.last(where: { $0 < anchor }).map { document.text(of: $0) }.flatMap(Self.nonEmpty)
            ?? document.elements(.h3).last(where: { $0 < anchor && heading1 != nil }).map { document.text(of: $0) }.flatMap(Self.nonEmpty)
        let subtitle = metadata.subtitle
            ?? headlineCells.first(where: { $0 > anchor }).map { document.text(of: $0) }.flatMap(Self.nonEmpty)
            ?? document.elements(.h2).first(where: { $0 > anchor && heading1 != nil }).map { document.text(of: $0) }.flatMap(Self.nonEmpty)

        let body = ArticleBody(blocks: bodyBlocks())
        var authors = body.authors
        if let author = metadata.author ?? document.elements(.founderAuthor).first.map({ document.text(of: $0) }).flatMap(Self.nonEmpty) {
            let names = Byline.names(inBylineLine: author) ?? Byline.names(inBylineLine: "■" + author) ?? []
            if !names.isEmpty { authors = names }
        } else if authors.isEmpty, let byline = secByline() {
            authors = byline
        }

        var page = navigation.visibleLabel()
        if let number = metadata.pageNumber { page = PageRef(number: number, name: page?.name ?? metadata.pageName) }
        if page == nil, let name = metadata.pageName { page = PageRef(number: PageLabel.findNumber(in: name), name: name) }
        if page?.number == nil, let number = HiddenPageNumber.find(in: document) { page = PageRef(number: number, name: page?.name) }
        let paper = StatedPaper.find(in: document, metadata: metadata)
        return ParsedArticle(
            paper: paper, date: metadata.date ?? navigation.visibleDate(), page: page, kicker: kicker, title: title,
            subtitle: subtitle, authors: authors, paragraphs: body.paragraphs, subheadings: body.subheadings,
            edition: try navigation.edition(), pageArticles: try navigation.articleLinks().map(\.title))
    }

    /// Static, so `flatMap(Self.nonEmpty)` builds no closure holding a copy of the parser.
    private static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    private static func findBody(in document: HTMLDocument) -> Range<Int>? {
        if let content = document.elements(.founderContent).first { return (content + 1)..<document.nodes[content].end }
        let comments = document.comments
        if let opening = comments.firstIndex(where: { document.content(of: $0, hasPrefix: "enpcontent") }) {
            let close = comments[(opening + 1)...].first { document.content(of: $0, hasPrefix: "/enpcontent") }
            return (comments[opening] + 1)..<(close ?? document.nodes.count)
        }
        if let zoom = document.element(withID: "ozoom") { return (zoom + 1)..<document.nodes[zoom].end }
        return nil
    }

    /// Body lines: block elements and `<br>` split paragraphs; a line whose text all sits in
    /// `<b>`/`<strong>` is marked emphasized.
    func bodyBlocks() -> [BodyBlock] {
        guard let range = bodyRange else { return [] }
        return document.bytes.withUnsafeBufferPointer { buffer in
            var lines = BodyLines()
            lines.blocks.reserveCapacity(range.count / 4)  // a line takes a few nodes (element, text, end)
            var emphasisEnds: [Int] = []
            var index = range.lowerBound
            while index < range.upperBound {
                while let last = emphasisEnds.last, last <= index { emphasisEnds.removeLast() }
                let node = document.nodes[index]
                switch node.kind {
                case .element:
                    if node.tag.isBlock { lines.endLine() }
                    if node.tag == .b || node.tag == .strong { emphasisEnds.append(node.end) }
                case .text:
                    lines.append(buffer[node.start..<node.start + node.length], emphasized: !emphasisEnds.isEmpty)
                case .comment, .rawText:
                    break
                }
                index += 1
            }
            lines.endLine()
            return lines.blocks
        }
    }

    /// Body text gathered line by line; a line is emphasized when no visible text of it lay
    /// outside `<b>`/`<strong>`.
    private struct BodyLines {
        var blocks: [BodyBlock] = []
        var builder = TextBuilder()
        var hasTextOutsideEmphasis = false

        mutating func append(_ text: Slice<UnsafeBufferPointer<UInt8>>, emphasized: Bool) {
            builder.append(text, decodeEntities: true)
            if !emphasized, !hasTextOutsideEmphasis {
                hasTextOutsideEmphasis = TextBuilder.hasVisibleText(text, decodeEntities: true)
            }
        }

        mutating func endLine() {
            let emphasized = !hasTextOutsideEmphasis
            hasTextOutsideEmphasis = false
            guard !builder.isEmpty else { return }
            blocks.append(BodyBlock(text: builder.take(), emphasized: emphasized))
        }
    }

    /// The newer layout's `.sec` byline without its date part.
    private func secByline() -> [String]? {
        for index in document.elements(.div) + document.elements(.p) where document.hasClass("sec", index) {
            let text = document.text(of: index) { child in
                document.attribute("class", of: child, contains: "date")
            }
            if let names = Byline.names(inBylineLine: text) { return names }
        }
        return nil
    }
}
