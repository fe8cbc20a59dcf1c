import Kafka

/// Why a replay could not be planned or carried out; each case's description says what to do.
public enum ReplayError: Error, Sendable, CustomStringConvertible {
    /// The topic has no partitions: it does not exist, or the name is wrong.
    case noPartitions(topic: String)
    /// The group has live members, whose next commit would overwrite the rewind.
    case groupActive(group: String, members: Int?)
    /// The cluster refused or did not answer while the planner was `doing` this.
    case kafka(doing: String, KafkaError)

    public var description: String {
        switch self {
        case .noPartitions(let topic):
            "topic \(topic) has no partitions (does it exist?)"
        case .groupActive(let group, let members):
            "group \(group) has \(members.map { "\($0) " } ?? "")active member(s); stop its workers first (SIGTERM drains them), then replay"
        case .kafka(let doing, let error):
            "cannot \(doing): \(error)"
        }
    }
}
