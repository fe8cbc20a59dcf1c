import PageModel
import Testing

@testable import PageClassify

@Suite struct GazetteerTests {
    let gazetteer: Gazetteer

    init() throws {
        gazetteer = try Gazetteer.bundled()
    }

    private var divisions: [Division] { gazetteer.divisions }
    private func division(_ name: String, in province: String = "31") -> Division? {
        divisions.first { $0.name == name && ($0.code?.hasPrefix(province) ?? true) }
    }

    @Test func coversEveryDistrictWithItsCode() {
        let codes = [
            "黄浦区": "310101", "徐汇区": "310104", "长宁区": "310105", "静安区": "310106", "普陀区": "310107",
            "闸北区": "310108", "虹口区": "310109", "杨浦区": "310110", "闵行区": "310112", "宝山区": "310113",
            "嘉定区": "310114", "浦东新区": "310115", "金山区": "310116", "松江区": "310117", "青浦区": "310118",
            "奉贤区": "310120", "崇明区": "310151", "崇明县": "310230", "卢湾区": "310103", "南汇区": "310119",
        ]
        for (name, code) in codes { #expect(division(name)?.code == code, "\(name)") }
        #expect(division("闸北区")?.validUntil == "2015-11-04")
        #expect(division("崇明县")?.validUntil == "2016-07-22")
        #expect(division("卢湾区")?.validUntil == "2011-06-08")
        #expect(division("南汇区")?.validUntil == "2009-05-06")
        for name in codes.keys where name != "崇明县" && name != "卢湾区" && name != "南汇区" && name != "闸北区" {
            let children = divisions.filter { $0.parent == name && $0.code?.hasPrefix("31") != false }
            #expect(!children.isEmpty, "\(name) has no 街道/镇")
        }
        #expect(divisions.count > 40_000)
    }

    @Test func coversChinaWithHistory() {
        let all = divisions
        #expect(all.filter { $0.level == .province }.count == 34)
        #expect(all.filter { $0.level.isCountyLevel && $0.validUntil == nil }.count > 2_800)
        #expect(all.filter { $0.level.isTownLevel }.count > 38_000)
        #expect(all.filter { $0.name == "朝阳区" }.compactMap(\.code).sorted() == ["110105", "220104"])
        let xiangfan = all.first { $0.name == "襄樊市" }
        #expect(xiangfan?.validUntil == "2010-12-09" && xiangfan?.successor == "襄阳市" && xiangfan?.level == .prefecture)
        #expect(all.first { $0.name == "宜宾县" }?.successor == "叙州区")
        #expect(all.filter { $0.name == "柳湖镇" }.compactMap(\.parent).sorted() == ["崆峒区", "玉门市"])
    }

    @Test func yangpuCodesAreExact() {
        let codes = [
            "定海路街道": "310110001", "平凉路街道": "310110006", "江浦路街道": "310110008", "四平路街道": "310110009",
            "控江路街道": "310110012", "长白新村街道": "310110013", "延吉新村街道": "310110015", "殷行街道": "310110016",
            "大桥街道": "310110018", "五角场街道": "310110019", "新江湾城街道": "310110020", "五角场镇": "310110101",
            "长海路街道": "310110021",
        ]
        for (name, code) in codes {
            #expect(division(name)?.code == code, "\(name)")
            #expect(division(name)?.parent == "杨浦区", "\(name)")
        }
        #expect(division("五角场镇")?.level == .town)
        #expect(division("五角场镇")?.validUntil != nil)
        #expect(division("长海路街道")?.validFrom != nil)
    }

    @Test func badJSONNamesTheProblem() {
        let invalid = #expect(throws: ClassifierDataError.self) { try Gazetteer(json: Array("{\"divisions\": [".utf8)) }
        #expect(invalid?.file == "in-memory JSON")
        #expect(invalid?.description.contains("invalid JSON") == true)

        let badLevel = #expect(throws: ClassifierDataError.self) {
            try Gazetteer(json: Array(#"{"divisions": [{"name": "X区", "level": "city", "parent": "上海市", "code": "310199"}]}"#.utf8))
        }
        #expect(badLevel?.description.contains("divisions[0].level") == true)

        let orphan = #expect(throws: ClassifierDataError.self) {
            try Gazetteer(json: Array(#"{"divisions": [{"name": "某街道", "level": "subdistrict", "parent": "无此区", "code": "310199001"}]}"#.utf8))
        }
        #expect(orphan?.description.contains("\"无此区\"") == true)

        let badDate = #expect(throws: ClassifierDataError.self) {
            try Gazetteer(json: Array(#"{"divisions": [{"name": "X区", "level": "district", "parent": "上海市", "code": "310199", "valid_until": "2015/11/04"}]}"#.utf8))
        }
        #expect(badDate?.description.contains("YYYY-MM-DD") == true)
    }

    @Test func userFileAddsDivisions() throws {
        let path = try temporaryFile("""
            {"divisions": [{"name": "测试镇", "level": "town", "parent": "杨浦区", "code": "310110199", "aliases": ["测试"]}]}
            """)
        let extended = try gazetteer.extended(withFile: path)
        let result = DistrictClassifier(gazetteer: extended).classify(ParsedArticle(paper: "杨浦时报", title: "测试镇新闻"))
        #expect(result.locality?.name == "测试镇" && result.district?.name == "杨浦区")
        let broken = try temporaryFile("[]")
        let error = #expect(throws: ClassifierDataError.self) { try gazetteer.extended(withFile: broken) }
        #expect(error?.file == broken)
    }
}
