import Foundation
import PageModel
import Testing

@testable import PageClassify

/// Training, the model file and the data formats, on small sets whose answers are known.
@Suite struct TopicTrainerTests {
    /// Two topics told apart by their vocabulary, as headlines and as bodies.
    static let examples: [TopicExample] = (0..<40).flatMap { index -> [TopicExample] in
        [
            TopicExample(topic: "sports", heading: ["球队第\(index)轮主场比赛进球获胜"], body: ["联赛积分榜上球队排名上升，主教练称赞球员。"], line: 2 * index + 1),
            TopicExample(topic: "economy", heading: ["第\(index)季度企业营收同比增长"], body: ["银行贷款利率下调，股市成交额放大，投资者看好。"], line: 2 * index + 2),
        ]
    }

    @Test(arguments: TopicTrainer.Algorithm.allCases)
    func learnsSeparableTopicsDeterministically(algorithm: TopicTrainer.Algorithm) throws {
        var trainer = TopicTrainer()
        trainer.algorithm = algorithm
        trainer.bucketBits = 12
        let model = trainer.train(Self.examples, name: "tiny", training: [])
        let again = trainer.train(Self.examples, name: "tiny", training: [])
        #expect(model.fileBytes() == again.fileBytes(), "same data, same seed: the same file")
        #expect(model.topics == ["economy", "sports"])
        let sports = model.topic(heading: ["主场进球 球队获胜"], body: [])
        #expect(sports.slug == "sports" && sports.runnerUp.slug == "economy" && sports.p > 0.5)
        #expect(model.topic(heading: [], body: ["这家企业的营收和利润同比增长。"]).slug == "economy")
        // Another seed shuffles differently: a logistic model's weights change, naive Bayes has no order.
        trainer.seed = 7
        let reseeded = trainer.train(Self.examples, name: "tiny", training: [])
        let probe = (heading: ["球队营收"], body: [String]())
        let same = reseeded.probabilities(heading: probe.heading, body: probe.body) == model.probabilities(heading: probe.heading, body: probe.body)
        #expect(same == (algorithm == .naiveBayes))
    }

    @Test func modelFileRoundTripsAndRejectsOtherFiles() throws {
        var trainer = TopicTrainer()
        trainer.bucketBits = 10
        let files = [TopicTrainingFile(path: "tiny.tsv", sha256: "00", rows: 80, heldOut: 0)]
        let model = trainer.train(Self.examples, name: "tiny", training: files, evaluation: "table")
        let read = try TopicModel(bytes: model.fileBytes(), file: "tiny.bin")
        #expect(read.fileBytes() == model.fileBytes())
        #expect(read.header.training == files && read.header.evaluation == "table" && read.header.bucketBits == 10)
        #expect(throws: ClassifierDataError.self) { try TopicModel(bytes: Array("{\"format\":1}".utf8), file: "x") }
        #expect(throws: ClassifierDataError.self) { try TopicModel(bytes: Array(model.fileBytes().dropLast()), file: "x") }
    }

    /// FIPS 180-4 test vectors.
    @Test func sha256() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(Array(twoBlocks.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// The four formats, told apart by their first row.
    @Test func readsEveryFormat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pagepipe-topic-formats-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ name: String, _ text: String) throws -> TopicDataSet {
            let path = folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return try TopicDataSet.read(path: path)
        }
        let titles = try read("a.tsv", "slug\tsource_label\ttitle\ttext\nworld\tx:y\t标题\t第一段\\n第二段\\\\完\n")
        #expect(titles.format == .labelledTitles)
        #expect(titles.examples.map(\.topic) == ["world"] && titles.examples[0].body == ["第一段", "第二段\\完"])
        let cnews = try read("b.tsv", "体育\t球队获胜\n家居\t沙发\n时政\t会议召开\n")
        #expect(cnews.format == .cnews && cnews.examples.map(\.topic) == ["sports", "news"] && cnews.examples.map(\.line) == [1, 3])
        let evalCnews = try read("c.tsv", "# comment\nid\tline\tlabel\texpected\tlenient\ttitle\tbody\ncn1\t7\t时政\tnews\tlaw,world\t标题\t正文\ncn2\t8\t家居\t-\t-\t标题\t正文\n")
        #expect(evalCnews.format == .evalCnews && evalCnews.examples.count == 1)
        #expect(evalCnews.examples[0].line == 7 && evalCnews.examples[0].alsoAcceptable == ["law", "world"])
        let event = { (slug: String, source: String) in
            #"{"schema":"pagepipe.article/v1","section":{"slug":"\#(slug)","name":"n","source":"\#(source)","evidence":[]},"kicker":null,"title":"标题","subtitle":null,"paragraphs":["正文"],"subheadings":[]}"#
        }
        let events = try read("d.jsonl", [event("sports", "page"), event("front", "page"), event("economy", "content"), event("law", "page")].joined(separator: "\n"))
        #expect(events.format == .events && events.examples.map(\.topic) == ["sports", "law"], "only page-decided subjects")
        #expect(events.examples[0].heading == ["标题"] && events.examples[0].body == ["正文"])
        let split = evalCnews.split(holdOutEvery: 10)
        #expect(split.training.count == 1 && split.heldOut.isEmpty)
        #expect(cnews.sha256 == SHA256.hex(Array("体育\t球队获胜\n家居\t沙发\n时政\t会议召开\n".utf8)))
    }

    /// Folding and hashing: case, digits and punctuation runs do not make new features.
    @Test func featuresFoldCaseDigitsAndPunctuation() {
        let features = TopicFeatures(bucketBits: 18, bodyScalarBudget: 5)
        #expect(features.features(heading: ["iPhone 15发布"], body: []) == features.features(heading: ["ＩＰＨＯＮＥ，，99发布"], body: []))
        #expect(features.features(heading: ["发布"], body: []) != features.features(heading: ["发射"], body: []))
        // The body budget counts characters: the sixth is not read.
        #expect(features.features(heading: [], body: ["一二三四五六"]) == features.features(heading: [], body: ["一二三四五"]))
    }
}
