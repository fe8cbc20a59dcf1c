/// A change of a group consumer's assignment, handed to the `onRebalance` closure of
/// ``KafkaConsumer`` before the change is applied.
///
/// With the cooperative protocol the lists are the increments (partitions added or taken away);
/// with the eager protocol `.revoked` lists the whole previous assignment and `.assigned` the
/// whole new one.
public enum KafkaRebalance: Sendable, Hashable {
    /// These partitions are about to be consumed; nothing has been fetched from them yet.
    case assigned([KafkaTopicPartition])
    /// These partitions are about to go away: drain and commit them now, synchronously.
    case revoked([KafkaTopicPartition])
    /// These partitions were taken away without a handover (the session timed out, the member was
    /// fenced, or the rebalance failed): another member may own them already and commits for them
    /// fail, so do not wait for or commit their pages; the group redelivers from its last commit.
    case lost([KafkaTopicPartition])
}
