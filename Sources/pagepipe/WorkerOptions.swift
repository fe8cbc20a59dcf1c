import ArgumentParser
import Foundation
import Kafka
import PageCore
import Operations
import PageTracing
import TopicContract
import PageWorker

/// The worker's settings, shared by `run`, `reprocess` and `redrive`: every `WorkerConfiguration` property
/// as a flag, most with a `PAGEPIPE_*` environment fallback.
struct WorkerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Consumer group shared by all workers of one cluster. Env: PAGEPIPE_GROUP (not read by redrive). Default: pagepipe for run, a fresh one for reprocess, one named from the filters for redrive.", valueName: "name"))
    var group: String?

    @Option(name: .long, help: ArgumentHelp("Topic with raw pages, repeatable. Env: PAGEPIPE_INPUT_TOPICS (comma-separated). Default: pages.raw.", valueName: "topic"))
    var inputTopic: [String] = []

    @Option(name: .long, help: ArgumentHelp("Topic template for article events, repeatable. Default: articles and articles.{section}.", valueName: "template"))
    var articleTopic: [String] = []

    @Option(name: .long, help: ArgumentHelp("Topic template for page events, repeatable. Default: pages.index.", valueName: "template"))
    var pageTopic: [String] = []

    @Option(name: .long, help: ArgumentHelp("Dead-letter topic for pages that cannot be processed (for redrive: the one it reads).", valueName: "topic"))
    var dlqTopic: String = "pages.dlq"

    @Option(name: .long, help: ArgumentHelp("Appended to every output topic (e.g. .v2 to backfill beside the current output). Default: none.", valueName: "suffix"))
    var topicSuffix: String = ""

    @Option(name: .long, help: ArgumentHelp("Pages processed at once. Env: PAGEPIPE_CONCURRENCY. Default: number of cores.", valueName: "n"))
    var concurrency: Int?

    @Option(name: .long, help: ArgumentHelp("Pages in flight before consumption pauses (bounded memory).", valueName: "n"))
    var maxInFlight: Int = 512

    @Option(name: .long, help: ArgumentHelp("Raw MiB in flight before consumption pauses.", valueName: "MiB"))
    var maxInFlightMib: Int = 64

    @Option(name: .long, help: ArgumentHelp("How often finished offsets are committed.", valueName: "ms"))
    var commitIntervalMs: Int = 1000

    @Option(name: .long, help: ArgumentHelp("Deadline for draining in-flight pages on shutdown or revoke. Env: PAGEPIPE_DRAIN_TIMEOUT_MS. Default: 30000.", valueName: "ms"))
    var drainTimeoutMs: Int?

    @Option(name: .long, help: ArgumentHelp("Exit non-zero after this long without any answer from a broker (at start or after an outage), so the worker is restarted or someone is alerted instead of it idling unseen; 0 waits for ever. Env: PAGEPIPE_BROKER_DOWN_TIMEOUT_MS. Default: 300000.", valueName: "ms"))
    var brokerDownTimeoutMs: Int?

    @Option(name: .long, help: ArgumentHelp("Exit by itself once every assigned partition is read to its end, nothing is in flight, and no page or rebalance came for this many seconds (batch runs, demos). Default: run until signalled.", valueName: "seconds"))
    var exitWhenIdle: Double?

    @Option(name: .long, help: ArgumentHelp("Consumer session.timeout.ms. Short values (6000) speed up rebalances on small clusters. Default: librdkafka's (45000).", valueName: "ms"))
    var sessionTimeoutMs: Int?

    @Option(name: .long, help: ArgumentHelp("Consumer heartbeat.interval.ms. Default: librdkafka's (3000).", valueName: "ms"))
    var heartbeatIntervalMs: Int?

    @Option(name: .long, help: ArgumentHelp("partition.assignment.strategy.", valueName: "strategy"))
    var assignmentStrategy: String = "cooperative-sticky"

    @Option(name: .long, help: ArgumentHelp("Static membership id (group.instance.id) for rolling restarts without rebalances. Env: PAGEPIPE_INSTANCE_ID.", valueName: "id"))
    var groupInstanceId: String?

    @Option(name: .long, help: ArgumentHelp("Where a new group starts: earliest or latest.", valueName: "position"))
    var autoOffsetReset: String = "earliest"

    @Option(name: .long, help: ArgumentHelp("The largest record the worker writes (key, value and headers). An event over it dead-letters its page at once (publish/eventTooLarge); a dead letter over it is sent as a 1 KB reference to the input record. Keep it at or below the output and dead-letter topics' max.message.bytes. Env: PAGEPIPE_MAX_RECORD_BYTES. Default: the smallest max.message.bytes the cluster reports for those topics at start, else 1000000.", valueName: "bytes"))
    var maxRecordBytes: Int?

    @Option(name: .long, help: ArgumentHelp("At start, what to do about input and fixed output topics the cluster lacks: existing (they must exist, else exit non-zero naming them: for clusters provisioned with `pagepipe topics apply`), auto (ask for a missing one by name as the producer would, so a cluster that creates topics on demand creates it; exit non-zero if it still lacks one), warn (log and start), off. Env: PAGEPIPE_TOPIC_CHECK. Default: auto.", valueName: "mode"))
    var topicCheck: String?

    @Option(name: .long, help: ArgumentHelp("Input header copied onto every event record, repeatable; replaces the default set. A value over 1024 bytes is left off (and logged). Env: PAGEPIPE_PROPAGATE_HEADERS (comma-separated; 'none' copies none). Default: traceparent, tracestate, crawl-id.", valueName: "name"))
    var propagateHeader: [String] = []

    @Option(name: .long, help: ArgumentHelp("Send a span per page (decode, parse, classify and publish as children, continuing the input's traceparent) to this OTLP/HTTP collector, http://host:port; spans go to <url>/v1/traces as protobuf. Env: OTEL_EXPORTER_OTLP_ENDPOINT (and OTEL_SERVICE_NAME for service.name). Default: no tracing.", valueName: "url"))
    var otelEndpoint: String?

    @Option(name: .long, help: ArgumentHelp("Progress log interval; 0 disables.", valueName: "ms"))
    var progressIntervalMs: Int = 5000

    @Option(name: .long, help: ArgumentHelp("Also write the final summary as JSON to this file.", valueName: "file"))
    var summaryJson: String?



    func validate() throws {
        guard maxInFlight > 0, maxInFlightMib > 0, commitIntervalMs > 0 else {
            throw ValidationError("--max-in-flight, --max-in-flight-mib and --commit-interval-ms must be positive.")
        }
        guard ["earliest", "latest"].contains(autoOffsetReset) else {
            throw ValidationError("--auto-offset-reset must be earliest or latest.")
        }
        _ = try topicCheckMode()
        _ = try headerPropagation()
        _ = try tracing()
    }

    /// The flags win, then PAGEPIPE_PROPAGATE_HEADERS, then the default set. `none` names no header:
    /// an empty variable is read as unset, as every PAGEPIPE_* variable is.
    func headerPropagation() throws -> HeaderPropagation {
        let names: [String]
        if !propagateHeader.isEmpty {
            names = propagateHeader
        } else if let list = Environment.value("PAGEPIPE_PROPAGATE_HEADERS") {
            names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            return .default
        }
        if names == ["none"] { return .none }
        guard !names.contains(where: { $0.hasPrefix("pagepipe-") }) else {
            throw ValidationError("--propagate-header (PAGEPIPE_PROPAGATE_HEADERS) cannot name a pagepipe-* header: pagepipe writes those itself.")
        }
        return HeaderPropagation(names: names)
    }

    /// `--otel-endpoint`, else OpenTelemetry's own variables; nil (tracing off) when neither is set.
    func tracing() throws -> TracingConfiguration? {
        guard let text = otelEndpoint ?? Environment.value("OTEL_EXPORTER_OTLP_ENDPOINT") else { return nil }
        guard let endpoint = OTLPEndpoint(text) else {
            throw ValidationError("--otel-endpoint (OTEL_EXPORTER_OTLP_ENDPOINT) must be http://host[:port][/path], not '\(text)': the exporter speaks plain HTTP (run a collector beside the worker for TLS).")
        }
        var configuration = TracingConfiguration(endpoint: endpoint)
        if let name = Environment.value("OTEL_SERVICE_NAME") { configuration.serviceName = name }
        return configuration
    }

    func topicCheckMode() throws -> TopicCheckMode {
        guard let text = topicCheck ?? Environment.value("PAGEPIPE_TOPIC_CHECK") else { return .auto }
        guard let mode = TopicCheckMode(rawValue: text) else {
            let modes = TopicCheckMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--topic-check (PAGEPIPE_TOPIC_CHECK) must be one of \(modes), not '\(text)'.")
        }
        return mode
    }


    func configuration(kafka: KafkaOptions, pageCore: PageCoreOptions, defaultGroup: String) throws -> WorkerConfiguration {
        let kafkaSettings = try kafka.clientSettings()
        let inputTopics = inputTopic.isEmpty
            ? Environment.value("PAGEPIPE_INPUT_TOPICS").map { $0.split(separator: ",").map(String.init) } ?? WorkerConfiguration.defaultInputTopics
            : inputTopic
        var configuration = WorkerConfiguration(
            cluster: kafkaSettings.cluster, groupID: group ?? Environment.value("PAGEPIPE_GROUP") ?? defaultGroup, inputTopics: inputTopics)
        configuration.router = TopicRouter(
            articleTopics: articleTopic.isEmpty ? TopicRouter().articleTopics : articleTopic,
            pageTopics: pageTopic.isEmpty ? TopicRouter().pageTopics : pageTopic,
            deadLetterTopic: dlqTopic, topicSuffix: topicSuffix
        )
        configuration.pageCore = pageCore.configuration
        if let lanes = try concurrency ?? Environment.integer("PAGEPIPE_CONCURRENCY") { configuration.concurrency = lanes }
        configuration.maxInFlightPages = maxInFlight
        configuration.maxInFlightBytes = maxInFlightMib << 20
        configuration.commitInterval = .milliseconds(commitIntervalMs)
        if let drain = try drainTimeoutMs ?? Environment.integer("PAGEPIPE_DRAIN_TIMEOUT_MS") { configuration.drainTimeout = .milliseconds(drain) }
        if let limit = try brokerDownTimeoutMs ?? Environment.integer("PAGEPIPE_BROKER_DOWN_TIMEOUT_MS") {
            guard limit >= 0 else { throw ValidationError("--broker-down-timeout-ms must be 0 (wait for ever) or positive.") }
            configuration.brokerDownTimeout = limit == 0 ? nil : .milliseconds(limit)
        }
        configuration.exitWhenIdle = exitWhenIdle.map { .seconds($0) }
        if let limit = try maxRecordBytes ?? Environment.integer("PAGEPIPE_MAX_RECORD_BYTES") {
            guard limit >= RecordSizePolicy.minimumMaxRecordBytes else {
                throw ValidationError("--max-record-bytes must be at least \(RecordSizePolicy.minimumMaxRecordBytes), room for a dead letter's reference record.")
            }
            configuration.maxRecordBytes = limit
        }
        configuration.progressInterval = progressIntervalMs > 0 ? .milliseconds(progressIntervalMs) : nil
        configuration.topicCheck = try topicCheckMode()
        configuration.propagation = try headerPropagation()
        configuration.tracing = try tracing()
        configuration.consumer.sessionTimeout = sessionTimeoutMs.map { .milliseconds($0) }
        configuration.consumer.heartbeatInterval = heartbeatIntervalMs.map { .milliseconds($0) }
        configuration.consumer.assignmentStrategy = assignmentStrategy
        configuration.consumer.groupInstanceID = groupInstanceId ?? Environment.value("PAGEPIPE_INSTANCE_ID")
        configuration.consumer.autoOffsetReset = autoOffsetReset == "latest" ? .latest : .earliest
        configuration.consumer.extra = kafkaSettings.consumerExtra
        configuration.producer.extra = kafkaSettings.producerExtra
        return configuration
    }
}

