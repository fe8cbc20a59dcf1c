import Dispatch
import Synchronization

/// When the worker last heard from the Kafka cluster: a record, an acknowledged delivery, a
/// commit, or a statistics snapshot with a broker connection up. Read by the poll loop, which
/// gives up after the broker-down deadline, and by the readiness probe.
final class BrokerContact: Sendable {
    private let lastNanoseconds = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)

    func heard() {
        lastNanoseconds.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
    }

    /// Milliseconds since the cluster was last heard from (since the worker started, if never).
    var silentMs: Int {
        let now = DispatchTime.now().uptimeNanoseconds
        let last = lastNanoseconds.load(ordering: .relaxed)
        return now > last ? Int((now - last) / 1_000_000) : 0
    }
}
