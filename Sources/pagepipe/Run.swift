import ArgumentParser
import Dispatch
import Foundation
import Kafka
import PageCore

extension Pagepipe {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a worker: consume raw pages from Kafka, publish article and page events.",
            discussion: """
                Joins consumer group --group on the input topic(s), processes pages concurrently and \
                publishes each article event to every --article-topic (default: articles and \
                articles.{section}) and each page event to --page-topic (default: pages.index). Pages \
                that cannot be processed go unchanged to --dlq-topic with headers naming the error. \
                Offsets are committed only once a page and all earlier pages of its partition are \
                acknowledged by the broker: at-least-once delivery, and a redelivered page produces \
                byte-identical events with the same ids. Start more workers with the same --group to \
                scale out. SIGTERM or SIGINT drains (finish in-flight pages, flush, commit, leave the \
                group) within --drain-timeout-ms, then exits 0.

                The producer waits up to 50 ms to fill a batch (librdkafka's linger.ms; its own default \
                is 5), which halves the broker's work per page; -X linger.ms=N changes it.

                Topic templates may use {section} (section slug), {district_code} (primary division \
                code or none) and {paper_date} (YYYYMMDD or undated).

                Example (local broker from Tools/broker start):
                  pagepipe run --brokers 127.0.0.1:19092 --group pagepipe --session-timeout-ms 6000
                """
        )

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var worker: WorkerOptions
        @OptionGroup var pageCore: PageCoreOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var operations: OperationsOptions

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.run")
            try requireSupportedLibrdkafka(logger)
            let configuration = try worker.configuration(kafka: kafka, pageCore: pageCore, defaultGroup: "pagepipe")
            try runWorker(
                configuration, processor: try pageCore.makeProcessor(), logger: logger, summaryJSON: worker.summaryJson,
                operations: try operations.configuration())
        }
    }
}
