import Kafka
@testable import PageWorker
import Testing

/// The ledger across assignment changes: what a lost or revoked partition leaves behind must not
/// strand the budget or corrupt the next ownership's watermark (issue 11).
@Suite struct OffsetBookTests {
    let partition = KafkaTopicPartition(topic: "pages.raw", partition: 0)

    @Test func aPageFinishingAfterItsPartitionWasLostFreesItsBudgetButNotTheNewWatermark() throws {
        var book = OffsetBook()
        book.assign([partition])
        let takenFirst = book.take(partition, offset: 100, bytes: 10)
        let old = try #require(takenFirst)
        book.forget([partition])  // lost: the group redelivers from the last commit
        book.assign([partition])
        let takenAgain = book.take(partition, offset: 100, bytes: 10)
        let new = try #require(takenAgain, "the redelivered page must be taken again")
        #expect(new != old)

        book.finish(partition, offset: 100, bytes: 10, generation: old)
        #expect(book.inFlightPages == 1 && book.inFlightBytes == 10, "the old page freed its own share")
        #expect(book.commitCandidates()[partition] == 100, "the redelivered copy is still in flight")

        book.finish(partition, offset: 100, bytes: 10, generation: new)
        #expect(book.inFlightPages == 0 && book.inFlightBytes == 0)
        #expect(book.commitCandidates()[partition] == 101)
    }

    @Test func aRevokedPartitionTakesNothingUntilItIsForgottenAndAssignedAgain() throws {
        var book = OffsetBook()
        book.assign([partition])
        let taken = book.take(partition, offset: 5, bytes: 1)
        let generation = try #require(taken)
        book.beginRevoke([partition])
        let refused = book.take(partition, offset: 6, bytes: 1)
        #expect(refused == nil)
        #expect(!book.isIdle([partition]))
        book.finish(partition, offset: 5, bytes: 1, generation: generation)
        #expect(book.isIdle([partition]))
        #expect(book.commitCandidates([partition])[partition] == 6)
        book.forget([partition])
        #expect(book.commitCandidates().isEmpty)
        book.assign([partition])
        let retaken = book.take(partition, offset: 3, bytes: 1)
        #expect(retaken != nil, "a new owner starts from the committed offset, even an earlier one")
    }
}
