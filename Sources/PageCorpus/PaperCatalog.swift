/// One newspaper the corpus imitates. District papers and all their names are real; the citywide
/// papers are invented, so no real masthead's content is imitated.
struct Paper: Sendable {
    var name: String
    /// ASCII slug used in file names (`yangpu`).
    var slug: String
    /// The district a district paper covers; nil for a citywide paper.
    var district: String?
    /// Page names (版名) for an edition, in page order.
    var pageNames: [String]
    /// How this paper's template prints a page label: `第07版`, `第7版` or `07版`.
    var labelStyle: PageLabelStyle
    /// The separator between page label and name in page lists: `：` or `:`.
    var separator: String
    /// The Founder site's node id of page 1; node ids of later pages follow it.
    var firstNodeID: Int
}

enum PageLabelStyle: Sendable {
    case zeroPadded, unpadded, noDi

    func label(_ number: Int) -> String {
        let padded = number < 10 ? "0\(number)" : "\(number)"
        switch self {
        case .zeroPadded: return "第\(padded)版"
        case .unpadded: return "第\(number)版"
        case .noDi: return "\(padded)版"
        }
    }
}

enum PaperCatalog {
    static let papers: [Paper] = [
        Paper(name: "杨浦时报", slug: "yangpu", district: "杨浦区",
              pageNames: ["一版要闻", "要闻·综合", "平凉之窗", "平凉之窗", "平凉之窗", "平凉之窗", "城事·三区", "民生·社会"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 1),
        Paper(name: "浦东时报", slug: "pudong", district: "浦东新区",
              pageNames: ["一版要闻", "要闻·综合", "新区·社区", "经济", "民生·社会", "文化", "体育", "评论"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 11),
        Paper(name: "闵行报", slug: "minhang", district: "闵行区",
              pageNames: ["一版要闻", "要闻·综合", "社区·街镇", "民生·社会", "经济", "文化", "特别报道", "体育"],
              labelStyle: .unpadded, separator: "：", firstNodeID: 2),
        Paper(name: "嘉定报", slug: "jiading", district: "嘉定区",
              pageNames: ["一版要闻", "要闻·综合", "嘉定·镇村", "民生·社会", "经济", "文化", "体育", "评论"],
              labelStyle: .zeroPadded, separator: ":", firstNodeID: 3),
        Paper(name: "松江报", slug: "songjiang", district: "松江区",
              pageNames: ["一版要闻", "要闻·综合", "松江·街镇", "民生·社会", "文化", "经济", "特别报道", "体育"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 21),
        Paper(name: "金山报", slug: "jinshan", district: "金山区",
              pageNames: ["一版要闻", "要闻·综合", "金山·城乡", "民生·社会", "经济", "文化", "体育", "评论"],
              labelStyle: .noDi, separator: "：", firstNodeID: 5),
        Paper(name: "青浦报", slug: "qingpu", district: "青浦区",
              pageNames: ["一版要闻", "要闻·综合", "青浦·社区", "民生·社会", "经济", "文化", "评论", "体育"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 1),
        Paper(name: "奉贤报", slug: "fengxian", district: "奉贤区",
              pageNames: ["一版要闻", "要闻·综合", "奉贤·社区", "民生·社会", "经济", "文化", "特别报道", "体育"],
              labelStyle: .unpadded, separator: ":", firstNodeID: 7),
        Paper(name: "申江晚报", slug: "shenjiang", district: nil,
              pageNames: ["一版要闻", "要闻·综合", "城事", "区县新闻", "民生·社会", "经济", "文化", "体育",
                          "评论", "特别报道", "区县新闻", "城事"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 101),
        Paper(name: "沪滨日报", slug: "hubin", district: nil,
              pageNames: ["一版要闻", "要闻·综合", "城事", "经济", "民生·社会", "区县新闻", "文化", "评论"],
              labelStyle: .zeroPadded, separator: "：", firstNodeID: 201),
        Paper(name: "浦江晨报", slug: "pujiang", district: nil,
              pageNames: ["一版要闻", "要闻·综合", "区县新闻", "城事", "民生·社会", "体育", "文化", "特别报道"],
              labelStyle: .unpadded, separator: "：", firstNodeID: 301),
    ]
}
