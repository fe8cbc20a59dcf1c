import Foundation
import PageWorker

/// The worker's final summary as a JSON file, for scripts (the demo adds up its workers' files).
enum SummaryJSON {
    static func write(_ summary: WorkerSummary, to path: String) throws {
        let object: [String: Any] = [
            "pages_in": summary.pagesIn, "bytes_in": summary.bytesIn, "pages_published": summary.pagesPublished,
            "records_out": summary.recordsOut, "article_events": summary.articleEvents, "page_events": summary.pageEvents,
            "dead_lettered": summary.deadLettered, "dead_letter_reasons": summary.deadLetterReasons,
            "dead_letter_references": summary.deadLetterReferences,
            "sections": summary.sections, "districts": summary.districts, "provinces": summary.provinces, "committed": summary.committed,
            "elapsed_seconds": summary.elapsedSeconds, "active_seconds": summary.activeSeconds,
            "first_page_ms": summary.firstPageMs ?? 0, "last_page_ms": summary.lastPageMs ?? 0, "filtered": summary.filtered,
            "redrive": summary.redrive.mapValues { tally in
                [
                    "letters": tally.letters, "passed_over": tally.passedOver, "succeeded": tally.succeeded,
                    "still_failing": tally.stillFailing, "original_needed": tally.originalNeeded,
                ]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: URL(fileURLWithPath: path))
    }
}
