import Foundation
import PageDecode
import PageParse
import Testing
@testable import PageCore

/// The seed page through every compression × charset a crawler may store: the event must not change.
@Suite struct SeedEncodingTests {
    static var seedPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/seeds/000_725b41050449d912.txt").path
    }

    func seedText() throws -> String {
        guard let data = FileManager.default.contents(atPath: Self.seedPath) else {
            Issue.record("fixture ../shared/seeds/000_725b41050449d912.txt is absent (CI always has ../shared beside the repository)")
            throw CancellationError()
        }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyCompressionAndCharsetGivesTheSameEvent() throws {
        let text = try seedText()
        let processor = try PageProcessor()
        let reference = try processor.process(text: text, source: .file(path: "seed"))
        guard case .article(let article) = try #require(reference.first) else {
            Issue.record("the seed must parse to an article")
            return
        }
        #expect(article.district == "杨浦区" && article.locality == "五角场镇" && article.section.slug == "city")
        #expect(article.districtCode == "310110")
        // The seed's text view has no-break spaces, which GBK cannot encode; GB18030 (its superset,
        // which is how pagepipe decodes gb2312/gbk labels) can.
        for charset in [PageCharset.utf8, .gb18030] {
            let encoded = try BlobEncoder.encode(text, as: charset)
            for compression in BlobCompression.allCases {
                let blob = BlobEncoder.compress(encoded, as: compression)
                let hints = BlobHints(contentEncoding: compression == .deflate ? "deflate" : nil, contentType: "text/plain")
                let events = try processor.process(blob, hints: hints, source: .file(path: "seed"))
                #expect(events == reference, "\(compression) × \(charset)")
            }
        }
    }

    @Test func badBlobsNameStageAndReason() throws {
        let processor = try PageProcessor()
        let gzipped = BlobEncoder.compress(Array(try seedText().utf8), as: .gzip)
        let cases: [([UInt8], PageError.Stage, String)] = [
            ([], .decode, "empty"),
            (Array(gzipped.prefix(gzipped.count / 2)), .decode, "truncated"),
            ([0x00, 0x01, 0x02, 0xFF] + Array(repeating: 0, count: 200), .decode, "binary"),
            (Array("<html><body><p>no page here</p></body></html>".utf8), .parse, "notAPage"),
        ]
        for (blob, stage, reason) in cases {
            #expect(throws: PageError.self) { try processor.process(blob, hints: BlobHints(), source: .file(path: "x")) }
            do {
                _ = try processor.process(blob, hints: BlobHints(), source: .file(path: "x"))
            } catch {
                #expect(error.stage == stage && error.reason == reason, "\(error)")
            }
        }
        let capped = try PageProcessor(configuration: PageCoreConfiguration(limits: DecodeLimits(maxBlobBytes: 1 << 20, maxInflatedBytes: 4096)))
        do {
            _ = try capped.process(gzipped, hints: BlobHints(), source: .file(path: "x"))
            Issue.record("a blob inflating past the cap must fail")
        } catch {
            #expect(error.reason == "inflateTooLarge", "\(error)")
        }
    }

    /// The 61 KB gzip blob of 64 MiB of `<b>` that once took 1.3 GB: refused as a flood, by
    /// the processor's configured caps, before most of its tree is built.
    @Test func aFloodOfTagsIsRefusedByTheConfiguredCap() throws {
        let flood = BlobEncoder.compress(Array("<html><body>".utf8) + Array(repeating: Array("<b>".utf8), count: 1 << 20).joined(), as: .gzip)
        let processor = try PageProcessor()
        do {
            _ = try processor.process(flood, hints: BlobHints(), source: .file(path: "flood"))
            Issue.record("a flood of tags must be refused")
        } catch {
            #expect(error.stage == .parse && error.reason == "tooComplex", "\(error)")
        }
        let seed = Array(try seedText().utf8)
        let strict = try PageProcessor(configuration: PageCoreConfiguration(parseLimits: ParseLimits(maxLines: 10)))
        #expect(throws: PageError.self) { try strict.process(seed, hints: BlobHints(), source: .file(path: "seed")) }
        #expect(try processor.process(seed, hints: BlobHints(), source: .file(path: "seed")).count == 1)
    }
}
