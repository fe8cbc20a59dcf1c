#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One conversion through glibc iconv, from UTF-8 or to UTF-8.
///
/// A descriptor is opened per call: an `iconv_t` carries shift state and must not be shared between
/// threads, and `iconv_open` for GB18030 costs about a microsecond once glibc has loaded the gconv
/// module, which is noise next to converting a page.
package enum IconvConverter {
    package enum Failure: Error {
        /// The converter could not be opened (the charset name is not installed).
        case unavailable(String)
        /// An invalid or unconvertible sequence at this input offset.
        case invalidSequence(offset: Int)
    }

    /// Converts `input` from `source` to `target`. Output is at most twice the input for the charsets
    /// here (GBK 2 bytes → 3 UTF-8, UTF-8 2 bytes → GB18030 4), so one buffer of 2n+16 always suffices.
    /// An incomplete multibyte sequence at the very end (a page cut mid-character) is dropped.
    package static func convert(
        _ input: UnsafeRawBufferPointer, from source: String, to target: String,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<Int, Failure> {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return .failure(.unavailable("\(source) → \(target)")) }
        defer { iconv_close(descriptor) }
        guard let inputBase = input.baseAddress, let outputBase = output.baseAddress else { return .success(0) }

        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
            mutating: inputBase.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBase)
            .assumingMemoryBound(to: CChar.self)
        var outLeft = output.count
        while inLeft > 0 {
            if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { continue }
            switch errno {
            case EINVAL:
                inLeft = 0  // incomplete sequence at the end: drop it
            case E2BIG:
                return .failure(.unavailable("output buffer too small for \(source) → \(target)"))
            default:
                return .failure(.invalidSequence(offset: input.count - inLeft))
            }
        }
        return .success(output.count - outLeft)
    }
}
