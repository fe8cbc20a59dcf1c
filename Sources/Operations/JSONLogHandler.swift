import Foundation
import Logging

/// One JSON object per line on standard error, for log shippers (`--log-format json`):
/// `{"time":"…","level":"info","label":"pagepipe.run","message":"…", …metadata}`.
/// Metadata keys become top-level fields (never overwriting the four above).
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    /// Takes each finished line, newline included.
    private let write: @Sendable (Data) -> Void

    public init(label: String) {
        self.init(label: label) { FileHandle.standardError.write($0) }
    }

    init(label: String, write: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = Self.plain(value)
        }
        fields["time"] = Self.timestamp()
        fields["level"] = level.rawValue
        fields["label"] = label
        fields["message"] = message.description
        guard var data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        write(data)
    }

    private static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(plain)
        case .dictionary(let dictionary): dictionary.mapValues(plain)
        }
    }

    private static func timestamp() -> String {
        Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(Date())
    }
}
