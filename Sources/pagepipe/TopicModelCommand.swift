import ArgumentParser
import Foundation
import PageClassify

extension Pagepipe {
    /// `pagepipe topic-model train|evaluate`. Not `topics`: that name is kept for a future command
    /// that provisions Kafka topics.
    struct TopicModelCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "topic-model",
            abstract: "Train or evaluate the article topic model (what an article is about, from its own text).",
            discussion: """
                The bundled model (Sources/PageClassify/Resources/topic-model.bin) is trained by \
                Tools/train-topics on the news-topics dataset (labelled Chinese news). A newsroom can train its own from \
                the article events its pages produced: every event whose section a page name decided \
                (section.source = page) is an example of that section's topic. Run with it: \
                pagepipe run|parse|reprocess --topic-model FILE (env PAGEPIPE_TOPIC_MODEL).

                Example:
                  pagepipe parse pages/ > events.jsonl
                  pagepipe topic-model train --events events.jsonl --out my-topics.bin
                  pagepipe topic-model evaluate --model my-topics.bin --tsv held-out.tsv
                """,
            subcommands: [Train.self, Evaluate.self]
        )
    }
}

extension Pagepipe.TopicModelCommand {
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a topic model from labelled TSV and/or article events; hold out part of each file and report on it.")

        @Option(name: .long, help: ArgumentHelp("Labelled TSV: slug/source_label/title/text with that header, eval-cnews-199, or THUCNews label<TAB>text (repeatable).", valueName: "file"))
        var tsv: [String] = []

        @Option(name: .long, help: ArgumentHelp("JSON lines of pagepipe.article/v1 events; those with section.source = page are examples (repeatable).", valueName: "file"))
        var events: [String] = []

        @Option(name: .long, help: ArgumentHelp("Leave out of training every row whose line is listed in this eval-cnews-199-format file (its rows are lines of cnews-val-1000.tsv); it is then evaluated as held-out data.", valueName: "file"))
        var excludeLinesOf: [String] = []

        @Option(name: .long, help: ArgumentHelp("Further evaluation files, never trained on (repeatable).", valueName: "file"))
        var evaluate: [String] = []

        @Option(name: .long, help: ArgumentHelp("Hold out every n-th row of each training file for evaluation (0: none).", valueName: "n"))
        var holdOutEvery: Int = 10

        @Option(name: .long, help: ArgumentHelp("logistic or naive-bayes.", valueName: "algorithm"))
        var algorithm: String = TopicTrainer.Algorithm.logistic.rawValue

        @Option(name: .long, help: ArgumentHelp("Training passes (logistic).", valueName: "n"))
        var epochs: Int = TopicTrainer().epochs

        @Option(name: .long, help: ArgumentHelp("log2 of the hashed feature buckets (model size: 2 bytes × topics × 2^bits).", valueName: "bits"))
        var bucketBits: Int = TopicTrainer().bucketBits

        @Option(name: .long, help: ArgumentHelp("Characters of the body read after the title.", valueName: "n"))
        var bodyChars: Int = TopicTrainer().bodyScalarBudget

        @Option(name: .long, help: ArgumentHelp("Shuffle seed; the same seed and files give the same model.", valueName: "n"))
        var seed: UInt64 = TopicTrainer().seed

        @Option(name: .long, help: ArgumentHelp("The topic probability from which the topic names an article's section when its page does not (stored in the model).", valueName: "p"))
        var sectionThreshold: Double = TopicTrainer().sectionThreshold

        @Flag(name: .long, help: "Do not weigh topics with fewer examples up.")
        var noBalance = false

        @Option(name: .long, help: ArgumentHelp("Also print, per held-out set, the share answered and right at these probability thresholds (to calibrate --section-threshold).", valueName: "p"))
        var threshold: [Double] = []

        @Option(name: .long, help: ArgumentHelp("The model's name, carried in every event's topic.model.", valueName: "name"))
        var name: String = "own-archive"

        @Option(name: .long, help: ArgumentHelp("Where to write the model file.", valueName: "file"))
        var out: String

