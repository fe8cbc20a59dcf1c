/// A division as the province rule needs to see it: the page core's `DistrictScore` when it builds
/// an event, `ReadEvent.Division` when a reader reads one back.
public protocol ProvinceLocated {
    /// Official name (`杨浦区`), as the article's `district` names it.
    var name: String { get }
    /// Whether the division is itself province-level (`上海市`), and so its own province.
    var isProvince: Bool { get }
    /// The province-level division it lies in; nil for a province itself.
    var province: String? { get }
}

/// The province of an article's place, for counting articles by province. One rule for the event
/// builder and for readers of the wire form, so `pagepipe stats` and the worker's summary agree.
public enum ArticleProvince {
    /// The province of `district`'s entry in `districts` (first entry of that name), else of the
    /// best-scored division (`districts[0]`); a province-level division is its own province. Nil
    /// when the article names no division.
    public static func of<Divisions: Collection>(district: String?, districts: Divisions) -> String?
    where Divisions.Element: ProvinceLocated {
        let place = district.flatMap { name in districts.first { $0.name == name } } ?? districts.first
        return place.flatMap { $0.isProvince ? $0.name : $0.province }
    }
}

extension DistrictScore: ProvinceLocated {
    public var isProvince: Bool { level == .province }
}
