import ArgumentParser
import Foundation
import Kafka
import KafkaTools
import PageCore

extension Pagepipe {
    struct Reprocess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Backfill: run a fresh group over a range of the input into versioned output topics.",
            discussion: """
                Starts a new consumer group at the first record at or after --since (or the earliest \
                record), processes pages up to --until (by Kafka timestamp) and/or only pages whose own \
                publication date is in --pages-dated, and publishes to the output topics with \
                --topic-suffix (default .v<parser major version>, e.g. articles.v1), beside the \
                current output. Stops once the input is drained. Events keep their deterministic ids \
                and carry parser_version, so consumers can tell versions apart and deduplicate.

                Example:
                  pagepipe reprocess --brokers 127.0.0.1:19092 --pages-dated 2013-06-01..2013-06-30 --topic-suffix .v2
                """
        )

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: ArgumentHelp("Start at the first record at or after this time (ISO 8601 or a date). Default: the earliest record.", valueName: "time"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Pass over records with a Kafka timestamp after this time.", valueName: "time"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Only publish pages whose own date is in FROM..TO (2013-06-01..2013-06-30).", valueName: "range"))
        var pagesDated: String?

        @OptionGroup var worker: WorkerOptions
        @OptionGroup var pageCore: PageCoreOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var operations: OperationsOptions

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.reprocess")
            try requireSupportedLibrdkafka(logger)
            let version = PageProcessor.parserVersion
            let freshGroup = "pagepipe-reprocess-\(version)-\(TimeArguments.nowMs)"
            var configuration = try worker.configuration(kafka: kafka, pageCore: pageCore, defaultGroup: freshGroup)
            if worker.topicSuffix.isEmpty {
                configuration.router.topicSuffix = ".v" + (version.split(separator: ".").first.map(String.init) ?? version)
            }
            configuration.exitWhenIdle = configuration.exitWhenIdle ?? .seconds(10)
            if let until { configuration.untilTimestampMs = try TimeArguments.instant(until, option: "--until") }
            if let pagesDated { configuration.pagesDated = try TimeArguments.dateRange(pagesDated) }

            let planner = ReplayPlanner(cluster: configuration.cluster, consumerExtra: configuration.consumer.extra)
            let target: ReplayTarget = try since.map { .timestamp(try TimeArguments.instant($0, option: "--since")) } ?? .earliest
            do {
                for topic in configuration.consumer.topics {
                    let plan = try planner.plan(group: configuration.consumer.groupID, topic: topic, target: target, logger: logger)
                    FileHandle.standardError.write(Data((plan.rendered + "\n").utf8))
                    try planner.execute(plan, logger: logger)
                }
            } catch {
                logger.critical("cannot rewind the group for reprocessing", metadata: [LogKey.group: "\(configuration.consumer.groupID)", LogKey.error: "\(error)"])
                throw ExitCode.failure
            }
            logger.notice(
                "reprocessing into suffixed topics",
                metadata: [LogKey.topicSuffix: "\(configuration.router.topicSuffix)", LogKey.group: "\(configuration.consumer.groupID)"])
            try runWorker(
                configuration, processor: try pageCore.makeProcessor(), logger: logger, summaryJSON: worker.summaryJson,
                operations: try operations.configuration())
        }
    }
}
