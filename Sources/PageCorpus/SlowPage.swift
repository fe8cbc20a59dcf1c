import PageClassify
import PageDecode

/// Small pages made to be slow: valid markup, a few hundred KB of gzip, whose link lists, image
/// maps, page lists or place names are tens of thousands long. They are the shapes of issue 18
/// (each kept a lane busy for 7 to 69 s while every parsing and classifying path was quadratic
/// somewhere), generated at any size so that tests can check the per-page budget and the event
/// caps, and benchmarks can show how the work grows with the size.
public enum SlowPageShape: String, Sendable, CaseIterable {
    /// A node page: `size` title links, then about twice as many image-map areas for articles the
    /// title list lacks, without titles (50,000 links and 99,000 areas: 488 KB of gzip).
    case unlistedAreas = "unlisted-areas"
    /// A node page whose image map has `size` titled areas the title list lacks (45,000: 337 KB).
    case titledAreas = "titled-areas"
    /// A node page whose edition list has `size` distinct pages (60,000: 303 KB).
    case editionLinks = "edition-links"
    /// An article naming `size` county- and town-level divisions, the gazetteer's in its order
    /// (all of them, about 43,000: 203 KB), from the first again past that.
    case placeNames = "place-names"
    /// An article naming 城关镇, a town name a hundred divisions share, `size` times: every mention
    /// listed and weighed its hundred candidates again (200,000 mentions, 9 KB of gzip, took
    /// 1.4 GB; a million, 25 KB of gzip, 6.5 GB and 31 s).
    case repeatedName = "repeated-name"

    /// The size each shape had in issue 18's table; for a shape found since, a size that shows it.
    public var issueSize: Int {
        switch self {
        case .unlistedAreas: 50_000
        case .titledAreas: 45_000
        case .editionLinks: 60_000
        case .placeNames: SlowPage.countyAndTownNames.count
        case .repeatedName: 200_000
        }
    }
}

/// One generated slow page.
public struct SlowPage: Sendable {
    public let shape: SlowPageShape
    public let size: Int
    /// The page as UTF-8 HTML.
    public let html: String

    public init(_ shape: SlowPageShape, size: Int) {
        self.shape = shape
        self.size = size
        switch shape {
        case .unlistedAreas: html = Self.nodePage(titleLinks: size, untitledAreas: size * 99 / 50, titledAreas: 0, editionPages: 8)
        case .titledAreas: html = Self.nodePage(titleLinks: 1, untitledAreas: 0, titledAreas: size, editionPages: 8)
        case .editionLinks: html = Self.nodePage(titleLinks: 4, untitledAreas: 0, titledAreas: 0, editionPages: size)
        case .placeNames:
            let names = Self.countyAndTownNames
            html = Self.article(naming: names.isEmpty ? [] : (0..<size).map { names[$0 % names.count] })
        case .repeatedName: html = Self.article(naming: Array(repeating: "城关镇", count: size))
        }
    }

    /// The page as a crawler would store it: gzip, as the issue's pages were sent.
    public var blob: [UInt8] { BlobEncoder.compress(Array(html.utf8), as: .gzip) }

    public var fileName: String { "slow-\(shape.rawValue)-\(size).htm.gz" }

    /// The name of every county- and town-level division of the bundled gazetteer, in its order
    /// (names that several divisions share, such as 城关镇, once per division).
    public static let countyAndTownNames: [String] = {
        guard let gazetteer = try? PageClassify.Gazetteer.bundled() else { return [] }
        return gazetteer.divisions.filter { $0.level.isCountyLevel || $0.level.isTownLevel }.map(\.name)
    }()

    /// A Founder node page with the given lists. The first title link is also mapped, so the page
    /// takes the image-map path of `TitleList`; every other area links an article the list lacks.
    /// Content ids: title links from 1, untitled areas from 1,000,000, titled ones from 2,000,000.
    /// Nothing separates the links and areas, so each costs the page's node cap two nodes or one,
    /// as in the issue's pages (50,000 links and 99,000 areas are just under 200,000 nodes).
    private static func nodePage(titleLinks: Int, untitledAreas: Int, titledAreas: Int, editionPages: Int) -> String {
        var html = """
            <html><head><meta charset="utf-8"><title>慢速日报</title></head><body>
            <table><tr><td class=px12>第01版：要闻</td></tr></table>
            <img src="page.jpg" usemap="#pagepicmap"><map name="pagepicmap"><area shape="rect" coords="0,0,10,10" href="content_1.htm">
            """
        html.reserveCapacity(48 * (titleLinks + untitledAreas + titledAreas + editionPages))
        for id in 0..<untitledAreas { html += "<area href=content_\(1_000_000 + id).htm>" }
        for id in 0..<titledAreas { html += "<area href=content_\(2_000_000 + id).htm title=\"标题\(id)\">" }
        html += "</map>\n<div class=list01>"
        for id in 1...max(1, titleLinks) { html += "<a href=content_\(id).htm>第\(id)篇文章</a>" }
        html += "</div>\n<div>"
        for page in 1...max(1, editionPages) { html += "<a id=pageLink href=node_\(page).htm>第\(pageLabel(page))版：版面\(page)</a>" }
        html += "</div>\n"
        html += "<!--enpproperty <founder-date>2023-02-11</founder-date><founder-pagenum>01</founder-pagenum>"
        html += "<founder-papername>慢速日报</founder-papername><founder-type>2</founder-type> /enpproperty-->\n</body></html>\n"
        return html
    }

    /// Distinct page labels for any page count: 1 to 999 as printed, then a one- or two-letter
    /// prefix and three digits (`A000`, `ZZ999`), the longest labels `PageLabel` reads.
    private static func pageLabel(_ page: Int) -> String {
        guard page >= 1000 else { return "\(page)" }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let prefix = page / 1000
        let name = prefix <= 26 ? String(letters[prefix - 1]) : String([letters[(prefix - 27) / 26 % 26], letters[(prefix - 27) % 26]])
        let digits = String(page % 1000)
        return name + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// A Founder article whose body names `names`, a hundred to a paragraph.
    private static func article(naming names: [String]) -> String {
        var html = """
            <html><head><meta charset="utf-8"><title>慢速日报</title></head><body>
            <table><tr><td class=px12>第01版：要闻</td></tr></table>
            <table><tr><td class=font01><founder-title>全国区县乡镇名录</founder-title></td></tr>
            <tr><td class=font03><div id="ozoom"><founder-content>

            """
        html.reserveCapacity(16 * names.count)
        var start = 0
        while start < names.count {
            let end = min(start + 100, names.count)
            html += "<P>　　本报讯　" + names[start..<end].joined(separator: "、") + "。</P>\n"
            start = end
        }
        html += "</founder-content></div></td></tr></table>\n"
        html += "<!--enpproperty <founder-date>2023-02-11</founder-date><founder-pagenum>01</founder-pagenum>"
        html += "<founder-papername>慢速日报</founder-papername><founder-title>全国区县乡镇名录</founder-title><founder-type>1</founder-type> /enpproperty-->\n</body></html>\n"
        return html
    }
}
