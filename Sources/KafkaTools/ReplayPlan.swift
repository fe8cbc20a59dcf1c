import Kafka

/// Where `pagepipe replay` moves a group's offsets, as `kafka-consumer-groups --reset-offsets` does.
public enum ReplayTarget: Sendable, Equatable {
    case earliest
    case latest
    /// Explicit offsets per partition number; partitions not named keep their offsets.
    case offsets([Int32: Int64])
    /// The first record at or after this time (ms since the epoch), by offsets-for-times.
    case timestamp(Int64)
}

/// One partition's line of the plan.
public struct ReplayStep: Sendable, Equatable {
    public var partition: KafkaTopicPartition
    /// The group's committed offset, nil when it has none.
    public var current: Int64?
    public var newOffset: Int64
    public var low: Int64
    public var high: Int64

    /// Pages a worker will (re)process from the new offset to the current end.
    public var pagesToProcess: Int64 { max(0, high - newOffset) }
}

/// The plan for one topic: computed without side effects, printed by the dry run, and executed
/// as-is, so what the dry run shows is exactly what happens.
public struct ReplayPlan: Sendable, Equatable {
    public var group: String
    public var steps: [ReplayStep]

    public var totalPagesToProcess: Int64 { steps.reduce(0) { $0 + $1.pagesToProcess } }

    /// Offsets to commit: every step whose offset changes.
    public var commits: [KafkaTopicPartition: Int64] {
        var result: [KafkaTopicPartition: Int64] = [:]
        for step in steps where step.current != step.newOffset { result[step.partition] = step.newOffset }
        return result
    }

    /// Resolves a target against each partition's state. `timestampOffsets` holds offsets-for-times
    /// answers (nil entries or a missing key mean "no record at or after that time": the end).
    public static func make(
        group: String, target: ReplayTarget,
        partitions: [(partition: KafkaTopicPartition, current: Int64?, low: Int64, high: Int64)],
        timestampOffsets: [KafkaTopicPartition: Int64] = [:]
    ) -> ReplayPlan {
        let steps = partitions.sorted { $0.partition.partition < $1.partition.partition }.map { entry in
            var newOffset: Int64
            switch target {
            case .earliest:
                newOffset = entry.low
            case .latest:
                newOffset = entry.high
            case .offsets(let offsets):
                newOffset = offsets[entry.partition.partition] ?? entry.current ?? entry.low
            case .timestamp:
                newOffset = timestampOffsets[entry.partition] ?? entry.high
                if newOffset < 0 { newOffset = entry.high }
            }
            // Like the Kafka tool: out-of-range offsets are clamped to what the partition holds.
            newOffset = min(max(newOffset, entry.low), entry.high)
            return ReplayStep(partition: entry.partition, current: entry.current, newOffset: newOffset, low: entry.low, high: entry.high)
        }
        return ReplayPlan(group: group, steps: steps)
    }

    /// The dry run's table.
    public var rendered: String {
        var lines = ["group \(group)", "  partition                      current        new        end   to process"]
        for step in steps {
            let current = step.current.map(String.init) ?? "-"
            lines.append("  " + step.partition.description.padding(28) + current.leftPad(10) + String(step.newOffset).leftPad(11)
                + String(step.high).leftPad(11) + String(step.pagesToProcess).leftPad(13))
        }
        lines.append("  total pages to process: \(totalPagesToProcess)")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
    fileprivate func leftPad(_ width: Int) -> String { count >= width ? " " + self : String(repeating: " ", count: width - count) + self }
}
