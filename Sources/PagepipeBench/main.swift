// pagepipe-bench: page-core throughput per core, next to zlib's inflate on the same pages.
//
// Every stage runs single-threaded over the same generated corpus, and every rate uses one
// denominator, the raw (inflated, as-crawled) page bytes, so the figures compare directly:
// "parse + classify at 2x inflate" means the page core costs half of what decompression does.
//
//   pagepipe-bench [--pages N] [--rounds N] [--seed N] [--only STAGE] [--files PATH…]
//
// `--files` measures saved pages instead (files or folders, e.g. ../shared/pages/real), each read
// as a crawler would have fetched it; compressed files are inflated first, like generated pages.
//
// `--only` runs one stage (inflate, charset, decode, tag-scan, parse, classify, end-to-end) so a
// profiler or `perf stat` sees that stage alone; the others print as skipped.
//
// `tag-scan` is not part of pagepipe: it is the least any HTML parser must do (find each tag and
// read its name, nothing else), measured on the same pages as a ceiling to hold parse against.
import Foundation
import PageCore
import PageCorpus
import PageDecode
import PageModel

let options = Options(CommandLine.arguments)

struct Options {
    var pages = 1500
    var rounds = 5
    var seed: UInt64 = 3
    var only: String?
    var files: [String] = []

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--pages": pages = Int(iterator.next() ?? "") ?? pages
            case "--rounds": rounds = Int(iterator.next() ?? "") ?? rounds
            case "--seed": seed = UInt64(iterator.next() ?? "") ?? seed
            case "--only": only = iterator.next()
            case "--files":
                while let path = iterator.next() { files.append(path) }
            default:
                print("usage: pagepipe-bench [--pages N] [--rounds N] [--seed N] [--only inflate|charset|decode|tag-scan|parse|classify|end-to-end] [--files PATH…]")
                exit(argument == "--help" || argument == "-h" ? 0 : 64)
            }
        }
    }
}

/// Best of `rounds` runs: the least disturbed by the rest of the machine. A stage left out by
/// `--only` reports NaN and prints as skipped.
func best(_ stage: String, _ rounds: Int, _ body: () -> Void) -> Double {
    if let only = options.only, only != stage { return .nan }
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        body()
        let elapsed = start.duration(to: .now)
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Resident memory now (not the peak), from /proc/self/statm.
func residentMiB() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return .nan }
    let pages = statm.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? .nan
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

// Worker start-up: what loading the section taxonomy and the national gazetteer costs.
let residentBeforeLoad = residentMiB()
let loadStart = ContinuousClock.now
let processor = try PageProcessor()
let loadDuration = loadStart.duration(to: .now)
let loadMilliseconds = Double(loadDuration.components.seconds) * 1e3 + Double(loadDuration.components.attoseconds) / 1e15
let residentAfterLoad = residentMiB()
let generator = CorpusGenerator(options: CorpusOptions(count: options.pages, seed: options.seed, brokenFraction: 0))

// Raw pages as crawled (inflated), then the same pages gzip-compressed, so inflate and decode see one corpus.
var raw: [(bytes: [UInt8], hints: BlobHints)] = []
let decoder = BlobDecoder()
@MainActor func addRaw(_ blob: [UInt8], hints: BlobHints) {
    guard let decoded = try? decoder.decode(blob, hints: hints) else { return }
    let inflated = (try? blob.withUnsafeBytes { try Inflater.inflate($0, format: decoded.compression, limit: 64 << 20) }) ?? blob
    raw.append((decoded.compression == .none ? blob : inflated, BlobHints(contentType: hints.contentType)))
}
if options.files.isEmpty {
    for index in 0..<options.pages {
        let page = generator.page(at: index)
        addRaw(page.blob, hints: page.hints)
    }
} else {
    for path in savedPagePaths(options.files) {
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        let type = path.lowercased().contains(".txt") ? "text/plain" : "text/html"
        addRaw([UInt8](data), hints: BlobHints(contentType: type))
    }
}
guard !raw.isEmpty else {
    print("pagepipe-bench: no page to measure (every input failed to decode, or --files named no page file)")
    exit(66)
}

/// Page files under `paths`, folders read one level deep, notes (`.md`, `.jsonl`) left out.
func savedPagePaths(_ paths: [String]) -> [String] {
    paths.flatMap { path -> [String] in
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.map { path + "/" + $0 }
    }
}
let gzipped = raw.map { BlobEncoder.compress($0.bytes, as: .gzip) }
let rawBytes = Double(raw.reduce(0) { $0 + $1.bytes.count })
let gzippedBytes = Double(gzipped.reduce(0) { $0 + $1.count })
let texts = raw.compactMap { try? decoder.decode($0.bytes, hints: $0.hints).text }
let parsed = texts.compactMap { try? processor.parser.parse($0) }
var sink = 0

