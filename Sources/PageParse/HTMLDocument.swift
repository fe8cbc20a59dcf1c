import ByteText

/// One node of a flat, document-ordered tree: an element's descendants are the nodes
/// `index + 1 ..< end`, so subtree walks are plain index ranges and need no child lists.
///
/// Offsets and indices are kept in 32 bits (`PageParser` refuses pages of 2 GiB and more, and
/// nodes stop at `ParseLimits.maxNodes`), so a node takes 24 bytes instead of 56: the tree of a
/// page is written once and read by every pass after, and its size is what those passes cost.
struct HTMLNode: Sendable {
    enum Kind: UInt8, Sendable { case element, text, comment, rawText }
    var kind: Kind
    var tag: HTMLTag
    /// Elements: the name's first byte (attributes follow it); others: their content's first byte.
    @StoredIn32Bits var start: Int
    /// Elements: bytes of name plus attributes; others: content length.
    @StoredIn32Bits var length: Int
    /// One past the last descendant's index.
    @StoredIn32Bits var end: Int
    /// The parent element's index, or -1 at the top level.
    @StoredIn32Bits var parent: Int
    @StoredIn32Bits var nameLength = 0

    init(kind: Kind, tag: HTMLTag, start: Int, length: Int, end: Int, parent: Int) {
        self.kind = kind
        self.tag = tag
        self.start = start
        self.length = length
        self.end = end
        self.parent = parent
    }
}

/// An `Int` kept in 32 bits, for `HTMLNode`'s offsets and indices.
@propertyWrapper
struct StoredIn32Bits: Sendable {
    private var stored: Int32

    init(wrappedValue: Int) { stored = Int32(truncatingIfNeeded: wrappedValue) }

    var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(truncatingIfNeeded: newValue) }
    }
}

/// A parsed page: its bytes and its nodes, with the few queries the page parsers need.
struct HTMLDocument {
    let bytes: [UInt8]
    let nodes: [HTMLNode]
    /// Element indices grouped by interned tag, each group in document order, so tag queries
    /// do not walk every node; `tagStarts[raw value]` is where a tag's group begins.
    let elementsByTag: [Int]
    let tagStarts: [Int]
    /// Comment node indices in document order: metadata and body markers live in comments.
    let comments: [Int]

    /// Indices of elements with `tag`, in document order.
    func elements(_ tag: HTMLTag) -> ArraySlice<Int> {
        let raw = Int(tag.rawValue)
        return elementsByTag[tagStarts[raw]..<tagStarts[raw + 1]]
    }

    /// The raw (undecoded) bytes of attribute `name`'s value on element `index`; names compare
    /// ASCII case-insensitively and `name` must be lower case.
    func attributeRange(_ name: StaticString, of index: Int) -> Range<Int>? {
        var found: Range<Int>?
        forEachAttribute(of: index) { buffer, attribute, value in
            guard Self.isName(name, buffer, attribute) else { return false }
            found = value
            return true
        }
        return found
    }

    /// `attributeRange` of two names, read in one pass over the tag.
    func attributeRanges(_ first: StaticString, _ second: StaticString, of index: Int) -> (Range<Int>?, Range<Int>?) {
        var found: (Range<Int>?, Range<Int>?)
        forEachAttribute(of: index) { buffer, attribute, value in
            if found.0 == nil, Self.isName(first, buffer, attribute) {
                found.0 = value
            } else if found.1 == nil, Self.isName(second, buffer, attribute) {
                found.1 = value
            }
            return found.0 != nil && found.1 != nil
        }
        return found
    }

    /// Whether the attribute name at `range` is `name` (lower case), compared ASCII case-insensitively.
    @inline(__always)
    private static func isName(_ name: StaticString, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count == name.utf8CodeUnitCount && buffer.equalsIgnoringASCIICase(name, from: range.lowerBound, to: range.upperBound)
    }

