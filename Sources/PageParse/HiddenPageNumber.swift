import ByteText

/// The page number a page keeps out of sight for its scripts: `<p id="nowLayout" class="hide">02</p>`
/// (湖北日报's article regions), `<input type="hidden" name="pagenum" value="07">`. Read only when
/// neither metadata nor a visible label gives the number.
enum HiddenPageNumber {
    /// Ids and names (lower case) of elements that hold the current page's number.
    private static let fieldNames: [StaticString] = ["nowlayout", "layout", "currentlayout", "pagenum", "pageno", "pagenumber", "banci"]

    static func find(in document: HTMLDocument) -> String? {
        for tag in [HTMLTag.input, .p, .span, .div, .font] {
            for index in document.elements(tag) where isPageNumberField(index, in: document) {
                let value = tag == .input ? document.attribute("value", of: index) ?? "" : document.text(of: index)
                if looksLikePageNumber(value) { return value }
            }
        }
        return nil
    }

    /// The element's id (or, without one, its name) is one of `fieldNames`, compared on the raw
    /// bytes: most elements asked have no id, and none of them gets a `String` built.
    private static func isPageNumberField(_ index: Int, in document: HTMLDocument) -> Bool {
        guard let range = document.attributeRange("id", of: index) ?? document.attributeRange("name", of: index) else { return false }
        return document.bytes.withUnsafeBufferPointer { buffer in
            fieldNames.contains { buffer.equalsIgnoringASCIICase($0, from: range.lowerBound, to: range.upperBound) }
        }
    }

    /// Up to two ASCII letters, then one to three digits: `02`, `A01`, `7`.
    static func looksLikePageNumber(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let letters = bytes.prefix { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }.count
        let digits = bytes.count - letters
        return letters <= 2 && (1...3).contains(digits) && bytes[letters...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
