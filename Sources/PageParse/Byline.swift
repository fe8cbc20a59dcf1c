/// Bylines: `■记者 毛海萍`, `本报记者 X`, `记者 X Y`, `通讯员 X`, `文/X`, `■本报记者 X 通讯员 Y`,
/// and the dateline form inside a first paragraph, `本报讯（记者 X）…`. Only names are kept.
enum Byline {
    /// Role words, longest first so `本报记者` is removed before `记者`.
    private static let roles = [
        "本报特约记者", "本报见习记者", "本报实习记者", "本报通讯员", "本报记者", "特约记者", "见习记者", "实习记者",
        "首席记者", "特派记者", "新华社记者", "记者", "通讯员", "实习生", "撰稿", "作者", "摄影", "编辑",
        "文图", "文/图", "图/文", "文", "图", "摄",
    ]
    private static let markers: Set<Unicode.Scalar> = ["■", "□", "●", "◆", "◇", "▲", "★", "☆", "▼", "◎", "※", "○"]
    private static let separators: Set<Unicode.Scalar> = [" ", "、", "，", ",", "/", "／", "|", "｜", ";", "；"]

    /// The names in a line that is only a byline, or nil when the line is something else.
    static func names(inBylineLine raw: String) -> [String]? {
        var text = TextBuilder.normalize(raw)
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
        let scalars = Array(paragraph.unicodeScalars.prefix(80))
        guard let open = scalars.prefix(16).firstIndex(where: { $0 == "（" || $0 == "(" }), open > 0 else { return [] }
        let before = String(String.UnicodeScalarView(scalars[..<open])).trimmingWhitespace()
        guard before.hasSuffix("讯") || before.hasSuffix("电") else { return [] }
        guard let close = scalars[open...].firstIndex(where: { $0 == "）" || $0 == ")" }) else { return [] }
        let inside = String(String.UnicodeScalarView(scalars[(open + 1)..<close]))
        guard roles.contains(where: { inside.contains($0) && $0.unicodeScalars.count > 1 }) else { return [] }
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
