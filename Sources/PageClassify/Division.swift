import PageModel

/// One administrative division of the gazetteer, as users read it (names, not indices).
public struct Division: Sendable, Hashable {
    /// Official name (`五角场镇`).
    public var name: String
    public var level: DivisionLevel
    /// The containing division's name (`杨浦区`; `上海市` for a Shanghai district); nil for a province.
    public var parent: String?
    /// National statistics division code: 6 digits down to county level, 9 for a 街道/镇 when known.
    public var code: String?
    /// False when the code was transcribed without a check against the official list, or is the
    /// successor's code standing in for a historic division's own.
    public var codeVerified: Bool
    /// Other surface forms that name it (`杨浦`), the source's short form first.
    public var aliases: [String]
    /// First day it existed (`YYYY-MM-DD`, inclusive), nil if it predates the gazetteer.
    public var validFrom: String?
    /// The day it ceased to exist (`YYYY-MM-DD`, exclusive), nil if it still exists.
    public var validUntil: String?
    /// The division that took it over (`静安区` for `闸北区`).
    public var successor: String?
    /// The parent it had until `formerParentUntil` (`闸北区` for the streets merged into 静安区).
    public var formerParent: String?
    public var formerParentUntil: String?
    /// Longer phrases in which this division's names do not name it (`黄浦江`).
    public var excludedContexts: [String]

    /// Whether it existed on `date` (`YYYY-MM-DD`).
    public func isValid(on date: String) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validUntil, date >= validUntil { return false }
        return true
    }
}

/// A division while the gazetteer is built and classified against: relations as indices into
/// the gazetteer's division list, so that names may repeat across China (two 朝阳区, hundreds of
/// 城关镇) without confusion.
struct DivisionRecord: Sendable {
    var name: String
    var level: DivisionLevel
    var code: String?
    var codeVerified = true
    var parent: Int?
    /// The source's short form (`杨浦` for 杨浦区), nil when it has none.
    var shortName: String?
    /// Curated aliases; a non-empty `context` lists the divisions of which the article needs other
    /// evidence for the alias to count.
    var aliases: [(alias: String, context: [Int])] = []
    var excludedContexts: [String] = []
    var validFrom: String?
    var validUntil: String?
    var successor: Int?
    var formerParent: Int?
    var formerParentUntil: String?
    /// A prefecture-level city without county-level divisions (东莞市, 中山市): it stands in for
    /// the county level, and its towns are its direct children.
    var hasTownsDirectly = false
    /// Its entry's place in the curated JSON, nil for a division only the national file lists;
    /// among same-named candidates of one parent, the curated order decides (`五角场` → 五角场镇).
    var curatedOrder: Int?

    init(name: String, level: DivisionLevel, code: String?, parent: Int?, shortName: String? = nil) {
        self.name = name
        self.level = level
        self.code = code
        self.parent = parent
        self.shortName = shortName
    }

    var standsForCountyLevel: Bool { level.isCountyLevel || hasTownsDirectly }
}
