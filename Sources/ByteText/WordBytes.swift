/// Byte tests on eight bytes at once ("Bit Twiddling Hacks": haszero, hasless), for the scans
/// that run over every byte of a page or an event: parsing, the text check while decoding, JSON
/// escaping (so they live here, in the layer all of those build on). Each returns a mask with the
/// high bit of a byte set for bytes that match; the lowest set bit is always exact (borrows only
/// run upwards), while bits above it may be false alarms, so callers take the lowest bit or
/// re-check the bytes.
public enum WordBytes {
    @inlinable public static var ones: UInt64 { 0x0101_0101_0101_0101 }
    @inlinable public static var highs: UInt64 { 0x8080_8080_8080_8080 }

    /// `byte` in every byte of a word.
    @inlinable @inline(__always)
    public static func repeating(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// Bytes equal to zero.
    @inlinable @inline(__always)
    public static func zeros(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// Bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 { zeros(word ^ repeating(byte)) }

    /// Bytes below `bound` (at most 0x80).
    @inlinable @inline(__always)
    public static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 { (word &- repeating(bound)) & ~word & highs }

    /// Bytes equal to `byte`, with no false alarms: for counting every match, not just the first.
    @inlinable @inline(__always)
    public static func exactlyEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ repeating(byte)
        let lows = repeating(0x7F)
        return ~(((difference & lows) &+ lows) | difference) & highs
    }

    /// Bytes below 0x20, with no false alarms.
    @inlinable @inline(__always)
    public static func exactlyBelowSpace(_ word: UInt64) -> UInt64 {
        ~(((word & repeating(0x7F)) &+ repeating(0x60)) | word) & highs
    }
}
