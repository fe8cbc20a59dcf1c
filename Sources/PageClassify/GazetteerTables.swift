import PageModel

/// The gazetteer compiled for classification: names as matcher patterns, and every relation
/// between divisions as an index, so that classifying an article hashes and compares no strings.
/// Dates are `IsoDate.key`s (validated `YYYY-MM-DD` as the number YYYYMMDD, which orders the same).
final class GazetteerTables: Sendable {
    let records: [DivisionRecord]
    let matcher: PatternMatcher
    let patternTerms: [String]
    /// The divisions pattern p names are `targets[targetStart[p]..<targetStart[p + 1]]`; none for a
    /// phrase that is not a place.
    let targetStart: [Int32]
    let targets: [Target]
    /// Divisions of which the article needs evidence, for curated aliases that name some.
    let contexts: [Int32]
    /// Whether a pattern is a bare name (no 省/市/区/县/镇/乡/街道 … at its end), which a following
    /// `not_place_followers` word turns into a street or institution.
    let isBareName: [Bool]
    let followers: [[UInt8]]
    let paperPriors: [(paper: [UInt8], division: Int?)]

    let validFrom: [Int]
    let validUntil: [Int]
    let successor: [Int?]
    /// A division whose successor is this one, for articles dated before this one existed.
    let predecessor: [Int?]
    let parent: [Int?]
    let formerParent: [Int?]
    let formerParentUntil: [Int?]
    /// Each division's place among all codes and all names in `String` order, so that sorting by
    /// code, then name, compares integers.
    let codeRank: [Int]
    let nameRank: [Int]
    /// Which of several same-named divisions a text means when nothing else in it tells: a
    /// municipality's first, then a provincial capital's, then by code (朝阳区 → 北京).
    let prominence: [Int]

    struct Target: Sendable {
        var division: Int32
        /// A curated alias's required context is `contexts[contextStart..<contextEnd]`.
        var contextStart: Int32
        var contextEnd: Int32
        /// Counts only with support: a town-level name, a short form that is ambiguous or a common
        /// word, or an alias with a required context.
        var needsSupport: Bool
        /// A name that is also a common word (老城区, 东方): only support at prefecture level or
        /// nearer counts, a whole province's is too broad.
        var isCommonWord: Bool
        var hasExplicitContext: Bool { contextEnd > contextStart }
    }

    static let noValidFrom = Int.min
    static let noValidUntil = Int.max
    static let municipalities: Set<String> = ["110000", "120000", "310000", "500000"]
    static let adminSuffixes = ["省", "市", "区", "县", "镇", "乡", "旗", "州", "盟", "街道", "地区", "苏木", "自治区"]

