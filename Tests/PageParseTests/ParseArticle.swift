import PageModel
import Testing

@testable import PageParse

/// Parses a page the test expects to be an article page, recording an issue otherwise.
func parseArticle(_ html: String) throws -> ParsedArticle {
    let page = try PageParser().parse(html)
    guard case .article(let article) = page else {
        Issue.record("expected an article, got \(page)")
        throw ParseError(.notAPage, "test expected an article")
    }
    return article
}
