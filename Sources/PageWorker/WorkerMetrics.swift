import Kafka
import Metrics
import PageCore
import Synchronization

/// The worker's figures for an operator, through swift-metrics: whatever backend the process
/// bootstrapped (`pagepipe run --metrics-port` serves them as Prometheus text) or none. The names
/// and labels are a contract with dashboards and alerts; README "Operations" lists them.
final class WorkerMetrics: Sendable {
    private let pagesConsumed = Counter(label: "pagepipe_pages_consumed_total")
    private let inFlightPages = Gauge(label: "pagepipe_in_flight_pages")
    private let rebalances = Counter(label: "pagepipe_rebalances_total")
    private let decodeDuration = Timer(label: "pagepipe_stage_duration_seconds", dimensions: [("stage", "decode")])
    private let parseDuration = Timer(label: "pagepipe_stage_duration_seconds", dimensions: [("stage", "parse")])
    private let classifyDuration = Timer(label: "pagepipe_stage_duration_seconds", dimensions: [("stage", "classify")])
    private let publishDuration = Timer(label: "pagepipe_stage_duration_seconds", dimensions: [("stage", "publish")])
    private let published = Mutex<[String: Counter]>([:])
    private let deadLettered = Mutex<[String: Counter]>([:])
    /// Lag gauges by partition, so partitions this worker no longer owns can be removed.
    private let lag = Mutex<[KafkaTopicPartition: Gauge]>([:])

    func pageConsumed() { pagesConsumed.increment() }

    func inFlight(_ pages: Int) { inFlightPages.record(pages) }

    /// `--max-in-flight`, so a dashboard can draw in-flight pages against it: pinned at the budget,
    /// consumption is paused waiting for acknowledgements.
    func inFlightBudget(pages: Int) { Gauge(label: "pagepipe_in_flight_pages_limit").record(pages) }

    func rebalanced() { rebalances.increment() }

    func processed(_ timings: StageTimings) {
        decodeDuration.record(duration: timings.decode)
        if timings.parse > .zero { parseDuration.record(duration: timings.parse) }
        if timings.classify > .zero { classifyDuration.record(duration: timings.classify) }
    }

    /// A page's records are all acknowledged, `duration` after the first was sent.
    func pagePublished(after duration: Duration) { publishDuration.record(duration: duration) }

    func eventPublished(topic: String) {
        published.withLock { counters in
            if let counter = counters[topic] { return counter }
            let counter = Counter(label: "pagepipe_events_published_total", dimensions: [("topic", topic)])
            counters[topic] = counter
            return counter
        }.increment()
    }

    func pageDeadLettered(stage: String, reason: String) {
        deadLettered.withLock { counters in
            let key = stage + "/" + reason
            if let counter = counters[key] { return counter }
            let counter = Counter(label: "pagepipe_pages_dead_lettered_total", dimensions: [("stage", stage), ("reason", reason)])
            counters[key] = counter
            return counter
        }.increment()
    }

    /// Consumer lag per owned partition: its end (high watermark, from the fetch path) minus the
    /// group's committed offset, 0 when caught up. Partitions no longer owned are dropped, so the
    /// next owner alone reports them.
    func consumerLag(_ statistics: KafkaStatistics, committed: [KafkaTopicPartition: Int64]) {
        var owned: [KafkaTopicPartition: Int64] = [:]
        for (topic, partition) in statistics.partitions where partition.hiOffset >= 0 {
            let key = KafkaTopicPartition(topic: topic, partition: partition.partition)
            let committedOffset = committed[key] ?? (partition.committedOffset >= 0 ? partition.committedOffset : nil)
            guard let committedOffset else { continue }
            owned[key] = max(0, partition.hiOffset - committedOffset)
        }
        lag.withLock { gauges in
            for (partition, gauge) in gauges where owned[partition] == nil {
                gauge.destroy()
                gauges[partition] = nil
            }
            for (partition, value) in owned {
                let gauge = gauges[partition] ?? Gauge(
                    label: "pagepipe_consumer_lag", dimensions: [("topic", partition.topic), ("partition", String(partition.partition))])
                gauges[partition] = gauge
                gauge.record(value)
            }
        }
    }

    /// librdkafka's own figures that an operator needs when Kafka misbehaves.
    func client(_ statistics: KafkaStatistics) {
        let client = [("client", statistics.type)]
        Gauge(label: "pagepipe_kafka_brokers_up", dimensions: client).record(statistics.brokers.values.filter(\.isUp).count)
        Gauge(label: "pagepipe_kafka_queued_messages", dimensions: client).record(statistics.msgCnt)
        for broker in statistics.brokers.values where broker.isUp {
            guard let rtt = broker.rtt, rtt.avg > 0 else { continue }
            Gauge(label: "pagepipe_kafka_broker_rtt_seconds", dimensions: client + [("broker", broker.name)])
                .record(Double(rtt.avg) / 1_000_000)
        }
        if let group = statistics.cgrp {
            Gauge(label: "pagepipe_kafka_assigned_partitions").record(group.assignmentSize)
            Gauge(label: "pagepipe_kafka_fetch_queue_messages").record(statistics.partitions.map(\.partition.fetchqCnt).reduce(0, +))
        }
    }
}
