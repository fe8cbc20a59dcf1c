import Testing
import TopicContract

/// What `topics plan` would create, apart from any cluster.
struct TopicPlanTests {
    @Test func everyTopicGetsTheSettingsOfItsRole() {
        let plan = TopicPlan(
            inputTopics: ["pages.raw"], router: TopicRouter(topicSuffix: ".v2"), sectionSlugs: ["city", "travel"], settings: TopicSettings())
        #expect(plan.names == ["pages.raw", "articles.v2", "articles.city.v2", "articles.travel.v2", "pages.index.v2", "pages.dlq.v2"])
        #expect(plan.topics.map(\.role) == [.input, .events, .sectionCopy, .sectionCopy, .events, .deadLetters])
        #expect(plan.topics.map(\.partitions) == [8, 8, 2, 2, 8, 2])
        let byName = Dictionary(uniqueKeysWithValues: plan.topics.map { ($0.name, $0.settings) })
        #expect(byName["articles.v2"] == ["cleanup.policy": "compact", "max.message.bytes": "1048588"])
        #expect(byName["pages.dlq.v2"] == ["cleanup.policy": "delete", "retention.ms": "1209600000", "max.message.bytes": "1048588"])
        #expect(byName["pages.raw"] == ["cleanup.policy": "delete", "retention.ms": "604800000", "max.message.bytes": "33554432"])
        #expect(plan.unlistedTemplates.isEmpty)
    }

    @Test func deadLettersAreNeverSmallerThanEventsAndTemplatesAreNamedNotPlanned() {
        var settings = TopicSettings()
        settings.outputMaxMessageBytes = 4_000_000
        settings.compactEvents = false
        settings.replicationFactor = 3
        let router = TopicRouter(articleTopics: ["articles", "articles.{district_code}", "by-date.{paper_date}"])
        let plan = TopicPlan(inputTopics: ["pages.raw"], router: router, sectionSlugs: ["city"], settings: settings)
        #expect(plan.names == ["pages.raw", "articles", "pages.index", "pages.dlq"])
        #expect(plan.unlistedTemplates == ["articles.{district_code}", "by-date.{paper_date}"])
        let byName = Dictionary(uniqueKeysWithValues: plan.topics.map { ($0.name, $0) })
        #expect(byName["articles"]?.settings == ["cleanup.policy": "delete", "retention.ms": "604800000", "max.message.bytes": "4000000"])
        #expect(byName["pages.dlq"]?.settings["max.message.bytes"] == byName["articles"]?.settings["max.message.bytes"])
        #expect(plan.topics.allSatisfy { $0.replicationFactor == 3 })
    }
}
