import CLibdeflate
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libdeflate's whole-buffer inflate, for `Inflater`: it needs the output buffer up front, and in
/// return decodes several times faster than zlib's streaming inflate on small pages.
///
/// libdeflate is more lenient than zlib with damaged deflate data (it decodes some invalid codes
/// that zlib refuses), so it only serves streams whose result is checked: gzip (CRC-32) and zlib
/// (Adler-32). A mismatch, or damaged data inflating past the cap, goes to zlib, which decides
/// between corrupt, truncated and too large exactly as before.
enum WholeBufferInflater {
    /// The inflated bytes, or nil when zlib must take over: raw deflate (no checksum), a gzip blob
    /// with another member after the first, a damaged or cut stream, or one that does not fit in
    /// `limit` bytes (zlib stops right after the cap, or first meets the damage that made it long).
    static func inflate(_ bytes: UnsafeRawBufferPointer, format: BlobCompression, limit: Int) -> [UInt8]? {
        guard format == .gzip || format == .zlib, let decompressor = ThreadDecompressor.current else { return nil }
        var capacity = min(limit, initialCapacity(bytes, format: format))
        while true {
            var result = LIBDEFLATE_BAD_DATA
            var consumed = 0
            let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                var produced = 0
                result = run(decompressor, format, bytes, buffer, &consumed, &produced)
                initialized = result == LIBDEFLATE_SUCCESS ? produced : 0
            }
            switch result {
            case LIBDEFLATE_SUCCESS:
                if format == .gzip, Inflater.hasAnotherGzipMember(bytes, at: consumed) { return nil }
                return output
            case LIBDEFLATE_INSUFFICIENT_SPACE:
                guard capacity < limit else { return nil }
                capacity = min(limit, capacity * 4)
            default:
                return nil
            }
        }
    }

    /// gzip's trailer holds the size of the (last) member modulo 2³², exact for a single-member page;
    /// zlib and raw deflate say nothing, and HTML rarely inflates to more than eight times its size.
    /// A wrong guess costs one more pass (the buffer grows fourfold), never a wrong result.
    private static func initialCapacity(_ bytes: UnsafeRawBufferPointer, format: BlobCompression) -> Int {
        let guess = bytes.count * 8 + 16_384
        guard format == .gzip, bytes.count >= 18 else { return guess }
        let trailer = Int(bytes.loadUnaligned(fromByteOffset: bytes.count - 4, as: UInt32.self).littleEndian)
        return trailer > 0 ? trailer : guess
    }

    private static func run(
        _ decompressor: OpaquePointer, _ format: BlobCompression, _ input: UnsafeRawBufferPointer,
        _ output: UnsafeMutableBufferPointer<UInt8>, _ consumed: inout Int, _ produced: inout Int
    ) -> libdeflate_result {
        switch format {
        case .gzip:
            libdeflate_gzip_decompress_ex(decompressor, input.baseAddress, input.count, output.baseAddress, output.count, &consumed, &produced)
        case .zlib:
            libdeflate_zlib_decompress_ex(decompressor, input.baseAddress, input.count, output.baseAddress, output.count, &consumed, &produced)
        case .deflate, .none:
            LIBDEFLATE_BAD_DATA  // never asked: raw deflate has no checksum to catch lenient decoding
        }
    }
}

/// One libdeflate decompressor per thread, made for the thread's first page and freed when the
/// thread ends. A decompressor holds no state between calls but costs an allocation and a 12 KB
/// clear to make, which every page paid when each inflate made its own; it must not be shared
/// between threads at once, hence one per thread.
private enum ThreadDecompressor {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let created = pthread_key_create(&key) { decompressor in
            if let decompressor { libdeflate_free_decompressor(OpaquePointer(decompressor)) }
        }
        precondition(created == 0, "pthread_key_create failed (\(created)): the process is out of thread-specific keys")
        return key
    }()

    /// Nil only when libdeflate cannot allocate; zlib then takes over.
    static var current: OpaquePointer? {
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        guard let made = libdeflate_alloc_decompressor() else { return nil }
        pthread_setspecific(key, UnsafeRawPointer(made))
        return made
    }
}
