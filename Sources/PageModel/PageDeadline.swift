/// When the work on one page must stop: the page core's per-page budget, counted from the moment
/// the page was taken up. A page that is still being worked on then fails (`tooSlow`) instead of
/// holding its lane, and the commits of its partition, for as long as its shape makes it take.
///
/// Checked cooperatively: the loops whose turns a page can multiply (tokenizing, the page list,
/// the article links and image map, the title list, crediting place names) tick a
/// `DeadlineCountdown`, and the stages check it between them. A loop that ticks nothing cannot be
/// stopped, so a new loop over what a page lists should tick too.
public struct PageDeadline: Sendable {
    /// Nil for no deadline.
    public let instant: ContinuousClock.Instant?

    /// No deadline: for tools and tests that want every page's whole answer.
    public static let none = PageDeadline(instant: nil)

    public init(instant: ContinuousClock.Instant?) {
        self.instant = instant
    }

    /// `budget` from now.
    public init(after budget: Duration) {
        self.init(instant: ContinuousClock.now.advanced(by: budget))
    }

    /// The deadline has passed (reads the clock).
    public var hasPassed: Bool {
        guard let instant else { return false }
        return ContinuousClock.now >= instant
    }

    /// Throws once the deadline has passed; `place` names the work that was stopped.
    public func check(_ place: @autoclosure () -> String) throws(Passed) {
        if hasPassed { throw Passed(place: place()) }
    }

    /// A countdown for one loop, reading the clock every `interval` ticks.
    public func countdown(every interval: Int = DeadlineCountdown.defaultInterval) -> DeadlineCountdown {
        DeadlineCountdown(deadline: self, interval: interval)
    }

    /// The deadline passed during `place` (`the image map's areas`, `crediting place names`).
    public struct Passed: Error, Sendable, Equatable, CustomStringConvertible {
        public var place: String

        public init(place: String) {
            self.place = place
        }

        public var description: String { "the per-page time budget ran out while \(place)" }
    }
}

/// Checks a `PageDeadline` from inside a loop without reading the clock on every turn: reading it
/// costs tens of nanoseconds, a loop's turn often less.
public struct DeadlineCountdown: Sendable {
    /// 1,024 turns of the slowest loop that ticks (a division credited, an area looked up) take
    /// well under a millisecond, so a page overruns its budget by about that much at most.
    public static let defaultInterval = 1024

    public let deadline: PageDeadline
    let interval: Int
    var remaining: Int

    init(deadline: PageDeadline, interval: Int) {
        self.deadline = deadline
        self.interval = max(1, interval)
        remaining = deadline.instant == nil ? Int.max : self.interval
    }

    /// Counts one turn; every `interval` turns, throws if the deadline has passed.
    @inline(__always)
    public mutating func tick(_ place: @autoclosure () -> String) throws(PageDeadline.Passed) {
        remaining -= 1
        if remaining <= 0 {
            remaining = interval
            try deadline.check(place())
        }
    }
}
