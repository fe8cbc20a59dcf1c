import PageModel

/// The gazetteer compiled for classification: names as matcher patterns, and every relation
/// between divisions as an index, so that classifying an article hashes and compares no strings.
/// Dates are `IsoDate.key`s (validated `YYYY-MM-DD` as the number YYYYMMDD, which orders the same).
final class GazetteerTables: Sendable {
    /// Each division's fields as separate arrays: reading one field of a `DivisionRecord` in an
    /// array copied the whole record (a dozen strings and arrays retained) on every lookup.
    let names: [String]
    let levels: [DivisionLevel]
    let codes: [String?]
    let standsForCountyLevel: [Bool]
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
        names = records.map(\.name)
        levels = records.map(\.level)
        codes = records.map(\.code)
        standsForCountyLevel = records.map(\.standsForCountyLevel)
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
        prominence = records.map { record in
            guard let code = record.code else { return 3 }
            if Self.municipalities.contains(String(code.prefix(2)) + "0000") { return 0 }
            return code.utf8.dropFirst(2).prefix(2).elementsEqual("01".utf8) ? 1 : 2
        }

        // Patterns: every name, short form and alias, then the phrases that are not places.
        var patternIndex: [UTF8Key: Int] = [:]
        patternIndex.reserveCapacity(count * 2)
        var terms: [String] = []
        var targetsByPattern: [[(division: Int, context: [Int], official: Bool)]] = []
        func pattern(for term: String) -> Int {
            if let existing = patternIndex[UTF8Key(term)] { return existing }
            patternIndex[UTF8Key(term)] = terms.count
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
        let commonWords = Set((file.contextOnlyNames ?? []).map(UTF8Key.init))
        var starts: [Int32] = [0]
        var flatTargets: [Target] = []
        var flatContexts: [Int32] = []
        for (slot, unordered) in targetsByPattern.enumerated() {
            let term = terms[slot]
            let patternTargets = unordered.count < 2 ? unordered : unordered.sorted {
                (records[$0.division].curatedOrder ?? Int.max, $0.division) < (records[$1.division].curatedOrder ?? Int.max, $1.division)
            }
            let ambiguous = patternTargets.count > 1 && Set(patternTargets.map { lineage($0.division) }).count > 1
            let characters = term.unicodeScalars.count
            for target in patternTargets {
                let level = records[target.division].level
                let needsSupport: Bool
                let isCommonWord = commonWords.contains(UTF8Key(term))
                if level.isTownLevel || !target.context.isEmpty || isCommonWord {
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
                    isCommonWord: isCommonWord))
                flatContexts.append(contentsOf: target.context.map(Int32.init))
            }
            starts.append(Int32(flatTargets.count))
        }
        matcher = PatternMatcher(patterns: terms.map { Array($0.utf8) })
        patternTerms = terms
        targetStart = starts
        targets = flatTargets
        contexts = flatContexts
        isBareName = terms.map { term in !Self.adminSuffixes.contains { UTF8Key.hasSuffix(term, $0) } }
        followers = (file.notPlaceFollowers ?? []).map { Array($0.utf8) }

        var byName: [UTF8Key: Int] = [:]
        for (index, record) in records.enumerated() where byName[UTF8Key(record.name)] == nil { byName[UTF8Key(record.name)] = index }
        // Longest paper names first, so that `浦东时报` is not taken for a shorter listed name.
        paperPriors = (file.paperPriors ?? [])
            .sorted { $0.paper.utf8.count > $1.paper.utf8.count }
            .map { prior in (paper: Array(prior.paper.utf8), division: prior.division.flatMap { byName[UTF8Key($0)] }) }
    }

    /// Whether division `left` sorts before `right`: by code (a town without one first), then by
    /// name. Compared when needed rather than ranked at load: ranking 43,000 names cost a tenth
    /// of the start-up, and an article compares a handful.
    func precedes(_ left: Int, _ right: Int) -> Bool {
        let leftCode = codes[left] ?? "", rightCode = codes[right] ?? ""
        if !leftCode.utf8.elementsEqual(rightCode.utf8) { return UTF8Key.precedes(leftCode, rightCode) }
        return UTF8Key.precedes(names[left], names[right])
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
    /// and towns, the municipality. Walks the parents without building the chain: this runs for
    /// every division of every article's answer.
    func prefecture(of index: Int, on date: Int?) -> Int? {
        var current = parentIndex(of: index, on: date)
        for _ in 0..<6 {
            guard let at = current else { return nil }
            if levels[at] == .prefecture { return at }
            if levels[at] == .province { return codes[at].map(Self.municipalities.contains) == true ? at : nil }
            current = parentIndex(of: at, on: date)
        }
        return nil
    }

    func province(of index: Int, on date: Int?) -> Int? {
        var current = parentIndex(of: index, on: date)
        for _ in 0..<6 {
            guard let at = current else { return nil }
            if levels[at] == .province { return at }
            current = parentIndex(of: at, on: date)
        }
        return nil
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
