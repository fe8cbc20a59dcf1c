/// A topic model's answers on labelled examples: accuracy, per-topic precision/recall/F1 and the
/// confusion table, as numbers (for tests' floors) and as Markdown (for the model file and README).
public struct TopicEvaluation: Sendable {
    public let name: String
    /// Expected topic → predicted topic → count.
    public private(set) var confusion: [String: [String: Int]] = [:]
    public private(set) var right = 0
    public private(set) var total = 0
    /// (probability of the answer, whether it was right), for calibrating a threshold.
    public private(set) var answers: [(p: Double, right: Bool)] = []

    public init(name: String, model: TopicModel, examples: [TopicExample]) {
        self.name = name
        for example in examples {
            let topic = model.topic(heading: example.heading, body: example.body)
            let isRight = topic.slug == example.topic || example.alsoAcceptable.contains(topic.slug)
            // A lenient answer counts as the expected topic in the table.
            let predicted = isRight ? example.topic : topic.slug
            confusion[example.topic, default: [:]][predicted, default: 0] += 1
            total += 1
            if isRight { right += 1 }
            answers.append((topic.p, isRight))
        }
    }

    public var accuracy: Double { total == 0 ? 0 : Double(right) / Double(total) }

    public var topics: [String] {
        Array(Set(confusion.keys).union(confusion.values.flatMap(\.keys))).sorted()
    }

    public func precision(_ topic: String) -> Double {
        let predicted = confusion.values.reduce(0) { $0 + ($1[topic] ?? 0) }
        return predicted == 0 ? 0 : Double(confusion[topic]?[topic] ?? 0) / Double(predicted)
    }

    public func recall(_ topic: String) -> Double {
        let expected = confusion[topic]?.values.reduce(0, +) ?? 0
        return expected == 0 ? 0 : Double(confusion[topic]?[topic] ?? 0) / Double(expected)
    }

    public func f1(_ topic: String) -> Double {
        let (p, r) = (precision(topic), recall(topic))
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// The share answered (p ≥ threshold) and the accuracy of those answers.
    public func coverage(atThreshold threshold: Double) -> (answered: Double, accuracy: Double, rightOfAll: Double) {
        let answered = answers.filter { $0.p >= threshold }
        let right = answered.filter(\.right).count
        return (Double(answered.count) / Double(max(total, 1)), Double(right) / Double(max(answered.count, 1)),
                Double(right) / Double(max(total, 1)))
    }

    /// `name: right/total (x%)`, then a per-topic table and the confusion (rows expected, columns predicted).
    public var markdown: String {
        func percent(_ value: Double) -> String { String(Int((value * 1000).rounded()) / 10) + "." + String(Int((value * 1000).rounded()) % 10) }
        let topics = self.topics
        var lines = ["**\(name)**: \(right)/\(total) right (\(percent(accuracy))%)", "",
                     "| topic | n | precision | recall | F1 |", "|---|---|---|---|---|"]
        for topic in topics {
            let count = confusion[topic]?.values.reduce(0, +) ?? 0
            lines.append("| \(topic) | \(count) | \(percent(precision(topic))) | \(percent(recall(topic))) | \(percent(f1(topic))) |")
        }
        lines += ["", "| expected \\ predicted | " + topics.joined(separator: " | ") + " |",
                  "|---|" + String(repeating: "---|", count: topics.count)]
        for topic in topics where confusion[topic] != nil {
            lines.append("| \(topic) | " + topics.map { String(confusion[topic]?[$0] ?? 0) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
