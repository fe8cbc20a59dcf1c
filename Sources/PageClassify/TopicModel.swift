import Foundation
import PageModel

/// A learned topic classifier: a linear model over hashed character n-grams (`TopicFeatures`),
/// read from a model file and applied to an article's own text (title, kicker, subtitle,
/// sub-headings and the body's lead; never the page's name, authors or chrome).
///
/// score(topic) = bias(topic) + lengthFactor × Σ over the article's n-gram occurrences of weight(n-gram, topic),
/// with lengthFactor = 1/√occurrences for a `sqrt`-normalised model (logistic regression: a headline
/// and a long article land on the same scale) and 1 otherwise (naive Bayes); probabilities are the
/// softmax of the scores. Weights are stored as 16-bit integers times one scale and summed as
/// integers, so a prediction is the same on every machine.
///
/// File format (`pagepipe.topic-model/v1`): the 8 bytes `PPTOPIC1`, a little-endian UInt32 length,
/// that many bytes of JSON header (`TopicModelHeader`: topics, hashing, biases, the training
/// data's SHA-256 and the held-out evaluation), then `topics.count × 2^bucket_bits` little-endian
/// Int16 weights, bucket-major (a bucket's weights for every topic side by side).
public final class TopicModel: Sendable {
    public let header: TopicModelHeader
    public var name: String { header.name }
    public var topics: [String] { header.topics }
    let features: TopicFeatures
    /// Bucket-major weights as in the file, kept only for models of more than 16 topics.
    private let weights: [Int16]
    /// Models of at most 16 topics: the weights as one 16-lane vector per bucket (unused lanes 0),
    /// so that an n-gram costs one load and one vector add instead of a loop over the topics.
    private let rows: [SIMD16<Int16>]
    private let bias: [Double]

    static let magic = Array("PPTOPIC1".utf8)
    static let format = "pagepipe.topic-model/v1"

    init(header: TopicModelHeader, weights: [Int16]) {
        self.header = header
        self.features = TopicFeatures(bucketBits: header.bucketBits, bodyScalarBudget: header.bodyScalarBudget)
        self.bias = header.bias
        let topicCount = header.topics.count, buckets = 1 << header.bucketBits
        if topicCount <= 16 {
            var rows = [SIMD16<Int16>](repeating: .zero, count: buckets)
            rows.withUnsafeMutableBytes { raw in
                let lanes = raw.bindMemory(to: Int16.self)
                weights.withUnsafeBufferPointer { weights in
                    for bucket in 0..<buckets {
                        for topic in 0..<topicCount { lanes[bucket &* 16 &+ topic] = weights[bucket &* topicCount &+ topic] }
                    }
                }
            }
            self.rows = rows
            self.weights = []
        } else {
            self.rows = []
            self.weights = weights
        }
    }

    /// The weights in file order (bucket-major, `topics.count` per bucket).
    private var fileWeights: [Int16] {
        guard !rows.isEmpty else { return weights }
        let topicCount = topics.count
        return rows.flatMap { row in (0..<topicCount).map { row[$0] } }
    }

    /// The model shipped in `Resources/topic-model.bin`.
    public static func bundled() throws(ClassifierDataError) -> TopicModel {
        let resource = try ClassifierDataError.readBundledResource("topic-model", extension: "bin")
        return try TopicModel(bytes: resource.bytes, file: resource.label)
    }

    /// A model file written by `pagepipe topic-model train`.
    public convenience init(contentsOfFile path: String) throws(ClassifierDataError) {
        try self.init(bytes: ClassifierDataError.readFile(atPath: path), file: path)
    }

