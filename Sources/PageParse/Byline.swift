import ByteText

/// Bylines: `■记者 毛海萍`, `本报记者 X`, `本报记者：X`, `记者 X Y`, `通讯员 X`, `文/X`, `■本报记者 X 通讯员 Y`,
/// `湖北日报全媒记者 X 通讯员 Y` (a newsroom before the role), `□ 湖北日报评论员` and `本报评论员`
/// (a collective author, kept whole), a trailing `（记者 X）`, and the dateline form inside a first
/// paragraph, `本报讯（记者 X）…`. Only names are kept.
///
/// One implementation on normalized UTF-8 bytes, with scalar semantics: every header line and the
/// first and last blocks of every article are asked, so the text is never copied into `String`s or
/// `Character`s except for the names returned. Wire datelines (`新华社北京2月10日电 …`) and credit
/// lines (`（新华社北京2月10日电 载2月11日《人民日报》）`) name no role, so they are no bylines.
enum Byline {
    // MARK: The table

    /// Role words, longest first so `特约记者` is taken before `记者`. A newsroom may stand before
    /// any role of more than one scalar (`本报`, `新华社`, `湖北日报`: see `newsroomRoleEnd`).
    private static let roles: [[UInt8]] = [
        "全媒体记者", "融媒体记者", "特约评论员", "特约记者", "见习记者", "实习记者", "首席记者", "特派记者", "全媒记者",
        "融媒记者", "评论员", "通讯员", "实习生", "记者", "撰稿", "作者", "摄影", "编辑", "文图", "文/图", "图/文", "文", "图", "摄",
    ].map { Array($0.utf8) }.sorted { $0.count > $1.count }
    /// Roles that name a collective author: `湖北日报评论员` is kept whole, as the author.
    private static let collectiveRoles: [[UInt8]] = ["特约评论员", "评论员"].map { Array($0.utf8) }
    /// Last scalars of a newsroom's name: 报 (本报, 湖北日报), 社 (新华社), 台, 刊, 网 (人民网).
    private static let newsroomEnds: [UInt32] = [0x62A5, 0x793E, 0x53F0, 0x520A, 0x7F51]
    /// ■ □ ● ◆ ◇ ▲ ★ ☆ ▼ ◎ ※ ○
    private static let markers: [UInt32] = [0x25A0, 0x25A1, 0x25CF, 0x25C6, 0x25C7, 0x25B2, 0x2605, 0x2606, 0x25BC, 0x25CE, 0x203B, 0x25CB]
    /// Between names: space 、 ， , / ／ | ｜ ; ；
    private static let separators: [UInt32] = [0x20, 0x3001, 0xFF0C, 0x2C, 0x2F, 0xFF0F, 0x7C, 0xFF5C, 0x3B, 0xFF1B]
    /// Never in a byline: 。 ！ ？ ! ? ： : “ ” " 《 》
    private static let sentenceMarks: [UInt32] = [0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0xFF1A, 0x3A, 0x201C, 0x201D, 0x22, 0x300A, 0x300B]
    /// Bracket pairs a byline may sit in: （） () 【】 [].
    private static let brackets: [(open: UInt32, close: UInt32)] = [(0xFF08, 0xFF09), (0x28, 0x29), (0x3010, 0x3011), (0x5B, 0x5D)]
    /// Tokens that are not names: 报道, 本报讯, and 综合/综述 (`（综合报道）` in a wire dateline).
    private static let notNames: [[UInt8]] = ["报道", "本报讯", "综合", "综述"].map { Array($0.utf8) }
    private static let maxScalars = 40
    /// A newsroom's name before its role has at most this many scalars (`中国纪检监察报`).
    private static let maxNewsroomScalars = 10

    // MARK: Lines that are a byline

    /// The names in a line that is only a byline, or nil when the line is something else.
    static func names(inBylineLine raw: String) -> [String]? {
        UTF8Bytes.withBytes(raw) { names(inBylineLine: $0) }
    }

    /// `names(inBylineLine:)` for text given as UTF-8 (valid, as from a `String`).
    static func names(inBylineLine raw: UnsafeBufferPointer<UInt8>) -> [String]? {
        mayBeByline(utf8: raw) ? namesSkippingPrefilter(raw) : nil
    }

    /// `names(inBylineLine:)` without `mayBeByline`, which must never change its answer.
    static func namesSkippingPrefilter(_ raw: UnsafeBufferPointer<UInt8>) -> [String]? {
        UTF8Text.withNormalized(raw, namesInNormalizedLine)
    }

    /// False only for lines `names` rejects: a byline has at most 40 scalars, and ideographs
    /// (U+4000–U+9FFF, three bytes led by E4–E9) survive normalization, so a line with more of
    /// them is none. Most body paragraphs leave here after their first 41 ideographs.
    static func mayBeByline(_ raw: String) -> Bool {
        UTF8Bytes.withBytes(raw, mayBeByline(utf8:))
    }

