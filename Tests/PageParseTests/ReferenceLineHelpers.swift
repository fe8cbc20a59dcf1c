import ByteText
import PageModel

@testable import PageParse

/// The line helpers as they were before they moved to UTF-8 bytes and gained prefilters: plain
/// `String`/`Character` code, slow but obviously right. `LineHelperEquivalenceTests` holds the
/// fast versions to exactly these answers.
///
/// Something in the test build imports Foundation, whose `contains(_:)` for strings matches
/// inside grapheme clusters; the library resolves to the standard library's, which is
/// `firstRange(of:) != nil`, so that is spelled out here.
enum Reference {
    // MARK: PageLabel

    static func pageLabel(_ raw: String, requireBanSuffix: Bool = true) -> PageRef? {
        let text = TextBuilder.normalize(raw)
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 80 else { return nil }
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " { index += 1 } }
        var hadDi = false
        if scalars[index] == "第" { index += 1; hadDi = true; skipSpaces() }
        guard let number = readNumber(scalars, &index) else { return nil }
        skipSpaces()
        if index < scalars.count, scalars[index] == "版" {
            index += 1
        } else if requireBanSuffix || hadDi {
            return nil
        } else {
            guard index < scalars.count, scalars[index] == ":" || scalars[index] == "：" else { return nil }
        }
        skipSpaces()
        if index < scalars.count, scalars[index] == ":" || scalars[index] == "：" { index += 1 }
        let name = String(String.UnicodeScalarView(scalars[index...])).trimmingWhitespace()
        guard !containsNavigation(name) else { return nil }
        if name.unicodeScalars.count > 40 || name.firstRange(of: "。") != nil { return nil }
        return PageRef(number: number, name: name.isEmpty ? nil : name)
    }

    static func findNumber(in text: String) -> String? {
        let scalars = Array(TextBuilder.normalize(text).unicodeScalars)
        var start = 0
        while start < scalars.count {
            var index = start
            if scalars[index] == "第" { index += 1 }
            while index < scalars.count, scalars[index] == " " { index += 1 }
            let isBoundary = start == 0 || !isLabelCharacter(scalars[start - 1])
            if isBoundary, let number = readNumber(scalars, &index) {
                while index < scalars.count, scalars[index] == " " { index += 1 }
                if index < scalars.count, scalars[index] == "版" { return PageRef.normalizedNumber(number) }
            }
            start += 1
        }
        return nil
    }

    static func containsNavigation(_ text: String) -> Bool {
        text.containsUTF8("上一版") || text.containsUTF8("下一版") || text.containsUTF8("下载") || text.containsUTF8("PDF")
            || text.containsUTF8("上一篇") || text.containsUTF8("下一篇")
    }

    private static func readNumber(_ scalars: [Unicode.Scalar], _ index: inout Int) -> String? {
        let start = index
        while index < scalars.count, index - start < 2, scalars[index].isASCII, scalars[index].properties.isAlphabetic {
            index += 1
        }
        let digitsStart = index
        while index < scalars.count, index - digitsStart < 3, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index > digitsStart else { index = start; return nil }
        if index < scalars.count, ("0"..."9").contains(scalars[index]) { index = start; return nil }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    // MARK: ArticleBody, NavigationResidue, PlainTextArticleParser

    static func looksLikeHeading(_ block: BodyBlock) -> Bool {
        let count = block.text.unicodeScalars.count
        if block.emphasized { return count <= 40 }
        guard count <= 25, let last = block.text.unicodeScalars.last else { return false }
        if sentencePunctuation.contains(last) { return false }
        if block.text.unicodeScalars.contains(where: { $0 == "。" || $0 == "！" || $0 == "？" }) { return false }
        if let first = block.text.unicodeScalars.first, first == "（" || first == "(" { return false }
        return true
    }

    private static let sentencePunctuation: Set<Unicode.Scalar> = [
        "。", "！", "？", "!", "?", "…", "”", "’", "\"", "；", ";", "，", ",", "、", "）", ")", "：", ":", "—",
    ]

    private static let words: Set<String> = ["放大", "缩小", "默认", "打印", "返回", "关闭", "收藏", "上一期", "下一期", "返回目录"]

    static func isResidue(_ text: String) -> Bool {
        guard text.utf8.count <= 120 else { return false }
        if text.containsUTF8("上一篇") || text.containsUTF8("下一篇") || text.containsUTF8("上一版") || text.containsUTF8("下一版") {
            return text.unicodeScalars.count <= 30
        }
        let tokens = text.split(separator: " ")
        guard !tokens.isEmpty else { return true }
        return tokens.allSatisfy { words.contains(String($0)) || $0.allSatisfy(\.isNumber) }
    }

    static func isProse(_ text: String) -> Bool {
        text.unicodeScalars.count > 40 || text.hasSuffix("。")
    }

    // MARK: PaperName

    private static let paperSeparators: Set<Character> = ["-", "－", "—", "–", "|", "｜", "_", "·", "•", " "]
    private static let paperSuffixes = ["电子报平台", "数字报刊平台", "数字报刊", "数字报", "电子报", "电子版", "报刊平台", "平台", "网"]

    static func paperName(fromDocumentTitle title: String) -> String? {
        let segments = title.split(whereSeparator: { paperSeparators.contains($0) }).map { String($0).trimmingWhitespace() }
        let cleaned = segments.map(cleanPaperName).filter { !$0.isEmpty }
        return cleaned.first { $0.hasSuffix("报") || $0.hasSuffix("刊") } ?? cleaned.first { $0.firstRange(of: "报") != nil }
    }

    private static func cleanPaperName(_ raw: String) -> String {
        var name = raw.trimmingWhitespace()
        var changed = true
        while changed {
            changed = false
            for suffix in paperSuffixes where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
                name = String(name.dropLast(suffix.count))
                changed = true
            }
            if name.hasSuffix("报社") { name.removeLast(); changed = true }
        }
        return name
    }

