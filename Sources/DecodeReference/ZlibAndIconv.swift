import ByteText
import PageDecode

/// The decoder as pagepipe had it before the rewrite: zlib's streaming inflate and glibc iconv for
/// GB18030. Not shipped: it is the reference the tests hold the shipped decoder against (same text,
/// same charset, same errors on every blob) and the "before" column of the benchmark.
extension BlobDecoder {
    public static func zlibAndIconv(limits: DecodeLimits = DecodeLimits()) -> BlobDecoder {
        BlobDecoder(limits: limits, engine: DecodeEngine(
            inflate: { bytes, format, limit throws(DecodeError) in try Inflater.inflateWithZlib(bytes, format: format, limit: limit) },
            gb18030: IconvGB18030.decode))
    }
}

public enum IconvGB18030 {
    /// GB18030 bytes as a String through glibc iconv, nil when iconv refuses them.
    public static func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        // iconv's UTF-8 encoder writes only valid UTF-8 (it refuses surrogates and values past
        // U+10FFFF), so the String is made without validating the output again.
        let output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count * 2 + 16)
        defer { output.deallocate() }
        switch IconvConverter.convert(bytes, from: "GB18030", to: "UTF-8", into: output) {
        case .success(let written): return String(validUTF8: UnsafeBufferPointer(rebasing: output[..<written]))
        case .failure: return nil
        }
    }
}