    static func mayBeByline(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = UTF8Text.afterLeadingSpace(bytes)
        guard start < bytes.count else { return false }
        var ideographs = 0
        for index in start..<bytes.count where bytes[index] >= 0xE4 && bytes[index] <= 0xE9 {
            ideographs += 1
            if ideographs > maxScalars { return false }
        }
        return true
    }

    private static func namesInNormalizedLine(_ text: UnsafeBufferPointer<UInt8>) -> [String]? {
        var start = 0
        var hadMarker = false
        while start < text.count {
            let (value, next) = UTF8Bytes.scalar(in: text, at: start)
            guard value == 0x20 || markers.contains(value) else { break }
            start = next
            hadMarker = true
        }
        let line = stripBrackets(UnsafeBufferPointer(rebasing: text[start...]))
        guard !line.isEmpty, UTF8Bytes.scalarCount(line, upTo: maxScalars) <= maxScalars,
            let colons = roleColons(in: line)
        else { return nil }
        guard hadMarker || startsWithRole(line) else { return nil }
        guard let names = splitNames(line, colonsSeparate: colons > 0, onlyNames: colons > 0), !names.isEmpty else { return nil }
        return names
    }

    /// How many colons stand right after a role (`本报记者：潘清`, `记者:X`), which then separate like a
    /// space; nil when the line has any other sentence mark, a colon elsewhere included
    /// (`共联:联席会+分会+小组`).
    private static func roleColons(in line: UnsafeBufferPointer<UInt8>) -> Int? {
        var colons = 0
        var index = 0
        while index < line.count {
            let (value, next) = UTF8Bytes.scalar(in: line, at: index)
            if sentenceMarks.contains(value) {
                let before = UnsafeBufferPointer(rebasing: line[..<index])
                guard value == 0xFF1A || value == 0x3A, roles.contains(where: { $0.count > 3 && UTF8Bytes.hasSuffix(before, $0) }) else { return nil }
                colons += 1
            }
            index = next
        }
        return colons
    }

    /// The line starts with a role (a one-scalar role such as 文 only when a separator or the end
    /// follows it: 文化 and 图书 are words) or with a newsroom and its role.
    private static func startsWithRole(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        if newsroomRoleEnd(line) != nil { return true }
        for role in roles where role.count <= 3 && UTF8Bytes.hasPrefix(line, role) {
            return role.count == line.count || separators.contains(UTF8Bytes.scalar(in: line, at: role.count).value)
        }
        return false
    }

    /// Where a leading role of more than one scalar ends, after an optional newsroom (`本报`,
    /// `新华社`, `湖北日报`: up to ten scalars ending in 报, 社, 台, 刊 or 网). Nil when the text
    /// does not start so.
    private static func newsroomRoleEnd(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        if let role = longRole(at: 0, in: text) { return role.count }
        var index = 0
        var scalars = 0
        while index < text.count, scalars < maxNewsroomScalars {
            let (value, next) = UTF8Bytes.scalar(in: text, at: index)
            if separators.contains(value) { return nil }
            index = next
            scalars += 1
            if scalars >= 2, newsroomEnds.contains(value), let role = longRole(at: index, in: text) { return index + role.count }
        }
        return nil
    }

    private static func longRole(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        roles.first { $0.count > 3 && UTF8Bytes.hasPrefix(text, $0, at: index) }
    }

    /// One bracket pair around the whole line comes off, then spaces.
    private static func stripBrackets(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard !line.isEmpty else { return line }
        let first = UTF8Bytes.scalar(in: line, at: 0)
        let lastStart = UTF8Bytes.scalarStart(in: line, before: line.count)
        guard lastStart > 0, let pair = brackets.first(where: { $0.open == first.value }),
            UTF8Bytes.scalar(in: line, at: lastStart).value == pair.close
        else { return line }
        return trimmingSpaces(UnsafeBufferPointer(rebasing: line[first.next..<lastStart]))
    }

    // MARK: Names

    /// Splits on separators; drops role words, also with a newsroom or glued to a name
    /// (`记者毛海萍`, `湖北日报全媒记者`), and a trailing 摄 or 报道; keeps `X评论员` whole.
    /// `colonsSeparate`: a colon after a role separates too. `onlyNames`: nil unless every token
    /// is a role or a name, so that an interview's `记者：郭总，咱们为什么选择…` is no byline.
    private static func splitNames(_ text: UnsafeBufferPointer<UInt8>, colonsSeparate: Bool = false, onlyNames: Bool = false) -> [String]? {
        var names: [String] = []
        var tokenStart = 0
        var index = 0
        while index <= text.count {
            var next = index + 1
            if index < text.count {
                let scalar = UTF8Bytes.scalar(in: text, at: index)
                next = scalar.next
                let separates = separators.contains(scalar.value) || (colonsSeparate && (scalar.value == 0xFF1A || scalar.value == 0x3A))
                guard separates else { index = next; continue }
            }
            let token = UnsafeBufferPointer(rebasing: text[tokenStart..<index])
            if let name = name(in: token) {
                if !names.contains(name) { names.append(name) }
            } else if onlyNames, !token.isEmpty, !isRole(token) {
                return nil
            }
            tokenStart = next
            index = next
        }
        return names
    }

