import ByteText
import PageModel

/// Parses one decoded page (HTML or a plain-text rendering) into a `ParsedPage`.
///
/// The kind is read from structure, never from one template: plain text vs HTML from the
/// leading bytes and common tags; article vs node page from `founder-type`/`pagetype`
/// metadata, then from the presence of an article body or title versus a list of article links.
public struct PageParser: Sendable {
    public let limits: ParseLimits

    public init(limits: ParseLimits = ParseLimits()) {
        self.limits = limits
    }

    /// Parses one decoded page. `text` is the whole page (HTML or plain text). Past `deadline`,
    /// the page fails as `tooSlow`.
    public func parse(_ text: String, deadline: PageDeadline = .none) throws(ParseError) -> ParsedPage {
        let bytes = Array(text.utf8)
        guard hasVisibleCharacter(bytes) else {
            throw ParseError(.empty, "the page is empty or only whitespace (\(bytes.count) bytes); check the fetch and decode steps")
        }
        if looksBinary(bytes) {
            throw ParseError(.notAPage, "the input looks like binary data, not a decoded page: \(ParseError.preview(of: bytes))")
        }
        guard looksLikeHTML(bytes) else { return try PlainTextArticleParser(maxLines: limits.maxLines, deadline: deadline).parse(bytes) }
        guard bytes.count < Int32.max else {  // `HTMLNode` keeps offsets in 32 bits
            throw ParseError(.tooComplex, "HTML page of \(bytes.count) bytes, over 2 GiB: not a newspaper page; lower the decoder's size caps")
        }

        let tokenized: HTMLDocument?
        do { tokenized = try HTMLTokenizer.parse(bytes, maxNodes: limits.maxNodes, deadline: deadline) } catch { throw ParseError(error) }
        guard let document = tokenized else {
            throw ParseError(.tooComplex, "HTML page with more than \(limits.maxNodes) elements, text runs and comments (ParseLimits.maxNodes; \(bytes.count) bytes): a flood of markup, not a newspaper page: \(ParseError.preview(of: bytes))")
        }
        let metadata = PageMetadata(document)
        let navigation = PageNavigation(document, deadline: deadline)
        try deadline.checkParsing("reading the page's metadata")
        let node = NodePageParser(document: document, metadata: metadata, navigation: navigation)
        if metadata.pageType == "2" { return .node(try node.parse()) }
        let article = FounderArticleParser(document: document, metadata: metadata, navigation: navigation)
        if metadata.pageType == "1" || metadata.isWebCMS || hasArticleMarkers(document, article) {
            var parsed = try article.parse()
            parsed.contentID = metadata.contentID
            parsed.url = metadata.url
            return .article(parsed)
        }
        if try !navigation.articleLinks().isEmpty { return .node(try node.parse()) }
        throw ParseError(.notAPage, "HTML without an article body, title or article list (title: \(metadata.documentTitle ?? "none")): \(ParseError.preview(of: bytes))")
    }

    /// A title cell, `<founder-title>`/`<founder-content>`, or body text outside links.
    private func hasArticleMarkers(_ document: HTMLDocument, _ article: FounderArticleParser) -> Bool {
        if !document.elements(.founderContent).isEmpty || !document.elements(.founderTitle).isEmpty { return true }
        if article.titleCell != nil { return true }
        guard let body = article.bodyRange else { return false }
        return document.elements(.p).contains { paragraph in
            body.contains(paragraph) && document.nodes[paragraph].end - paragraph <= 256
                && document.text(of: paragraph).unicodeScalars.count >= 20
        }
    }

