
/// Everything one generated page is about: the edition it belongs to, its printed page, the article
/// (for article pages) and the other titles on the same printed page.
struct PagePlan: Sendable {
    var index: Int
    var paper: Paper
    var date: EditionDate
    var pageNumber: Int
    var pageName: String
    /// The edition's page list (`第01版：一版要闻` …).
    var edition: [(number: Int, name: String)]
    var article: ComposedArticle
    /// Titles of this printed page's articles, in page order; `article.title` is at `articlePosition`.
    /// A standing title (`standingTitles`) may appear twice, for two different articles.
    var pageTitles: [String]
    var articlePosition: Int
    /// Content ids parallel to `pageTitles`.
    var contentIDs: [Int]
    /// Titles and ids of articles on other pages, for a node page's 今日关注 box.
    var otherPageLinks: [(title: String, id: Int)]
    /// A small number printed in text renderings' footer after the date.
    var ordinal: Int

    var contentID: Int { contentIDs[articlePosition] }
    var nodeID: Int { paper.firstNodeID + pageNumber - 1 }
    var pageLabel: String { paper.labelStyle.label(pageNumber) }

    func nodeID(ofPage number: Int) -> Int { paper.firstNodeID + number - 1 }

    /// Titles papers print for several short items on one page.
    static let standingTitles = ["图片新闻", "简讯", "短评", "广告"]

    static func make(index: Int, random: inout SeededRandom) -> PagePlan {
        let paper = random.pick(PaperCatalog.papers)
        let date = EditionDate.random(&random)
        let pageNumber = random.int(1...paper.pageNames.count)
        let pageName = paper.pageNames[pageNumber - 1]

        let districtName = paper.district ?? random.pick(Gazetteer.districtsWithSubdivisions)
        let locals = Gazetteer.subdivisions(of: districtName, year: date.year)
        let districtLevelShare = paper.district == nil ? 0.5 : 0.25
        let subject = random.chance(districtLevelShare) || locals.isEmpty
            ? Gazetteer.district(named: districtName) : random.pick(locals)
        var neighbours = locals.filter { $0 != subject }
        if subject.level == .district {
            neighbours = Gazetteer.districtsWithSubdivisions.filter { $0 != districtName }.map(Gazetteer.district(named:))
        }

        var composer = ArticleComposer(random: SeededRandom(seed: random.next()), year: date.year)
        let article = composer.compose(subject: subject, neighbours: neighbours, pageName: pageName)

        let titleCount = random.int(3...7)
        var position = random.below(titleCount)
        var titles: [String] = []
        var attempts = 0
        while titles.count < titleCount {
            if titles.count == position { titles.append(article.title); continue }
            let other = locals.isEmpty ? subject : random.pick(locals)
            var candidate = composer.otherTitle(subject: other)
            attempts += 1
            if attempts > 40 { candidate += "（\(titles.count)）" }  // templates ran dry: keep titles distinct
            if !titles.contains(candidate) && candidate != article.title { titles.append(candidate) }
        }
        // Real pages repeat short standing titles (图片新闻 twice, two 简讯): distinct articles that
        // share a title, which ids and page lists must keep apart. Ids stay below firstID + 8.
        if titleCount <= 6, random.chance(0.25) {
            let standing = random.pick(Self.standingTitles)
            for _ in 0..<2 {
                let at = random.int(0...titles.count)
                titles.insert(standing, at: at)
                if at <= position { position += 1 }
            }
        }
        let firstID = 1000 + index * 10
        var otherLinks: [(String, Int)] = []
        for offset in 0..<random.int(0...3) {
            let title = composer.otherTitle(subject: random.pick(locals.isEmpty ? [subject] : locals))
            if !titles.contains(title) { otherLinks.append((title, firstID + 8 + offset * 100_000)) }
        }
        return PagePlan(
            index: index, paper: paper, date: date, pageNumber: pageNumber, pageName: pageName,
            edition: paper.pageNames.enumerated().map { ($0.offset + 1, $0.element) }, article: article,
            pageTitles: titles, articlePosition: position, contentIDs: titles.indices.map { firstID + $0 },
            otherPageLinks: otherLinks, ordinal: random.int(1...9))
    }
}
