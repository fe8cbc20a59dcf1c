import Testing
import PageCorpus
import PageDecode

@Suite struct CorpusContentTests {
    static let corpus = Array(CorpusGenerator(options: CorpusOptions(count: 400, seed: 2024, brokenFraction: 0.1)).pages())
    let decoder = BlobDecoder()

    @Test func everyIntactPageDecodesToTextContainingItsTitle() throws {
        for page in Self.corpus where page.expected.kind != .broken {
            let decoded = try decoder.decode(page.blob, hints: page.hints)
            let needle = page.expected.title ?? page.expected.pageArticleTitles.first ?? "<missing>"
            #expect(decoded.text.contains(needle), "\(page.fileName)")
            #expect(decoded.compression == page.expected.compression, "\(page.fileName)")
            #expect(decoded.text.contains(page.expected.paper), "\(page.fileName)")
            if let district = page.expected.primaryDistrict {
                #expect(decoded.text.contains(district), "\(page.fileName) names its subject \(district)")
            }
        }
    }

    @Test func brokenPagesFailTheWayTheyShould() throws {
        for page in Self.corpus {
            switch page.expected.brokenReason {
            case .truncatedGzip?:
                let error = try #require(throws: DecodeError.self) { try decoder.decode(page.blob, hints: page.hints) }
                #expect(error.reason == .truncated, "\(page.fileName)")
            case .binaryGarbage?:
                let error = try #require(throws: DecodeError.self) { try decoder.decode(page.blob, hints: page.hints) }
                #expect(error.reason == .binary || error.reason == .undecodable, "\(page.fileName)")
            case .wrongCharset?:
                let decoded = try decoder.decode(page.blob, hints: page.hints)
                #expect(decoded.text.contains(try #require(page.expected.title)), "\(page.fileName)")
                #expect((decoded.charset == .utf8) == (page.expected.charset == .utf8), "\(page.fileName)")
            case .missingTitle?:
                let decoded = try decoder.decode(page.blob, hints: page.hints)
                #expect(decoded.text.contains("<founder-title></founder-title>"), "\(page.fileName)")
                #expect(page.expected.title == nil)
            case nil:
                continue
            }
        }
    }

    @Test func gbkPagesAreReallyGBK() throws {
        var checked = 0
        for page in Self.corpus where page.expected.charset != .utf8 && page.expected.brokenReason != .binaryGarbage
            && page.expected.brokenReason != .truncatedGzip
        {
            let raw = try page.blob.withUnsafeBytes { try Inflater.inflate($0, format: page.expected.compression, limit: 1 << 24) }
            #expect(String(validating: raw, as: UTF8.self) == nil, "\(page.fileName) is not valid UTF-8")
            #expect(try decoder.decode(page.blob, hints: page.hints).charset != .utf8)
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func pagesHaveRealisticSizes() throws {
        for page in Self.corpus where page.expected.kind != .broken {
            let size = try decoder.decode(page.blob, hints: page.hints).inflatedBytes
            // Text renderings carry no markup: the seed page is 5 KB of text for 14 paragraphs.
            // Article regions carry little: the real 湖北日报 ones are 3.3–5.6 KB for 3–7 paragraphs.
            let range = page.expected.format == .plainText || page.expected.format == .articleRegion ? 1_500...40_000 : 3_000...60_000
            #expect(range.contains(size), "\(page.fileName) is \(size) bytes")
        }
    }

    @Test func plainTextPagesHaveTheSeedShape() throws {
        let page = try #require(Self.corpus.first { $0.expected.format == .plainText && $0.expected.kind == .article })
        let text = try decoder.decode(page.blob, hints: page.hints).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = page.expected
        #expect(lines[0].hasSuffix(":" + (expected.pageName ?? "")))
        #expect(lines[1] == "上一版3\u{A0}\u{A0} 4下一版\u{A0}\u{A0}")
        #expect(lines[4] == "放大 缩小 默认 \u{A0}\u{A0}")
        #expect(lines.contains { $0 == Substring(expected.title ?? "") })
        let footer = try #require(lines.last)
        #expect(footer.hasPrefix(expected.paper + (expected.pageName ?? "")))
        #expect(footer.contains(" \(expected.date) "))
        #expect(footer.hasSuffix("日 " + footer.suffix(3)))
    }
}
