import Kafka
import Synchronization

/// One input page on its way through the pipeline: counts the output records still awaiting a
/// broker acknowledgement, so the page's offset is finished only when all of them are in.
final class PageTicket: Sendable {
    /// The record consumed: its offset is the one committed.
    let record: KafkaRecord
    /// The partition's ownership generation when the page was taken (see `OffsetBook`).
    let generation: Int
    /// A re-drive's reading of `record` as a dead letter; nil for `run` and for a re-driven record
    /// that is no pagepipe dead letter.
    let letter: RedriveLetter?
    private let pending = Atomic<Int>(0)
    private let failure = Mutex<DeliveryFailure?>(nil)

    init(record: KafkaRecord, generation: Int, letter: RedriveLetter? = nil) {
        self.record = record
        self.generation = generation
        self.letter = letter
    }

    /// The page to process and to name as the events' source: the record itself, or for a
    /// re-driven letter the input record it stands for.
    var page: KafkaRecord { letter?.page ?? record }

    var partition: KafkaTopicPartition { KafkaTopicPartition(topic: record.topic, partition: record.partition) }

    /// Declares how many records will be sent for this page, before the first is sent.
    func expect(_ count: Int) {
        pending.store(count, ordering: .sequentiallyConsistent)
    }

    /// Records one acknowledgement; returns true for the last one. A failure is kept and reported
    /// once all acknowledgements are in, so the page is dead-lettered exactly once.
    func acknowledge(error: DeliveryFailure?) -> Bool {
        if let error { failure.withLock { if $0 == nil { $0 = error } } }
        return pending.subtract(1, ordering: .sequentiallyConsistent).newValue == 0
    }

    var firstFailure: DeliveryFailure? { failure.withLock { $0 } }
}

/// Why one of a page's records was not delivered: the dead letter's reason and message.
struct DeliveryFailure: Sendable {
    /// `eventTooLarge` when the broker refused the record's size, else `deliveryFailed`.
    var reason: String
    var message: String
}
