import PageModel

/// Finds the divisions of China an article is about, and its primary county-level `district` and
/// town-level `locality`.
///
/// Evidence:
/// - text matches of a division's name, short form or alias (leftmost-longest, so `五角场镇` is not
///   also `五角场`) weighted by where they occur: title 3, kicker 2, subtitle 2, each body paragraph
///   or sub-heading 1 per match;
/// - priors, 1.5 each, once per source: the paper's home (`paper`) and names in the page name
///   (`平凉之窗` → 平凉路街道, `page_name`);
/// - never page chrome: the edition's page list and the other articles' titles belong to the page.
///
/// Same names across China are told apart by support (see `ArticleEvidence.credit`): the paper's
/// home (from `paper_priors`, else the place the paper's name names: 长春日报 → 长春市; national
/// papers have none) and the unambiguous names of the text make a set of divisions the article
/// lies in; 朝阳区 in 长春日报 is 长春's, 城关镇 counts only when its county or prefecture is
/// supported, and a county's two-character short form only inside its prefecture or province, or
/// when the text supports it itself (a unit suffix: 娄星公安分局; two mentions apart from other
/// words), as a unique town name does when a mention starts a word (华舍街道).
///
/// Score of a division d, all on the article's date:
/// ```
/// own(d)   = Σ text weight × matches + Σ priors
/// score(d) = (own(d) + 0.5 × Σ own(c) for each child c of d) × validity(d)
/// ```
/// `validity` is 1, or 0.5 when the article is dated outside the division's lifetime and the
/// gazetteer records no successor for it. With a successor, an old name is credited to the
/// division valid on that date (`闸北区` in a 2020 article → 静安区, `襄樊` in 2015 → 襄阳市).
///
/// `districts` is ordered by score descending, then code, then name. `district` is the best-scored
/// county-level division (a prefecture-level city without counties, such as 东莞市, stands in);
/// `locality` the best-scored town-level division inside it that the text names.
public struct DistrictClassifier: Sendable {
    /// Where evidence was found; the order of the cases is the order of evidence in the output.
    enum Source: Int, Sendable, CaseIterable {
        case title, kicker, subtitle, body, paper, pageName, child

        var name: String {
            switch self {
            case .title: "title"
            case .kicker: "kicker"
            case .subtitle: "subtitle"
            case .body: "body"
            case .paper: "paper"
            case .pageName: "page_name"
            case .child: "child"
            }
        }
    }

    static let priorWeight = 1.5
    static let childShare = 0.5
    static let historicFactor = 0.5

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    /// Where the article is (empty when nothing matched).
    public func classify(_ article: ParsedArticle) -> PlaceClassification {
        do { return try classify(article, deadline: .none) } catch { preconditionFailure("no deadline, yet it passed: \(error)") }
    }

    /// The same, stopping once `deadline` passes.
    public func classify(_ article: ParsedArticle, deadline: PageDeadline) throws(PageDeadline.Passed) -> PlaceClassification {
        let tables = gazetteer.tables
        let date = IsoDate.leadingKey(article.date)
        var evidence = ArticleEvidence(tables: tables, date: date)
        var found: [FoundName] = []
        found.reserveCapacity(32)  // an article names a dozen or two; growing from empty reallocated five times
        var paperNames: [FoundName] = []
        let listedHome = article.paper.flatMap { PaperHome.listed($0, in: tables) }
        tables.matcher.withScanner { scanner in
            func scan(_ text: String, _ source: Source, _ weight: Double, isPrior: Bool = false) {
                ArticleEvidence.names(in: text, with: scanner, tables: tables, source: source, weight: weight, isPrior: isPrior, into: &found)
            }
            scan(article.title, .title, 3)
            if let kicker = article.kicker { scan(kicker, .kicker, 2) }
            if let subtitle = article.subtitle { scan(subtitle, .subtitle, 2) }
            for heading in article.subheadings { scan(heading, .body, 1) }
            for paragraph in article.paragraphs { scan(paragraph, .body, 1) }
            if let pageName = article.page?.name { scan(pageName, .pageName, Self.priorWeight, isPrior: true) }
            if let paper = article.paper, listedHome == nil {
                ArticleEvidence.names(in: paper, with: scanner, tables: tables, source: .paper, weight: 0, into: &paperNames)
            }
        }
        let home = listedHome.map { $0.map { tables.resolve($0, on: date) } } ?? PaperHome.home(names: paperNames, tables: tables, date: date)
        if let home { evidence.recordHome(home) }
        try deadline.check("finding place names")
        try evidence.credit(found, deadline: deadline)
        evidence.addChildSupport(share: Self.childShare)
        try deadline.check("crediting place names")
        return ranked(evidence, paper: article.paper, pageName: article.page?.name)
    }

