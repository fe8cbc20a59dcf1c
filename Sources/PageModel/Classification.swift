/// A section of the taxonomy (`Sources/PageClassify/Resources/sections.json`).
public struct Section: Sendable, Hashable, Codable {
    /// One of the taxonomy's slugs: `front`, `news`, `local`, `city`, `world`, … or `other`.
    public var slug: String
    /// The page name it was derived from as printed (`城事·三区`), or the slug's display name.
    public var name: String
    /// What decided the slug: the printed page (its name or number), the article's own text, or nothing.
    public var source: SectionSource
    /// Why: the page-name rule or page number that matched, or the article's cues for the slug.
    /// Empty when nothing recognised the page or the article (slug `other`).
    public var evidence: [SectionEvidence]

    public init(slug: String, name: String, source: SectionSource, evidence: [SectionEvidence] = []) {
        self.slug = slug
        self.name = name
        self.source = source
        self.evidence = evidence
    }
}

/// Which input decided an article's section.
public enum SectionSource: String, Sendable, Hashable, Codable {
    /// The page's name matched a rule, or its number did (page 1 is the front page).
    case page
    /// The page name was missing, generic (`旅游报01版`) or unknown, and the article's text decided:
    /// a byline cue (本报评论员 → opinion), or the topic model confidently enough.
    case content
    /// Nothing decided: no page rule, no byline cue, and the topic model not confident enough.
    /// The slug is `other`; the page's own name, if any, is kept as the section's name.
    case none
}

/// One reason for a section: where a cue was found, which cue, and how often.
public struct SectionEvidence: Sendable, Hashable, Codable {
    /// `page_name` or `page_number` for the page; `kicker`, `title`, `subtitle`, `authors` or `body`
    /// for the article's text.
    public var field: String
    /// The matched rule pattern or cue (`评论员`), or the page number.
    public var term: String
    public var count: Int
    /// For field `topic` only: the topic model's probability for `term`. Nil for rules and cues.
    public var p: Double?

    public init(field: String, term: String, count: Int, p: Double? = nil) {
        self.field = field
        self.term = term
        self.count = count
        self.p = p
    }
}

/// The administrative level of a division in the gazetteer.
public enum DivisionLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case province     // 省, 自治区, 直辖市 (北京市, 上海市), 特别行政区
    case prefecture   // 地级市, 地区, 自治州, 盟
    case district     // 区 (county level)
    case county       // 县, 县级市, 旗, 自治县 … (county level; 崇明县 until 2016)
    case subdistrict  // 街道 (town level)
    case town         // 镇, 乡, 苏木 (town level)

    /// 区 and 县-like divisions: what an article's `district` names.
    public var isCountyLevel: Bool { self == .district || self == .county }
    /// 街道, 镇 and 乡: what an article's `locality` names.
    public var isTownLevel: Bool { self == .subdistrict || self == .town }
}

/// Why a division was scored: where its name (or a prior) was found and how often.
public struct DistrictEvidence: Sendable, Hashable, Codable {
    /// `title`, `kicker`, `subtitle`, `body`, `paper` (a paper-name prior), `page_name` (a page-name prior),
    /// or `child` (support inherited from a 街道/镇 inside the district).
    public var source: String
    /// The surface form matched (`五角场镇`, `杨浦`), or the paper/page name for priors.
    public var term: String
    public var count: Int

    public init(source: String, term: String, count: Int) {
        self.source = source
        self.term = term
        self.count = count
    }
}

/// One administrative division an article is about, with its score.
public struct DistrictScore: Sendable, Hashable, Codable {
    /// Official name (`五角场镇`, `杨浦区`).
    public var name: String
    public var level: DivisionLevel
    /// The containing division's name (`杨浦区` for a 街道/镇, `上海市` for a district); nil for a province.
    public var parent: String?
    /// The prefecture-level division it lies in (`长春市`; `上海市` for a municipality's districts), or
    /// nil (a province, a county the province administers directly).
    public var prefecture: String?
    /// The province-level division it lies in (`吉林省`, `上海市`); nil for a province itself.
    public var province: String?
    /// National statistics division code (`310110101`; 6 digits down to county level), nil for the
    /// town-level divisions whose code the gazetteer does not know.
    public var code: String?
    /// Text mentions in title, kicker, subtitle and body (priors are not mentions).
    public var mentions: Int
    public var score: Double
    public var evidence: [DistrictEvidence]

    public init(
        name: String, level: DivisionLevel, parent: String?, prefecture: String? = nil, province: String? = nil,
        code: String?, mentions: Int, score: Double, evidence: [DistrictEvidence]
    ) {
        self.name = name
        self.level = level
        self.parent = parent
        self.prefecture = prefecture
        self.province = province
        self.code = code
        self.mentions = mentions
        self.score = score
        self.evidence = evidence
    }
}

/// Where an article is: every division it is about, and the two answers users route and count by.
public struct PlaceClassification: Sendable, Hashable {
    /// Every division the article is about, any level, best first.
    public var districts: [DistrictScore]
    /// The primary county-level division (区, 县, 县级市, 旗; a prefecture-level city without
    /// counties such as 东莞市 stands in), or nil.
    public var district: DistrictScore?
    /// The primary town-level division (街道, 镇, 乡) inside `district`, or nil.
    public var locality: DistrictScore?

    public init(districts: [DistrictScore] = [], district: DistrictScore? = nil, locality: DistrictScore? = nil) {
        self.districts = districts
        self.district = district
        self.locality = locality
    }
}

/// What an article is about, from its own text (title, kicker, subtitle, body) by a learned
/// topic model, independent of the page it was printed on.
public struct Topic: Sendable, Hashable, Codable {
    /// One of the model's topics (`economy`, `world`, …).
    public var slug: String
    /// The model's probability for `slug`, 0…1.
    public var p: Double
    /// The second most probable topic: how close the call was.
    public var runnerUp: TopicAlternative
    /// The model that decided (its name and version), so that events from two models can be told apart.
    public var model: String

    public init(slug: String, p: Double, runnerUp: TopicAlternative, model: String) {
        self.slug = slug
        self.p = p
        self.runnerUp = runnerUp
        self.model = model
    }
}

/// A topic the model weighed but did not choose.
public struct TopicAlternative: Sendable, Hashable, Codable {
    public var slug: String
    public var p: Double

    public init(slug: String, p: Double) {
        self.slug = slug
        self.p = p
    }
}
