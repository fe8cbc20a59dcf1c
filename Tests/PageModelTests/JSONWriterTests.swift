import Foundation
import Testing
@testable import PageModel

@Suite struct JSONWriterTests {
    @Test func escapesAndRoundTrips() throws {
        var json = JSONWriter()
        json.beginObject()
        json.key("s"); json.string("引号\"反斜\\换行\n\u{01}")
        json.key("n"); json.null()
        json.key("a"); json.stringArray(["x", "y"])
        json.key("f"); json.fixed3(1.23456)
        json.endObject()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"{"s":"引号\"反斜\\换行\n\u0001","n":null,"a":["x","y"],"f":1.235}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(object["s"] as? String == "引号\"反斜\\换行\n\u{01}")
    }

    /// Strings are copied in runs between escapes; every control byte and both quotable
    /// characters, at the start, the end and next to each other, must still round-trip.
    @Test func everyEscapeRoundTripsWherever() throws {
        let specials = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + ["\"", "\\"]
        for special in specials {
            // Escapes are found eight bytes at a time, so they are also placed at every offset of
            // a longer text, where a word holds both plain text and the byte to escape.
            let longer = (0..<24).map { offset in String(repeating: "a", count: offset) + special + "城事·三区 杨浦" }
            for text in [special, special + "城事", "城事" + special, "a" + special + special + "b", special + "·" + special] + longer {
                var json = JSONWriter()
                json.stringArray([text, ""])
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String])
                #expect(parsed == [text, ""], "\(text.debugDescription)")
            }
        }
    }

    @Test func articleEventIsDeterministic() {
        let article = ParsedArticle(paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "07", name: "城事·三区"), title: "标题")
        let event = ArticleEvent(article: article, section: Section(slug: "city", name: "城事·三区", source: .page), places: PlaceClassification(), source: .file(path: "x"), parserVersion: "1")
        #expect(event.jsonBytes() == event.jsonBytes())
        #expect(event.district == nil && event.locality == nil)
        #expect(String(decoding: event.jsonBytes(), as: UTF8.self).contains(#""district":null,"locality":null,"districts":[]"#))
        #expect(String(decoding: event.jsonBytes(), as: UTF8.self).contains(#""page":{"number":"7","name":"城事·三区"}"#))
        #expect(!String(decoding: event.jsonBytes(), as: UTF8.self).contains(#""topic""#), "no model, no topic key")
    }

    /// `topic` sits right after `section`, its keys in schema order, probabilities with three
    /// decimals; only topic evidence carries `p`.
    @Test func topicAndTopicEvidenceHaveAFixedWireForm() {
        let article = ParsedArticle(page: PageRef(number: "3", name: nil), title: "标题")
        let topic = Topic(slug: "economy", p: 0.8125, runnerUp: TopicAlternative(slug: "tech", p: 0.1), model: "pagepipe-news-topics-1")
        let section = Section(slug: "economy", name: "经济", source: .content, evidence: [
            SectionEvidence(field: "authors", term: "评论员", count: 1), SectionEvidence(field: "topic", term: "economy", count: 1, p: 0.8125),
        ])
        let event = ArticleEvent(article: article, section: section, topic: topic, places: PlaceClassification(), source: .file(path: "x"), parserVersion: "1")
        let json = String(decoding: event.jsonBytes(), as: UTF8.self)
        #expect(json.contains(#""section":{"slug":"economy","name":"经济","source":"content","evidence":[{"field":"authors","term":"评论员","count":1},{"field":"topic","term":"economy","count":1,"p":0.813}]},"topic":{"slug":"economy","p":0.813,"runner_up":{"slug":"tech","p":0.100},"model":"pagepipe-news-topics-1"},"kicker":null"#), "\(json)")
        let none = ArticleEvent(article: article, section: Section(slug: "other", name: "其他", source: .none), places: PlaceClassification(), source: .file(path: "x"), parserVersion: "1")
        #expect(String(decoding: none.jsonBytes(), as: UTF8.self).contains(#""section":{"slug":"other","name":"其他","source":"none","evidence":[]}"#))
    }
}
