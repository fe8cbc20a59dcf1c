/// The element names the parsers ask about; everything else is `.other` (its name is still
/// available from the source bytes). Interned at tokenization so later queries compare one byte.
enum HTMLTag: UInt8, Sendable, CaseIterable {
    case other
    case a, area, b, body, br, center, div, em, font, form, h1, h2, h3, h4, h5, h6, head, hr, html, i
    case iframe, img, input, li, link, map, meta, noscript, ol, option, p, script, select, span
    case strong, style, table, tbody, td, textarea, th, title, tr, u, ul, col, base, wbr, embed, param, source
    case founderTitle, founderContent, founderAuthor

    static let caseCount = allCases.count

    /// Elements that never have content, so they are never pushed on the open-element stack.
    var isVoid: Bool {
        switch self {
        case .area, .br, .hr, .img, .input, .link, .meta, .col, .base, .wbr, .embed, .param, .source: true
        default: false
        }
    }

    /// Elements whose content is raw text: no tags inside, `</script` ends it.
    var isRawText: Bool { self == .script || self == .style || self == .textarea || self == .title }

    /// Elements that start a new line of visible text.
    var isBlock: Bool {
        switch self {
        case .p, .div, .br, .li, .tr, .td, .th, .table, .tbody, .ul, .ol, .h1, .h2, .h3, .h4, .h5, .h6,
            .center, .hr, .form, .founderContent, .founderTitle, .title:
            true
        default: false
        }
    }

    /// Looks a lower-cased ASCII name up; names are packed into an integer so no String is
    /// built, and compared within their length's short bucket (cheaper than hashing).
    static func named(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> HTMLTag {
        let length = end - start
        guard length > 0, length < byLength.count else { return .other }
        var key: UInt128 = 0
        for index in start..<end {
            key = key << 8 | UInt128(bytes[index] | (bytes[index] >= 0x41 && bytes[index] <= 0x5A ? 0x20 : 0))
        }
        for entry in byLength[length] where entry.key == key { return entry.tag }
        return .other
    }

    private static let byLength: [[(key: UInt128, tag: HTMLTag)]] = {
        let names: [(String, HTMLTag)] = [
            ("a", .a), ("area", .area), ("b", .b), ("body", .body), ("br", .br), ("center", .center),
            ("div", .div), ("em", .em), ("font", .font), ("form", .form), ("h1", .h1), ("h2", .h2),
            ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6), ("head", .head), ("hr", .hr),
            ("html", .html), ("i", .i), ("iframe", .iframe), ("img", .img), ("input", .input),
            ("li", .li), ("link", .link), ("map", .map), ("meta", .meta), ("noscript", .noscript),
            ("ol", .ol), ("option", .option), ("p", .p), ("script", .script), ("select", .select),
            ("span", .span), ("strong", .strong), ("style", .style), ("table", .table),
            ("tbody", .tbody), ("td", .td), ("textarea", .textarea), ("th", .th), ("title", .title),
            ("tr", .tr), ("u", .u), ("ul", .ul), ("col", .col), ("base", .base), ("wbr", .wbr),
            ("embed", .embed), ("param", .param), ("source", .source),
            ("founder-title", .founderTitle), ("founder-content", .founderContent),
            ("founder-author", .founderAuthor),
        ]
        var buckets = [[(key: UInt128, tag: HTMLTag)]](repeating: [], count: 17)
        for (name, tag) in names {
            var key: UInt128 = 0
            for byte in name.utf8 { key = key << 8 | UInt128(byte) }
            buckets[name.utf8.count].append((key, tag))
        }
        return buckets
    }()
}
