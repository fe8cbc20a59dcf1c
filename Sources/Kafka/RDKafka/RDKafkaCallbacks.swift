import CRdKafka
import Logging

// librdkafka's callbacks: tiny free functions that recover their Swift context and hand over.
// They must not throw or unwind into C.

/// `log_cb`: runs on librdkafka's internal threads, so it only forwards to the (thread-safe) logger.
func rdKafkaLogCallback(
    handle: OpaquePointer?, level: Int32, facility: UnsafePointer<CChar>?, text: UnsafePointer<CChar>?
) {
    guard let handle, let opaque = rd_kafka_opaque(handle) else { return }
    let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    let facilityName = facility.map { String(cString: $0) } ?? "?"
    let message = text.map { String(cString: $0) } ?? ""
    context.logger.log(
        level: Logger.Level(syslogLevel: level), message, metadata: [LogKey.facility: "\(facilityName)"],
        unlessRepeatedIn: context.repeatedLines)
}

/// `error_cb`: client-wide errors (brokers down, fatal idempotence errors), served by poll.
func rdKafkaErrorCallback(
    handle: OpaquePointer?, code: Int32, reason: UnsafePointer<CChar>?, opaque: UnsafeMutableRawPointer?
) {
    guard let opaque else { return }
    let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    let rawCode = rd_kafka_resp_err_t(rawValue: code)
    context.record(
        KafkaError(
            rawCode: rawCode, message: reason.map { String(cString: $0) },
            context: "talking to the brokers"))
}

/// `dr_msg_cb`: one call per produced message, served by `rd_kafka_poll`/`rd_kafka_flush` on the
/// caller's thread. The message's `_private` holds the retained ``RDKafkaDeliveryCallback``.
func rdKafkaDeliveryCallback(
    handle: OpaquePointer?, message: UnsafePointer<rd_kafka_message_t>?, opaque: UnsafeMutableRawPointer?
) {
    guard let message, let box = message.pointee._private else { return }
    let callback = Unmanaged<RDKafkaDeliveryCallback>.fromOpaque(box).takeRetainedValue()
    let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
    if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
        callback.deliver(
            .success(
                KafkaDeliveryReport(
                    topic: topic, partition: message.pointee.partition, offset: message.pointee.offset)))
    } else {
        callback.deliver(
            .failure(
                KafkaError(
                    rawCode: message.pointee.err,
                    context: "delivering a message to \(topic)[\(message.pointee.partition)]")))
    }
}

/// `stats_cb`: served by poll on the caller's thread. Returns 0 so librdkafka frees the JSON.
func rdKafkaStatisticsCallback(
    handle: OpaquePointer?, json: UnsafeMutablePointer<CChar>?, length: Int, opaque: UnsafeMutableRawPointer?
) -> Int32 {
    guard let opaque, let json else { return 0 }
    let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    guard let handler = context.statisticsHandler else { return 0 }
    if let statistics = KafkaStatistics.decode(UnsafeRawBufferPointer(start: json, count: length)) {
        handler(statistics)
    } else {
        context.logger.debug("cannot read a librdkafka statistics document; skipped")
    }
    return 0
}

/// `rebalance_cb`: runs inside `rd_kafka_consumer_poll`/`rd_kafka_consumer_close` on the caller's
/// thread. The handler sees the change first (so it can commit revoked partitions), then we apply it.
func rdKafkaRebalanceCallback(
    handle: OpaquePointer?, code: rd_kafka_resp_err_t,
    partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, opaque: UnsafeMutableRawPointer?
) {
    guard let handle, let opaque else { return }
    let context = Unmanaged<RDKafkaClientContext>.fromOpaque(opaque).takeUnretainedValue()
    RDKafkaClient.handleRebalance(handle: handle, code: code, partitions: partitions, context: context)
}

extension Logger.Level {
    /// librdkafka logs with syslog levels: 0 emergency ... 7 debug.
    init(syslogLevel: Int32) {
        switch syslogLevel {
        case ...2: self = .critical
        case 3: self = .error
        case 4: self = .warning
        case 5: self = .notice
        case 6: self = .info
        default: self = .debug
        }
    }
}
