import PageModel

/// The evidence collected for one division while classifying one article.
struct EvidenceTally {
    /// Evidence items in the order first seen; the classifier orders them by source for output.
    private(set) var evidence: [DistrictEvidence] = []
    /// Σ weight × count over text matches.
    private(set) var textScore = 0.0
    private(set) var priorScore = 0.0
    private(set) var childScore = 0.0
    /// Text matches only; priors and children are not mentions.
    private(set) var mentions = 0

    /// The division's own score, which is what a parent inherits from it.
    var ownScore: Double { textScore + priorScore }

    mutating func addText(source: String, term: String, weight: Double) {
        textScore += weight
        mentions += 1
        count(source: source, term: term)
    }

    mutating func addPrior(source: String, term: String, weight: Double) {
        // One prior per source and term: a page name that names a division twice is one hint.
        guard !evidence.contains(where: { $0.source == source && $0.term == term }) else { return }
        priorScore += weight
        evidence.append(DistrictEvidence(source: source, term: term, count: 1))
    }

    mutating func addChild(name: String, mentions: Int, support: Double) {
        childScore += support
        evidence.append(DistrictEvidence(source: DistrictClassifier.Source.child, term: name, count: mentions))
    }

    private mutating func count(source: String, term: String) {
        if let index = evidence.lastIndex(where: { $0.source == source && $0.term == term }) {
            evidence[index].count += 1
        } else {
            evidence.append(DistrictEvidence(source: source, term: term, count: 1))
        }
    }
}
