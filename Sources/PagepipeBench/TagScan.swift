import Foundation

/// Finds every `<`, packs the tag name that follows, skips to the next `>`: a lower bound on the
/// work of any tag-based parser (no attributes, quotes, comments, tree or text). Not pagepipe code.
func bareTagScan(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        var names = 0
        var index = 0
        while index < buffer.count {
            guard let less = memchr(base + index, 0x3C, buffer.count - index) else { break }
            index = base.distance(to: less.assumingMemoryBound(to: UInt8.self)) + 1
            var name: UInt64 = 0
            while index < buffer.count, buffer[index] != 0x20, buffer[index] != 0x3E, buffer[index] != 0x0A {
                name = name &<< 8 | UInt64(buffer[index] | 0x20)
                index += 1
            }
            guard let greater = memchr(base + index, 0x3E, buffer.count - index) else { break }
            index = base.distance(to: greater.assumingMemoryBound(to: UInt8.self)) + 1
            names &+= Int(truncatingIfNeeded: name)
        }
        return names
    }
}
