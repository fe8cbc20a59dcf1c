import Dispatch
import PageDecode
import Synchronization
import Testing

@testable import PageCore

/// Pages over the small-page size share the gate's permits whatever the number of lanes; small
/// pages never wait for them.
struct LargePageGateTests {
    static func page(paragraphs: Int) -> [UInt8] {
        var html = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td class=px12>第03版：综合新闻</td></tr></table>"
        html += "<table><tr><td class=font01><founder-title>春耕</founder-title></td></tr></table><div id=ozoom><founder-content>"
        for index in 0..<paragraphs { html += "<p>　　第\(index)段：春耕时节，农民在田里忙着插秧。</p>" }
        html += "</founder-content></div></body></html><!--enpproperty <founder-date>2024-03-05</founder-date><founder-pagenum>03</founder-pagenum> /enpproperty-->"
        return Array(html.utf8)
    }

    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .relaxed) }
        var count: Int { value.load(ordering: .relaxed) }
    }

    let purged = Counter()

    func processor() throws -> PageProcessor {
        var configuration = PageCoreConfiguration()
        configuration.smallPageBytes = 16 << 10
        configuration.largePages = 1
        let purged = self.purged
        configuration.afterLargePage = { purged.add() }
        return try PageProcessor(configuration: configuration)
    }

    func run(_ processor: PageProcessor, _ blob: [UInt8], done: Counter, group: DispatchGroup) {
        DispatchQueue.global().async(group: group) {
            let events = try? processor.process(blob, hints: BlobHints(), source: .file(path: "x"))
            if events?.isEmpty == false { done.add() }
        }
    }

    @Test(arguments: [BlobCompression.none, .gzip])
    func aLargePageWaitsForThePermitAndASmallOneDoesNot(compression: BlobCompression) throws {
        let processor = try processor()
        let large = Self.page(paragraphs: 2_000), small = Self.page(paragraphs: 3)
        #expect(large.count > processor.largePages.smallPageBytes && small.count < processor.largePages.smallPageBytes)
        // Compressed, the large page's blob is small: only its inflated size makes it large.
        let largeBlob = compression == .none ? large : BlobEncoder.compress(large, as: .gzip)
        let smallBlob = compression == .none ? small : BlobEncoder.compress(small, as: .gzip)

        processor.largePages.acquire()  // another lane holds the only permit
        let largeDone = Counter(), smallDone = Counter()
        let largeGroup = DispatchGroup(), smallGroup = DispatchGroup()
        run(processor, largeBlob, done: largeDone, group: largeGroup)
        for _ in 0..<4 { run(processor, smallBlob, done: smallDone, group: smallGroup) }
        #expect(smallGroup.wait(timeout: .now() + 60) == .success, "small pages waited for the large-page permit")
        #expect(smallDone.count == 4)
        // Whenever this runs, the large page cannot have finished: the permit is still held.
        #expect(largeDone.count == 0)
        processor.largePages.release()
        #expect(largeGroup.wait(timeout: .now() + 60) == .success)
        #expect(largeDone.count == 1)
        // Our own release and the large page's both ran the hook; the small pages' did not.
        #expect(purged.count == 2)
    }

    @Test func aBombInflatesOnlyToTheSmallPageSizeBeforeItWaits() throws {
        let processor = try processor()
        let bomb = BlobEncoder.compress([UInt8](repeating: 0x20, count: 80 << 20), as: .gzip)
        processor.largePages.acquire()
        let group = DispatchGroup()
        let failed = Counter()
        DispatchQueue.global().async(group: group) {
            do throws(PageError) { _ = try processor.process(bomb, hints: BlobHints(), source: .file(path: "x")) } catch {
                if error.reason == "inflateTooLarge" { failed.add() }
            }
        }
        #expect(failed.count == 0, "refused in full while the permit was held")
        processor.largePages.release()
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(failed.count == 1)
    }
}
