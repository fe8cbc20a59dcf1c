import ByteText
import PageModel

/// Metadata a page carries outside its visible text: Founder `enpproperty` comments (e-paper
/// style `<founder-date>…` and web-CMS style `<date>…<introtitle>…`), `<meta name=pagetype>`,
/// hidden inputs (`channelname`, `nodename`) and the document title. It wins over visible text.
struct PageMetadata {
    /// The `enpproperty` fields the parsers read. Only these are kept: a comment's other fields
    /// are skipped without building their values.
    enum Field: Int, CaseIterable {
        case founderType, founderPaperName, paperName, founderDate, date, pubTime, founderPageNumber, pageNumber
        case founderTitle, title, founderAuthor, author, founderIntroTitle, introTitle, founderSubtitle, subtitle
        case nodeName, articleID, paperArticleID, url

        /// The field's name in the comment, lower case.
        var name: StaticString {
            switch self {
            case .founderType: "founder-type"
            case .founderPaperName: "founder-papername"
            case .paperName: "papername"
            case .founderDate: "founder-date"
            case .date: "date"
            case .pubTime: "pubtime"
            case .founderPageNumber: "founder-pagenum"
            case .pageNumber: "pagenum"
            case .founderTitle: "founder-title"
            case .title: "title"
            case .founderAuthor: "founder-author"
            case .author: "author"
            case .founderIntroTitle: "founder-introtitle"
            case .introTitle: "introtitle"
            case .founderSubtitle: "founder-subtitle"
            case .subtitle: "subtitle"
            case .nodeName: "nodename"
            case .articleID: "articleid"
            case .paperArticleID: "paperarticleid"
            case .url: "url"
            }
        }

        /// The field a name stands for, its ASCII letters compared case-insensitively. Folding
        /// ASCII only is what lower-casing the whole name would give for these names: the one
        /// non-ASCII character that lower-cases to ASCII is the Kelvin sign, and no name has a k.
        static func named(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Field? {
            guard end - start < byLength.count else { return nil }
            return byLength[end - start].first { buffer.equalsIgnoringASCIICase($0.name, from: start, to: end) }
        }

        /// Fields by their name's length: a name is compared with the one or two of its length.
        private static let byLength: [[Field]] = {
            var table = [[Field]](repeating: [], count: allCases.map(\.name.utf8CodeUnitCount).max()! + 1)
            for field in allCases { table[field.name.utf8CodeUnitCount].append(field) }
            return table
        }()
    }

    /// Values by `Field.rawValue`; the first value of a field wins.
    private var fields = [String?](repeating: nil, count: Field.allCases.count)
    var documentTitle: String?
    /// `1` article, `2` page, from `founder-type` or `<meta name='pagetype'>`.
    var pageType: String?
    var channelName: String?
    /// True for the web-CMS style (`articleid`, `<!--enpcontent-->`).
    var isWebCMS = false

    init(_ document: HTMLDocument) {
        documentTitle = document.title
        var fields = [String?](repeating: nil, count: Field.allCases.count)
        var isWebCMS = false
        document.bytes.withUnsafeBufferPointer { buffer in
            for comment in document.comments {
                let node = document.nodes[comment]
                let end = node.start + node.length
                if UTF8Bytes.hasPrefix(buffer, "enpproperty", at: node.start, end: end) || UTF8Bytes.hasPrefix(buffer, " enpproperty", at: node.start, end: end) {
                    PageMetadata.readFields(buffer, from: node.start, to: end, into: &fields)
                } else if UTF8Bytes.hasPrefix(buffer, "enpcontent", at: node.start, end: end) {
                    isWebCMS = true
                }
            }
        }
        self.fields = fields
        self.isWebCMS = isWebCMS
        for index in document.elements(.meta) where document.attribute("name", of: index, is: "pagetype") {
            pageType = document.attribute("content", of: index)?.trimmingWhitespace()
        }
        for index in document.elements(.input) where document.attribute("name", of: index, is: "channelname") {
            channelName = document.attribute("value", of: index)?.trimmingWhitespace()
        }
        if let type = self[.founderType] { pageType = type }
        if fields[Field.articleID.rawValue] != nil { isWebCMS = true }
    }

