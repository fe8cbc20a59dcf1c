import PageModel

/// Metadata a page carries outside its visible text: Founder `enpproperty` comments (e-paper
/// style `<founder-date>…` and web-CMS style `<date>…<introtitle>…`), `<meta name=pagetype>`,
/// hidden inputs (`channelname`, `nodename`) and the document title. It wins over visible text.
struct PageMetadata {
    private(set) var fields: [String: String] = [:]
    var documentTitle: String?
    /// `1` article, `2` page, from `founder-type` or `<meta name='pagetype'>`.
    var pageType: String?
    var channelName: String?
    /// True for the web-CMS style (`articleid`, `<!--enpcontent-->`).
    var isWebCMS = false

    init(_ document: HTMLDocument) {
        documentTitle = document.title
        var fields: [String: String] = [:]
        var isWebCMS = false
        document.bytes.withUnsafeBufferPointer { buffer in
            for node in document.nodes where node.kind == .comment {
                let end = node.start + node.length
                if buffer.hasPrefix("enpproperty", from: node.start, to: end) || buffer.hasPrefix(" enpproperty", from: node.start, to: end) {
                    PageMetadata.readFields(buffer, from: node.start, to: end, into: &fields)
                } else if buffer.hasPrefix("enpcontent", from: node.start, to: end) {
                    isWebCMS = true
                }
            }
        }
        self.fields = fields
        self.isWebCMS = isWebCMS
        for index in document.elements(.meta) where document.attribute("name", of: index)?.lowercased() == "pagetype" {
            pageType = document.attribute("content", of: index)?.trimmingWhitespace()
        }
        for index in document.elements(.input) where document.attribute("name", of: index)?.lowercased() == "channelname" {
            channelName = document.attribute("value", of: index)?.trimmingWhitespace()
        }
        if let type = self["founder-type"] { pageType = type }
        if fields["articleid"] != nil { isWebCMS = true }
    }

    /// A non-empty field value, entities decoded and whitespace normalized.
    subscript(name: String) -> String? {
        guard let value = fields[name], !value.isEmpty else { return nil }
        return value
    }

    var paper: String? { self["founder-papername"] ?? self["papername"] }
    var date: String? { (self["founder-date"] ?? self["date"] ?? self["pubtime"]).flatMap(DateText.first(in:)) }
    var pageNumber: String? { self["founder-pagenum"] ?? self["pagenum"] }
    var title: String? { self["founder-title"] ?? self["title"] }
    var author: String? { self["founder-author"] ?? self["author"] }
    var kicker: String? { self["founder-introtitle"] ?? self["introtitle"] }
    var subtitle: String? { self["founder-subtitle"] ?? self["subtitle"] }
    var pageName: String? { self["nodename"] }

    /// `<name>value</name>` pairs inside an enpproperty comment; the first value of a name wins.
    private static func readFields(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into fields: inout [String: String]) {
        var cursor = start
        var builder = TextBuilder()  // one for all fields: `take()` keeps its buffer
        while true {
            let open = buffer.index(of: UInt8(ascii: "<"), from: cursor, to: end)
            let nameStart = open + 1
            let close = buffer.index(of: UInt8(ascii: ">"), from: min(nameStart, end), to: end)
            guard close < end else { return }
            guard close > nameStart, buffer[nameStart] != UInt8(ascii: "/"), buffer.scalarCount(from: nameStart, to: close) < 40 else {
                cursor = close + 1
                continue
            }
            let valueStart = close + 1
            guard let valueEnd = closingTag(buffer, name: nameStart..<close, from: valueStart, to: end) else {
                cursor = valueStart
                continue
            }
            let name = UnsafeBufferPointer(rebasing: buffer[nameStart..<close])
            // Names are lower-case ASCII in practice: then the name is its own key.
            let key = name.allSatisfy({ $0 < 0x80 && $0 &- UInt8(ascii: "A") >= 26 }) ? String(validUTF8: name) : String(validUTF8: name).lowercased()
            if fields[key] == nil {
                builder.append(buffer[valueStart..<valueEnd], decodeEntities: true)
                fields[key] = PageMetadata.stripTags(builder.take())
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
        guard text.utf8.contains(UInt8(ascii: "<")) else { return text }
        let document = HTMLTokenizer.parse(Array(text.utf8))
        return document.text(0..<document.nodes.count)
    }
}
