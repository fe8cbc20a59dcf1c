import PageModel

/// Finds the Shanghai divisions an article is about.
///
/// Evidence:
/// - text matches of a division's name or alias (leftmost-longest, so `五角场镇` is not also
///   `五角场`) weighted by where they occur: title 3, kicker 2, subtitle 2, each body paragraph or
///   sub-heading 1 per match;
/// - priors: the paper (`杨浦时报` → 杨浦区, source `paper`) and names in the page name (`平凉之窗` →
///   平凉路街道, source `page_name`), 1.5 each, once per source and term;
/// - never page chrome: the edition's page list and the other articles' titles belong to the page,
///   not to this article.
///
/// Score of a division d, all on the article's date:
/// ```
/// own(d)   = Σ text weight × matches + Σ priors
/// score(d) = (own(d) + 0.5 × Σ own(c) for each 街道/镇 c inside d) × validity(d)
/// ```
/// `validity` is 1, or 0.5 when the article is dated outside the division's lifetime and the
/// gazetteer records no successor/predecessor for it. With a successor, a historic name is
/// credited to the division valid on that date instead (`闸北区` in a 2020 article → 静安区, with
/// the evidence keeping the printed term); undated articles keep what they say.
///
/// Order: score descending, then code, then name. The first entry is the primary: when a
/// district comes first but one of its 街道/镇 with text mentions scores at least half as much, that
/// 街道/镇 is moved in front, because its evidence is what names the article's place most precisely.
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
    static let promotionShare = 0.5

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    /// Divisions the article is about, best first (empty when nothing matched).
    public func classify(_ article: ParsedArticle) -> [DistrictScore] {
        let tables = gazetteer.tables
        var found = ArticleEvidence(tables: tables, date: IsoDate.leadingKey(article.date))

        tables.matcher.withScanner { scanner in
            found.scan(article.title, with: scanner, source: .title, weight: 3)
            if let kicker = article.kicker { found.scan(kicker, with: scanner, source: .kicker, weight: 2) }
            if let subtitle = article.subtitle { found.scan(subtitle, with: scanner, source: .subtitle, weight: 2) }
            for heading in article.subheadings { found.scan(heading, with: scanner, source: .body, weight: 1) }
            for paragraph in article.paragraphs { found.scan(paragraph, with: scanner, source: .body, weight: 1) }
            if let paper = article.paper {
                var contiguous = paper
                contiguous.withUTF8 { paperBytes in
                    for prior in tables.paperPriors where ByteSearch.contains(prior.paper, in: paperBytes) {
                        found.record(prior.division, source: .paper, pattern: 0, weight: Self.priorWeight, isPrior: true)
                    }
                }
            }
            if let pageName = article.page?.name {
                found.scan(pageName, with: scanner, source: .pageName, weight: Self.priorWeight, isPrior: true)
            }
        }
        let pageName = article.page?.name

        found.recordSupportedDeferred()
        found.addChildSupport(share: Self.childShare)
        return ranked(found, paper: article.paper, pageName: pageName)
    }

    /// Order: score descending, then code, then name, compared as precomputed ranks; then the
    /// promotion of a well-supported 街道/镇 (see the type's comment).
    private func ranked(_ found: ArticleEvidence, paper: String?, pageName: String?) -> [DistrictScore] {
        let tables = found.tables, date = found.date, tallies = found.tallies, items = found.items
        guard !tallies.isEmpty else { return [] }
        var order = tallies.indices.map { index -> (score: Double, tally: Int) in
            let tally = tallies[index]
            var score = tally.ownScore + tally.childScore
            if let date, !tables.isValid(tally.division, on: date) { score *= Self.historicFactor }
            return (score, index)
        }
        let codeRank = tables.codeRank, nameRank = tables.nameRank
        order.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            let leftDivision = tallies[left.tally].division, rightDivision = tallies[right.tally].division
            if codeRank[leftDivision] != codeRank[rightDivision] { return codeRank[leftDivision] < codeRank[rightDivision] }
            return nameRank[leftDivision] < nameRank[rightDivision]
        }
        let first = order[0], firstDivision = tallies[first.tally].division
        let firstLevel = tables.divisions[firstDivision].level
        if firstLevel == .district || firstLevel == .county,
            let childIndex = order.firstIndex(where: { entry in
                let tally = tallies[entry.tally]
                return tables.parentIndex(of: tally.division, on: date) == firstDivision && tally.mentions > 0
                    && entry.score >= Self.promotionShare * first.score
            })
        {
            order.insert(order.remove(at: childIndex), at: 0)
        }

        return order.map { entry in
            let tally = tallies[entry.tally], index = tally.division
            // Field by field: copying the whole `Division` retained a dozen strings and arrays.
            let parent = tables.hasFormerParent(index, on: date)
                ? tables.divisions[index].formerParent ?? tables.divisions[index].parent : tables.divisions[index].parent
            return DistrictScore(
                name: tables.divisions[index].name, level: tables.divisions[index].level, parent: parent,
                code: tables.divisions[index].code,
                mentions: tally.mentions, score: entry.score,
                evidence: evidence(of: entry.tally, in: items, tables: tables, paper: paper, pageName: pageName))
        }
    }

    /// A tally's items ordered by source, first-seen order within a source.
    private func evidence(of tally: Int, in items: [EvidenceItem], tables: GazetteerTables, paper: String?, pageName: String?) -> [DistrictEvidence] {
        var count = 0
        var inOrder = true
        var last = -1
        for item in items where item.tally == tally {
            count += 1
            inOrder = inOrder && item.source.rawValue >= last
            last = item.source.rawValue
        }
        var evidence: [DistrictEvidence] = []
        evidence.reserveCapacity(count)
        func append(_ item: EvidenceItem) {
            let term: String
            switch item.source {
            case .title, .kicker, .subtitle, .body: term = tables.patternTerms[item.key]
            case .paper: term = paper ?? ""
            case .pageName: term = pageName ?? ""
            case .child: term = tables.divisions[item.key].name
            }
            evidence.append(DistrictEvidence(source: item.source.name, term: term, count: item.count))
        }
        if inOrder {
            // The usual case: items arrive title, kicker, subtitle, body, priors, children.
            for item in items where item.tally == tally { append(item) }
        } else {
            // One pass per source: stable, and an article has a few dozen items.
            for source in DistrictClassifier.Source.allCases {
                for item in items where item.tally == tally && item.source == source { append(item) }
            }
        }
        return evidence
    }
}
