import CRdKafka

extension KafkaError {
    /// An error from a librdkafka response code; `message` defaults to librdkafka's text for it.
    init(rawCode: rd_kafka_resp_err_t, message: String? = nil, isFatal: Bool = false, context: String) {
        let text = message ?? String(cString: rd_kafka_err2str(rawCode))
        let fatal = isFatal || rawCode == RD_KAFKA_RESP_ERR__FATAL
        self.init(
            code: fatal ? .fatal : Self.classify(rawCode), rawCode: rawCode.rawValue, message: text,
            isFatal: fatal, isRetriable: !fatal && Self.retriableCodes.contains(rawCode), context: context)
    }

    /// An error from an `rd_kafka_error_t`, which carries its own fatal/retriable flags. Destroys it.
    init(consuming error: OpaquePointer, context: String) {
        defer { rd_kafka_error_destroy(error) }
        let rawCode = rd_kafka_error_code(error)
        let fatal = rd_kafka_error_is_fatal(error) != 0
        self.init(
            code: fatal ? .fatal : Self.classify(rawCode), rawCode: rawCode.rawValue,
            message: String(cString: rd_kafka_error_string(error)), isFatal: fatal,
            isRetriable: rd_kafka_error_is_retriable(error) != 0 || (!fatal && Self.retriableCodes.contains(rawCode)),
            context: context)
    }

    private static func classify(_ rawCode: rd_kafka_resp_err_t) -> Code {
        switch rawCode {
        case RD_KAFKA_RESP_ERR__QUEUE_FULL: .queueFull
        case RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT: .timedOut
        case RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR__CONFLICT: .configuration
        case RD_KAFKA_RESP_ERR__FATAL: .fatal
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC,
            RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            .unknownTopic
        case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS: .topicAlreadyExists
        case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE, RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE: .messageTooLarge
        case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
            .unauthorized
        case RD_KAFKA_RESP_ERR__PARTITION_EOF: .partitionEOF
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE:
            .transport
        case RD_KAFKA_RESP_ERR__STATE, RD_KAFKA_RESP_ERR__DESTROY: .state
        default: .other
        }
    }

    // librdkafka only classifies rd_kafka_error_t objects; for bare response codes these are the
    // ones its own request layer retries.
    private static let retriableCodes: Set<rd_kafka_resp_err_t> = [
        RD_KAFKA_RESP_ERR__QUEUE_FULL, RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
        RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN,
        RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION, RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
        RD_KAFKA_RESP_ERR_NOT_COORDINATOR, RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
        RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS, RD_KAFKA_RESP_ERR__WAIT_COORD,
    ]
}
