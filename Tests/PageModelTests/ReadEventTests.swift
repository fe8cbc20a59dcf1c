import Foundation
import PageCore
import PageModel
import Testing

/// `ReadEvent` reads back what the page core writes: events made from real pages, encoded with
/// `jsonBytes()`, then read; and the tolerance the wire form's versioning promises (fields added,
/// optional fields absent), while anything that is not an event is reported unreadable.
@Suite struct ReadEventTests {
    static let processor = try! PageProcessor()

    static func packageRoot() -> URL {
        // Tests/PageModelTests/ReadEventTests.swift -> package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The events of one page: `Tests/Fixtures/pages/<name>`, or `../shared/<path>` beside the package.
    static func events(_ relativePath: String) throws -> [PagepipeEvent] {
        let path = packageRoot().appendingPathComponent(relativePath).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("the fixture \(relativePath) is absent (looked at \(path); CI always has ../shared beside the repository)")
            throw CancellationError()
        }
        return try processor.process(text: String(decoding: data, as: UTF8.self), source: .file(path: relativePath))
    }

    /// The seed article: its primary district (杨浦区) is not its best-scored division (五角场镇).
    static let seed = "../shared/seeds/000_725b41050449d912.txt"
    static let pages = [seed, "Tests/Fixtures/pages/same-title-1.html", "Tests/Fixtures/pages/node-map-twice.html"]

    static func seedArticle() throws -> ArticleEvent {
        guard case .article(let article) = try events(seed).first else {
            Issue.record("the seed must parse to an article")
            throw CancellationError()
        }
        return article
    }

    /// The event's wire form as a JSON object, changed by `edit`, back to bytes.
    static func edited(_ bytes: [UInt8], _ edit: (inout [String: Any]) -> Void) throws -> [UInt8] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        edit(&object)
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    @Test(arguments: pages) func eventsReadBackCarryWhatThePageCoreWrote(_ page: String) throws {
        let events = try Self.events(page)
        #expect(!events.isEmpty)
        for event in events {
            let read = try ReadEvent(json: event.jsonBytes())
            #expect(read.schema == event.schema)
            #expect(read.id == event.id)
            switch event {
            case .article(let article):
                #expect(read.isArticle)
                #expect(read.paper == article.paper && read.date == article.date)
                #expect(read.section?.slug == article.section.slug && read.section?.name == article.section.name)
                #expect(read.district == article.district && read.locality == article.locality)
                #expect(read.districts.map(\.name) == article.districts.map(\.name))
                #expect(read.districts.map(\.level) == article.districts.map(\.level.rawValue))
                #expect(read.districts.map(\.province) == article.districts.map(\.province))
                #expect(read.districts.map(\.code) == article.districts.map(\.code))
                #expect(read.province == article.province)
                #expect(read.parserVersion == article.parserVersion)
            case .page(let pageEvent):
                #expect(!read.isArticle)
                #expect(read.paper == pageEvent.paper && read.date == pageEvent.date)
                #expect(read.section?.slug == pageEvent.section.slug)
                #expect(read.districts.isEmpty && read.district == nil && read.province == nil)
            }
        }
    }

    /// The seed names 杨浦区 as its district, behind 五角场镇: the province comes from the district's
    /// entry, and reader and page core agree on it.
    @Test func theProvinceOfTheSeedComesFromItsDistrictsEntry() throws {
        let article = try Self.seedArticle()
        let read = try ReadEvent(json: article.jsonBytes())
        #expect(read.district == "杨浦区")
        #expect(read.districts.first?.name != read.district, "the seed's best-scored division is not its district")
        #expect(read.province == "上海市")
        #expect(article.province == read.province)
    }

    @Test func fieldsItDoesNotKnowAreIgnored() throws {
        let bytes = try Self.seedArticle().jsonBytes()
        let extended = try Self.edited(bytes) { object in
            object["added_in_a_later_version"] = ["nested": [1, 2, 3]]
            var section = object["section"] as? [String: Any] ?? [:]
            section["confidence"] = 0.9
            object["section"] = section
            object["districts"] = (object["districts"] as? [[String: Any]] ?? []).map { entry in
                entry.merging(["population": 1_300_000]) { old, _ in old }
            }
        }
        #expect(try ReadEvent(json: extended) == ReadEvent(json: bytes))
    }

