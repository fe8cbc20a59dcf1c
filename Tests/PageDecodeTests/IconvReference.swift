#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc iconv with one open descriptor, sequence by sequence: the reference the table-driven
/// GB18030 decoder must match on every code point (opening a descriptor per sequence, as the old
/// decoding path did, would take minutes over 1.6 million four-byte sequences).
final class IconvReference {
    enum Outcome: Equatable {
        /// Every byte converted; the output bytes.
        case converted([UInt8])
        /// iconv refused a sequence (EILSEQ).
        case refused
        /// The input ended inside a sequence (EINVAL); what came before it.
        case incomplete([UInt8])
    }

    private let descriptor: iconv_t
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(from source: String, to target: String) {
        descriptor = iconv_open(target, source)
        precondition(descriptor != iconv_t(bitPattern: -1), "glibc iconv has no \(source) → \(target) converter; install glibc's gconv modules")
    }

    deinit { iconv_close(descriptor) }

    func convert(_ input: [UInt8]) -> Outcome {
        precondition(input.count * 4 + 16 <= output.count, "IconvReference takes inputs up to 16 KB")
        iconv(descriptor, nil, nil, nil, nil)
        var copy = input
        return copy.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBytes.count
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBytes.count
                let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                let written = Array(outBytes.prefix(outBytes.count - outLeft))
                if status != -1 { return .converted(written) }
                return errno == EINVAL ? .incomplete(written) : .refused
            }
        }
    }
}
