/// Shanghai's administrative divisions, their names and aliases, compiled into one matcher.
///
/// The gazetteer is data. `Resources/gazetteer.json` is the bundled one; a user file in the same
/// format can add or replace divisions (`extended(withFile:)`).
///
/// File format (UTF-8 JSON; keys in snake_case, optional ones may be omitted):
/// ```json
/// {
///   "format": "pagepipe.gazetteer/v1",
///   "divisions": [
///     {"name": "平凉路街道", "level": "subdistrict", "parent": "杨浦区", "code": "310110006",
///      "code_verified": true,
///      "aliases": ["平凉路", "平凉之窗", {"alias": "平凉", "requires_context": ["杨浦区"]}],
///      "excluded_contexts": ["平凉市", "甘肃平凉"]},
///     {"name": "闸北区", "level": "district", "parent": "上海市", "code": "310108",
///      "aliases": ["闸北"], "valid_until": "2015-11-04", "successor": "静安区"}
///   ],
///   "paper_priors": [{"paper": "杨浦时报", "division": "杨浦区"}]
/// }
/// ```
/// - `level`: `district`, `county`, `subdistrict` (街道) or `town` (镇; also used for 乡).
/// - `valid_from` is inclusive, `valid_until` exclusive (the day of the change), both `YYYY-MM-DD`.
///   `successor` takes over a division that ceased; `former_parent` / `former_parent_until` record a
///   街道/镇 that moved (the 闸北 streets went to 静安区 on 2015-11-04).
/// - An alias with `requires_context` counts only when the article has other evidence (a text
///   match, a prior, or a 街道/镇 inside it) for one of the named divisions.
/// - `excluded_contexts` are longer phrases that contain a name without meaning the division; the
///   matcher prefers the longest match, so inside `甘肃平凉` or `黄浦江` no division is found.
/// - When several divisions share an alias (`五角场`, `崇明`), the first in file order that is valid
///   on the article's date wins; for undated articles, the first that still exists.
/// - `paper_priors`: an article whose paper name contains `paper` gets prior evidence for `division`.
public struct Gazetteer: Sendable {
    public let divisions: [Division]
    let file: GazetteerFile
    let matcher: PatternMatcher
    /// For each matcher pattern, the divisions it names in file order; empty for an excluded context.
    let patternTargets: [[PatternTarget]]
    /// Each pattern's text, so a match's term needs no decoding from the article.
    let patternTerms: [String]
    let indexByName: [String: Int]
    let successorIndex: [Int?]
    /// A division whose successor is this one, for articles dated before this one existed.
    let predecessorIndex: [Int?]
    /// Paper names as UTF-8, so that matching one needs no conversion per article.
    let paperPriors: [(paper: [UInt8], division: Int)]

    struct PatternTarget: Sendable {
        var division: Int
        /// Divisions of which the article needs other evidence; empty for an unconditional alias.
        var requiredContext: [Int]
    }

    public static func bundled() throws(ClassifierDataError) -> Gazetteer {
        let resource = try ClassifierDataError.readBundledResource("gazetteer")
        return try Gazetteer(json: resource.bytes, file: resource.label)
    }

    public init(json: [UInt8]) throws(ClassifierDataError) {
        try self.init(json: json, file: ClassifierDataError.inMemory)
    }

    init(json: [UInt8], file: String) throws(ClassifierDataError) {
        let decoded = try ClassifierDataError.decode(GazetteerFile.self, from: json, file: file)
        try decoded.validate(file: file)
        self.init(validated: decoded)
    }

    /// Adds a user's gazetteer file: its divisions replace same-named ones, the rest are appended.
    public func extended(withFile path: String) throws(ClassifierDataError) -> Gazetteer {
        let bytes = try ClassifierDataError.readFile(atPath: path)
        let decoded = try ClassifierDataError.decode(GazetteerFile.self, from: bytes, file: path)
        let merged = file.merged(with: decoded)
        try merged.validate(file: path)
        return Gazetteer(validated: merged)
    }

    private init(validated file: GazetteerFile) {
        self.file = file
        let divisions = file.divisions.map(Division.init)
        var indexByName: [String: Int] = [:]
        for (index, division) in divisions.enumerated() { indexByName[division.name] = index }

        var patternIndex: [String: Int] = [:]
        var patterns: [[UInt8]] = []
        var terms: [String] = []
        var targets: [[PatternTarget]] = []
        func pattern(for term: String) -> Int {
            if let existing = patternIndex[term] { return existing }
            patternIndex[term] = patterns.count
            patterns.append(Array(term.utf8))
            terms.append(term)
            targets.append([])
            return patterns.count - 1
        }
        for (index, division) in divisions.enumerated() {
            for term in [division.name] + division.aliases {
                let slot = pattern(for: term)
                guard !targets[slot].contains(where: { $0.division == index }) else { continue }
                let context = (division.contextRequirements[term] ?? []).compactMap { indexByName[$0] }
                targets[slot].append(PatternTarget(division: index, requiredContext: context))
            }
        }
        for division in divisions {
            for phrase in division.excludedContexts { _ = pattern(for: phrase) }
        }

        self.divisions = divisions
        self.indexByName = indexByName
        self.matcher = PatternMatcher(patterns: patterns)
        self.patternTargets = targets
        self.patternTerms = terms
        self.successorIndex = divisions.map { $0.successor.flatMap { indexByName[$0] } }
        var predecessors = [Int?](repeating: nil, count: divisions.count)
        for (index, division) in divisions.enumerated() {
            if let successor = division.successor.flatMap({ indexByName[$0] }), predecessors[successor] == nil {
                predecessors[successor] = index
            }
        }
        self.predecessorIndex = predecessors
        self.paperPriors = (file.paperPriors ?? []).compactMap { prior in
            indexByName[prior.division].map { (paper: Array(prior.paper.utf8), division: $0) }
        }
    }

    /// Every surface form the matcher knows, excluded contexts included.
    var patternCount: Int { matcher.patternCount }

    /// The division that stands for `index` on `date`: itself when valid, else its successor (or,
    /// before it existed, its predecessor) when the gazetteer records one. Undated: itself.
    func resolve(_ index: Int, on date: String?) -> Int {
        guard let date else { return index }
        var current = index
        for _ in 0..<8 {  // bounded: a hostile user file may chain successors in a cycle
            let division = divisions[current]
            if division.isValid(on: date) { return current }
            if let until = division.validUntil, date >= until, let next = successorIndex[current] {
                current = next
            } else if let from = division.validFrom, date < from, let previous = predecessorIndex[current] {
                current = previous
            } else {
                return current
            }
        }
        return current
    }

    /// The parent division's index on `date`, nil for a district (its parent is the city).
    func parentIndex(of index: Int, on date: String?) -> Int? {
        indexByName[divisions[index].parent(on: date)]
    }

    /// Picks among the divisions sharing one alias: the first valid on the date (the first that
    /// still exists for undated articles), else the first listed.
    func choose(_ candidates: [PatternTarget], on date: String?) -> PatternTarget? {
        if candidates.count <= 1 { return candidates.first }
        let preferred = candidates.first { target in
            let division = divisions[target.division]
            return date.map { division.isValid(on: $0) } ?? (division.validUntil == nil)
        }
        return preferred ?? candidates.first
    }
}
