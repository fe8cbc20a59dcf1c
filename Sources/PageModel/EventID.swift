/// Deterministic event ids: the same content identity gives the same id in every run, on every
/// worker and in every replay, so downstream consumers can dedupe redelivered events.
///
/// The id is FNV-1a over the identity fields, 128-bit so that collisions stay negligible at
/// billions of events. Written by hand because it is ten lines and no cryptographic strength is
/// needed (ids are not secrets); pulling in a crypto package for it would cost a minute of build.
public enum EventID {
    public static func article(paper: String?, date: String?, page: String?, title: String) -> String {
        "a-" + hex(fnv1a128(["article", paper ?? "", date ?? "", page ?? "", title]))
    }

    public static func page(paper: String?, date: String?, page: String) -> String {
        "p-" + hex(fnv1a128(["page", paper ?? "", date ?? "", page]))
    }

    static func fnv1a128(_ fields: [String]) -> UInt128 {
        let prime: UInt128 = (1 << 88) | 0x13B
        var hash: UInt128 = 0x6C62_272E_07BB_0142_62B8_2175_6295_C58D
        for (index, field) in fields.enumerated() {
            if index > 0 {  // a unit separator keeps ("ab","c") and ("a","bc") apart
                hash = (hash ^ 0x1F) &* prime
            }
            for byte in field.utf8 {
                hash = (hash ^ UInt128(byte)) &* prime
            }
        }
        return hash
    }

    static func hex(_ value: UInt128) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 32)
        var rest = value
        for index in stride(from: 31, through: 0, by: -1) {
            out[index] = digits[Int(rest & 0xF)]
            rest >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
