/// Deterministic event ids: the same input gives the same id in every run, on every worker and in
/// every replay, so consumers can deduplicate redelivered events; two different articles never
/// share one, so deduplicating never drops an article. The rule, also in `Protocols/topics.md`:
///
/// - An article with its own id (`ContentID`: `<paperarticleid>`, `<articleid>`, the enpproperty
///   `<url>`, else the `source-url` header) and a publisher (the paper's name, else the host of
///   that URL or of `source-url`) is `(publisher, date, content id)`: a corrected re-crawl keeps
///   its id and changes only `content_hash`.
/// - Any other article is `(paper or host, date, page, content id if any, title, content_hash)`:
///   with nothing but its text to go by, a changed body sentence is another article.
/// - A node page is `(publisher, date, page number)`; without a publisher or date, its article
///   ids (or links) join the key, so unnamed pages of different papers stay apart.
///
/// 128-bit FNV-1a over the fields with a separator between them, so collisions stay negligible
/// at billions of events. Written by hand because it is ten lines and no cryptographic strength
/// is needed (ids are not secrets); a crypto package would cost a minute of build.
public enum EventID {
    public static func article(
        publisher: String?, date: String?, contentID: String?, page: String?, title: String, contentHash: String
    ) -> String {
        if let publisher, let contentID {
            return "a-" + hex(fnv1a128(["article", publisher, date ?? "", contentID]))
        }
        return "a-" + hex(fnv1a128(["article-text", publisher ?? "", date ?? "", page ?? "", contentID ?? "", title, contentHash]))
    }

    /// `articles`: the page's article links' content ids (or hrefs), in page order.
    public static func page(publisher: String?, date: String?, page: String, articles: [String]) -> String {
        if let publisher, let date {
            return "p-" + hex(fnv1a128(["page", publisher, date, page]))
        }
        return "p-" + hex(fnv1a128(["page-links", publisher ?? "", date ?? "", page] + articles))
    }

    struct FNV1a128 {
        // The 128-bit offset basis in two words. The prime is 2^88 + 0x13B, so multiplying by it
        // is one 64×64 multiply by 0x13B plus a shift: two multiplies per byte where a general
        // UInt128 product takes three (content hashes run this over every byte of every article).
        private var high: UInt64 = 0x6C62_272E_07BB_0142
        private var low: UInt64 = 0x62B8_2175_6295_C58D

        var value: UInt128 { UInt128(high) << 64 | UInt128(low) }

        @inline(__always) mutating func add(_ byte: UInt8) {
            let mixed = low ^ UInt64(byte)
            let product = mixed.multipliedFullWidth(by: 0x13B)
            high = high &* 0x13B &+ product.high &+ (mixed << 24)
            low = product.low
        }

        /// A unit separator keeps ("ab","c") and ("a","bc") apart.
        mutating func addSeparator() { add(0x1F) }
    }

    static func fnv1a128(_ fields: [String]) -> UInt128 {
        var hash = FNV1a128()
        for (index, field) in fields.enumerated() {
            if index > 0 { hash.addSeparator() }
            for byte in field.utf8 { hash.add(byte) }
        }
        return hash.value
    }

    static func hex(_ value: UInt128) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        var rest = value
        for index in stride(from: 31, through: 0, by: -1) {
            out[index] = digits[Int(rest & 0xF)]
            rest >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
