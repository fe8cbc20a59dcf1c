/// Templates for kickers, titles, subtitles and body sentences, written for the corpus. Slots: `{D}` the
/// subject division, `{S}` its headline form, `{Q}` its district, `{X}` another division mentioned in
/// passing, `{L}` its level word (镇/街道/区), `{T}` topic, `{E}` event, `{A}` activity, `{B}` who benefits,
/// `{O}` an organisation, `{P}` a person, `{R}` a role, `{N}`/`{M}`/`{K}` numbers, `{U}` a university,
/// `{H}` a neighbourhood, `{Y}` the year.
enum SentenceTemplates {
    static let kickers = [
        "{D}汇聚各方力量推进{T}", "{D}探索{T}新模式", "{Q}持续推进{T}工作", "{D}把{A}做到居民心坎上",
        "盘活辖区资源 打通服务“最后一公里”", "{Y}年{T}工作交出成绩单", "{D}以{A}为抓手提升治理水平",
        "{D}{N}个居民区试点先行",
    ]
    static let titles = [
        "{S}{A}惠及{N}户{B}", "{S}：{T}有了“新抓手”", "{A}走进{S}", "{S}{E}召开", "{N}家单位结对{S}{A}",
        "{S}探索{A}新路子", "“{A}”成了{S}新名片", "{S}{Y}年{T}迈上新台阶", "{B}点赞{S}{A}",
        "{S}：小切口做好{T}大文章", "{S}{A}从“盆景”变“风景”",
    ]
    static let headlineWithoutPlace = [
        "{T}让{B}得实惠", "小区里来了“{A}”", "{A}：从“要我做”到“我要做”", "{B}的烦心事有人管了",
        "雨季来临 {A}不松劲",
    ]
    static let subtitles = ["——{D}{A}侧记", "{O}{N}年坚持{A}", "{N}个居民区全覆盖", "——记{D}{R}{P}"]

    /// Opening sentences: each names the subject division, as real leads do.
    static let leads = [
        "日前，{D}召开{E}，{O}等{N}家单位负责人参加会议。",
        "{D}日前举行{E}，{H}居民{P}作为代表上台发言，分享了参与{A}的体会。",
        "{Y}年以来，{D}以{A}为抓手，推动{T}工作向居民区延伸。",
        "记者日前从{D}获悉，该{L}{A}项目已覆盖辖区{N}个居民区。",
        "{M}月{N}日上午，{D}{E}在{H}举行，吸引了数百名{B}参加。",
    ]
    /// Sentences that name the subject division again.
    static let subjectSentences = [
        "记者走访发现，{D}不少居民区都有像{P}这样热心{A}的{B}。",
        "“关键是把辖区里的资源盘活，让居民真正得到实惠。”{D}{R}{P}说。",
        "去年{M}月起，{D}牵头组建了{T}工作专班，每月召开一次协调会。",
        "今年以来，{D}已组织相关活动{N}场，参与{B}累计{K}余人次。",
        "{D}还与{U}签订共建协议，由师生志愿者定期到社区开展服务。",
        "目前，{D}已有近{K}名{B}参与其中，“人人参与、人人受益”的氛围逐渐形成。",
        "{D}相关负责人表示，下一步将把{A}的经验推广到更多居民区。",
        "在{D}，{A}已被写进各居民区的年度工作清单。",
    ]
    /// Sentences without the subject's name.
    static let fillers = [
        "{O}认领了{N}个服务项目，每周派专人到居民区坐堂答疑。",
        "{H}居民区书记{P}告诉记者，起初不少居民对{A}心存疑虑，如今主动报名的越来越多。",
        "活动现场，{B}们排起了长队，不少人还带来了自家的孩子。",
        "{Q}有关部门负责人介绍，全区将进一步完善{T}工作机制，让更多{B}受益。",
        "据悉，该项目共投入资金{N}0万元，预计年内全部完工。",
        "“过去有事不知道找谁，现在在楼道里就能找到人。”家住{H}的{P}说。",
        "{U}的师生也加入进来，为居民提供专业咨询。",
        "居民们在意见簿上写下了{N}条建议，其中大部分已经落实。",
        "为了让服务更贴近需求，工作人员提前挨家挨户发放了问卷。",
        "记者在现场看到，志愿者们身穿红马甲，耐心地为{B}讲解。",
        "不少{B}表示，希望这样的活动能够常态化开展下去。",
        "{O}还专门设立了服务热线，工作日全天有人值守。",
        "从最初的{M}个试点到如今全面铺开，只用了不到一年时间。",
        "下一步，相关部门将定期听取居民意见，及时调整服务内容。",
        "{P}是一名有着{N}年党龄的老党员，每天都会到活动室帮忙。",
        "整个项目分三期推进，第一期已于{M}月底完成验收。",
        "“家门口就能办成事，省了我们不少力气。”{R}{P}笑着说。",
        "据了解，这一做法还被列入了{Q}年度重点工作。",
    ]
    /// Sentences that mention another division in passing.
    static let passing = [
        "此前，{X}也开展过类似的{A}，取得了不错的效果。",
        "不少居民还专程从{X}赶来参加活动。",
        "这一做法借鉴了{X}的经验。",
    ]
}
