import PageDecode
import PageParse

/// Why one page could not be turned into events. The stage and reason travel with the page to the
/// dead-letter topic as headers, so an operator can tell a truncated upload from a parser gap.
public struct PageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        case decode, parse
    }

    public var stage: Stage
    /// A stable machine-readable reason (`truncated`, `inflateTooLarge`, `noTitle`, …).
    public var reason: String
    public var detail: String

    public init(stage: Stage, reason: String, detail: String) {
        self.stage = stage
        self.reason = reason
        self.detail = detail
    }

    public init(_ error: DecodeError) {
        self.init(stage: .decode, reason: error.reason.rawValue, detail: error.description)
    }

    public init(_ error: ParseError) {
        self.init(stage: .parse, reason: error.reason.rawValue, detail: error.description)
    }

    public var description: String { "\(stage) failed (\(reason)): \(detail)" }
}
