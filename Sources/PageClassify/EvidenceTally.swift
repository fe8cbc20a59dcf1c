import PageModel

/// One piece of evidence for a division, before it is spelled out as a `DistrictEvidence`.
struct EvidenceItem {
    /// Index of the division's tally in `ArticleEvidence.tallies`.
    var tally: Int
    var source: DistrictClassifier.Source
    /// The matched pattern for text evidence, the child division for child support; unused for
    /// priors, whose term is the article's paper or page name.
    var key: Int
    var count: Int
}

/// The scores collected for one division while classifying one article; its evidence items are
/// kept in `ArticleEvidence.items`, in one array for the whole article.
struct EvidenceTally {
    let division: Int
    /// Σ weight × count over text matches.
    var textScore = 0.0
    var priorScore = 0.0
    var childScore = 0.0
    /// Text matches only; priors and children are not mentions.
    var mentions = 0

    init(division: Int) {
        self.division = division
    }

    /// The division's own score, which is what a parent inherits from it.
    var ownScore: Double { textScore + priorScore }
}

/// The working state of classifying one article: the tallies of the divisions found so far, in
/// the order first found (an article names a handful, so a linear search beats hashing), and the
/// conditional matches that wait for context.
struct ArticleEvidence {
    let tables: GazetteerTables
    /// The article's date as a `IsoDate.key`, nil when undated.
    let date: Int?
    private(set) var tallies: [EvidenceTally] = []
    /// Every tally's evidence, each division's items in the order first seen.
    private(set) var items: [EvidenceItem] = []
    private var deferred: [Deferred] = []

    private struct Deferred {
        var target: GazetteerTables.Target
        var source: DistrictClassifier.Source
        var pattern: Int
        var weight: Double
        var isPrior: Bool
    }

    init(tables: GazetteerTables, date: Int?) {
        self.tables = tables
        self.date = date
        // Room for a typical article, so that recording rarely reallocates.
        tallies.reserveCapacity(8)
        items.reserveCapacity(16)
    }

    /// Records every match in `text`; conditional names wait for `recordSupportedDeferred()`.
    mutating func scan(_ text: String, with scanner: PatternMatcher.Scanner, source: DistrictClassifier.Source, weight: Double, isPrior: Bool = false) {
        // Borrows the string's bytes: copying it into a `var` for `withUTF8` cost a retain and a
        // release per paragraph, a noticeable share of the whole classification.
        let scanned: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            scan(bytes, with: scanner, source: source, weight: weight, isPrior: isPrior)
        }
        if scanned == nil {
            var contiguous = text
            contiguous.withUTF8 { bytes in scan(bytes, with: scanner, source: source, weight: weight, isPrior: isPrior) }
        }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, with scanner: PatternMatcher.Scanner, source: DistrictClassifier.Source, weight: Double, isPrior: Bool) {
        scanner.forEachMatch(in: bytes) { match in
            guard let target = tables.choose(pattern: match.pattern, on: date) else { return }
            if target.isConditional {
                deferred.append(Deferred(target: target, source: source, pattern: match.pattern, weight: weight, isPrior: isPrior))
            } else {
                record(target.division, source: source, pattern: match.pattern, weight: weight, isPrior: isPrior)
            }
        }
    }

    mutating func record(_ division: Int, source: DistrictClassifier.Source, pattern: Int, weight: Double, isPrior: Bool) {
        let tally = tallyIndex(of: tables.resolve(division, on: date))
        if isPrior {
            // One prior per source and term: a page name that names a division twice is one
            // hint. All priors of one source share the term (the article's paper or page name),
            // so the source alone tells.
            guard !items.contains(where: { $0.tally == tally && $0.source == source }) else { return }
            tallies[tally].priorScore += weight
            items.append(EvidenceItem(tally: tally, source: source, key: 0, count: 1))
        } else {
            tallies[tally].textScore += weight
            tallies[tally].mentions += 1
            if let index = items.lastIndex(where: { $0.tally == tally && $0.source == source && $0.key == pattern }) {
                items[index].count += 1
            } else {
                items.append(EvidenceItem(tally: tally, source: source, key: pattern, count: 1))
            }
        }
    }

    private mutating func tallyIndex(of division: Int) -> Int {
        if let index = tallies.firstIndex(where: { $0.division == division }) { return index }
        tallies.append(EvidenceTally(division: division))
        return tallies.count - 1
    }

    /// Context is judged on unconditional evidence only, so two ambiguous names cannot vouch
    /// for each other.
    mutating func recordSupportedDeferred() {
        guard !deferred.isEmpty else { return }
        var supported: [Int] = []
        for tally in tallies {
            supported.append(tally.division)
            if let parent = tables.parentIndex(of: tally.division, on: date) { supported.append(tables.resolve(parent, on: date)) }
        }
        for found in deferred
        where tables.contexts[found.target.contextStart..<found.target.contextEnd].contains(where: { supported.contains(tables.resolve($0, on: date)) }) {
            record(found.target.division, source: found.source, pattern: found.pattern, weight: found.weight, isPrior: found.isPrior)
        }
    }

    /// Credits each district with a share of its 街道/镇, in code order of the children.
    mutating func addChildSupport(share: Double) {
        var children: [(parent: Int, child: Int)] = []
        for tally in tallies where tally.ownScore > 0 {
            guard let parent = tables.parentIndex(of: tally.division, on: date) else { continue }
            children.append((tables.resolve(parent, on: date), tally.division))
        }
        guard !children.isEmpty else { return }
        let codeRank = tables.codeRank
        children.sort { codeRank[$0.child] < codeRank[$1.child] }
        for (parent, child) in children {
            guard let tally = tallies.first(where: { $0.division == child }) else { continue }
            let parentTally = tallyIndex(of: parent)
            tallies[parentTally].childScore += share * tally.ownScore
            items.append(EvidenceItem(tally: parentTally, source: .child, key: child, count: max(tally.mentions, 1)))
        }
    }
}
