import Foundation
import PageModel
import Testing

@testable import PageClassify

@Suite struct SectionTaxonomyTests {
    let taxonomy: SectionTaxonomy

    init() throws {
        taxonomy = try SectionTaxonomy.bundled()
    }

    @Test(arguments: [
        ("城事·三区", "7", "city"), ("民生·社会", "8", "society"), ("平凉之窗", "3", "local"),
        ("一版要闻", "1", "front"), ("要闻·综合", "2", "news"), ("头版", "A01", "front"),
        ("体育·娱乐", "C04", "sports"), ("要闻", "1", "news"), ("综合新闻", "2", "news"),
        ("队伍建设", "3", "other"), ("反腐观察", "4", "other"), ("旅游报01版", "01", "front"),
        ("决胜全面小康 开启新的征程·党的十九大特别报道", "07", "special"), ("广告", "24", "ads"),
    ])
    func realPageNames(name: String, number: String, slug: String) {
        let section = taxonomy.section(forPageName: name, pageNumber: number)
        #expect(section == Section(slug: slug, name: name))
    }

    /// The shortcut must give exactly what PageModel's grapheme-aware trim gives, including for
    /// whitespace that combining marks, joiners or prepended marks cling to.
    @Test func trimmingShortcutAgreesWithTrimmingWhitespace() {
        let pieces = [" ", "\u{3000}", "\u{A0}", "\t", "\r", "\n", "\u{301}", "\u{200D}", "\u{0600}", "\u{FE0F}",
                      "a", "1", "·", "城", "事", "\u{4DC0}", "\u{9FFF}", "\u{1100}", "한", "\u{1F1E8}", "é"]
        var random = SplitMix64(seed: 0x7121)
        for round in 0..<20000 {
            let name = (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let expected = name.trimmingWhitespace()
            let actual = SectionTaxonomy.trimmed(name)
            #expect(Array(actual.utf8) == Array(expected.utf8), "round \(round): \(name.unicodeScalars.map { String($0.value, radix: 16) })")
            if Array(actual.utf8) != Array(expected.utf8) { return }
        }
    }

    @Test func unknownNameKeepsTheRawName() {
        #expect(taxonomy.section(forPageName: " 队伍建设 ", pageNumber: "5") == Section(slug: "other", name: "队伍建设"))
        #expect(taxonomy.section(forPageName: nil, pageNumber: "9") == Section(slug: "other", name: "其他"))
    }

    @Test func pageOneFallbackOnlyForUnrecognisedNames() {
        #expect(taxonomy.section(forPageName: "旅游报01版", pageNumber: "A1").slug == "front")
        #expect(taxonomy.section(forPageName: nil, pageNumber: "01") == Section(slug: "front", name: "头版"))
        #expect(taxonomy.section(forPageName: "旅游报02版", pageNumber: "2").slug == "other")
        #expect(taxonomy.section(forPageName: "体育", pageNumber: "1").slug == "sports")
    }

    @Test func slugsCoverTheTaxonomy() {
        for slug in ["front", "news", "local", "city", "society", "culture", "sports", "economy", "opinion", "special", "other"] {
            #expect(taxonomy.slugs.contains(slug), "missing slug \(slug)")
        }
        #expect(Set(taxonomy.slugs).count == taxonomy.slugs.count)
    }

    @Test func userFileRulesComeFirstAndMayAddSlugs() throws {
        let path = try temporaryFile("""
            {"sections": [{"slug": "discipline", "name": "纪检", "description": "Party discipline"}],
             "rules": [{"match": "contains", "pattern": "反腐", "slug": "discipline", "priority": 1},
                       {"match": "exact", "pattern": "平凉之窗", "slug": "city", "priority": 1}]}
            """)
        let extended = try taxonomy.extended(withFile: path)
        #expect(extended.section(forPageName: "反腐观察", pageNumber: "4") == Section(slug: "discipline", name: "反腐观察"))
        #expect(extended.section(forPageName: "平凉之窗", pageNumber: "3").slug == "city")
        #expect(extended.section(forPageName: "城事·三区", pageNumber: "7").slug == "city")
        #expect(extended.slugs.last == "discipline")
        #expect(taxonomy.section(forPageName: "平凉之窗", pageNumber: "3").slug == "local")
    }

    @Test func badFilesNameTheFileAndTheProblem() throws {
        let broken = try temporaryFile("{\"rules\": [")
        let error = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: broken) }
        #expect(error?.file == broken)
        #expect(error?.description.contains("invalid JSON") == true)

        let unknownSlug = try temporaryFile(#"{"rules": [{"match": "exact", "pattern": "x", "slug": "nope", "priority": 1}]}"#)
        let slugError = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: unknownSlug) }
        #expect(slugError?.description.contains("unknown slug \"nope\"") == true)

        let badKind = #expect(throws: ClassifierDataError.self) {
            try SectionTaxonomy(json: Array(#"{"sections": [{"slug": "other", "name": "其他"}], "rules": [{"match": "regex", "pattern": "x", "slug": "other", "priority": 1}]}"#.utf8))
        }
        #expect(badKind?.description.contains("rules[0].match") == true)

        let missing = #expect(throws: ClassifierDataError.self) { try taxonomy.extended(withFile: "/nonexistent/sections.json") }
        #expect(missing?.description.contains("does not exist") == true)
    }
}

/// Writes `contents` to a fresh file in the temporary directory and returns its path.
func temporaryFile(_ contents: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pageclassify-\(UUID().uuidString).json")
    try Data(contents.utf8).write(to: url)
    return url.path
}
