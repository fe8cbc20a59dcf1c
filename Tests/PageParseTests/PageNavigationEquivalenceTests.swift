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
                text.scalarCount(from: 0, to: text.count) <= 60 ? PageLabel.parse(utf8: text) : nil
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

    @Test func labelsAndEditionsMatchAFullScan() {
        var random = SystemRandomNumberGenerator()
        var labelsFound = 0
        for _ in 0..<4_000 {
            let html = (0..<Int.random(in: 1...60, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
            let document = HTMLTokenizer.parse(Array(html.utf8))
            let navigation = PageNavigation(document)
            let label = navigation.visibleLabel()
            // The fallback (a `date` class) is not in the soup, so a label comes from the first rule.
            #expect(label == Self.referenceLabel(document), "\(html)")
            #expect(navigation.edition() == Self.referenceEdition(document), "\(html)")
            if label != nil { labelsFound += 1 }
        }
        #expect(labelsFound > 100, "the soup should hold labels often enough to compare")
    }
}
