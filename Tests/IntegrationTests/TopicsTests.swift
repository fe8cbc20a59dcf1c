import BrokerTestSupport
import Foundation
import Kafka
import Testing

extension RealBrokerTests {
    /// `pagepipe topics plan|apply` and `run`'s start-up check against the real local broker, each
    /// test under its own topic suffix. The broker creates a topic whenever a client names it in a
    /// metadata request, so every "missing" here is read from a listing of all topics.
    @Suite(.serialized) struct TopicsTests {
        /// A taxonomy file adding one slug: its copy topic must be planned like the bundled ones.
        static func sectionsFile() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sections-\(UUID().uuidString).json").path
            try Data(#"{"sections": [{"slug": "travel", "name": "旅游"}], "rules": [{"match": "exact", "pattern": "旅游", "slug": "travel", "priority": 50}]}"#.utf8)
                .write(to: URL(fileURLWithPath: path))
            return path
        }

        static let bundledSlugs = ["front", "news", "local", "city", "society", "culture", "sports", "economy", "opinion",
                                   "special", "ads", "world", "education", "tech", "health", "law", "military", "other"]

        func topicsCommand(_ verb: String, _ brokers: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            try runTool(pagepipeBinary, ["topics", verb, "--brokers", brokers, "--log-level", "warning"] + arguments)
        }

        @Test func planListsEveryTopicTheWorkerCanWriteAndCreatesNothing() throws {
            let brokers = try TestBroker.bootstrap()
            let suffix = ".plan-\(UUID().uuidString.prefix(8).lowercased())"
            let input = "it.plan\(suffix)"
            let result = try topicsCommand("plan", brokers, [
                "--input-topic", input, "--topic-suffix", suffix, "--sections", try Self.sectionsFile(),
                "--article-topic", "articles", "--article-topic", "articles.{section}", "--article-topic", "articles.{district_code}",
            ])
            #expect(result.status == 0, "\(result.output)")
            let expected = [input] + (["articles"] + (Self.bundledSlugs + ["travel"]).map { "articles.\($0)" } + ["pages.index", "pages.dlq"]).map { $0 + suffix }
            let listed = result.output.split(separator: "\n").filter { !$0.hasPrefix(" ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
            #expect(Array(listed.prefix(expected.count)) == expected)
            #expect(result.output.contains("articles.{district_code}\(suffix)  [template]  not provisioned"))
            #expect(result.output.contains("\(input)  [input]  missing"))
            #expect(result.output.contains("articles\(suffix)  [events]  missing\n    planned: partitions=8 replication=broker default cleanup.policy=compact max.message.bytes=1048588"))
            #expect(result.output.contains("pages.dlq\(suffix)  [dead letters]  missing\n    planned: partitions=2 replication=broker default cleanup.policy=delete max.message.bytes=1048588 retention.ms=1209600000"))
            #expect(result.output.contains("\(expected.count) topics: \(expected.count) missing, 0 differing"))
            let existing = try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).listTopics(timeoutMs: 10_000)
            #expect(expected.filter { existing[$0] != nil } == [], "plan must create nothing")
        }

        @Test func applyCreatesTheMissingTopicsWithTheirSettingsReportsDifferencesAndIsIdempotent() throws {
            let brokers = try TestBroker.bootstrap()
            let suffix = ".apply-\(UUID().uuidString.prefix(8).lowercased())"
            let input = "it.apply\(suffix)"
            let admin = try KafkaAdmin(cluster: .init(bootstrapServers: brokers))
            // An input that exists already with other partitions: reported, never altered.
            try admin.createTopics([(name: input, partitions: 3)], timeoutMs: 10_000)
            let arguments = ["--input-topic", input, "--topic-suffix", suffix, "--sections", try Self.sectionsFile(),
                             "--event-partitions", "3", "--dlq-retention-ms", "86400000"]
            let first = try topicsCommand("apply", brokers, arguments)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.output.contains("differs: partitions: cluster 3, planned 8"))
            #expect(first.output.contains("existing topics are never altered"))

            let outputs = (["articles"] + (Self.bundledSlugs + ["travel"]).map { "articles.\($0)" } + ["pages.index", "pages.dlq"]).map { $0 + suffix }
            #expect(first.output.contains("\(outputs.count + 1) topics: 0 missing, 1 differing, \(outputs.count) created"))
            let topics = try admin.listTopics(timeoutMs: 10_000)
            #expect(topics[input]?.partitions == 3)
            #expect(topics["articles\(suffix)"]?.partitions == 3)
            #expect(topics["pages.index\(suffix)"]?.partitions == 3)
            #expect(topics["articles.travel\(suffix)"]?.partitions == 2)
            #expect(topics["pages.dlq\(suffix)"]?.partitions == 2)
            let names: Set = ["cleanup.policy", "retention.ms", "max.message.bytes"]
            let configs = try admin.topicConfigs(outputs, names: names, timeoutMs: 10_000)
            #expect(configs["articles.travel\(suffix)"] == ["cleanup.policy": "compact", "max.message.bytes": "1048588"])
            #expect(configs["pages.dlq\(suffix)"] == ["cleanup.policy": "delete", "max.message.bytes": "1048588", "retention.ms": "86400000"])
            #expect(configs["pages.index\(suffix)"] == ["cleanup.policy": "compact", "max.message.bytes": "1048588"])

            let second = try topicsCommand("apply", brokers, arguments)
            #expect(second.status == 0, "\(second.output)")
            #expect(second.output.contains("\(outputs.count + 1) topics: 0 missing, 1 differing, 0 created"))
            #expect(!second.output.contains("  created"))
            #expect(try admin.listTopics(timeoutMs: 10_000).filter { $0.key.hasSuffix(suffix) }.mapValues(\.partitions)
                == topics.filter { $0.key.hasSuffix(suffix) }.mapValues(\.partitions))
        }

