import CRdKafka

/// The librdkafka that is loaded at runtime (which may differ from the headers we compiled against).
public enum Librdkafka {
    /// The oldest librdkafka that can talk to current brokers: before 2.2.0 it misreads tagged
    /// fields in ApiVersion v3 responses and fails at the first request.
    static let minimumVersion = 0x0202_00

    /// e.g. "2.6.1", from `rd_kafka_version_str()`.
    public static var versionString: String { String(cString: rd_kafka_version_str()) }

    /// The version as 0xMMmmrrpp (major, minor, revision, pre-release; 0xff for a final release).
    public static var version: Int { Int(rd_kafka_version()) }

    /// Throws ``KafkaError/Code/unsupportedVersion`` when the loaded librdkafka is older than 2.2.0.
    public static func requireSupportedVersion() throws(KafkaError) {
        guard version >> 8 < minimumVersion else { return }
        throw KafkaError(
            code: .unsupportedVersion,
            message: """
                librdkafka \(versionString) is loaded, but pagepipe needs 2.2.0 or newer (older \
                versions fail at the first broker request). Run Tools/setup: it installs a current \
                librdkafka as .tools/lib/librdkafka.so.1, which the binary loads through its rpath; \
                or point LD_LIBRARY_PATH at a directory holding librdkafka.so.1 >= 2.2.0.
                """,
            context: "checking the librdkafka version")
    }
}
