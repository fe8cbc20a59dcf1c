import CZlib

/// Inflates gzip, zlib or raw-deflate buffers into an array with a hard cap.
///
/// `inflate` runs libdeflate over the whole buffer (`WholeBufferInflater`), several times faster than
/// zlib on pages of a few KB, and hands over to zlib's streaming inflater for what libdeflate cannot
/// serve: raw deflate, concatenated gzip members, damaged or cut streams (whose error zlib names
/// precisely) and streams past the cap. Memory stays bounded by the cap either way: libdeflate
/// never writes past a buffer of at most `limit` bytes, and zlib produces fixed chunks and stops
/// right after `limit` bytes instead of reserving its claimed size; a zip bomb costs one libdeflate
/// pass up to the cap before zlib's.
public enum Inflater {
    /// zlib writes into this scratch chunk; appending it to the result is a memcpy, cheap next to inflate.
    private static let chunkSize = 64 << 10

    /// Inflates `bytes` as `format` (`.none` returns them unchanged). Concatenated gzip members are
    /// joined, as `gunzip` does; bytes after the end of the (last) stream are ignored.
    public static func inflate(
        _ bytes: UnsafeRawBufferPointer, format: BlobCompression, limit: Int
    ) throws(DecodeError) -> [UInt8] {
        try checkInput(bytes, format: format, limit: limit)
        if format == .none { return Array(bytes) }
        if let whole = WholeBufferInflater.inflate(bytes, format: format, limit: max(0, limit)) { return whole }
        return try inflateWithZlib(bytes, format: format, limit: limit)
    }

    /// The same with zlib's streaming inflater alone: what `inflate` falls back to, and the reference
    /// the benchmark measures libdeflate against.
    public static func inflateWithZlib(
        _ bytes: UnsafeRawBufferPointer, format: BlobCompression, limit: Int
    ) throws(DecodeError) -> [UInt8] {
        try checkInput(bytes, format: format, limit: limit)
        if format == .none { return Array(bytes) }
        let limit = max(0, limit)
        let input = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var stream = z_stream()
        let status = inflateInit2_(&stream, format.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DecodeError(.corrupt, "cannot start a zlib inflater (zlib status \(status)); the process may be out of memory")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input)
        stream.avail_in = UInt32(bytes.count)

        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(bytes.count * 4, chunkSize)) + 1)
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }

        while true {
            // Allow one byte past the limit so that "exactly at the limit" and "over it" differ.
            let room = min(chunkSize, limit - output.count + 1)
            stream.next_out = chunk
            stream.avail_out = UInt32(room)
            let result = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = room - Int(stream.avail_out)
            output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
            if output.count > limit { throw tooLarge(format, limit: limit) }

            switch result {
            case Z_STREAM_END:
                let consumed = bytes.count - Int(stream.avail_in)
                if format == .gzip, hasAnotherGzipMember(bytes, at: consumed) {
                    inflateReset(&stream)
                    continue
                }
                return output
            case Z_OK:
                if stream.avail_in == 0 && stream.avail_out > 0 { throw truncated(format, bytes.count, output.count) }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { throw truncated(format, bytes.count, output.count) }
                throw corrupt(format, stream, consumed: bytes.count - Int(stream.avail_in))
            case Z_NEED_DICT:
                throw DecodeError(.corrupt, "corrupt \(format.rawValue) stream: it needs a preset dictionary, which web pages never use; the bytes are probably not \(format.rawValue) data")
            case Z_MEM_ERROR:
                throw DecodeError(.corrupt, "cannot inflate \(format.rawValue) stream: zlib ran out of memory")
            default:
                throw corrupt(format, stream, consumed: bytes.count - Int(stream.avail_in))
            }
        }
    }

    private static func checkInput(_ bytes: UnsafeRawBufferPointer, format: BlobCompression, limit: Int) throws(DecodeError) {
        if format == .none {
            guard bytes.count <= max(0, limit) else { throw tooLarge(format, limit: max(0, limit)) }
            return
        }
        guard bytes.baseAddress != nil, bytes.count > 0 else {
            throw DecodeError(.empty, "empty \(format.rawValue) stream: there are no bytes to inflate")
        }
        guard bytes.count <= Int(UInt32.max) else {
            throw DecodeError(.tooLarge, "\(format.rawValue) stream of \(bytes.count) bytes is larger than zlib can take in one call")
        }
    }

    static func hasAnotherGzipMember(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + 2 < bytes.count && bytes[offset] == 0x1F && bytes[offset + 1] == 0x8B
    }

    private static func tooLarge(_ format: BlobCompression, limit: Int) -> DecodeError {
        DecodeError(.inflateTooLarge, "\(format.rawValue) stream inflates to more than the \(limit)-byte limit (maxInflatedBytes); stopped there. It is not a web page of any normal size and may be a zip bomb")
    }

    private static func truncated(_ format: BlobCompression, _ compressed: Int, _ inflated: Int) -> DecodeError {
        DecodeError(.truncated, "truncated \(format.rawValue) stream: ended after all \(compressed) compressed bytes (\(inflated) inflated) without its end marker; the blob was cut off in transit or in storage")
    }

    private static func corrupt(_ format: BlobCompression, _ stream: z_stream, consumed: Int) -> DecodeError {
        let zlibMessage = stream.msg.map { String(cString: $0) } ?? "invalid data"
        return DecodeError(.corrupt, "corrupt \(format.rawValue) stream: zlib says \"\(zlibMessage)\" near compressed byte \(consumed); the blob is damaged or is not \(format.rawValue) data")
    }
}
