import Testing
import PageCorpus

@Suite struct CorpusDeterminismTests {
    @Test func sameSeedGivesIdenticalBytes() {
        let first = CorpusGenerator(options: CorpusOptions(count: 40, seed: 7, brokenFraction: 0.2))
        let second = CorpusGenerator(options: CorpusOptions(count: 40, seed: 7, brokenFraction: 0.2))
        for (a, b) in zip(first.pages(), second.pages()) {
            #expect(a.fileName == b.fileName)
            #expect(a.blob == b.blob)
            #expect(a.hints == b.hints)
            #expect(a.expected == b.expected)
        }
    }

    @Test func randomAccessMatchesSequentialGeneration() {
        let generator = CorpusGenerator(options: CorpusOptions(count: 30, seed: 99))
        let sequential = Array(generator.pages())
        for index in [29, 0, 17, 3] {
            #expect(generator.page(at: index).blob == sequential[index].blob)
        }
    }

    @Test func differentSeedsGiveDifferentPages() {
        let a = CorpusGenerator(options: CorpusOptions(count: 10, seed: 1))
        let b = CorpusGenerator(options: CorpusOptions(count: 10, seed: 2))
        let differing = zip(a.pages(), b.pages()).filter { $0.blob != $1.blob }.count
        #expect(differing == 10)
    }
}
