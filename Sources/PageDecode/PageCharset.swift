/// The character sets e-paper pages are written in.
///
/// `gbk` is reported when a page declared a GBK-family charset (`gb2312`, `gbk`, `x-gbk`, `cp936`, …).
/// Such pages are always decoded with the GB18030 converter: GB18030 is a strict superset of GBK,
/// which is a superset of GB2312, and real pages labelled `gb2312` routinely contain characters outside
/// GB2312 (names such as 镕, 堃, 喆) that a strict GB2312 decoder would reject.
public enum PageCharset: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case gbk
    case gb18030

    /// The glibc iconv name used to convert to or from this charset.
    var iconvName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gbk: "GBK"
        case .gb18030: "GB18030"
        }
    }
}

/// A charset as a page or header declared it, before checking it against the bytes.
enum DeclaredCharset: Equatable {
    case known(PageCharset)
    /// A label this decoder does not convert (`big5`, `iso-8859-1`), kept for the error message.
    case unknown(String)

    init(label: String) {
        switch label.lowercased() {
        case "utf-8", "utf8", "unicode-1-1-utf-8": self = .known(.utf8)
        case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "gb_2312", "euc-cn",
            "x-euc-cn", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280":
            self = .known(.gbk)
        case "gb18030", "gb-18030": self = .known(.gb18030)
        default: self = .unknown(label)
        }
    }
}
