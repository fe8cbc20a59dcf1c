// pagepipe-bench: page-core throughput per core, next to inflate on the same pages, before and
// after the decode rewrite (zlib + iconv, then libdeflate + GB18030 tables), in one run.
//
// Every stage runs single-threaded over the same generated corpus, and every rate uses one
// denominator, the raw (inflated, as-crawled) page bytes, so the figures compare directly.
// "before" runs `BlobDecoder.zlibAndIconv()`, which decodes exactly as pagepipe did before
// (and gives the same text and errors, as the tests check), so both columns come from one binary.
//
//   pagepipe-bench [--pages N] [--rounds N] [--seed N] [--only STAGE] [--worker-path] [--files PATH…]
//
// `--files` measures saved pages instead (files or folders of real pages), each read
// as a crawler would have fetched it; compressed files are inflated first, like generated pages.
//
// `--only` runs one stage so a profiler or `valgrind --tool=callgrind` sees that stage alone; the
// others print as skipped (`--only none` measures the setup, to subtract).
//
// `--worker-path` adds CPU µs per page: zlib and libdeflate inflate, the warm loop (page core +
// JSON), and the worker's own per-page path (`WorkerPath`) on a Dispatch lane, on the same blobs.
//
// `tag-scan` is not part of pagepipe: it is the least any HTML parser must do (find each tag and
// read its name, nothing else), measured on the same pages as a ceiling to hold parse against.
import DecodeReference
import Foundation
import PageClassify
import PageCore
import PageCorpus
import PageDecode
import PageModel
import ProcessAllocator

let options = Options(CommandLine.arguments)

// Worker start-up: what loading the section taxonomy and the national gazetteer costs.
let residentBeforeLoad = residentMiB()
let loadStart = ContinuousClock.now
let processor = try PageProcessor()
let loadDuration = loadStart.duration(to: .now)
let loadMilliseconds = loadDuration / .milliseconds(1)
let residentAfterLoad = residentMiB()
let decoder = BlobDecoder()
let referenceDecoder = BlobDecoder.zlibAndIconv()
let corpus = BenchCorpus(options: options, decoder: decoder, processor: processor)
guard !corpus.raw.isEmpty else {
    print("pagepipe-bench: no page to measure (every input failed to decode, or --files named no page file)")
    exit(66)
}
let raw = corpus.raw, gzipped = corpus.gzipped, texts = corpus.texts, parsed = corpus.parsed
var sink = 0

let inflateBefore = best("inflate-before", options.rounds) {
    for blob in gzipped {
        sink &+= (try? blob.withUnsafeBytes { try Inflater.inflateWithZlib($0, format: .gzip, limit: 64 << 20) })?.count ?? 0
    }
}
let inflateAfter = best("inflate", options.rounds) {
    for blob in gzipped {
        sink &+= (try? blob.withUnsafeBytes { try Inflater.inflate($0, format: .gzip, limit: 64 << 20) })?.count ?? 0
    }
}
let charsetBefore = best("charset-before", options.rounds) {
    for page in raw { sink &+= (try? referenceDecoder.decode(page.bytes, hints: page.hints))?.text.utf8.count ?? 0 }
}
let charsetAfter = best("charset", options.rounds) {
    for page in raw { sink &+= (try? decoder.decode(page.bytes, hints: page.hints))?.text.utf8.count ?? 0 }
}
let decodeBefore = best("decode-before", options.rounds) {
    for (index, blob) in gzipped.enumerated() {
        sink &+= (try? referenceDecoder.decode(blob, hints: raw[index].hints))?.text.utf8.count ?? 0
    }
}
let decodeAfter = best("decode", options.rounds) {
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
            let topic = processor.topics.topic(of: article)
            sink &+= processor.sections.section(for: article, topic: topic, topicThreshold: processor.topics.header.sectionThreshold).slug.count
        case .node(let node):
            sink &+= processor.sections.section(forPageName: node.page.name, pageNumber: node.page.number).slug.count
        }
    }
}
// The topic model alone (part of classify): µs per article.
let parsedArticles = parsed.compactMap { page -> ParsedArticle? in if case .article(let article) = page { article } else { nil } }
let topicSeconds = best("topic", options.rounds) {
    for article in parsedArticles { sink &+= processor.topics.topic(of: article).slug.count }
}
// Loading the bundled topic model again, as a worker does at start-up: best of the rounds.
var topicLoadMilliseconds = Double.infinity
if options.runs("topic") {
    for _ in 0..<max(1, options.rounds) {
        let started = ContinuousClock.now
        let model = try TopicModel.bundled()
        let elapsed = started.duration(to: .now)
        sink &+= model.topics.count
        topicLoadMilliseconds = min(topicLoadMilliseconds, elapsed / .milliseconds(1))
    }
}
let endToEndBefore = best("end-to-end-before", options.rounds) {
    for (index, blob) in gzipped.enumerated() {
        guard let text = try? referenceDecoder.decode(blob, hints: raw[index].hints).text else { continue }
        for event in (try? processor.process(text: text, source: .file(path: "bench"))) ?? [] {
            sink &+= event.jsonBytes().count
        }
    }
}
let endToEndAfter = best("end-to-end", options.rounds) {
    for (index, blob) in gzipped.enumerated() {
        for event in (try? processor.process(blob, hints: raw[index].hints, source: .file(path: "bench"))) ?? [] {
            sink &+= event.jsonBytes().count
        }
    }
}

