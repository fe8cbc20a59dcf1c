import ByteText
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
    /// `unit_suffixes`: after a pattern that `mayBeSupportedByText`, the county's own body (`县委`).
    let unitSuffixes: [[UInt8]]
    /// Whether a pattern's only meaning is a county's two-character short form or a town-level
    /// name that the text itself may support (see `Target.isShortForm`, `Target.isUniqueTown`):
    /// its matches are read for unit suffixes and word boundaries.
    let mayBeSupportedByText: [Bool]
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
        /// Needs support only for being a county-level division's short form of two characters
        /// that no other division shares and that is no common word (永春, 江阴, 娄星): besides the
        /// support of the paper's home and other names, the text may support it itself, by a unit
        /// suffix (`娄星公安分局`) or by naming it apart from other words more than once.
        var isShortForm: Bool
        /// A 街道/镇/乡's full name of three characters or more that no other division bears
        /// (华舍街道): it names its county without other support when one of its mentions starts a
        /// word, which keeps such names inside phrases out (老纺织街道, 一些小城镇, 位于城镇).
        var isUniqueTown: Bool
        var hasExplicitContext: Bool { contextEnd > contextStart }
    }

    static let noValidFrom = Int.min
    static let noValidUntil = Int.max
    static let municipalities: Set<String> = ["110000", "120000", "310000", "500000"]
    static let adminSuffixes = ["省", "市", "区", "县", "镇", "乡", "旗", "州", "盟", "街道", "地区", "苏木", "自治区"]

    /// Built once per worker start over about 43,000 divisions and 47,000 patterns, so it reads
    /// each record once into per-field arrays (a `DivisionRecord` read from an array copies a
    /// dozen strings and arrays), keeps patterns' targets in one flat list, and compares names
    /// as UTF-8 bytes (`UTF8Key`): start-up is then one pass over the records, with no per-record
    /// copies and no Unicode normalization.
    init(records gazetteer: GazetteerRecords, file: GazetteerFile) {
        let records = gazetteer.all
        let count = records.count
        var names: [String] = [], levels: [DivisionLevel] = [], codes: [String?] = [], standsForCountyLevel: [Bool] = []
        var validFrom: [Int] = [], validUntil: [Int] = [], successor: [Int?] = [], parent: [Int?] = []
        var formerParent: [Int?] = [], formerParentUntil: [Int?] = [], prominence: [Int] = [], curatedOrder: [Int] = []
        names.reserveCapacity(count); levels.reserveCapacity(count); codes.reserveCapacity(count)
        standsForCountyLevel.reserveCapacity(count); validFrom.reserveCapacity(count); validUntil.reserveCapacity(count)
        successor.reserveCapacity(count); parent.reserveCapacity(count); formerParent.reserveCapacity(count)
        formerParentUntil.reserveCapacity(count); prominence.reserveCapacity(count); curatedOrder.reserveCapacity(count)
        // By index, field by field: `for record in records` copied each whole record.
        for index in records.indices {
            names.append(records[index].name)
            levels.append(records[index].level)
            codes.append(records[index].code)
            standsForCountyLevel.append(records[index].standsForCountyLevel)
            validFrom.append(records[index].validFrom.map(IsoDate.key) ?? Self.noValidFrom)
            validUntil.append(records[index].validUntil.map(IsoDate.key) ?? Self.noValidUntil)
            successor.append(records[index].successor)
            parent.append(records[index].parent)
            formerParent.append(records[index].formerParent)
            formerParentUntil.append(records[index].formerParent == nil ? nil : records[index].formerParentUntil.map(IsoDate.key))
            prominence.append(Self.prominence(code: records[index].code))
            curatedOrder.append(records[index].curatedOrder ?? Int.max)
        }
        var predecessors = [Int?](repeating: nil, count: count)
        for (index, next) in successor.enumerated() {
            if let next, predecessors[next] == nil { predecessors[next] = index }
        }
        self.names = names
        self.levels = levels
        self.codes = codes
        self.standsForCountyLevel = standsForCountyLevel
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.successor = successor
        self.predecessor = predecessors
        self.parent = parent
        self.formerParent = formerParent
        self.formerParentUntil = formerParentUntil
        self.prominence = prominence

        // Patterns: every name, short form and alias, then the phrases that are not places. Each
        // naming is kept in the order met; grouped by pattern below, that order is preserved.
        var patterns = PatternList(capacity: count + count / 4)
        for index in records.indices {
            let firstNaming = patterns.namings.count
            patterns.add(names[index], naming: index, context: [], official: true, since: firstNaming)
            if let short = records[index].shortName, !levels[index].isTownLevel {
                patterns.add(short, naming: index, context: [], official: false, since: firstNaming)
            }
            for alias in records[index].aliases {
                patterns.add(alias.alias, naming: index, context: alias.context, official: false, since: firstNaming)
            }
        }
        for index in records.indices { for phrase in records[index].excludedContexts { _ = patterns.slot(for: phrase) } }
        for phrase in file.notPlaces ?? [] { _ = patterns.slot(for: phrase) }
        let terms = patterns.terms, namings = patterns.namings

        // Namings grouped by pattern (a counting sort, stable).
        var namingStart = [Int](repeating: 0, count: terms.count + 1)
        for naming in namings { namingStart[naming.pattern + 1] += 1 }
        for slot in 0..<terms.count { namingStart[slot + 1] += namingStart[slot] }
        var fill = namingStart
        var grouped = [Int](repeating: 0, count: namings.count)
        for (index, naming) in namings.enumerated() {
            grouped[fill[naming.pattern]] = index
            fill[naming.pattern] += 1
        }

        // A division and its successor are one place at two times, not two places.
        func lineage(_ index: Int) -> Int {
            var current = index
            for _ in 0..<8 { guard let next = successor[current] else { break }; current = next }
            return current
        }
        var isCommonWord = [Bool](repeating: false, count: terms.count)
        for name in file.contextOnlyNames ?? [] {
            if let slot = patterns.index[UTF8Key(name)] { isCommonWord[slot] = true }
        }
        var starts: [Int32] = [0]
        starts.reserveCapacity(terms.count + 1)
        var flatTargets: [Target] = []
        flatTargets.reserveCapacity(namings.count)
        var flatContexts: [Int32] = []
        for slot in 0..<terms.count {
            let range = namingStart[slot]..<namingStart[slot + 1]
            if range.count > 1 {
                grouped[range].sort {
                    (curatedOrder[namings[$0].division], namings[$0].division) < (curatedOrder[namings[$1].division], namings[$1].division)
                }
            }
            let firstLineage = range.isEmpty ? nil : lineage(namings[grouped[range.lowerBound]].division)
            let ambiguous = grouped[range].contains { lineage(namings[$0].division) != firstLineage }
            let isCommonWord = isCommonWord[slot]
            for target in grouped[range].lazy.map({ namings[$0] }) {
                let level = levels[target.division]
                let needsSupport: Bool
                var isShortForm = false, isUniqueTown = false
                if !target.context.isEmpty || isCommonWord {
                    needsSupport = true
                } else if level.isTownLevel {
                    // Needs support, but a full name that no other division bears (华舍街道) may
                    // have the text's; a shared one (城关镇), an alias, or a name of two characters
                    // (mostly a surname before a title: 贾镇长) has only the usual support.
                    needsSupport = true
                    isUniqueTown = !ambiguous && target.official && Self.characterCount(terms[slot]) > 2
                } else if target.official || level == .province {
                    needsSupport = false
                } else if level == .prefecture {
                    needsSupport = ambiguous
                } else {
                    isShortForm = !ambiguous && Self.characterCount(terms[slot]) <= 2
                    needsSupport = ambiguous || isShortForm
                }
                flatTargets.append(Target(
                    division: Int32(target.division), contextStart: Int32(flatContexts.count),
                    contextEnd: Int32(flatContexts.count + target.context.count), needsSupport: needsSupport,
                    isCommonWord: isCommonWord, isShortForm: isShortForm, isUniqueTown: isUniqueTown))
                flatContexts.append(contentsOf: target.context.map(Int32.init))
            }
            starts.append(Int32(flatTargets.count))
        }
        matcher = PatternMatcher(patterns: terms.map { $0.utf8 })
        patternTerms = terms
        targetStart = starts
        targets = flatTargets
        contexts = flatContexts
        let adminSuffixes = Self.adminSuffixes.map { Array($0.utf8) }
        isBareName = terms.map { term in
            UTF8Bytes.withBytes(term) { bytes in !adminSuffixes.contains { UTF8Bytes.hasSuffix(bytes, $0) } }
        }
        followers = (file.notPlaceFollowers ?? []).map { Array($0.utf8) }
        unitSuffixes = (file.unitSuffixes ?? []).map { Array($0.utf8) }
        mayBeSupportedByText = (0..<terms.count).map { slot in
            starts[slot + 1] - starts[slot] == 1 && (flatTargets[Int(starts[slot])].isShortForm || flatTargets[Int(starts[slot])].isUniqueTown)
        }

        // Longest paper names first, so that `浦东时报` is not taken for a shorter listed name.
        paperPriors = (file.paperPriors ?? [])
            .sorted { $0.paper.utf8.count > $1.paper.utf8.count }
            .map { prior in (paper: Array(prior.paper.utf8), division: prior.division.flatMap { gazetteer.index(named: $0, near: nil) }) }
    }

    /// The distinct pattern names in the order first met, each one's slot, and which divisions
    /// they name in the order met. Mutating methods rather than local functions over captured
    /// variables, which paid a dynamic exclusivity check on every access.
    private struct PatternList {
        var index: [UTF8Key: Int] = [:]
        var terms: [String] = []
        var namings: [(pattern: Int, division: Int, context: [Int], official: Bool)] = []

        init(capacity: Int) {
            index.reserveCapacity(capacity)
            terms.reserveCapacity(capacity)
            namings.reserveCapacity(capacity)
        }

        /// Records that `term` names `division`, unless it already did since `firstNaming` (an
        /// alias equal to the division's short form names it once).
        mutating func add(_ term: String, naming division: Int, context: [Int], official: Bool, since firstNaming: Int) {
            let slot = slot(for: term)
            guard !namings[firstNaming...].contains(where: { $0.pattern == slot }) else { return }
            namings.append((slot, division, context, official))
        }

        /// Through the `default:` subscript's in-place accessor, which inserts a missing key in
        /// the same lookup: one hash per name instead of a lookup and then an insert.
        mutating func slot(for term: String) -> Int {
            func read(_ stored: inout Int) -> Int { stored }
            let next = terms.count
            let found = read(&index[UTF8Key(term), default: next])
            if found == next { terms.append(term) }
            return found
        }
    }

    /// The first two digits of the municipalities' codes (`11`, `12`, `31`, `50`), which is what
    /// places a division in one.
    private static let municipalityPrefixes: [[UInt8]] = municipalities.map { Array($0.utf8.prefix(2)) }

    /// Read from the code's bytes: building a prefix string per coded division cost some 2,000
    /// instructions each at every start.
    private static func prominence(code: String?) -> Int {
        guard let code else { return 3 }
        return UTF8Bytes.withBytes(code) { digits in
            guard digits.count >= 2 else { return 2 }
            if municipalityPrefixes.contains(where: { $0[0] == digits[0] && $0[1] == digits[1] }) { return 0 }
            return digits.count >= 4 && digits[2] == UInt8(ascii: "0") && digits[3] == UInt8(ascii: "1") ? 1 : 2
        }
    }

    /// Unicode scalars in `term`, counted as the UTF-8 bytes that start one.
    private static func characterCount(_ term: String) -> Int {
        UTF8Bytes.withBytes(term) { bytes in UTF8Bytes.scalarCount(bytes) }
    }

    /// Whether division `left` sorts before `right`: by code (a town without one first), then by
    /// name. Compared when needed rather than ranked at load: an article compares a handful, while
    /// ranking would sort all 43,000 names at every start.
    func precedes(_ left: Int, _ right: Int) -> Bool {
        let leftCode = codes[left] ?? "", rightCode = codes[right] ?? ""
        if UTF8Key(leftCode) != UTF8Key(rightCode) { return UTF8Key.precedes(leftCode, rightCode) }
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
        var found: [(division: Int, target: Target)] = []
        appendCandidates(of: pattern, on: date, to: &found)
        return found
    }

    /// `candidates(of:on:)` appended to `list`, for callers that keep many names' candidates in one.
    func appendCandidates(of pattern: Int, on date: Int?, to list: inout [(division: Int, target: Target)]) {
        let start = Int(targetStart[pattern]), end = Int(targetStart[pattern + 1])
        let first = list.count
        for slot in start..<end {
            let target = targets[slot]
            let division = resolve(Int(target.division), on: date)
            if date == nil, validUntil[division] != Self.noValidUntil, end - start > 1 { continue }
            if !list[first...].contains(where: { $0.division == division }) { list.append((division, target)) }
        }
    }
}
