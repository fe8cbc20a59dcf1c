import Testing
import PageDecode

@Suite struct BinaryAndEmptyTests {
    let decoder = BlobDecoder()

    @Test func emptyBlobIsEmpty() throws {
        let error = try #require(throws: DecodeError.self) { try decoder.decode([]) }
        #expect(error.reason == .empty)
        let inflatedEmpty = try #require(throws: DecodeError.self) { try decoder.decode(BlobEncoder.compress([], as: .gzip)) }
        #expect(inflatedEmpty.reason == .empty)
    }

    @Test func randomBytesAreBinary() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var blob: [UInt8] = []
        for _ in 0..<4096 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            blob.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let error = try #require(throws: DecodeError.self) { try decoder.decode(blob) }
        #expect(error.reason == .binary)
        // Compressed garbage is still garbage once inflated.
        let packed = try #require(throws: DecodeError.self) { try decoder.decode(BlobEncoder.compress(blob, as: .gzip)) }
        #expect(packed.reason == .binary)
    }

    @Test func nulLadenTextIsBinary() throws {
        let text: [UInt8] = Array("<html>五角场".utf8).flatMap { byte -> [UInt8] in [byte, 0] }
        let error = try #require(throws: DecodeError.self) { try decoder.decode(text) }
        #expect(error.reason == .binary)
        #expect(error.description.contains("NUL"))
    }

    @Test func highBytesThatAreNoCharsetAreUndecodable() throws {
        // 0x80 and 0xFF are lead bytes in neither UTF-8 nor GB18030.
        let blob = Array("<html>".utf8) + [UInt8](repeating: 0xFF, count: 64) + [0x80, 0x80]
        let error = try #require(throws: DecodeError.self) { try decoder.decode(blob) }
        #expect(error.reason == .undecodable)
    }

    @Test func aFewStrayControlBytesInALongPageAreTolerated() throws {
        var html = Array(String(repeating: "<p>正文段落</p>\n", count: 300).utf8)
        html[2000] = 0x01
        html[2500] = 0x00
        #expect(try decoder.decode(html).charset == .utf8)
    }
}
