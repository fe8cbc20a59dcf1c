import Kafka
import Logging
import PageDecode
import Synchronization
import TopicContract

/// One raw page to load into the input topic, with the hints a crawler would send along.
public struct RawPage: Sendable {
    public var key: String
    public var blob: [UInt8]
    public var hints: BlobHints
    public var sourceURL: String?

    public init(key: String, blob: [UInt8], hints: BlobHints, sourceURL: String?) {
        self.key = key
        self.blob = blob
        self.hints = hints
        self.sourceURL = sourceURL
    }
}

/// What `PageLoader.load` did.
public struct LoadSummary: Sendable {
    public var pages = 0
    public var bytes = 0
    public var failed = 0
    public var firstError: String?
    public var elapsedSeconds = 0.0
}

/// Loads raw pages into a topic (`pagepipe produce`) and waits until the broker acknowledged each.
public final class PageLoader: Sendable {
    private let producer: KafkaProducer
    private let topic: String
    /// Compress each page before sending (and say so in `content-encoding`); nil sends bytes as given.
    private let compression: BlobCompression?

    public init(producer: KafkaProducer, topic: String, compression: BlobCompression?) {
        self.producer = producer
        self.topic = topic
        self.compression = compression
    }

    /// Sends every page; `progress` is called on the caller's thread with (sent, acknowledged, bytes).
    public func load(_ pages: some Sequence<RawPage>, progress: (Int, Int, Int) -> Void) throws(KafkaError) -> LoadSummary {
        let started = ContinuousClock.now
        let outcome = Mutex((acknowledged: 0, failed: 0, firstError: String?.none))
        var summary = LoadSummary()
        for page in pages {
            var blob = page.blob
            var hints = page.hints
            if let compression, compression != .none {
                blob = BlobEncoder.compress(blob, as: compression)
                hints.contentEncoding = compression.rawValue
            }
            var headers: [KafkaHeader] = []
            if let encoding = hints.contentEncoding { headers.append(KafkaHeader(key: PagepipeHeader.contentEncoding, value: Array(encoding.utf8))) }
            if let type = hints.contentType { headers.append(KafkaHeader(key: PagepipeHeader.contentType, value: Array(type.utf8))) }
            if let url = page.sourceURL { headers.append(KafkaHeader(key: PagepipeHeader.sourceURL, value: Array(url.utf8))) }
            let message = KafkaOutgoingMessage(topic: topic, key: Array(page.key.utf8), value: blob, headers: headers)
            try producer.send(message, whenQueueFull: .pollHere) { result in
                outcome.withLock { state in
                    switch result {
                    case .success: state.acknowledged += 1
                    case .failure(let error):
                        state.failed += 1
                        if state.firstError == nil { state.firstError = "\(error)" }
                    }
                }
            }
            summary.pages += 1
            summary.bytes += blob.count
            _ = producer.poll(timeoutMs: 0)
            if summary.pages % 64 == 0 {
                progress(summary.pages, outcome.withLock { $0.acknowledged + $0.failed }, summary.bytes)
            }
        }
        try producer.flush(timeoutMs: 60_000)
        let final = outcome.withLock { $0 }
        summary.failed = final.failed
        summary.firstError = final.firstError
        summary.elapsedSeconds = started.duration(to: .now) / .seconds(1)
        progress(summary.pages, final.acknowledged + final.failed, summary.bytes)
        return summary
    }
}
