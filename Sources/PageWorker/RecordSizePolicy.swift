import Kafka
import Logging

/// How large a record the worker may write, and how it keeps every record under that.
///
/// One figure, `maxRecordBytes`, ties together what the worker writes and what the cluster takes:
/// it is the smallest `max.message.bytes` the cluster reports for the output and dead-letter
/// topics (or `--max-record-bytes`, or Kafka's default when the cluster reports none), the
/// producer's `message.max.bytes` is set just above it so librdkafka never refuses a record this
/// policy lets through, and a record that would not fit is never sent: an event that is too large
/// dead-letters its page at once (`publish/eventTooLarge`), and a dead letter that is too large
/// is sent as a reference (`DeadLetter`). The input side is bounded apart: pages over the page
/// core's blob cap are refused before decoding and dead-lettered like any other bad page.
public struct RecordSizePolicy: Sendable, Equatable {
    /// The largest record, as `recordBytes(…)` counts it, the worker writes to any topic.
    public var maxRecordBytes: Int
    /// Where the figure came from, for the start-up log.
    public var origin: String

    public init(maxRecordBytes: Int, origin: String) {
        self.maxRecordBytes = maxRecordBytes
        self.origin = origin
    }

    /// Kafka's default `max.message.bytes` is 1,048,588 for a whole record batch; this leaves room
    /// for the batch's framing below it, and is librdkafka's own default `message.max.bytes`.
    public static let defaultMaxRecordBytes = 1_000_000
    /// The smallest limit that still lets a reference dead letter through (`DeadLetter`).
    public static let minimumMaxRecordBytes = 16 << 10
    /// What a record batch and a record add to a record's key, value and headers on the wire
    /// (batch header 61 bytes, record framing and varints, per-header varints), rounded up.
    static let framingBytes = 256
    static let perHeaderFramingBytes = 10

    public static let `default` = RecordSizePolicy(maxRecordBytes: defaultMaxRecordBytes, origin: "Kafka's default max.message.bytes")

    /// The size a record takes against `max.message.bytes`, counted from above.
    public static func recordBytes(_ message: KafkaOutgoingMessage) -> Int {
        recordBytes(keyBytes: message.key?.count ?? 0, valueBytes: message.value.count, headers: message.headers)
    }

    static func recordBytes(keyBytes: Int, valueBytes: Int, headers: [KafkaHeader]) -> Int {
        var total = framingBytes + keyBytes + valueBytes
        for header in headers { total += perHeaderFramingBytes + header.key.utf8.count + (header.value?.count ?? 0) }
        return total
    }

    public func fits(_ message: KafkaOutgoingMessage) -> Bool {
        Self.recordBytes(message) <= maxRecordBytes
    }

    /// librdkafka's `message.max.bytes` for the producer: above `maxRecordBytes` by librdkafka's
    /// own framing estimate, so the producer never refuses locally what the policy let through and
    /// the broker's limit is the only one that can.
    public var producerMessageMaxBytes: Int { maxRecordBytes + 64 << 10 }

    /// The topic setting read from the cluster.
    public static let topicSetting = "max.message.bytes"

    /// The policy for these output topics: the smallest `max.message.bytes` the cluster reports for
    /// them, else the default. Fixed topics only: a template topic (`articles.{district_code}`)
    /// cannot be named in advance, and is held to the same figure. Asking fails softly (a cluster
    /// that is not up yet, an admin API it does not serve): the default stands and the log says so.
    public static func discover(topics: [String], admin: KafkaAdmin?, logger: Logger, timeoutMs: Int = 5_000) -> RecordSizePolicy {
        let reported: [String: [String: String]]
        do {
            guard let admin else { throw KafkaError(code: .transport, message: "the cluster did not answer at start", context: "describing topics") }
            reported = try admin.topicConfigs(topics, names: [topicSetting], timeoutMs: timeoutMs)
        } catch {
            logger.notice(
                "cannot read max.message.bytes of the output topics; records are held to the default",
                metadata: ["max_record_bytes": "\(defaultMaxRecordBytes)", LogKey.error: "\(error)"])
            return .default
        }
        return from(reported: reported)
    }

    /// The policy for what the cluster reported (`discover`'s rule, apart for tests).
    public static func from(reported: [String: [String: String]]) -> RecordSizePolicy {
        var smallest: (topic: String, bytes: Int)?
        for (topic, settings) in reported.sorted(by: { $0.key < $1.key }) {
            guard let text = settings[topicSetting], let bytes = Int(text), bytes > 0 else { continue }
            if smallest.map({ bytes < $0.bytes }) ?? true { smallest = (topic, bytes) }
        }
        guard let smallest else { return .default }
        // The topic's figure bounds a whole batch: leave the batch framing out of it.
        let bytes = max(minimumMaxRecordBytes, smallest.bytes - framingBytes)
        return RecordSizePolicy(maxRecordBytes: bytes, origin: "max.message.bytes of \(smallest.topic) (\(smallest.bytes))")
    }
}
