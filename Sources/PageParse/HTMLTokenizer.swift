import ByteText
import PageModel

/// A lenient HTML tokenizer and tree builder over UTF-8 bytes.
///
/// Hand-written because no HTML parser package is available to this project, and e-paper pages
/// need only a tolerant tokenizer (uppercase tags, unquoted attributes, unclosed `<P>`/`<li>`,
/// two `<body>`s, comments after `</html>`), not an HTML5-conformant DOM. It makes one pass,
/// never backtracks, bounds end-tag matching and nesting depth, so hostile input stays linear.
struct HTMLTokenizer {
    /// Deeper elements are kept as siblings instead of children; real pages nest < 40 levels.
    static let maximumDepth = 512
    /// How far down the open-element stack an end tag looks for its start tag.
    static let endTagSearchLimit = 48

    /// The document of `bytes`, or nil once it would have more than `maxNodes` nodes: the walk
    /// stops there, so a flood of tags costs its first `maxNodes` nodes, not its whole length.
    /// It also stops when `deadline` passes.
    static func parse(_ bytes: [UInt8], maxNodes: Int, deadline: PageDeadline = .none) throws(PageDeadline.Passed) -> HTMLDocument? {
        var nodes: [HTMLNode] = []
        var tagCounts: [Int] = []
        var comments: [Int] = []
        let outcome = bytes.withUnsafeBufferPointer { buffer -> Result<Bool, PageDeadline.Passed> in
            var builder = TreeBuilder(buffer: buffer, maxNodes: maxNodes, expectedNodes: min(bytes.count / 24, maxNodes))
            var countdown = deadline.countdown()
            do throws(PageDeadline.Passed) {
                guard try builder.run(&countdown) else { return .success(false) }
            } catch {
                return .failure(error)
            }
            nodes = builder.nodes.array()
            tagCounts = builder.tagCounts.array()
            comments = builder.comments
            return .success(true)
        }
        guard try outcome.get() else { return nil }
        let (elementsByTag, tagStarts) = groupElementsByTag(nodes, counts: tagCounts)
        return HTMLDocument(bytes: bytes, nodes: nodes, elementsByTag: elementsByTag, tagStarts: tagStarts, comments: comments)
    }

    /// Where a start tag's attributes end: the first `>` outside a quoted value, or the end of
    /// the page. A quote opens a value only when the last non-space byte before it (after the
    /// name) is `=`, so a stray quote in broken markup cannot swallow the rest of the page. Only
    /// quotes and `>` matter, so they are searched for a word at a time, and the byte before a
    /// quote is looked up backwards (a previous value's closing quote stops that look).
    static func attributesEnd(in buffer: UnsafeBufferPointer<UInt8>, from nameStop: Int) -> Int {
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        let end = buffer.count
        var index = nameStop
        while true {
            index = buffer.index(ofAny: UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), from: index, to: end)
            guard index < end else { return end }
            let quote = buffer[index]
            if quote == UInt8(ascii: ">") { return index }
            var before = index - 1
            while before >= nameStop, isSpace(buffer[before]) { before -= 1 }
            guard before >= nameStop, buffer[before] == UInt8(ascii: "=") else {
                index += 1
                continue
            }
            let closing = buffer.index(of: quote, from: index + 1, to: end)
            guard closing < end else { return end }
            index = closing + 1
        }
    }

    /// Element indices grouped by tag, each group in document order, in one array (a counting
    /// sort over the counts kept while tokenizing): one allocation instead of a growing array
    /// per tag. `starts[tag] ..< starts[tag + 1]` is a tag's group.
    private static func groupElementsByTag(_ nodes: [HTMLNode], counts: [Int]) -> (elements: [Int], starts: [Int]) {
        var starts = [Int](repeating: 0, count: counts.count + 1)
        for tag in counts.indices { starts[tag + 1] = starts[tag] + counts[tag] }
        var next = starts
        let elements = [Int](unsafeUninitializedCapacity: starts[counts.count]) { grouped, initialized in
            for index in nodes.indices where nodes[index].kind == .element {
                let tag = Int(nodes[index].tag.rawValue)
                grouped[next[tag]] = index
                next[tag] += 1
            }
            initialized = starts[counts.count]
        }
        return (elements, starts)
    }
}

/// Owns its node buffers, which free themselves when the builder goes away.
private struct TreeBuilder: ~Copyable {
    let buffer: UnsafeBufferPointer<UInt8>
    let maxNodes: Int
    var nodes: UncheckedBuffer<HTMLNode>
    var tagCounts: UncheckedBuffer<Int>
    /// The open-element stack, never deeper than `HTMLTokenizer.maximumDepth`.
    var open: UncheckedBuffer<Int>
    var comments: [Int] = []

