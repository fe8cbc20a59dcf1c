import Testing
@testable import PageModel

/// `ContentID.inLink` searches the link's bytes in place; it must find exactly the id that the
/// plain rule finds on a lower-cased copy of the file name, on every combination of the pieces
/// that sit on its edges (prefixes in any case, separators, query and fragment, non-ASCII).
@Suite struct ContentIDTests {
    static let pieces: [String] = [
        "content_", "Content_", "CONTENT_", "nw.", "NW.", "node_", "12", "0", "a", "Z", "_", "-", ".", "/", "?", "#", "版", "é",
    ]

    /// The rule as written before the in-place search: lower-case the last path segment, then at
    /// each position after a non-letter, non-digit try `content_<digits>` and `nw.<id bytes>`.
    static func reference(_ href: String) -> String? {
        let link = Array(href.utf8)
        let end = link.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? link.count
        let start = (link[..<end].lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        let file = link[start..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        func isLetterOrDigit(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        for index in file.indices where index == 0 || !isLetterOrDigit(file[index - 1]) {
            let rest = file[index...]
            if rest.starts(with: "content_".utf8), rest.count > 8 {
                let digits = rest.dropFirst(8).prefix { $0 >= 0x30 && $0 <= 0x39 }
                if !digits.isEmpty { return "content_" + String(decoding: digits, as: UTF8.self) }
            }
            if rest.starts(with: "nw.".utf8), rest.count > 3 {
                let name = rest.dropFirst(3).prefix { isLetterOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
                if !name.isEmpty { return "nw." + String(decoding: name, as: UTF8.self) }
            }
        }
        return nil
    }

    @Test func inLinkAgreesWithTheRuleOnEveryShortCombination() {
        var checked = 0
        for first in Self.pieces {
            for second in Self.pieces {
                for third in Self.pieces {
                    let href = first + second + third
                    #expect(ContentID.inLink(href) == Self.reference(href), "\(href)")
                    #expect(ContentID.inLink("./" + href + ".htm") == Self.reference("./" + href + ".htm"), "\(href)")
                    checked += 1
                }
            }
        }
        #expect(checked == Self.pieces.count * Self.pieces.count * Self.pieces.count)
    }
}
