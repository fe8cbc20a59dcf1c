import ArgumentParser

@main
struct Pagepipe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pagepipe",
        abstract: "Turn raw e-paper page blobs into structured, classified article events, from files or from Kafka.",
        discussion: """
            A page blob is what a crawler fetched for one digital-newspaper page: HTML (often GBK) or a \
            plain-text rendering, maybe gzip/zlib-compressed. pagepipe decodes it, parses it into \
            articles (paper, date, page, kicker, title, authors, paragraphs, …), classifies each by \
            section, topic and place, and emits pagepipe.article/v1 and pagepipe.page/v1 \
            events (see Protocols/).

            Typical use:
              pagepipe parse page.htm.gz               # one page to JSON lines, no Kafka
              pagepipe corpus --count 500 --out pages/  # synthetic sample pages
              pagepipe produce --brokers 127.0.0.1:19092 pages/
              pagepipe topics apply --brokers 127.0.0.1:19092 # create the topics run needs
              pagepipe run --brokers 127.0.0.1:19092 --group pagepipe
              pagepipe stats --brokers 127.0.0.1:19092 --topic articles
              pagepipe replay --brokers 127.0.0.1:19092 --group pagepipe --to-earliest
              pagepipe redrive --brokers 127.0.0.1:19092 --reason parse/tooComplex --dry-run

            Tools/broker start runs a local broker; Tools/demo shows the whole flow.
            """,
        subcommands: [
            Parse.self, Run.self, Produce.self, Topics.self, Replay.self, Reprocess.self, Redrive.self, Stats.self, Corpus.self,
            TopicModelCommand.self,
        ]
    )
}
