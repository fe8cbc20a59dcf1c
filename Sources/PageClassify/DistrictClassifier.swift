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
    enum Source {
        static let title = "title", kicker = "kicker", subtitle = "subtitle", body = "body"
        static let paper = "paper", pageName = "page_name", child = "child"
        static let rank = [title: 0, kicker: 1, subtitle: 2, body: 3, paper: 4, pageName: 5, child: 6]
    }

    static let priorWeight = 1.5
    static let childShare = 0.5
    static let historicFactor = 0.5
    static let promotionShare = 0.5

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    private struct Deferred {
        var target: Gazetteer.PatternTarget
        var source: String
        var term: String
        var weight: Double
        var isPrior: Bool
    }

    /// Divisions the article is about, best first (empty when nothing matched).
    public func classify(_ article: ParsedArticle) -> [DistrictScore] {
        let date = IsoDate.leading(article.date)
        var tallies: [Int: EvidenceTally] = [:]
        var deferred: [Deferred] = []

        func scan(_ text: String, source: String, weight: Double, isPrior: Bool = false) {
            var contiguous = text
            contiguous.withUTF8 { bytes in
                gazetteer.matcher.forEachMatch(in: bytes) { match in
                    guard let target = gazetteer.choose(gazetteer.patternTargets[match.pattern], on: date) else { return }
                    let term = isPrior ? text : gazetteer.patternTerms[match.pattern]
                    let found = Deferred(target: target, source: source, term: term, weight: weight, isPrior: isPrior)
                    if target.requiredContext.isEmpty { record(found) } else { deferred.append(found) }
                }
            }
        }
        func record(_ found: Deferred) {
            let division = gazetteer.resolve(found.target.division, on: date)
            if found.isPrior {
                tallies[division, default: EvidenceTally()].addPrior(source: found.source, term: found.term, weight: found.weight)
            } else {
                tallies[division, default: EvidenceTally()].addText(source: found.source, term: found.term, weight: found.weight)
            }
        }

        scan(article.title, source: Source.title, weight: 3)
        if let kicker = article.kicker { scan(kicker, source: Source.kicker, weight: 2) }
        if let subtitle = article.subtitle { scan(subtitle, source: Source.subtitle, weight: 2) }
        for heading in article.subheadings { scan(heading, source: Source.body, weight: 1) }
        for paragraph in article.paragraphs { scan(paragraph, source: Source.body, weight: 1) }
        if let paper = article.paper {
            var contiguous = paper
            contiguous.withUTF8 { paperBytes in
                for prior in gazetteer.paperPriors where ByteSearch.contains(prior.paper, in: paperBytes) {
                    let target = Gazetteer.PatternTarget(division: prior.division, requiredContext: [])
                    record(Deferred(target: target, source: Source.paper, term: paper, weight: Self.priorWeight, isPrior: true))
                }
            }
        }
        if let pageName = article.page?.name {
            scan(pageName, source: Source.pageName, weight: Self.priorWeight, isPrior: true)
        }

        // Context is judged on unconditional evidence only, so two ambiguous names cannot vouch
        // for each other.
        let supported = Set(tallies.keys.flatMap { division in
            [division] + (gazetteer.parentIndex(of: division, on: date).map { [gazetteer.resolve($0, on: date)] } ?? [])
        })
        for found in deferred where found.target.requiredContext.contains(where: { supported.contains(gazetteer.resolve($0, on: date)) }) {
            record(found)
        }

        addChildSupport(to: &tallies, on: date)
        return ranked(tallies, on: date)
    }

    private func addChildSupport(to tallies: inout [Int: EvidenceTally], on date: String?) {
        var children: [(parent: Int, child: Int)] = []
        for (division, tally) in tallies where tally.ownScore > 0 {
            guard let parent = gazetteer.parentIndex(of: division, on: date) else { continue }
            children.append((gazetteer.resolve(parent, on: date), division))
        }
        children.sort { gazetteer.divisions[$0.child].code < gazetteer.divisions[$1.child].code }
        for (parent, child) in children {
            guard let tally = tallies[child] else { continue }
            tallies[parent, default: EvidenceTally()].addChild(
                name: gazetteer.divisions[child].name, mentions: max(tally.mentions, 1),
                support: Self.childShare * tally.ownScore)
        }
    }

    private func ranked(_ tallies: [Int: EvidenceTally], on date: String?) -> [DistrictScore] {
        var scores = tallies.map { index, tally -> DistrictScore in
            let division = gazetteer.divisions[index]
            var score = tally.ownScore + tally.childScore
            if let date, !division.isValid(on: date) { score *= Self.historicFactor }
            let evidence = tally.evidence.enumerated().sorted { left, right in
                let leftRank = Source.rank[left.element.source] ?? 99, rightRank = Source.rank[right.element.source] ?? 99
                return leftRank != rightRank ? leftRank < rightRank : left.offset < right.offset
            }.map(\.element)
            return DistrictScore(
                name: division.name, level: division.level, parent: division.parent(on: date), code: division.code,
                mentions: tally.mentions, score: score, evidence: evidence)
        }
        scores.sort { left, right in
            if left.score != right.score { return left.score > right.score }
            if left.code != right.code { return left.code < right.code }
            return left.name < right.name
        }
        if let first = scores.first, first.level == .district || first.level == .county,
            let childIndex = scores.firstIndex(where: {
                $0.parent == first.name && $0.mentions > 0 && $0.score >= Self.promotionShare * first.score
            })
        {
            scores.insert(scores.remove(at: childIndex), at: 0)
        }
        return scores
    }
}
