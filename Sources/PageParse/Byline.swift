import PageModel

/// Bylines: `■记者 毛海萍`, `本报记者 X`, `记者 X Y`, `通讯员 X`, `文/X`, `■本报记者 X 通讯员 Y`,
/// and the dateline form inside a first paragraph, `本报讯（记者 X）…`. Only names are kept.
///
/// Every header line and the first blocks of every article are asked, so most lines are turned
/// away by `mayBeByline` from their first character or length, and bylines in simple text (see
/// `UTF8Text.isSimple`) are split on UTF-8 bytes; only unusual text takes the `String` path.
enum Byline {
    /// Role words, longest first so `本报记者` is removed before `记者`.
    private static let roles = [
        "本报特约记者", "本报见习记者", "本报实习记者", "本报通讯员", "本报记者", "特约记者", "见习记者", "实习记者",
        "首席记者", "特派记者", "新华社记者", "记者", "通讯员", "实习生", "撰稿", "作者", "摄影", "编辑",
        "文图", "文/图", "图/文", "文", "图", "摄",
    ]
    private static let roleBytes: [[UInt8]] = roles.map { Array($0.utf8) }
    /// The first scalar of every role word.
    private static let roleFirsts: Set<UInt32> = Set(roles.compactMap { $0.unicodeScalars.first?.value })
    private static let markers: Set<Unicode.Scalar> = ["■", "□", "●", "◆", "◇", "▲", "★", "☆", "▼", "◎", "※", "○"]
    private static let separators: Set<Unicode.Scalar> = [" ", "、", "，", ",", "/", "／", "|", "｜", ";", "；"]

    @inline(__always)
    private static func isMarker(_ value: UInt32) -> Bool {
        switch value {
        case 0x25A0, 0x25A1, 0x25CF, 0x25C6, 0x25C7, 0x25B2, 0x2605, 0x2606, 0x25BC, 0x25CE, 0x203B, 0x25CB: true
        default: false
        }
    }

