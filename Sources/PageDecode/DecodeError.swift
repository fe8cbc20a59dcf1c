/// Why a blob could not be turned into text. `reason` is for code (metrics, DLQ routing); `detail` is
/// the complete message for a person: what was wrong and what it means.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The blob, or what it inflated to, has no bytes.
        case empty
        /// The stored blob is larger than `DecodeLimits.maxBlobBytes`.
        case tooLarge
        /// A compressed stream ended before its end marker.
        case truncated
        /// A compressed stream has invalid data.
        case corrupt
        /// The blob inflates to more than `DecodeLimits.maxInflatedBytes` (possibly a zip bomb).
        case inflateTooLarge
        /// The bytes are not text: NUL bytes or many control characters.
        case binary
        /// The bytes are neither valid UTF-8 nor valid GB18030.
        case undecodable
        /// The page uses (or text must be written in) an encoding this decoder does not handle.
        case unsupportedEncoding
    }

    public var reason: Reason
    /// The full human-readable message, e.g. `truncated gzip stream: …`.
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { detail }
}
