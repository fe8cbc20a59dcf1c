import Dispatch
import Kafka
import PageCore
import PageDecode
import PageModel
import PageWorker
import Synchronization
import TopicContract

/// The worker's per-page path without the broker, as `Worker.process` runs it on a lane: a fresh
/// `KafkaRecord` copied out per page as the consumer does, then the worker's own `PageOutput`
/// (hints and source from the headers, the page core with stage timings, JSON for every event,
/// its headers and one outgoing message per routed topic). It stops where librdkafka's `produce`
/// would take the message, so the figure is pagepipe's own CPU per page.
struct WorkerPath {
    let processor: PageProcessor
    let router = TopicRouter()
    let lane = DispatchQueue(label: "pagepipe-bench.lane", target: .global(qos: .userInitiated))

    /// Runs every blob through the path on one lane, as a worker with one lane would; returns the
    /// number of outgoing messages built.
    func run(_ blobs: [[UInt8]], hints: [BlobHints]) -> Int {
        let done = DispatchGroup()
        let built = Counter()
        for (offset, blob) in blobs.enumerated() {
            var headers: [KafkaHeader] = []
            if let encoding = hints[offset].contentEncoding { headers.append(KafkaHeader(key: PagepipeHeader.contentEncoding, value: Array(encoding.utf8))) }
            if let type = hints[offset].contentType { headers.append(KafkaHeader(key: PagepipeHeader.contentType, value: Array(type.utf8))) }
            let record = KafkaRecord(
                topic: "pages.raw", partition: 0, offset: Int64(offset), timestampMs: 1_764_547_200_000,
                key: Array("page-\(offset)".utf8), value: Array(blob), headers: headers)
            lane.async(group: done) { built.add(self.messages(for: record).count) }
        }
        done.wait()
        return built.value
    }

    private func messages(for record: KafkaRecord) -> [KafkaOutgoingMessage] {
        var timings = StageTimings()
        return (try? PageOutput(record: record, processor: processor, router: router, timings: &timings))?.messages ?? []
    }
}

/// A total shared between the lane and the caller.
final class Counter: Sendable {
    private let total = Atomic<Int>(0)
    func add(_ amount: Int) { total.add(amount, ordering: .relaxed) }
    var value: Int { total.load(ordering: .relaxed) }
}
