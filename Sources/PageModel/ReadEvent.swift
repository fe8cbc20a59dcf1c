#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One of pagepipe's events read back from its wire form (`Protocols/article-event.v1.schema.json`,
/// `Protocols/page-event.v1.schema.json`): the fields readers such as `pagepipe stats` count by.
///
/// Tolerant by design, since v1 only ever adds fields: fields it does not know are ignored, and every
/// field it reads may be absent (or null), so an event from an older or newer parser still reads. A
/// field present with the wrong type makes the event unreadable: it is not one of ours.
public struct ReadEvent: Decodable, Sendable, Equatable {
    /// `pagepipe.article/v1` or `pagepipe.page/v1` (`EventSchema`), or whatever a record says.
    public var schema: String?
    public var id: String?
    public var paper: String?
    public var date: String?
    public var section: SectionSlug?
    /// Article events: the primary county-level division's name.
    public var district: String?
    /// Article events: the primary town-level division's name.
    public var locality: String?
    /// Article events: every division the article is about, best first; empty for page events.
    public var districts: [Division]
    public var parserVersion: String?

    /// The part of `section` readers count by.
    public struct SectionSlug: Decodable, Sendable, Equatable {
        public var slug: String
        public var name: String?
    }

    /// The part of a `districts` entry readers count by.
    public struct Division: Decodable, Sendable, Equatable, ProvinceLocated {
        public var name: String
        /// `province`, `prefecture`, `district`, `county`, `subdistrict` or `town`; kept as written so
        /// a level added later still reads.
        public var level: String?
        public var province: String?
        public var code: String?

        public var isProvince: Bool { level == DivisionLevel.province.rawValue }
    }

    /// The wire form's bytes could not be read as an event.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public var isArticle: Bool { schema == EventSchema.article }

    /// The province of the article's place (`ArticleProvince`'s rule, as the page core applies it).
    public var province: String? { ArticleProvince.of(district: district, districts: districts) }

    /// Reads one record value; throws when it is not a JSON object of the shape above.
    public init(json: [UInt8]) throws(Unreadable) {
        do {
            self = try JSONDecoder().decode(ReadEvent.self, from: Data(json))
        } catch {
            throw Unreadable(description: "not a pagepipe event: \(error)")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case schema, id, paper, date, section, district, locality, districts
        case parserVersion = "parser_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decodeIfPresent(String.self, forKey: .schema)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        paper = try container.decodeIfPresent(String.self, forKey: .paper)
        date = try container.decodeIfPresent(String.self, forKey: .date)
        section = try container.decodeIfPresent(SectionSlug.self, forKey: .section)
        district = try container.decodeIfPresent(String.self, forKey: .district)
        locality = try container.decodeIfPresent(String.self, forKey: .locality)
        districts = try container.decodeIfPresent([Division].self, forKey: .districts) ?? []
        parserVersion = try container.decodeIfPresent(String.self, forKey: .parserVersion)
    }
}