    /// A non-empty field value, entities decoded and whitespace normalized.
    subscript(field: Field) -> String? {
        guard let value = fields[field.rawValue], !value.isEmpty else { return nil }
        return value
    }

    var paper: String? { self[.founderPaperName] ?? self[.paperName] }
    var date: String? { (self[.founderDate] ?? self[.date] ?? self[.pubTime]).flatMap(DateText.first(in:)) }
    var pageNumber: String? { self[.founderPageNumber] ?? self[.pageNumber] }
    var title: String? { self[.founderTitle] ?? self[.title] }
    var author: String? { self[.founderAuthor] ?? self[.author] }
    var kicker: String? { self[.founderIntroTitle] ?? self[.introTitle] }
    var subtitle: String? { self[.founderSubtitle] ?? self[.subtitle] }
    var pageName: String? { self[.nodeName] }
    /// The page's own address (web-CMS `<url>`), for a paper named nowhere else (`PaperHosts`).
    var url: String? { self[.url] }
    /// The article's own id (see `ContentID`): its number, else the one in its `<url>`.
    var contentID: String? {
        (self[.paperArticleID] ?? self[.articleID]).flatMap(ContentID.ofArticleNumber) ?? url.flatMap(ContentID.inLink)
    }

    /// `<name>value</name>` pairs inside an enpproperty comment; the first value of a name wins.
    private static func readFields(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into fields: inout [String?]) {
        var cursor = start
        var builder = TextBuilder()  // one for all fields: `take()` keeps its buffer
        while true {
            let open = buffer.index(of: UInt8(ascii: "<"), from: cursor, to: end)
            let nameStart = open + 1
            let close = buffer.index(of: UInt8(ascii: ">"), from: min(nameStart, end), to: end)
            guard close < end else { return }
            guard close > nameStart, buffer[nameStart] != UInt8(ascii: "/"), UTF8Bytes.scalarCount(UnsafeBufferPointer(rebasing: buffer[nameStart..<close]), upTo: 40) < 40 else {
                cursor = close + 1
                continue
            }
            let valueStart = close + 1
            guard let valueEnd = closingTag(buffer, name: nameStart..<close, from: valueStart, to: end) else {
                cursor = valueStart
                continue
            }
            if let field = Field.named(buffer, from: nameStart, to: close), fields[field.rawValue] == nil {
                builder.append(buffer[valueStart..<valueEnd], decodeEntities: true)
                fields[field.rawValue] = PageMetadata.stripTags(builder.take())
            }
            cursor = valueEnd + (close - nameStart) + 3
        }
    }

    /// Where `</name>` (same bytes as the opening name) starts, searching `from..<to`.
    private static func closingTag(_ buffer: UnsafeBufferPointer<UInt8>, name: Range<Int>, from: Int, to: Int) -> Int? {
        var cursor = from
        while true {
            let open = buffer.index(of: UInt8(ascii: "<"), from: cursor, to: to)
            guard to - open >= name.count + 3 else { return nil }
            if buffer[open + 1] == UInt8(ascii: "/"), buffer[open + 2 + name.count] == UInt8(ascii: ">"),
                buffer.matches(UnsafeBufferPointer(rebasing: buffer[name]), at: open + 2, end: to)
            {
                return open
            }
            cursor = open + 1
        }
    }

    /// Metadata titles sometimes keep inline markup (`<br>`): tags become spaces.
    static func stripTags(_ text: String) -> String {
        guard UTF8Bytes.withBytes(text, { $0.index(of: UInt8(ascii: "<"), from: 0, to: $0.count) < $0.count }) else { return text }
        // A title with more markup than a whole page may have is a flood: nothing of it is kept.
        // (Without a deadline the tokenizer cannot throw.)
        guard let document = try? HTMLTokenizer.parse(Array(text.utf8), maxNodes: ParseLimits().maxNodes) else { return "" }
        return document.text(0..<document.nodes.count)
    }
}