    private func ranked(_ found: ArticleEvidence, paper: String?, pageName: String?) -> PlaceClassification {
        let tables = found.tables, date = found.date, tallies = found.tallies, items = found.items
        guard !tallies.isEmpty else { return PlaceClassification() }
        var order = tallies.indices.map { index -> (score: Double, tally: Int) in
            let tally = tallies[index]
            var score = tally.ownScore + tally.childScore
            if let date, !tables.isValid(tally.division, on: date) { score *= Self.historicFactor }
            return (score, index)
        }
        order.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            return tables.precedes(tallies[left.tally].division, tallies[right.tally].division)
        }
        order.removeSubrange(min(order.count, EventCaps.districtsPerArticle)...)
        let grouped = Self.itemsByTally(items, tallyCount: tallies.count)
        let districts = order.map { entry in
            score(of: tallies[entry.tally], score: entry.score, items: grouped.items[grouped.starts[entry.tally]..<grouped.starts[entry.tally + 1]],
                  tables: tables, date: date, paper: paper, pageName: pageName)
        }
        let district = order.firstIndex { tables.standsForCountyLevel[tallies[$0.tally].division] }
        let locality = district.flatMap { chosen in
            let county = tallies[order[chosen].tally].division
            return order.firstIndex { entry in
                let division = tallies[entry.tally].division
                // Named in the text: a page name (平凉之窗) hints at a town but carries every kind of story.
                return tables.levels[division].isTownLevel && tallies[entry.tally].mentions > 0
                    && tables.parentIndex(of: division, on: date) == county
            }
        }
        return PlaceClassification(districts: districts, district: district.map { districts[$0] }, locality: locality.map { districts[$0] })
    }

    private func score(of tally: EvidenceTally, score: Double, items: ArraySlice<EvidenceItem>, tables: GazetteerTables,
                       date: Int?, paper: String?, pageName: String?) -> DistrictScore {
        let division = tally.division
        func name(_ index: Int?) -> String? { index.map { tables.names[$0] } }
        return DistrictScore(
            name: tables.names[division], level: tables.levels[division],
            parent: name(tables.parentIndex(of: division, on: date)),
            prefecture: name(tables.prefecture(of: division, on: date)), province: name(tables.province(of: division, on: date)),
            code: tables.codes[division], mentions: tally.mentions, score: score,
            evidence: evidence(of: items, tables: tables, paper: paper, pageName: pageName))
    }

    /// The items grouped by tally, first-seen order within a tally, in one array (a counting
    /// sort): `starts[tally] ..< starts[tally + 1]` is a tally's group. Listing every division's
    /// evidence then reads each item once instead of every item once per division.
    private static func itemsByTally(_ items: [EvidenceItem], tallyCount: Int) -> (items: [EvidenceItem], starts: [Int]) {
        var starts = [Int](repeating: 0, count: tallyCount + 1)
        for item in items { starts[item.tally + 1] += 1 }
        for tally in 0..<tallyCount { starts[tally + 1] += starts[tally] }
        var next = starts
        var grouped = items
        for item in items {
            grouped[next[item.tally]] = item
            next[item.tally] += 1
        }
        return (grouped, starts)
    }

    /// One tally's items ordered by source, first-seen order within a source, at most
    /// `EventCaps.evidencePerDivision` of them.
    private func evidence(of items: ArraySlice<EvidenceItem>, tables: GazetteerTables, paper: String?, pageName: String?) -> [DistrictEvidence] {
        var evidence: [DistrictEvidence] = []
        // Sized once: growing from empty reallocated for most divisions' second or third item.
        evidence.reserveCapacity(min(items.count, EventCaps.evidencePerDivision))
        for source in Source.allCases {
            for item in items where item.source == source {
                guard evidence.count < EventCaps.evidencePerDivision else { return evidence }
                let term: String
                switch item.found {
                case .pattern(let pattern): term = tables.patternTerms[pattern]
                case .prior: term = (item.source == .paper ? paper : pageName) ?? ""
                case .child(let child): term = tables.names[child]
                }
                evidence.append(DistrictEvidence(source: source.name, term: term, count: item.count))
            }
        }
        return evidence
    }
}
