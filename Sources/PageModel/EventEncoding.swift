/// The JSON wire form of events. Key order follows the schemas in `Protocols/`; changing it
/// changes bytes that downstream consumers may have deduplicated on, so it is part of the contract.
extension ArticleEvent {
    public func jsonBytes() -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("schema"); json.string(EventSchema.article)
        json.key("id"); json.string(id)
        json.key("content_id"); json.optionalString(contentID)
        json.key("content_hash"); json.string(contentHash)
        json.key("paper"); json.optionalString(paper)
        json.key("date"); json.optionalString(date)
        json.key("page"); json.pageRef(page)
        json.key("section"); json.section(section)
        // Absent rather than null when no model classified the article (events built without the
        // page core): the schema's `topic` is an object whenever present.
        if let topic { json.key("topic"); json.topic(topic) }
        json.key("kicker"); json.optionalString(kicker)
        json.key("title"); json.string(title)
        json.key("subtitle"); json.optionalString(subtitle)
        json.key("authors"); json.stringArray(authors)
        json.key("paragraphs"); json.stringArray(paragraphs)
        json.key("subheadings"); json.stringArray(subheadings)
        json.key("district"); json.optionalString(district)
        json.key("locality"); json.optionalString(locality)
        json.key("districts")
        json.beginArray()
        for entry in districts { json.district(entry) }
        json.endArray()
        json.key("edition"); json.pageRefs(edition)
        json.key("page_articles"); json.stringArray(pageArticles)
        json.key("source"); json.source(source)
        json.key("parser_version"); json.string(parserVersion)
        json.endObject()
        return json.bytes
    }
}

extension PageEvent {
    public func jsonBytes() -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("schema"); json.string(EventSchema.page)
        json.key("id"); json.string(id)
        json.key("paper"); json.optionalString(paper)
        json.key("date"); json.optionalString(date)
        json.key("page"); json.pageRef(page)
        json.key("section"); json.section(section)
        json.key("articles")
        json.beginArray()
        for link in articles {
            json.beginObject()
            json.key("title"); json.string(link.title)
            json.key("href"); json.string(link.href)
            json.key("content_id"); json.optionalString(link.contentID)
            json.endObject()
        }
        json.endArray()
        json.key("edition"); json.pageRefs(edition)
        json.key("source"); json.source(source)
        json.key("parser_version"); json.string(parserVersion)
        json.endObject()
        return json.bytes
    }
}

extension PagepipeEvent {
    public func jsonBytes() -> [UInt8] {
        switch self {
        case .article(let event): event.jsonBytes()
        case .page(let event): event.jsonBytes()
        }
    }
}

extension JSONWriter {
    public mutating func pageRef(_ page: PageRef?) {
        guard let page else { return null() }
        beginObject()
        key("number"); optionalString(page.number)
        key("name"); optionalString(page.name)
        endObject()
    }

    public mutating func pageRefs(_ pages: [PageRef]) {
        beginArray()
        for page in pages { pageRef(page) }
        endArray()
    }

    mutating func section(_ section: Section) {
        beginObject()
        key("slug"); string(section.slug)
        key("name"); string(section.name)
        key("source"); string(section.source.rawValue)
        key("evidence")
        beginArray()
        for item in section.evidence {
            beginObject()
            key("field"); string(item.field)
            key("term"); string(item.term)
            key("count"); integer(item.count)
            // Only topic evidence has a probability; rule and cue evidence keeps its three keys.
            if let p = item.p { key("p"); fixed3(p) }
            endObject()
        }
        endArray()
        endObject()
    }

    mutating func topic(_ topic: Topic) {
        beginObject()
        key("slug"); string(topic.slug)
        key("p"); fixed3(topic.p)
        key("runner_up")
        beginObject()
        key("slug"); string(topic.runnerUp.slug)
        key("p"); fixed3(topic.runnerUp.p)
        endObject()
        key("model"); string(topic.model)
        endObject()
    }

    mutating func district(_ entry: DistrictScore) {
        beginObject()
        key("name"); string(entry.name)
        key("level"); string(entry.level.rawValue)
        key("parent"); optionalString(entry.parent)
        key("prefecture"); optionalString(entry.prefecture)
        key("province"); optionalString(entry.province)
        key("code"); optionalString(entry.code)
        key("mentions"); integer(entry.mentions)
        key("score"); fixed3(entry.score)
        key("evidence")
        beginArray()
        for item in entry.evidence {
            beginObject()
            key("source"); string(item.source)
            key("term"); string(item.term)
            key("count"); integer(item.count)
            endObject()
        }
        endArray()
        endObject()
    }

    mutating func source(_ source: EventSource) {
        beginObject()
        switch source {
        case .file(let path):
            key("kind"); string("file")
            key("path"); string(path)
        case .kafka(let topic, let partition, let offset, let timestampMs, let sourceURL):
            key("kind"); string("kafka")
            key("topic"); string(topic)
            key("partition"); integer(partition)
            key("offset"); integer(offset)
            key("timestamp_ms"); if let timestampMs { integer(timestampMs) } else { null() }
            key("source_url"); optionalString(sourceURL)
        }
        endObject()
    }
}
