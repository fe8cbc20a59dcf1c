import ArgumentParser
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
                stage and the reason; the exit status is then 1.

                Example: pagepipe parse ../shared/seeds/000_725b41050449d912.txt
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

        @OptionGroup var pageCore: PageCoreOptions

        func run() throws {
            let processor = try pageCore.makeProcessor()
            var failures = 0
            var output = [UInt8]()
            output.reserveCapacity(1 << 16)
            for path in try InputFiles.expand(inputs) {
                do {
                    let blob = try InputFiles.read(path)
                    let hints = FileHints.hints(forPath: path, encoding: contentEncoding, type: contentType)
                    for event in try processor.process(blob, hints: hints, source: .file(path: path)) {
                        output.append(contentsOf: event.jsonBytes())
                        output.append(UInt8(ascii: "\n"))
                    }
                } catch {
                    failures += 1
                    FileHandle.standardError.write(Data("pagepipe: \(path): \(error)\n".utf8))
                }
                if output.count > 1 << 16 {
                    FileHandle.standardOutput.write(Data(output))
                    output.removeAll(keepingCapacity: true)
                }
            }
            FileHandle.standardOutput.write(Data(output))
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
