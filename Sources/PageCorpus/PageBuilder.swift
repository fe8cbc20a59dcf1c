import PageDecode
import PageModel

/// Turns a plan into a blob, its hints and its expectation, for one format and one kind of breakage.
struct PageBuilder {
    let plan: PagePlan
    var format: CorpusFormat
    let isGBK: Bool
    var random: SeededRandom

    init(plan: PagePlan, format: CorpusFormat, isGBK: Bool, random: SeededRandom) {
        self.plan = plan
        self.format = format
        self.isGBK = isGBK
        self.random = random
    }

    mutating func build(compression: BlobCompression, broken: CorpusExpectation.BrokenReason?) -> CorpusPage {
        // Text renderings keep the no-break spaces of a browser's text view, which GBK lacks: a GBK-family
        // text file is therefore written as GB18030, the form such a file would have on disk.
        let charset: PageCharset = !isGBK ? .utf8 : format == .plainText ? .gb18030 : .gbk
        var declared: String? = isGBK ? random.pick(["gb2312", "gb2312", "GB2312", "gbk"]) : "utf-8"
        if broken == .wrongCharset { declared = isGBK ? "utf-8" : "gb2312" }
        if format == .plainText { declared = nil }

        var expectation = expectation(broken: broken, charset: charset, declared: declared, compression: compression)
        let mapped = format == .nodePage ? mapCoverage() : []
        if format == .nodePage, broken == nil { expectation.imageMap = CorpusExpectation.ImageMapCoverage(mapped, articles: plan.contentIDs.count) }
        let regionByline = format == .articleRegion ? RegionByline.pick(for: plan.article, paper: plan.paper.name, random: &random) : nil
        if let regionByline { expectation.authors = regionByline.authors }
        var bytes: [UInt8]
        if broken == .binaryGarbage {
            bytes = garbage()
            expectation.title = nil
        } else {
            let text = renderText(declared: declared ?? "utf-8", includeTitle: broken != .missingTitle, mapped: mapped, regionByline: regionByline)
            // HTML text is all inside GBK; should a template ever leave it, GB18030 still holds every character.
            if let encoded = try? BlobEncoder.encode(text, as: charset) {
                bytes = encoded
            } else {
                bytes = (try? BlobEncoder.encode(text, as: .gb18030)) ?? Array(text.utf8)
                expectation.charset = charset == .utf8 ? .utf8 : .gb18030
            }
        }
        if broken == .missingTitle { expectation.title = nil }
        bytes = BlobEncoder.compress(bytes, as: compression)
        if broken == .truncatedGzip {
            bytes = Array(bytes.prefix(bytes.count * random.int(30...80) / 100))
        }
        expectation.fileName = fileName(compression: compression)
        return CorpusPage(
            fileName: expectation.fileName, blob: bytes, hints: hints(compression: compression, declared: declared),
            expected: expectation)
    }

    private mutating func renderText(declared: String, includeTitle: Bool, mapped: [Int], regionByline: RegionByline?) -> String {
        switch format {
        case .founderArticle:
            FounderArticleHTML(plan: plan, charsetLabel: declared, bylineInBody: random.chance(0.6), includeTitle: includeTitle).render()
        case .webCMSArticle:
            WebCMSArticleHTML(plan: plan, charsetLabel: declared).render()
        case .nodePage:
            NodePageHTML(plan: plan, charsetLabel: declared, spanLabel: random.chance(0.5), mapped: mapped).render()
        case .plainText:
            PlainTextRendering(plan: plan).render()
        case .articleRegion:
            ArticleRegionHTML(plan: plan, byline: regionByline ?? RegionByline(leadingLine: plan.article.byline, authors: plan.article.authors)).render()
        }
    }