        func validate() throws {
            guard !tsv.isEmpty || !events.isEmpty else { throw ValidationError("Give at least one --tsv or --events file.") }
            guard TopicTrainer.Algorithm(rawValue: algorithm) != nil else { throw ValidationError("--algorithm is logistic or naive-bayes.") }
            guard (8...24).contains(bucketBits) else { throw ValidationError("--bucket-bits is between 8 and 24.") }
            guard holdOutEvery >= 0, epochs > 0, bodyChars >= 0 else { throw ValidationError("--hold-out-every, --epochs and --body-chars must not be negative.") }
        }

        func run() throws {
            var trainer = TopicTrainer()
            trainer.algorithm = TopicTrainer.Algorithm(rawValue: algorithm)!
            trainer.epochs = epochs
            trainer.bucketBits = bucketBits
            trainer.bodyScalarBudget = bodyChars
            trainer.seed = seed
            trainer.balanceTopics = !noBalance
            trainer.sectionThreshold = sectionThreshold
            let excluded = Set(try excludeLinesOf.flatMap { try TopicDataSet.read(path: $0).examples.map(\.line) })
            var training: [TopicExample] = []
            var files: [TopicTrainingFile] = []
            var heldOut: [(String, [TopicExample])] = []
            for path in tsv + events {
                var set = try TopicDataSet.read(path: path)
                if set.format == .cnews { set.examples.removeAll { excluded.contains($0.line) } }
                let (kept, held) = set.split(holdOutEvery: holdOutEvery)
                training += kept
                files.append(TopicTrainingFile(path: set.name, sha256: set.sha256, rows: kept.count, heldOut: held.count))
                if !held.isEmpty { heldOut.append(("\(set.name), held out (every \(holdOutEvery)th row)", held)) }
            }
            for path in excludeLinesOf + evaluate {
                let set = try TopicDataSet.read(path: path)
                files.append(TopicTrainingFile(path: set.name, sha256: set.sha256, rows: 0, heldOut: set.examples.count))
                heldOut.append((set.name, set.examples))
            }
            guard !training.isEmpty else { throw ValidationError("No training examples: no labelled rows, or no events with section.source = page.") }
            let untested = trainer.train(training, name: name, training: files)
            let evaluations = heldOut.map { TopicEvaluation(name: $0.0, model: untested, examples: $0.1) }
            let report = evaluations.map(\.markdown).joined(separator: "\n\n")
            // Trained twice (the same examples, the same seed: the same weights) so that the file
            // carries the evaluation of exactly the weights it holds.
            let model = trainer.train(training, name: name, training: files, evaluation: report)
            try Data(model.fileBytes()).write(to: URL(fileURLWithPath: out))
            print(report)
            for evaluation in evaluations { printCoverage(evaluation, thresholds: threshold) }
            FileHandle.standardError.write(Data("pagepipe topic-model: trained \(name) on \(training.count) examples, \(model.topics.count) topics (\(model.topics.joined(separator: " "))) → \(out)\n".utf8))
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate a topic model on labelled TSV or article events: per-topic precision/recall/F1 and confusion.")

        @Option(name: .long, help: ArgumentHelp("A model file; default the bundled model.", valueName: "file"))
        var model: String?

        @Option(name: .long, help: ArgumentHelp("Labelled TSV (repeatable).", valueName: "file"))
        var tsv: [String] = []

        @Option(name: .long, help: ArgumentHelp("JSON lines of article events; those with section.source = page are examples (repeatable).", valueName: "file"))
        var events: [String] = []

        @Option(name: .long, help: ArgumentHelp("Also print the share answered and right at these probability thresholds.", valueName: "p"))
        var threshold: [Double] = []

        func run() throws {
            let topicModel = try model.map { try TopicModel(contentsOfFile: $0) } ?? TopicModel.bundled()
            for path in tsv + events {
                let set = try TopicDataSet.read(path: path)
                let evaluation = TopicEvaluation(name: set.name, model: topicModel, examples: set.examples)
                print(evaluation.markdown)
                printCoverage(evaluation, thresholds: threshold)
                print("")
            }
        }
    }
}

/// One line per threshold: how many answers a section threshold keeps and how many of them are right.
private func printCoverage(_ evaluation: TopicEvaluation, thresholds: [Double]) {
    for value in thresholds {
        let coverage = evaluation.coverage(atThreshold: value)
        func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
        print("\(evaluation.name) at p ≥ \(value): \(percent(coverage.answered)) answered, \(percent(coverage.accuracy)) of those right, \(percent(coverage.rightOfAll)) of all right")
    }
}
