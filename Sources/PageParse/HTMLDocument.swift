/// One node of a flat, document-ordered tree: an element's descendants are the nodes
/// `index + 1 ..< end`, so subtree walks are plain index ranges and need no child lists.
struct HTMLNode: Sendable {
    enum Kind: UInt8, Sendable { case element, text, comment, rawText }
    var kind: Kind
    var tag: HTMLTag
    /// Elements: the name's first byte (attributes follow it); others: their content's first byte.
    var start: Int
    /// Elements: bytes of name plus attributes; others: content length.
    var length: Int
    /// One past the last descendant's index.
    var end: Int
    /// The parent element's index, or -1 at the top level.
    var parent: Int
    var nameLength = 0

    init(kind: Kind, tag: HTMLTag, start: Int, length: Int, end: Int, parent: Int) {
        self.kind = kind
        self.tag = tag
        self.start = start
        self.length = length
        self.end = end
        self.parent = parent
    }
}

/// A parsed page: its bytes and its nodes, with the few queries the page parsers need.
struct HTMLDocument {
    let bytes: [UInt8]
    let nodes: [HTMLNode]

    /// Indices of elements with `tag`, in document order.
    func elements(_ tag: HTMLTag) -> [Int] {
        nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].tag == tag }
    }

    /// The decoded value of attribute `name` (ASCII, lower case) on element `index`.
    func attribute(_ name: String, of index: Int) -> String? {
        let node = nodes[index]
        guard node.kind == .element else { return nil }
        let wanted = Array(name.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            var cursor = node.start + node.nameLength
            let end = node.start + node.length
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == UInt8(ascii: "/") }
            while cursor < end {
                while cursor < end, isSpace(buffer[cursor]) { cursor += 1 }
                let nameStart = cursor
                while cursor < end, !isSpace(buffer[cursor]), buffer[cursor] != UInt8(ascii: "=") { cursor += 1 }
                let nameEnd = cursor
                while cursor < end, buffer[cursor] == 0x20 { cursor += 1 }
                var valueStart = cursor
                var valueEnd = cursor
                if cursor < end, buffer[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < end, buffer[cursor] == 0x20 { cursor += 1 }
                    if cursor < end, buffer[cursor] == UInt8(ascii: "\"") || buffer[cursor] == UInt8(ascii: "'") {
                        let quote = buffer[cursor]
                        cursor += 1
                        valueStart = cursor
                        while cursor < end, buffer[cursor] != quote { cursor += 1 }
                        valueEnd = cursor
                        cursor = min(cursor + 1, end)
                    } else {
                        valueStart = cursor
                        while cursor < end, !isSpace(buffer[cursor]) || buffer[cursor] == UInt8(ascii: "/") { cursor += 1 }
                        valueEnd = cursor
                    }
                }
                if nameEnd - nameStart == wanted.count,
                    (0..<wanted.count).allSatisfy({ buffer[nameStart + $0] | 0x20 == wanted[$0] | 0x20 })
                {
                    var text = TextBuilder()
                    text.append(buffer[valueStart..<valueEnd], decodeEntities: true)
                    return text.take()
                }
                if cursor == nameStart { cursor += 1 }
            }
            return nil
        }
    }

    /// True when the element's `class` attribute lists `name`.
    func hasClass(_ name: String, _ index: Int) -> Bool {
        guard let classes = attribute("class", of: index) else { return false }
        return classes.split(separator: " ").contains { $0.lowercased() == name }
    }

    func id(of index: Int) -> String? { attribute("id", of: index) }

    /// First element whose `id` is `name` (case-insensitive).
    func element(withID name: String) -> Int? {
        nodes.indices.first { nodes[$0].kind == .element && id(of: $0)?.lowercased() == name }
    }

    /// The visible text of a node range as one normalized line; block boundaries become spaces,
    /// scripts, styles and comments are skipped. `skipping` leaves out chosen subtrees.
    func text(_ range: Range<Int>, skipping: (Int) -> Bool = { _ in false }) -> String {
        var builder = TextBuilder()
        bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                let node = nodes[index]
                switch node.kind {
                case .text:
                    builder.append(buffer[node.start..<node.start + node.length], decodeEntities: true)
                case .element:
                    if skipping(index) { index = max(node.end, index + 1); continue }
                    if node.tag.isBlock { builder.appendSpace() }
                case .comment, .rawText:
                    break
                }
                index += 1
            }
        }
        return builder.take()
    }

    /// The visible text inside element `index`.
    func text(of index: Int, skipping: (Int) -> Bool = { _ in false }) -> String {
        text(index + 1..<max(index + 1, nodes[index].end), skipping: skipping)
    }

    /// Raw content of a comment or raw-text node, entities decoded when asked.
    func content(of index: Int, decodeEntities: Bool = false) -> String {
        let node = nodes[index]
        if !decodeEntities { return String(decoding: bytes[node.start..<node.start + node.length], as: UTF8.self) }
        var builder = TextBuilder()
        builder.append(bytes[node.start..<node.start + node.length], decodeEntities: true)
        return builder.take()
    }

    /// The document `<title>`, decoded.
    var title: String? {
        guard let element = elements(.title).first, element + 1 < nodes[element].end else { return nil }
        let text = content(of: element + 1, decodeEntities: true)
        return text.isEmpty ? nil : text
    }
}
