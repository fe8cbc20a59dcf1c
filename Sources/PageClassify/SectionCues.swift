import ByteText
import PageModel

/// Names an article's section from its own text, for pages whose name is missing, generic
/// (`旅游报01版`, `A3版`) or unknown to the page-name rules.
///
/// Each cue is a term that, where it occurs, speaks for one section (`评论员` for `opinion`,
/// `当地时间` for `world`), with a weight. A cue found in a field scores weight × the field's
/// weight per occurrence: authors 4 (a byline names its desk: 本报评论员), title 3, kicker 2,
/// subtitle 2, body paragraph or sub-heading 1. The byline is the parsed authors, or a first
/// paragraph no longer than `bylineLength` bytes that is not a sentence (does not end in 。), which
/// is a byline the page's parser left in the body (`□ 湖北日报评论员`); further into the body,
/// `评论员` is more often a quoted editorial. A body cue counts at most `bodyCountCap` times,
/// so that one word repeated through a long article does not outvote the title. Matching is
/// leftmost-longest over bytes (the district classifier's `PatternMatcher`), so `本报评论员` is one
/// cue, not also `评论员`.
///
/// Only the body's first `bodyByteBudget` bytes are read (the lead, where a report says what it
/// is about): the rest rarely changes the answer and would double the cost of classifying a long
/// article, whose text the district classifier already scans once.
///
/// The best section wins when it scores at least `minimumScore` and at least `minimumLead` times
/// the runner-up; otherwise the text does not decide and the caller falls back to `other`.
final class SectionCues: Sendable {
    /// Where a cue was found; the raw value is the evidence's `field`.
    enum Field: String, CaseIterable, Sendable {
        case authors, title, kicker, subtitle, body

        var weight: Double {
            switch self {
            case .authors: 4
            case .title: 3
            case .kicker, .subtitle: 2
            case .body: 1
            }
        }
    }

    static let minimumScore = 3.0
    static let minimumLead = 1.5
    static let bodyCountCap = 3
    /// Sixteen CJK characters.
    static let bylineLength = 48
    /// About five hundred CJK characters; the paragraph that crosses it is read whole.
    static let bodyByteBudget = 1500

    private struct Cue: Sendable {
        var slug: Int
        var weight: Double
        var term: String
    }

    private let matcher: PatternMatcher
    private let cues: [Cue]
    private let slugs: [String]

    /// `definitions` most important first: a term defined twice keeps its first definition, so a
    /// user file's cues, listed before the bundled ones, override them.
    init(definitions: [SectionCueSet]) {
        var slugIndex: [String: Int] = [:]
        var slugs: [String] = []
        var cues: [Cue] = []
        var patterns: [[UInt8]] = []
        for set in definitions {
            let slug: Int
            if let known = slugIndex[set.slug] {
                slug = known
            } else {
                slug = slugs.count
                slugIndex[set.slug] = slug
                slugs.append(set.slug)
            }
            for term in set.terms {
                cues.append(Cue(slug: slug, weight: set.weight, term: term))
                patterns.append(Array(term.utf8))
            }
        }
        self.matcher = PatternMatcher(patterns: patterns)
        self.cues = cues
        self.slugs = slugs
    }

    /// The section the article's text names, with the cues that named it; nil when it names none
    /// clearly enough.
    func section(of article: ParsedArticle) -> (slug: String, evidence: [SectionEvidence])? {
        let (scores, hits) = score(article)
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return nil }
        let runnerUp = scores.indices.lazy.filter { $0 != best }.map { scores[$0] }.max() ?? 0
        guard scores[best] >= Self.minimumScore, scores[best] >= Self.minimumLead * runnerUp else { return nil }
        let evidence = hits.filter { cues[$0.cue].slug == best }.map { hit in
            SectionEvidence(field: hit.field.rawValue, term: cues[hit.cue].term, count: hit.count)
        }
        return (slugs[best], evidence)
    }

    /// Every slug with a cue in the article and its score, best first (for reports and tests).
    func scores(of article: ParsedArticle) -> [(slug: String, score: Double)] {
        let scores = score(article).scores
        return scores.indices.filter { scores[$0] > 0 }.sorted { scores[$0] > scores[$1] }.map { (slugs[$0], scores[$0]) }
    }

    private func score(_ article: ParsedArticle) -> (scores: [Double], hits: [CueTally.Hit]) {
        var scores = [Double](repeating: 0, count: slugs.count)
        guard !cues.isEmpty else { return (scores, []) }
        var found = CueTally()
        matcher.withScanner { scanner in
            for author in article.authors { found.scan(author, .authors, scanner) }
            found.scan(article.title, .title, scanner)
            if let kicker = article.kicker { found.scan(kicker, .kicker, scanner) }
            if let subtitle = article.subtitle { found.scan(subtitle, .subtitle, scanner) }
            for heading in article.subheadings { found.scan(heading, .body, scanner) }
            var bodyBytes = 0
            for (index, paragraph) in article.paragraphs.enumerated() where bodyBytes < Self.bodyByteBudget {
                let length = paragraph.utf8.count
                let isByline = index == 0 && article.authors.isEmpty && length <= Self.bylineLength && !paragraph.utf8.suffix(3).elementsEqual("。".utf8)
                found.scan(paragraph, isByline ? .authors : .body, scanner)
                bodyBytes += length
            }
        }
        for hit in found.hits {
            let count = hit.field == .body ? min(hit.count, Self.bodyCountCap) : hit.count
            scores[cues[hit.cue].slug] += cues[hit.cue].weight * hit.field.weight * Double(count)
        }
        return (scores, found.hits)
    }

    /// The cues found in one article, each (cue, field) once with its count, in the order first found.
    private struct CueTally {
        struct Hit {
            var cue: Int
            var field: Field
            var count: Int
        }

        private(set) var hits: [Hit] = []

        mutating func scan(_ text: String, _ field: Field, _ scanner: PatternMatcher.Scanner) {
            UTF8Bytes.withBytes(text) { bytes in
                scanner.forEachMatch(in: bytes) { match in
                    if let index = hits.lastIndex(where: { $0.cue == match.pattern && $0.field == field }) {
                        hits[index].count += 1
                    } else {
                        hits.append(Hit(cue: match.pattern, field: field, count: 1))
                    }
                }
            }
        }
    }
}
