import Dispatch
import Synchronization
import Testing
@testable import PageDecode

/// libdeflate's whole-buffer path must give what zlib's streaming inflate gives, at and around the cap.
@Suite struct WholeBufferInflaterTests {
    /// Highly compressible (zeros) and ordinary text: the first outgrows the initial buffer guess for
    /// zlib and raw deflate, so the growing path runs too.
    static let payloads: [[UInt8]] = [
        [UInt8](repeating: 0, count: 300_000),
        Array(String(repeating: "<p>五角场镇党委书记倪来娣说，区域化党建打破了社区内循环。</p>\n", count: 300).utf8),
    ]

    @Test(arguments: [BlobCompression.gzip, .zlib, .deflate])
    func capIsExactForEveryFormat(format: BlobCompression) throws {
        for payload in Self.payloads {
            let packed = BlobEncoder.compress(payload, as: format)
            try packed.withUnsafeBytes { bytes throws in
                #expect(try Inflater.inflate(bytes, format: format, limit: payload.count) == payload, "exactly at the cap")
                let over = try #require(throws: DecodeError.self) { try Inflater.inflate(bytes, format: format, limit: payload.count - 1) }
                #expect(over.reason == .inflateTooLarge)
                #expect(WholeBufferInflater.inflate(bytes, format: format, limit: payload.count - 1) == nil, "past the cap zlib decides")
                let overZlib = try #require(throws: DecodeError.self) { try Inflater.inflateWithZlib(bytes, format: format, limit: payload.count - 1) }
                #expect(over == overZlib)
                // gzip and zlib carry a checksum, so libdeflate serves them; raw deflate goes to zlib,
                // which refuses damaged data that libdeflate would decode leniently.
                let whole = WholeBufferInflater.inflate(bytes, format: format, limit: 64 << 20)
                #expect(whole == (format == .deflate ? nil : payload))
            }
        }
    }

    @Test func multiMemberGzipIsLeftToZlib() throws {
        let blob = BlobEncoder.compress(Array("第一".utf8), as: .gzip) + BlobEncoder.compress(Array("第二".utf8), as: .gzip)
        try blob.withUnsafeBytes { bytes throws in
            #expect(WholeBufferInflater.inflate(bytes, format: .gzip, limit: 1 << 20) == nil)
            #expect(try Inflater.inflate(bytes, format: .gzip, limit: 1 << 20) == Array("第一第二".utf8))
        }
    }

    @Test func damageIsLeftToZlibWhichNamesIt() throws {
        var packed = BlobEncoder.compress(Self.payloads[1], as: .zlib)
        packed[packed.count / 2] ^= 0xFF
        try packed.withUnsafeBytes { bytes throws in
            #expect(WholeBufferInflater.inflate(bytes, format: .zlib, limit: 1 << 20) == nil)
            let fast = try #require(throws: DecodeError.self) { try Inflater.inflate(bytes, format: .zlib, limit: 1 << 20) }
            let zlib = try #require(throws: DecodeError.self) { try Inflater.inflateWithZlib(bytes, format: .zlib, limit: 1 << 20) }
            #expect(fast == zlib)
        }
    }

    @Test func aLyingGzipSizeTrailerOnlyCostsAnotherPass() throws {
        var packed = BlobEncoder.compress(Self.payloads[1], as: .gzip)
        // The trailer's size is also checked by libdeflate, so pad instead: the last four bytes read as 0.
        packed += [0, 0, 0, 0, 0, 0, 0, 0]
        try packed.withUnsafeBytes { bytes throws in
            #expect(try Inflater.inflate(bytes, format: .gzip, limit: 1 << 20) == Self.payloads[1])
        }
    }

    /// Each thread reuses one decompressor: pages inflated one after another on the same thread,
    /// after a damaged one and on several threads at once must each come out whole.
    @Test func decompressorsReusedPerThreadKeepPagesApart() {
        let pages = (0..<64).map { index in
            Array(String(repeating: "<p>第\(index)版 五角场镇 \(index * 7919)</p>\n", count: 20 + index * 13).utf8)
        }
        var packedPayload = BlobEncoder.compress(Self.payloads[1], as: .zlib)
        packedPayload[packedPayload.count / 2] ^= 0xFF
        let damaged = packedPayload
        let wrong = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for (index, page) in pages.enumerated() {
                let format: BlobCompression = (index + thread) % 2 == 0 ? .gzip : .zlib
                let refused = damaged.withUnsafeBytes { WholeBufferInflater.inflate($0, format: .zlib, limit: 1 << 20) == nil }
                let packed = BlobEncoder.compress(page, as: format)
                let inflated = packed.withUnsafeBytes { WholeBufferInflater.inflate($0, format: format, limit: 1 << 20) }
                if !refused || inflated != page { wrong.add(1, ordering: .relaxed) }
            }
        }
        let wrongPages = wrong.load(ordering: .relaxed)
        #expect(wrongPages == 0)
    }
}
