import Testing
@testable import PageDecode

/// The inspection pass's UTF-8 verdict must be the standard library's, whatever surrounds a sequence.
@Suite struct TextInspectorTests {
    func agrees(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let inspection = TextInspector.inspect(raw)
            let valid = String(validating: bytes, as: UTF8.self) != nil
            return inspection.isUTF8 == valid && inspection.isASCII == bytes.allSatisfy { $0 < 0x80 }
        }
    }

    /// The byte values where UTF-8's continuation ranges start and end.
    static let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]

    /// Every two-byte sequence, and every three-byte one whose third byte is at a range edge, at the
    /// end of the buffer and inside a word with ASCII around it.
    @Test func everyShortSequenceMatchesTheStandardLibrary() {
        var mismatches: [[UInt8]] = []
        for first in 0x80...0xFF {
            for second in 0...0xFF {
                let pair = [UInt8(first), UInt8(second)]
                if !agrees(pair) || !agrees(Array("<p>ab".utf8) + pair + Array("cd</p>".utf8)) { mismatches.append(pair) }
                guard first >= 0xC0 else { continue }
                for third in Self.edges {
                    let triple = pair + [third]
                    if !agrees(Array("abcdefg".utf8) + triple) { mismatches.append(triple) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func fourByteSequencesAtTheirBoundsMatchTheStandardLibrary() {
        let edges = Self.edges
        var mismatches: [[UInt8]] = []
        for lead in UInt8(0xF0)...0xF5 {  // leads past 0xF5 are refused alone; the two-byte test covers them
            for second in 0...0xFF {
                for third in edges {
                    for fourth in edges {
                        let sequence = [lead, UInt8(second), third, fourth]
                        if !agrees(sequence + Array("tail".utf8)) || !agrees(Array("x".utf8) + sequence) { mismatches.append(sequence) }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Chinese UTF-8 with random damage, and GBK bytes that happen to start like UTF-8.
    @Test func damagedPagesMatchTheStandardLibrary() throws {
        var random = LCG(seed: 0x7E47)
        let page = Array(String(repeating: "<p>　　五角场镇党委书记倪来娣说，区域化党建𠮷打破了社区内循环。</p>\n", count: 8).utf8)
        let gbk = try BlobEncoder.encode(gbkText, as: .gbk)
        var outcomes = Set<Bool>()
        for _ in 0..<20_000 {
            var bytes = random.next() % 4 == 0 ? gbk : page
            for _ in 0..<Int(random.next() % 3) {
                bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
            }
            bytes = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count + 1))))
            #expect(agrees(bytes), "\(bytes)")
            outcomes.insert(String(validating: bytes, as: UTF8.self) != nil)
        }
        #expect(outcomes.count == 2)
    }
}
