/// Every topic a worker with these settings reads or can write, with how each should be created.
/// The same list the worker checks at start (`TopicCheck`), so what `topics apply` creates is what
/// `run` needs.
public struct TopicPlan: Sendable, Equatable {
    public struct Topic: Sendable, Equatable {
        public enum Role: String, Sendable {
            case input = "input"
            case events = "events"
            case sectionCopy = "section copy"
            case deadLetters = "dead letters"
        }

        public var name: String
        public var role: Role
        public var partitions: Int
        /// nil: the broker's default.
        public var replicationFactor: Int?
        public var settings: [String: String]
    }

    public var topics: [Topic]
    /// Template topics (`{district_code}`, `{paper_date}`) that cannot be listed in advance.
    public var unlistedTemplates: [String]

    public init(inputTopics: [String], router: TopicRouter, sectionSlugs: [String], settings: TopicSettings) {
        let deadLetter = router.resolvedDeadLetterTopic
        // Templates without {section} render even with no slugs: what remains are the section copies.
        let unsectioned = Set(router.allTopics(sectionSlugs: []))
        var topics: [Topic] = []
        func add(_ name: String, _ role: Topic.Role) {
            guard !topics.contains(where: { $0.name == name }) else { return }
            topics.append(Self.topic(name, role, settings))
        }
        for input in inputTopics { add(input, .input) }
        for name in router.allTopics(sectionSlugs: sectionSlugs) {
            add(name, name == deadLetter ? .deadLetters : unsectioned.contains(name) ? .events : .sectionCopy)
        }
        self.topics = topics
        self.unlistedTemplates = router.unlistedTemplates
    }

    /// The names `run` needs before it takes a page: inputs, fixed outputs and the dead-letter topic.
    public var names: [String] { topics.map(\.name) }

    private static func topic(_ name: String, _ role: Topic.Role, _ settings: TopicSettings) -> Topic {
        let partitions: Int
        var configs: [String: String]
        switch role {
        case .input:
            partitions = settings.inputPartitions
            configs = ["cleanup.policy": "delete", "retention.ms": String(settings.inputRetentionMs),
                       "max.message.bytes": String(settings.inputMaxMessageBytes)]
        case .events, .sectionCopy:
            partitions = role == .events ? settings.eventPartitions : settings.sectionPartitions
            configs = settings.compactEvents
                ? ["cleanup.policy": "compact"]
                : ["cleanup.policy": "delete", "retention.ms": String(settings.eventRetentionMs)]
            configs["max.message.bytes"] = String(settings.outputMaxMessageBytes)
        case .deadLetters:
            // Keyed by the input's key, which names no single failure: never compacted.
            partitions = settings.deadLetterPartitions
            configs = ["cleanup.policy": "delete", "retention.ms": String(settings.deadLetterRetentionMs),
                       "max.message.bytes": String(settings.outputMaxMessageBytes)]
        }
        return Topic(name: name, role: role, partitions: partitions, replicationFactor: settings.replicationFactor, settings: configs)
    }
}
