import Foundation
import PageModel

/// Trains a `TopicModel` from labelled examples: deterministic (fixed seed, fixed feature hashing,
/// no threads), so the same files give the same model file byte for byte. The bundled model and a
/// newsroom's own (`pagepipe topic-model train`) come from this one implementation.
public struct TopicTrainer: Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        /// Multinomial logistic regression, averaged SGD on length-normalised n-gram counts.
        case logistic
        /// Multinomial naive Bayes with add-`smoothing` counts.
        case naiveBayes = "naive-bayes"
    }

    public var algorithm: Algorithm = .logistic
    public var bucketBits = 18
    public var bodyScalarBudget = 300
    public var epochs = 12
    public var learningRate = 0.5
    public var seed: UInt64 = 19
    /// Weighs each topic's examples by (examples of the largest topic) / (its examples), so that a
    /// topic with half the rows (world, military) is not learnt as half as likely.
    public var balanceTopics = true
    public var smoothing = 0.1
    /// `TopicModelHeader.sectionThreshold` of the model written.
    public var sectionThreshold = 0.25

    public init() {}

    /// A trained model named `name`; `topics` fixes the order (else the examples' topics, sorted).
    public func train(_ examples: [TopicExample], name: String, training: [TopicTrainingFile], evaluation: String = "") -> TopicModel {
        let topics = Array(Set(examples.map(\.topic))).sorted()
        let features = TopicFeatures(bucketBits: bucketBits, bodyScalarBudget: bodyScalarBudget)
        let encoded = examples.map { features.features(heading: $0.heading, body: $0.body) }
        let labels = examples.map { topics.firstIndex(of: $0.topic)! }
        let (weights, bias) = switch algorithm {
        case .logistic: logistic(encoded, labels, topicCount: topics.count)
        case .naiveBayes: naiveBayes(encoded, labels, topicCount: topics.count)
        }
        // One scale for all weights: the largest magnitude maps to Int16.max.
        let largest = weights.lazy.map { abs($0) }.max() ?? 1
        let scale = largest > 0 ? Double(largest) / Double(Int16.max) : 1
        let quantized = weights.map { Int16(($0 / scale).rounded()) }
        let header = TopicModelHeader(
            format: TopicModel.format, name: name, algorithm: algorithm.rawValue, topics: topics, bucketBits: bucketBits,
            bodyScalarBudget: bodyScalarBudget, lengthNormalization: algorithm == .logistic ? .sqrt : TopicModelHeader.LengthNormalization.none,
            weightScale: scale, sectionThreshold: sectionThreshold, bias: bias, training: training, seed: seed, epochs: algorithm == .logistic ? epochs : 0,
            evaluation: evaluation)
        return TopicModel(header: header, weights: quantized)
    }

    private func topicWeights(_ labels: [Int], topicCount: Int) -> [Double] {
        var counts = [Int](repeating: 0, count: topicCount)
        for label in labels { counts[label] += 1 }
        let largest = Double(counts.max() ?? 1)
        return counts.map { balanceTopics && $0 > 0 ? largest / Double($0) : 1 }
    }

    /// Averaged SGD on the softmax loss. Weights are `Double` while training, bucket-major like the
    /// file; the average uses the usual trick (keep Σ step × update, subtract it over the step count).
    private func logistic(_ examples: [[Int32]], _ labels: [Int], topicCount: Int) -> (weights: [Double], bias: [Double]) {
        let size = topicCount << bucketBits
        var weights = [Double](repeating: 0, count: size)
        var weighted = [Double](repeating: 0, count: size)
        var bias = [Double](repeating: 0, count: topicCount)
        var biasWeighted = [Double](repeating: 0, count: topicCount)
        let classWeights = topicWeights(labels, topicCount: topicCount)
        var random = SplitMix64(seed: seed)
        var order = Array(examples.indices)
        var step = 1.0
        var scores = [Double](repeating: 0, count: topicCount)
        for epoch in 0..<epochs {
            // Fisher–Yates with the seeded generator: the same order on every run.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(random.next() % UInt64(index + 1)))
            }
            let rate = learningRate / (1 + Double(epoch))
            for example in order {
                let buckets = examples[example]
                guard !buckets.isEmpty else { continue }
                let factor = 1 / Double(buckets.count).squareRoot()
                for topic in 0..<topicCount { scores[topic] = bias[topic] }
                weights.withUnsafeBufferPointer { weights in
                    for bucket in buckets {
                        let base = Int(bucket) * topicCount
                        for topic in 0..<topicCount { scores[topic] += factor * weights[base + topic] }
                    }
                }
                let top = scores.max()!
                var total = 0.0
                for topic in 0..<topicCount { scores[topic] = exp(scores[topic] - top); total += scores[topic] }
                let weight = classWeights[labels[example]]
                for topic in 0..<topicCount {
                    // The gradient of the loss on this example, times the rate: p − y.
                    scores[topic] = rate * weight * (scores[topic] / total - (topic == labels[example] ? 1 : 0))
                }
                weights.withUnsafeMutableBufferPointer { weights in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                        for bucket in buckets {
                            let base = Int(bucket) * topicCount
                            for topic in 0..<topicCount {
                                let change = scores[topic] * factor
                                weights[base + topic] -= change
                                weighted[base + topic] -= step * change
                            }
                        }
                    }
                }
                for topic in 0..<topicCount {
                    bias[topic] -= scores[topic]
                    biasWeighted[topic] -= step * scores[topic]
                }
                step += 1
            }
        }
        let averaged = (0..<size).map { weights[$0] - weighted[$0] / step }
        let averagedBias = (0..<topicCount).map { bias[$0] - biasWeighted[$0] / step }
        return (averaged, averagedBias)
    }

    /// log P(n-gram | topic) with add-`smoothing` counts, centred per bucket (subtracting a
    /// bucket's mean over topics changes no softmax, and keeps the Int16 range for the differences
    /// that matter); the bias is the log prior, equal for all topics when balancing.
    private func naiveBayes(_ examples: [[Int32]], _ labels: [Int], topicCount: Int) -> (weights: [Double], bias: [Double]) {
        let buckets = 1 << bucketBits
        var counts = [Double](repeating: 0, count: topicCount << bucketBits)
        var totals = [Double](repeating: 0, count: topicCount)
        var documents = [Double](repeating: 0, count: topicCount)
        let classWeights = topicWeights(labels, topicCount: topicCount)
        for (example, label) in zip(examples, labels) {
            documents[label] += 1
            for bucket in example {
                counts[Int(bucket) * topicCount + label] += classWeights[label]
                totals[label] += classWeights[label]
            }
        }
        let denominators = totals.map { log($0 + smoothing * Double(buckets)) }
        var weights = [Double](repeating: 0, count: counts.count)
        for bucket in 0..<buckets {
            let base = bucket * topicCount
            var mean = 0.0
            for topic in 0..<topicCount {
                weights[base + topic] = log(counts[base + topic] + smoothing) - denominators[topic]
                mean += weights[base + topic]
            }
            mean /= Double(topicCount)
            for topic in 0..<topicCount { weights[base + topic] -= mean }
        }
        let all = documents.reduce(0, +)
        let bias = documents.map { balanceTopics ? 0 : log(max($0, 1) / all) }
        return (weights, bias)
    }
}

