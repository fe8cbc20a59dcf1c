import ArgumentParser
import Foundation
import Kafka
import KafkaTools
import PageCorpus
import PageDecode

extension Pagepipe {
    struct Produce: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load raw page blobs into the input topic, from files or from the synthetic corpus.",
            discussion: """
                Sends each FILE (directories recursively) as one record keyed by its file name, with the \
                content-encoding, content-type and source-url headers a crawler would send, and waits \
                until the broker acknowledged every record. --corpus N generates N synthetic pages \
                instead (see pagepipe corpus). Progress goes to standard error.

                Examples:
                  pagepipe produce --brokers 127.0.0.1:19092 --compress gzip pages/
                  pagepipe produce --brokers 127.0.0.1:19092 --corpus 2000 --seed 7
                """
        )

        @OptionGroup var kafka: KafkaOptions

        @Argument(help: ArgumentHelp("Page files or directories.", valueName: "file"))
        var inputs: [String] = []

        @Option(name: .long, help: ArgumentHelp("Destination topic.", valueName: "topic"))
        var topic: String = "pages.raw"

        @Option(name: .long, help: ArgumentHelp("Compress every page first: none (send as is), gzip, zlib or deflate.", valueName: "codec"))
        var compress: String = "none"

        @Option(name: .long, help: ArgumentHelp("Generate this many synthetic pages instead of reading files.", valueName: "n"))
        var corpus: Int?

        @Option(name: .long, help: ArgumentHelp("Corpus seed.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(name: .long, help: ArgumentHelp("Corpus: fraction of deliberately broken pages.", valueName: "fraction"))
        var brokenFraction: Double = 0.02

        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            guard BlobCompression(rawValue: compress) != nil else {
                throw ValidationError("--compress must be one of none, gzip, zlib, deflate.")
            }
            guard corpus != nil || !inputs.isEmpty else {
                throw ValidationError("Give page files or directories, or --corpus N.")
            }
        }

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.produce")
            try requireSupportedLibrdkafka(logger)
            let kafkaSettings = try kafka.clientSettings()
            // Up to the largest page a worker accepts; the topic's max.message.bytes is the other limit.
            let configuration = KafkaProducerConfiguration(
                linger: .milliseconds(20), messageMaxBytes: DecodeLimits().maxBlobBytes + (64 << 10), extra: kafkaSettings.producerExtra)
            let producer: KafkaProducer
            do {
                producer = try KafkaProducer(cluster: kafkaSettings.cluster, configuration: configuration, logger: logger)
            } catch {
                logger.critical("cannot create the producer", metadata: [LogKey.error: "\(error)"])
                throw ExitCode.failure
            }
            let compression = BlobCompression(rawValue: compress).flatMap { $0 == .none ? nil : $0 }
            let loader = PageLoader(producer: producer, topic: topic, compression: compression)
            let pages: AnySequence<RawPage>
            let total: Int
            if let corpus {
                let generator = CorpusGenerator(options: CorpusOptions(count: corpus, seed: seed, brokenFraction: brokenFraction))
                pages = AnySequence((0..<corpus).lazy.map { index in
                    let page = generator.page(at: index)
                    return RawPage(key: page.fileName, blob: page.blob, hints: page.hints, sourceURL: "corpus://\(seed)/\(page.fileName)")
                })
                total = corpus
            } else {
                let files = try InputFiles.expand(inputs)
                pages = AnySequence(files.lazy.compactMap { path -> RawPage? in
                    guard let blob = try? InputFiles.read(path) else {
                        logger.error("input file cannot be read; skipped", metadata: [LogKey.path: "\(path)"])
                        return nil
                    }
                    let url = URL(fileURLWithPath: path)
                    return RawPage(key: url.lastPathComponent, blob: blob, hints: FileHints.hints(forPath: path), sourceURL: url.absoluteString)
                })
                total = files.count
            }
            let bar = ProgressBar(total: total, label: "produce → \(topic)")
            let summary: LoadSummary
            do {
                summary = try loader.load(pages) { sent, acknowledged, bytes in bar.update(completed: acknowledged, detail: "acknowledged, \(sent) sent, \(bytes >> 10) KiB") }
            } catch {
                bar.finish()
                logger.critical("producing failed", metadata: [LogKey.topic: "\(topic)", LogKey.error: "\(error)"])
                throw ExitCode.failure
            }
            bar.finish()
            let rate = summary.elapsedSeconds > 0 ? Double(summary.pages) / summary.elapsedSeconds : 0
            FileHandle.standardError.write(Data(
                "pagepipe produce: pages=\(summary.pages) bytes=\(summary.bytes) failed=\(summary.failed) pages_per_s=\(Int(rate))\n".utf8))
            if summary.failed > 0 {
                logger.error(
                    "pages were not acknowledged",
                    metadata: [LogKey.count: "\(summary.failed)", LogKey.topic: "\(topic)", LogKey.error: "\(summary.firstError ?? "?")"])
                throw ExitCode.failure
            }
        }
    }
}
