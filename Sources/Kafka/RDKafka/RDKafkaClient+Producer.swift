import CRdKafka

/// The producer side of ``RDKafkaClient``.
extension RDKafkaClient {
    /// Enqueues a copy of `message`; `callback` is released by the delivery callback, or here when
    /// the message could not be enqueued. `blockWhileQueueFull` waits inside librdkafka for room
    /// instead of failing with `.queueFull`; another thread must be polling.
    func produce(_ message: KafkaOutgoingMessage, blockWhileQueueFull: Bool = false, callback: RDKafkaDeliveryCallback) throws(KafkaError) {
        let flags = RD_KAFKA_MSG_F_COPY | (blockWhileQueueFull ? RD_KAFKA_MSG_F_BLOCK : 0)
        let opaque = Unmanaged.passRetained(callback).toOpaque()
        let headers = message.headers.isEmpty ? nil : RDKafkaHeaders(message.headers)
        // The headers must stay alive until produceva has taken them over (or failed).
        let error: OpaquePointer? = withExtendedLifetime(headers) { message.topic.withCString { topic in
            withOptionalBytes(message.key) { key in
                message.value.withUnsafeBytes { value in
                    var fields: [rd_kafka_vu_t] = []
                    fields.reserveCapacity(8)
                    fields.append(field(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic })
                    fields.append(field(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = message.partition ?? RD_KAFKA_PARTITION_UA })
                    fields.append(field(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = flags })
                    fields.append(field(RD_KAFKA_VTYPE_VALUE) { $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: value.baseAddress), size: value.count) })
                    if let key {
                        fields.append(field(RD_KAFKA_VTYPE_KEY) { $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: key.baseAddress), size: key.count) })
                    }
                    if let timestamp = message.timestampMs {
                        fields.append(field(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp })
                    }
                    if let headerList = headers?.pointer {
                        fields.append(field(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headerList })
                    }
                    fields.append(field(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque })
                    return rd_kafka_produceva(handle, fields, fields.count)
                }
            }
        } }
        guard let error else {
            headers?.releaseOwnership()
            return
        }
        Unmanaged<RDKafkaDeliveryCallback>.fromOpaque(opaque).release()
        throw KafkaError(consuming: error, context: "sending a message to \(message.topic)")
    }

    /// Serves delivery reports and errors; returns how many events were served.
    func producerPoll(timeoutMs: Int) -> Int {
        Int(rd_kafka_poll(handle, Self.timeout(timeoutMs)))
    }

    func flush(timeoutMs: Int) throws(KafkaError) {
        let code = rd_kafka_flush(handle, Self.timeout(timeoutMs))
        if let fatal = fatalError(context: "flushing the producer") { throw fatal }
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(
                rawCode: code,
                message: "\(outstandingCount) messages still undelivered after \(timeoutMs) ms",
                context: "flushing the producer")
        }
    }

    var outstandingCount: Int { Int(rd_kafka_outq_len(handle)) }

    /// Fails every queued and in-flight message so that each delivery callback still runs once.
    func purgeAndServe(timeoutMs: Int) {
        _ = rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        _ = rd_kafka_flush(handle, Self.timeout(timeoutMs))
    }

    private func field(_ type: rd_kafka_vtype_t, _ set: (inout rd_kafka_vu_t) -> Void) -> rd_kafka_vu_t {
        var field = rd_kafka_vu_t()
        field.vtype = type
        set(&field)
        return field
    }

    private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard let bytes else { return body(nil) }
        return bytes.withUnsafeBytes { body($0) }
    }
}
