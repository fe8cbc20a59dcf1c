import Kafka
@testable import PageWorker
import Testing

/// Reading a dead letter back: the input record it stands for, and which letters a filter takes.
struct RedriveLetterTests {
    let policy = RecordSizePolicy(maxRecordBytes: 20_000, origin: "test")
    let input = KafkaRecord(
        topic: "pages.raw", partition: 3, offset: 41, timestampMs: 1_700_000_000_123, key: Array("page-1".utf8),
        value: Array("<html>a page</html>".utf8),
        headers: [
            KafkaHeader(key: "source-url", value: Array("http://epaper.hubeidaily.net/pc/content/202302/11/content_1.html".utf8)),
            KafkaHeader(key: "content-type", value: Array("text/html".utf8)),
        ])

    /// The letter as a consumer reads it back from `topic` at `offset`.
    func read(_ letter: DeadLetter, partition: Int32 = 0, offset: Int64 = 7, writtenMs: Int64? = 1_800_000_000_000) -> KafkaRecord {
        KafkaRecord(
            topic: letter.message.topic, partition: partition, offset: offset, timestampMs: writtenMs, key: letter.message.key,
            value: letter.message.value, headers: letter.message.headers)
    }

    func header(_ headers: [KafkaHeader], _ key: String) -> String? {
        headers.last { $0.key == key }?.value.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aWholeLetterGivesBackTheInputRecordExactly() throws {
        let letter = DeadLetter.make(for: input, topic: "pages.dlq", stage: "parse", reason: "noTitle", error: "no title", policy: policy)
        let redriven = try #require(RedriveLetter(read(letter)))
        #expect(redriven.reasonKey == "parse/noTitle")
        #expect(!redriven.isReference)
        #expect(redriven.attempts == 0)
        #expect(redriven.page.topic == "pages.raw" && redriven.page.partition == 3 && redriven.page.offset == 41)
        #expect(redriven.page.timestampMs == input.timestampMs)
        #expect(redriven.page.key == input.key && redriven.page.value == input.value)
        #expect(redriven.page.headers == input.headers, "pagepipe's own headers are not part of the page")
    }

    @Test func aLetterThatFailsAgainLooksLikeAFirstOnePlusTheAttempt() throws {
        let first = try #require(RedriveLetter(read(DeadLetter.make(
            for: input, topic: "pages.dlq", stage: "parse", reason: "noTitle", error: "no title", policy: policy))))
        let again = DeadLetter.make(
            for: first.page, topic: "pages.dlq.redrive", stage: "parse", reason: "noPageLabel", error: "no label", policy: policy,
            annotations: first.letterAnnotations)
        let headers = again.message.headers
        #expect(headers.filter { $0.key == "pagepipe-error-reason" }.count == 1, "the old reason is replaced, not repeated")
        #expect(header(headers, "pagepipe-error-reason") == "noPageLabel")
        #expect(header(headers, "pagepipe-source") == "pages.raw/3/41", "still the original input record")
        #expect(header(headers, "pagepipe-redrive-attempt") == "1")
        #expect(header(headers, "pagepipe-redriven-from") == "pages.dlq/0/7")
        // Re-driven once more, from the re-drive topic: the count goes on.
        let second = try #require(RedriveLetter(read(again, offset: 2)))
        #expect(second.attempts == 1)
        #expect(header(second.letterAnnotations, "pagepipe-redrive-attempt") == "2")
        #expect(second.page.offset == 41)
    }

    @Test func aReferenceIsKnownAsOne() throws {
        let reference = DeadLetter.make(.reference, for: input, topic: "pages.dlq", stage: "decode", reason: "binary", error: "binary")
        let redriven = try #require(RedriveLetter(read(reference)))
        #expect(redriven.isReference)
        #expect(redriven.reasonKey == "decode/binary")
    }

    @Test func aRecordWithoutAReadableSourceIsNoDeadLetter() {
        for source in [nil, "pages.raw/3", "pages.raw/x/41", "/3/41", "pages.raw/-1/41"] {
            let headers = source.map { [KafkaHeader(key: "pagepipe-source", value: Array($0.utf8))] } ?? []
            let record = KafkaRecord(topic: "pages.dlq", partition: 0, offset: 0, timestampMs: nil, key: nil, value: [], headers: headers)
            #expect(RedriveLetter(record) == nil, "\(source ?? "no header")")
        }
    }

    @Test func theFilterTakesOnlyWhatEveryCriterionAllows() throws {
        let letter = try #require(RedriveLetter(read(
            DeadLetter.make(for: input, topic: "pages.dlq", stage: "parse", reason: "noTitle", error: "-", policy: policy), partition: 2)))
        func takes(_ change: (inout RedriveFilter) -> Void) -> Bool {
            var filter = RedriveFilter()
            change(&filter)
            return filter.matches(letter)
        }
        #expect(takes { _ in })
        #expect(takes { $0.reasons = ["parse/noTitle"] })
        #expect(takes { $0.reasons = ["noTitle"] })
        #expect(!takes { $0.reasons = ["decode/noTitle"] })
        #expect(!takes { $0.stages = ["decode"] })
        #expect(takes { $0.partitions = [2] })
        #expect(!takes { $0.partitions = [0, 1] })
        #expect(takes { $0.sinceMs = 1_800_000_000_000 })
        #expect(!takes { $0.sinceMs = 1_800_000_000_001 })
        #expect(!takes { $0.untilMs = 1_799_999_999_999 })
        #expect(takes { $0.papers = ["湖北日报"] }, "the paper PaperHosts knows for the source-url")
        #expect(takes { $0.papers = ["hubeidaily.net"] }, "a domain the host is under")
        #expect(!takes { $0.papers = ["人民日报"] })
    }

    @Test func eachFilterHasItsOwnGroup() {
        #expect(RedriveFilter().defaultGroup == "pagepipe-redrive")
        var filter = RedriveFilter()
        filter.reasons = ["parse/noTitle", "parse/noPageLabel"]
        filter.partitions = [1]
        #expect(filter.defaultGroup == "pagepipe-redrive.reason-parse.noPageLabel+parse.noTitle_partition-1")
    }
}

