/// Paper names from document titles: `中国旅游报社-电子报平台` → `中国旅游报`, `人民日报-人民网` →
/// `人民日报`, `打造新型传媒集团·江西日报社数字报` → `江西日报`.
enum PaperName {
    private static let separators: Set<Character> = ["-", "－", "—", "–", "|", "｜", "_", "·", "•", " "]
    private static let suffixes = ["电子报平台", "数字报刊平台", "数字报刊", "数字报", "电子报", "电子版", "报刊平台", "平台", "网"]

    static func fromDocumentTitle(_ title: String) -> String? {
        let segments = title.split(whereSeparator: { separators.contains($0) }).map { String($0).trimmingWhitespace() }
        let cleaned = segments.map(clean).filter { !$0.isEmpty }
        return cleaned.first { $0.hasSuffix("报") || $0.hasSuffix("刊") } ?? cleaned.first { $0.contains("报") }
    }

    /// Strips template suffixes and a trailing 社 (the publisher, not the paper).
    static func clean(_ raw: String) -> String {
        var name = raw.trimmingWhitespace()
        var changed = true
        while changed {
            changed = false
            for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
                name = String(name.dropLast(suffix.count))
                changed = true
            }
            if name.hasSuffix("报社") { name.removeLast(); changed = true }
        }
        return name
    }
}
