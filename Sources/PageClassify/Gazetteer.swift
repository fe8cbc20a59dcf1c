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
    /// Everything the classifier looks up per article, precomputed and shared by reference so
    /// that handing the gazetteer around costs one retain.
    let tables: GazetteerTables

    var matcher: PatternMatcher { tables.matcher }
    /// Each pattern's text, so a match's term needs no decoding from the article.
    var patternTerms: [String] { tables.patternTerms }

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
        self.divisions = divisions
        self.tables = GazetteerTables(divisions: divisions, paperPriors: file.paperPriors ?? [])
    }

    /// Every surface form the matcher knows, excluded contexts included.
    var patternCount: Int { matcher.patternCount }
}

/// The gazetteer compiled for classification: names as matcher patterns, and every relation
/// between divisions as an index, so that classifying an article hashes and compares no strings.
/// Dates are `DateKey`s (validated `YYYY-MM-DD` as the number YYYYMMDD, which orders the same).
final class GazetteerTables: Sendable {
    let divisions: [Division]
    let matcher: PatternMatcher
    let patternTerms: [String]
    /// The divisions pattern p names, in file order, are `targets[targetStart[p]..<targetStart[p + 1]]`;
    /// none for an excluded context.
    let targetStart: [Int]
    let targets: [Target]
    /// Divisions of which the article needs other evidence, for the targets that have some.
    let contexts: [Int]
    let paperPriors: [(paper: [UInt8], division: Int)]

    let validFrom: [Int]
    let validUntil: [Int]
    let successor: [Int?]
    /// A division whose successor is this one, for articles dated before this one existed.
    let predecessor: [Int?]
    /// Parent indices; nil when the parent is no division of the gazetteer (a district's city).
    let parent: [Int?]
    /// The parent until `formerParentUntil`, when the division records a move.
    let formerParent: [Int?]
    let formerParentUntil: [Int?]
    /// Each division's place among all codes and all names in `String` order, so that sorting by
    /// code, then name, compares integers.
    let codeRank: [Int]
    let nameRank: [Int]

    struct Target: Sendable {
        var division: Int
        /// The target's required context is `contexts[contextStart..<contextEnd]`; empty for an
        /// unconditional name.
        var contextStart: Int
        var contextEnd: Int
        var isConditional: Bool { contextEnd > contextStart }
    }

    static let noValidFrom = Int.min
    static let noValidUntil = Int.max

    init(divisions: [Division], paperPriors: [PaperPrior]) {
        self.divisions = divisions
        var indexByName: [String: Int] = [:]
        for (index, division) in divisions.enumerated() { indexByName[division.name] = index }

        var patternIndex: [String: Int] = [:]
        var patterns: [[UInt8]] = []
        var terms: [String] = []
        var targetsByPattern: [[(division: Int, context: [Int])]] = []
        func pattern(for term: String) -> Int {
            if let existing = patternIndex[term] { return existing }
            patternIndex[term] = patterns.count
            patterns.append(Array(term.utf8))
            terms.append(term)
            targetsByPattern.append([])
            return patterns.count - 1
        }
        for (index, division) in divisions.enumerated() {
            for term in [division.name] + division.aliases {
                let slot = pattern(for: term)
                guard !targetsByPattern[slot].contains(where: { $0.division == index }) else { continue }
                let context = (division.contextRequirements[term] ?? []).compactMap { indexByName[$0] }
                targetsByPattern[slot].append((index, context))
            }
        }
        for division in divisions {
            for phrase in division.excludedContexts { _ = pattern(for: phrase) }
        }
        var starts = [0]
        var flatTargets: [Target] = []
        var flatContexts: [Int] = []
        for patternTargets in targetsByPattern {
            for target in patternTargets {
                flatTargets.append(Target(division: target.division, contextStart: flatContexts.count,
                                          contextEnd: flatContexts.count + target.context.count))
                flatContexts.append(contentsOf: target.context)
            }
            starts.append(flatTargets.count)
        }

        matcher = PatternMatcher(patterns: patterns)
        patternTerms = terms
        targetStart = starts
        targets = flatTargets
        contexts = flatContexts
        self.paperPriors = paperPriors.compactMap { prior in
            indexByName[prior.division].map { (paper: Array(prior.paper.utf8), division: $0) }
        }

        validFrom = divisions.map { $0.validFrom.map(IsoDate.key) ?? Self.noValidFrom }
        validUntil = divisions.map { $0.validUntil.map(IsoDate.key) ?? Self.noValidUntil }
        successor = divisions.map { $0.successor.flatMap { indexByName[$0] } }
        var predecessors = [Int?](repeating: nil, count: divisions.count)
        for (index, division) in divisions.enumerated() {
            if let successor = division.successor.flatMap({ indexByName[$0] }), predecessors[successor] == nil {
                predecessors[successor] = index
            }
        }
        predecessor = predecessors
        parent = divisions.map { indexByName[$0.parent] }
        formerParent = divisions.map { $0.formerParent.flatMap { indexByName[$0] } }
        formerParentUntil = divisions.map { division in
            division.formerParent == nil ? nil : division.formerParentUntil.map(IsoDate.key)
        }
        codeRank = Self.ranks(divisions.map(\.code))
        nameRank = Self.ranks(divisions.map(\.name))
    }

    /// Each value's place in sorted order; equal values share a place.
    private static func ranks(_ values: [String]) -> [Int] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Int](repeating: 0, count: values.count)
        var rank = 0
        for (position, index) in order.enumerated() {
            if position > 0, values[order[position - 1]] < values[index] { rank += 1 }
            ranks[index] = rank
        }
        return ranks
    }

    /// Whether division `index` existed on the date, like `Division.isValid(on:)`.
    @inline(__always)
    func isValid(_ index: Int, on date: Int) -> Bool {
        date >= validFrom[index] && date < validUntil[index]
    }

    /// The division that stands for `index` on `date`: itself when valid, else its successor (or,
    /// before it existed, its predecessor) when the gazetteer records one. Undated: itself.
    func resolve(_ index: Int, on date: Int?) -> Int {
        guard let date else { return index }
        var current = index
        for _ in 0..<8 {  // bounded: a hostile user file may chain successors in a cycle
            if isValid(current, on: date) { return current }
            if date >= validUntil[current], let next = successor[current] {
                current = next
            } else if date < validFrom[current], let previous = predecessor[current] {
                current = previous
            } else {
                return current
            }
        }
        return current
    }

    /// Whether the division's parent on `date` is its former one (`Division.parent(on:)`).
    @inline(__always)
    func hasFormerParent(_ index: Int, on date: Int?) -> Bool {
        guard let date, let until = formerParentUntil[index] else { return false }
        return date < until
    }

    /// The parent division's index on `date`, nil for a district (its parent is the city).
    func parentIndex(of index: Int, on date: Int?) -> Int? {
        hasFormerParent(index, on: date) ? formerParent[index] : parent[index]
    }

    /// Picks among the divisions pattern `pattern` names: the first valid on the date (the first
    /// that still exists for undated articles), else the first listed; nil when it names none.
    func choose(pattern: Int, on date: Int?) -> Target? {
        let start = targetStart[pattern], end = targetStart[pattern + 1]
        guard start < end else { return nil }
        if end - start == 1 { return targets[start] }
        for candidate in start..<end {
            let division = targets[candidate].division
            let preferred = date.map { isValid(division, on: $0) } ?? (validUntil[division] == Self.noValidUntil)
            if preferred { return targets[candidate] }
        }
        return targets[start]
    }
}
