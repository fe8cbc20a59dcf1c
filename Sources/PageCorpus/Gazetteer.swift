import PageModel

/// An administrative division an article can be about.
struct Division: Sendable, Equatable {
    var name: String
    var level: DivisionLevel
    /// The district for a 街道/镇, `上海市` for a district.
    var parent: String
    /// How articles refer to it in running text besides the full name (`杨浦` for 杨浦区).
    var shortName: String
}

/// The generator's own small list of Shanghai divisions: every district, and the 街道/镇 of the
/// districts whose papers the corpus imitates. Kept here, not shared with PageClassify, so that the
/// classifier is checked against an independent list.
enum Gazetteer {
    static let districtNames: [(name: String, short: String)] = [
        ("黄浦区", "黄浦"), ("徐汇区", "徐汇"), ("长宁区", "长宁"), ("静安区", "静安"), ("普陀区", "普陀"),
        ("虹口区", "虹口"), ("杨浦区", "杨浦"), ("闵行区", "闵行"), ("宝山区", "宝山"), ("嘉定区", "嘉定"),
        ("浦东新区", "浦东"), ("金山区", "金山"), ("松江区", "松江"), ("青浦区", "青浦"), ("奉贤区", "奉贤"),
    ]

    /// 街道 and 镇 by district. Yangpu's 五角场镇 became 长海路街道 in 2019 (see `subdivisions(of:year:)`).
    static let localNames: [String: [String]] = [
        "杨浦区": ["定海路街道", "平凉路街道", "江浦路街道", "四平路街道", "控江路街道", "长白新村街道",
                 "延吉新村街道", "殷行街道", "大桥街道", "五角场街道", "新江湾城街道", "五角场镇"],
        "浦东新区": ["陆家嘴街道", "潍坊新村街道", "洋泾街道", "塘桥街道", "花木街道", "张江镇", "川沙新镇",
                  "高桥镇", "北蔡镇", "三林镇", "周浦镇", "惠南镇"],
        "闵行区": ["江川路街道", "古美街道", "新虹街道", "莘庄镇", "七宝镇", "颛桥镇", "华漕镇", "虹桥镇",
                 "梅陇镇", "吴泾镇", "马桥镇", "浦江镇"],
        "嘉定区": ["新成路街道", "真新街道", "嘉定镇街道", "南翔镇", "安亭镇", "马陆镇", "徐行镇", "华亭镇",
                 "外冈镇", "江桥镇"],
        "松江区": ["岳阳街道", "永丰街道", "方松街道", "中山街道", "泗泾镇", "佘山镇", "车墩镇", "新桥镇",
                 "洞泾镇", "九亭镇", "泖港镇", "叶榭镇", "小昆山镇"],
        "金山区": ["石化街道", "朱泾镇", "枫泾镇", "张堰镇", "亭林镇", "吕巷镇", "廊下镇", "金山卫镇", "漕泾镇",
                 "山阳镇"],
        "青浦区": ["夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇", "练塘镇", "金泽镇", "赵巷镇", "徐泾镇",
                 "华新镇", "重固镇", "白鹤镇"],
        "奉贤区": ["西渡街道", "奉浦街道", "金海街道", "南桥镇", "奉城镇", "庄行镇", "金汇镇", "四团镇",
                 "青村镇", "柘林镇"],
        "徐汇区": ["天平路街道", "湖南路街道", "徐家汇街道", "漕河泾街道", "华泾镇"],
        "宝山区": ["友谊路街道", "吴淞街道", "大场镇", "顾村镇", "罗店镇"],
    ]

    static func district(named name: String) -> Division {
        let short = districtNames.first { $0.name == name }?.short ?? name
        return Division(name: name, level: .district, parent: "上海市", shortName: short)
    }

    /// The 街道/镇 of `district` as they were in `year`.
    static func subdivisions(of district: String, year: Int) -> [Division] {
        var names = localNames[district] ?? []
        if district == "杨浦区", year >= 2019 {
            names = names.map { $0 == "五角场镇" ? "长海路街道" : $0 }
        }
        return names.map { name in
            let isTown = name.hasSuffix("镇") && !name.hasSuffix("镇街道")
            let short = String(name.dropLast(isTown ? 1 : 2))
            return Division(name: name, level: isTown ? .town : .subdistrict, parent: district, shortName: short)
        }
    }

    /// Districts with a 街道/镇 list, for citywide papers choosing a subject.
    static var districtsWithSubdivisions: [String] {
        districtNames.map(\.name).filter { localNames[$0] != nil }
    }
}
