import ArgumentParser
import ByteText
import Foundation
import PageCore
import PageDecode
import PageModel

extension Pagepipe {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse page blobs from files into events, one JSON object per line.",
            discussion: """
                Reads each FILE (a directory is read recursively; - is standard input), decodes it \
                (gzip/zlib/deflate, UTF-8/GBK/GB18030), parses it and classifies it, and prints its \
                events to standard output as JSON lines (pagepipe.article/v1 or pagepipe.page/v1). \
                A page that cannot be processed gets one line on standard error naming the file, the \
                stage and the reason; the exit status is then 1. Pages are processed on every core \
                (--concurrency), and the output keeps the order of the inputs.

                Example: pagepipe parse Tests/Fixtures/pages/ad-1.html
                """
        )

        @Argument(help: ArgumentHelp("Page files or directories; - for standard input.", valueName: "file"))
        var inputs: [String]

        @Option(name: .long, help: ArgumentHelp(
            "Content-Encoding hint for every input (gzip, deflate, identity); the bytes win when they disagree. Default: from the file name (.gz, .deflate, .zz).", valueName: "encoding"))
        var contentEncoding: String?

        @Option(name: .long, help: ArgumentHelp(
            "Content-Type hint for every input, e.g. \"text/html; charset=gbk\".", valueName: "type"))
        var contentType: String?

        @Option(name: .long, help: ArgumentHelp(
            "Pages processed at once; the output order does not depend on it. Default: number of cores.", valueName: "n"))
        var concurrency: Int?

        @OptionGroup var pageCore: PageCoreOptions

        func validate() throws {
            if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1.") }
        }

        /// What one input gives: its events as JSON lines, or the line that reports its failure.
        enum Outcome: Sendable {
            case events([UInt8])
            case failure(String)
        }

        func run() throws {
            let processor = try pageCore.makeProcessor()
            let paths = try InputFiles.expand(inputs)
            let lanes = concurrency ?? PageProcessor.defaultConcurrency
            // Pages are taken a window at a time and written in input order, so at most one
            // window of results waits in memory however many files there are.
            let window = lanes * 64
            var failures = 0
            var output = [UInt8]()
            output.reserveCapacity(1 << 16)
            var start = 0
            while start < paths.count {
                let batch = Array(paths[start..<min(start + window, paths.count)])
                start += batch.count
                for outcome in [Outcome](concurrentlyComputing: batch.count, lanes: lanes, { outcome(of: batch[$0], processor: processor) }) {
                    switch outcome {
                    case .events(let lines):
                        output.append(contentsOf: lines)
                    case .failure(let line):
                        failures += 1
                        FileHandle.standardOutput.write(Data(output))
                        output.removeAll(keepingCapacity: true)
                        FileHandle.standardError.write(Data(line.utf8))
                    }
                    if output.count > 1 << 16 {
                        FileHandle.standardOutput.write(Data(output))
                        output.removeAll(keepingCapacity: true)
                    }
                }
            }
            FileHandle.standardOutput.write(Data(output))
            if failures > 0 { throw ExitCode.failure }
        }

        private func outcome(of path: String, processor: PageProcessor) -> Outcome {
            do {
                let blob = try InputFiles.read(path)
                let hints = FileHints.hints(forPath: path, encoding: contentEncoding, type: contentType)
                var lines: [UInt8] = []
                for event in try processor.process(blob, hints: hints, source: .file(path: path)) {
                    lines.append(contentsOf: event.jsonBytes())
                    lines.append(UInt8(ascii: "\n"))
                }
                return .events(lines)
            } catch {
                return .failure("pagepipe: \(path): \(error)\n")
            }
        }
    }
}
