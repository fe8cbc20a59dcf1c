import ByteText

/// Turns inflated page bytes into a String, choosing between UTF-8 and GB18030.
enum TextConverter {
    /// Decodes `bytes` given what the page declared (nil when it declared nothing usable) and what
    /// `TextInspector`'s pass over the same bytes found, so UTF-8 pages are not validated again.
    /// `gb18030` decodes GBK-family pages, as the superset (see `PageCharset`).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, declared: DeclaredCharset?, inspection: TextInspector.Inspection,
        gb18030: (UnsafeRawBufferPointer) -> String?
    ) throws(DecodeError) -> (String, PageCharset) {
        if inspection.isASCII {
            // ASCII is valid UTF-8 and reads the same in the declared charset.
            let text = String(validUTF8: bytes.assumingMemoryBound(to: UInt8.self))
            if case .known(let charset)? = declared { return (text, charset) }
            return (text, .utf8)
        }
        // Valid UTF-8 wins over any label: GBK text with a run of Chinese is practically never valid UTF-8,
        // while UTF-8 pages declaring gb2312 (a template left unchanged) are common.
        if inspection.isUTF8 {
            return (String(validUTF8: bytes.assumingMemoryBound(to: UInt8.self)), .utf8)
        }
        let reported: PageCharset
        switch declared {
        case .known(.gbk)?: reported = .gbk
        case .unknown(let label)?:
            if let text = gb18030(bytes) { return (text, .gb18030) }
            throw DecodeError(.unsupportedEncoding, "unsupported encoding: the page declares charset \"\(label)\" and is neither UTF-8 nor GB18030; only UTF-8, GBK and GB18030 pages are decoded")
        default: reported = .gb18030
        }
        if let text = gb18030(bytes) { return (text, reported) }
        throw DecodeError(.undecodable, "undecodable text: the \(bytes.count) bytes are neither valid UTF-8 nor valid GB18030\(describe(declared)); the page is damaged or in another encoding")
    }

    private static func describe(_ declared: DeclaredCharset?) -> String {
        switch declared {
        case .known(let charset)?: " (declared \(charset.rawValue))"
        case .unknown(let label)?: " (declared \(label))"
        case nil: ""
        }
    }
}
