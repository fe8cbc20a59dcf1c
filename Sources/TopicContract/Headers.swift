/// Kafka header names pagepipe reads and writes. The contract is written down in
/// `Protocols/topics.md`; these are its only spelling in code.
public enum PagepipeHeader {
    // On input records (all optional): hints a crawler may send with the raw page.
    public static let contentEncoding = "content-encoding"
    public static let contentType = "content-type"
    public static let sourceURL = "source-url"
    /// The crawl job that fetched the page, chosen by the crawler; copied onto events by default
    /// (`HeaderPropagation`) so every record of one crawl can be found by it.
    public static let crawlID = "crawl-id"

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
    /// The human-readable error message (at most 1 KB).
    public static let error = "pagepipe-error"
    // On a dead letter cut to a reference (the whole record was over the record limit).
    /// `reference`: the value is only the first KB of the original, which stays at `pagepipe-source`.
    public static let deadLetterForm = "pagepipe-dead-letter-form"
    /// The original value's size in bytes, in decimal.
    public static let originalBytes = "pagepipe-original-bytes"
    /// The original value's SHA-256, 64 lower-case hex digits.
    public static let originalSHA256 = "pagepipe-original-sha256"
    /// How many of the original headers were left out (each over 1 KB, or past 8 KB in all).
    public static let droppedHeaders = "pagepipe-dropped-headers"
    /// The input record's own timestamp (ms since the epoch, decimal), so a re-driven page's events
    /// can name the input record exactly as a first-time success would; absent when it had none.
    public static let sourceTimestamp = "pagepipe-source-timestamp"

    // Written by `pagepipe redrive`.
    /// On a letter that still fails: how many re-drives it has been through, this one included.
    public static let redriveAttempt = "pagepipe-redrive-attempt"
    /// On events and letters a re-drive wrote: the dead letter it read, as `topic/partition/offset`.
    public static let redrivenFrom = "pagepipe-redriven-from"
}