    private func expectation(
        broken: CorpusExpectation.BrokenReason?, charset: PageCharset, declared: String?, compression: BlobCompression
    ) -> CorpusExpectation {
        let article = format == .plainText ? PlainTextRendering.flatten(plan.article) : plan.article
        let isNode = format == .nodePage
        let showsPage = format != .webCMSArticle
        // A region shows its page number (hidden) but neither page name nor any list.
        let showsLists = showsPage && format != .articleRegion
        let pageTitles = format == .plainText ? plan.pageTitles.map(PlainTextRendering.flattenPunctuation) : plan.pageTitles
        return CorpusExpectation(
            index: plan.index, fileName: "", kind: broken != nil ? .broken : isNode ? .node : .article, format: format,
            brokenReason: broken, compression: compression, charset: charset, declaredCharset: declared,
            paper: plan.paper.name, paperSlug: plan.paper.slug, date: plan.date.iso,
            pageNumber: showsPage ? String(plan.pageNumber) : nil, pageName: format == .articleRegion ? nil : plan.pageName,
            title: isNode ? nil : article.title, kicker: isNode ? nil : article.kicker,
            subtitle: isNode ? nil : article.subtitle, authors: isNode ? [] : article.authors,
            paragraphCount: isNode ? 0 : article.paragraphs.count, subheadings: isNode ? [] : article.subheadings,
            primaryDistrict: isNode ? nil : article.subject.name,
            primaryDistrictLevel: isNode ? nil : article.subject.level,
            primaryDistrictParent: isNode ? nil : (article.subject.level == .district ? article.subject.name : article.subject.parent),
            passingDistricts: isNode ? [] : article.passing.map(\.name),
            pageArticleTitles: showsLists ? pageTitles : [],
            pageArticleContentIDs: showsLists ? plan.contentIDs.map { "content_\($0)" } : [],
            contentID: isNode ? nil : "content_\(plan.contentID)",
            edition: showsLists ? plan.edition.map { PageRef(number: String($0.number), name: $0.name) } : [],
            plannedPageName: plan.pageName)
    }

    /// Which articles a node page's image map covers: all (most pages), some, or all with one twice.
    private mutating func mapCoverage() -> [Int] {
        var positions = Array(plan.contentIDs.indices)
        switch random.below(10) {
        case 0..<3:
            let kept = random.int(1...max(1, positions.count - 1))
            while positions.count > kept { positions.remove(at: random.below(positions.count)) }
        case 3..<5:
            let twice = random.pick(positions)
            positions.insert(twice, at: positions.firstIndex(of: twice)! + 1)
        default:
            break
        }
        return positions
    }

    /// Random bytes behind a JPEG or PDF signature, like an image stored under a page's URL.
    private mutating func garbage() -> [UInt8] {
        let signatures: [[UInt8]] = [[0xFF, 0xD8, 0xFF, 0xE0], Array("%PDF-1.4\n".utf8), []]
        var bytes = random.pick(signatures)
        for _ in 0..<random.int(2048...16384) { bytes.append(UInt8(truncatingIfNeeded: random.next() >> 56)) }
        return bytes
    }

    private mutating func hints(compression: BlobCompression, declared: String?) -> BlobHints {
        let encoding: String?
        switch compression {
        case .gzip: encoding = random.chance(0.9) ? "gzip" : nil
        case .zlib: encoding = random.chance(0.8) ? "deflate" : nil
        case .deflate: encoding = "deflate"
        case .none: encoding = random.chance(0.05) ? "gzip" : nil  // a stale header: the bytes must win
        }
        let mediaType = format == .plainText ? "text/plain" : "text/html"
        let type: String?
        switch (declared, random.below(10)) {
        case (let label?, 0..<6): type = "\(mediaType); charset=\(label)"
        case (_, 9): type = nil
        default: type = mediaType
        }
        return BlobHints(contentEncoding: encoding, contentType: type)
    }

    private func fileName(compression: BlobCompression) -> String {
        var index = String(plan.index)
        if index.count < 5 { index = String(repeating: "0", count: 5 - index.count) + index }
        let page = format == .nodePage ? "node_\(plan.nodeID).htm" : "content_\(plan.contentID).\(format == .plainText ? "txt" : "htm")"
        let suffix = [BlobCompression.gzip: ".gz", .zlib: ".zz", .deflate: ".deflate"][compression] ?? ""
        return "\(index)-\(plan.paper.slug)-\(plan.date.iso)-\(twoDigits(plan.pageNumber))-\(page)\(suffix)"
    }
}
