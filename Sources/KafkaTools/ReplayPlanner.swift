import Kafka
import Logging

/// Reads a group's position on a topic, plans a rewind, and applies it. Talks to Kafka only
/// through the wrapper; the arithmetic is `ReplayPlan`'s.
public struct ReplayPlanner: Sendable {
    public var cluster: KafkaClusterConfiguration
    /// librdkafka properties for the planner's consumers only (`consumer.`-prefixed `--config` keys).
    public var consumerExtra: [String: String]
    public var timeoutMs = 15_000

    public init(cluster: KafkaClusterConfiguration, consumerExtra: [String: String] = [:]) {
        self.cluster = cluster
        self.consumerExtra = consumerExtra
    }

    public func plan(group: String, topic: String, target: ReplayTarget, logger: Logger) throws(ReplayError) -> ReplayPlan {
        let consumer = try makeConsumer(group: group, logger: logger)
        defer { consumer.close() }
        do {
            let numbers = try consumer.partitions(ofTopic: topic, timeoutMs: timeoutMs)
            guard !numbers.isEmpty else { throw ReplayError.noPartitions(topic: topic) }
            let partitions = numbers.map { KafkaTopicPartition(topic: topic, partition: $0) }
            let committed = try consumer.committed(partitions, timeoutMs: timeoutMs)
            let bounds = try TopicScan(cluster: cluster, consumerExtra: consumerExtra, timeoutMs: timeoutMs).bounds(topic, logger: logger)
            var rows: [(partition: KafkaTopicPartition, current: Int64?, low: Int64, high: Int64)] = []
            for partition in partitions {
                let bound = bounds[partition] ?? (low: 0, end: 0)
                rows.append((partition, committed[partition], bound.low, bound.end))
            }
            var timestampOffsets: [KafkaTopicPartition: Int64] = [:]
            if case .timestamp(let milliseconds) = target {
                timestampOffsets = try consumer.offsetsForTimes(
                    Dictionary(uniqueKeysWithValues: partitions.map { ($0, milliseconds) }), timeoutMs: timeoutMs)
            }
            return ReplayPlan.make(group: group, target: target, partitions: rows, timestampOffsets: timestampOffsets)
        } catch let error as ReplayError {
            throw error
        } catch let error as KafkaError {
            throw .kafka(doing: "read the position of group \(group) on \(topic)", error)
        } catch {
            throw .kafka(doing: "plan the replay", KafkaError(code: .other, message: "\(error)", context: "planning a replay"))
        }
    }

    /// Commits the plan's offsets as the group. Refuses while the group has active members: their
    /// next commit would overwrite the rewind, exactly as Kafka's own tool refuses.
    public func execute(_ plan: ReplayPlan, logger: Logger) throws(ReplayError) {
        let members: [String]
        do {
            members = try KafkaAdmin(cluster: cluster).groupMembers(plan.group, timeoutMs: timeoutMs)
        } catch {
            throw .kafka(doing: "check whether group \(plan.group) is active", error)
        }
        guard members.isEmpty else {
            throw .groupActive(group: plan.group, members: members.count)
        }
        let commits = plan.commits
        guard !commits.isEmpty else { return }
        let consumer = try makeConsumer(group: plan.group, logger: logger)
        defer { consumer.close() }
        do {
            try consumer.commit(commits)
        } catch {
            // The broker itself refuses a commit from outside a group that has a live generation.
            if Self.activeGroupCodes.contains(error.rawCode) {
                throw .groupActive(group: plan.group, members: nil)
            }
            throw .kafka(doing: "commit the new offsets of group \(plan.group)", error)
        }
    }

    /// ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS.
    private static let activeGroupCodes: Set<Int32> = [22, 25, 27]

    private func makeConsumer(group: String, logger: Logger) throws(ReplayError) -> KafkaConsumer {
        // Reads and commits the group's offsets without joining it: joining would take partitions
        // from the group's members and trigger a rebalance.
        let configuration = KafkaConsumerConfiguration(consumptionStrategy: .manualAssignment(groupID: group), extra: consumerExtra)
        do {
            return try KafkaConsumer(cluster: cluster, configuration: configuration, logger: logger)
        } catch {
            throw .kafka(doing: "create a consumer for group \(group)", error)
        }
    }
}
