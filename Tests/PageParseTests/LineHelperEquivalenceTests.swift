import ByteText
import PageModel
import Testing

@testable import PageParse

/// The byte-level line helpers and their prefilters must answer exactly as the `String` code in
/// `Reference` does, also on text built to trip them: spaces normalization drops or keeps,
/// combining marks that glue onto punctuation, canonical equivalents, prepended characters.
/// `Byline` has one implementation (no `String` twin): here only its prefilter is checked.
@Suite("Line helpers agree with the reference implementations")
struct LineHelperEquivalenceTests {
    static let prefixes = [
        "", " ", "  ", "\t", "\u{1}", "\u{7F}", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{205F}", "\u{1680}",
        "\u{85}", "\u{AD}", "\u{301}", " \u{301}", "\u{2000}", "\u{2001}", "\u{0600}", "\u{F900}", "■", "■ ", "※", "○○",
        "（", "(", "【", "[", "\u{FF08}\u{301}", "\u{200D}",
    ]
    static let heads = [
        "第", "第 ", "07", "A01", "a1", "第07版", "第A01版：", "07版:", "A01： ", "A01:", "第1版　　　", "第 3 版", "1234版",
        "ABC1版", "第a1 版 :", "x07版", "记者", "本报记者", "本报讯", "本报", "文", "文/图", "图/文", "图书", "文化", "通讯员",
        "新华社记者", "记者记者", "上一篇", "下一版", "上一期", "放大", "打印 返回", "三", "〇", "一二", "12", "五角场", "（完）",
        "2013年06月27日", "2013-06-27", "2017 年 10 月 9 日", "2017-October-16", "2013/6/27", "摄", "\u{F9D1}", "\u{2F800}",
    ]
    static let tails = [
        "", "要闻", " 毛海萍", "毛海萍 通讯员 李四", "张三摄", "李四报道", "城事·三区", "。", "！", "?", ":", "：要闻", " 下一版",
        "PDF", "\u{301}", "。\u{301}", "\u{200D}", "\u{F902}", "\u{FE0F}", "）", ")", "】", "]", " ", "\u{3000}", "\u{205F}",
        "\u{85}", "abc", "John Smith", String(repeating: "字", count: 41), String(repeating: "字", count: 25), "、王五，赵六/钱七|孙八;周九",
        "\u{037E}王五", "\u{2001}", "记者", "本报讯", "报道", "版", "第3版", "版 第4版", "(记者 张三)日前", "（记者 王五 通讯员 赵六）讯",
        "\u{0600}。", "文静", "本报记者张三摄", "A", "7", "\u{1F600}", "下载", "　　　", "5 6",
    ]

    /// Every prefix, head and tail, and a fixed pseudo-random sample of longer mixes.
    static let inputs: [String] = {
        var inputs: [String] = []
        for prefix in prefixes {
            for head in heads {
                for tail in tails { inputs.append(prefix + head + tail) }
            }
        }
        let pool = prefixes + heads + tails
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<20000 {
            inputs.append((0..<(2 + next(5))).map { _ in pool[next(pool.count)] }.joined())
        }
        return inputs
    }()