let inflateSeconds = best("inflate", options.rounds) {
    for blob in gzipped {
        sink &+= (try? blob.withUnsafeBytes { try Inflater.inflate($0, format: .gzip, limit: 64 << 20) })?.count ?? 0
    }
}
let charsetSeconds = best("charset", options.rounds) {
    for page in raw { sink &+= (try? decoder.decode(page.bytes, hints: page.hints))?.text.utf8.count ?? 0 }
}
let decodeSeconds = best("decode", options.rounds) {
    for (index, blob) in gzipped.enumerated() {
        sink &+= (try? decoder.decode(blob, hints: raw[index].hints))?.text.utf8.count ?? 0
    }
}
let pageBytes = texts.map { Array($0.utf8) }
let tagScanSeconds = best("tag-scan", options.rounds) {
    for bytes in pageBytes { sink &+= bareTagScan(bytes) }
}
let parseSeconds = best("parse", options.rounds) {
    for text in texts { if let page = try? processor.parser.parse(text) { sink &+= page == parsed.first ? 1 : 0 } }
}
let classifySeconds = best("classify", options.rounds) {
    for page in parsed {
        switch page {
        case .article(let article):
            sink &+= processor.districts.classify(article).districts.count
            sink &+= processor.sections.section(forPageName: article.page?.name, pageNumber: article.page?.number).slug.count
        case .node(let node):
            sink &+= processor.sections.section(forPageName: node.page.name, pageNumber: node.page.number).slug.count
        }
    }
}
let endToEndSeconds = best("end-to-end", options.rounds) {
    for (index, blob) in gzipped.enumerated() {
        for event in (try? processor.process(blob, hints: raw[index].hints, source: .file(path: "bench"))) ?? [] {
            sink &+= event.jsonBytes().count
        }
    }
}

/// Finds every `<`, packs the tag name that follows, skips to the next `>`: a lower bound on the
/// work of any tag-based parser (no attributes, quotes, comments, tree or text). Not pagepipe code.
func bareTagScan(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return 0 }
        var names = 0
        var index = 0
        while index < buffer.count {
            guard let less = memchr(base + index, 0x3C, buffer.count - index) else { break }
            index = base.distance(to: less.assumingMemoryBound(to: UInt8.self)) + 1
            var name: UInt64 = 0
            while index < buffer.count, buffer[index] != 0x20, buffer[index] != 0x3E, buffer[index] != 0x0A {
                name = name &<< 8 | UInt64(buffer[index] | 0x20)
                index += 1
            }
            guard let greater = memchr(base + index, 0x3E, buffer.count - index) else { break }
            index = base.distance(to: greater.assumingMemoryBound(to: UInt8.self)) + 1
            names &+= Int(truncatingIfNeeded: name)
        }
        return names
    }
}

func rate(_ seconds: Double) -> String {
    seconds.isNaN ? "     skipped" : String(format: "%8.1f MB/s", rawBytes / seconds / 1e6)
}
let articles = parsed.filter { if case .article = $0 { true } else { false } }.count
print("pagepipe-bench: \(raw.count) pages (\(articles) articles, \(raw.count - articles) node pages), "
    + String(format: "%.1f MB raw, %.1f MB gzipped, best of %d rounds, one core", rawBytes / 1e6, gzippedBytes / 1e6, options.rounds))
print("  all rates are raw page MB per second of one core")
print("  zlib inflate (gzip)          \(rate(inflateSeconds))")
print("  charset decode (no inflate)  \(rate(charsetSeconds))")
print("  decode (inflate + charset)   \(rate(decodeSeconds))")
print("  bare tag scan (a ceiling)    \(rate(tagScanSeconds))   not pagepipe: find tags, read names, nothing else")
print("  parse                        \(rate(parseSeconds))")
print("  classify (section+district)  \(rate(classifySeconds))")
let ratio = inflateSeconds / (parseSeconds + classifySeconds)
print("  parse + classify             \(rate(parseSeconds + classifySeconds))"
    + (ratio.isNaN ? "" : String(format: "   = %.2fx inflate (target >= 2x)", ratio)))
// Parse time the target leaves once classify is paid for: inflate / 2 - classify.
let parseBudget = inflateSeconds / 2 - classifySeconds
if !parseBudget.isNaN {
    print(parseBudget > 0
        ? "  parse needed for 2x          \(rate(parseBudget))" + String(format: "   the bare tag scan alone takes %.0f%% of that time", 100 * tagScanSeconds / parseBudget)
        : "  parse needed for 2x          unreachable: classify alone takes half of inflate's time")
}
print("  end to end (+ JSON events)   \(rate(endToEndSeconds))"
    + (endToEndSeconds.isNaN ? "" : String(format: "   %.0f pages/s", Double(raw.count) / endToEndSeconds)))
print(String(format: "  peak resident memory         %8.1f MiB", peakResidentMiB()))
print(String(format: "  start-up: classifier load    %8.1f ms, resident %.1f → %.1f MiB (+%.1f MiB)",
             loadMilliseconds, residentBeforeLoad, residentAfterLoad, residentAfterLoad - residentBeforeLoad))
if sink == 42 { print("") }  // keeps the optimizer from dropping the measured work
