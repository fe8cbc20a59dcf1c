import Kafka
import PageModel
import PageParse
import TopicContract

/// Which dead letters a re-drive takes; every set criterion must hold, an empty one holds for all.
/// Letters it does not take are passed over: committed without output, like pages outside a
/// reprocessing range. All criteria are read from the letter itself, before any parsing, so a dry
/// run counts exactly what the real run will take.
public struct RedriveFilter: Sendable, Equatable {
    /// Error stages (`decode`, `parse`, `publish`). Default: any.
    public var stages: Set<String> = []
    /// Reasons, either `stage/reason` (`parse/noTitle`) or a bare reason of any stage (`noTitle`). Default: any.
    public var reasons: Set<String> = []
    /// Letters written at or after this time (the dead letter's Kafka timestamp, ms since the epoch). Default: no bound.
    public var sinceMs: Int64? = nil
    /// Letters written at or before this time. Default: no bound.
    public var untilMs: Int64? = nil
    /// Partitions of the dead-letter topic. Default: all.
    public var partitions: Set<Int32> = []
    /// Papers, matched on the letter's `source-url` (a page that fails to parse names no paper):
    /// the paper `PaperHosts` knows for that address, or the host itself or a domain it is under
    /// (`--paper 湖北日报`, `--paper epaper.example.cn`). A letter without `source-url` never matches.
    /// Default: any.
    public var papers: Set<String> = []

    public init() {}

    public var isEmpty: Bool { self == RedriveFilter() }

    public func matches(_ letter: RedriveLetter) -> Bool {
        if !stages.isEmpty, !stages.contains(letter.stage) { return false }
        if !reasons.isEmpty, !reasons.contains(letter.reasonKey), !reasons.contains(letter.reason) { return false }
        if !partitions.isEmpty, !partitions.contains(letter.letter.partition) { return false }
        if sinceMs != nil || untilMs != nil {
            guard let written = letter.letter.timestampMs else { return false }
            if let sinceMs, written < sinceMs { return false }
            if let untilMs, written > untilMs { return false }
        }
        if !papers.isEmpty {
            guard let url = letter.page.header(PagepipeHeader.sourceURL).map({ String(decoding: $0, as: UTF8.self) }) else { return false }
            let host = ContentID.host(ofURL: url.contains("://") ? url : "http://" + url)
            let paper = PaperHosts.paper(forURL: url)
            let named = papers.contains { wanted in
                wanted == paper || host.map { $0 == wanted || $0.hasSuffix("." + wanted) } == true
            }
            if !named { return false }
        }
        return true
    }

    /// The consumer group a re-drive uses unless told otherwise: one per filter. A group commits
    /// past every letter it reads, taken or passed over, so a group shared between filters would
    /// make `--reason parse/tooComplex` next month skip the letters `--reason parse/noTitle`
    /// passed over today. The same command run again uses the same group and finds nothing new.
    /// Spelled with `.`, `-`, `_` and `+` in place of `/`, `=`, `;` and `,`, which some brokers'
    /// tools and ACL patterns treat specially (`pagepipe-redrive.reason-parse.noTitle`).
    public var defaultGroup: String {
        guard !isEmpty else { return "pagepipe-redrive" }
        let spelled: [Character: Character] = ["/": ".", "=": "-", ";": "_", ",": "+"]
        return "pagepipe-redrive." + String(description.map { spelled[$0] ?? $0 })
    }

    /// The criteria in a fixed order, e.g. `reason=parse/noTitle,noPageLabel;partition=0`.
    public var description: String {
        var parts: [String] = []
        if !stages.isEmpty { parts.append("stage=" + stages.sorted().joined(separator: ",")) }
        if !reasons.isEmpty { parts.append("reason=" + reasons.sorted().joined(separator: ",")) }
        if let sinceMs { parts.append("since=\(sinceMs)") }
        if let untilMs { parts.append("until=\(untilMs)") }
        if !partitions.isEmpty { parts.append("partition=" + partitions.sorted().map(String.init).joined(separator: ",")) }
        if !papers.isEmpty { parts.append("paper=" + papers.sorted().joined(separator: ",")) }
        return parts.isEmpty ? "every letter" : parts.joined(separator: ";")
    }
}

/// What `pagepipe redrive` adds to a worker's configuration.
public struct RedriveConfiguration: Sendable, Equatable {
    /// Which letters to take. Default: every letter.
    public var filter = RedriveFilter()
    /// Run the page core on every letter taken and count what would happen; publish nothing,
    /// commit nothing. Default: false.
    public var dryRun = false

    public init(filter: RedriveFilter = RedriveFilter(), dryRun: Bool = false) {
        self.filter = filter
        self.dryRun = dryRun
    }
}