/// Runs one worker to completion: signals drain it, the summary goes to standard error (and to
/// --summary-json), a fatal error exits non-zero. With `operations`, serves metrics and probes.
@discardableResult
func runWorker(
    _ configuration: WorkerConfiguration, processor: PageProcessor, logger: Logging.Logger, summaryJSON: String?,
    operations: OperationsConfiguration? = nil
) throws -> WorkerSummary {
    // Before the worker exists: its instruments bind to the backend when they are made.
    let registry = operations.map { _ in PrometheusMetrics.bootstrap() }
    let worker: Worker
    do {
        worker = try Worker(configuration: configuration, processor: processor, logger: logger)
    } catch {
        logger.critical("cannot start the worker", metadata: [LogKey.error: "\(error)"])
        throw ExitCode.failure
    }
    // Before anything that could hang on the way out, and alive until runWorker returns (its defer
    // runs last): a second SIGTERM or SIGINT must exit at once at every step of the shutdown,
    // including the metrics server's stop.
    let signals = SignalRelay { signal in
        logger.notice("signal received: draining", metadata: ["signal": "\(signal)"])
        worker.stop()
    }
    defer { withExtendedLifetime(signals) {} }
    var server: OperationsServer?
    if let operations, let registry {
        do {
            server = try OperationsServer(configuration: operations, registry: registry, health: { worker.health }, logger: logger)
            try server?.start()
        } catch {
            logger.critical("cannot serve metrics and probes", metadata: [LogKey.error: "\(error)"])
            throw ExitCode.failure
        }
    }
    // Bounded (OperationsConfiguration.stopTimeoutMs): a hostile client cannot hold the exit.
    defer { server?.stop() }
    let summary: WorkerSummary
    do {
        summary = try worker.run()
    } catch {
        logger.critical("worker stopped", metadata: [LogKey.error: "\(error)"])
        FileHandle.standardError.write(Data("pagepipe: \(worker.summary.line)\n".utf8))
        throw ExitCode.failure
    }
    FileHandle.standardError.write(Data("pagepipe: \(summary.line)\n".utf8))
    if let summaryJSON { try SummaryJSON.write(summary, to: summaryJSON) }
    return summary
}

import Logging
