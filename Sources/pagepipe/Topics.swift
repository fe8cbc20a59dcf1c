import ArgumentParser
import Foundation
import Kafka
import KafkaTools
import TopicContract

extension Pagepipe {
    struct Topics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or create the topics a worker with these settings reads and writes.",
            discussion: """
                Takes the same topic, --topic-suffix, --sections and Kafka flags as run, so the \
                topics planned are the ones that worker needs: its input topics, every output topic \
                its templates can name (articles.{section} once per section slug, the bundled ones and \
                those of --sections) and the dead-letter topic. Templates with {district_code} or \
                {paper_date} cannot be listed in advance and are named as such.

                Examples:
                  pagepipe topics plan --brokers 127.0.0.1:19092
                  pagepipe topics apply --brokers 127.0.0.1:19092 --sections my-sections.json
                """,
            subcommands: [Plan.self, Apply.self]
        )
    }
}

extension Pagepipe.Topics {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every planned topic with its partitions, replication and settings, beside what the cluster has.",
            discussion: "Creates nothing: the cluster's topics are listed without naming one, which would make a cluster that creates topics on demand create it. Exits 0 whatever it finds."
        )

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var worker: WorkerOptions
        @OptionGroup var pageCore: PageCoreOptions
        @OptionGroup var topics: TopicOptions
        @OptionGroup var logging: LoggingOptions

        func run() throws {
            try topics.printReport(kafka: kafka, worker: worker, pageCore: pageCore, logging: logging) { plan, provisioner in
                TopicProvisioner.report(try provisioner.compare(plan), unlistedTemplates: plan.unlistedTemplates)
            }
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the planned topics the cluster lacks; report existing topics that differ.",
            discussion: """
                Never alters an existing topic (partitions, replication or settings): differences are \
                printed for an operator to decide, since changing them under running workers moves keys \
                between partitions or drops data. Running it again creates nothing. Exits non-zero only \
                when a topic could not be created.
                """
        )

        @OptionGroup var kafka: KafkaOptions
        @OptionGroup var worker: WorkerOptions
        @OptionGroup var pageCore: PageCoreOptions
        @OptionGroup var topics: TopicOptions
        @OptionGroup var logging: LoggingOptions

        func run() throws {
            try topics.printReport(kafka: kafka, worker: worker, pageCore: pageCore, logging: logging) { plan, provisioner in
                let (created, comparisons) = try provisioner.apply(plan)
                return TopicProvisioner.report(comparisons, unlistedTemplates: plan.unlistedTemplates, created: created)
            }
        }
    }
}

extension TopicOptions {
    /// What `plan` and `apply` share: the plan from the flags, one provisioner, the report printed,
    /// and a cluster error as a critical log line and a failing exit.
    func printReport(
        kafka: KafkaOptions, worker: WorkerOptions, pageCore: PageCoreOptions, logging: LoggingOptions,
        _ report: (TopicPlan, TopicProvisioner) throws -> String
    ) throws {
        let logger = try logging.makeLogger(label: "pagepipe.topics")
        try requireSupportedLibrdkafka(logger)
        let (plan, provisioner) = try planAndProvisioner(kafka: kafka, worker: worker, pageCore: pageCore, logger: logger)
        do {
            print(try report(plan, provisioner))
        } catch {
            logger.critical("cannot read or change the cluster's topics", metadata: [LogKey.error: "\(error)"])
            throw ExitCode.failure
        }
    }
}
