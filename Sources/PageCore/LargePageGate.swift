import Dispatch

/// Bounds the memory that pages being decoded and parsed hold across every lane.
///
/// A page is small while its blob and what it inflates to stay under `smallPageBytes`: any number
/// of lanes work on small pages at once, each holding a few times that. A larger page (up to the
/// decode caps, 64 MiB inflated) must first take one of `largePages` permits, so however many
/// lanes there are, at most that many pages of that size are in memory at once; a flood of zip
/// bombs is refused one or two at a time instead of one per lane. Decoding inflates at most
/// `smallPageBytes` before it knows it needs a permit, so a page never holds more than that
/// without one.
public final class LargePageGate: Sendable {
    public let smallPageBytes: Int
    public let largePages: Int
    private let permits: DispatchSemaphore
    private let afterLargePage: (@Sendable () -> Void)?

    /// Real e-paper pages inflate to tens or hundreds of KB; 1 MiB leaves them all small.
    public static let defaultSmallPageBytes = 1 << 20

    /// - Parameter afterLargePage: runs as each large page's permit is returned, after its memory
    ///   was freed (the executables hand it back to the system there).
    public init(smallPageBytes: Int = defaultSmallPageBytes, largePages: Int = 1, afterLargePage: (@Sendable () -> Void)? = nil) {
        self.smallPageBytes = max(1, smallPageBytes)
        self.largePages = max(1, largePages)
        self.permits = DispatchSemaphore(value: self.largePages)
        self.afterLargePage = afterLargePage
    }

    /// Blocks until a permit is free. Each `acquire` is matched by one `release`.
    func acquire() { permits.wait() }
    func release() {
        afterLargePage?()
        permits.signal()
    }
}