let table = StageTable(rawBytes: corpus.rawBytes, pages: raw.count)
print("pagepipe-bench: \(raw.count) pages (\(corpus.articles) articles, \(raw.count - corpus.articles) node pages), "
    + String(format: "%.1f MB raw, %.1f MB gzipped, best of %d rounds, one core", corpus.rawBytes / 1e6, corpus.gzippedBytes / 1e6, options.rounds))
print("  raw page MB per second of one core; before = zlib + iconv, after = libdeflate + GB18030 tables; \(ProcessAllocator.description)")
table.header()
table.row("inflate (gzip)", before: inflateBefore, after: inflateAfter)
table.row("charset decode (no inflate)", before: charsetBefore, after: charsetAfter)
table.row("decode (inflate + charset)", before: decodeBefore, after: decodeAfter)
table.row("bare tag scan (a ceiling)", after: tagScanSeconds, note: "not pagepipe: find tags, read names, nothing else")
table.row("parse", after: parseSeconds)
table.row("classify (section+topic+district)", after: classifySeconds)
table.row("  of which the topic model", after: topicSeconds,
    note: topicSeconds.isNaN ? "" : String(format: "%.1f µs per article", topicSeconds * 1e6 / Double(max(parsedArticles.count, 1))))
let ratio = inflateBefore / (parseSeconds + classifySeconds)
table.row("parse + classify", after: parseSeconds + classifySeconds,
    note: ratio.isNaN ? "" : String(format: "= %.2fx zlib inflate, %.2fx libdeflate", ratio, inflateAfter / (parseSeconds + classifySeconds)))
table.row("end to end (+ JSON events)", before: endToEndBefore, after: endToEndAfter,
    note: endToEndAfter.isNaN ? "" : String(format: "%.0f pages/s after", Double(raw.count) / endToEndAfter))
print(String(format: "  peak resident memory         %8.1f MiB", peakResidentMiB()))
print(String(format: "  start-up: classifier load    %8.1f ms, resident %.1f → %.1f MiB (+%.1f MiB)",
             loadMilliseconds, residentBeforeLoad, residentAfterLoad, residentAfterLoad - residentBeforeLoad))
if topicLoadMilliseconds.isFinite {
    print(String(format: "  start-up: topic model load   %8.1f ms", topicLoadMilliseconds)
        + " (\(processor.topics.name), \(processor.topics.topics.count) topics, 2^\(processor.topics.header.bucketBits) buckets)")
}

if options.workerPath {
    let blobs = gzipped, hints = raw.map { BlobHints(contentEncoding: "gzip", contentType: $0.hints.contentType) }
    let workerPath = WorkerPath(processor: processor)
    let rounds = max(1, options.rounds)
    let zlibCPU = bestCPU("inflate-before", rounds) {
        for blob in blobs { sink &+= (try? blob.withUnsafeBytes { try Inflater.inflateWithZlib($0, format: .gzip, limit: 64 << 20) })?.count ?? 0 }
    }
    let libdeflateCPU = bestCPU("inflate", rounds) {
        for blob in blobs { sink &+= (try? blob.withUnsafeBytes { try Inflater.inflate($0, format: .gzip, limit: 64 << 20) })?.count ?? 0 }
    }
    let warmCPU = bestCPU("end-to-end", rounds) {
        for (index, blob) in blobs.enumerated() {
            for event in (try? processor.process(blob, hints: hints[index], source: .file(path: "bench"))) ?? [] { sink &+= event.jsonBytes().count }
        }
    }
    let workerCPU = bestCPU("worker-path", rounds) { sink &+= workerPath.run(blobs, hints: hints) }
    table.cpuPerPage(zlib: zlibCPU, libdeflate: libdeflateCPU, warm: warmCPU, worker: workerCPU)
}
if sink == 42 { print("") }  // keeps the optimizer from dropping the measured work