    init(records: [DivisionRecord], file: GazetteerFile) {
        self.records = records
        let count = records.count
        validFrom = records.map { $0.validFrom.map(IsoDate.key) ?? Self.noValidFrom }
        validUntil = records.map { $0.validUntil.map(IsoDate.key) ?? Self.noValidUntil }
        successor = records.map(\.successor)
        var predecessors = [Int?](repeating: nil, count: count)
        for (index, record) in records.enumerated() {
            if let next = record.successor, predecessors[next] == nil { predecessors[next] = index }
        }
        predecessor = predecessors
        parent = records.map(\.parent)
        formerParent = records.map(\.formerParent)
        formerParentUntil = records.map { $0.formerParent == nil ? nil : $0.formerParentUntil.map(IsoDate.key) }
        codeRank = Self.ranks(records.map { $0.code ?? "" })
        nameRank = Self.ranks(records.map(\.name))
        prominence = records.map { record in
            guard let code = record.code else { return 3 }
            if Self.municipalities.contains(String(code.prefix(2)) + "0000") { return 0 }
            return code.utf8.dropFirst(2).prefix(2).elementsEqual("01".utf8) ? 1 : 2
        }

        // Patterns: every name, short form and alias, then the phrases that are not places.
        var patternIndex: [String: Int] = [:]
        patternIndex.reserveCapacity(count * 2)
        var terms: [String] = []
        var targetsByPattern: [[(division: Int, context: [Int], official: Bool)]] = []
        func pattern(for term: String) -> Int {
            if let existing = patternIndex[term] { return existing }
            patternIndex[term] = terms.count
            terms.append(term)
            targetsByPattern.append([])
            return terms.count - 1
        }
        for (index, record) in records.enumerated() {
            var names: [(String, [Int], Bool)] = [(record.name, [], true)]
            if let short = record.shortName, !record.level.isTownLevel { names.append((short, [], false)) }
            names += record.aliases.map { ($0.alias, $0.context, false) }
            for (term, context, official) in names {
                let slot = pattern(for: term)
                guard !targetsByPattern[slot].contains(where: { $0.division == index }) else { continue }
                targetsByPattern[slot].append((index, context, official))
            }
        }
        for phrase in records.flatMap(\.excludedContexts) + (file.notPlaces ?? []) { _ = pattern(for: phrase) }

        // A division and its successor are one place at two times, not two places.
        func lineage(_ index: Int) -> Int {
            var current = index
            for _ in 0..<8 { guard let next = records[current].successor else { break }; current = next }
            return current
        }
        let commonWords = Set(file.contextOnlyNames ?? [])
        var starts: [Int32] = [0]
        var flatTargets: [Target] = []
        var flatContexts: [Int32] = []
        for (slot, unordered) in targetsByPattern.enumerated() {
            let term = terms[slot]
            let patternTargets = unordered.count < 2 ? unordered : unordered.sorted {
                (records[$0.division].curatedOrder ?? Int.max, $0.division) < (records[$1.division].curatedOrder ?? Int.max, $1.division)
            }
            let ambiguous = Set(patternTargets.map { lineage($0.division) }).count > 1
            let characters = term.count
            for target in patternTargets {
                let level = records[target.division].level
                let needsSupport: Bool
                if level.isTownLevel || !target.context.isEmpty || commonWords.contains(term) {
                    needsSupport = true
                } else if target.official || level == .province {
                    needsSupport = false
                } else if level == .prefecture {
                    needsSupport = ambiguous
                } else {
                    needsSupport = ambiguous || characters <= 2
                }
                flatTargets.append(Target(
                    division: Int32(target.division), contextStart: Int32(flatContexts.count),
                    contextEnd: Int32(flatContexts.count + target.context.count), needsSupport: needsSupport,
                    isCommonWord: commonWords.contains(term)))
                flatContexts.append(contentsOf: target.context.map(Int32.init))
            }
            starts.append(Int32(flatTargets.count))
        }
        matcher = PatternMatcher(patterns: terms.map { Array($0.utf8) })
        patternTerms = terms
        targetStart = starts
        targets = flatTargets
        contexts = flatContexts
        isBareName = terms.map { term in !Self.adminSuffixes.contains { term.hasSuffix($0) } }
        followers = (file.notPlaceFollowers ?? []).map { Array($0.utf8) }

        var byName: [String: Int] = [:]
        for (index, record) in records.enumerated() where byName[record.name] == nil { byName[record.name] = index }
        // Longest paper names first, so that `浦东时报` is not taken for a shorter listed name.
        paperPriors = (file.paperPriors ?? [])
            .sorted { $0.paper.utf8.count > $1.paper.utf8.count }
            .map { prior in (paper: Array(prior.paper.utf8), division: prior.division.flatMap { byName[$0] }) }
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

    @inline(__always)
    func hasFormerParent(_ index: Int, on date: Int?) -> Bool {
        guard let date, let until = formerParentUntil[index] else { return false }
        return date < until
    }

    /// The parent division's index on `date`, nil for a province.
    func parentIndex(of index: Int, on date: Int?) -> Int? {
        let found = hasFormerParent(index, on: date) ? formerParent[index] : parent[index]
        return found.map { resolve($0, on: date) }
    }

    /// The division itself and its ancestors on `date`, nearest first.
    func chain(of index: Int, on date: Int?) -> [Int] {
        var result = [index]
        var current = index
        while result.count < 6, let next = parentIndex(of: current, on: date) {
            result.append(next)
            current = next
        }
        return result
    }

    /// The prefecture-level division a division lies in on `date`; for a municipality's districts
    /// and towns, the municipality.
    func prefecture(of index: Int, on date: Int?) -> Int? {
        let ancestors = chain(of: index, on: date).dropFirst()
        if let found = ancestors.first(where: { records[$0].level == .prefecture }) { return found }
        if let top = ancestors.last, records[top].level == .province, let code = records[top].code,
            Self.municipalities.contains(code)
        {
            return top
        }
        return nil
    }

    func province(of index: Int, on date: Int?) -> Int? {
        let ancestors = chain(of: index, on: date).dropFirst()
        return ancestors.last.flatMap { records[$0].level == .province ? $0 : nil }
    }

    /// The divisions pattern `pattern` can name on `date`, each as the division that stands for it
    /// then, once each, with the target that named it; empty for a phrase that is not a place.
    func candidates(of pattern: Int, on date: Int?) -> [(division: Int, target: Target)] {
        let start = Int(targetStart[pattern]), end = Int(targetStart[pattern + 1])
        var found: [(division: Int, target: Target)] = []
        for slot in start..<end {
            let target = targets[slot]
            let division = resolve(Int(target.division), on: date)
            if date == nil, validUntil[division] != Self.noValidUntil, end - start > 1 { continue }
            if !found.contains(where: { $0.division == division }) { found.append((division, target)) }
        }
        return found
    }
}
