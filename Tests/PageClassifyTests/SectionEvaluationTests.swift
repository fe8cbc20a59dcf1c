import PageModel
import Testing

@testable import PageClassify

/// Accuracy of section classification on the hand-written `SectionEvaluationSet`, printed and held
/// above a floor, as the page core classifies: page rules, else byline cues, else the bundled topic
/// model. A miss prints the article, its topic and every slug's cue score.
///
/// Since the topic model replaced the hand-written topic cues (which scored 100% here, on samples
/// written by the same hand), text can only reach the model's topics and the byline cues' slugs
/// (opinion, ads). Text-only samples that expect a placement (`local`, `city`, `special`) or `law`
/// (no labelled data) are printed with their answer but not counted: they measure a design this
/// taxonomy no longer has. The real measure is `TopicModelEvaluationTests`.
@Suite struct SectionEvaluationTests {
    /// Page names: all right. Text-only: measured 20/28 of the reachable samples (the misses are the
    /// model's known weaknesses: foreign news to `news`, livelihood to `economy`, and no `other`
    /// for text that is about nothing); all samples 44/52.
    static let pageNamedFloor = 1.0
    static let textOnlyFloor = 0.65
    static let overallFloor = 0.8

    let taxonomy: SectionTaxonomy
    let model: TopicModel

    init() throws {
        taxonomy = try SectionTaxonomy.bundled()
        model = try TopicModel.bundled()
    }

    /// What text alone can name: the model's topics that are sections, the byline cues' slugs, and `other`.
    private var reachableFromText: Set<String> {
        Set(model.topics).intersection(taxonomy.slugs).union(["opinion", "ads", SectionTaxonomy.otherSlug])
    }

    private func section(_ sample: SectionSample) -> Section {
        taxonomy.section(for: sample.article, topic: model.topic(of: sample.article), topicThreshold: model.header.sectionThreshold)
    }

    private func accuracy(_ samples: [SectionSample], label: String) -> Double {
        var right = 0
        for sample in samples {
            let section = self.section(sample)
            if section.slug == sample.expected {
                right += 1
            } else {
                let scores = taxonomy.contentScores(of: sample.article).map { "\($0.slug) \($0.score)" }.joined(separator: ", ")
                let topic = model.topic(of: sample.article)
                print("section miss (\(label)): \(sample.title) [page \(sample.page?.name ?? "-")] expected \(sample.expected), got \(section.slug) from \(section.source.rawValue); topic \(topic.slug) \(topic.p), runner-up \(topic.runnerUp.slug) \(topic.runnerUp.p); cue scores: \(scores)")
            }
        }
        let accuracy = Double(right) / Double(samples.count)
        print("section accuracy (\(label)): \(right)/\(samples.count) = \(Int((accuracy * 1000).rounded()) / 10)%")
        return accuracy
    }

    @Test func pageNamesDecideWhenTheyAreReal() {
        #expect(accuracy(SectionEvaluationSet.pageNamed, label: "page named") >= Self.pageNamedFloor)
        for sample in SectionEvaluationSet.pageNamed {
            let section = self.section(sample)
            #expect(section.source == .page, "\(sample.title)")
            #expect(section.evidence.count == 1, "\(sample.title): \(section.evidence)")
        }
    }

    @Test func articleTextDecidesWithoutAUsablePageName() {
        let reachable = SectionEvaluationSet.textOnly.filter { reachableFromText.contains($0.expected) }
        let unreachable = SectionEvaluationSet.textOnly.filter { !reachableFromText.contains($0.expected) }
        for sample in unreachable {
            print("section not reachable from text (not counted): \(sample.title) expected \(sample.expected), got \(section(sample).slug)")
        }
        #expect(accuracy(reachable, label: "text only, reachable") >= Self.textOnlyFloor)
        for sample in SectionEvaluationSet.textOnly {
            let section = self.section(sample)
            // Never `page` without a page rule: what the text decides is `content`, nothing is `none`.
            #expect(section.source == (section.slug == SectionTaxonomy.otherSlug ? .none : .content), "\(sample.title)")
            #expect(!section.evidence.isEmpty || section.slug == SectionTaxonomy.otherSlug, "\(sample.title)")
            #expect(section.evidence.allSatisfy { ["authors", "title", "kicker", "subtitle", "body", "topic"].contains($0.field) })
        }
    }

    @Test func overallAccuracy() {
        let all = SectionEvaluationSet.pageNamed + SectionEvaluationSet.textOnly.filter { reachableFromText.contains($0.expected) }
        #expect(all.count >= 40)
        #expect(accuracy(all, label: "all") >= Self.overallFloor)
    }

    @Test func everySlugIsEvaluated() {
        let expected = Set(SectionEvaluationSet.samples.map(\.expected))
        for slug in taxonomy.slugs { #expect(expected.contains(slug), "no sample expects \(slug)") }
        let byText = Set(SectionEvaluationSet.textOnly.map(\.expected))
        for slug in taxonomy.slugs where reachableFromText.contains(slug) {
            #expect(byText.contains(slug), "no text-only sample expects \(slug)")
        }
    }
}
