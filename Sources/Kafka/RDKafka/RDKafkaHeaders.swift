import CRdKafka

/// Owns an `rd_kafka_headers_t` built for an outgoing message until librdkafka takes it over.
final class RDKafkaHeaders {
    private(set) var pointer: OpaquePointer?

    init(_ headers: [KafkaHeader]) {
        let pointer = rd_kafka_headers_new(headers.count)
        for header in headers {
            var key = header.key
            // rd_kafka_header_add copies name and value; a nil value stays Kafka's null value.
            key.withUTF8 { name in
                name.withMemoryRebound(to: CChar.self) { name in
                    if let value = header.value {
                        value.withUnsafeBytes { value in
                            _ = rd_kafka_header_add(pointer, name.baseAddress, name.count, value.baseAddress, value.count)
                        }
                    } else {
                        _ = rd_kafka_header_add(pointer, name.baseAddress, name.count, nil, 0)
                    }
                }
            }
        }
        self.pointer = pointer
    }

    /// A successful produce took ownership: do not destroy the headers any more.
    func releaseOwnership() { pointer = nil }

    deinit {
        if let pointer { rd_kafka_headers_destroy(pointer) }
    }
}
