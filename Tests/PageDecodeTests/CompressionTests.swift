import Testing
import PageDecode

@Suite struct CompressionTests {
    let decoder = BlobDecoder()
    let html = Array(String(repeating: "<p>　　五角场镇党委书记倪来娣说，区域化党建打破了社区内循环。</p>\n", count: 200).utf8)

    @Test func bytesWinOverADisagreeingHint() throws {
        let gzip = BlobEncoder.compress(html, as: .gzip)
        #expect(try decoder.decode(gzip, hints: BlobHints(contentEncoding: "deflate")).compression == .gzip)
        #expect(try decoder.decode(html, hints: BlobHints(contentEncoding: "gzip")).compression == .none)
        let zlib = BlobEncoder.compress(html, as: .zlib)
        #expect(try decoder.decode(zlib, hints: BlobHints(contentEncoding: "gzip")).compression == .zlib)
        #expect(try decoder.decode(zlib).compression == .zlib)
    }

    @Test func httpDeflateMeansZlibOrRawDeflate() throws {
        let hint = BlobHints(contentEncoding: "deflate")
        #expect(try decoder.decode(BlobEncoder.compress(html, as: .zlib), hints: hint).compression == .zlib)
        let raw = try decoder.decode(BlobEncoder.compress(html, as: .deflate), hints: hint)
        #expect(raw.compression == .deflate)
        #expect(raw.text == String(decoding: html, as: UTF8.self))
        // A body stored already inflated under a deflate header is still read as text.
        #expect(try decoder.decode(html, hints: hint).compression == .none)
    }

    @Test func truncatedGzipIsReportedAsTruncated() throws {
        let gzip = BlobEncoder.compress(html, as: .gzip)
        let error = try #require(throws: DecodeError.self) { try decoder.decode(Array(gzip.prefix(gzip.count / 2))) }
        #expect(error.reason == .truncated)
        #expect(error.description.hasPrefix("truncated gzip stream"))
        // Losing only the 8-byte trailer is also truncation.
        let trailerless = try #require(throws: DecodeError.self) { try decoder.decode(Array(gzip.dropLast(8))) }
        #expect(trailerless.reason == .truncated)
    }

    @Test func corruptZlibIsReportedAsCorrupt() throws {
        var zlib = BlobEncoder.compress(html, as: .zlib)
        for index in 2..<min(zlib.count, 40) { zlib[index] ^= 0xA5 }
        let error = try #require(throws: DecodeError.self) { try decoder.decode(zlib) }
        #expect(error.reason == .corrupt)
        #expect(error.description.contains("corrupt zlib stream"))
    }

    @Test func concatenatedGzipMembersAreJoined() throws {
        let first = Array("<html><body>第一部分".utf8), second = Array("第二部分</body></html>".utf8)
        let blob = BlobEncoder.compress(first, as: .gzip) + BlobEncoder.compress(second, as: .gzip)
        let page = try decoder.decode(blob)
        #expect(page.text == "<html><body>第一部分第二部分</body></html>")
        #expect(page.inflatedBytes == first.count + second.count)
    }

    @Test func zipBombStopsAtTheLimitWithoutInflatingEverything() throws {
        // 25 gzip members of 8 MiB of zeros each: 200 MiB inflated from about 200 KB. The first
        // member is damaged three quarters in, about 6 MiB into its output: an inflater that
        // read past the 1 MiB limit, or on to the member's checksum, would meet the damage and
        // report a corrupt stream instead of stopping at the limit.
        let member = BlobEncoder.compress([UInt8](repeating: 0, count: 8 << 20), as: .gzip, level: 9)
        var damaged = member
        damaged[member.count * 3 / 4] ^= 0x5A
        let damagedAlone = try #require(throws: DecodeError.self) {
            try damaged.withUnsafeBytes { try Inflater.inflate($0, format: .gzip, limit: 16 << 20) }
        }
        #expect(damagedAlone.reason == .corrupt, "the damage must be visible to an inflater that reaches it")

        let bomb = damaged + Array([[UInt8]](repeating: member, count: 24).joined())
        let limited = BlobDecoder(limits: DecodeLimits(maxInflatedBytes: 1 << 20))
        let error = try #require(throws: DecodeError.self) { try limited.decode(bomb) }
        #expect(error.reason == .inflateTooLarge)
        let direct = try #require(throws: DecodeError.self) {
            try bomb.withUnsafeBytes { try Inflater.inflate($0, format: .gzip, limit: 1 << 20) }
        }
        #expect(direct.reason == .inflateTooLarge)
    }

    @Test func paddingAfterTheGzipStreamIsIgnored() throws {
        let padded = BlobEncoder.compress(html, as: .gzip) + [UInt8](repeating: 0, count: 512)
        #expect(try decoder.decode(padded).text == String(decoding: html, as: UTF8.self))
    }

    @Test func tooLargeBlobIsRejectedBeforeInflating() throws {
        let small = BlobDecoder(limits: DecodeLimits(maxBlobBytes: 100))
        let error = try #require(throws: DecodeError.self) { try small.decode(html) }
        #expect(error.reason == .tooLarge)
    }

    @Test func inflaterAloneMatchesTheInput() throws {
        for format in BlobCompression.allCases {
            let packed = BlobEncoder.compress(html, as: format)
            let unpacked = try packed.withUnsafeBytes { try Inflater.inflate($0, format: format, limit: 1 << 20) }
            #expect(unpacked == html, "\(format)")
        }
    }
}