    @inline(__always)
    private static func isSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x3001, 0xFF0C, 0x2C, 0x2F, 0xFF0F, 0x7C, 0xFF5C, 0x3B, 0xFF1B: true
        default: false
        }
    }

    /// The names in a line that is only a byline, or nil when the line is something else.
    static func names(inBylineLine raw: String) -> [String]? {
        UTF8Text.withBytes(raw) { names(inBylineLine: $0) }
    }

    /// `names(inBylineLine:)` for text given as UTF-8 (valid, as from a `String`).
    static func names(inBylineLine raw: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard mayBeByline(utf8: raw) else { return nil }
        return UTF8Text.withNormalized(raw) { text in
            switch simpleNames(text) {
            case .names(let names): return names
            case .notByline: return nil
            case .notSimple: return namesFromString(String(decoding: text, as: UTF8.self))
            }
        }
    }

    /// False only for lines `names` rejects. A byline's normalized text starts with a marker or
    /// space (both stripped), an opening bracket (stripped) or a role word; so a first character
    /// that normalization surely keeps and that is none of these rules the line out. So does a
    /// line with more than 40 scalars in U+4000–U+9FFF: normalization, marker and bracket
    /// stripping and trimming never remove those, and a byline has at most 40 scalars.
    static func mayBeByline(_ raw: String) -> Bool {
        UTF8Text.withBytes(raw, mayBeByline(utf8:))
    }

    static func mayBeByline(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = UTF8Text.afterLeadingSpace(bytes)
        guard start < bytes.count else { return false }
        let lead = bytes[start]
        if lead < 0x80 {
            guard lead == UInt8(ascii: "(") || lead == UInt8(ascii: "[") else { return false }
        } else if UTF8Text.isPlainLead(lead) {
            guard roleFirsts.contains(UTF8Text.scalar(in: bytes, at: start).value) else { return false }
        }
        var ideographs = 0
        for index in start..<bytes.count where bytes[index] >= 0xE4 && bytes[index] <= 0xE9 {
            ideographs += 1
            if ideographs > 40 { return false }
        }
        return true
    }

    private enum Verdict {
        case names([String])
        case notByline
        /// The text holds scalars whose `Character` behaviour bytes cannot stand in for.
        case notSimple
    }

    /// `namesFromString` on the UTF-8 of normalized simple text, where scalars are Characters.
    private static func simpleNames(_ text: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard UTF8Text.isSimple(text) else { return .notSimple }
        var start = 0
        var hadMarker = false
        while start < text.count {
            let (value, next) = UTF8Text.scalar(in: text, at: start)
            guard value == 0x20 || isMarker(value) else { break }
            start = next
            hadMarker = true
        }
        var line = UnsafeBufferPointer(rebasing: text[start...])
        line = stripBrackets(line)
        guard !line.isEmpty, UTF8Text.scalarCount(line, upTo: 40) <= 40 else { return .notByline }
        var index = 0
        while index < line.count {
            let (value, next) = UTF8Text.scalar(in: line, at: index)
            switch value {
            case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF1A, 0x3A, 0x201C, 0x201D, 0x22: return .notByline  // 。！？!?：:“”"
            default: index = next
            }
        }
        let startsWithRole = roleBytes.contains { hasPrefix(line, $0) }
            && !UTF8Text.hasPrefix(line, "文化") && !UTF8Text.hasPrefix(line, "图书")
        guard startsWithRole || hadMarker else { return .notByline }
        let names = splitSimpleNames(line)
        return names.isEmpty ? .notByline : .names(names)
    }

    /// `stripBrackets` for simple text: one bracket pair around the whole line, then spaces.
    private static func stripBrackets(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard !line.isEmpty else { return line }
        let first = UTF8Text.scalar(in: line, at: 0)
        var lastStart = line.count - 1
        while lastStart > 0, UTF8Text.isContinuation(line[lastStart]) { lastStart -= 1 }
        guard lastStart > 0 else { return line }  // a single scalar
        let last = UTF8Text.scalar(in: line, at: lastStart).value
        let closing: UInt32
        switch first.value {
        case 0xFF08: closing = 0xFF09  // （）
        case 0x28: closing = 0x29  // ()
        case 0x3010: closing = 0x3011  // 【】
        case 0x5B: closing = 0x5D  // []
        default: return line
        }
        guard last == closing else { return line }
        var lower = first.next
        var upper = lastStart
        while lower < upper, line[lower] == 0x20 { lower += 1 }
        while upper > lower, line[upper - 1] == 0x20 { upper -= 1 }
        return UnsafeBufferPointer(rebasing: line[lower..<upper])
    }

    /// `splitNames` for simple text.
    private static func splitSimpleNames(_ text: UnsafeBufferPointer<UInt8>) -> [String] {
        var names: [String] = []
        func flush(_ range: Range<Int>) {
            var token = UnsafeBufferPointer(rebasing: text[range])
            var stripped = true
            while stripped {
                stripped = false
                // One-character roles (文, 图) are never cut off a longer token: 文静 is a name.
                for role in roleBytes where role.count > 3 && token.count > role.count && hasPrefix(token, role) {
                    token = UnsafeBufferPointer(rebasing: token[role.count...])
                    stripped = true
                    break
                }
            }
            var length = UTF8Text.scalarCount(token, upTo: Int.max)
            if length >= 3 {
                if UTF8Text.hasSuffix(token, "摄") {
                    token = UnsafeBufferPointer(rebasing: token[..<(token.count - 3)])
                    length -= 1
                } else if UTF8Text.hasSuffix(token, "报道") {
                    token = UnsafeBufferPointer(rebasing: token[..<(token.count - 6)])
                    length -= 2
                }
            }
            guard !token.isEmpty, !roleBytes.contains(where: { equal(token, $0) }), !UTF8Text.equals(token, "报道"),
                !UTF8Text.equals(token, "本报讯")
            else { return }
            guard length >= 2, length <= (token.allSatisfy { $0 < 0x80 } ? 30 : 6) else { return }
            let name = String(validUTF8: token)
            if !names.contains(name) { names.append(name) }
        }
        var tokenStart = 0
        var index = 0
        while index < text.count {
            let (value, next) = UTF8Text.scalar(in: text, at: index)
            if isSeparator(value) {
                flush(tokenStart..<index)
                tokenStart = next
            }
            index = next
        }
        flush(tokenStart..<text.count)
        return names
    }

    @inline(__always)
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count else { return false }
        for offset in word.indices where bytes[offset] != word[offset] { return false }
        return true
    }

    @inline(__always)
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        bytes.count == word.count && hasPrefix(bytes, word)
    }

    /// `names` for any normalized text, on Characters.
    private static func namesFromString(_ normalized: String) -> [String]? {
        var text = normalized
        var hadMarker = false
        while let first = text.unicodeScalars.first, markers.contains(first) || first == " " {
            text.unicodeScalars.removeFirst()
            hadMarker = true
        }
        text = stripBrackets(text)
        guard !text.isEmpty, text.unicodeScalars.count <= 40 else { return nil }
        if text.contains(where: { "。！？!?：:“”\"".contains($0) }) { return nil }
        let startsWithRole = roles.contains { text.hasPrefix($0) } && !text.hasPrefix("文化") && !text.hasPrefix("图书")
        guard startsWithRole || hadMarker else { return nil }
        let names = splitNames(text)
        return names.isEmpty ? nil : names
    }

    /// Names from a dateline byline at the start of a paragraph (`本报讯（记者 X 通讯员 Y）日前…`).
    static func leadingNames(inParagraph paragraph: String) -> [String] {
        UTF8Text.withBytes(paragraph) { bytes in
            // The opening bracket must be among the first 16 scalars, not the first: most
            // paragraphs end here, before any copying.
            var index = 0
            var position = 0
            var open: Int?
            while index < bytes.count, position < 16 {
                if bytes[index] == UInt8(ascii: "(") || UTF8Text.hasPrefix(bytes, "（", at: index) {
                    if position == 0 { return [] }
                    open = index
                    break
                }
                index = UTF8Text.scalar(in: bytes, at: index).next
                position += 1
            }
            guard let open else { return [] }
            // The first 80 scalars, as the dateline may not reach further.
            var end = index
            while end < bytes.count, position < 80 {
                let (value, next) = UTF8Text.scalar(in: bytes, at: end)
                guard UTF8Text.isSimple(value) else { return leadingNamesFromString(paragraph) }
                end = next
                position += 1
            }
            var upper = open
            while upper > 0, bytes[upper - 1] == 0x20 { upper -= 1 }
            let before = UnsafeBufferPointer(rebasing: bytes[..<upper])
            guard UTF8Text.isSimple(before) else { return leadingNamesFromString(paragraph) }
            guard UTF8Text.hasSuffix(before, "讯") || UTF8Text.hasSuffix(before, "电") else { return [] }
            let insideStart = bytes[open] == UInt8(ascii: "(") ? open + 1 : open + 3
            var close = insideStart
            while close < end, bytes[close] != UInt8(ascii: ")"), !UTF8Text.hasPrefix(bytes, "）", at: close) { close += 1 }
            guard close < end else { return [] }
            let inside = UnsafeBufferPointer(rebasing: bytes[insideStart..<close])
            guard roleBytes.contains(where: { $0.count > 3 && contains(inside, $0) }) else { return [] }
            return splitSimpleNames(inside)
        }
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard bytes.count >= word.count else { return false }
        for start in 0...(bytes.count - word.count) where bytes[start] == word[0] {
            if hasPrefix(UnsafeBufferPointer(rebasing: bytes[start...]), word) { return true }
        }
        return false
    }

    /// `leadingNames` for text that is not simple, on Characters.
    private static func leadingNamesFromString(_ paragraph: String) -> [String] {
        let scalars = Array(paragraph.unicodeScalars.prefix(80))
        guard let open = scalars.prefix(16).firstIndex(where: { $0 == "（" || $0 == "(" }), open > 0 else { return [] }
        let before = String(String.UnicodeScalarView(scalars[..<open])).trimmingWhitespace()
        guard before.hasSuffix("讯") || before.hasSuffix("电") else { return [] }
        guard let close = scalars[open...].firstIndex(where: { $0 == "）" || $0 == ")" }) else { return [] }
        let inside = String(String.UnicodeScalarView(scalars[(open + 1)..<close]))
        guard roles.contains(where: { inside.firstRange(of: $0) != nil && $0.unicodeScalars.count > 1 }) else { return [] }
        return splitNames(inside)
    }

    /// Splits on separators and drops role words (also when glued to a name: `记者毛海萍`).
    private static func splitNames(_ text: String) -> [String] {
        var names: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            var token = String(current)
            current = String.UnicodeScalarView()
            var stripped = true
            while stripped {
                stripped = false
                // One-character roles (文, 图) are never cut off a longer token: 文静 is a name.
                for role in roles where role.unicodeScalars.count > 1 && token.hasPrefix(role) && token != role {
                    token = String(token.dropFirst(role.count))
                    stripped = true
                    break
                }
            }
            if token.unicodeScalars.count >= 3, token.hasSuffix("摄") || token.hasSuffix("报道") {
                token = String(token.dropLast(token.hasSuffix("摄") ? 1 : 2))
            }
            token = token.trimmingWhitespace()
            guard !token.isEmpty, !roles.contains(token), token != "报道", token != "本报讯" else { return }
            let length = token.unicodeScalars.count
            guard length >= 2, length <= (token.unicodeScalars.allSatisfy(\.isASCII) ? 30 : 6) else { return }
            if !names.contains(token) { names.append(token) }
        }
        for scalar in text.unicodeScalars {
            if separators.contains(scalar) { flush() } else { current.append(scalar) }
        }
        flush()
        return names
    }

    private static func stripBrackets(_ text: String) -> String {
        let pairs: [(Character, Character)] = [("（", "）"), ("(", ")"), ("【", "】"), ("[", "]")]
        for (open, close) in pairs where text.first == open && text.last == close && text.count >= 2 {
            return String(text.dropFirst().dropLast()).trimmingWhitespace()
        }
        return text
    }
}
