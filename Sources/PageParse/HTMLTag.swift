import ByteText

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
    @inline(__always)
    var isVoid: Bool {
        switch self {
        case .area, .br, .hr, .img, .input, .link, .meta, .col, .base, .wbr, .embed, .param, .source: true
        default: false
        }
    }

    /// Elements whose content is raw text: no tags inside, `</script` ends it.
    @inline(__always)
    var isRawText: Bool { self == .script || self == .style || self == .textarea || self == .title }

    /// Elements that start a new line of visible text.
    @inline(__always)
    var isBlock: Bool {
        switch self {
        case .p, .div, .br, .li, .tr, .td, .th, .table, .tbody, .ul, .ol, .h1, .h2, .h3, .h4, .h5, .h6,
            .center, .hr, .form, .founderContent, .founderTitle, .title:
            true
        default: false
        }
    }

    /// Looks a name (`bytes[start..<end]`) up, ASCII case-insensitively, given its first (up to)
    /// eight bytes lower-cased and packed big-endian into `key`, as the tokenizer gathers them
    /// while it looks for the name's end. Names of up to eight bytes are switched on (the
    /// compiler turns the constants below into a few comparisons); only `founder-*` are longer.
    @inline(__always)
    static func named(key: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> HTMLTag {
        let length = end - start
        guard length > 0 else { return .other }
        guard length <= 8 else { return founderTag(bytes, from: start, to: end) }
        return switch key {
        case 0x61: .a
        case 0x62: .b
        case 0x69: .i
        case 0x70: .p
        case 0x75: .u
        case 0x6272: .br
        case 0x656D: .em
        case 0x6831: .h1
        case 0x6832: .h2
        case 0x6833: .h3
        case 0x6834: .h4
        case 0x6835: .h5
        case 0x6836: .h6
        case 0x6872: .hr
        case 0x6C69: .li
        case 0x6F6C: .ol
        case 0x7464: .td
        case 0x7468: .th
        case 0x7472: .tr
        case 0x756C: .ul
        case 0x636F6C: .col
        case 0x646976: .div
        case 0x696D67: .img
        case 0x6D6170: .map
        case 0x776272: .wbr
        case 0x61726561: .area
        case 0x62617365: .base
        case 0x626F6479: .body
        case 0x666F6E74: .font
        case 0x666F726D: .form
        case 0x68656164: .head
        case 0x68746D6C: .html
        case 0x6C696E6B: .link
        case 0x6D657461: .meta
        case 0x7370616E: .span
        case 0x656D626564: .embed
        case 0x696E707574: .input
        case 0x706172616D: .param
        case 0x7374796C65: .style
        case 0x7461626C65: .table
        case 0x74626F6479: .tbody
        case 0x7469746C65: .title
        case 0x63656E746572: .center
        case 0x696672616D65: .iframe
        case 0x6F7074696F6E: .option
        case 0x736372697074: .script
        case 0x73656C656374: .select
        case 0x736F75726365: .source
        case 0x7374726F6E67: .strong
        case 0x6E6F736372697074: .noscript
        case 0x7465787461726561: .textarea
        default: .other
        }
    }

    private static func founderTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> HTMLTag {
        if bytes.equalsIgnoringASCIICase("founder-title", from: start, to: end) { return .founderTitle }
        if bytes.equalsIgnoringASCIICase("founder-content", from: start, to: end) { return .founderContent }
        if bytes.equalsIgnoringASCIICase("founder-author", from: start, to: end) { return .founderAuthor }
        return .other
    }
}
