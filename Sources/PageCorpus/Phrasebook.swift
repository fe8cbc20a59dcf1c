/// The generator's own words: names, roles, organisations and the topics articles are about.
/// Everything here was written for the corpus; sentence templates are in `SentenceTemplates`.
enum Phrasebook {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
                           "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
                           "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "毛", "倪", "陆", "顾", "沈"]
    /// Includes 镕, 堃, 喆 and 珺: in GBK but outside GB2312, as in real names that broke gb2312 decoders.
    static let givenNames = ["海萍", "国栋", "来娣", "建华", "志强", "秀英", "卫东", "丽华", "晓峰", "文斌", "静",
                             "敏", "磊", "洁", "勇", "燕", "婷婷", "佳怡", "子涵", "浩然", "镕", "堃", "喆", "珺",
                             "雪梅", "玉兰", "金根", "阿毛", "伟民", "培英", "永康", "慧敏", "立新", "红霞", "家骏",
                             "思远", "一鸣", "晨曦", "明华", "宝根", "凤英", "德明", "智勇", "丽君", "镕基", "堃鹏"]
    static let officialRoles = ["党工委书记", "党委书记", "办事处主任", "镇长", "副镇长", "党群工作办公室主任",
                                "社区自治办主任", "社区事务受理服务中心主任"]
    static let residentRoles = ["居民区党总支书记", "居委会主任", "志愿者", "楼组长", "退休教师", "居民", "业委会主任"]
    static let institutions = ["区民政局", "区文明办", "区总工会", "区体育局", "区人社局", "区绿化市容局", "区卫计委",
                               "区消防支队", "区图书馆", "区少年宫", "区市场监管局", "区房管局", "区科委"]
    static let localInstitutionSuffixes = ["社区卫生服务中心", "社区文化活动中心", "党群服务中心", "社区事务受理服务中心",
                                           "城运中心", "综合治理中心", "睦邻中心"]
    static let companies = ["上海城市建设投资(集团)有限公司", "东方商厦", "百联集团", "申通地铁", "上海电力公司",
                            "光明乳业", "城投水务", "上海银行", "交通银行", "农商银行"]
    static let universities = ["同济大学", "复旦大学", "上海理工大学", "上海财经大学", "上海体育学院", "上海电力学院"]
    static let neighbourhoods = ["春晖苑", "枫林新村", "和平小区", "银杏苑", "新华一村", "长青坊", "兰苑", "翠竹小区",
                                 "东明新村", "阳光花苑", "锦绣家园", "梅林苑", "宏图新村", "紫藤苑"]
    static let weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"]

    static let topics: [Topic] = [
        Topic(name: "区域化党建", event: "区域化党建联席会", activity: "党建互动项目", beneficiaries: "在职党员",
              subheadings: ["联动：街镇+单位+居民", "共建：项目清单化", "共治：大家的事大家办", "服务清单送上门"]),
        Topic(name: "垃圾分类", event: "垃圾分类推进会", activity: "定时定点投放", beneficiaries: "居民",
              subheadings: ["湿垃圾不出小区", "志愿者守桶", "分类有了积分", "从要我分到我要分"]),
        Topic(name: "美丽家园建设", event: "旧住房综合修缮动员会", activity: "加装电梯", beneficiaries: "住户",
              subheadings: ["老房子换新颜", "加装电梯破难题", "居民说了算", "修缮之后管得住"]),
        Topic(name: "为老服务", event: "长者照护之家开放日", activity: "社区助餐", beneficiaries: "老年人",
              subheadings: ["家门口的养老院", "助餐点开到楼下", "智慧养老进家庭", "老伙伴结对关爱"]),
        Topic(name: "社区文化", event: "社区文化节", activity: "文艺团队展演", beneficiaries: "居民",
              subheadings: ["团队自编自演", "文化走进楼组", "非遗有了传承人", "书香满社区"]),
        Topic(name: "河道治理", event: "河长制工作推进会", activity: "河道整治", beneficiaries: "沿河居民",
              subheadings: ["黑臭水体不见了", "河长天天巡河", "绿道连起来", "治水更要管水"]),
        Topic(name: "科技创新", event: "创新创业大赛", activity: "众创空间", beneficiaries: "创业团队",
              subheadings: ["校区园区社区联动", "孵化器里出项目", "人才留得住", "服务企业零距离"]),
        Topic(name: "平安建设", event: "消防安全宣传周", activity: "群租整治", beneficiaries: "居民",
              subheadings: ["隐患排查全覆盖", "消防演练进校园", "群防群治见实效", "技防设施上门"]),
        Topic(name: "全民健身", event: "市民运动会", activity: "健身步道", beneficiaries: "市民",
              subheadings: ["健身就在家门口", "太极拳走进居民区", "赛事办到社区里", "科学健身有指导"]),
        Topic(name: "就业帮扶", event: "专场招聘会", activity: "就业援助", beneficiaries: "求职者",
              subheadings: ["岗位送到家门口", "技能培训补短板", "创业有人扶一把", "一人一策帮就业"]),
    ]
}

/// What an article is about; its words fill the templates' `{T}`, `{E}`, `{A}` and `{B}` slots.
struct Topic: Sendable {
    var name: String
    var event: String
    var activity: String
    var beneficiaries: String
    var subheadings: [String]
}
