import CRdKafka

/// Copies consumed messages out of librdkafka's buffers.
extension RDKafkaClient {
    static func record(from message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaRecord {
        let fields = message.pointee
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaRecord(
            topic: fields.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: fields.partition,
            offset: fields.offset,
            timestampMs: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || timestamp < 0 ? nil : timestamp,
            key: fields.key.map { bytes(UnsafeRawPointer($0), count: fields.key_len) },
            value: fields.payload.map { bytes(UnsafeRawPointer($0), count: fields.len) } ?? [],
            headers: headers(of: message))
    }

    private static func headers(of message: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var headers: OpaquePointer?
        // The headers stay owned by the message: read, never destroy.
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else {
            return []
        }
        let count = rd_kafka_header_cnt(headers)
        var result: [KafkaHeader] = []
        result.reserveCapacity(count)
        for index in 0..<count {
            var name: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var size = 0
            guard rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR,
                let name
            else { continue }
            result.append(KafkaHeader(key: String(cString: name), value: value.map { bytes($0, count: size) }))
        }
        return result
    }

    private static func bytes(_ pointer: UnsafeRawPointer, count: Int) -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
