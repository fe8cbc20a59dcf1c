/// What a re-drive did with the letters of one `stage/reason`. Every letter read ends in exactly
/// one of `passedOver`, `succeeded`, `stillFailing` or `originalNeeded` once it is finished, so
/// `letters` equal to their sum is the account of every offset read.
public struct RedriveTally: Sendable, Equatable {
    /// Letters read with this reason, taken or not.
    public var letters: Int { passedOver + succeeded + stillFailing + originalNeeded }
    /// Not taken by the filter: committed without output.
    public var passedOver = 0
    /// Processed into events, now on the output topics (in a dry run: would be).
    public var succeeded = 0
    /// Failed again: on the re-drive topic with the new reason (in a dry run: would be).
    public var stillFailing = 0
    /// Reference letters (the first KB only): forwarded to the re-drive topic unprocessed.
    public var originalNeeded = 0

    public init() {}
}

extension WorkerSummary {
    /// The re-drive's account as a table, one row per letter reason and a total, then the reasons
    /// the still-failing pages failed for now.
    public var redriveReport: String {
        let rows = redrive.sorted { $0.key < $1.key }
        var total = RedriveTally()
        for (_, tally) in rows {
            total.passedOver += tally.passedOver
            total.succeeded += tally.succeeded
            total.stillFailing += tally.stillFailing
            total.originalNeeded += tally.originalNeeded
        }
        let header = ["letter stage/reason", "letters", "passed over", "succeed", "still fail", "original needed"]
        let body = rows.map { [$0.key] + Self.columns($0.value) } + [["total"] + Self.columns(total)]
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [line(header)] + body.map(line)
        let failing = deadLetterReasons.filter { $0.key != "redrive/originalNeeded" }.sorted { $0.key < $1.key }
        if !failing.isEmpty {
            lines.append("still failing, by the reason now: " + failing.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }

    private static func columns(_ tally: RedriveTally) -> [String] {
        [tally.letters, tally.passedOver, tally.succeeded, tally.stillFailing, tally.originalNeeded].map(String.init)
    }
}
