import ByteText
import PageModel
import Testing
@testable import PageParse

/// `PageNavigation` finds labels and page-list entries only around texts that mention 版. On
/// random tag soup it must answer what a scan over every element answers.
@Suite struct PageNavigationEquivalenceTests {
    static let pieces = [
        "<td>", "</td>", "<tr>", "<table>", "</table>", "<div class=x>", "</div>", "<span>", "</span>", "<p>", "<b>", "</b>",
        "<a href=node_2.htm>", "<a name=top>", "<a id=pageLink href=node_3.htm>", "</a>", "<title>", "</title>", "<br>",
        "第07版：城事·三区", "第02版", "版", "A03版：要闻", "上一版", "第", "07", "版：", "城事", " ", "&nbsp;", "正文",
    ]

    /// One to `count` pieces, picked at random and joined.
    static func randomText(from pieces: [String], upTo count: Int, using random: inout SystemRandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...count, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// The rule as first written: every element, in document order, with link flags per node.
    static func referenceLabel(_ document: HTMLDocument) -> PageRef? {
        let nodes = document.nodes
        func hasBanText(_ range: Range<Int>) -> Bool {
            range.contains { nodes[$0].kind == .text && document.content(of: $0).contains("版") }
        }
        func insideLink(_ index: Int) -> Bool {
            var parent = nodes[index].parent
            while parent >= 0 { if nodes[parent].tag == .a { return true }; parent = nodes[parent].parent }
            return false
        }
        func containsLink(_ index: Int) -> Bool {
            (index..<nodes[index].end).contains { nodes[$0].kind == .element && nodes[$0].tag == .a && document.attributeRange("href", of: $0) != nil }
        }
        for index in nodes.indices where nodes[index].kind == .element && !insideLink(index) && !containsLink(index) {
            guard nodes[index].end - index <= 24, nodes[index].tag != .a, nodes[index].tag != .title,
                hasBanText(index + 1..<nodes[index].end) else { continue }
            let page = document.withText(of: index) { text in
                UTF8Bytes.scalarCount(text, upTo: 60) <= 60 ? PageLabel.parse(utf8: text) : nil
            }
            if let page { return page }
        }
        return nil
    }

    /// Page-list entries as first written: every short link that is a page link or mentions 版.
    static func referenceEdition(_ document: HTMLDocument) -> [PageRef] {
        var pages: [PageRef] = []
        for index in document.elements(.a) where document.nodes[index].end - index <= 64 {
            let isPageLink = document.attribute("id", of: index, is: "pagelink")
            let mentionsBan = (index + 1..<document.nodes[index].end).contains {
                document.nodes[$0].kind == .text && document.content(of: $0).contains("版")
            }
            guard isPageLink || mentionsBan else { continue }
            guard let page = document.withText(of: index, { PageLabel.parse(utf8: $0, requireBanSuffix: !isPageLink) }) else { continue }
            if !pages.contains(where: { $0.number == page.number }) { pages.append(page) }
        }
        return pages
    }

    @Test func labelsAndEditionsMatchAFullScan() throws {
        var random = SystemRandomNumberGenerator()
        var labelsFound = 0
        for _ in 0..<4_000 {
            let html = Self.randomText(from: Self.pieces, upTo: 60, using: &random)
            let document = try HTMLTokenizer.parse(Array(html.utf8), maxNodes: .max)!
            let navigation = PageNavigation(document)
            let label = navigation.visibleLabel()
            // The fallback (a `date` class) is not in the soup, so a label comes from the first rule.
            #expect(label == Self.referenceLabel(document), "\(html)")
            #expect(try navigation.edition() == Self.referenceEdition(document), "\(html)")
            if label != nil { labelsFound += 1 }
        }
        #expect(labelsFound > 100, "the soup should hold labels often enough to compare")
    }

    static let datePieces = [
        "2013", "2017 ", "-", "/", ".", "年", "月", "日", "号", "06", "6", "27", "1", " ", "\u{3000}", "&nbsp;", "&#50;", "Oct", "ober",
        "2013-06-", "2013年06月", "2013/6/", "2017-Oct", "-16", "27日", "6月27", "2013-06-27", "20", "13",
        "<td>", "</td>", "<b>", "</b>", "<br>", "<p>", "<!--2013-06-27-->", "<script>2014-01-01</script>", "x", "第",
    ]

    /// The date is searched while the visible text is built; it must be the first date of the
    /// whole text, also when a date is cut across elements, references or comments.
    @Test func visibleDateMatchesASearchOfTheWholeText() throws {
        var random = SystemRandomNumberGenerator()
        var datesFound = 0
        for _ in 0..<4_000 {
            let html = Self.randomText(from: Self.datePieces, upTo: 40, using: &random)
            let document = try HTMLTokenizer.parse(Array(html.utf8), maxNodes: .max)!
            let date = PageNavigation(document).visibleDate()
            #expect(date == DateText.first(in: document.text(0..<document.nodes.count)), "\(html)")
            if date != nil { datesFound += 1 }
        }
        #expect(datesFound > 100, "the soup should hold dates often enough to compare")
    }

    /// `view("…")` as it was read before it moved to bytes: Characters, escapes kept verbatim.
    static func referenceViewArgument(_ script: String) -> String? {
        guard let call = script.firstRange(of: "view(") else { return nil }
        let rest = script[call.upperBound...].drop(while: { $0 == " " })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        var literal = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped { literal.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == quote { break }
            literal.append(character)
        }
        let text = PageMetadata.stripTags(TextBuilder.normalize(literal))
        return text.isEmpty ? nil : text
    }

    @Test func viewArgumentsMatchTheCharacterReading() {
        let pieces = ["document.write(", "view(", "view (", "vie", "\"", "'", "\\", "\\\"", "<br>", "&amp;", " ", "\u{3000}", "标题", "a", ")", ";"]
        var random = SystemRandomNumberGenerator()
        var titlesFound = 0
        for _ in 0..<4_000 {
            var script = Self.randomText(from: pieces, upTo: 16, using: &random)
            let title = script.withUTF8 { PageNavigation.viewArgument($0) }
            #expect(title == Self.referenceViewArgument(script), "\(script)")
            if title != nil { titlesFound += 1 }
        }
        #expect(titlesFound > 100, "the scripts should hold view calls often enough to compare")
    }

    @Test func linkKeysDropQueryFragmentAndLeadingDotSlash() {
        let keys = [
            "content_1.htm": "content_1.htm", "./Content_1.htm?div=-1": "content_1.htm", "././a.htm#x": "a.htm", "a.htm#b?c": "a.htm",
            "#top": "#top", "?page=2": "?page=2", "?A#b": "?a#b", "./?x": "", "../html/A.htm": "../html/a.htm", "Ä/B.htm?q": "ä/b.htm",
        ]
        for (href, key) in keys {
            #expect(PageNavigation.key(href) == key, "\(href)")
        }
    }
}
