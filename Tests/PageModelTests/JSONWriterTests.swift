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

    @Test func articleEventIsDeterministic() {
        let article = ParsedArticle(paper: "杨浦时报", date: "2013-06-27", page: PageRef(number: "07", name: "城事·三区"), title: "标题")
        let event = ArticleEvent(article: article, section: Section(slug: "city", name: "城事·三区"), districts: [], source: .file(path: "x"), parserVersion: "1")
        #expect(event.jsonBytes() == event.jsonBytes())
        #expect(event.district == nil)
        #expect(String(decoding: event.jsonBytes(), as: UTF8.self).contains(#""page":{"number":"7","name":"城事·三区"}"#))
    }
}