    /// Calls `visit` with each attribute's name and raw value range of element `index`, in order,
    /// until it returns true.
    @inline(__always)
    private func forEachAttribute(
        of index: Int, _ visit: (_ buffer: UnsafeBufferPointer<UInt8>, _ name: Range<Int>, _ value: Range<Int>) -> Bool
    ) {
        let node = nodes[index]
        guard node.kind == .element else { return }
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = node.start + node.nameLength
            let end = node.start + node.length
            // Byte classes as bit sets over 0..<64 (every byte that matters is ASCII below 0x40):
            // one shift and test per byte instead of a chain of comparisons.
            @inline(__always) func isIn(_ set: UInt64, _ byte: UInt8) -> Bool { byte < 64 && (set >> UInt64(byte)) & 1 != 0 }
            let whitespace: UInt64 = 1 << 0x20 | 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x0C
            let separators = whitespace | 1 << UInt64(UInt8(ascii: "/"))
            let nameEnds = separators | 1 << UInt64(UInt8(ascii: "="))
            while cursor < end {
                while cursor < end, isIn(separators, buffer[cursor]) { cursor += 1 }
                let nameStart = cursor
                while cursor < end, !isIn(nameEnds, buffer[cursor]) { cursor += 1 }
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
                        cursor = buffer.index(of: quote, from: cursor, to: end)
                        valueEnd = cursor
                        cursor = min(cursor + 1, end)
                    } else {
                        valueStart = cursor
                        while cursor < end, !isIn(whitespace, buffer[cursor]) { cursor += 1 }
                        valueEnd = cursor
                    }
                }
                if visit(buffer, nameStart..<nameEnd, valueStart..<valueEnd) { return }
                if cursor == nameStart { cursor += 1 }
            }
        }
    }

    /// The decoded value of attribute `name` (ASCII, lower case) on element `index`.
    func attribute(_ name: StaticString, of index: Int) -> String? {
        attributeRange(name, of: index).map(decodedValue)
    }

    /// A raw attribute value, its references decoded and whitespace normalized.
    func decodedValue(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var text = TextBuilder()
            text.append(buffer[range], decodeEntities: true)
            return text.take()
        }
    }

    /// True when decoding the raw value changes nothing: printable ASCII (spaces allowed when
    /// `allowingSpaces`), no references, so comparing bytes answers what comparing the decoded,
    /// lower-cased String would. Anything else takes the String path.
    func isVerbatim(_ range: Range<Int>, allowingSpaces: Bool) -> Bool {
        let lowest: UInt8 = allowingSpaces ? 0x20 : 0x21
        return bytes.withUnsafeBufferPointer { buffer in
            // A word at a time (`WordBytes`): a byte below `lowest`, at or above 0x7F (0x7F + 1
            // sets the high bit, as every byte from 0x80 has it) or equal to `&` flags the word.
            var index = range.lowerBound
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= range.upperBound {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let high = ((word &+ WordBytes.ones) | word) & WordBytes.highs
                    if WordBytes.below(word, lowest) | high | WordBytes.equal(word, UInt8(ascii: "&")) != 0 { return false }
                    index += 8
                }
            }
            while index < range.upperBound {
                let byte = buffer[index]
                if byte < lowest || byte >= 0x7F || byte == UInt8(ascii: "&") { return false }
                index += 1
            }
            return true
        }
    }

    /// True when attribute `name`, decoded and lower-cased, equals `lowercasedValue`.
    func attribute(_ name: StaticString, of index: Int, is lowercasedValue: StaticString) -> Bool {
        attributeRange(name, of: index).map { value($0, is: lowercasedValue) } ?? false
    }

    /// True when the raw attribute value at `range`, decoded and lower-cased, equals `lowercasedValue`.
    func value(_ range: Range<Int>, is lowercasedValue: StaticString) -> Bool {
        guard isVerbatim(range, allowingSpaces: false) else { return decodedValue(range).lowercased() == lowercasedValue.description }
        return bytes.withUnsafeBufferPointer { $0.equalsIgnoringASCIICase(lowercasedValue, from: range.lowerBound, to: range.upperBound) }
    }

    /// True when attribute `name`, decoded and lower-cased, starts with `lowercasedPrefix`.
    func attribute(_ name: StaticString, of index: Int, hasPrefix lowercasedPrefix: StaticString) -> Bool {
        guard let range = attributeRange(name, of: index) else { return false }
        guard isVerbatim(range, allowingSpaces: false) else {
            return attribute(name, of: index)?.lowercased().hasPrefix(lowercasedPrefix.description) == true
        }
        return bytes.withUnsafeBufferPointer { $0.hasPrefixIgnoringASCIICase(lowercasedPrefix, from: range.lowerBound, to: range.upperBound) }
    }

    /// True when attribute `name`, decoded and lower-cased, contains `lowercasedPart`.
    func attribute(_ name: StaticString, of index: Int, contains lowercasedPart: StaticString) -> Bool {
        guard let range = attributeRange(name, of: index) else { return false }
        // Whitespace normalization cannot create or break a match of a part without spaces.
        guard isVerbatim(range, allowingSpaces: true) else {
            return attribute(name, of: index)?.lowercased().contains(lowercasedPart.description) == true
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var start = range.lowerBound
            while range.upperBound - start >= lowercasedPart.utf8CodeUnitCount {
                if buffer.hasPrefixIgnoringASCIICase(lowercasedPart, from: start, to: range.upperBound) { return true }
                start += 1
            }
            return false
        }
    }

    /// True when the element's `class` attribute lists `name` (lower case) among its
    /// space-separated classes.
    func hasClass(_ name: StaticString, _ index: Int) -> Bool {
        guard let range = attributeRange("class", of: index) else { return false }
        return hasClass(name, classAttribute: range, of: index)
    }

    /// `hasClass(_:_:)` given the `class` attribute's range, for asking about several classes.
    func hasClass(_ name: StaticString, classAttribute range: Range<Int>, of index: Int) -> Bool {
        guard isVerbatim(range, allowingSpaces: true) else {
            let classes = attribute("class", of: index) ?? ""
            return classes.split(separator: " ").contains { $0.lowercased() == name.description }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            var start = range.lowerBound
            while start <= range.upperBound {
                let stop = buffer.index(of: 0x20, from: start, to: range.upperBound)
                if buffer.equalsIgnoringASCIICase(name, from: start, to: stop) { return true }
                start = stop + 1
            }
            return false
        }
    }

    func id(of index: Int) -> String? { attribute("id", of: index) }

    /// First element whose `id` is `name` (lower case; compared case-insensitively).
    func element(withID name: StaticString) -> Int? {
        nodes.indices.first { nodes[$0].kind == .element && attribute("id", of: $0, is: name) }
    }

    /// The visible text of a node range as one normalized line; block boundaries become spaces,
    /// scripts, styles and comments are skipped. `skipping` leaves out chosen subtrees.
    func text(_ range: Range<Int>, skipping: (Int) -> Bool = { _ in false }) -> String {
        if let verbatim = verbatimText(range) {
            return bytes.withUnsafeBufferPointer { String(validUTF8: UnsafeBufferPointer(rebasing: $0[verbatim])) }
        }
        var builder = visibleText(range, skipping: skipping)
        return builder.take()
    }

    /// The normalized visible text inside element `index`, handed over as UTF-8 bytes: for the
    /// many candidates (labels, links) that are read once and mostly rejected, no String is built.
    func withText<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let range = index + 1..<max(index + 1, nodes[index].end)
        if let verbatim = verbatimText(range) {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[verbatim])) }
        }
        return visibleText(range).bytes.withUnsafeBufferPointer(body)
    }

    /// The bytes of a range that is one text node needing neither normalization nor reference
    /// decoding (`UTF8Text.isNormalized`, no `&`), as most link and cell texts are: those are
    /// what `visibleText` would build, so they are used as they are.
    private func verbatimText(_ range: Range<Int>) -> Range<Int>? {
        guard range.count == 1, nodes[range.lowerBound].kind == .text else { return nil }
        let node = nodes[range.lowerBound]
        let text = node.start..<node.start + node.length
        return bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[text])
            guard buffer.index(of: UInt8(ascii: "&"), from: text.lowerBound, to: text.upperBound) == text.upperBound,
                UTF8Text.isNormalized(slice)
            else { return nil }
            return text
        }
    }

    /// The visible text of the nodes in `range`. `stopAfterText`, when given, sees the text so
    /// far after each text node that added to it and ends the walk by returning true.
    private func visibleText(
        _ range: Range<Int>, skipping: (Int) -> Bool = { _ in false }, stopAfterText: ((TextBuilder) -> Bool)? = nil
    ) -> TextBuilder {
        var builder = TextBuilder()
        bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                let node = nodes[index]
                switch node.kind {
                case .text:
                    let before = builder.bytes.count
                    builder.append(buffer[node.start..<node.start + node.length], decodeEntities: true)
                    if let stopAfterText, builder.bytes.count > before, stopAfterText(builder) { return }
                case .element:
                    if skipping(index) { index = max(node.end, index + 1); continue }
                    if node.tag.isBlock { builder.appendSpace() }
                case .comment, .rawText:
                    break
                }
                index += 1
            }
        }
        return builder
    }

    /// Runs `search` over the whole document's visible text while it is built: after each text
    /// node with the text so far (a prefix of `text(0..<nodes.count)`, since the builder only
    /// ever appends), then once more with the complete text. The first non-nil answer ends the
    /// walk.
    func searchVisibleText<Result>(_ search: (_ text: UnsafeBufferPointer<UInt8>, _ isComplete: Bool) -> Result?) -> Result? {
        // An optional closure parameter counts as escaping; this one is only called during the walk.
        withoutActuallyEscaping(search) { search in
            var answer: Result?
            let builder = visibleText(
                0..<nodes.count,
                stopAfterText: { text in
                    answer = text.bytes.withUnsafeBufferPointer { search($0, false) }
                    return answer != nil
                })
            return answer ?? builder.bytes.withUnsafeBufferPointer { search($0, true) }
        }
    }

    /// The visible text inside element `index`.
    func text(of index: Int, skipping: (Int) -> Bool = { _ in false }) -> String {
        text(index + 1..<max(index + 1, nodes[index].end), skipping: skipping)
    }

    /// True when a comment's or raw-text node's raw content starts with `prefix` (exact bytes).
    func content(of index: Int, hasPrefix prefix: StaticString) -> Bool {
        let node = nodes[index]
        return bytes.withUnsafeBufferPointer { UTF8Bytes.hasPrefix($0, prefix, at: node.start, end: node.start + node.length) }
    }

    /// Raw content of a comment or raw-text node, handed over as UTF-8 bytes.
    func withContent<Result>(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let node = nodes[index]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[node.start..<node.start + node.length])) }
    }

    /// Raw content of a comment or raw-text node, entities decoded when asked.
    func content(of index: Int, decodeEntities: Bool = false) -> String {
        let node = nodes[index]
        if !decodeEntities {
            return bytes.withUnsafeBufferPointer { String(validUTF8: UnsafeBufferPointer(rebasing: $0[node.start..<node.start + node.length])) }
        }
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
