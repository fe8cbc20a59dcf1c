import Testing

/// Reads fixtures from `../shared/` next to the package root (CI always has it).
enum SharedFixtures {
    static var root: String {
        // Tests/PageParseTests/SharedFixtures.swift -> package root -> ../shared
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/../shared"
    }

    static func text(_ relativePath: String) throws -> String {
        let path = root + "/" + relativePath
        guard let file = fopen(path, "rb") else {
            Issue.record("the fixture ../shared/\(relativePath) is absent (looked at \(path))")
            throw FixtureMissing(path: relativePath)
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct FixtureMissing: Error { var path: String }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
