import PageModel
import Testing

@testable import PageParse

/// What `Byline` reads from lines and paragraphs, by example: every kind of byline real papers
/// print, and the lines that look like one but are not (wire datelines, credit lines, words
/// starting with a one-character role).
@Suite("Bylines")
struct BylineTests {
    @Test(arguments: [
        ("■记者 毛海萍", ["毛海萍"]),
        ("■记者  毛海萍", ["毛海萍"]),
        ("本报记者 张三", ["张三"]),
        ("本报记者张三 李四", ["张三", "李四"]),
        ("■本报记者 张三 通讯员 李四", ["张三", "李四"]),
        ("■记者 张三 通讯员 李四", ["张三", "李四"]),
        ("□ 湖北日报评论员", ["湖北日报评论员"]),
        ("本报评论员", ["本报评论员"]),
        ("湖北日报全媒记者 戴文辉 通讯员 刘涛", ["戴文辉", "刘涛"]),
        ("长江日报融媒体记者 王一 实习生 赵二", ["王一", "赵二"]),
        ("新华社记者 张三 李四", ["张三", "李四"]),
        ("人民网记者 孙五", ["孙五"]),
        ("（记者 王五）", ["王五"]),
        ("（本报记者 王五 通讯员 赵六）", ["王五", "赵六"]),
        ("文/图 张三", ["张三"]),
        ("文/张三", ["张三"]),
        ("本报记者 张三摄", ["张三"]),
        ("记者 李四报道", ["李四"]),
        ("※ 张三、李四", ["张三", "李四"]),
    ])
    func bylineLines(line: String, names: [String]) {
        #expect(Byline.names(inBylineLine: line) == names, "\(line)")
    }

    @Test(arguments: [
        "新华社北京2月10日电 中共中央总书记、国家主席习近平2月9日回信",
        "新华社北京2月10日电",
        "据新华社北京2月10日电",
        "（新华社北京2月10日电 载2月11日《人民日报》）",
        "（完）",
        "文化广场今天开放",
        "图书馆延长开放时间",
        "评论员",
        "记者节",
        "记者：张三",
        "31个老旧小区改造升级",
        "共联:联席会+分会+小组",
        "五角场镇带动各类资源",
    ])
    func notBylines(line: String) {
        #expect(Byline.names(inBylineLine: line) == nil, "\(line)")
    }

    @Test func datelineBylineInTheFirstParagraph() {
        #expect(Byline.leadingNames(inParagraph: "本报讯（记者 张三 通讯员 李四）日前，社区召开大会。") == ["张三", "李四"])
        #expect(Byline.leadingNames(inParagraph: "新华社北京2月10日电（记者 王五）中共中央……") == ["王五"])
        #expect(Byline.leadingNames(inParagraph: "新华社北京2月10日电 中共中央总书记（国家主席）习近平……").isEmpty)
        #expect(Byline.leadingNames(inParagraph: "（记者 张三）日前").isEmpty)  // a bracket first is no dateline
    }

    /// The dateline's bracket must open within the first 16 scalars and close within the first 80.
    @Test func datelineWindows() {
        for lead in 0...18 {
            let paragraph = String(repeating: "字", count: lead) + "讯（记者 张三）日前"
            #expect(Byline.leadingNames(inParagraph: paragraph) == (lead + 1 < 16 ? ["张三"] : []), "\(lead)")
        }
        let farClose = "本报讯（" + String(repeating: "名", count: 80) + " 记者 张三）"
        #expect(Byline.leadingNames(inParagraph: farClose).isEmpty)
    }

    @Test func trailingBylineLeavesTheParagraphText() {
        let byline = Byline.trailingByline(inParagraph: "改造工程将于年底完工。（记者 王五 通讯员 赵六）")
        #expect(byline?.names == ["王五", "赵六"])
        #expect(byline?.rest == "改造工程将于年底完工。")
        #expect(Byline.trailingByline(inParagraph: "全文完。（新华社北京2月10日电 载2月11日《人民日报》）") == nil)
        #expect(Byline.trailingByline(inParagraph: "活动现场气氛热烈（图片由主办方提供）") == nil)
        #expect(Byline.trailingByline(inParagraph: "改造工程将于年底完工。") == nil)
    }
}
