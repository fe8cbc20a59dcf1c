/// How a blob's bytes are wrapped. `deflate` is raw deflate (RFC 1951) with no header; a zlib stream
/// (RFC 1950) is `zlib` even when a server labelled it `Content-Encoding: deflate`.
public enum BlobCompression: String, Sendable, CaseIterable {
    case none, gzip, zlib, deflate

    /// zlib's `windowBits` for this wrapper: +16 selects the gzip header, a negative value raw deflate.
    var windowBits: Int32 {
        switch self {
        case .gzip: 15 + 16
        case .zlib, .none: 15
        case .deflate: -15
        }
    }

    /// Reads an HTTP `Content-Encoding` value (`gzip`, `x-gzip`, `deflate`, `identity`); nil when the
    /// value is absent or names something this decoder does not know (`br`), so the bytes decide.
    init?(contentEncoding: String?) {
        guard let value = contentEncoding?.trimmingCharacters(in: " \t").lowercased(), !value.isEmpty else {
            return nil
        }
        switch value {
        case "gzip", "x-gzip": self = .gzip
        case "deflate": self = .deflate
        case "zlib": self = .zlib
        case "identity", "none": self = .none
        default: return nil
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var view = Substring(self)
        while let first = view.first, set.contains(first) { view = view.dropFirst() }
        while let last = view.last, set.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
