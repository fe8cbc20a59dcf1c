import Testing

@testable import PageModel

/// The two-word FNV-1a step must be the 128-bit FNV-1a of the specification: ids and content
/// hashes already published were computed with it, and a replay must reproduce them.
@Suite struct FNV1a128Tests {
    /// Textbook FNV-1a over UInt128, a full 128-bit multiply per byte.
    func reference(_ bytes: [UInt8]) -> UInt128 {
        let prime: UInt128 = (1 << 88) | 0x13B
        var value: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        for byte in bytes { value = (value ^ UInt128(byte)) &* prime }
        return value
    }

    @Test func publishedTestVectors() {
        #expect(EventID.hex(EventID.fnv1a128([""])) == "6c62272e07bb014262b821756295c58d")
        #expect(EventID.hex(EventID.fnv1a128(["a"])) == "d228cb696f1a8caf78912b704e4a8964")
    }

    @Test func agreesWithTheFullMultiplyOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 7, 64, 1000, 4096] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var hash = EventID.FNV1a128()
            for byte in bytes { hash.add(byte) }
            #expect(hash.value == reference(bytes), "length \(length)")
        }
        let text = "杨浦区五角场镇 the 28th of June, 2013"
        #expect(EventID.fnv1a128([text]) == reference(Array(text.utf8)))
    }
}
