import ArgumentParser
import Foundation
import Kafka
import PageCore
import PageWorker

extension Pagepipe {
    struct Redrive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-drive dead letters after a fix: process them again, publish what now succeeds.",
            discussion: """
                Reads the dead-letter topic (--dlq-topic, default pages.dlq) in a consumer group of its \
                own, takes the letters the filters select (--stage, --reason, --since/--until on the \
                letter's time, --partition of the dead-letter topic, --paper by the source-url), and \
                processes each page with this build's parser, exactly as run would have. What now \
                succeeds goes to the usual output topics with the ids a first-time success gets, and \
                names the original input record as its source (header pagepipe-redriven-from names the \
                letter). What still fails goes to --redrive-topic (default pages.dlq.redrive, never the \
                topic read) with the new reason and pagepipe-redrive-attempt. Reference letters (only \
                the first KB of the page) are forwarded there as redrive/originalNeeded. Letters the \
                filters pass over are committed without output.

                The default group is named from the filters (pagepipe-redrive, \
                pagepipe-redrive.reason-parse.noTitle), so the same command run again finds nothing \
                new, and another filter still sees every letter. Commits follow acknowledgements as in \
                run: interrupt it (SIGTERM, SIGINT) and run it again. Stops once the topic is drained \
                (--exit-when-idle, default 10 s) and prints a table by letter reason.

                --dry-run runs the parser on every letter taken and prints the same table: how many \
                would now succeed, how many would still fail and why. It publishes and commits nothing.

                Example, after a release that fixes pages refused as too complex:
                  pagepipe redrive --brokers 127.0.0.1:19092 --reason parse/tooComplex --dry-run
                  pagepipe redrive --brokers 127.0.0.1:19092 --reason parse/tooComplex
                """
        )

        @OptionGroup var kafka: KafkaOptions

        @Option(name: .long, help: ArgumentHelp("Take letters of this error stage (decode, parse, publish), repeatable. Default: any.", valueName: "stage"))
        var stage: [String] = []

        @Option(name: .long, help: ArgumentHelp("Take letters of this reason, as stage/reason (parse/noTitle) or a bare reason (noTitle), repeatable. Default: any.", valueName: "reason"))
        var reason: [String] = []

        @Option(name: .long, help: ArgumentHelp("Take letters written at or after this time (ISO 8601 or a date). Default: no bound.", valueName: "time"))
        var since: String?

        @Option(name: .long, help: ArgumentHelp("Take letters written at or before this time. Default: no bound.", valueName: "time"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Take letters from this partition of the dead-letter topic, repeatable. Default: all.", valueName: "n"))
        var partition: [Int32] = []

        @Option(name: .long, help: ArgumentHelp("Take letters whose source-url is this paper's known e-paper address (PaperHosts), or this host or a domain it is under, repeatable. Default: any.", valueName: "paper"))
        var paper: [String] = []

        @Option(name: .long, help: ArgumentHelp("Where pages that still fail go; must not be the dead-letter topic read.", valueName: "topic"))
        var redriveTopic: String = "pages.dlq.redrive"

        @Flag(name: .long, help: "Run the parser and print what would happen; publish nothing, commit nothing.")
        var dryRun = false

        @OptionGroup var worker: WorkerOptions
        @OptionGroup var pageCore: PageCoreOptions
        @OptionGroup var logging: LoggingOptions
        @OptionGroup var operations: OperationsOptions

        func validate() throws {
            guard worker.inputTopic.isEmpty else {
                throw ValidationError("redrive reads the dead-letter topic: name it with --dlq-topic, not --input-topic.")
            }
            guard redriveTopic != worker.dlqTopic else {
                throw ValidationError(
                    "--redrive-topic must differ from --dlq-topic (\(worker.dlqTopic)): pages that still fail would be written back onto the topic being read.")
            }
            guard partition.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--partition must be 0 or more.") }
        }

        func run() throws {
            let logger = try logging.makeLogger(label: "pagepipe.redrive")
            try requireSupportedLibrdkafka(logger)
            var filter = RedriveFilter()
            filter.stages = Set(stage)
            filter.reasons = Set(reason)
            filter.partitions = Set(partition)
            filter.papers = Set(paper)
            if let since { filter.sinceMs = try TimeArguments.instant(since, option: "--since") }
            if let until { filter.untilMs = try TimeArguments.instant(until, option: "--until") }
            // PAGEPIPE_GROUP names the workers' group: a re-drive never joins it by accident.
            var configuration = try worker.configuration(kafka: kafka, pageCore: pageCore, defaultGroup: filter.defaultGroup)
            configuration.consumer.consumptionStrategy = .group(id: worker.group ?? filter.defaultGroup, topics: [worker.dlqTopic])
            configuration.router.deadLetterTopic = redriveTopic
            configuration.redrive = RedriveConfiguration(filter: filter, dryRun: dryRun)
            configuration.exitWhenIdle = configuration.exitWhenIdle ?? .seconds(10)
            logger.notice(
                "re-driving dead letters",
                metadata: [
                    LogKey.topic: "\(worker.dlqTopic)", LogKey.filter: "\(filter.description)", LogKey.group: "\(configuration.consumer.groupID)",
                    LogKey.deadLetterTopic: "\(configuration.router.resolvedDeadLetterTopic)", LogKey.dryRun: "\(dryRun)",
                ])
            let summary = try runWorker(
                configuration, processor: try pageCore.makeProcessor(), logger: logger, summaryJSON: worker.summaryJson,
                operations: try operations.configuration())
            let title = dryRun
                ? "dry run of a re-drive of \(worker.dlqTopic) as group \(configuration.consumer.groupID): nothing published, nothing committed"
                : "re-drive of \(worker.dlqTopic) as group \(configuration.consumer.groupID)"
            print(title + "\n" + summary.redriveReport)
        }
    }
}
