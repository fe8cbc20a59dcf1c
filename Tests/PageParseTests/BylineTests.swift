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
        // A colon right after the role, full-width or ASCII, separates like a space.
        ("本报记者：潘清", ["潘清"]),
        ("记者：张三", ["张三"]),
        ("记者:张三 李四", ["张三", "李四"]),
        ("（记者：湛卢）", ["湛卢"]),
        ("(记者：唐珩 关宏)", ["唐珩", "关宏"]),
        ("记者：李珍 通讯员：陈海丹", ["李珍", "陈海丹"]),
        ("摄影：王五", ["王五"]),
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
        "31个老旧小区改造升级",
        // Interviews print the reporter's questions after 记者：; a question is no byline.
        "记者：你曾经说这部电影无论如何都要等？",
        "记者：郭总，咱们为什么选择在这个时间",
        "记者：常规处置。",
        "他告诉记者：一切来得太突然",
        "图：新建的大桥",
        "来源：生活日报",
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

    /// Web-portal datelines read as 新华社's: the bracket after …电 (or 中广网's …消息) names the
    /// reporters, with or without the role; a portal's aside `(微博)` after its name is skipped.
    @Test func webPortalDatelinesReadLikeWireDatelines() {
        #expect(Byline.leadingNames(inParagraph: "新华网北京7月12日电(记者 隋笑飞) 受国际金融危机的影响，全国法院受理劳动争议") == ["隋笑飞"])
        #expect(Byline.leadingNames(inParagraph: "中新网杭州9月26日电(记者 夏毅) “最近，首次置业的客户明显减少。”") == ["夏毅"])
        #expect(Byline.leadingNames(inParagraph: "中广网呼和浩特8月3日消息（记者陈青平 通讯员张鹏） 7月31日，调研组来到满洲里。") == ["陈青平", "张鹏"])
        #expect(Byline.leadingNames(inParagraph: "中新网(微博)北京9月21日电(张曦)惊悚悬疑电影今日下午举行媒体见面会。") == ["张曦"])
        #expect(Byline.leadingNames(inParagraph: "新华社南宁4月12日电（王勉、罗念初）一名患者今天出院。") == ["王勉", "罗念初"])
        #expect(Byline.leadingNames(inParagraph: "本报讯（记者：张三）日前，社区召开大会。") == ["张三"])
        // Without a role, only short names in a dated wire bracket: glued names, notes and 本报讯's asides are none.
        #expect(Byline.leadingNames(inParagraph: "新华网南宁4月12日电（王勉罗念初）一名乙肝患者今天出院。").isEmpty)
        #expect(Byline.leadingNames(inParagraph: "中新网6月8日电（综合报道）全球气候剧变。").isEmpty)
        #expect(Byline.leadingNames(inParagraph: "本报讯（张三）日前，社区召开大会。").isEmpty)
        #expect(Byline.leadingNames(inParagraph: "人民网北京6月30日电 外交部发言人秦刚30日在例行记者会上表示（记者 王五）").isEmpty)
        #expect(Byline.leadingNames(inParagraph: "市民(微博)北京9月21日电(张曦)").isEmpty, "an aside only after a newsroom's name")
    }

    /// The dateline's bracket must open within the first 16 scalars (24 for a dated wire dateline)
    /// and close within the first 80.
    @Test func datelineWindows() {
        for lead in 0...18 {
            let paragraph = String(repeating: "字", count: lead) + "讯（记者 张三）日前"
            #expect(Byline.leadingNames(inParagraph: paragraph) == (lead + 1 < 16 ? ["张三"] : []), "\(lead)")
        }
        // A dated wire dateline may open its bracket up to the 24th scalar, for long foreign places.
        for lead in 12...22 {
            let paragraph = "新华社" + String(repeating: "城", count: lead) + "5月18日电（记者 刘洋）上合组织会议举行。"
            #expect(Byline.leadingNames(inParagraph: paragraph) == (3 + lead + 6 < 24 ? ["刘洋"] : []), "\(lead)")
        }
        #expect(Byline.leadingNames(inParagraph: "新华网俄罗斯叶卡捷琳堡5月18日电(记者刘洋 张亚晨)上海合作组织会议举行。") == ["刘洋", "张亚晨"])
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
