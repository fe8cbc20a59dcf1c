import PageModel

/// One administrative division of the gazetteer (a district, county, 街道 or 镇).
public struct Division: Sendable, Hashable {
    /// Official name (`五角场镇`).
    public var name: String
    public var level: DivisionLevel
    /// The containing division's name (`杨浦区`; `上海市` for a district).
    public var parent: String
    /// National statistics division code: 6 digits for a district, 9 for a 街道/镇.
    public var code: String
    /// False when the code was transcribed without a check against the official list.
    public var codeVerified: Bool
    /// Other surface forms that name it (`杨浦`), including the context-dependent ones.
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
    /// Aliases that count only when the article has other evidence for one of these divisions.
    public var contextRequirements: [String: [String]]
    /// Longer phrases in which this division's names do not name it (`平凉市`, `黄浦江`).
    public var excludedContexts: [String]

    /// Whether it existed on `date` (`YYYY-MM-DD`).
    public func isValid(on date: String) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validUntil, date >= validUntil { return false }
        return true
    }

    /// The parent on `date`; the current parent when the date is unknown.
    public func parent(on date: String?) -> String {
        if let date, let formerParent, let formerParentUntil, date < formerParentUntil { return formerParent }
        return parent
    }

    init(_ entry: DivisionEntry) {
        name = entry.name
        level = entry.level
        parent = entry.parent
        code = entry.code
        codeVerified = entry.codeVerified ?? true
        aliases = (entry.aliases ?? []).map(\.alias)
        validFrom = entry.validFrom
        validUntil = entry.validUntil
        successor = entry.successor
        formerParent = entry.formerParent
        formerParentUntil = entry.formerParentUntil
        var requirements: [String: [String]] = [:]
        for alias in entry.aliases ?? [] where !alias.requiresContext.isEmpty {
            requirements[alias.alias] = alias.requiresContext
        }
        contextRequirements = requirements
        excludedContexts = entry.excludedContexts ?? []
    }
}
