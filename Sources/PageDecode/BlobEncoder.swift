import CZlib

/// The reverse of `BlobDecoder`, for `pagepipe produce`, the corpus generator and tests.
public enum BlobEncoder {
    /// Compresses `bytes` in one zlib call; `.none` returns them as they are. `level` is clamped to 0…9.
    public static func compress(_ bytes: [UInt8], as compression: BlobCompression, level: Int32 = 6) -> [UInt8] {
        guard compression != .none else { return bytes }
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, min(max(level, 0), 9), Z_DEFLATED, compression.windowBits, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // Only Z_MEM_ERROR is possible with these fixed, valid parameters.
        precondition(status == Z_OK, "zlib deflateInit2_ failed with status \(status): out of memory")
        defer { deflateEnd(&stream) }
        // deflateBound is exact for one Z_FINISH call; the gzip header/trailer margin is included.
        let capacity = Int(deflateBound(&stream, UInt(bytes.count))) + 32
        return bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: capacity) { output, written in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = UInt32(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "zlib deflate did not finish within deflateBound (status \(result))")
                written = output.count - Int(stream.avail_out)
            }
        }
    }

    /// Writes `text` in `charset` (glibc iconv from UTF-8). Throws `.unsupportedEncoding` when the text
    /// has a character the charset lacks (GBK has no CJK Extension A or B characters; GB18030 has all).
    public static func encode(_ text: String, as charset: PageCharset) throws(DecodeError) -> [UInt8] {
        var utf8 = text
        if charset == .utf8 { return Array(utf8.utf8) }
        let result: Result<[UInt8], DecodeError> = utf8.withUTF8 { input in
            let raw = UnsafeRawBufferPointer(input)
            var failure: IconvConverter.Failure?
            let bytes = [UInt8](unsafeUninitializedCapacity: input.count * 2 + 16) { output, written in
                switch IconvConverter.convert(raw, from: "UTF-8", to: charset.iconvName, into: output) {
                case .success(let count): written = count
                case .failure(let error): failure = error; written = 0
                }
            }
            switch failure {
            case nil: return .success(bytes)
            case .invalidSequence(let offset)?:
                let character = String(decoding: input[offset...].prefix(4), as: UTF8.self).first.map(String.init) ?? "?"
                return .failure(DecodeError(.unsupportedEncoding, "cannot encode text as \(charset.rawValue): \"\(character)\" at UTF-8 offset \(offset) has no \(charset.rawValue) form; use gb18030 for such characters"))
            case .unavailable(let what)?:
                return .failure(DecodeError(.unsupportedEncoding, "cannot encode text as \(charset.rawValue): iconv has no converter \(what); install glibc's gconv modules"))
            }
        }
        return try result.get()
    }
}
