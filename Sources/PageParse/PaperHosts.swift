import ByteText
import PageModel

/// Papers by the web address their e-paper is served from: the last resort for a page that
/// names its paper nowhere in its text (an article region kept without `<head>` or footer), read
/// from the page's own `enpproperty` `<url>` or the `source-url` header a crawler sent with it.
///
/// A host matches itself and its subdomains; an entry with a path (`epaper.jxnews.com.cn/jxrb`)
/// also needs the address's path to start with it, for hosts that serve several papers. A host
/// not listed names no paper: the event's `paper` stays null rather than guessed.
public enum PaperHosts {
    static let papers: [(address: String, paper: String)] = [
        ("hubeidaily.net", "湖北日报"),
        ("paper.people.com.cn/rmrbhwb", "人民日报海外版"),
        ("paper.people.com.cn/rmrb", "人民日报"),
        ("epaper.jxnews.com.cn/jxrb", "江西日报"),
        ("stdaily.com", "科技日报"),
        ("ctnews.com.cn", "中国旅游报"),
        ("jjjcb.cn", "中国纪检监察报"),
        ("cjn.cn", "长江日报"),
        ("jfdaily.com", "解放日报"),
        ("whb.cn", "文汇报"),
        ("xinmin.cn", "新民晚报"),
        ("dzwww.com/dzrb", "大众日报"),
        ("bjd.com.cn/bjrb", "北京日报"),
        ("gmw.cn", "光明日报"),
        ("ce.cn", "经济日报"),
    ]

    /// The paper served from `url`'s host (and path), or nil when it is not listed.
    public static func paper(forURL url: String) -> String? {
        let trimmed = url.trimmingWhitespace()
        // Crawlers sometimes store an address without its scheme (`epaper.x.cn/…`).
        guard let host = ContentID.host(ofURL: trimmed.contains("://") ? trimmed : "http://" + trimmed) else { return nil }
        var rest = Substring(trimmed)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        let path = rest.drop(while: { $0 != "/" && $0 != "?" && $0 != "#" })
        for entry in papers {
            let parts = entry.address.split(separator: "/", maxSplits: 1)
            let domain = String(parts[0])
            guard host == domain || host.hasSuffix("." + domain) else { continue }
            if parts.count == 2, !path.hasPrefix("/" + parts[1]) { continue }
            return entry.paper
        }
        return nil
    }
}
