import PageModel
import Testing

@testable import PageClassify

/// Accuracy of section classification on the hand-written `SectionEvaluationSet`, printed and held
/// above a floor. A miss prints the article and every slug's cue score, so a change to the cues
/// shows what it moved.
@Suite struct SectionEvaluationTests {
    /// Floors below today's figures (all 57 samples right, but the cues were written by the same
    /// hand as the samples): room for a few misses after a change to the cues, not for a regression.
    static let pageNamedFloor = 1.0
    static let textOnlyFloor = 0.85

    let taxonomy: SectionTaxonomy

    init() throws {
        taxonomy = try SectionTaxonomy.bundled()
    }

    private func accuracy(_ samples: [SectionSample], label: String) -> Double {
        var right = 0
        for sample in samples {
            let section = taxonomy.section(for: sample.article)
            if section.slug == sample.expected {
                right += 1
            } else {
                let scores = taxonomy.contentScores(of: sample.article).map { "\($0.slug) \($0.score)" }.joined(separator: ", ")
                print("section miss (\(label)): \(sample.title) [page \(sample.page?.name ?? "-")] expected \(sample.expected), got \(section.slug) from \(section.source.rawValue); cue scores: \(scores)")
            }
        }
        let accuracy = Double(right) / Double(samples.count)
        print("section accuracy (\(label)): \(right)/\(samples.count) = \(Int((accuracy * 1000).rounded()) / 10)%")
        return accuracy
    }

    @Test func pageNamesDecideWhenTheyAreReal() {
        #expect(accuracy(SectionEvaluationSet.pageNamed, label: "page named") >= Self.pageNamedFloor)
        for sample in SectionEvaluationSet.pageNamed {
            let section = taxonomy.section(for: sample.article)
            #expect(section.source == .page, "\(sample.title)")
            #expect(section.evidence.count == 1, "\(sample.title): \(section.evidence)")
        }
    }

    @Test func articleTextDecidesWithoutAUsablePageName() {
        #expect(accuracy(SectionEvaluationSet.textOnly, label: "text only") >= Self.textOnlyFloor)
        for sample in SectionEvaluationSet.textOnly where sample.expected != SectionTaxonomy.otherSlug {
            let section = taxonomy.section(for: sample.article)
            guard section.slug == sample.expected else { continue }
            #expect(section.source == .content, "\(sample.title)")
            #expect(!section.evidence.isEmpty, "\(sample.title)")
            #expect(section.evidence.allSatisfy { ["authors", "title", "kicker", "subtitle", "body"].contains($0.field) })
        }
    }

    @Test func overallAccuracy() {
        let all = SectionEvaluationSet.samples
        #expect(all.count >= 40)
        #expect(accuracy(all, label: "all") >= 0.9)
    }

    @Test func everySlugIsEvaluated() {
        let expected = Set(SectionEvaluationSet.samples.map(\.expected))
        for slug in taxonomy.slugs { #expect(expected.contains(slug), "no sample expects \(slug)") }
        let byText = Set(SectionEvaluationSet.textOnly.map(\.expected))
        for slug in taxonomy.slugs where slug != "front" {
            #expect(byText.contains(slug), "no text-only sample expects \(slug)")
        }
    }
}
