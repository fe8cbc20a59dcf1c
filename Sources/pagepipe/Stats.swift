import ArgumentParser
import Foundation
import Kafka
import KafkaTools
import PageModel

extension Pagepipe {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an event topic from beginning to end and summarize it (sections, districts, papers).",
            discussion: """
                Reads every partition of --topic up to its current end without joining a group (no \
                offsets are committed), and prints how many events it holds by schema, section, \
                province, primary district and paper, and how many distinct event ids (duplicates from \
                redeliveries are counted once there).

                Example: pagepipe stats --brokers 127.0.0.1:19092 --topic articles
                """
        )

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: ArgumentHelp("The topic to read.", valueName: "topic"))
        var topic: String = "articles"

        @Option(name: .long, help: ArgumentHelp("Rows per table.", valueName: "n"))
        var top: Int = 10

        @Flag(name: .long, help: "Print the counts as one JSON object instead of tables.")
        var json = false

        @OptionGroup var logging: LoggingOptions

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.stats")
            try requireSupportedLibrdkafka(logger)
            var counts = EventCounts()
            do {
                let kafkaSettings = try kafka.clientSettings()
                let scan = TopicScan(cluster: kafkaSettings.cluster, consumerExtra: kafkaSettings.consumerExtra)
                try scan.records(topic, logger: logger) { counts.add($0.value) }
            } catch {
                logger.critical("cannot read the topic", metadata: [LogKey.topic: "\(topic)", LogKey.error: "\(error)"])
                throw ExitCode.failure
            }
            print(json ? counts.json() : counts.tables(topic: topic, top: top))
        }
    }
}

/// Tallies of an event topic.
struct EventCounts {
    var total = 0
    var ids = Set<String>()
    var unreadable = 0
    var schemas: [String: Int] = [:]
    var sections: [String: Int] = [:]
    var districts: [String: Int] = [:]
    var provinces: [String: Int] = [:]
    var papers: [String: Int] = [:]

    mutating func add(_ value: [UInt8]) {
        total += 1
        guard let event = try? ReadEvent(json: value) else {
            unreadable += 1
            return
        }
        if let id = event.id { ids.insert(id) }
        schemas[event.schema ?? "?", default: 0] += 1
        if let section = event.section?.slug { sections[section, default: 0] += 1 }
        if event.isArticle {
            districts[event.district ?? "(none)", default: 0] += 1
            provinces[event.province ?? "(none)", default: 0] += 1
        }
        papers[event.paper ?? "(unknown)", default: 0] += 1
    }

    func tables(topic: String, top: Int) -> String {
        var lines = ["\(topic): \(total) events, \(ids.count) distinct ids, \(unreadable) unreadable"]
        for (title, table) in [("schema", schemas), ("section", sections), ("province", provinces), ("district", districts), ("paper", papers)] where !table.isEmpty {
            lines.append("")
            lines.append("  by \(title):")
            for (name, count) in table.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).prefix(top) {
                lines.append("    \(String(count).leftPadded(to: 7))  \(name)")
            }
            if table.count > top { lines.append("    … \(table.count - top) more") }
        }
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        let object: [String: Any] = [
            "total": total, "distinct_ids": ids.count, "unreadable": unreadable, "schemas": schemas,
            "sections": sections, "provinces": provinces, "districts": districts, "papers": papers,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
