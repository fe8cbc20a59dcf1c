import Synchronization

/// Lets one copy of a log line through per window and counts the copies it holds back. While no
/// broker answers, librdkafka and its error callback repeat the same lines about 75 times a second
/// (every reconnect attempt of every client); the first copy says all there is, and the count says
/// how often it recurred. The next copy after the window goes out with that count.
///
/// Lines are compared whole: two brokers' failures, or two different errors, are never merged.
public final class RepeatedLogLines: Sendable {
    public enum Decision: Equatable, Sendable {
        /// Log the line; `suppressed` copies were held back since it was last logged.
        case log(suppressed: Int)
        case suppress
    }

    public let window: Duration
    /// Lines remembered at most; beyond it, lines whose window has passed are forgotten first,
    /// then all, so a stream of distinct lines cannot grow this without bound.
    static let remembered = 512

    private struct Seen {
        var loggedAt: ContinuousClock.Instant
        var suppressed: Int
    }
    private let seen = Mutex<[String: Seen]>([:])

    public init(window: Duration = .seconds(10)) {
        self.window = window
    }

    public func decide(_ line: String, now: ContinuousClock.Instant = .now) -> Decision {
        seen.withLock { seen in
            if var entry = seen[line], entry.loggedAt.duration(to: now) < window {
                entry.suppressed += 1
                seen[line] = entry
                return .suppress
            }
            let suppressed = seen[line]?.suppressed ?? 0
            if seen[line] == nil, seen.count >= Self.remembered {
                seen = seen.filter { $0.value.loggedAt.duration(to: now) < window }
                if seen.count >= Self.remembered { seen.removeAll() }
            }
            seen[line] = Seen(loggedAt: now, suppressed: 0)
            return .log(suppressed: suppressed)
        }
    }

    var rememberedCount: Int { seen.withLock { $0.count } }
}

import Logging

extension Logger {
    /// Logs `message` unless `repeats` held an identical line (same level, message and metadata)
    /// back within its window; a line that follows held-back copies carries their count as
    /// `LogKey.suppressedRepeats`.
    public func log(
        level: Logger.Level, _ message: String, metadata: Logger.Metadata = [:], unlessRepeatedIn repeats: RepeatedLogLines,
        file: String = #fileID, function: String = #function, line: UInt = #line
    ) {
        guard self.logLevel <= level else { return }
        // The values are in the metadata: two errors under one constant message are two lines.
        let values = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        guard case .log(let suppressed) = repeats.decide("\(level) \(message) \(values)") else { return }
        var metadata = metadata
        if suppressed > 0 { metadata[LogKey.suppressedRepeats] = "\(suppressed)" }
        // The caller's place, so the line names the caller's module as its source, not this file's.
        log(level: level, "\(message)", metadata: metadata, file: file, function: function, line: line)
    }
}
