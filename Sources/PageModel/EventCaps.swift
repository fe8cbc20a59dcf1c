/// How many entries an event's lists may hold. A page under half a megabyte can name every one of
/// China's 43,000 county- and town-level divisions or link 60,000 pages, and its event would then
/// be megabytes: over a Kafka record's size, and useless to a consumer. Real pages are far below
/// every cap, so a capped list means a page built to be hostile, not a newspaper page. The
/// schemas are closed (`additionalProperties: false`), so an event does not say that it was cut;
/// the caps are documented in `Protocols/topics.md`.
public enum EventCaps {
    /// `districts` of an article event, best first: the rest are dropped, and `district` and
    /// `locality` are chosen among those kept. Real articles name a handful to a few dozen
    /// divisions; a list of all of Sichuan's 183 counties with their prefectures and province is
    /// about 200. 300 entries with their evidence are about 380 KB of JSON at most with the
    /// bundled gazetteer (an article naming every county and town), leaving room under a 1 MB
    /// record for the article's own text.
    public static let districtsPerArticle = 300

    /// `evidence` of one `districts` entry, in the event's order (text sources, priors, then
    /// children): the rest are dropped. A division's own names give at most a dozen items and
    /// each named child one; Chongqing, with 38 county-level children, has the most children of
    /// any division below a province.
    public static let evidencePerDivision = 100

    /// `articles` of a page event and `page_articles` of an article event, in page order. Real
    /// node pages list 5 to 30 articles; a page of classifieds or briefs, a few hundred.
    public static let articlesPerPage = 1_000

    /// `edition` of either event. Real editions have 4 to 48 pages, the largest special editions
    /// a few hundred.
    public static let editionPages = 500
}
