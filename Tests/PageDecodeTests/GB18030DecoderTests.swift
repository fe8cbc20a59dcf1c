import DecodeReference
import Testing
@testable import PageDecode

/// The table-driven GB18030 decoder against glibc iconv, which it replaces: the same text for every
/// sequence iconv accepts, a refusal for every sequence it refuses, a cut sequence at the end dropped.
@Suite struct GB18030DecoderTests {
    let iconv = IconvReference(from: "GB18030", to: "UTF-8")

    /// What the old decoding path made of `bytes`: the text, or nil for an undecodable page.
    func iconvText(_ bytes: [UInt8]) -> [UInt8]? {
        switch iconv.convert(bytes) {
        case .converted(let text), .incomplete(let text): text
        case .refused: nil
        }
    }

    func tableText(_ bytes: [UInt8], into output: UnsafeMutableBufferPointer<UInt8>) -> [UInt8]? {
        bytes.withUnsafeBytes { input in
            GB18030Decoder.decode(input, into: output).map { Array(output[..<$0]) }
        }
    }

    @Test func everySingleAndTwoByteSequenceMatchesIconv() {
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64)
        defer { output.deallocate() }
        var mismatches: [String] = []
        for first in 0...0xFF {
            if tableText([UInt8(first)], into: output) != iconvText([UInt8(first)]) { mismatches.append(hex([UInt8(first)])) }
            for second in 0...0xFF {
                let sequence = [UInt8(first), UInt8(second)]
                if tableText(sequence, into: output) != iconvText(sequence) { mismatches.append(hex(sequence)) }
            }
        }
        #expect(mismatches.isEmpty, "differ from iconv: \(mismatches.prefix(20))")
    }

    /// All 126 × 10 × 126 × 10 four-byte sequences: the BMP ranges, the supplementary planes'
    /// linear range (0x90308130 = U+10000 … 0xE3329A35 = U+10FFFF) and everything iconv refuses.
    @Test func everyFourByteSequenceMatchesIconv() {
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 64)
        defer { output.deallocate() }
        var mismatches: [String] = []
        var accepted = 0
        for first in UInt8(0x81)...0xFE {
            for second in UInt8(0x30)...0x39 {
                for third in UInt8(0x81)...0xFE {
                    for fourth in UInt8(0x30)...0x39 {
                        let sequence = [first, second, third, fourth]
                        let expected = iconvText(sequence)
                        if expected != nil { accepted += 1 }
                        if tableText(sequence, into: output) != expected { mismatches.append(hex(sequence)) }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ from iconv: \(mismatches.prefix(20))")
        // 39,420 BMP sequences less the ones two-byte codes cover, plus 1,048,576 supplementary ones.
        #expect(accepted > 1_048_576 + 30_000)
    }

    /// The other direction: every Unicode scalar encoded by iconv, then decoded by the tables.
    @Test func everyScalarIconvEncodesDecodesBack() throws {
        let encoder = IconvReference(from: "UTF-8", to: "GB18030")
        var encoded: [UInt8] = []
        var expected: [UInt8] = []
        var unencodable: [UInt32] = []
        for value in UInt32(1)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            let utf8 = Array(String(scalar).utf8)
            guard case .converted(let bytes) = encoder.convert(utf8) else { unencodable.append(value); continue }
            encoded += bytes
            expected += utf8
        }
        // glibc encodes all of Unicode except a few private-use points that GB18030-2005 gave
        // standard code points to (24 in glibc 2.36, U+E78D…U+E864).
        #expect(unencodable.count < 100 && unencodable.allSatisfy { (0xE000...0xF8FF).contains($0) }, "\(unencodable.map { String($0, radix: 16) })")
        let decoded = try #require(encoded.withUnsafeBytes { GB18030Decoder.decode($0) })
        let viaIconv = try #require(encoded.withUnsafeBytes { IconvGB18030.decode($0) })
        #expect(decoded == viaIconv)
        let original = Array(String(decoding: expected, as: UTF8.self).unicodeScalars)
        let back = Array(decoded.unicodeScalars)
        #expect(back.count == original.count)
        let changed = zip(original, back).filter { $0 != $1 }
        // glibc's GB18030 is not a bijection on a handful of points (GB18030-2005 moved some
        // private-use characters to their standard code points); it must be no more than that.
        #expect(changed.count < 100, "\(changed.count) scalars do not round-trip: \(changed.prefix(10).map { "U+\(String($0.0.value, radix: 16)) → U+\(String($0.1.value, radix: 16))" })")
    }

    /// Random bytes shaped like GB18030 (leads, digits, trails, ASCII and the invalid 0x80/0xFF), cut
    /// anywhere: the tables and iconv accept the same buffers and give the same text.
    @Test func randomBytesDecodeAsIconvDoes() {
        var random = LCG(seed: 0x18030)
        func byte(_ range: ClosedRange<UInt8>) -> UInt8 {
            range.lowerBound &+ UInt8(truncatingIfNeeded: random.next() % UInt64(Int(range.upperBound) - Int(range.lowerBound) + 1))
        }
        var accepted = 0, refused = 0
        for round in 0..<40_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                switch random.next() % 16 {
                case 0..<5: bytes.append(byte(0x00...0x7F))
                case 5..<11: bytes += [byte(0x81...0xFE), byte(0x40...0xFE)]
                case 11..<15: bytes += [byte(0x81...0xFE), byte(0x30...0x39), byte(0x81...0xFE), byte(0x30...0x39)]
                default: bytes.append(byte(0x00...0xFF))
                }
            }
            bytes = Array(bytes.prefix(max(0, bytes.count - Int(random.next() % 3))))  // sometimes cut mid-sequence
            let tables = bytes.withUnsafeBytes { GB18030Decoder.decode($0) }
            let reference = bytes.withUnsafeBytes { IconvGB18030.decode($0) }
            if tables != reference {
                Issue.record("round \(round): \(hex(bytes)) tables \(String(describing: tables)) iconv \(String(describing: reference))")
                return
            }
            if tables == nil { refused += 1 } else { accepted += 1 }
        }
        #expect(accepted > 5_000 && refused > 5_000, "the random buffers exercise both outcomes")
    }

    /// Whole pages through `BlobDecoder`: both backends give the same text and charset, or the same error.
    @Test func bothBackendsDecodeDamagedPagesAlike() throws {
        var random = LCG(seed: 77)
        let page = try BlobEncoder.encode(String(repeating: gb18030OnlyText, count: 20), as: .gb18030)
        var outcomes: [String: Int] = [:]
        for round in 0..<3_000 {
            let compression = BlobCompression.allCases[round % 4]
            var blob = BlobEncoder.compress(page, as: compression)
            switch random.next() % 4 {
            case 0: blob = Array(blob.prefix(Int(random.next() % UInt64(blob.count + 1))))
            case 1: blob[Int(random.next() % UInt64(blob.count))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            case 2: blob.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(blob.count)))
            default: break
            }
            let hints = BlobHints(contentEncoding: compression == .deflate ? "deflate" : nil, contentType: round % 3 == 0 ? "text/html; charset=gbk" : nil)
            let limits = DecodeLimits(maxInflatedBytes: round % 5 == 0 ? page.count - 1 : 64 << 20)
            let one = describe { try BlobDecoder(limits: limits).decode(blob, hints: hints) }
            let other = describe { try BlobDecoder.zlibAndIconv(limits: limits).decode(blob, hints: hints) }
            #expect(one == other, "round \(round), \(compression)")
            outcomes[String(one.prefix(while: { $0 != ":" })), default: 0] += 1
        }
        #expect(outcomes.count >= 5, "damage reaches several outcomes: \(outcomes)")
    }

    func describe(_ body: () throws -> DecodedPage) -> String {
        do {
            let page = try body()
            return "decoded: \(page.charset) \(page.compression) \(page.inflatedBytes) \(page.text.hashValue)"
        } catch let error as DecodeError {
            return "\(error.reason): \(error.detail)"
        } catch {
            return "unexpected error \(error)"
        }
    }

    func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}

/// A small deterministic generator (Knuth's MMIX LCG, high bits), so failures reproduce.
struct LCG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 29
    }
}
