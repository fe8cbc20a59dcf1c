/// A blob turned into text, with what it took to get there.
public struct DecodedPage: Sendable {
    /// The page as a Swift string (UTF-8 storage), without any byte-order mark.
    public var text: String
    /// The wrapper the bytes actually had (which may differ from the `Content-Encoding` hint).
    public var compression: BlobCompression
    /// The charset actually used to decode, which may differ from the declared one (see `PageCharset`).
    public var charset: PageCharset
    /// The size of the page after inflation, before charset conversion.
    public var inflatedBytes: Int

    public init(text: String, compression: BlobCompression, charset: PageCharset, inflatedBytes: Int) {
        self.text = text
        self.compression = compression
        self.charset = charset
        self.inflatedBytes = inflatedBytes
    }
}