        @Test func runRefusesToStartWithoutItsTopicsUntilTheyAreAppliedAndAutoLetsTheBrokerCreateThem() throws {
            let brokers = try TestBroker.bootstrap()
            let scenario = try Scenario("topiccheck", brokers: brokers)
            // existing: nothing listed yet, so the worker names what is missing and how to make it.
            let refused = try scenario.worker(["--topic-check", "existing", "--exit-when-idle", "1"])
            #expect(refused.waitForExit(seconds: 60) == 1, "\(refused.log)")
            #expect(refused.log.contains("missing topics: \(scenario.input), articles\(scenario.suffix), articles.front\(scenario.suffix)"), "\(refused.log)")
            #expect(refused.log.contains("pages.dlq\(scenario.suffix). Create them with `pagepipe topics apply`"), "\(refused.log)")
            #expect(try KafkaAdmin(cluster: .init(bootstrapServers: brokers)).listTopics(timeoutMs: 10_000)["articles\(scenario.suffix)"] == nil)

            let applied = try topicsCommand("apply", brokers, ["--input-topic", scenario.input, "--topic-suffix", scenario.suffix])
            #expect(applied.status == 0, "\(applied.output)")
            let started = try scenario.worker(["--topic-check", "existing", "--exit-when-idle", "1"])
            #expect(started.waitForExit(seconds: 90) == 0, "\(started.log)")
            #expect(!started.log.contains("missing topics"), "\(started.log)")

            // auto (the default): the broker creates topics when named, so a fresh suffix starts, and says so.
            let fresh = try Scenario("topicauto", brokers: brokers)
            let auto = try fresh.worker(["--exit-when-idle", "1"])
            #expect(auto.waitForExit(seconds: 90) == 0, "\(auto.log)")
            #expect(auto.log.contains("the cluster created topics on request"), "\(auto.log)")
            #expect(auto.log.contains("pages.dlq\(fresh.suffix) (4 partitions)"), "\(auto.log)")

            // auto, and a topic even this broker cannot create (not a valid name): named, and fatal before any page.
            let invalid = try fresh.worker(["--dlq-topic", "no such topic!", "--exit-when-idle", "1"])
            #expect(invalid.waitForExit(seconds: 60) == 1, "\(invalid.log)")
            #expect(invalid.log.contains("missing topics: no such topic!\(fresh.suffix). Create them with `pagepipe topics apply`"), "\(invalid.log)")
            #expect(!invalid.log.contains("--topic-check auto on a cluster"), "auto is already on: \(invalid.log)")
        }
    }
}
