import Testing

@testable import Kafka

@Suite struct LibrdkafkaVersionTests {
    @Test func loadsTheProjectLocalLibrdkafkaNotDebians() throws {
        // The rpath must win over Debian's 2.0.2, which cannot talk to current brokers.
        #expect(Librdkafka.versionString.hasPrefix("2.16"), "loaded librdkafka \(Librdkafka.versionString); run Tools/setup")
        #expect(Librdkafka.version >= 0x0202_00ff)
        try Librdkafka.requireSupportedVersion()
    }

    @Test func versionIntegerMatchesTheString() {
        let parts = Librdkafka.versionString.split(separator: ".").prefix(3).compactMap { Int($0.prefix { $0.isNumber }) }
        #expect(parts.count == 3)
        #expect(Librdkafka.version >> 24 == parts[0])
        #expect((Librdkafka.version >> 16) & 0xff == parts[1])
        #expect((Librdkafka.version >> 8) & 0xff == parts[2])
    }
}