    /// An older or sparser event: no topic, no locality, no districts, null paper, a section with
    /// only its slug (before parser 1.1.0 it had no `source` or `evidence`).
    @Test func optionalFieldsMayBeAbsentOrNull() throws {
        let seed = try Self.seedArticle()
        let bytes = seed.jsonBytes()
        let sparse = try Self.edited(bytes) { object in
            for key in ["topic", "locality", "districts", "date", "parser_version"] { object.removeValue(forKey: key) }
            object["paper"] = NSNull()
            object["section"] = ["slug": "city"]
        }
        let read = try ReadEvent(json: sparse)
        #expect(read.isArticle && read.id == seed.id)
        #expect(read.paper == nil && read.date == nil && read.locality == nil && read.parserVersion == nil)
        #expect(read.section?.slug == "city" && read.section?.name == nil)
        #expect(read.district == "杨浦区" && read.districts.isEmpty && read.province == nil)
    }

    @Test func whatIsNotAnEventIsUnreadable() throws {
        let bytes = try Self.seedArticle().jsonBytes()
        let notEvents: [(String, [UInt8])] = [
            ("not JSON", Array("吴淞口 <html>".utf8)),
            ("cut short", Array(bytes.prefix(bytes.count / 2))),
            ("empty", []),
            ("an array", Array("[1, 2]".utf8)),
            ("a wrongly typed id", try Self.edited(bytes) { $0["id"] = 42 }),
            ("a division without a name", try Self.edited(bytes) { $0["districts"] = [["level": "district"]] }),
        ]
        for (what, value) in notEvents {
            #expect(throws: ReadEvent.Unreadable.self, "\(what)") { try ReadEvent(json: value) }
        }
    }
}

/// `ArticleProvince`: the district's entry decides, else the best-scored division; a province is its own.
@Suite struct ArticleProvinceTests {
    static func division(_ name: String, _ level: DivisionLevel, province: String?) -> DistrictScore {
        DistrictScore(name: name, level: level, parent: province, province: province, code: nil, mentions: 1, score: 1, evidence: [])
    }

    static let wujiaochang = division("五角场镇", .town, province: "上海市")
    static let kongtong = division("崆峒区", .district, province: "甘肃省")
    static let gansu = division("甘肃省", .province, province: nil)

    @Test func theDistrictsEntryWinsOverTheBestScoredDivision() {
        #expect(ArticleProvince.of(district: "崆峒区", districts: [Self.wujiaochang, Self.kongtong]) == "甘肃省")
    }

    @Test func withoutADistrictTheBestScoredDivisionDecides() {
        #expect(ArticleProvince.of(district: nil, districts: [Self.wujiaochang, Self.kongtong]) == "上海市")
        #expect(ArticleProvince.of(district: "不在列表区", districts: [Self.wujiaochang, Self.kongtong]) == "上海市")
    }

    @Test func aProvinceIsItsOwnProvince() {
        #expect(ArticleProvince.of(district: nil, districts: [Self.gansu, Self.wujiaochang]) == "甘肃省")
    }

    @Test func noDivisionsNoProvince() {
        #expect(ArticleProvince.of(district: "杨浦区", districts: [DistrictScore]()) == nil)
    }

    /// The reader's divisions follow the same rule as the page core's.
    @Test func readDivisionsFollowTheSameRule() throws {
        let json = #"""
            {"schema": "pagepipe.article/v1", "district": "崆峒区", "districts": [
              {"name": "五角场镇", "level": "town", "province": "上海市"},
              {"name": "崆峒区", "level": "district", "province": "甘肃省"}]}
            """#
        #expect(try ReadEvent(json: Array(json.utf8)).province == "甘肃省")
    }
}
