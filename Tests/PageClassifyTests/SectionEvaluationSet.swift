import PageModel

/// One hand-written article and the section a reader would file it under.
struct SectionSample {
    var page: PageRef?
    var kicker: String?
    var title: String
    var authors: [String] = []
    var paragraphs: [String]
    var expected: String

    var article: ParsedArticle {
        ParsedArticle(page: page, kicker: kicker, title: title, authors: authors, paragraphs: paragraphs)
    }

    /// Whether the page's name (or number) alone should decide: a printed name that is not generic,
    /// or no name on page 1.
    var decidedByPage: Bool
}

/// Short articles written for this test in the project's own words (no paper's text), with and
/// without page names, covering every slug of the bundled taxonomy. Samples without a usable page
/// name are what content classification is measured on.
enum SectionEvaluationSet {
    static func byPage(_ name: String?, _ number: String, _ title: String, _ paragraphs: [String], _ expected: String) -> SectionSample {
        SectionSample(page: PageRef(number: number, name: name), title: title, paragraphs: paragraphs, expected: expected, decidedByPage: true)
    }

    static func byText(
        _ name: String?, _ number: String?, kicker: String? = nil, _ title: String, authors: [String] = [],
        _ paragraphs: [String], _ expected: String
    ) -> SectionSample {
        SectionSample(page: number == nil && name == nil ? nil : PageRef(number: number, name: name), kicker: kicker, title: title,
                      authors: authors, paragraphs: paragraphs, expected: expected, decidedByPage: false)
    }

    static let samples: [SectionSample] = pageNamed + textOnly

    /// Real page names (from the issue, `../shared/pages/real/` and FORMATS.md); the text is
    /// deliberately bland or pulls elsewhere, so that only the name can be right.
    static let pageNamed: [SectionSample] = [
        byPage("本地新闻", "3", "老码头改造方案征求意见", ["方案公示期为两周，意见可通过热线反映。"], "local"),
        byPage("区域新闻", "5", "两地签订协作协议", ["双方将在产业、人才等方面开展合作。"], "local"),
        byPage("区 域", "7", "沿江六县联合治水", ["六个县今年共同清理河道三百公里。"], "local"),
        byPage("城区", "4", "夜市重新开张", ["摊位数量比去年增加了一倍。"], "local"),
        byPage("浦东新闻", "6", "张江一企业获得大额订单", ["订单金额超过五亿元。"], "local"),
        byPage("各地传真", "22", "山区小镇通上天然气", ["三千多户居民告别了烧柴做饭。"], "local"),
        byPage("要闻", "1", "全市召开高质量发展大会", ["会议总结了去年的工作。"], "front"),
        byPage("今日要闻", "01", "新一批重大项目开工", ["项目总投资约八百亿元。"], "front"),
        byPage("头 版", "A01", "春运返程高峰到来", ["铁路部门加开夜间列车。"], "front"),
        byPage(nil, "1", "新年第一场雪如期而至", ["气象台发布了道路结冰预警。"], "front"),
        byPage("要闻", "2", "全市召开安全生产会议", ["会议要求压实各方责任。"], "news"),
        byPage("综 合", "3", "多地出台稳岗新政", ["补贴直接发放到企业账户。"], "news"),
        byPage("理论", "14", "把握新发展阶段的几个关系", ["这一问题需要从历史和现实两个维度来认识。"], "opinion"),
        byPage("言论", "5", "服务窗口不该“踢皮球”", ["群众办事跑了三趟还没办成。"], "opinion"),
        byPage("财经", "9", "季报季来临", ["多家公司将在下周披露业绩。"], "economy"),
        byPage("区域经济", "23", "开发区跑出加速度", ["前三季度新增注册企业一千余家。"], "economy"),
        byPage("国 际", "4", "多国领导人出席峰会", ["会议发表了联合声明。"], "world"),
        byPage("副刊", "12", "外婆的桂花树", ["每到秋天，院子里都是甜甜的香气。"], "culture"),
        byPage("体育·娱乐", "C04", "周末去哪儿", ["城里有好几场活动可以选择。"], "sports"),
        byPage("广告", "24", "新春特惠", ["全场商品八折起。"], "ads"),
        byPage("教 育", "6", "开学第一课", ["孩子们听老兵讲了一个故事。"], "education"),
        byPage("反腐观察", "4", "一名科长的“隐形变异”", ["他收受的礼品藏在亲戚家里。"], "law"),
        byPage("决胜全面小康·特别报道", "7", "山里人家的新日子", ["村口的路修好了，快递也能送到家门口。"], "special"),
        byPage("军事·国防", "8", "一堂特别的开学课", ["老师带着学生们参观了校史馆。"], "military"),
    ]

