import PageModel
import Testing

@testable import PageParse

@Suite("Bad and hostile input")
struct BadInputTests {
    private func reason(_ text: String) -> ParseError.Reason? {
        do {
            _ = try PageParser().parse(text)
            return nil
        } catch {
            #expect(!error.detail.isEmpty)
            return error.reason
        }
    }

    @Test func emptyAndWhitespaceAreEmpty() {
        #expect(reason("") == .empty)
        #expect(reason(" \n\t\u{3000}\n") == .empty)
    }

    @Test func binaryGarbageIsNotAPage() {
        var generator = SplitMix64(seed: 7)
        let garbage = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(reason(String(decoding: garbage, as: UTF8.self)) == .notAPage)
    }

    @Test func randomTextWithoutStructureIsNotAPage() {
        #expect(reason("hello world, this is just some text\nwith two lines") == .notAPage)
        #expect(reason("<html><body><p>hi</p></body></html>") == .notAPage)
    }

    @Test func articleWithoutTitleIsNoTitle() {
        let html = HTMLArticleFixtures.seedAsFounderTable
            .replacingOccurrences("<founder-title>打破社区&ldquo;内循环&rdquo;共联共赢共享</founder-title>", with: "")
            .replacingOccurrences("<founder-title>打破社区“内循环”共联共赢共享</founder-title>", with: "")
        #expect(reason(html) == .noTitle)
        #expect(reason("第07版:城事·三区\n上一版3 4下一版\n  本报讯 日前,一段足够长的正文在这里出现,但是上面没有任何标题行可以使用,所以应当报错。") == .noTitle)
    }

    @Test func nodePageWithoutLabelIsNoPageLabel() {
        let html = "<html><body><ul><li><a href=content_1.htm><div id=mp1>标题一</div></a></li></ul></body></html>"
        #expect(reason(html) == .noPageLabel)
    }

    @Test func errorDescriptionNamesTheReason() {
        let error = ParseError(.noTitle, "article page without a title")
        #expect(error.description.contains("noTitle"))
        #expect(error.description.contains("without a title"))
    }

    @Test func floodsOfMarkupOrLinesAreTooComplex() {
        let parser = PageParser(limits: ParseLimits(maxNodes: 500, maxLines: 40))
        func reason(_ text: String) -> ParseError.Reason? {
            do {
                _ = try parser.parse(text)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason("<html><body>" + String(repeating: "<b>x</b>", count: 300)) == .tooComplex)
        #expect(reason(String(repeating: "第1版：要闻\n", count: 100)) == .tooComplex)
        #expect(reason("<html><body>" + String(repeating: "<b>x</b>", count: 100)) == .notAPage)
        // A title in the metadata is tokenized on its own; a flood there must not grow past the cap either.
        let floodedTitle = "<!--enpproperty <founder-title>" + String(repeating: "<b>", count: 300_000) + "</founder-title>/enpproperty-->"
        #expect(PageMetadata.stripTags(String(repeating: "<b>", count: 300_000)).isEmpty)
        #expect(reason(floodedTitle) != nil)
    }

    /// "More than `maxNodes`" exactly: the check runs while building, not after.
    @Test func theNodeCapIsExact() throws {
        let html = Array("<p>a</p><p>b</p>".utf8)  // two elements, two texts
        #expect(try HTMLTokenizer.parse(html, maxNodes: 4)?.nodes.count == 4)
        #expect(try HTMLTokenizer.parse(html, maxNodes: 3) == nil)
    }

    /// The inputs are built to set off what a tolerant parser is prone to (unclosed elements, deep
    /// nesting, unterminated comments and quotes, a date read again after every element), at sizes
    /// where a quadratic step runs for minutes; each takes well under a second in a debug build.
    /// The limit turns a hang into a failure; how fast parsing is belongs to `Tools/bench`.
    @Test(.timeLimit(.minutes(1)), arguments: HostileInput.allCases)
    func hostileInputDoesNotHang(_ input: HostileInput) {
        do {
            _ = try PageParser().parse(input.text)
        } catch {
            #expect(!error.detail.isEmpty)
        }
    }
}

enum HostileInput: CaseIterable, Sendable {
    case unclosedTags, lessThanAtEnd, manyLessThans, deepNesting, longSingleLine, unclosedComment, unclosedQuote, manyScripts
    case dateCutIntoManyElements

    var text: String {
        switch self {
        case .unclosedTags: String(repeating: "<div><p><table><tr><td><a href=content_1.htm>", count: 2000)
        case .lessThanAtEnd: "<html><body><p>正文<"
        case .manyLessThans: String(repeating: "<", count: 1 << 20)
        case .deepNesting: String(repeating: "<div><span>", count: 20000) + "第1版" + String(repeating: "</span></div>", count: 20000)
        case .longSingleLine: String(repeating: "五角场镇带动各类资源,", count: 200_000)
        case .unclosedComment: "<html><!-- " + String(repeating: "<p>x</p>", count: 50000)
        case .unclosedQuote: "<html><body><a href=\"content_1.htm>" + String(repeating: "<p>正文</p>", count: 50000)
        case .manyScripts: String(repeating: "<script>", count: 50000) + String(repeating: "<title>", count: 50000)
        // A would-be date whose month name grows one element at a time: the visible date is
        // searched as the text is built, and this must not re-read the word after every element.
        case .dateCutIntoManyElements:
            "<table><tr><td>第07版：要闻</td></tr></table><a href=content_1.htm>标题一</a><a href=content_2.htm>标题二</a><p>2013-"
                + String(repeating: "<b>a</b>", count: 100_000)
        }
    }
}

