/// What the crawler knew about a blob from the HTTP response it came in. Both are optional and both
/// may be wrong: the decoder checks them against the bytes (see `BlobDecoder`).
public struct BlobHints: Sendable, Equatable {
    /// The `Content-Encoding` header (`gzip`, `deflate`, `identity`), if the crawler kept it.
    public var contentEncoding: String?
    /// The `Content-Type` header (`text/html; charset=gb2312`), if the crawler kept it.
    public var contentType: String?

    public init(contentEncoding: String? = nil, contentType: String? = nil) {
        self.contentEncoding = contentEncoding
        self.contentType = contentType
    }
}
