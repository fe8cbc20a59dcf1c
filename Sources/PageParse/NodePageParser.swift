import PageModel

/// Node (版面) pages: one printed page's label, its article links in page order and the edition's
/// page list. The paper name comes from wherever the page states it (`StatedPaper`), as for articles.
struct NodePageParser {
    let document: HTMLDocument
    let metadata: PageMetadata
    let navigation: PageNavigation

    func parse() throws(ParseError) -> ParsedNodePage {
        let visible = navigation.visibleLabel()
        let number = metadata.pageNumber ?? visible?.number
        guard let number, !number.isEmpty else {
            throw ParseError(.noPageLabel, "node page without a page label (第N版 / N版: / founder-pagenum); document title: \(metadata.documentTitle ?? "none")")
        }
        let edition = try navigation.edition()
        let normalized = PageRef.normalizedNumber(number)
        let name = visible?.name ?? edition.first(where: { $0.number == normalized })?.name
        let paper = StatedPaper.find(in: document, metadata: metadata)
        return ParsedNodePage(
            paper: paper, date: metadata.date ?? navigation.visibleDate(), page: PageRef(number: number, name: name),
            articles: try navigation.articleLinks(), edition: edition)
    }
}
