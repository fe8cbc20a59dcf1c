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
        evidence.credit(found)
        evidence.addChildSupport(share: Self.childShare)
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
        let districts = order.map { entry in
            score(of: tallies[entry.tally], score: entry.score, tally: entry.tally, items: items, tables: tables, date: date,
                  paper: paper, pageName: pageName)
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

    private func score(of tally: EvidenceTally, score: Double, tally index: Int, items: [EvidenceItem], tables: GazetteerTables,
                       date: Int?, paper: String?, pageName: String?) -> DistrictScore {
        let division = tally.division
        func name(_ index: Int?) -> String? { index.map { tables.names[$0] } }
        return DistrictScore(
            name: tables.names[division], level: tables.levels[division],
            parent: name(tables.parentIndex(of: division, on: date)),
            prefecture: name(tables.prefecture(of: division, on: date)), province: name(tables.province(of: division, on: date)),
            code: tables.codes[division], mentions: tally.mentions, score: score,
            evidence: evidence(of: index, in: items, tables: tables, paper: paper, pageName: pageName))
    }

    /// A tally's items ordered by source, first-seen order within a source.
    private func evidence(of tally: Int, in items: [EvidenceItem], tables: GazetteerTables, paper: String?, pageName: String?) -> [DistrictEvidence] {
        var evidence: [DistrictEvidence] = []
        // Sized once: growing from empty reallocated for most divisions' second or third item.
        evidence.reserveCapacity(items.reduce(0) { $0 + ($1.tally == tally ? 1 : 0) })
        for source in Source.allCases {
            for item in items where item.tally == tally && item.source == source {
                let term: String
                switch item.source {
                case .title, .kicker, .subtitle, .body: term = tables.patternTerms[item.key]
                case .paper: term = paper ?? ""
                case .pageName: term = pageName ?? ""
                case .child: term = tables.names[item.key]
                }
                evidence.append(DistrictEvidence(source: source.name, term: term, count: item.count))
            }
        }
        return evidence
    }
}
