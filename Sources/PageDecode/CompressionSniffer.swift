/// Decides how a blob is compressed from its first bytes and the crawler's `Content-Encoding` hint.
///
/// The bytes win when they disagree with the hint: crawlers and caches often store a body already
/// decompressed while keeping the original header, or gzip a body whose header said nothing.
/// Raw deflate has no magic number, so it is only tried when the hint says `deflate` (or `zlib`) and the
/// bytes carry no zlib header: HTTP `deflate` means zlib by the RFC but raw deflate in some servers.
enum CompressionSniffer {
    static func detect(_ bytes: UnsafeRawBufferPointer, hint: BlobCompression?) -> BlobCompression {
        if looksLikeGzip(bytes) { return .gzip }
        if hasZlibHeader(bytes, strict: hint != .zlib && hint != .deflate) { return .zlib }
        switch hint {
        case .deflate?, .zlib?: return .deflate
        default: return .none
        }
    }

    /// gzip magic `1f 8b` followed by compression method 8 (deflate), the only one defined.
    static func looksLikeGzip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 8
    }

    /// A zlib header is CMF (method 8, window <= 32 KB) and FLG with `(CMF*256 + FLG) % 31 == 0`.
    /// Without a hint only CMF `0x78` (the 32 KB window every encoder uses) without a preset dictionary is
    /// accepted, which keeps plain text starting with e.g. `H` or `x ` from being mistaken for zlib.
    static func hasZlibHeader(_ bytes: UnsafeRawBufferPointer, strict: Bool) -> Bool {
        guard bytes.count >= 2 else { return false }
        let cmf = bytes[0], flg = bytes[1]
        guard cmf & 0x0F == 8, cmf >> 4 <= 7, (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { return false }
        if strict { return cmf == 0x78 && flg & 0x20 == 0 }
        return true
    }
}