    static func paperName(inFooter footer: String, page: PageRef?, title: String) -> String? {
        let prefix = footer.split(separator: " ").first.map(String.init) ?? footer
        var candidate: Substring?
        if let name = page?.name, let range = prefix.firstRange(of: name) {
            candidate = prefix[..<range.lowerBound]
        } else if let range = prefix.firstRange(of: title) {
            candidate = prefix[..<range.lowerBound].reversed().drop(while: { $0.isASCII && ($0.isNumber || $0.isLetter) }).reversed().reduce(into: Substring()) { $0.append($1) }
        }
        guard let paper = candidate?.trimmingWhitespace(), !paper.isEmpty, paper.count <= 20 else { return nil }
        return String(paper)
    }

    // MARK: DateText

    static func firstDate(in text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]), let date = date(at: index, in: scalars) {
                return date
            }
            index += 1
        }
        return nil
    }

    private static func date(at start: Int, in scalars: [Unicode.Scalar]) -> String? {
        var index = start
        guard let year = number(scalars, &index, maxDigits: 4), year >= 1900, year <= 2100, index - start == 4 else { return nil }
        skipSpaces(scalars, &index)
        guard index < scalars.count else { return nil }
        let separator = scalars[index]
        guard separator == "-" || separator == "/" || separator == "." || separator == "年" else { return nil }
        index += 1
        skipSpaces(scalars, &index)
        var month: Int
        if let value = number(scalars, &index, maxDigits: 2) {
            month = value
        } else if separator == "-", let value = monthName(scalars, &index) {
            month = value
        } else {
            return nil
        }
        skipSpaces(scalars, &index)
        guard index < scalars.count else { return nil }
        let second = scalars[index]
        if separator == "年" {
            guard second == "月" else { return nil }
        } else if second != separator {
            return nil
        }
        index += 1
        skipSpaces(scalars, &index)
        guard let day = number(scalars, &index, maxDigits: 2) else { return nil }
        if separator == "年" {
            skipSpaces(scalars, &index)
            guard index < scalars.count, scalars[index] == "日" || scalars[index] == "号" else { return nil }
        } else if index < scalars.count, isDigit(scalars[index]) {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    private static func monthName(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Int? {
        let start = index
        while index < scalars.count, scalars[index].isASCII, scalars[index].properties.isAlphabetic { index += 1 }
        let word = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
        guard word.count >= 3, let position = months.firstIndex(where: { $0 == word || $0.hasPrefix(word) }) else {
            index = start
            return nil
        }
        return position + 1
    }

    private static func number(_ scalars: [Unicode.Scalar], _ index: inout Int, maxDigits: Int) -> Int? {
        let start = index
        var value = 0
        while index < scalars.count, index - start < maxDigits, isDigit(scalars[index]) {
            value = value * 10 + Int(scalars[index].value - 48)
            index += 1
        }
        return index > start ? value : nil
    }

    private static func skipSpaces(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\u{3000}" { index += 1 }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
