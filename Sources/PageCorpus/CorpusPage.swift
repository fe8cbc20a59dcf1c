import PageDecode

/// One generated page: the bytes a crawler would have stored and what they should turn into.
public struct CorpusPage: Sendable {
    /// e.g. `00042-yangpu-2013-06-27-07-content_1042.htm.gz`
    public var fileName: String
    /// The bytes as a crawler would store them (maybe compressed, maybe GBK, maybe broken).
    public var blob: [UInt8]
    /// The `Content-Encoding` / `Content-Type` a crawler would have recorded with them.
    public var hints: BlobHints
    public var expected: CorpusExpectation

    public init(fileName: String, blob: [UInt8], hints: BlobHints, expected: CorpusExpectation) {
        self.fileName = fileName
        self.blob = blob
        self.hints = hints
        self.expected = expected
    }
}
