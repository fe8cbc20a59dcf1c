/// Turns a raw page blob, as a crawler stored it, into text.
///
/// Compression: gzip and zlib are recognised by their headers; raw deflate only when the
/// `Content-Encoding` hint says `deflate` and the bytes have no zlib header. When the hint and the bytes
/// disagree the bytes win (see `CompressionSniffer`).
///
/// Charset, first match wins: a byte-order mark; the `Content-Type` hint's `charset=`; a `<meta>`
/// declaration in the first 2 KB; detection (valid UTF-8, else GB18030). A declaration is checked
/// against the bytes: bytes that are valid UTF-8 with non-ASCII content are decoded as UTF-8 whatever
/// the label (mislabelled pages are common, and GBK text is practically never valid UTF-8), and a
/// `utf-8` label on bytes that are not UTF-8 falls back to GB18030. `DecodedPage.charset` says what
/// was used.
public struct BlobDecoder: Sendable {
    public var limits: DecodeLimits
    /// Inflate and GB18030 decoding; everything else (sniffing, checks, errors) is the decoder's own.
    package var engine: DecodeEngine

    public init(limits: DecodeLimits = DecodeLimits()) {
        self.init(limits: limits, engine: .libdeflateAndTables)
    }

    /// A decoder with other inflate and GB18030 steps: for the reference decoder (`DecodeReference`)
    /// the tests and the benchmark hold the shipped one against.
    package init(limits: DecodeLimits, engine: DecodeEngine) {
        self.limits = limits
        self.engine = engine
    }

    public func decode(_ blob: [UInt8], hints: BlobHints = BlobHints()) throws(DecodeError) -> DecodedPage {
        let result: Result<DecodedPage, DecodeError> = blob.withUnsafeBytes { bytes in
            Result { () throws(DecodeError) in try decode(bytes, hints: hints) }
        }
        return try result.get()
    }

    /// Decodes without copying the blob; `blob` need only live for the duration of the call.
    public func decode(_ blob: UnsafeRawBufferPointer, hints: BlobHints) throws(DecodeError) -> DecodedPage {
        guard !blob.isEmpty else { throw DecodeError(.empty, "empty blob: the stored page has no bytes") }
        guard blob.count <= limits.maxBlobBytes else {
            throw DecodeError(.tooLarge, "blob of \(blob.count) bytes is over the \(limits.maxBlobBytes)-byte limit (maxBlobBytes); it is not a single web page")
        }
        let hinted = BlobCompression(contentEncoding: hints.contentEncoding)
        var compression = CompressionSniffer.detect(blob, hint: hinted)
        if compression == .none {
            return try decodeText(blob, compression: .none, hints: hints)
        }
        let inflated: [UInt8]
        do {
            inflated = try engine.inflate(blob, compression, limits.maxInflatedBytes)
        } catch {
            // Raw deflate was only a guess from the hint; a body that was stored already decompressed
            // under a `deflate` header is still text.
            guard compression == .deflate, error.reason == .corrupt || error.reason == .truncated,
                looksLikeMarkupOrText(blob)
            else { throw error }
            compression = .none
            return try decodeText(blob, compression: .none, hints: hints)
        }
        guard !inflated.isEmpty else {
            throw DecodeError(.empty, "empty page: the \(compression.rawValue) stream inflates to zero bytes")
        }
        let result: Result<DecodedPage, DecodeError> = inflated.withUnsafeBytes { bytes in
            Result { () throws(DecodeError) in try decodeText(bytes, compression: compression, hints: hints) }
        }
        return try result.get()
    }

    private func decodeText(
        _ bytes: UnsafeRawBufferPointer, compression: BlobCompression, hints: BlobHints
    ) throws(DecodeError) -> DecodedPage {
        var body = bytes
        var declared: DeclaredCharset?
        switch CharsetSniffer.byteOrderMark(bytes) {
        case .charset(let charset, let length)?:
            body = UnsafeRawBufferPointer(rebasing: bytes[length...])
            declared = .known(charset)
        case .unsupported(let name)?:
            throw DecodeError(.unsupportedEncoding, "unsupported encoding: the page starts with a \(name) byte-order mark; only UTF-8, GBK and GB18030 pages are decoded")
        case nil:
            if let label = hints.contentType.flatMap(CharsetSniffer.charsetParameter(ofContentType:)) {
                declared = DeclaredCharset(label: label)
            }
            if declared == nil || declared.map(isUnknown) == true, let label = CharsetSniffer.metaCharset(bytes) {
                declared = DeclaredCharset(label: label)
            }
        }
        let inspection = TextInspector.inspect(body)
        if let reason = inspection.binaryReason {
            throw DecodeError(.binary, "binary data, not a page: \(reason); the blob is not text (an image, a PDF, or damaged bytes)")
        }
        let (text, charset) = try TextConverter.decode(
            body, declared: declared, inspection: inspection, gb18030: engine.gb18030)
        return DecodedPage(text: text, compression: compression, charset: charset, inflatedBytes: bytes.count)
    }

    private func isUnknown(_ declared: DeclaredCharset) -> Bool {
        if case .unknown = declared { return true }
        return false
    }

    /// A cheap check that bytes which failed to inflate are plain text: the first non-blank byte is `<`
    /// or the first 512 bytes are UTF-8 with no control bytes.
    private func looksLikeMarkupOrText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return false }
        if first == UInt8(ascii: "<") { return true }
        let head = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 512)])
        return TextInspector.inspect(head).binaryReason == nil
            && String(validating: head.assumingMemoryBound(to: UInt8.self), as: UTF8.self) != nil
    }
}

/// The two steps of decoding that have a slower reference implementation: inflating, and turning
/// GB18030 bytes into a String (nil when they are not valid GB18030). Both implementations must
/// give the same bytes, the same text and the same errors for every blob.
package struct DecodeEngine: Sendable {
    package var inflate: @Sendable (_ bytes: UnsafeRawBufferPointer, _ format: BlobCompression, _ limit: Int) throws(DecodeError) -> [UInt8]
    package var gb18030: @Sendable (_ bytes: UnsafeRawBufferPointer) -> String?

    package init(
        inflate: @escaping @Sendable (UnsafeRawBufferPointer, BlobCompression, Int) throws(DecodeError) -> [UInt8],
        gb18030: @escaping @Sendable (UnsafeRawBufferPointer) -> String?
    ) {
        self.inflate = inflate
        self.gb18030 = gb18030
    }

    /// libdeflate whole-buffer inflate (zlib for what it cannot serve) and the table-driven GB18030
    /// decoder: what pagepipe ships.
    package static let libdeflateAndTables = DecodeEngine(
        inflate: { bytes, format, limit throws(DecodeError) in try Inflater.inflate(bytes, format: format, limit: limit) },
        gb18030: { GB18030Decoder.decode($0) })
}