    /// A role word alone, with or without its newsroom (`记者`, `本报记者`).
    private static func isRole(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        roles.contains { UTF8Bytes.equals(token, $0) } || newsroomRoleEnd(token) == token.count
    }

    private static func name(in raw: UnsafeBufferPointer<UInt8>) -> String? {
        var token = raw
        if collectiveRoles.contains(where: { UTF8Bytes.hasSuffix(token, $0) }), longRole(at: 0, in: token) == nil, newsroomRoleEnd(token) == token.count {
            return UTF8Bytes.scalarCount(token, upTo: 16) <= 16 ? String(validUTF8: token) : nil
        }
        // One-scalar roles (文, 图) are never cut off a longer token: 文静 is a name.
        while let end = newsroomRoleEnd(token), end < token.count {
            token = UnsafeBufferPointer(rebasing: token[end...])
        }
        var length = UTF8Bytes.scalarCount(token, upTo: Int.max)
        if length >= 3 {
            if UTF8Bytes.hasSuffix(token, "摄") {
                token = UnsafeBufferPointer(rebasing: token[..<(token.count - 3)])
                length -= 1
            } else if UTF8Bytes.hasSuffix(token, "报道") {
                token = UnsafeBufferPointer(rebasing: token[..<(token.count - 6)])
                length -= 2
            }
        }
        guard !token.isEmpty, newsroomRoleEnd(token) != token.count, !roles.contains(where: { UTF8Bytes.equals(token, $0) }),
            !notNames.contains(where: { UTF8Bytes.equals(token, $0) })
        else { return nil }
        guard length >= 2, length <= (token.allSatisfy { $0 < 0x80 } ? 30 : 6) else { return nil }
        return String(validUTF8: token)
    }

    // MARK: Bylines inside paragraphs

    /// Names from a dateline byline at the start of a paragraph: `本报讯（记者 X 通讯员 Y）日前…`, and
    /// wire and web-portal datelines alike (`新华社北京2月10日电（记者 X）`, `新华网…电`, `中新网…电`,
    /// `人民网…电`, `中广网呼和浩特8月3日消息（记者 X）`). A wire dateline's bracket names its
    /// reporters also without a role (`中新网北京9月21日电(张曦)`), and a portal's aside right after
    /// its name (`中新网(微博)北京…`, left by the portal's links) is skipped.
    static func leadingNames(inParagraph paragraph: String) -> [String] {
        UTF8Bytes.withBytes(paragraph) { bytes in
            // The opening bracket must be among the first 16 scalars, not the first: most
            // paragraphs end here, before any copying. A dated wire dateline may run to 24, for a
            // long foreign place (`新华社俄罗斯叶卡捷琳堡5月18日电`). A skipped aside does not count.
            var index = 0
            var position = 0
            var open: Int?
            while index < bytes.count, position < maxWireDatelineScalars {
                let (value, next) = UTF8Bytes.scalar(in: bytes, at: index)
                if value == 0xFF08 || value == 0x28 {
                    if position == 0 { return [] }
                    let before = trimmingSpaces(UnsafeBufferPointer(rebasing: bytes[..<index]))
                    if position < maxDatelineScalars ? endsDateline(before) : isWireDateline(before) {
                        open = index
                        break
                    }
                    if position >= maxDatelineScalars { return [] }
                    guard let asideEnd = newsroomAsideEnd(bytes, after: before, contentStart: next) else { return [] }
                    index = asideEnd
                    continue
                }
                index = next
                position += 1
            }
            guard let open else { return [] }
            let before = trimmingSpaces(UnsafeBufferPointer(rebasing: bytes[..<open]))
            // The dateline's close bracket lies within the first 80 scalars.
            let insideStart = UTF8Bytes.scalar(in: bytes, at: open).next
            var close = insideStart
            position += 1
            while close < bytes.count, position < 80 {
                let (value, next) = UTF8Bytes.scalar(in: bytes, at: close)
                if value == 0xFF09 || value == 0x29 { break }
                close = next
                position += 1
            }
            guard close < bytes.count, position < 80 else { return [] }
            return UTF8Text.withNormalized(UnsafeBufferPointer(rebasing: bytes[insideStart..<close])) { inside in
                if containsLongRole(inside) { return splitNames(inside, colonsSeparate: true) ?? [] }
                guard isWireDateline(before), let names = splitNames(inside, onlyNames: true),
                    names.allSatisfy({ $0.unicodeScalars.count <= maxRolelessNameScalars })
                else { return [] }
                return names
            }
        }
    }

