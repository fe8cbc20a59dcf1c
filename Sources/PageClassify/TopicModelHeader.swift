/// Everything in a model file but its weights.
public struct TopicModelHeader: Sendable, Codable {
    public enum LengthNormalization: String, Sendable, Codable { case sqrt, none }

    public var format: String
    /// `name` as events carry it in `topic.model` (`pagepipe-news-topics-1`).
    public var name: String
    public var algorithm: String
    public var topics: [String]
    public var bucketBits: Int
    public var bodyScalarBudget: Int
    public var lengthNormalization: LengthNormalization
    public var weightScale: Double
    /// The probability from which an article's topic names its section when its page does not:
    /// calibrated on held-out data (see README, "Sections from the text").
    public var sectionThreshold: Double
    public var bias: [Double]
    /// The files it was trained on, with SHA-256, rows used and rows held out.
    public var training: [TopicTrainingFile]
    public var seed: UInt64
    public var epochs: Int
    /// The held-out evaluation table written at training time (Markdown).
    public var evaluation: String
}

public struct TopicTrainingFile: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
    public var rows: Int
    public var heldOut: Int

    public init(path: String, sha256: String, rows: Int, heldOut: Int) {
        self.path = path
        self.sha256 = sha256
        self.rows = rows
        self.heldOut = heldOut
    }
}
