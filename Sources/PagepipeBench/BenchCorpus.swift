import Foundation
import PageCore
import PageCorpus
import PageDecode
import PageModel

/// The pages every stage measures: raw (inflated, as crawled) bytes, the same gzip-compressed,
/// and what decoding and parsing make of them.
struct BenchCorpus {
    var raw: [(bytes: [UInt8], hints: BlobHints)] = []
    var gzipped: [[UInt8]] = []
    var texts: [String] = []
    var parsed: [ParsedPage] = []
    var rawBytes = 0.0
    var gzippedBytes = 0.0
    var articles = 0

    init(options: Options, decoder: BlobDecoder, processor: PageProcessor) {
        if options.files.isEmpty {
            let generator = CorpusGenerator(options: CorpusOptions(count: options.pages, seed: options.seed, brokenFraction: 0))
            for index in 0..<options.pages {
                let page = generator.page(at: index)
                add(page.blob, hints: page.hints, decoder: decoder)
            }
        } else {
            for path in Self.savedPagePaths(options.files) {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let type = path.lowercased().contains(".txt") ? "text/plain" : "text/html"
                add([UInt8](data), hints: BlobHints(contentType: type), decoder: decoder)
            }
        }
        gzipped = raw.map { BlobEncoder.compress($0.bytes, as: .gzip) }
        rawBytes = Double(raw.reduce(0) { $0 + $1.bytes.count })
        gzippedBytes = Double(gzipped.reduce(0) { $0 + $1.count })
        texts = raw.compactMap { try? decoder.decode($0.bytes, hints: $0.hints).text }
        parsed = texts.compactMap { try? processor.parser.parse($0) }
        articles = parsed.filter { if case .article = $0 { true } else { false } }.count
    }

    private mutating func add(_ blob: [UInt8], hints: BlobHints, decoder: BlobDecoder) {
        guard let decoded = try? decoder.decode(blob, hints: hints) else { return }
        let inflated = (try? blob.withUnsafeBytes { try Inflater.inflate($0, format: decoded.compression, limit: 64 << 20) }) ?? blob
        raw.append((decoded.compression == .none ? blob : inflated, BlobHints(contentType: hints.contentType)))
    }

    /// Page files under `paths`, folders read one level deep, notes (`.md`, `.jsonl`) left out.
    static func savedPagePaths(_ paths: [String]) -> [String] {
        paths.flatMap { path -> [String] in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { path + "/" + $0 }
        }
    }
}
