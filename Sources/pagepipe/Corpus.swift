import ArgumentParser
import Foundation
import PageCore
import PageCorpus

extension Pagepipe {
    struct Corpus: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write synthetic e-paper pages (the project's own sample corpus) to a directory.",
            discussion: """
                Pages are generated deterministically from --seed, with text written by the generator: \
                Founder article pages (GBK or UTF-8, gzip/zlib or plain), web-CMS articles, node pages \
                and plain-text renderings, across many papers, dates, sections and districts (the \
                generator's own list, Shanghai's districts and their 街道/镇; the classifier covers all \
                of China), plus a fraction of deliberately broken blobs. manifest.jsonl records what each page \
                should parse to. Pages are generated on every core.

                With --slow-pages, writes instead the small pages built to be slow (issue 18: node \
                pages with tens of thousands of links, areas or page-list entries, an article naming \
                every county and town), gzip, each shape at each size, named slow-SHAPE-SIZE.htm.gz.

                Example: pagepipe corpus --count 1000 --seed 7 --out /tmp/pages
                """
        )

        @Option(name: .long, help: ArgumentHelp("How many pages.", valueName: "n"))
        var count: Int = 200

        @Option(name: .long, help: ArgumentHelp("Generator seed; the same seed gives the same bytes.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(name: .long, help: ArgumentHelp("Fraction of deliberately broken blobs.", valueName: "fraction"))
        var brokenFraction: Double = 0.02

        @Option(name: .long, help: ArgumentHelp("Output directory (created if missing).", valueName: "dir"))
        var out: String

        @Option(name: .long, help: ArgumentHelp(
            "Write the slow-but-small pages at these sizes (comma-separated links, areas, pages or names; \"issue\" for the sizes of issue 18) instead of the sample corpus.",
            valueName: "sizes"))
        var slowPages: String?

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be positive.") }
            if let slowPages, slowPages != "issue" {
                guard slowPages.split(separator: ",").allSatisfy({ Int($0).map { $0 > 0 } ?? false }) else {
                    throw ValidationError("--slow-pages takes positive sizes separated by commas, or \"issue\".")
                }
            }
            guard (0...1).contains(brokenFraction) else { throw ValidationError("--broken-fraction must be between 0 and 1.") }
        }

        func run() throws {
            if let slowPages {
                try writeSlowPages(sizes: slowPages == "issue" ? nil : slowPages.split(separator: ",").compactMap { Int($0) })
                return
            }
            let generator = CorpusGenerator(options: CorpusOptions(count: count, seed: seed, brokenFraction: brokenFraction))
            let bar = ProgressBar(total: count, label: "corpus → \(out)")
            try CorpusWriter.write(generator, to: out, concurrency: PageProcessor.defaultConcurrency) { written in bar.update(completed: written) }
            bar.finish()
            FileHandle.standardError.write(Data("pagepipe corpus: wrote \(count) pages and manifest.jsonl to \(out)\n".utf8))
        }

        /// Every shape at each size (nil: at the sizes of the issue).
        private func writeSlowPages(sizes: [Int]?) throws {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var written = 0
            for shape in SlowPageShape.allCases {
                for size in sizes ?? [shape.issueSize] {
                    let page = SlowPage(shape, size: size)
                    try Data(page.blob).write(to: URL(fileURLWithPath: out).appendingPathComponent(page.fileName))
                    written += 1
                }
            }
            FileHandle.standardError.write(Data("pagepipe corpus: wrote \(written) slow pages to \(out)\n".utf8))
        }
    }
}
