import Foundation
import Kafka
import Logging
import Synchronization
import Testing

@testable import Operations

/// `--log-format json`: one object per line, a constant message, and the values as fields of their own.
@Suite struct JSONLogHandlerTests {
    /// A logger whose lines are kept, parsed, instead of going to standard error.
    final class Captured: Sendable {
        private let lines = Mutex<[Data]>([])
        var objects: [[String: Any]] {
            lines.withLock { $0 }.map { (try? JSONSerialization.jsonObject(with: $0) as? [String: Any]) ?? [:] }
        }
        var rawLines: [Data] { lines.withLock { $0 } }

        func logger(label: String) -> Logger {
            Logger(label: label) { label in JSONLogHandler(label: label) { line in self.lines.withLock { $0.append(line) } } }
        }
    }

    @Test func metadataBecomesTopLevelFieldsBesideTheConstantMessage() throws {
        let captured = Captured()
        let logger = captured.logger(label: "pagepipe.test")
        logger.info(
            "partitions assigned",
            metadata: [LogKey.count: "2", LogKey.partitions: .array(["pages.raw[0]", "pages.raw[1]"]), LogKey.group: "pagepipe"])
        let object = try #require(captured.objects.first)
        #expect(object["message"] as? String == "partitions assigned")
        #expect(object["level"] as? String == "info" && object["label"] as? String == "pagepipe.test")
        #expect(object[LogKey.count] as? String == "2")
        #expect(object[LogKey.group] as? String == "pagepipe")
        #expect(object[LogKey.partitions] as? [String] == ["pages.raw[0]", "pages.raw[1]"])
        #expect(object["time"] is String)
        #expect(captured.rawLines.allSatisfy { $0.last == 0x0A && !$0.dropLast().contains(0x0A) }, "one object per line")
    }

    @Test func handlerMetadataIsMergedAndTheCallOverridesIt() throws {
        let captured = Captured()
        var logger = captured.logger(label: "pagepipe.test")
        logger[metadataKey: LogKey.topic] = "pages.raw"
        logger[metadataKey: LogKey.partition] = "0"
        logger.warning("page refused", metadata: [LogKey.partition: "3", LogKey.reason: "too large"])
        let object = try #require(captured.objects.first)
        #expect(object[LogKey.topic] as? String == "pages.raw")
        #expect(object[LogKey.partition] as? String == "3")
        #expect(object[LogKey.reason] as? String == "too large")
    }

    /// A metadata key named like one of the four fixed fields must not replace them.
    @Test func metadataNeverOverwritesTheFixedFields() throws {
        let captured = Captured()
        let logger = captured.logger(label: "pagepipe.test")
        logger.error("the real message", metadata: ["message": "forged", "level": "debug", "label": "other", "time": "never"])
        let object = try #require(captured.objects.first)
        #expect(object["message"] as? String == "the real message")
        #expect(object["level"] as? String == "error")
        #expect(object["label"] as? String == "pagepipe.test")
        #expect(object["time"] as? String != "never")
    }
}
