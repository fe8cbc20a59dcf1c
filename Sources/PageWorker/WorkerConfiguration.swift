import Kafka
import PageCore
import PageModel
import PageTracing
import TopicContract

/// Everything `pagepipe run` can be told. Each property documents its default; the CLI maps flags,
/// environment variables and the config file onto this struct and nothing else.
public struct WorkerConfiguration: Sendable {
    /// The Kafka cluster, described once for the consumer, the producer and the start-up admin
    /// client: bootstrap servers, client id, statistics interval and the properties every client
    /// shares (`--config`, `-X`). The worker needs statistics (broker contact, lag, the client
    /// figures in metrics), so a cluster without a statistics interval gets
    /// ``defaultStatisticsInterval``.
    public var cluster: KafkaClusterConfiguration
    /// Consumer settings: the group and input topics (`.group(id:topics:)`; input topics default to
    /// ``defaultInputTopics``), session timeout, assignment strategy, static membership, extra properties.
    public var consumer: KafkaConsumerConfiguration
    /// Producer settings (idempotence, linger, compression, extra properties). Default: idempotent,
    /// `linger.ms` = ``defaultLinger``, no compression.
    public var producer: KafkaProducerConfiguration
    /// Where events go. Default: see `TopicRouter`.
    public var router = TopicRouter()
    /// Page-core settings (size caps, extra taxonomy/gazetteer files).
    public var pageCore = PageCoreConfiguration()
    /// Pages processed at the same time (lane threads sharing one queue). Default: the number of cores.
    public var concurrency: Int = PageProcessor.defaultConcurrency
    /// Pages taken from Kafka and not yet acknowledged before consumption pauses. Default: 512.
    public var maxInFlightPages: Int = 512
    /// Raw bytes of those pages before consumption pauses. Default: 64 MiB.
    public var maxInFlightBytes: Int = 64 << 20
    /// How often finished offsets are committed. Default: 1 s.
    public var commitInterval: Duration = .seconds(1)
    /// How long a shutdown or a partition revoke may wait for in-flight pages. Default: 30 s.
    public var drainTimeout: Duration = .seconds(30)
    /// How long the worker waits for the Kafka cluster (at start, or after contact is lost) before
    /// it exits with an error, so an orchestrator restarts it or alerts instead of a worker idling
    /// unseen. Contact is any record, acknowledged delivery, commit or broker connection up.
    /// Default: 5 minutes; nil waits for ever.
    public var brokerDownTimeout: Duration? = .seconds(300)
    /// Stop by itself once every assigned partition is read to its end, nothing is in flight, and
    /// no page or assignment change came for this long (demos, batch backfills; see `IdleWatch`).
    /// Default: nil, run until signalled.
    public var exitWhenIdle: Duration? = nil
    /// Reprocessing: records with a Kafka timestamp after this (ms since the epoch) are passed over
    /// (committed, not processed). Default: nil, no bound.
    public var untilTimestampMs: Int64? = nil
    /// Reprocessing: only events whose page date falls in this range are published; pages outside
    /// it, or without a valid date, are committed without output. Default: nil, every page.
    public var pagesDated: ClosedRange<PageDate>? = nil
    /// The largest record the worker writes (see `RecordSizePolicy`). Default: nil, the smallest
    /// `max.message.bytes` the cluster reports for the output and dead-letter topics at start, else
    /// 1,000,000 (Kafka's default).
    public var maxRecordBytes: Int? = nil
    /// What to do at start about input and fixed output topics the cluster lacks (`TopicCheck`).
    /// Default: `.auto`, which keeps clusters that create topics on demand working.
    public var topicCheck: TopicCheckMode = .auto
    /// Re-drive: the input is a dead-letter topic; each letter is checked against the filter and
    /// its page processed as the input record it stands for (see `RedriveLetter`). Pages that fail
    /// again go to the router's dead-letter topic, which must not be an input topic.
    /// Default: nil, the input holds raw pages.
    public var redrive: RedriveConfiguration? = nil
    /// Input headers copied onto every event record (`HeaderPropagation`). Default: `traceparent`,
    /// `tracestate` and `crawl-id`, each while its value is at most 1 KiB.
    public var propagation: HeaderPropagation = .default
    /// Page spans over OTLP/HTTP (`PageTrace`). Default: nil, tracing off.
    public var tracing: TracingConfiguration? = nil
    /// How often progress is logged. Default: 5 s; nil logs none.
    public var progressInterval: Duration? = .seconds(5)

    /// A worker of group `groupID` reading `inputTopics` on `cluster`.
    public init(cluster: KafkaClusterConfiguration, groupID: String, inputTopics: [String] = defaultInputTopics) {
        self.cluster = cluster
        if cluster.statisticsInterval == .zero { self.cluster.statisticsInterval = Self.defaultStatisticsInterval }
        self.consumer = KafkaConsumerConfiguration(consumptionStrategy: .group(id: groupID, topics: inputTopics))
        self.producer = KafkaProducerConfiguration(linger: Self.defaultLinger)
    }

    /// The topic raw pages arrive on unless the worker is told others.
    public static let defaultInputTopics = ["pages.raw"]

    /// How often librdkafka reports statistics to a worker unless its cluster description says.
    public static let defaultStatisticsInterval: Duration = .seconds(5)

    /// The worker's `linger.ms`, against librdkafka's 5. A worker sends about two records per page
    /// spread over dozens of partitions (`articles`, `articles.{section}`, `pages.index`), so at
    /// 5 ms most produce requests carry a record or two, and the broker's per-request work costs
    /// more than the worker's whole page core: 50 ms halved the broker's CPU per page and raised
    /// pages/s by 35–40% (BENCHMARKS.md, "Producer batching"). Events wait at most 50 ms longer,
    /// and commits follow acknowledgements, so delivery guarantees are unchanged; `-X linger.ms=N`
    /// overrides it.
    public static let defaultLinger: Duration = .milliseconds(50)
}
