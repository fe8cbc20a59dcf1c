import Metrics
import Prometheus

/// The process's metrics backend: swift-metrics instruments (the worker's, in `PageWorker`) land in
/// one Prometheus registry, which `/metrics` renders as Prometheus text.
public enum PrometheusMetrics {
    /// Page stages take from tens of microseconds (classify) to seconds (publish while the broker
    /// is slow); the default buckets start at 5 ms and would lump the fast stages together.
    static let stageBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
    ]

    /// Bootstraps swift-metrics with a Prometheus registry and returns the registry. Call once,
    /// before the worker is created (its instruments bind to the backend when made).
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["pagepipe_stage_duration_seconds"] = stageBuckets
        MetricsSystem.bootstrap(factory)
        return registry
    }
}
