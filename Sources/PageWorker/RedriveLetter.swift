import Kafka
import TopicContract

/// A record read back from a dead-letter topic by `pagepipe redrive`: what it says of the page it
/// stands for, and the input record that page was, rebuilt from the letter so that re-processing
/// goes down the worker's usual path and gives the events a first-time success would have given.
public struct RedriveLetter: Sendable {
    /// The letter as read from the dead-letter topic.
    public let letter: KafkaRecord
    /// The stage and reason the letter was written for (`parse`, `noTitle`).
    public let stage: String
    public let reason: String
    /// The page as the input topic held it: topic, partition and offset from `pagepipe-source`,
    /// timestamp from `pagepipe-source-timestamp` (nil for letters written before that header),
    /// the letter's key and value, and the input's own headers (pagepipe's error and re-drive
    /// headers removed, so a letter that fails again is written as if for the first time).
    public let page: KafkaRecord
    /// The letter carries only the first KB of the page (`pagepipe-dead-letter-form: reference`).
    public let isReference: Bool
    /// Re-drives this letter already went through (`pagepipe-redrive-attempt`, 0 when absent).
    public let attempts: Int

    /// `stage/reason`, as `--reason` and the summary spell it.
    public var reasonKey: String { "\(stage)/\(reason)" }

    /// The headers a letter that fails again carries: its attempt count and the letter it read.
    public var letterAnnotations: [KafkaHeader] { Self.letterAnnotations(reading: letter, attempts: attempts) }

    /// Also for a record that is no pagepipe dead letter: it is forwarded with them too, so every
    /// offset a re-drive read is named by something it wrote.
    static func letterAnnotations(reading letter: KafkaRecord, attempts: Int) -> [KafkaHeader] {
        [KafkaHeader(key: PagepipeHeader.redriveAttempt, value: Array(String(attempts + 1).utf8))] + eventAnnotations(reading: letter)
    }

    /// The header the events of a page that now succeeds carry: only the letter they came from
    /// (an attempt count means "still failing", which an event is not).
    static func eventAnnotations(reading letter: KafkaRecord) -> [KafkaHeader] {
        [KafkaHeader(key: PagepipeHeader.redrivenFrom, value: Array("\(letter.topic)/\(letter.partition)/\(letter.offset)".utf8))]
    }

    /// Headers pagepipe writes on a dead letter or a re-driven one: not part of the page.
    static let pagepipeHeaders: Set<String> = [
        PagepipeHeader.errorStage, PagepipeHeader.errorReason, PagepipeHeader.error, PagepipeHeader.source,
        PagepipeHeader.sourceTimestamp, PagepipeHeader.redriveAttempt, PagepipeHeader.redrivenFrom,
    ]

    /// nil when the record is no pagepipe dead letter: it has no readable `pagepipe-source`.
    public init?(_ letter: KafkaRecord) {
        guard let source = letter.header(PagepipeHeader.source).map({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        // Topic names cannot hold "/", so the last two fields are the partition and the offset.
        let fields = source.split(separator: "/", omittingEmptySubsequences: false)
        guard fields.count == 3, !fields[0].isEmpty, let partition = Int32(fields[1]), let offset = Int64(fields[2]), partition >= 0, offset >= 0
        else { return nil }
        func text(_ key: String) -> String? { letter.header(key).map { String(decoding: $0, as: UTF8.self) } }
        self.letter = letter
        stage = text(PagepipeHeader.errorStage) ?? "unknown"
        reason = text(PagepipeHeader.errorReason) ?? "unknown"
        isReference = text(PagepipeHeader.deadLetterForm) == DeadLetter.Form.reference.rawValue
        attempts = text(PagepipeHeader.redriveAttempt).flatMap(Int.init) ?? 0
        page = KafkaRecord(
            topic: String(fields[0]), partition: partition, offset: offset,
            timestampMs: text(PagepipeHeader.sourceTimestamp).flatMap(Int64.init),
            key: letter.key, value: letter.value,
            headers: letter.headers.filter { !Self.pagepipeHeaders.contains($0.key) })
    }
}