    init(buffer: UnsafeBufferPointer<UInt8>, maxNodes: Int, expectedNodes: Int) {
        self.buffer = buffer
        self.maxNodes = maxNodes
        nodes = UncheckedBuffer(capacity: expectedNodes)
        tagCounts = UncheckedBuffer(capacity: HTMLTag.caseCount)
        for _ in 0..<HTMLTag.caseCount { tagCounts.append(0) }
        open = UncheckedBuffer(capacity: HTMLTokenizer.maximumDepth)
    }

    /// Builds the tree; false as soon as it has more than `maxNodes` nodes (nodes are only ever
    /// added, and a round adds at most three, so the tree never outgrows the cap by more).
    mutating func run(_ countdown: inout DeadlineCountdown) throws(PageDeadline.Passed) -> Bool {
        let end = buffer.count
        var index = 0
        var textStart = 0
        while index < end {
            guard nodes.count <= maxNodes else { return false }
            try countdown.tick("reading the HTML's tags")
            index = nextLessThan(from: index)
            guard index + 1 < end else { break }
            let next = buffer[index + 1]
            if isLetter(next) {
                addText(textStart, index)
                index = startTag(at: index)
                textStart = index
            } else if next == UInt8(ascii: "/"), index + 2 < end, isLetter(buffer[index + 2]) {
                addText(textStart, index)
                index = endTag(at: index)
                textStart = index
            } else if next == UInt8(ascii: "!") {
                addText(textStart, index)
                index = commentOrDeclaration(at: index)
                textStart = index
            } else if next == UInt8(ascii: "?") {
                addText(textStart, index)
                index = skip(past: UInt8(ascii: ">"), from: index + 2)
                textStart = index
            } else {
                index += 1
            }
        }
        addText(textStart, end)
        while !open.isEmpty { nodes[open.removeLast()].end = nodes.count }
        return nodes.count <= maxNodes
    }

    /// The next `<` at or after `start`, or the end. Tags are dense: the next one mostly lies
    /// within a few bytes (`</td><td>`, a line break and indentation), where testing two words
    /// (`WordBytes`, whose lowest flag is exact) costs less than a memchr call.
    @inline(__always)
    private func nextLessThan(from start: Int) -> Int {
        guard start + 16 <= buffer.count, let base = buffer.baseAddress else {
            return buffer.index(of: UInt8(ascii: "<"), from: start, to: buffer.count)
        }
        let raw = UnsafeRawPointer(base)
        let first = WordBytes.equal(raw.loadUnaligned(fromByteOffset: start, as: UInt64.self), UInt8(ascii: "<"))
        if first != 0 { return start + first.trailingZeroBitCount / 8 }
        let second = WordBytes.equal(raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self), UInt8(ascii: "<"))
        if second != 0 { return start + 8 + second.trailingZeroBitCount / 8 }
        return buffer.index(of: UInt8(ascii: "<"), from: start + 16, to: buffer.count)
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private func skip(past terminator: UInt8, from start: Int) -> Int {
        var index = start
        while index < buffer.count, buffer[index] != terminator { index += 1 }
        return min(index + 1, buffer.count)
    }

    /// A tag name from `start` to the first space, `/` or `>`, and its tag. The name's first
    /// eight bytes are packed for `HTMLTag.named(key:)` in the same pass.
    private func tagName(from start: Int) -> (stop: Int, tag: HTMLTag) {
        // Delimiters as a bit set over 0..<64: tab, line feed, form feed, carriage return, space, `/`, `>`.
        let delimiters: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0C | 1 << 0x0D | 1 << 0x20 | 1 << 0x2F | 1 << 0x3E
        var index = start
        var key: UInt64 = 0
        while index < buffer.count {
            let byte = buffer[index]
            if byte < 64, (delimiters >> UInt64(byte)) & 1 != 0 { break }
            key = key &<< 8 | UInt64(UTF8Bytes.asciiLower(byte))
            index += 1
        }
        return (index, HTMLTag.named(key: key, buffer, from: start, to: index))
    }

    private mutating func addText(_ start: Int, _ end: Int) {
        guard end > start else { return }
        let parent = open.last ?? -1
        nodes.append(HTMLNode(kind: .text, tag: .other, start: start, length: end - start, end: nodes.count + 1, parent: parent))
    }

    /// Parses `<name attrs…>`; quotes count only when they open an attribute value, so a stray
    /// quote in text cannot swallow the rest of the page.
    private mutating func startTag(at lessThan: Int) -> Int {
        let nameStart = lessThan + 1
        let (nameStop, tag) = tagName(from: nameStart)
        // Most tags end right after their name (`<p>`, `<td>`): then there are no attributes to skip.
        let attributesEnd = nameStop < buffer.count && buffer[nameStop] == UInt8(ascii: ">") ? nameStop : HTMLTokenizer.attributesEnd(in: buffer, from: nameStop)
        let selfClosing = attributesEnd > nameStop && buffer[attributesEnd - 1] == UInt8(ascii: "/")
        let after = min(attributesEnd + 1, buffer.count)

        closeImplicitly(before: tag)
        let parent = open.last ?? -1
        let nodeIndex = nodes.count
        var node = HTMLNode(kind: .element, tag: tag, start: nameStart, length: attributesEnd - nameStart, end: nodeIndex + 1, parent: parent)
        node.nameLength = nameStop - nameStart
        nodes.append(node)
        tagCounts[Int(tag.rawValue)] += 1
        if tag.isRawText, !selfClosing {
            return rawText(of: tag, element: nodeIndex, from: after)
        }
        if !tag.isVoid, !selfClosing, open.count < HTMLTokenizer.maximumDepth {
            open.append(nodeIndex)
        }
        return after
    }

