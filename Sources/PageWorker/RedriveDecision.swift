import Kafka
import TopicContract

/// What a re-drive does with one record read from the dead-letter topic, decided from the record
/// alone (no parsing), so the worker only carries it out and a dry run counts what the real run does.
public enum RedriveDecision: Sendable, Equatable {
    /// Process the page as the input record the letter stands for.
    case process
    /// Not taken by the filter: commit it without output.
    case passOver
    /// Send it to the re-drive topic unprocessed, with stage `redrive` and this reason.
    case forward(reason: String, message: String)

    /// The stage of the reasons only a re-drive writes.
    public static let stage = "redrive"
    /// A reference letter holds the first KB of the page only: parsing that would only fail again.
    public static let originalNeeded = "originalNeeded"
    /// A record with no readable `pagepipe-source`: it names no input record to process as.
    public static let notADeadLetter = "notADeadLetter"
}

extension RedriveConfiguration {
    /// `letter` is `record` read as a dead letter (nil when it is none).
    public func decision(for record: KafkaRecord, letter: RedriveLetter?) -> RedriveDecision {
        guard let letter else {
            return .forward(
                reason: RedriveDecision.notADeadLetter,
                message: "\(record.topic)/\(record.partition)@\(record.offset) has no readable \(PagepipeHeader.source) header: it is no "
                    + "pagepipe dead letter and names no input record, so it is forwarded as it is; look at what else writes to \(record.topic)")
        }
        guard filter.matches(letter) else { return .passOver }
        guard !letter.isReference else {
            let page = letter.page
            return .forward(
                reason: RedriveDecision.originalNeeded,
                message: "a reference dead letter holds only the first \(DeadLetter.keptBytes) bytes of the page; the original is "
                    + "\(page.topic)/\(page.partition)@\(page.offset) in the input topic while its retention keeps it: "
                    + "reprocess it from there (pagepipe reprocess --input-topic \(page.topic) --since …)")
        }
        return .process
    }
}
