import ArgumentParser
import Foundation
import Kafka
import KafkaTools
import PageWorker

extension Pagepipe {
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rewind a consumer group so its workers reprocess history (dry run unless --execute).",
            discussion: """
                Moves the committed offsets of --group on --topic, as kafka-consumer-groups \
                --reset-offsets does: to the earliest or latest offset, to explicit offsets, to the \
                first record at or after a time, or to a duration ago. Prints the plan (partition, \
                current offset, new offset, end, pages to process); --execute applies exactly that \
                plan. Refused while the group has active members: stop its workers first. Replayed \
                events keep their deterministic ids, so downstream deduplicates them.

                To backfill a new parser version beside the current output instead, use \
                pagepipe reprocess.

                Examples:
                  pagepipe replay --brokers 127.0.0.1:19092 --group pagepipe --to-earliest
                  pagepipe replay --brokers 127.0.0.1:19092 --group pagepipe --by-duration 6h --execute
                  pagepipe replay --brokers 127.0.0.1:19092 --group pagepipe --to-offset 0=120 --to-offset 3=0 --execute
                """
        )

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: ArgumentHelp("The consumer group to rewind. Env: PAGEPIPE_GROUP. Default: pagepipe.", valueName: "name"))
        var group: String?

        @Option(name: .long, help: ArgumentHelp("The input topic.", valueName: "topic"))
        var topic: String = "pages.raw"

        @Flag(name: .long, help: "Rewind to each partition's earliest offset.")
        var toEarliest = false

        @Flag(name: .long, help: "Skip to each partition's end.")
        var toLatest = false

        @Option(name: .long, help: ArgumentHelp("partition=offset, repeatable; other partitions keep their offsets.", valueName: "p=offset"))
        var toOffset: [String] = []

        @Option(name: .long, help: ArgumentHelp("The first record at or after this time (ISO 8601, or a date for midnight UTC).", valueName: "time"))
        var toDatetime: String?

        @Option(name: .long, help: ArgumentHelp("The first record at or after this long ago: 90s, 15m, 2h, 3d.", valueName: "duration"))
        var byDuration: String?

        @Flag(name: .long, help: "Apply the plan. Without it, only print it.")
        var execute = false

        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            let chosen = [toEarliest, toLatest, !toOffset.isEmpty, toDatetime != nil, byDuration != nil].filter { $0 }.count
            guard chosen == 1 else {
                throw ValidationError("Choose exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, --by-duration.")
            }
        }

        func target() throws -> ReplayTarget {
            if toEarliest { return .earliest }
            if toLatest { return .latest }
            if let toDatetime { return .timestamp(try TimeArguments.instant(toDatetime, option: "--to-datetime")) }
            if let byDuration { return .timestamp(TimeArguments.nowMs - (try TimeArguments.duration(byDuration, option: "--by-duration"))) }
            var offsets: [Int32: Int64] = [:]
            for entry in toOffset {
                let parts = entry.split(separator: "=")
                guard parts.count == 2, let partition = Int32(parts[0]), let offset = Int64(parts[1]), partition >= 0, offset >= 0 else {
                    throw ValidationError("--to-offset \(entry): expected partition=offset, such as 0=120.")
                }
                offsets[partition] = offset
            }
            return .offsets(offsets)
        }

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.replay")
            try requireSupportedLibrdkafka(logger)
            let kafkaSettings = try kafka.clientSettings()
            let planner = ReplayPlanner(cluster: kafkaSettings.cluster, consumerExtra: kafkaSettings.consumerExtra)
            let group = group ?? Environment.value("PAGEPIPE_GROUP") ?? "pagepipe"
            do {
                let plan = try planner.plan(group: group, topic: topic, target: try target(), logger: logger)
                print(plan.rendered)
                guard execute else {
                    print("dry run: nothing changed; add --execute to apply this plan")
                    return
                }
                try planner.execute(plan, logger: logger)
                print("applied: \(plan.commits.count) partition offsets committed for group \(group)")
            } catch let error as ReplayError {
                logger.critical("replay failed", metadata: [LogKey.topic: "\(topic)", LogKey.group: "\(group)", LogKey.error: "\(error)"])
                throw ExitCode.failure
            }
        }
    }
}
