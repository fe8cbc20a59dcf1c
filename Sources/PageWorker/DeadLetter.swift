import Kafka
import PageModel
import TopicContract

/// The record a page that cannot be processed becomes on the dead-letter topic.
///
/// Whole: the input record unchanged (key, value, headers) plus pagepipe's error headers, so a
/// fixed parser can take it as it came. Reference, when the whole letter would be larger than the
/// record limit: the first KB of the value, the original headers that are small, and headers that
/// say it was cut and where the original is (`pagepipe-source`, size, SHA-256), so the partition
/// moves on and the operator finds the original in the input topic. A reference is at most a few
/// KB whatever the input, so it fits under any limit the policy allows.
struct DeadLetter: Sendable {
    enum Form: String, Sendable {
        case whole, reference
    }

    let message: KafkaOutgoingMessage
    let form: Form

    /// Bytes of the original value a reference keeps, and the most any one header may carry in it.
    static let keptBytes = 1024
    /// The original headers a reference keeps, in order, while they add up to no more than this.
    static let keptHeaderBytes = 8 << 10

    /// The whole letter when it fits the policy, else the reference.
    /// `annotations` go last (a re-drive's attempt count and the letter it read).
    static func make(
        for record: KafkaRecord, topic: String, stage: String, reason: String, error: String, policy: RecordSizePolicy,
        annotations: [KafkaHeader] = []
    ) -> DeadLetter {
        let whole = make(.whole, for: record, topic: topic, stage: stage, reason: reason, error: error, annotations: annotations)
        return policy.fits(whole.message)
            ? whole : make(.reference, for: record, topic: topic, stage: stage, reason: reason, error: error, annotations: annotations)
    }

    static func make(
        _ form: Form, for record: KafkaRecord, topic: String, stage: String, reason: String, error: String,
        annotations: [KafkaHeader] = []
    ) -> DeadLetter {
        var headers: [KafkaHeader]
        let key: [UInt8]?
        let value: [UInt8]
        switch form {
        case .whole:
            headers = record.headers
            key = record.key
            value = record.value
        case .reference:
            headers = []
            var kept = 0
            for header in record.headers {
                let size = header.key.utf8.count + (header.value?.count ?? 0)
                guard size <= keptBytes, kept + size <= keptHeaderBytes else { continue }
                headers.append(header)
                kept += size
            }
            key = record.key.flatMap { $0.count <= keptBytes ? $0 : nil }
            value = Array(record.value.prefix(keptBytes))
            headers.append(KafkaHeader(key: PagepipeHeader.deadLetterForm, value: Array(Form.reference.rawValue.utf8)))
            headers.append(KafkaHeader(key: PagepipeHeader.originalBytes, value: Array(String(record.value.count).utf8)))
            headers.append(KafkaHeader(key: PagepipeHeader.originalSHA256, value: Array(SHA256.hex(record.value).utf8)))
            headers.append(KafkaHeader(
                key: PagepipeHeader.droppedHeaders, value: Array(String(record.headers.count - (headers.count - 3)).utf8)))
        }
        headers.append(KafkaHeader(key: PagepipeHeader.errorStage, value: Array(stage.utf8)))
        headers.append(KafkaHeader(key: PagepipeHeader.errorReason, value: Array(reason.utf8)))
        headers.append(KafkaHeader(key: PagepipeHeader.error, value: Array(error.utf8.prefix(keptBytes))))
        headers.append(KafkaHeader(key: PagepipeHeader.source, value: Array("\(record.topic)/\(record.partition)/\(record.offset)".utf8)))
        if let timestamp = record.timestampMs {
            headers.append(KafkaHeader(key: PagepipeHeader.sourceTimestamp, value: Array(String(timestamp).utf8)))
        }
        headers += annotations
        return DeadLetter(message: KafkaOutgoingMessage(topic: topic, key: key, value: value, headers: headers), form: form)
    }
}
