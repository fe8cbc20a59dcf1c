/// An article's own id as its e-paper site names it: `content_548643` (Founder `content_N.htm`, also
/// the number in `<paperarticleid>`/`<articleid>`) or `nw.d110000renmrb_20171016_1-01` (人民日报's
/// `nw.D110000renmrb_….htm`). Lower-cased, without directory, extension or query, so every
/// spelling of one article's link (`./content_1.htm?div=-1`, `…/content_1.html`) gives one id.
public enum ContentID {
    /// The id in a link or URL's last path segment, or nil when it names none.
    public static func inLink(_ href: String) -> String? {
        var href = href
        return href.withUTF8 { link in
            var end = 0
            while end < link.count, link[end] != UInt8(ascii: "?"), link[end] != UInt8(ascii: "#") { end += 1 }
            var start = end
            while start > 0, link[start - 1] != UInt8(ascii: "/") { start -= 1 }
            // Only a file that holds `content_` or `nw.` is copied and searched.
            guard (start..<end).contains(where: { link[$0] | 0x20 == UInt8(ascii: "c") || link[$0] | 0x20 == UInt8(ascii: "n") }) else { return nil }
            let file = link[start..<end].map(asciiLower)
            for index in file.indices where index == 0 || !isLetterOrDigit(file[index - 1]) {
                if let id = numbered(file, at: index) ?? dotted(file, at: index) { return id }
            }
            return nil
        }
    }

    /// `<paperarticleid>211242</paperarticleid>` names the article `content_211242.html`: a number
    /// gives the same id as the link, anything else is kept as `article_<value>`.
    public static func ofArticleNumber(_ value: String) -> String? {
        let trimmed = value.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        if trimmed.utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) { return "content_" + trimmed }
        return "article_" + String(decoding: trimmed.utf8.map(asciiLower), as: UTF8.self)
    }

    /// The lower-cased host of an absolute URL (`http://Epaper.X.cn:80/a` → `epaper.x.cn`), or nil.
    public static func host(ofURL url: String) -> String? {
        guard let scheme = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let rest = url.utf8[url.utf8.index(after: scheme)...]
        guard rest.starts(with: "//".utf8) else { return nil }
        let authority = rest.dropFirst(2).prefix { ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains($0) }
        let hostPart = authority.split(separator: UInt8(ascii: "@")).last.map { $0.prefix { $0 != UInt8(ascii: ":") } } ?? []
        guard !hostPart.isEmpty else { return nil }
        return String(decoding: hostPart.map(asciiLower), as: UTF8.self)
    }

    /// `content_` and its digits.
    private static func numbered(_ file: [UInt8], at start: Int) -> String? {
        let prefix = Array("content_".utf8)
        guard file.count - start > prefix.count, Array(file[start..<(start + prefix.count)]) == prefix else { return nil }
        let digits = file[(start + prefix.count)...].prefix { $0 &- UInt8(ascii: "0") < 10 }
        guard !digits.isEmpty else { return nil }
        return "content_" + String(decoding: digits, as: UTF8.self)
    }

    /// `nw.` and its letters, digits, `_` and `-`.
    private static func dotted(_ file: [UInt8], at start: Int) -> String? {
        let prefix = Array("nw.".utf8)
        guard file.count - start > prefix.count, Array(file[start..<(start + prefix.count)]) == prefix else { return nil }
        let name = file[(start + prefix.count)...].prefix(while: isIDByte)
        guard !name.isEmpty else { return nil }
        return "nw." + String(decoding: name, as: UTF8.self)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 { byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte }
}
