import PageModel

/// Why a page could not be parsed. `detail` says what was missing and what the input looked
/// like, so an operator can tell a truncated download from a page of an unsupported layout.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The input was empty or only whitespace.
        case empty
        /// Neither HTML of a known kind nor a plain-text page rendering (binary data, random text).
        case notAPage
        /// An article page without anything usable as its title.
        case noTitle
        /// A node (page) page without a page label or page number.
        case noPageLabel
        /// More HTML nodes or text lines than `ParseLimits` allow: a flood, not a newspaper page.
        case tooComplex
        /// The per-page time budget (`PageDeadline`) ran out: a page shaped to be slow.
        case tooSlow
    }

    public var reason: Reason
    public var detail: String

    public init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "cannot parse page (\(reason.rawValue)): \(detail)" }

    public init(_ passed: PageDeadline.Passed) {
        self.init(.tooSlow, "\(passed); real pages take milliseconds, so this one is shaped to be slow")
    }
}

extension ParseError {
    /// A short, printable preview of the input for error details.
    static func preview(of bytes: [UInt8], limit: Int = 60) -> String {
        // Cut at a scalar's first byte: the builder takes only whole UTF-8 sequences.
        var cut = min(bytes.count, limit * 4)
        while cut > 0, cut < bytes.count, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        var builder = TextBuilder()
        builder.append(bytes[0..<cut], decodeEntities: false)
        let text = builder.take()
        let scalars = text.unicodeScalars.prefix(limit).map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar == "\u{FFFD}" ? "?" : Character(scalar)
        }
        return "\"" + String(scalars) + (text.unicodeScalars.count > limit ? "…" : "") + "\" (\(bytes.count) bytes)"
    }
}
