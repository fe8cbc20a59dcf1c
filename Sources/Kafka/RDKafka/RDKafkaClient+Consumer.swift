import CRdKafka
import Logging

/// The consumer side of ``RDKafkaClient``.
extension RDKafkaClient {
    func subscribe(_ topics: [String]) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(capacity: topics.count)
        for topic in topics { list.add(KafkaTopicPartition(topic: topic, partition: RD_KAFKA_PARTITION_UA), offset: 0) }
        try list.withPointer { list throws(KafkaError) in try check(rd_kafka_subscribe(handle, list), "subscribing to \(topics)") }
    }

    func assign(_ offsets: [KafkaTopicPartition: Int64]) throws(KafkaError) {
        try RDKafkaTopicPartitionList(offsets).withPointer { list throws(KafkaError) in
            try check(rd_kafka_assign(handle, list), "assigning \(offsets.count) partitions")
        }
    }

    /// One message, error or nothing; serves callbacks (rebalance, errors) on the way.
    func consumerPoll(timeoutMs: Int) throws(KafkaError) -> KafkaConsumerEvent? {
        if let error = context.takePendingError() { return .error(error) }
        guard let message = rd_kafka_consumer_poll(handle, Self.timeout(timeoutMs)) else {
            if let fatal = fatalError(context: "polling the consumer") { throw fatal }
            return context.takePendingError().map(KafkaConsumerEvent.error)
        }
        defer { rd_kafka_message_destroy(message) }
        let err = message.pointee.err
        if err == RD_KAFKA_RESP_ERR_NO_ERROR { return .record(Self.record(from: message)) }
        let partition = KafkaTopicPartition(
            topic: message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: message.pointee.partition)
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return .partitionEOF(partition, offset: message.pointee.offset) }
        if err == RD_KAFKA_RESP_ERR__FATAL, let fatal = fatalError(context: "polling the consumer") { throw fatal }
        let where_ = partition.topic.isEmpty ? "consuming" : "consuming \(partition)"
        return .error(KafkaError(rawCode: err, message: String(cString: rd_kafka_message_errstr(message)), context: where_))
    }

    /// Commits and waits at most `timeoutMs` for the group coordinator's answer. librdkafka's
    /// synchronous commit waits for ever while the coordinator does not answer (a frozen broker),
    /// which held a worker's poll loop and its shutdown; so the commit is sent to a queue of its
    /// own and that queue is polled with a timeout. A commit that timed out may still land later:
    /// harmless, it carries the same offsets a later commit would.
    func commit(_ offsets: [KafkaTopicPartition: Int64], timeoutMs: Int) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let context = "committing offsets"
        let list = RDKafkaTopicPartitionList(offsets)
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        try list.withPointer { list throws(KafkaError) in try check(rd_kafka_commit_queue(handle, list, queue, nil, nil), context) }
        guard let event = rd_kafka_queue_poll(queue, Self.timeout(timeoutMs)) else {
            throw KafkaError(
                code: .timedOut, message: "the group coordinator did not answer within \(timeoutMs) ms", isRetriable: true, context: context)
        }
        defer { rd_kafka_event_destroy(event) }
        let error = rd_kafka_event_error(event)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError(rawCode: error, message: String(cString: rd_kafka_event_error_string(event)), context: context)
        }
        if let committed = rd_kafka_event_topic_partition_list(event),
            let failed = RDKafkaTopicPartitionList.elements(of: committed).first(where: { $0.error != RD_KAFKA_RESP_ERR_NO_ERROR })
        {
            throw KafkaError(rawCode: failed.error, context: "\(context) (\(failed.partition))")
        }
    }

    func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(partitions)
        try list.withPointer { list throws(KafkaError) in try check(rd_kafka_pause_partitions(handle, list), "pausing partitions") }
        if let error = list.firstError(context: "pausing partitions") { throw error }
    }

    func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(partitions)
        try list.withPointer { list throws(KafkaError) in try check(rd_kafka_resume_partitions(handle, list), "resuming partitions") }
        if let error = list.firstError(context: "resuming partitions") { throw error }
    }

    func committed(_ partitions: [KafkaTopicPartition], timeoutMs: Int) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        let list = RDKafkaTopicPartitionList(partitions)
        try list.withPointer { list throws(KafkaError) in
            try check(rd_kafka_committed(handle, list, Self.timeout(timeoutMs)), "reading committed offsets")
        }
        if let error = list.firstError(context: "reading committed offsets") { throw error }
        var result: [KafkaTopicPartition: Int64] = [:]
        for element in list.elements where element.offset >= 0 { result[element.partition] = element.offset }
        return result
    }

    func watermarks(_ partition: KafkaTopicPartition, timeoutMs: Int) throws(KafkaError) -> (low: Int64, high: Int64) {
        var low: Int64 = 0
        var high: Int64 = 0
        try check(
            rd_kafka_query_watermark_offsets(
                handle, partition.topic, partition.partition, &low, &high, Self.timeout(timeoutMs)),
            "querying the watermarks of \(partition)")
        return (low, high)
    }

    func offsetsForTimes(_ query: [KafkaTopicPartition: Int64], timeoutMs: Int) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        let list = RDKafkaTopicPartitionList(query)
        try list.withPointer { list throws(KafkaError) in
            try check(rd_kafka_offsets_for_times(handle, list, Self.timeout(timeoutMs)), "looking up offsets for times")
        }
        if let error = list.firstError(context: "looking up offsets for times") { throw error }
        return Dictionary(list.elements.map { ($0.partition, $0.offset) }, uniquingKeysWith: { _, last in last })
    }

    func assignment() throws(KafkaError) -> [KafkaTopicPartition] {
        var pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try check(rd_kafka_assignment(handle, &pointer), "reading the assignment")
        guard let pointer else { return [] }
        return RDKafkaTopicPartitionList(adopting: pointer).elements.map(\.partition)
    }

    /// Leaves the group; the final revoke runs through the rebalance callback on this thread.
    func consumerClose() {
        let code = rd_kafka_consumer_close(handle)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            context.logger.warning(
                "cannot close the consumer cleanly", metadata: [LogKey.error: "\(KafkaError(rawCode: code, context: "closing the consumer"))"])
        }
    }

    /// An assignment change as log metadata: how many partitions, and which.
    private static func partitionsMetadata(_ partitions: [KafkaTopicPartition]) -> Logger.Metadata {
        [LogKey.count: "\(partitions.count)", LogKey.partitions: .array(partitions.map { "\($0)" })]
    }

    /// Called from the rebalance callback: tell the handler, then apply the change with the calls
    /// the group's protocol requires (incremental for cooperative, full for eager).
    static func handleRebalance(
        handle: OpaquePointer, code: rd_kafka_resp_err_t,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, context: RDKafkaClientContext
    ) {
        let changed = RDKafkaTopicPartitionList.partitions(of: partitions)
        let cooperative = rd_kafka_rebalance_protocol(handle).map { String(cString: $0) } == "COOPERATIVE"
        var failure: KafkaError?
        switch code {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            context.logger.info("partitions assigned", metadata: partitionsMetadata(changed))
            context.rebalanceHandler?(.assigned(changed))
            if cooperative {
                if let error = rd_kafka_incremental_assign(handle, partitions) {
                    failure = KafkaError(consuming: error, context: "applying an assignment")
                }
            } else {
                failure = failed(rd_kafka_assign(handle, partitions), "applying an assignment")
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let lost = rd_kafka_assignment_lost(handle) != 0
            context.logger.info(lost ? "partitions lost" : "partitions revoked", metadata: partitionsMetadata(changed))
            context.rebalanceHandler?(lost ? .lost(changed) : .revoked(changed))
            if cooperative {
                if let error = rd_kafka_incremental_unassign(handle, partitions) {
                    failure = KafkaError(consuming: error, context: "applying a revocation")
                }
            } else {
                failure = failed(rd_kafka_assign(handle, nil), "applying a revocation")
            }
        default:
            // librdkafka's contract: on a rebalance error drop the whole assignment and rejoin.
            context.logger.error(
                "rebalance failed: dropping the assignment", metadata: [LogKey.error: "\(KafkaError(rawCode: code, context: "rebalancing"))"])
            context.rebalanceHandler?(.lost(changed))
            failure = failed(rd_kafka_assign(handle, nil), "dropping the assignment after a rebalance error")
        }
        if let failure { context.record(failure) }
    }

    private static func failed(_ code: rd_kafka_resp_err_t, _ context: String) -> KafkaError? {
        code == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(rawCode: code, context: context)
    }

    func check(_ code: rd_kafka_resp_err_t, _ context: String) throws(KafkaError) {
        guard code == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(rawCode: code, context: context) }
    }

    func check(_ error: OpaquePointer?, _ context: String) throws(KafkaError) {
        guard let error else { return }
        throw KafkaError(consuming: error, context: context)
    }
}
