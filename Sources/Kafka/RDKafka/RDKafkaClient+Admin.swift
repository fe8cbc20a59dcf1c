import CRdKafka

/// Admin requests of ``RDKafkaClient`` (on a producer-type handle, as librdkafka recommends).
extension RDKafkaClient {
    /// Creates topics; one that already exists counts as created.
    func createTopics(_ topics: [KafkaNewTopic], timeoutMs: Int) throws(KafkaError) {
        let context = "creating topics \(topics.map(\.name))"
        var errorText = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
        for topic in topics {
            // Replication factor -1: the broker's default, so the same call works on any cluster.
            let replication = topic.replicationFactor ?? -1
            guard let newTopic = rd_kafka_NewTopic_new(topic.name, topic.partitions, replication, &errorText, errorText.count) else {
                throw KafkaError(code: .configuration, message: Self.string(errorText), context: context)
            }
            newTopics.append(newTopic)
            for (name, value) in topic.configs.sorted(by: { $0.key < $1.key }) {
                let code = rd_kafka_NewTopic_set_config(newTopic, name, value)
                guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
                    throw KafkaError(rawCode: code, context: "setting \(name)=\(value) on new topic '\(topic.name)'")
                }
            }
        }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, Self.timeout(timeoutMs), &errorText, errorText.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, Self.timeout(timeoutMs), &errorText, errorText.count)

        let event = try adminResult(timeoutMs: timeoutMs, context: context) { queue in
            rd_kafka_CreateTopics(handle, &newTopics, newTopics.count, options, queue)
        }
        defer { rd_kafka_event_destroy(event) }
        guard let result = rd_kafka_event_CreateTopics_result(event) else { return }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for index in 0..<count {
            guard let topicResult = results[index] else { continue }
            let code = rd_kafka_topic_result_error(topicResult)
            guard code != RD_KAFKA_RESP_ERR_NO_ERROR, code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else { continue }
            let name = String(cString: rd_kafka_topic_result_name(topicResult))
            let message = rd_kafka_topic_result_error_string(topicResult).map { String(cString: $0) }
            throw KafkaError(rawCode: code, message: message, context: "creating topic '\(name)'")
        }
    }

    /// Member ids of a consumer group; empty when the group is unknown or has no members.
    func groupMembers(_ groupID: String, timeoutMs: Int) throws(KafkaError) -> [String] {
        var list: UnsafePointer<rd_kafka_group_list>?
        try check(
            rd_kafka_list_groups(handle, groupID, &list, Self.timeout(timeoutMs)),
            "describing consumer group '\(groupID)'")
        guard let list else { return [] }
        defer { rd_kafka_group_list_destroy(list) }
        guard let groups = list.pointee.groups else { return [] }
        var members: [String] = []
        for groupIndex in 0..<Int(list.pointee.group_cnt) {
            let group = groups[groupIndex]
            guard group.err == RD_KAFKA_RESP_ERR_NO_ERROR || group.err == RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND else {
                throw KafkaError(rawCode: group.err, context: "describing consumer group '\(groupID)'")
            }
            guard let groupMembers = group.members else { continue }
            for memberIndex in 0..<Int(group.member_cnt) {
                if let id = groupMembers[memberIndex].member_id { members.append(String(cString: id)) }
            }
        }
        return members
    }
}

extension RDKafkaClient {
    /// The named settings of each topic as the cluster reports them (DescribeConfigs). Apache
    /// Kafka reports every setting with its effective value, defaults included; a broker that
    /// reports only overrides (Tansu) gives an empty map for a topic without any. A topic the
    /// cluster does not know is left out.
    func topicConfigs(_ topics: [String], names: Set<String>, timeoutMs: Int) throws(KafkaError) -> [String: [String: String]] {
        guard !topics.isEmpty else { return [:] }
        let context = "describing the settings of topics \(topics)"
        var errorText = [CChar](repeating: 0, count: 512)
        var resources: [OpaquePointer?] = topics.map { rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, $0) }
        defer { for resource in resources { rd_kafka_ConfigResource_destroy(resource) } }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, Self.timeout(timeoutMs), &errorText, errorText.count)

        let event = try adminResult(timeoutMs: timeoutMs, context: context) { queue in
            rd_kafka_DescribeConfigs(handle, &resources, resources.count, options, queue)
        }
        defer { rd_kafka_event_destroy(event) }
        guard let result = rd_kafka_event_DescribeConfigs_result(event) else { return [:] }
        var count = 0
        guard let described = rd_kafka_DescribeConfigs_result_resources(result, &count) else { return [:] }
        var configs: [String: [String: String]] = [:]
        for index in 0..<count {
            guard let resource = described[index] else { continue }
            let name = String(cString: rd_kafka_ConfigResource_name(resource))
            let code = rd_kafka_ConfigResource_error(resource)
            if code == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART { continue }
            guard code == RD_KAFKA_RESP_ERR_NO_ERROR else {
                let message = rd_kafka_ConfigResource_error_string(resource).map { String(cString: $0) }
                throw KafkaError(rawCode: code, message: message, context: "describing the settings of topic '\(name)'")
            }
            var settings: [String: String] = [:]
            var entryCount = 0
            if let entries = rd_kafka_ConfigResource_configs(resource, &entryCount) {
                for entryIndex in 0..<entryCount {
                    guard let entry = entries[entryIndex] else { continue }
                    let key = String(cString: rd_kafka_ConfigEntry_name(entry))
                    guard names.contains(key), let value = rd_kafka_ConfigEntry_value(entry) else { continue }
                    settings[key] = String(cString: value)
                }
            }
            configs[name] = settings
        }
        return configs
    }
}

extension RDKafkaClient {
    /// Sends one admin request (`request` posts it to the queue it is given) and waits for its
    /// result event, which the caller destroys. Throws the request's own error, or `.timedOut`.
    fileprivate func adminResult(
        timeoutMs: Int, context: String, _ request: (OpaquePointer?) -> Void
    ) throws(KafkaError) -> OpaquePointer {
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        request(queue)
        // librdkafka enforces the request timeout itself; the margin only guards against a lost event.
        guard let event = rd_kafka_queue_poll(queue, Self.timeout(timeoutMs + 5_000)) else {
            throw KafkaError(code: .timedOut, message: "no answer within \(timeoutMs) ms", context: context)
        }
        let eventError = rd_kafka_event_error(event)
        guard eventError == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let message = String(cString: rd_kafka_event_error_string(event))
            rd_kafka_event_destroy(event)
            throw KafkaError(rawCode: eventError, message: message, context: context)
        }
        return event
    }
}
