/// The page number a page keeps out of sight for its scripts: `<p id="nowLayout" class="hide">02</p>`
/// (湖北日报's article regions), `<input type="hidden" name="pagenum" value="07">`. Read only when
/// neither metadata nor a visible label gives the number.
enum HiddenPageNumber {
    /// Ids and names (lower case) of elements that hold the current page's number.
    private static let fieldNames: Set<String> = ["nowlayout", "layout", "currentlayout", "pagenum", "pageno", "banci", "bc", "pagenumber"]

    static func find(in document: HTMLDocument) -> String? {
        for tag in [HTMLTag.input, .p, .span, .div, .font] {
            for index in document.elements(tag) {
                let key = document.attribute("id", of: index) ?? document.attribute("name", of: index)
                guard let key, fieldNames.contains(key.lowercased()) else { continue }
                let value = tag == .input ? document.attribute("value", of: index) ?? "" : document.text(of: index)
                if looksLikePageNumber(value) { return value }
            }
        }
        return nil
    }

    /// Up to two ASCII letters, then one to three digits: `02`, `A01`, `7`.
    static func looksLikePageNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let letters = bytes.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }.count
        let digits = bytes.count - letters
        return letters <= 2 && (1...3).contains(digits) && bytes[letters...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
