import ByteText

/// An article's own id as its e-paper site names it: `content_548643` (Founder `content_N.htm`, also
/// the number in `<paperarticleid>`/`<articleid>`) or `nw.d110000renmrb_20171016_1-01` (人民日报's
/// `nw.D110000renmrb_….htm`). Lower-cased, without directory, extension or query, so every
/// spelling of one article's link (`./content_1.htm?div=-1`, `…/content_1.html`) gives one id.
public enum ContentID {
    /// The id in a link or URL's last path segment, or nil when it names none.
    public static func inLink(_ href: String) -> String? {
        UTF8Bytes.withBytes(href, inLink(utf8:))
    }

    /// `inLink(_:)` of a link given as UTF-8. Every link of a node page comes here, so the file
    /// name is searched in place, lower-cased as it is read, and only the id is copied out.
    public static func inLink(utf8 link: UnsafeBufferPointer<UInt8>) -> String? {
        var end = 0
        while end < link.count, link[end] != UInt8(ascii: "?"), link[end] != UInt8(ascii: "#") { end += 1 }
        var start = end
        while start > 0, link[start - 1] != UInt8(ascii: "/") { start -= 1 }
        for index in start..<end where index == start || !isLetterOrDigit(UTF8Bytes.asciiLower(link[index - 1])) {
            if let id = numbered(link, at: index, end: end) ?? dotted(link, at: index, end: end) { return id }
        }
        return nil
    }

    /// `<paperarticleid>211242</paperarticleid>` names the article `content_211242.html`: a number
    /// gives the same id as the link, anything else is kept as `article_<value>`.
    public static func ofArticleNumber(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if trimmed.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return "content_" + trimmed }
        return "article_" + String(decoding: trimmed.utf8.map(UTF8Bytes.asciiLower), as: UTF8.self)
    }

    /// The lower-cased host of an absolute URL (`http://Epaper.X.cn:80/a` → `epaper.x.cn`), or nil.
    public static func host(ofURL url: String) -> String? {
        guard let scheme = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let rest = url.utf8[url.utf8.index(after: scheme)...]
        guard rest.starts(with: "//".utf8) else { return nil }
        let authority = rest.dropFirst(2).prefix { ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains($0) }
        let hostPart = authority.split(separator: UInt8(ascii: "@")).last.map { $0.prefix { $0 != UInt8(ascii: ":") } } ?? []
        guard !hostPart.isEmpty else { return nil }
        return String(decoding: hostPart.map(UTF8Bytes.asciiLower), as: UTF8.self)
    }

    /// `content_` and its digits, at `start` of a file name ending at `end`.
    private static func numbered(_ file: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> String? {
        let prefix: StaticString = "content_"
        guard file.hasPrefixIgnoringASCIICase(prefix, from: start, to: end) else { return nil }
        let digitsStart = start + prefix.utf8CodeUnitCount
        var digitsEnd = digitsStart
        while digitsEnd < end, file[digitsEnd] &- UInt8(ascii: "0") < 10 { digitsEnd += 1 }
        guard digitsEnd > digitsStart else { return nil }
        return lowercased(prefix, file, digitsStart..<digitsEnd)
    }

    /// `nw.` and its letters, digits, `_` and `-`, at `start` of a file name ending at `end`.
    private static func dotted(_ file: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> String? {
        let prefix: StaticString = "nw."
        guard file.hasPrefixIgnoringASCIICase(prefix, from: start, to: end) else { return nil }
        let nameStart = start + prefix.utf8CodeUnitCount
        var nameEnd = nameStart
        while nameEnd < end, isIDByte(UTF8Bytes.asciiLower(file[nameEnd])) { nameEnd += 1 }
        guard nameEnd > nameStart else { return nil }
        return lowercased(prefix, file, nameStart..<nameEnd)
    }

    /// `prefix` followed by the ASCII bytes of `part`, lower-cased.
    private static func lowercased(_ prefix: StaticString, _ file: UnsafeBufferPointer<UInt8>, _ part: Range<Int>) -> String {
        let count = prefix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: count + part.count) { output in
            for offset in 0..<count { output[offset] = prefix.utf8Start[offset] }
            for index in part { output[count + index - part.lowerBound] = UTF8Bytes.asciiLower(file[index]) }
            return count + part.count
        }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