    /// Anything but ASCII whitespace, NBSP and U+3000.
    private func hasVisibleCharacter(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte <= 0x20 { index += 1; continue }
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 { index += 2; continue }
            if byte == 0xE3, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x80 { index += 3; continue }
            return true
        }
        return false
    }

    /// More than 1% control characters or replacement characters: not text.
    private func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = min(bytes.count, 64 * 1024)
        return PageParser.suspiciousBytes(in: bytes, sample: sample) * 100 > sample
    }

    /// Control bytes other than tab, line feed, form feed and carriage return, plus U+FFFD
    /// sequences, in the first `sample` bytes.
    static func suspiciousBytes(in bytes: [UInt8], sample: Int) -> Int {
        var suspicious = 0
        bytes.withUnsafeBufferPointer { buffer in
            // U+FFFD (EF BF BD), found from its last byte: BD is a rare continuation byte in
            // Chinese text, while EF leads all the full-width punctuation.
            var position = 2
            while position < sample {
                position = buffer.index(of: 0xBD, from: position, to: sample)
                guard position < sample else { break }
                if buffer[position - 1] == 0xBF, buffer[position - 2] == 0xEF { suspicious += 1 }
                position += 1
            }
            // A word at a time (`WordBytes`): words holding a byte below 0x20 are found four words
            // per test, and in text those are mostly words with a line break. For them the exact
            // per-byte mask (below 0x20, minus tab, line feed, form feed and carriage return) is
            // counted with one popcount instead of a loop over the bytes.
            let raw = UnsafeRawBufferPointer(buffer)
            @inline(__always) func mayHoldControl(_ word: UInt64) -> UInt64 { WordBytes.below(word, 0x20) }
            @inline(__always) func controls(_ word: UInt64) -> Int {
                let allowed = WordBytes.exactlyEqual(word, 0x09) | WordBytes.exactlyEqual(word, 0x0A)
                    | WordBytes.exactlyEqual(word, 0x0C) | WordBytes.exactlyEqual(word, 0x0D)
                return (WordBytes.exactlyBelowSpace(word) & ~allowed).nonzeroBitCount
            }
            var index = 0
            while index + 32 <= sample {
                let words = (
                    raw.loadUnaligned(fromByteOffset: index, as: UInt64.self), raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self),
                    raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self), raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self))
                index += 32
                guard mayHoldControl(words.0) | mayHoldControl(words.1) | mayHoldControl(words.2) | mayHoldControl(words.3) != 0 else { continue }
                suspicious += controls(words.0) + controls(words.1) + controls(words.2) + controls(words.3)
            }
            while index + 8 <= sample {
                suspicious += controls(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            while index < sample {
                let byte = buffer[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { suspicious += 1 }
                index += 1
            }
        }
        return suspicious
    }

    /// A tag at the start, or a structural tag / enpproperty comment within the first 64 KB.
    private func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let start = bytes.firstIndex(where: { $0 > 0x20 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) ?? 0
        if bytes[start] == UInt8(ascii: "<"), start + 1 < bytes.count {
            let next = bytes[start + 1] | 0x20
            if (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || next == UInt8(ascii: "!") | 0x20 { return true }
        }
        let window = bytes.prefix(64 * 1024)
        for marker in PageParser.markers where contains(window, marker) { return true }
        return false
    }

    private static let markers: [[UInt8]] = ["<html", "<body", "<table", "<div", "<p>", "<br", "<!--enpproperty", "<td"].map { Array($0.utf8) }

    private func contains(_ window: ArraySlice<UInt8>, _ marker: [UInt8]) -> Bool {
        guard window.count >= marker.count else { return false }
        var index = window.startIndex
        let last = window.endIndex - marker.count
        while index <= last {
            index = window.withUnsafeBufferPointer { buffer in
                window.startIndex + buffer.index(of: UInt8(ascii: "<"), from: index - window.startIndex, to: last + 1 - window.startIndex)
            }
            guard index <= last else { return false }
            if window[index] == UInt8(ascii: "<") {
                var offset = 1
                while offset < marker.count, window[index + offset] | 0x20 == marker[offset] | 0x20 || window[index + offset] == marker[offset] { offset += 1 }
                if offset == marker.count { return true }
            }
            index += 1
        }
        return false
    }
}
