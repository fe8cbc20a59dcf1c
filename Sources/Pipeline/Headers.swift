/// Kafka header names pagepipe reads and writes. The contract is written down in
/// `Protocols/topics.md`; these are its only spelling in code.
public enum PagepipeHeader {
    // On input records (all optional): hints a crawler may send with the raw page.
    public static let contentEncoding = "content-encoding"
    public static let contentType = "content-type"
    public static let sourceURL = "source-url"

    // On every output record.
    /// `pagepipe.article/v1`, `pagepipe.page/v1`.
    public static let schema = "pagepipe-schema"
    /// The input record the event came from, as `topic/partition/offset`.
    public static let source = "pagepipe-source"
    public static let parserVersion = "pagepipe-parser-version"

    // On dead letters, next to the input record's own headers.
    /// `decode`, `parse` or `publish`.
    public static let errorStage = "pagepipe-error-stage"
    /// A stable reason code (`truncated`, `noTitle`, …).
    public static let errorReason = "pagepipe-error-reason"
    /// The human-readable error message.
    public static let error = "pagepipe-error"
}