    /// Lines of the shared seed pages: real label, byline, residue and paragraph lines.
    static func seedLines() throws -> [String] {
        var lines: [String] = []
        for file in ["seeds/000_725b41050449d912.txt", "pages/real/jjjcb-2017-07-22-node-1.html", "pages/real/rmrb-2017-10-16-node-1.html"] {
            let text = try SharedFixtures.text(file)
            lines += text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "<" || $0 == ">" }).map(String.init)
        }
        return lines
    }

    @Test func pageLabelMatchesReference() throws {
        for input in Self.inputs + (try Self.seedLines()) {
            for requireBanSuffix in [true, false] {
                let expected = Reference.pageLabel(input, requireBanSuffix: requireBanSuffix)
                #expect(PageLabel.parse(input, requireBanSuffix: requireBanSuffix) == expected, "\(input.debugDescription)")
                if !PageLabel.mayBeLabel(input, requireBanSuffix: requireBanSuffix) {
                    #expect(expected == nil, "prefilter rejected a label: \(input.debugDescription)")
                }
            }
            #expect(PageLabel.findNumber(in: input) == Reference.findNumber(in: input), "\(input.debugDescription)")
            #expect(PageLabel.containsNavigation(input) == Reference.containsNavigation(input))
        }
    }

    @Test func pageLabelPrefilterLetsEveryLabelThrough() {
        for label in ["第07版:城事·三区", " \u{3000}第A01版：头版", "07版:要闻", "\u{200B}第1版", "\u{FEFF}A01： 头版", "\u{85}第2版"] {
            #expect(PageLabel.mayBeLabel(label, requireBanSuffix: false))
        }
        #expect(!PageLabel.mayBeLabel("五角场镇第07版", requireBanSuffix: true))
        #expect(!PageLabel.mayBeLabel("第07期", requireBanSuffix: true))
        #expect(PageLabel.mayBeLabel("A01： 头条", requireBanSuffix: false))
        #expect(!PageLabel.mayBeLabel("A01： 头条", requireBanSuffix: true))
    }

    /// `Byline` has one implementation; its prefilter must never turn away a line it would read
    /// as a byline (what it reads is checked by example in `BylineTests`).
    @Test func bylinePrefilterRejectsOnlyNonBylines() throws {
        for input in Self.inputs + (try Self.seedLines()) where !Byline.mayBeByline(input) {
            let names = UTF8Bytes.withBytes(input) { Byline.namesSkippingPrefilter($0) }
            #expect(names == nil, "prefilter rejected a byline: \(input.debugDescription)")
        }
    }

    @Test func bylinePrefilterLetsEveryBylineThrough() {
        for byline in ["■记者  毛海萍", "本报记者 X", "（记者 王五）", "[文/图 张三]", "\u{3000}通讯员 李四", "※ 张三", "\u{205F}记者 张三",
            "□ 湖北日报评论员", "湖北日报全媒记者 戴文辉 通讯员 刘涛"] {
            #expect(Byline.mayBeByline(byline))
        }
        #expect(!Byline.mayBeByline("本" + String(repeating: "字", count: 40)))
        #expect(Byline.mayBeByline("本" + String(repeating: "字", count: 39)))
    }

    @Test func bodyHelpersMatchReference() throws {
        for input in Self.inputs + (try Self.seedLines()) {
            #expect(NavigationResidue.isResidue(input) == Reference.isResidue(input), "\(input.debugDescription)")
            for emphasized in [false, true] {
                let block = BodyBlock(text: input, emphasized: emphasized)
                #expect(ArticleBody.looksLikeHeading(block) == Reference.looksLikeHeading(block), "\(input.debugDescription)")
            }
            #expect(PlainTextArticleParser.isProse(input) == Reference.isProse(input), "\(input.debugDescription)")
        }
    }

    @Test func datesMatchReference() throws {
        let dates = ["2017 年 10 月 9 日", "2017\u{3000}年\u{3000}10月9号", "2017-Oct-16", "2017-october-16", "2017-Sept-3", "2017-Ma-3",
                     "2017-MAY-03x", "20130627", "12013-06-27", "2013-06-277", "2013-6-27", "2013/6/27", "2013.06.27", "2013-06/27",
                     "1899-01-01", "2101-01-01", "2013-13-01", "2013-12-32", "2013年06月27", "发布 2013-06-27 00:00:00.0", "第07版 2013年"]
        for input in Self.inputs + (try Self.seedLines()) + dates + dates.map({ "x" + $0 + "日" }) {
            #expect(DateText.first(in: input) == Reference.firstDate(in: input), "\(input.debugDescription)")
        }
    }

    @Test func paperNamesMatchReference() throws {
        let titles = ["中国旅游报社-电子报平台", "人民日报-人民网", "打造新型传媒集团·江西日报社数字报", "报", "报社", "晚报社报社", "数字报刊平台", "a—b–c｜d_e·f•g h",
                      "网网网", "新刊物电子版", "日报 平台平台", "北京日报 - 数字报刊平台", "报\u{301}社-x", "ab报网", "\u{3000}晚报\u{3000}", "报社网"]
        for input in Self.inputs + (try Self.seedLines()) + titles + titles.map({ $0 + "-" + $0 }) {
            #expect(PaperName.fromDocumentTitle(input) == Reference.paperName(fromDocumentTitle: input), "\(input.debugDescription)")
        }
    }

    @Test func footerPaperNamesMatchReference() {
        let footers = ["杨浦时报城事·三区07打破社区“内循环”共联共赢共享 2013-06-27 2 2013年06月27日 星期四", " 杨浦时报A07标题 x", "标题", "  ", "",
                       "报A1B2标题", "很长的报纸名字很长的报纸名字很长的报纸名字城事标题", "报\u{301}城事标题 1", "时报城事城事标题", "时报标题城事", "a b c"]
        let pages: [PageRef?] = [nil, PageRef(number: "7", name: "城事"), PageRef(number: "7", name: nil), PageRef(number: "7", name: ""),
                                 PageRef(number: "7", name: "城事·三区"), PageRef(number: "7", name: "\u{301}")]
        let titles = ["标题", "打破社区“内循环”共联共赢共享", "", "x", "城事"]
        for footer in footers + footers.map({ "\u{3000}" + $0 }) {
            for page in pages {
                for title in titles {
                    #expect(PlainTextArticleParser.paperName(inFooter: footer, page: page, title: title)
                        == Reference.paperName(inFooter: footer, page: page, title: title), "\(footer.debugDescription) \(String(describing: page)) \(title)")
                }
            }
        }
    }

    @Test func normalizedShortcutMatchesTextBuilder() throws {
        for input in Self.inputs + (try Self.seedLines()) + ["a  b", "a\u{A0}b", " a", "a ", "a\tb", "", "a b"] {
            #expect(Array(UTF8Text.normalized(input).utf8) == Array(TextBuilder.normalize(input).utf8), "\(input.debugDescription)")
        }
    }

    @Test func residueFilterKeepsNavigationLines() {
        for line in ["放大 缩小 默认", "3 上一篇 下一篇 4", "上一版3 4下一版", "", " ", "12 三", "返回目录", "〇", "关闭", "收藏 打印", "缩小", "默认 12", "下一期", "上一期 返回"] {
            #expect(NavigationResidue.isResidue(line) == Reference.isResidue(line))
            #expect(Reference.isResidue(line), "\(line)")
        }
    }

    /// `UTF8Text.isSimple` promises that each listed scalar is a Character of its own next to any
    /// other, is no other listed scalar in canonical equivalence, has combining class 0, takes
    /// part in no decomposition that NFC leaves decomposed, and is whitespace only if U+0020.
    @Test func simpleScalarsBehaveAsCharacters() {
        var strings: [String] = []
        for value in UInt32(0)...0x10FFFF where UTF8Text.isSimple(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(Character(scalar))
            let name = "U+\(String(value, radix: 16))"
            #expect("\(alone)a".count == 2 && "a\(alone)".count == 2 && "\u{4E00}\(alone)字".count == 3, "\(name)")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "\(name)")
            #expect(!scalar.properties.isFullCompositionExclusion, "\(name)")
            #expect(!scalar.properties.isWhitespace || value == 0x20, "\(name)")
            #expect(!scalar.properties.isGraphemeExtend, "\(name)")
            strings.append(alone)
        }
        #expect(strings.count > 29000)
        // String order is by canonical equivalence: two equivalent scalars would sort side by side and compare equal.
        strings.sort()
        for (left, right) in zip(strings, strings.dropFirst()) where left == right {
            Issue.record("\(left.unicodeScalars.first!.value) is canonically equivalent to \(right.unicodeScalars.first!.value)")
        }
    }

    /// The byte form skips three-byte CJK characters by their lead byte; for every scalar of the
    /// basic plane, alone and between two simple neighbours, it must answer what the scalar list says.
    @Test func simpleBytesFollowTheScalarList() {
        for value in UInt32(0x80)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(scalar) + "字"
            let simple = UTF8Bytes.withBytes(text) { UTF8Text.isSimple($0) }
            #expect(simple == UTF8Text.isSimple(value), "U+\(String(value, radix: 16))")
        }
    }

    /// The numeric ideographs are listed by hand for speed; the standard library decides.
    @Test func numericIdeographsMatchTheStandardLibrary() {
        for value in UInt32(0x4E00)...0x9FFF {
            let expected = Unicode.Scalar(value)?.properties.numericType != nil
            #expect(NavigationResidue.hasNumericValue(value) == expected, "U+\(String(value, radix: 16))")
        }
    }

    @Test func simpleScalarListCatchesEquivalents() {
        // Canonical singletons and their targets must not both be simple: U+2000 = U+2002, U+F900 = U+8C48.
        #expect(!(UTF8Text.isSimple(0x2000) && UTF8Text.isSimple(0x2002)))
        #expect(!UTF8Text.isSimple(0xF900))
        #expect(String(Character(Unicode.Scalar(0xF900)!)) == String(Character(Unicode.Scalar(0x8C48)!)))
        #expect(!UTF8Text.isSimple(0x037E))  // GREEK QUESTION MARK = ";"
        #expect(!UTF8Text.isSimple(0x0301) && !UTF8Text.isSimple(0x200D) && !UTF8Text.isSimple(0x3099))
    }
}
