import PageModel

/// Page labels in every form the papers print: `第07版:城事·三区`, `第07版：城事·三区`, `07版:要闻`,
/// `第A01版：头版`, `第1版　　　要闻`, `第 3 版`, and (page lists only) `A01： 头版`. The one place
/// that reads them, for HTML and plain text alike.
enum PageLabel {
    /// Parses a string that is nothing but a label (after whitespace normalization).
    /// With `requireBanSuffix` false, `A01： 头版` (number, colon, name) is accepted too.
    static func parse(_ raw: String, requireBanSuffix: Bool = true) -> PageRef? {
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
        // `第3版 下一版` style leftovers and a sentence after the label are not page names.
        if name.unicodeScalars.count > 40 || name.contains("。") { return nil }
        return PageRef(number: number, name: name.isEmpty ? nil : name)
    }

    /// Finds a label (`第07版`, `07版`) anywhere inside a longer text and returns its page number.
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

    /// `07`, `7`, `A01`, `a1`: at most two letters then one to three digits.
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
}
