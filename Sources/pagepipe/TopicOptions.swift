import ArgumentParser
import Kafka
import KafkaTools
import Logging
import PageWorker
import TopicContract

/// How `topics` creates topics: every `TopicSettings` property as a flag, most with an
/// environment fallback for the Kubernetes Job and the Compose service.
struct TopicOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Partitions of each input topic: the most workers of one group that get work. Env: PAGEPIPE_INPUT_PARTITIONS. Default: 8.", valueName: "n"))
    var inputPartitions: Int?

    @Option(name: .long, help: ArgumentHelp("Partitions of event topics without {section} (articles, pages.index). Env: PAGEPIPE_EVENT_PARTITIONS. Default: 8.", valueName: "n"))
    var eventPartitions: Int?

    @Option(name: .long, help: ArgumentHelp("Partitions of each articles.{section} copy. Env: PAGEPIPE_SECTION_PARTITIONS. Default: 2.", valueName: "n"))
    var sectionPartitions: Int?

    @Option(name: .long, help: ArgumentHelp("Partitions of the dead-letter topic. Env: PAGEPIPE_DLQ_PARTITIONS. Default: 2.", valueName: "n"))
    var dlqPartitions: Int?

    @Option(name: .long, help: ArgumentHelp("Replicas of every topic. Env: PAGEPIPE_REPLICATION_FACTOR. Default: the broker's default.replication.factor.", valueName: "n"))
    var replicationFactor: Int?

    @Option(name: .long, help: ArgumentHelp("retention.ms of the input topics. Default: 604800000 (7 days).", valueName: "ms"))
    var inputRetentionMs: Int64?

    @Option(name: .long, help: ArgumentHelp("retention.ms of the dead-letter topic. Default: 1209600000 (14 days).", valueName: "ms"))
    var dlqRetentionMs: Int64?

    @Option(name: .long, help: ArgumentHelp("max.message.bytes of the event and dead-letter topics alike (the worker holds records to the smallest). Default: 1048588.", valueName: "bytes"))
    var outputMaxMessageBytes: Int?

    @Flag(name: .long, help: "Event topics with cleanup.policy=delete and --event-retention-ms instead of compact (one record per event id, the latest).")
    var noCompactEvents = false

    @Option(name: .long, help: ArgumentHelp("retention.ms of event topics with --no-compact-events. Default: 604800000 (7 days).", valueName: "ms"))
    var eventRetentionMs: Int64?

    func validate() throws {
        _ = try settings()
    }

    func settings() throws -> TopicSettings {
        var settings = TopicSettings()
        let counts: [(String, Int?, WritableKeyPath<TopicSettings, Int>)] = [
            ("--input-partitions (PAGEPIPE_INPUT_PARTITIONS)", try inputPartitions ?? Environment.integer("PAGEPIPE_INPUT_PARTITIONS"), \.inputPartitions),
            ("--event-partitions (PAGEPIPE_EVENT_PARTITIONS)", try eventPartitions ?? Environment.integer("PAGEPIPE_EVENT_PARTITIONS"), \.eventPartitions),
            ("--section-partitions (PAGEPIPE_SECTION_PARTITIONS)", try sectionPartitions ?? Environment.integer("PAGEPIPE_SECTION_PARTITIONS"), \.sectionPartitions),
            ("--dlq-partitions (PAGEPIPE_DLQ_PARTITIONS)", try dlqPartitions ?? Environment.integer("PAGEPIPE_DLQ_PARTITIONS"), \.deadLetterPartitions),
        ]
        for (name, value, keyPath) in counts {
            guard let value else { continue }
            guard value > 0 else { throw ValidationError("\(name) must be positive, not \(value).") }
            settings[keyPath: keyPath] = value
        }
        if let replication = try replicationFactor ?? Environment.integer("PAGEPIPE_REPLICATION_FACTOR") {
            guard replication > 0 else { throw ValidationError("--replication-factor must be positive; leave it out for the broker's default.") }
            settings.replicationFactor = replication
        }
        for (name, value) in [("--input-retention-ms", inputRetentionMs), ("--dlq-retention-ms", dlqRetentionMs), ("--event-retention-ms", eventRetentionMs)] {
            // Kafka's -1 keeps records for ever.
            if let value, value <= 0, value != -1 { throw ValidationError("\(name) must be positive, or -1 for no limit.") }
        }
        if let inputRetentionMs { settings.inputRetentionMs = inputRetentionMs }
        if let dlqRetentionMs { settings.deadLetterRetentionMs = dlqRetentionMs }
        if let eventRetentionMs { settings.eventRetentionMs = eventRetentionMs }
        if let outputMaxMessageBytes {
            guard outputMaxMessageBytes >= RecordSizePolicy.minimumMaxRecordBytes + 256 else {
                throw ValidationError("--output-max-message-bytes must leave room for a dead letter's reference: at least \(RecordSizePolicy.minimumMaxRecordBytes + 256).")
            }
            settings.outputMaxMessageBytes = outputMaxMessageBytes
        }
        settings.compactEvents = !noCompactEvents
        return settings
    }

    /// The plan for the worker these flags describe, and a provisioner on its cluster.
    func planAndProvisioner(
        kafka: KafkaOptions, worker: WorkerOptions, pageCore: PageCoreOptions, logger: Logger
    ) throws -> (TopicPlan, TopicProvisioner) {
        let configuration = try worker.configuration(kafka: kafka, pageCore: pageCore, defaultGroup: "pagepipe")
        // The processor loads the --sections and --gazetteer files as run would, so a bad file fails here too.
        let slugs = try pageCore.makeProcessor().sections.slugs
        let plan = TopicPlan(inputTopics: configuration.consumer.topics, router: configuration.router, sectionSlugs: slugs, settings: try settings())
        do {
            return (plan, try TopicProvisioner(cluster: configuration.cluster, logger: logger))
        } catch {
            logger.critical("cannot reach the cluster to plan its topics", metadata: [LogKey.error: "\(error)"])
            throw ExitCode.failure
        }
    }
}
