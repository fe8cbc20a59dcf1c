import PageDecode

/// The hints a crawler would have sent with a page saved to a file, read from its name: raw
/// deflate has no magic bytes, so `.deflate` is the only way to know it; `.txt` is a plain-text
/// rendering. Explicit --content-encoding / --content-type flags win over these.
enum FileHints {
    static func hints(forPath path: String, encoding: String? = nil, type: String? = nil) -> BlobHints {
        let name = path.lowercased()
        let guessedEncoding: String? =
            if name.hasSuffix(".gz") { "gzip" }
            else if name.hasSuffix(".deflate") || name.hasSuffix(".zz") || name.hasSuffix(".zlib") { "deflate" }
            else { nil }
        let guessedType = name.contains(".txt") ? "text/plain" : "text/html"
        return BlobHints(contentEncoding: encoding ?? guessedEncoding, contentType: type ?? guessedType)
    }
}
