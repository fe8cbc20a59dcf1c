import ArgumentParser
import Kafka
import ProcessAllocator
import Logging
import Operations

/// Log verbosity, and the one place the process's logging is set up.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical. Env: PAGEPIPE_LOG_LEVEL.", valueName: "level"))
    var logLevel: String?

    @Option(name: .long, help: ArgumentHelp(
        "text, or json for one JSON object per line (log shippers). Env: PAGEPIPE_LOG_FORMAT. Default: text.", valueName: "format"))
    var logFormat: String?

    func makeLogger(label: String) throws -> Logger {
        let name = logLevel ?? Environment.value("PAGEPIPE_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: name) else {
            throw ValidationError("Unknown log level \(name); use trace, debug, info, notice, warning, error or critical.")
        }
        switch logFormat ?? Environment.value("PAGEPIPE_LOG_FORMAT") ?? "text" {
        case "text": LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        case "json": LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        case let other: throw ValidationError("Unknown log format \(other); use text or json.")
        }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

/// Logs the librdkafka (and allocator) in use and refuses a librdkafka too old to talk to current brokers.
func requireSupportedLibrdkafka(_ logger: Logger) throws {
    logger.info(
        "librdkafka and allocator in use",
        metadata: [LogKey.librdkafka: "\(Librdkafka.versionString)", LogKey.allocator: "\(ProcessAllocator.description)"])
    do {
        try Librdkafka.requireSupportedVersion()
    } catch {
        logger.critical("unsupported librdkafka", metadata: [LogKey.error: "\(error)"])
        throw ExitCode(78)  // EX_CONFIG
    }
}
