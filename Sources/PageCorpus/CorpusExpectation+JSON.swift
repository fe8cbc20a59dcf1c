import PageModel

extension CorpusExpectation {
    /// One manifest line's JSON object (no trailing newline), keys in a fixed order.
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginObject()
        writer.key("index"); writer.integer(index)
        writer.key("file"); writer.string(fileName)
        writer.key("kind"); writer.string(kind.rawValue)
        writer.key("format"); writer.string(format.rawValue)
        writer.key("broken_reason"); writer.optionalString(brokenReason?.rawValue)
        writer.key("compression"); writer.string(compression.rawValue)
        writer.key("charset"); writer.string(charset.rawValue)
        writer.key("declared_charset"); writer.optionalString(declaredCharset)
        writer.key("paper"); writer.string(paper)
        writer.key("paper_slug"); writer.string(paperSlug)
        writer.key("date"); writer.string(date)
        writer.key("page_number"); writer.optionalString(pageNumber)
        writer.key("page_name"); writer.optionalString(pageName)
        writer.key("title"); writer.optionalString(title)
        writer.key("kicker"); writer.optionalString(kicker)
        writer.key("subtitle"); writer.optionalString(subtitle)
        writer.key("authors"); writer.stringArray(authors)
        writer.key("paragraph_count"); writer.integer(paragraphCount)
        writer.key("subheadings"); writer.stringArray(subheadings)
        writer.key("primary_district"); writer.optionalString(primaryDistrict)
        writer.key("primary_district_level"); writer.optionalString(primaryDistrictLevel?.rawValue)
        writer.key("primary_district_parent"); writer.optionalString(primaryDistrictParent)
        writer.key("passing_districts"); writer.stringArray(passingDistricts)
        writer.key("page_article_titles"); writer.stringArray(pageArticleTitles)
        writer.key("page_article_content_ids"); writer.stringArray(pageArticleContentIDs)
        writer.key("content_id"); writer.optionalString(contentID)
        writer.key("edition"); writer.pageRefs(edition)
        writer.key("image_map"); writer.optionalString(imageMap?.rawValue)
        writer.endObject()
        return writer.bytes
    }
}