    /// `<p>` closes an open `<p>`, `<li>` an open `<li>`, a cell an open cell: the unclosed
    /// forms GBK-era templates are full of.
    private mutating func closeImplicitly(before tag: HTMLTag) {
        guard let top = open.last else { return }
        let topTag = nodes[top].tag
        let closes: Bool
        switch tag {
        case .p: closes = topTag == .p
        case .li: closes = topTag == .li
        case .td, .th: closes = topTag == .td || topTag == .th
        case .tr: closes = topTag == .td || topTag == .th || topTag == .tr
        case .option: closes = topTag == .option
        default: closes = false
        }
        if closes {
            open.removeLast()
            nodes[top].end = nodes.count
            if tag == .tr, let next = open.last, nodes[next].tag == .tr {
                open.removeLast()
                nodes[next].end = nodes.count
            }
        }
    }

    private mutating func rawText(of tag: HTMLTag, element: Int, from start: Int) -> Int {
        let name: StaticString = tag == .script ? "script" : tag == .style ? "style" : tag == .title ? "title" : "textarea"
        var index = start
        var contentEnd = buffer.count
        let last = buffer.count - (name.utf8CodeUnitCount + 2)
        while index <= last {
            index = buffer.index(of: UInt8(ascii: "<"), from: index, to: last + 1)
            guard index <= last else { break }
            if buffer[index + 1] == UInt8(ascii: "/"), buffer.hasPrefixIgnoringASCIICase(name, from: index + 2, to: buffer.count) {
                contentEnd = index
                break
            }
            index += 1
        }
        if contentEnd > start {
            nodes.append(HTMLNode(kind: .rawText, tag: .other, start: start, length: contentEnd - start, end: nodes.count + 1, parent: element))
        }
        nodes[element].end = nodes.count
        return contentEnd == buffer.count ? contentEnd : skip(past: UInt8(ascii: ">"), from: contentEnd)
    }

    private mutating func endTag(at lessThan: Int) -> Int {
        let nameStart = lessThan + 2
        let (nameStop, tag) = tagName(from: nameStart)
        let after = skip(past: UInt8(ascii: ">"), from: nameStop)
        // `</body>`/`</html>` are ignored: pages put content (two bodies, trailing comments) after them.
        guard tag != .body, tag != .html else { return after }
        var depth = open.count - 1
        let lowest = max(0, open.count - HTMLTokenizer.endTagSearchLimit)
        while depth >= lowest {
            let candidate = nodes[open[depth]]
            if candidate.tag == tag, tag != .other || sameName(candidate, nameStart, nameStop) {
                while open.count > depth {
                    let popped = open.removeLast()
                    nodes[popped].end = nodes.count
                }
                break
            }
            depth -= 1
        }
        return after
    }

    private func sameName(_ node: HTMLNode, _ start: Int, _ stop: Int) -> Bool {
        guard node.nameLength == stop - start else { return false }
        for offset in 0..<node.nameLength where buffer[node.start + offset] | 0x20 != buffer[start + offset] | 0x20 {
            return false
        }
        return true
    }

    private mutating func commentOrDeclaration(at lessThan: Int) -> Int {
        let end = buffer.count
        guard lessThan + 3 < end, buffer[lessThan + 2] == UInt8(ascii: "-"), buffer[lessThan + 3] == UInt8(ascii: "-") else {
            return skip(past: UInt8(ascii: ">"), from: lessThan + 2)  // <!DOCTYPE …>
        }
        let contentStart = lessThan + 4
        // The first `-->` at or after the content's start, found from its `>` with memchr:
        // `enpproperty` comments run to hundreds of bytes.
        var close = contentStart + 2
        while true {
            close = buffer.index(of: UInt8(ascii: ">"), from: close, to: end)
            if close >= end || (buffer[close - 1] == UInt8(ascii: "-") && buffer[close - 2] == UInt8(ascii: "-")) { break }
            close += 1
        }
        let contentEnd = close < end ? close - 2 : end
        let parent = open.last ?? -1
        comments.append(nodes.count)
        nodes.append(HTMLNode(kind: .comment, tag: .other, start: contentStart, length: max(0, contentEnd - contentStart), end: nodes.count + 1, parent: parent))
        return min(contentEnd + 3, end)
    }
}
