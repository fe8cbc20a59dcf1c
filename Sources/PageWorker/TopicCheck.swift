import Kafka
import Logging

/// What `run` does at start about topics the cluster lacks. Without a check, a missing output
/// topic on a cluster that does not create topics on demand is found only after
/// `message.timeout.ms`, with every page in between dead-lettered as `publish/deliveryFailed`.
public enum TopicCheckMode: String, Sendable, CaseIterable {
    /// Every input and fixed output topic must already exist, or the worker exits non-zero:
    /// for clusters provisioned with `pagepipe topics apply` (the Compose and Kubernetes examples).
    case existing
    /// As `existing`, but a topic the cluster does not list is first asked for by name, as the
    /// producer does before its first write: a cluster with `auto.create.topics.enable` (and the
    /// local test broker) creates it then, with its broker defaults, and the worker says so.
    case auto
    /// Say which topics are missing and start anyway.
    case warn
    /// No check.
    case off
}

public enum TopicCheck {
    /// Checks `topics` against the cluster's list. A cluster that cannot be asked (not up yet)
    /// is not checked: the worker waits for it as usual (`brokerDownTimeout`).
    /// - Returns: false when the cluster did not answer, so the caller asks it nothing more at start.
    @discardableResult
    public static func verify(
        _ topics: [String], mode: TopicCheckMode, admin: KafkaAdmin, logger: Logger, timeoutMs: Int = 5_000
    ) throws(WorkerError) -> Bool {
        guard mode != .off else { return true }
        let listed: [String: KafkaTopicDescription]
        do {
            listed = try admin.listTopics(timeoutMs: timeoutMs)
        } catch {
            logger.notice("cannot list the cluster's topics, so they are not checked", metadata: [LogKey.error: "\(error)"])
            return false
        }
        var missing = topics.filter { listed[$0] == nil }
        if mode == .auto, !missing.isEmpty {
            var created: [String] = []
            missing = missing.filter { topic in
                guard let partitions = try? admin.partitions(ofTopic: topic, timeoutMs: timeoutMs), !partitions.isEmpty else { return true }
                created.append("\(topic) (\(partitions.count) partitions)")
                return false
            }
            if !created.isEmpty {
                logger.warning(
                    "the cluster created topics on request, with its default partitions and settings; create them with `pagepipe topics apply` beforehand to get the planned ones",
                    metadata: [LogKey.topics: "\(created.joined(separator: ", "))"])
            }
        }
        guard !missing.isEmpty else { return true }
        let message = "missing topics: \(missing.joined(separator: ", ")). Create them with `pagepipe topics apply` and the same --brokers, topic, --topic-suffix and --sections settings as this run (`pagepipe topics plan` shows what it would do)"
        if mode == .warn {
            logger.warning(
                "topics are missing; starting anyway (--topic-check warn): pages whose output topic is missing will be dead-lettered",
                metadata: [LogKey.topics: "\(missing.joined(separator: ","))", "advice": "\(message)"])
            return true
        }
        throw WorkerError(message + (mode == .existing ? ", or start with --topic-check auto on a cluster that creates topics on demand." : "."))
    }
}
