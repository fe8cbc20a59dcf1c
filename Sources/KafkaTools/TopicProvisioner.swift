import Kafka
import Logging
import TopicContract

/// Compares a `TopicPlan` with the cluster and creates what is missing. Existing topics are never
/// altered: a difference in partitions, replication or settings is reported for an operator to
/// decide, since changing them under running workers moves keys between partitions or drops data.
public struct TopicProvisioner: Sendable {
    /// One planned topic beside what the cluster has of it.
    public struct Comparison: Sendable, Equatable {
        public var planned: TopicPlan.Topic
        /// nil: the cluster has no such topic.
        public var existing: KafkaTopicDescription?
        /// The planned settings the cluster reports for the topic (DescribeConfigs).
        public var reported: [String: String]

        /// What differs from the plan, one phrase each; empty when the topic matches or is missing.
        public var differences: [String] {
            guard let existing else { return [] }
            var result: [String] = []
            if existing.partitions != planned.partitions {
                result.append("partitions: cluster \(existing.partitions), planned \(planned.partitions)")
            }
            if let replication = planned.replicationFactor, existing.replicationFactor != replication {
                result.append("replication: cluster \(existing.replicationFactor), planned \(replication)")
            }
            for (name, value) in planned.settings.sorted(by: { $0.key < $1.key }) {
                switch reported[name] {
                case value: continue
                case let other?: result.append("\(name): cluster \(other), planned \(value)")
                case nil: result.append("\(name): cluster reports none (its broker default applies), planned \(value)")
                }
            }
            return result
        }
    }

    private let admin: KafkaAdmin
    private let timeoutMs: Int

    public init(cluster: KafkaClusterConfiguration, logger: Logger, timeoutMs: Int = 10_000) throws(KafkaError) {
        self.admin = try KafkaAdmin(cluster: cluster, logger: logger)
        self.timeoutMs = timeoutMs
    }

    /// Each planned topic beside the cluster's. Lists topics without naming one, so a cluster that
    /// creates topics on request creates nothing here.
    public func compare(_ plan: TopicPlan) throws(KafkaError) -> [Comparison] {
        let existing = try admin.listTopics(timeoutMs: timeoutMs)
        let present = plan.names.filter { existing[$0] != nil }
        let names = Set(plan.topics.flatMap { $0.settings.keys })
        let reported = try admin.topicConfigs(present, names: names, timeoutMs: timeoutMs)
        return plan.topics.map { Comparison(planned: $0, existing: existing[$0.name], reported: reported[$0.name] ?? [:]) }
    }

    /// Creates the planned topics the cluster lacks, with their partitions, replication and
    /// settings, and returns the comparison made afterwards together with the names created.
    /// Running it again creates nothing.
    public func apply(_ plan: TopicPlan) throws(KafkaError) -> (created: [String], comparisons: [Comparison]) {
        let missing = try compare(plan).filter { $0.existing == nil }.map(\.planned)
        try admin.createTopics(missing.map {
            KafkaNewTopic(name: $0.name, partitions: Int32($0.partitions), replicationFactor: $0.replicationFactor.map(Int32.init), configs: $0.settings)
        }, timeoutMs: timeoutMs)
        return (missing.map(\.name), try compare(plan))
    }

    /// The plan beside the cluster, as `topics plan` and `topics apply` print it.
    public static func report(_ comparisons: [Comparison], unlistedTemplates: [String], created: [String]? = nil) -> String {
        var lines: [String] = []
        for comparison in comparisons {
            let planned = comparison.planned
            let settings = planned.settings.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let replication = planned.replicationFactor.map(String.init) ?? "broker default"
            let state: String
            if created?.contains(planned.name) == true {
                state = "created"
            } else if comparison.existing != nil {
                state = comparison.differences.isEmpty ? "exists, matches" : "exists, differs (not altered)"
            } else {
                state = "missing"
            }
            lines.append("\(planned.name)  [\(planned.role.rawValue)]  \(state)")
            lines.append("    planned: partitions=\(planned.partitions) replication=\(replication) \(settings)")
            if let existing = comparison.existing {
                let reported = comparison.reported.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                lines.append("    cluster: partitions=\(existing.partitions) replication=\(existing.replicationFactor) \(reported)")
            }
            for difference in comparison.differences { lines.append("    differs: \(difference)") }
        }
        for template in unlistedTemplates {
            lines.append("\(template)  [template]  not provisioned: its topics are named by each article; see README \"Topics\"")
        }
        let missing = comparisons.filter { $0.existing == nil && created?.contains($0.planned.name) != true }.count
        let differing = comparisons.filter { !$0.differences.isEmpty }.count
        var summary = "\(comparisons.count) topics: \(missing) missing, \(differing) differing"
        if let created { summary += ", \(created.count) created" }
        if differing > 0 { summary += "; existing topics are never altered: change them with your cluster's tools if the difference matters" }
        lines.append(summary)
        return lines.joined(separator: "\n")
    }
}