    private static let maxDatelineScalars = 16
    private static let maxWireDatelineScalars = 24

    /// A reporter named without a role in a wire dateline has a name of at most four scalars:
    /// `（王勉罗念初）` is two names glued together, which cannot be told apart.
    private static let maxRolelessNameScalars = 4

    /// 讯 (本报讯), 电 (新华社…电, 新华网…专电) or 消息 (中广网…消息) ends a dateline.
    private static func endsDateline(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.hasSuffix(before, "讯") || UTF8Bytes.hasSuffix(before, "电") || UTF8Bytes.hasSuffix(before, "消息")
    }

    /// A wire or portal dateline, with a place and a date (`新华网北京6月10日电`): its bracket holds
    /// only the reporters' names. 本报讯 has no date, and its bracket may hold anything.
    private static func isWireDateline(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        (UTF8Bytes.hasSuffix(before, "电") || UTF8Bytes.hasSuffix(before, "消息")) && UTF8Bytes.contains(before, "日")
    }

    /// Where an aside of at most four scalars in brackets ends, when it directly follows a
    /// newsroom's name (`中新网(微博)`: 2 to 10 scalars ending in 报, 社, 台, 刊 or 网); else nil.
    private static func newsroomAsideEnd(_ bytes: UnsafeBufferPointer<UInt8>, after before: UnsafeBufferPointer<UInt8>, contentStart: Int) -> Int? {
        guard !before.isEmpty, newsroomEnds.contains(UTF8Bytes.scalar(in: before, at: UTF8Bytes.scalarStart(in: before, before: before.count)).value),
            (2...maxNewsroomScalars).contains(UTF8Bytes.scalarCount(before, upTo: maxNewsroomScalars + 1)), !containsAny(before, separators)
        else { return nil }
        var index = contentStart
        for _ in 0...4 {
            guard index < bytes.count else { return nil }
            let (value, next) = UTF8Bytes.scalar(in: bytes, at: index)
            if value == 0xFF09 || value == 0x29 { return next }
            index = next
        }
        return nil
    }

    /// A byline in brackets at the end of a paragraph (`…正式开放。（记者 王五 通讯员 赵六）`): its
    /// names and the paragraph without it, or nil when the paragraph ends otherwise. A bracket that
    /// names no role (`（完）`, `（新华社北京2月10日电 载2月11日《人民日报》）`) is no byline.
    static func trailingByline(inParagraph paragraph: String) -> (names: [String], rest: String)? {
        UTF8Bytes.withBytes(paragraph) { bytes in
            guard !bytes.isEmpty else { return nil }
            let lastStart = UTF8Bytes.scalarStart(in: bytes, before: bytes.count)
            guard let pair = brackets.first(where: { $0.close == UTF8Bytes.scalar(in: bytes, at: lastStart).value }),
                pair.open == 0xFF08 || pair.open == 0x28
            else { return nil }
            // The opening bracket within the last 40 scalars, searched backwards.
            var open = lastStart
            var scalars = 0
            while open > 0, scalars < maxScalars {
                open -= 1
                while open > 0, UTF8Bytes.isContinuation(bytes[open]) { open -= 1 }
                scalars += 1
                if UTF8Bytes.scalar(in: bytes, at: open).value == pair.open { break }
            }
            guard UTF8Bytes.scalar(in: bytes, at: open).value == pair.open else { return nil }
            let bracketed = UnsafeBufferPointer(rebasing: bytes[open...])
            guard let names = names(inBylineLine: bracketed) else { return nil }
            return (names, String(validUTF8: trimmingSpaces(UnsafeBufferPointer(rebasing: bytes[..<open]))))
        }
    }

    // MARK: Bytes

    private static func containsLongRole(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < text.count {
            if longRole(at: index, in: text) != nil { return true }
            index = UTF8Bytes.scalar(in: text, at: index).next
        }
        return false
    }

    private static func containsAny(_ text: UnsafeBufferPointer<UInt8>, _ values: [UInt32]) -> Bool {
        var index = 0
        while index < text.count {
            let (value, next) = UTF8Bytes.scalar(in: text, at: index)
            if values.contains(value) { return true }
            index = next
        }
        return false
    }

    private static func trimmingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0
        var upper = bytes.count
        while lower < upper, let width = UTF8Text.spaceWidth(bytes, at: lower, end: upper) { lower += width }
        while upper > lower, let width = UTF8Text.spaceWidthBefore(bytes, upper, start: lower) { upper -= width }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }
}
