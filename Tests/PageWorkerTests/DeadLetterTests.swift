import Kafka
import PageModel
@testable import PageWorker
import Testing

/// What a page that cannot be processed becomes, at every size around the record limit.
struct DeadLetterTests {
    let policy = RecordSizePolicy(maxRecordBytes: 20_000, origin: "test")

    func record(valueBytes: Int, headers: [KafkaHeader] = [], key: [UInt8]? = Array("page-1".utf8)) -> KafkaRecord {
        // Bytes that differ along the value, so a cut in the wrong place shows.
        let value = (0..<valueBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        return KafkaRecord(topic: "pages.raw", partition: 3, offset: 41, timestampMs: nil, key: key, value: value, headers: headers)
    }

    func header(_ letter: DeadLetter, _ key: String) -> String? {
        letter.message.headers.last { $0.key == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aLetterThatFitsIsTheRecordUnchangedWithTheErrorHeaders() {
        let input = record(valueBytes: 5_000, headers: [KafkaHeader(key: "source-url", value: Array("http://x/a.htm".utf8))])
        let letter = DeadLetter.make(for: input, topic: "pages.dlq", stage: "parse", reason: "noTitle", error: "no title", policy: policy)
        #expect(letter.form == .whole)
        #expect(letter.message.value == input.value)
        #expect(letter.message.key == input.key)
        #expect(letter.message.headers.first == input.headers.first)
        #expect(header(letter, "pagepipe-error-reason") == "noTitle")
        #expect(header(letter, "pagepipe-source") == "pages.raw/3/41")
        #expect(header(letter, "pagepipe-dead-letter-form") == nil)
    }

    /// The largest whole letter that fits, and one byte more.
    @Test func theLimitIsExactAtTheBoundary() throws {
        let empty = DeadLetter.make(.whole, for: record(valueBytes: 0), topic: "pages.dlq", stage: "decode", reason: "binary", error: "e")
        let room = policy.maxRecordBytes - RecordSizePolicy.recordBytes(empty.message)
        let fits = DeadLetter.make(
            for: record(valueBytes: room), topic: "pages.dlq", stage: "decode", reason: "binary", error: "e", policy: policy)
        #expect(fits.form == .whole)
        #expect(RecordSizePolicy.recordBytes(fits.message) == policy.maxRecordBytes)
        let over = DeadLetter.make(
            for: record(valueBytes: room + 1), topic: "pages.dlq", stage: "decode", reason: "binary", error: "e", policy: policy)
        #expect(over.form == .reference)
        #expect(policy.fits(over.message))
    }

    @Test func aReferenceKeepsTheFirstKilobyteSizeDigestAndSmallHeaders() throws {
        let huge = KafkaHeader(key: "x-crawl-notes", value: [UInt8](repeating: 0x41, count: 1_200_000))
        let small = KafkaHeader(key: "traceparent", value: Array("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".utf8))
        let input = record(valueBytes: 2_000_000, headers: [huge, small], key: [UInt8](repeating: 1, count: 5_000))
        let letter = DeadLetter.make(for: input, topic: "pages.dlq", stage: "decode", reason: "binary", error: "binary data", policy: policy)
        #expect(letter.form == .reference)
        #expect(letter.message.value == Array(input.value.prefix(1024)))
        #expect(letter.message.key == nil, "a key over 1 KB is not kept")
        #expect(header(letter, "pagepipe-dead-letter-form") == "reference")
        #expect(header(letter, "pagepipe-original-bytes") == "2000000")
        #expect(header(letter, "pagepipe-original-sha256") == SHA256.hex(input.value))
        #expect(header(letter, "pagepipe-dropped-headers") == "1")
        #expect(letter.message.headers.contains(small))
        #expect(!letter.message.headers.contains(huge))
        #expect(header(letter, "pagepipe-source") == "pages.raw/3/41")
        #expect(RecordSizePolicy.recordBytes(letter.message) < 4_096)
    }

    @Test func aLongErrorMessageIsCutToAKilobyte() {
        let letter = DeadLetter.make(
            for: record(valueBytes: 10), topic: "pages.dlq", stage: "publish", reason: "eventTooLarge",
            error: String(repeating: "错", count: 2_000), policy: policy)
        #expect((letter.message.headers.last { $0.key == "pagepipe-error" }?.value?.count ?? 0) == 1024)
    }

    @Test func sha256MatchesThePublishedVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}

struct RecordSizePolicyTests {
    @Test func theSmallestReportedTopicLimitWins() {
        let policy = RecordSizePolicy.from(reported: [
            "articles": ["max.message.bytes": "2097152"], "pages.dlq": ["max.message.bytes": "524288"], "pages.index": [:],
        ])
        #expect(policy.maxRecordBytes == 524_288 - RecordSizePolicy.framingBytes)
        #expect(policy.origin.contains("pages.dlq"))
        #expect(policy.producerMessageMaxBytes > policy.maxRecordBytes)
    }

    @Test func aClusterThatReportsNothingGetsKafkasDefault() {
        #expect(RecordSizePolicy.from(reported: ["articles": [:]]) == .default)
        #expect(RecordSizePolicy.from(reported: [:]).maxRecordBytes == 1_000_000)
    }

    @Test func aTinyTopicLimitStillLeavesRoomForAReference() {
        let policy = RecordSizePolicy.from(reported: ["pages.dlq": ["max.message.bytes": "1000"]])
        #expect(policy.maxRecordBytes == RecordSizePolicy.minimumMaxRecordBytes)
    }
}