    convenience init(bytes: [UInt8], file: String) throws(ClassifierDataError) {
        guard bytes.count >= 12, Array(bytes[0..<8]) == Self.magic else {
            throw ClassifierDataError(file: file, problem: "is not a pagepipe topic model (no PPTOPIC1 magic)")
        }
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count >= 12 + headerLength else { throw ClassifierDataError(file: file, problem: "is truncated in its header") }
        let header = try ClassifierDataError.decode(TopicModelHeader.self, from: Array(bytes[12..<12 + headerLength]), file: file)
        guard header.format == Self.format else {
            throw ClassifierDataError(file: file, problem: "has format \(header.format), expected \(Self.format)")
        }
        guard !header.topics.isEmpty, header.bias.count == header.topics.count, (8...24).contains(header.bucketBits) else {
            throw ClassifierDataError(file: file, problem: "has inconsistent topics, biases or bucket_bits")
        }
        let count = header.topics.count << header.bucketBits
        let start = 12 + headerLength
        guard bytes.count == start + 2 * count else {
            throw ClassifierDataError(file: file, problem: "has \(bytes.count - start) weight bytes, expected \(2 * count)")
        }
        let weights = [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + 2 * count]))
            }
            // The file is little-endian: a no-op on x86 and ARM, a swap elsewhere.
            for index in 0..<count { buffer[index] = Int16(littleEndian: buffer[index]) }
            initialized = count
        }
        self.init(header: header, weights: weights)
    }

    /// The file's bytes, as `init(contentsOfFile:)` reads them.
    public func fileBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let json = [UInt8]((try? encoder.encode(header)) ?? Data())
        var bytes = Self.magic
        let length = UInt32(json.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
        bytes += json
        let weights = fileWeights
        bytes.reserveCapacity(bytes.count + 2 * weights.count)
        for weight in weights {
            let value = UInt16(bitPattern: weight)
            bytes.append(UInt8(value & 0xFF))
            bytes.append(UInt8(value >> 8))
        }
        return bytes
    }

    /// The article's topic: its text as `TopicFeatures` reads it.
    public func topic(of article: ParsedArticle) -> Topic {
        topic(heading: Self.heading(of: article), body: Self.body(of: article))
    }

    public func topic(heading: [String], body: [String]) -> Topic {
        let probabilities = self.probabilities(heading: heading, body: body)
        var best = 0, second = probabilities.count > 1 ? 1 : 0
        if probabilities.count > 1 && probabilities[1] > probabilities[0] { (best, second) = (1, 0) }
        for index in probabilities.indices.dropFirst(2) {
            if probabilities[index] > probabilities[best] {
                (best, second) = (index, best)
            } else if probabilities[index] > probabilities[second] {
                second = index
            }
        }
        return Topic(slug: topics[best], p: Self.rounded(probabilities[best]),
                     runnerUp: TopicAlternative(slug: topics[second], p: Self.rounded(probabilities[second])), model: name)
    }

    /// Every topic's probability, in `topics` order.
    public func probabilities(heading: [String], body: [String]) -> [Double] {
        let topicCount = topics.count
        // Int32 cannot overflow: at most 3 × (200 + body budget) n-grams of |weight| ≤ 32,767.
        var sums = [Int32](repeating: 0, count: topicCount)
        let occurrences: Int
        if rows.isEmpty {
            occurrences = weights.withUnsafeBufferPointer { weights in
                sums.withUnsafeMutableBufferPointer { sums in
                    var sum = TopicLoopSum(weights: weights, sums: sums, topicCount: topicCount)
                    return features.forEachFeature(heading: heading, body: body, into: &sum)
                }
            }
        } else {
            var sum = TopicRowSum()
            occurrences = rows.withUnsafeBufferPointer { rows in
                sum.rows = rows
                return features.forEachFeature(heading: heading, body: body, into: &sum)
            }
            for topic in 0..<topicCount { sums[topic] = sum.total[topic] }
        }
        let factor = header.lengthNormalization == .sqrt ? 1 / Double(max(occurrences, 1)).squareRoot() : 1
        let scores = sums.indices.map { bias[$0] + header.weightScale * factor * Double(sums[$0]) }
        let top = scores.max() ?? 0
        let exponentials = scores.map { Foundation.exp($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// Kicker, title and subtitle: read up to `TopicFeatures.headingScalarBudget` characters.
    static func heading(of article: ParsedArticle) -> [String] {
        [article.kicker, article.title, article.subtitle].compactMap { $0 }
    }

    /// Sub-headings and paragraphs: read up to the body budget.
    static func body(of article: ParsedArticle) -> [String] {
        article.subheadings.isEmpty ? article.paragraphs : article.subheadings + article.paragraphs
    }

    /// Three decimals on the wire: enough to compare with a threshold, and stable across libm versions.
    static func rounded(_ p: Double) -> Double { (p * 1000).rounded() / 1000 }
}

/// Sums each n-gram's row of up to 16 topic weights in one vector add.
private struct TopicRowSum: TopicFeatureVisitor {
    var rows = UnsafeBufferPointer<SIMD16<Int16>>(start: nil, count: 0)
    var total = SIMD16<Int32>()

    @inline(__always)
    mutating func visit(_ bucket: Int) {
        // Lane by lane: the generic `init(truncatingIfNeeded:)` is a call per n-gram.
        let row = rows[bucket]
        total &+= SIMD16<Int32>(
            Int32(row[0]), Int32(row[1]), Int32(row[2]), Int32(row[3]), Int32(row[4]), Int32(row[5]), Int32(row[6]), Int32(row[7]),
            Int32(row[8]), Int32(row[9]), Int32(row[10]), Int32(row[11]), Int32(row[12]), Int32(row[13]), Int32(row[14]), Int32(row[15]))
    }
}

/// Sums each n-gram's weights topic by topic, for models of more than 16 topics.
private struct TopicLoopSum: TopicFeatureVisitor {
    let weights: UnsafeBufferPointer<Int16>
    let sums: UnsafeMutableBufferPointer<Int32>
    let topicCount: Int

    mutating func visit(_ bucket: Int) {
        let base = bucket &* topicCount
        for topic in 0..<topicCount { sums[topic] &+= Int32(weights[base &+ topic]) }
    }
}
