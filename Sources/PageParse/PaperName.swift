import ByteText

/// Paper names from document titles: `中国旅游报社-电子报平台` → `中国旅游报`, `人民日报-人民网` →
/// `人民日报`, `打造新型传媒集团·江西日报社数字报` → `江西日报`.
///
/// Simple titles (see `UTF8Text.isSimple`) are cut on UTF-8 bytes; others take the `String` path.
enum PaperName {
    private static let separators: Set<Character> = ["-", "－", "—", "–", "|", "｜", "_", "·", "•", " "]
    private static let suffixes = ["电子报平台", "数字报刊平台", "数字报刊", "数字报", "电子报", "电子版", "报刊平台", "平台", "网"]
    private static let suffixBytes: [(bytes: [UInt8], scalars: Int)] = suffixes.map { (Array($0.utf8), $0.unicodeScalars.count) }

    static func fromDocumentTitle(_ title: String) -> String? {
        let simple: String?? = UTF8Bytes.withBytes(title) { bytes in
            UTF8Text.isSimple(bytes) ? .some(fromSimpleTitle(bytes)) : .none
        }
        if let simple { return simple }
        let segments = title.split(whereSeparator: { separators.contains($0) }).map { String($0).trimmingWhitespace() }
        let cleaned = segments.map(clean).filter { !$0.isEmpty }
        return cleaned.first { $0.hasSuffix("报") || $0.hasSuffix("刊") } ?? cleaned.first { $0.firstRange(of: "报") != nil }
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

    /// `fromDocumentTitle` for simple text: separators are single scalars, segments hold no
    /// whitespace, and `Character` counts, suffixes and containment are scalar and byte ones.
    private static func fromSimpleTitle(_ title: UnsafeBufferPointer<UInt8>) -> String? {
        var cleaned: [UnsafeBufferPointer<UInt8>] = []
        var segmentStart = 0
        var index = 0
        while index <= title.count {
            var next = index + 1
            if index < title.count {
                let scalar = UTF8Bytes.scalar(in: title, at: index)
                next = scalar.next
                guard isSeparator(scalar.value) else { index = next; continue }
            }
            if index > segmentStart {
                let segment = cleanSimple(UnsafeBufferPointer(rebasing: title[segmentStart..<index]))
                if !segment.isEmpty { cleaned.append(segment) }
            }
            segmentStart = next
            index = next
        }
        let paper = cleaned.first { UTF8Bytes.hasSuffix($0, "报") || UTF8Bytes.hasSuffix($0, "刊") }
            ?? cleaned.first { UTF8Bytes.contains($0, "报") }
        return paper.map { String(validUTF8: $0) }
    }

    private static func cleanSimple(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var name = raw
        var count = UTF8Bytes.scalarCount(name, upTo: Int.max)
        var changed = true
        while changed {
            changed = false
            for suffix in suffixBytes where count > suffix.scalars + 1 && name.count >= suffix.bytes.count
                && name[(name.count - suffix.bytes.count)...].elementsEqual(suffix.bytes)
            {
                name = UnsafeBufferPointer(rebasing: name[..<(name.count - suffix.bytes.count)])
                count -= suffix.scalars
                changed = true
            }
            if UTF8Bytes.hasSuffix(name, "报社") {
                name = UnsafeBufferPointer(rebasing: name[..<(name.count - 3)])
                count -= 1
                changed = true
            }
        }
        return name
    }

    /// - － — – | ｜ _ · • and the space.
    private static func isSeparator(_ value: UInt32) -> Bool {
        switch value {
        case 0x2D, 0xFF0D, 0x2014, 0x2013, 0x7C, 0xFF5C, 0x5F, 0xB7, 0x2022, 0x20: true
        default: false
        }
    }
}
