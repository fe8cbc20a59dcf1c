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
        for index in document.nodes.indices {
            let node = document.nodes[index]
            if node.kind == .comment {
                let content = document.content(of: index)
                if content.hasPrefix("enpproperty") || content.hasPrefix(" enpproperty") {
                    readFields(content)
                } else if content.hasPrefix("enpcontent") {
                    isWebCMS = true
                }
            } else if node.kind == .element, node.tag == .meta {
                if document.attribute("name", of: index)?.lowercased() == "pagetype" {
                    pageType = document.attribute("content", of: index)?.trimmingWhitespace()
                }
            } else if node.kind == .element, node.tag == .input {
                if document.attribute("name", of: index)?.lowercased() == "channelname" {
                    channelName = document.attribute("value", of: index)?.trimmingWhitespace()
                }
            }
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

    private mutating func readFields(_ content: String) {
        var rest = content[...]
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            let name = rest[afterOpen..<close]
            guard !name.hasPrefix("/"), !name.isEmpty, name.count < 40 else { rest = rest[rest.index(after: close)...]; continue }
            let valueStart = rest.index(after: close)
            guard let end = rest[valueStart...].firstRange(of: "</" + name + ">") else { rest = rest[valueStart...]; continue }
            let raw = String(rest[valueStart..<end.lowerBound])
            var builder = TextBuilder()
            builder.append(Array(raw.utf8)[...], decodeEntities: true)
            let key = name.lowercased()
            if fields[key] == nil { fields[key] = PageMetadata.stripTags(builder.take()) }
            rest = rest[end.upperBound...]
        }
    }

    /// Metadata titles sometimes keep inline markup (`<br>`): tags become spaces.
    static func stripTags(_ text: String) -> String {
        guard text.contains("<") else { return text }
        let document = HTMLTokenizer.parse(Array(text.utf8))
        return document.text(0..<document.nodes.count)
    }
}
