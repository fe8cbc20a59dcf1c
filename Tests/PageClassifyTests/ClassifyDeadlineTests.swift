import PageModel
import Testing

@testable import PageClassify

/// Classifying stops once the page's deadline has passed: between scanning and crediting, and
/// inside the loop that credits the names.
@Suite struct ClassifyDeadlineTests {
    static let passed = PageDeadline(instant: ContinuousClock.now)
    /// County names of the bundled gazetteer, more than a countdown's turns between two looks at the clock.
    static let names = try! Gazetteer.bundled().divisions.filter { $0.level.isCountyLevel }.prefix(3 * DeadlineCountdown.defaultInterval).map(\.name)

    @Test func classifyingStops() throws {
        let classifier = DistrictClassifier(gazetteer: try Gazetteer.bundled())
        let article = ParsedArticle(title: "名录", paragraphs: [Self.names.joined(separator: "、")])
        #expect(throws: PageDeadline.Passed.self) { try classifier.classify(article, deadline: Self.passed) }
        #expect(!(try classifier.classify(article, deadline: .none)).districts.isEmpty)
    }

    @Test func creditingStops() throws {
        let tables = try Gazetteer.bundled().tables
        var found: [FoundName] = []
        tables.matcher.withScanner { scanner in
            ArticleEvidence.names(in: Self.names.joined(separator: "、"), with: scanner, tables: tables, source: .body, weight: 1, into: &found)
        }
        #expect(found.count >= Self.names.count)
        var evidence = ArticleEvidence(tables: tables, date: nil)
        let error = #expect(throws: PageDeadline.Passed.self) { try evidence.credit(found, deadline: Self.passed) }
        #expect(error?.place.contains("crediting") == true)
    }

    /// A county with more named towns than an entry may list evidence for: its child evidence is
    /// cut at the cap, the towns themselves are all listed.
    @Test func evidenceIsCappedPerDivision() throws {
        let towns = (1...(EventCaps.evidencePerDivision + 50)).map { "测试\($0)号镇" }
        let divisions = [#"{"name": "测试省", "level": "province", "code": "990000"}"#,
                         #"{"name": "测试市", "level": "prefecture", "parent": "测试省", "code": "990100"}"#,
                         #"{"name": "测试县", "level": "county", "parent": "测试市", "code": "990101"}"#]
            + towns.map { #"{"name": "\#($0)", "level": "town", "parent": "测试县"}"# }
        let gazetteer = try Gazetteer(json: Array(#"{"divisions": [\#(divisions.joined(separator: ","))]}"#.utf8))
        let article = ParsedArticle(title: "测试县各镇", paragraphs: [towns.joined(separator: "、")])
        let places = DistrictClassifier(gazetteer: gazetteer).classify(article)
        let county = try #require(places.districts.first { $0.name == "测试县" })
        #expect(county.evidence.count == EventCaps.evidencePerDivision)
        #expect(county.evidence.first?.source == "title")
        #expect(places.districts.filter { $0.level == .town }.count == towns.count)
    }
}
