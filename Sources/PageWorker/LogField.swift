/// Metadata keys of the worker's log lines (swift-log structured logging: a constant message,
/// the values as metadata, so `--log-format json` carries them as fields).
enum LogField {
    static let topic = "topic"
    static let topics = "topics"
    static let partition = "partition"
    static let partitions = "partitions"
    static let offset = "offset"
    static let group = "group"
    static let stage = "stage"
    static let reason = "reason"
    static let error = "error"
}
