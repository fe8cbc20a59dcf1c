import PageModel
import Testing

@testable import PageParse

/// Reads fixtures from `../shared/` next to the package root (CI always has it).
enum SharedFixtures {
    static var root: String {
        // Tests/PageParseTests/SharedFixtures.swift -> package root -> ../shared
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/../shared"
    }

    /// Pages written by hand for these tests, in `Tests/Fixtures/pages/`.
    static var handWrittenRoot: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)
        return parts.joined(separator: "/") + "/Fixtures/pages"
    }

    static func text(_ relativePath: String) throws -> String {
        try text(atPath: root + "/" + relativePath, named: "../shared/" + relativePath)
    }

    static func handWritten(_ name: String) throws -> String {
        try text(atPath: handWrittenRoot + "/" + name, named: "Tests/Fixtures/pages/" + name)
    }

    private static func text(atPath path: String, named relativePath: String) throws -> String {
        guard let file = fopen(path, "rb") else {
            Issue.record("the fixture \(relativePath) is absent (looked at \(path))")
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

    /// `text` parsed, which must give a node page.
    static func nodePage(_ text: String, named file: String) throws -> ParsedNodePage {
        let page = try PageParser().parse(text)
        guard case .node(let node) = page else {
            Issue.record("\(file): expected a node page, got \(page)")
            throw FixtureMissing(path: file)
        }
        return node
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
