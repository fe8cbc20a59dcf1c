import ArgumentParser
import Foundation
import Kafka

/// Connection options shared by every subcommand that talks to Kafka.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Kafka bootstrap servers, host:port[,host:port…]. Env: PAGEPIPE_BROKERS.", valueName: "host:port"))
    var brokers: String?

    @Option(name: .long, help: ArgumentHelp(
        """
        A librdkafka properties file (key=value lines, # comments) applied to every client, e.g. TLS \
        or SASL settings; keys prefixed consumer. or producer. apply to that client only. Env: PAGEPIPE_CONFIG.
        """, valueName: "file"))
    var config: String?

    @Option(name: .customShort("X"), help: ArgumentHelp(
        "Any librdkafka property, repeatable (-X security.protocol=SSL). Wins over --config.", valueName: "key=value"))
    var properties: [String] = []

    func validate() throws {
        _ = try resolvedBrokers()
    }

    func resolvedBrokers() throws -> String {
        guard let brokers = brokers ?? Environment.value("PAGEPIPE_BROKERS") else {
            throw ValidationError("Say which Kafka cluster to use: --brokers host:port or PAGEPIPE_BROKERS=host:port (Tools/broker address prints the local one).")
        }
        // librdkafka takes an empty list (or ",,,") without complaint and then waits for ever for a
        // broker it was never told about; refuse it here, where the user can still be told why.
        let entries = brokers.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !entries.contains(where: \.isEmpty) else {
            throw ValidationError("--brokers (PAGEPIPE_BROKERS) '\(brokers)' has an empty entry: give host:port[,host:port…].")
        }
        return brokers
    }

    /// The cluster these options name, with the properties the config file and `-X` give every
    /// client, and those they give the consumer or the producer only (keys prefixed `consumer.` or
    /// `producer.`), for the clients' `extra`.
    func clientSettings() throws -> (cluster: KafkaClusterConfiguration, consumerExtra: [String: String], producerExtra: [String: String]) {
        let properties = try librdkafkaProperties()
        let cluster = KafkaClusterConfiguration(bootstrapServers: try resolvedBrokers(), properties: properties.shared)
        return (cluster, properties.consumer, properties.producer)
    }

    private struct LibrdkafkaProperties {
        var shared: [String: String] = [:]
        var consumer: [String: String] = [:]
        var producer: [String: String] = [:]
    }

    /// The config file, then `-X`, later entries winning. A client applies its own properties after
    /// the shared ones, so a shared entry drops an earlier one of the same key for one client:
    /// later still wins.
    private func librdkafkaProperties() throws -> LibrdkafkaProperties {
        var result = LibrdkafkaProperties()
        if let path = config ?? Environment.value("PAGEPIPE_CONFIG") {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ValidationError("Cannot read the config file \(path).")
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                guard let (key, value) = Self.split(trimmed) else {
                    throw ValidationError("\(path):\(number + 1): expected key=value, found \"\(trimmed)\".")
                }
                apply(key, value, into: &result)
            }
        }
        for property in properties {
            guard let (key, value) = Self.split(property) else {
                throw ValidationError("-X \(property): expected key=value.")
            }
            apply(key, value, into: &result)
        }
        return result
    }

    private func apply(_ key: String, _ value: String, into result: inout LibrdkafkaProperties) {
        if key.hasPrefix("consumer.") {
            result.consumer[String(key.dropFirst("consumer.".count))] = value
        } else if key.hasPrefix("producer.") {
            result.producer[String(key.dropFirst("producer.".count))] = value
        } else {
            result.shared[key] = value
            result.consumer[key] = nil
            result.producer[key] = nil
        }
    }

    private static func split(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        return (key, text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }
}