/// The re-drive's one decision per record, before any parsing.
struct RedriveDecisionTests {
    let policy = RecordSizePolicy(maxRecordBytes: 20_000, origin: "test")
    let input = KafkaRecord(
        topic: "pages.raw", partition: 1, offset: 9, timestampMs: nil, key: nil, value: Array("<html>x</html>".utf8), headers: [])

    func letter(_ form: DeadLetter.Form, reason: String) -> KafkaRecord {
        let letter = DeadLetter.make(form, for: input, topic: "pages.dlq", stage: "parse", reason: reason, error: "-")
        return KafkaRecord(
            topic: "pages.dlq", partition: 0, offset: 3, timestampMs: 1, key: letter.message.key, value: letter.message.value,
            headers: letter.message.headers)
    }

    func decide(_ record: KafkaRecord, reasons: Set<String> = []) -> RedriveDecision {
        var filter = RedriveFilter()
        filter.reasons = reasons
        return RedriveConfiguration(filter: filter).decision(for: record, letter: RedriveLetter(record))
    }

    @Test func aTakenWholeLetterIsProcessed() {
        #expect(decide(letter(.whole, reason: "noTitle"), reasons: ["parse/noTitle"]) == .process)
    }

    @Test func aLetterTheFilterDoesNotTakeIsPassedOver() {
        #expect(decide(letter(.whole, reason: "noTitle"), reasons: ["parse/tooComplex"]) == .passOver)
        #expect(decide(letter(.reference, reason: "noTitle"), reasons: ["parse/tooComplex"]) == .passOver, "the filter comes first")
    }

    @Test func aTakenReferenceIsForwardedAsNeedingItsOriginal() {
        guard case .forward(let reason, let message) = decide(letter(.reference, reason: "noTitle")) else {
            Issue.record("a reference was not forwarded")
            return
        }
        #expect(reason == "originalNeeded")
        #expect(message.contains("pages.raw/1@9"), "the message says where the original is")
    }

    @Test func aRecordThatIsNoDeadLetterIsForwarded() {
        let stranger = KafkaRecord(topic: "pages.dlq", partition: 0, offset: 5, timestampMs: nil, key: nil, value: [1], headers: [])
        guard case .forward(let reason, _) = decide(stranger) else {
            Issue.record("a record without pagepipe-source was not forwarded")
            return
        }
        #expect(reason == "notADeadLetter")
    }
}
