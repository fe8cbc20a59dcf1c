import Foundation
import Testing
import PageCorpus
import PageDecode

@Suite struct CorpusMixTests {
    @Test func formatsAndBrokenKindsMeetTheRequestedFractions() {
        let options = CorpusOptions(count: 500, seed: 11, brokenFraction: 0.2, compressedFraction: 0.6, gbkFraction: 0.3)
        let pages = Array(CorpusGenerator(options: options).pages())
        func share(_ predicate: (CorpusPage) -> Bool) -> Double { Double(pages.filter(predicate).count) / Double(pages.count) }

        #expect(abs(share { $0.expected.kind == .broken } - 0.2) < 0.02)
        #expect(abs(share { $0.expected.compression != .none && $0.expected.brokenReason != .truncatedGzip } - 0.6 * 0.95) < 0.06)
        #expect(abs(share { $0.expected.charset != .utf8 } - 0.3) < 0.02)
        let intact = pages.filter { $0.expected.kind != .broken }
        for format in CorpusFormat.allCases {
            #expect(intact.contains { $0.expected.format == format }, "\(format) present")
        }
        #expect(intact.contains { $0.expected.kind == .node })
        for reason in CorpusExpectation.BrokenReason.allCases {
            let count = pages.filter { $0.expected.brokenReason == reason }.count
            #expect(count >= 15, "\(reason): \(count)")
        }
        for compression in BlobCompression.allCases {
            #expect(pages.contains { $0.expected.compression == compression }, "\(compression) present")
        }
    }

    @Test func smallCorporaStillGetTheirShare() {
        let pages = Array(CorpusGenerator(options: CorpusOptions(count: 20, seed: 3, brokenFraction: 0.1)).pages())
        #expect(pages.filter { $0.expected.kind == .broken }.count == 2)
    }

    @Test func subjectsAreDistrictsOrTheirSubdivisions() {
        let pages = CorpusGenerator(options: CorpusOptions(count: 200, seed: 5)).pages()
        for page in pages where page.expected.kind == .article {
            let expected = page.expected
            #expect(expected.primaryDistrict != nil)
            #expect(expected.primaryDistrictParent?.hasSuffix("区") == true, "\(page.fileName)")
            #expect(!expected.passingDistricts.contains(expected.primaryDistrict ?? ""))
        }
    }

    @Test func manifestRoundTripsAsJSON() throws {
        let directory = NSTemporaryDirectory() + "corpus-test-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let generator = CorpusGenerator(options: CorpusOptions(count: 25, seed: 42, brokenFraction: 0.2))
        var reported: [Int] = []
        // Three threads over 25 pages: files and manifest lines must still match the pages in order.
        try CorpusWriter.write(generator, to: directory, concurrency: 3, progress: { reported.append($0) })
        #expect(reported.last == 25)

        let manifest = try String(contentsOfFile: directory + "/manifest.jsonl", encoding: .utf8)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == 25)
        for (line, page) in zip(lines, generator.pages()) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["file"] as? String == page.fileName)
            #expect(object["kind"] as? String == page.expected.kind.rawValue)
            #expect(object["paper"] as? String == page.expected.paper)
            #expect((object["title"] as? String) == page.expected.title)
            #expect(object["authors"] as? [String] == page.expected.authors)
            #expect(object["page_article_titles"] as? [String] == page.expected.pageArticleTitles)
            #expect(object["primary_district"] as? String == page.expected.primaryDistrict)
            let stored = try #require(FileManager.default.contents(atPath: directory + "/" + page.fileName))
            #expect([UInt8](stored) == page.blob)
        }
    }
}