    /// Pages without a name, or with a generic one (`A3版`, `旅游报03版`) or one no rule knows: the
    /// article itself has to say.
    static let textOnly: [SectionSample] = [
        byText(nil, nil, "把“小切口”改革做深做实", authors: ["本报评论员"],
               ["改革不一定都要大张旗鼓，群众身边的小事往往最见成效。", "我们要看到，一些地方仍满足于发文件、开会议，真正落到实处的并不多。"], "opinion"),
        byText("A3版", "A3", "莫让“指尖上的形式主义”困住基层", ["■本报评论员", "一个工作群每天要求上传几十张照片，干部疲于应付。", "应该说，减负不是减责任，更不是减服务。"], "opinion"),
        byText(nil, "5", kicker: "短评", "读懂夜间消费里的信心", ["商场延长营业时间，街头小吃摊排起长队。", "在笔者看来，这份热闹来自人们对日子越过越好的期待。"], "opinion"),
        byText(nil, "2", "国务院常务会议部署稳就业举措", ["新华社北京3月2日电 国务院总理主持召开国务院常务会议，部署进一步稳定和扩大就业的措施。", "会议指出，要加大对中小企业的支持力度。"], "news"),
        byText(nil, nil, "全国政协十四届二次会议闭幕", ["新华社北京3月10日电 全国政协十四届二次会议10日上午在人民大会堂闭幕。", "会议通过了政治决议。"], "news"),
        byText("旅游报02版", "2", "省委常委会召开会议研究春耕工作", ["省委常委会近日召开会议，听取全省春季农业生产情况汇报，部署下一阶段工作。"], "news"),
        byText(nil, "3", "楼组议事会解决了老大难", ["定海路街道一处老小区楼道堆物多年，居委会牵头召开楼组议事会。", "居民们商量出轮流值守的办法，楼道焕然一新。"], "local"),
        byText(nil, nil, "村民自己定规矩", ["镇政府指导下，几个村委会陆续修订了村规民约。", "村民代表逐条讨论，最后全体表决通过。"], "local"),
        byText(nil, "4", "轨道交通新线年底通车", ["这条地铁线全长三十六公里，设站二十座。", "沿线道路的交通组织也将同步调整。"], "city"),
        byText("第6版", "6", "老城区旧改收官", ["最后一片旧区改造地块今天完成签约。", "市政配套和绿化工程随后开工。"], "city"),
        byText(nil, "7", "民警街头救下落水老人", ["一位老人不慎跌入河中，巡逻民警跳下水将其救起。", "派出所随后联系上了老人的家属。"], "society"),
        byText(nil, nil, "警方提醒：这类电话一律是诈骗", ["近期冒充客服的电信诈骗案件增多，警方提醒市民提高警惕。"], "society"),
        byText(nil, "8", "低保标准再次上调", ["新的低保标准从下月起执行，困难群众每月可多领一百二十元。", "社保部门表示，资金已经全部到位。"], "society"),
        byText(nil, "9", "百年老剧场重新开幕", ["修缮后的剧场保留了原有的舞台和穹顶。", "开幕当晚上演了一部原创话剧，演员大多是本地青年。"], "culture"),
        byText("A7版", "A7", "青年作家新作写尽街巷烟火", ["这部小说以一条老街为背景，写了三代人的悲欢。", "作家说，书里很多细节来自小时候的记忆。"], "culture"),
        byText(nil, "10", "主场逆转 球队终结三连败", ["下半场两个进球帮助球队以二比一逆转对手。", "主教练赛后表示，球员们展现了斗志。"], "sports"),
        byText("旅游报03版", "3", "环湖自行车赛鸣枪开赛", ["来自二十个国家的车手参加比赛，冠军将在周日产生。"], "sports"),
        byText(nil, "11", "一季度外贸进出口同比增长六个百分点", ["海关数据显示，一季度全市外贸进出口总额超过一万亿元。", "其中出口增长较快，民营企业贡献最大。"], "economy"),
        byText(nil, nil, "新能源汽车产业链项目集中签约", ["十二个项目总投资一百五十亿元，涵盖电池、电机等环节。", "签约企业普遍看好本地的营商环境。"], "economy"),
        byText(nil, "15", "遗失声明", ["本公司不慎遗失营业执照副本一份，特此声明作废。"], "ads"),
        byText(nil, "16", "临街旺铺招租", ["面积一百二十平方米，适合餐饮零售，有意者请拨打咨询电话。"], "ads"),
        byText(nil, "17", "联合国大会通过气候决议", ["当地时间4日，联合国大会以多数票通过一项应对气候变化的决议。", "多国代表在发言中呼吁加大资金支持。"], "world"),
        byText("A4版", "A4", "欧盟外长会讨论能源合作", ["欧盟外长当地时间周一在布鲁塞尔开会，讨论冬季能源供应。"], "world"),
        byText(nil, "18", "今年高考报名人数再创新高", ["全省共有五十余万名考生报名参加高考。", "招生部门提醒考生按时打印准考证。"], "education"),
        byText(nil, nil, "课后服务延长到傍晚六点", ["从本学期起，全区小学课后服务时间延长，家长不必再提前下班接孩子。", "学校安排老师轮流值班。"], "education"),
        byText(nil, "19", "新型芯片让手机更省电", ["一个科研团队在实验室里研制出一种低功耗芯片。", "相关论文已经发表，技术正在申请专利。"], "tech"),
        byText("B2版", "B2", "试验卫星发射成功", ["这颗卫星将用于验证新一代通信技术。", "航天科研人员连续奋战了三个月。"], "tech"),
        byText(nil, "20", "流感进入高发期", ["近一周医院发热门诊就诊人数明显上升。", "医生提醒，老人和儿童应尽早接种疫苗。"], "health"),
        byText(nil, nil, "区中心医院开设夜间门诊", ["夜间门诊开设内科、儿科等六个科室，方便上班族就医。", "患者可以通过手机提前预约。"], "health"),
        byText(nil, "21", "虚假宣传被判赔偿十万元", ["区法院近日审理了一起消费纠纷案件，一审判决商家赔偿消费者十万元。", "法官提醒，经营者应当诚信守法。"], "law"),
        byText(nil, "22", "通报三起违反八项规定问题", ["区纪委监委日前通报三起典型问题，三名干部分别受到党纪处分。"], "law"),
        byText(nil, "23", kicker: "乡村振兴系列报道之三", "一条河带活一个村", ["过去的臭水沟变成了清水河，村里办起了民宿。"], "special"),
        byText("队伍建设", "3", "明天多云转晴", ["最高气温十八度，最低气温九度，东南风三到四级。"], "other"),
        byText(nil, nil, "本期导读", ["请翻阅本期各版内容。"], "other"),
        byText(nil, "24", "海军舰艇编队完成远海实战化训练", ["编队官兵连续多日开展对抗演练，检验了联合作战能力。"], "military"),
    ]
}
