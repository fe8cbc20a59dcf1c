import ByteText
import PageModel

/// One piece of evidence for a division, before it is spelled out as a `DistrictEvidence`.
struct EvidenceItem {
    /// Index of the division's tally in `ArticleEvidence.tallies`.
    var tally: Int
    /// Before `source`, so that the one-byte source fills the enum's padding (32-byte items).
    var found: Found
    var source: DistrictClassifier.Source
    var count: Int

    /// What was found in `source`; each case is the evidence of some sources only.
    enum Found: Hashable {
        /// A gazetteer name in the article's text (title, kicker, subtitle, body): an index into
        /// `GazetteerTables.patternTerms`.
        case pattern(Int)
        /// The paper's or the page's name named the division (`source` says which); the term is
        /// that name.
        case prior
        /// Support from a child division's own score (`source` is `.child`): an index into
        /// `GazetteerTables.names`.
        case child(Int)
    }
}

/// The scores collected for one division while classifying one article.
struct EvidenceTally {
    let division: Int
    var textScore = 0.0
    var priorScore = 0.0
    var childScore = 0.0
    /// Text matches only; priors and children are not mentions.
    var mentions = 0

    init(division: Int) {
        self.division = division
    }

    /// The division's own score, which is what a parent inherits from it.
    var ownScore: Double { textScore + priorScore }
}

/// A name found in the article, waiting to be credited to one of the divisions it can mean.
struct FoundName {
    var pattern: Int
    var source: DistrictClassifier.Source
    var weight: Double
    var isPrior: Bool
    /// For a short form the text may support (`GazetteerTables.mayBeSupportedByText`): directly
    /// followed by a unit suffix (`娄星公安分局`).
    var unitFollows = false
    /// For such a name: it starts a word, and it stands apart from other words on both sides
    /// (see `ShortFormMention`).
    var startsApart = false
    var standsApart = false
}

/// Where a county's two-character short form or a unique town name stands in the text. Two
/// characters are often half of other words (`大名单`, `密集安排`) or a person's given name
/// (`县长王永昌`), and town names sit inside phrases (`老纺织街道`, `一些小城镇`), so a mention
/// counts only with a word boundary: punctuation, a digit, the text's edge, or a character that
/// mostly stands before a place (在, 到, 赴, 走进 …) or after one (的, 人, 籍, 等 …). A Latin letter
/// or an opening 《 makes it part of a name (`《赤壁OL》`, a game).
enum ShortFormMention {
    /// 在 到 赴 来 去 回 至 往 从 经 于 和 与 及 同 是 为 对 驻 进
    private static let before: [UInt32] = [
        0x5728, 0x5230, 0x8D74, 0x6765, 0x53BB, 0x56DE, 0x81F3, 0x5F80, 0x4ECE, 0x7ECF, 0x4E8E, 0x548C, 0x4E0E, 0x53CA,
        0x540C, 0x662F, 0x4E3A, 0x5BF9, 0x9A7B, 0x8FDB,
    ]
    /// 的 人 籍 是 和 与 及 等 地 境 城 全 为 已 将 在 也 都 还 各 两 一
    private static let after: [UInt32] = [
        0x7684, 0x4EBA, 0x7C4D, 0x662F, 0x548C, 0x4E0E, 0x53CA, 0x7B49, 0x5730, 0x5883, 0x57CE, 0x5168, 0x4E3A, 0x5DF2,
        0x5C06, 0x5728, 0x4E5F, 0x90FD, 0x8FD8, 0x5404, 0x4E24, 0x4E00,
    ]

    static func startsApart(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        isBoundary(scalarBefore(bytes, start), allowing: before) && scalarBefore(bytes, start) != 0x300A  // 《
    }

    static func endsApart(_ bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Bool {
        isBoundary(scalarAt(bytes, end), allowing: after)
    }

    /// A CJK ideograph is part of a word unless it is one of `allowed`, and so is a Latin letter;
    /// anything else is a boundary.
    private static func isBoundary(_ scalar: UInt32?, allowing allowed: [UInt32]) -> Bool {
        guard let scalar else { return true }
        if (scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A { return false }
        guard scalar >= 0x3400, scalar <= 0x9FFF else { return true }
        return allowed.contains(scalar)
    }

    /// The scalar at `index`, nil past the end.
    private static func scalarAt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32? {
        index < bytes.count ? UTF8Bytes.scalar(in: bytes, at: index).value : nil
    }

    /// The scalar that ends right before `index`, nil at the start.
    private static func scalarBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32? {
        index > 0 ? UTF8Bytes.scalar(in: bytes, at: UTF8Bytes.scalarStart(in: bytes, before: index)).value : nil
    }
}

/// The working state of classifying one article: the tallies of the divisions found so far, in
/// the order first found, and the divisions that support ambiguous names. Every lookup is a hash
/// lookup: an article names a handful of divisions, but a page can name all 43,000, and a linear
/// search would make such a page quadratic.
struct ArticleEvidence {
    let tables: GazetteerTables
    /// The article's date as a `IsoDate.key`, nil when undated.
    let date: Int?
    private(set) var tallies: [EvidenceTally] = []
    /// Each division's index in `tallies`.
    private var tallyOfDivision: [Int: Int] = [:]
    /// Every tally's evidence, each division's items in the order first seen.
    private(set) var items: [EvidenceItem] = []
    /// The last item of each (tally, source, found), and whether a (tally, source) has any item.
    private var lastItem: [ItemKey: Int] = [:]
    private var sourcesWithItems = Set<TallySource>()
    /// Divisions the article's place is known to lie in: the paper's home and what unambiguous
    /// names say, with their ancestors. A name that needs support counts only inside them.
    private(set) var support = Set<Int>()

    /// An item's identity for `lastItem`: what was found as one index, which `source` tells how to
    /// read (a pattern for text, a division for `.child`, none for priors). Every text match is
    /// looked up here, so the key hashes three integers rather than an enum's case and payload.
    private struct ItemKey: Hashable {
        var tally: Int
        var source: DistrictClassifier.Source
        var index: Int

        init(tally: Int, source: DistrictClassifier.Source, found: EvidenceItem.Found) {
            self.tally = tally
            self.source = source
            switch found {
            case .pattern(let index), .child(let index): self.index = index
            case .prior: index = -1
            }
        }
    }

    private struct TallySource: Hashable {
        var tally: Int
        var source: DistrictClassifier.Source
    }

    init(tables: GazetteerTables, date: Int?) {
        self.tables = tables
        self.date = date
        tallies.reserveCapacity(8)
        items.reserveCapacity(16)
        tallyOfDivision.reserveCapacity(8)
    }

    /// Every name in `text`, minus bare names followed by a word that makes them a street or an
    /// institution (`中山路`, `北京大学`).
    static func names(in text: String, with scanner: PatternMatcher.Scanner, tables: GazetteerTables,
                      source: DistrictClassifier.Source, weight: Double, isPrior: Bool = false, into found: inout [FoundName]) {
        UTF8Bytes.withBytes(text) { bytes in
            names(in: bytes, with: scanner, tables: tables, source: source, weight: weight, isPrior: isPrior, into: &found)
        }
    }

    private static func names(in bytes: UnsafeBufferPointer<UInt8>, with scanner: PatternMatcher.Scanner, tables: GazetteerTables,
                              source: DistrictClassifier.Source, weight: Double, isPrior: Bool, into found: inout [FoundName]) {
        scanner.forEachMatch(in: bytes) { match in
            guard tables.targetStart[match.pattern] < tables.targetStart[match.pattern + 1] else { return }
            var name = FoundName(pattern: match.pattern, source: source, weight: weight, isPrior: isPrior)
            if tables.mayBeSupportedByText[match.pattern], source != .paper, !isPrior {
                name.unitFollows = followedByAny(of: tables.unitSuffixes, bytes, at: match.end)
                name.startsApart = ShortFormMention.startsApart(bytes, start: match.start)
                name.standsApart = name.startsApart && ShortFormMention.endsApart(bytes, end: match.end)
            }
            if tables.isBareName[match.pattern], source != .paper, !name.unitFollows,
                followedByAny(of: tables.followers, bytes, at: match.end) { return }
            found.append(name)
        }
    }

    /// Whether one of `words` (`not_place_followers`, `unit_suffixes`) directly follows `end`.
    private static func followedByAny(of words: [[UInt8]], _ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        let following = UnsafeBufferPointer(rebasing: bytes[end...])
        return words.contains { follower in
            // The first byte rules most out before a comparison is set up.
            follower.count <= following.count && (follower.isEmpty || follower[0] == following[0])
                && UTF8Bytes.hasPrefix(following, follower)
        }
    }

    /// The paper's home: the prior evidence every other name is read against.
    mutating func recordHome(_ home: Int) {
        record(home, source: .paper, pattern: 0, weight: DistrictClassifier.priorWeight, isPrior: true)
        addSupport(home)
    }

    /// Credits each found name to the division it means, in three rounds: names with one meaning
    /// that need no support; then county- and prefecture-level names that are ambiguous or short,
    /// against the support so far (a county's short form may also be supported by the text itself:
    /// see `supportedByText`); then town-level names and aliases with a required context.
    ///
    /// Every candidate list lives in one flat array, each name holding a range of it: a list per
    /// name would cost an allocation, and freeing lists of tuples goes through the runtime's
    /// generic destroy. A name's candidates are listed, and
    /// its division chosen, once per round: support changes only between rounds, so every
    /// mention of a name in a round means the same division (城关镇 a thousand times is one choice).
    mutating func credit(_ found: [FoundName], deadline: PageDeadline = .none) throws(PageDeadline.Passed) {
        typealias Candidate = (division: Int, target: GazetteerTables.Target)
        var countdown = deadline.countdown()
        let textSupport = TextSupport(found)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(4 * found.count)
        var candidatesOfPattern: [Int: Range<Int>] = [:]
        var pending: [(name: FoundName, candidates: Range<Int>)] = []
        pending.reserveCapacity(found.count)
        for name in found {
            try countdown.tick("crediting the place names")
            // The usual case, without building a candidate list: one division, no support needed.
            let start = Int(tables.targetStart[name.pattern])
            if tables.targetStart[name.pattern + 1] - tables.targetStart[name.pattern] == 1,
                !tables.targets[start].needsSupport
                    || (tables.targets[start].isUniqueTown && textSupport.supports(name.pattern, uniqueTown: true)) {
                let division = tables.resolve(Int(tables.targets[start].division), on: date)
                record(division, name)
                addSupport(division)
                continue
            }
            let range: Range<Int>
            if let listed = candidatesOfPattern[name.pattern] {
                range = listed
            } else {
                let first = candidates.count
                tables.appendCandidates(of: name.pattern, on: date, to: &candidates)
                range = first..<candidates.count
                candidatesOfPattern[name.pattern] = range
            }
            if range.count == 1, !candidates[range.lowerBound].target.needsSupport {
                record(candidates[range.lowerBound].division, name)
                addSupport(candidates[range.lowerBound].division)
            } else if !range.isEmpty {
                pending.append((name, range))
            }
        }
        var towns: [(name: FoundName, candidates: Range<Int>)] = []
        towns.reserveCapacity(pending.count)
        var chosen: [Int] = []
        var upper: [Candidate] = []
        /// Per pattern: the division chosen among its upper-level candidates, else its town candidates.
        var upperChoice: [Int: (division: Int?, towns: Range<Int>)] = [:]
        for (name, range) in pending {
            try countdown.tick("choosing among same-named counties")
            if upperChoice[name.pattern] == nil {
                upper.removeAll(keepingCapacity: true)
                for candidate in candidates[range] where !tables.levels[candidate.division].isTownLevel && !candidate.target.hasExplicitContext {
                    upper.append(candidate)
                }
                let supported = tables.mayBeSupportedByText[name.pattern] && textSupport.supports(name.pattern, uniqueTown: false)
                let division = best(upper[...], allowingUnsupported: true, supportedByText: supported)
                let first = candidates.count
                if division == nil {
                    for index in range where tables.levels[candidates[index].division].isTownLevel || candidates[index].target.hasExplicitContext {
                        candidates.append(candidates[index])
                    }
                }
                upperChoice[name.pattern] = (division, first..<candidates.count)
            }
            let choice = upperChoice[name.pattern]!
            if let division = choice.division {
                chosen.append(division)
                record(division, name)
            } else {
                towns.append((name, choice.towns))
            }
        }
        for division in chosen { addSupport(division) }
        var townChoice: [Int: Int?] = [:]
        for (name, range) in towns {
            try countdown.tick("choosing among same-named towns")
            let division: Int?
            if let known = townChoice[name.pattern] {
                division = known
            } else {
                division = best(candidates[range], allowingUnsupported: false)
                townChoice[name.pattern] = division
            }
            if let division { record(division, name) }
        }
    }

    /// Whether the text supports a name by itself. A county's two-character short form: one of its
    /// mentions is followed by a unit suffix (`大名大队`), or at least two stand apart from other
    /// words (`江阴`, named nine times). A unique town name: one of its mentions starts a word.
    /// Only text counts, never a page name or the paper. Gathered per name in one pass over the
    /// found names, so asking for every mention does not scan them all again.
    struct TextSupport {
        private struct Mentions {
            var unitFollows = false
            var startsApart = false
            var standingApart = 0
        }

        private var mentions: [Int: Mentions] = [:]

        init(_ found: [FoundName]) {
            for name in found where !name.isPrior && (name.unitFollows || name.startsApart || name.standsApart) {
                var entry = mentions[name.pattern] ?? Mentions()
                entry.unitFollows = entry.unitFollows || name.unitFollows
                entry.startsApart = entry.startsApart || name.startsApart
                if name.standsApart { entry.standingApart += 1 }
                mentions[name.pattern] = entry
            }
        }

        func supports(_ pattern: Int, uniqueTown: Bool) -> Bool {
            guard let mentions = mentions[pattern] else { return false }
            return (uniqueTown ? mentions.startsApart : mentions.unitFollows) || mentions.standingApart >= 2
        }
    }

    /// The candidate with the nearest support (itself, its parent, … in `support`; for an alias
    /// with a required context, one of those divisions; for a short form the text supports by
    /// itself, the division itself). On a tie: the curated order when the candidates share a
    /// parent, else nothing (城关镇 in two supported counties is no answer), except among names
    /// that need no support, where the most prominent wins (朝阳区 → 北京).
    private func best(_ candidates: ArraySlice<(division: Int, target: GazetteerTables.Target)>, allowingUnsupported: Bool,
                      supportedByText: Bool = false) -> Int? {
        guard !candidates.isEmpty else { return nil }
        var bestDistance = Int.max
        var nearest: [Int] = []
        for (division, target) in candidates {
            let distance: Int
            if target.hasExplicitContext {
                let required = tables.contexts[Int(target.contextStart)..<Int(target.contextEnd)]
                distance = required.contains { support.contains(tables.resolve(Int($0), on: date)) } ? 1 : Int.max
            } else if target.isShortForm, supportedByText {
                distance = 0
            } else {
                distance = supportDistance(of: division, commonWord: target.isCommonWord)
            }
            if distance < bestDistance {
                bestDistance = distance
                nearest.removeAll(keepingCapacity: true)
                nearest.append(division)
            }
            else if distance == bestDistance, distance != Int.max { nearest.append(division) }
        }
        if nearest.count == 1 { return nearest[0] }
        if nearest.count > 1 {
            let firstParent = tables.parentIndex(of: nearest[0], on: date)
            if nearest.allSatisfy({ tables.parentIndex(of: $0, on: date) == firstParent }) {
                // A name that still means a division on the date beats one that meant a division
                // since renamed (`五角场` in 2021: 五角场街道, not 五角场镇's successor).
                let direct = candidates.first { nearest.contains($0.division) && $0.division == Int($0.target.division) }
                return direct?.division ?? nearest[0]
            }
            let levelsAllowFallback = nearest.allSatisfy { !tables.levels[$0].isTownLevel }
            return levelsAllowFallback ? mostProminent(nearest) : nil
        }
        guard allowingUnsupported else { return nil }
        let unconditional = candidates.filter { !$0.target.needsSupport }.map { $0.division }
        return unconditional.isEmpty ? nil : mostProminent(unconditional)
    }

    /// How many parents up the nearest supported division is (0: the division itself), walked
    /// without building the chain; `Int.max` when none is, or when a common word has only a
    /// province's support.
    private func supportDistance(of division: Int, commonWord: Bool) -> Int {
        var current: Int? = division
        for distance in 0..<6 {
            guard let at = current else { break }
            if support.contains(at) { return commonWord && tables.levels[at] == .province ? Int.max : distance }
            current = tables.parentIndex(of: at, on: date)
        }
        return Int.max
    }

    private func mostProminent(_ divisions: [Int]) -> Int? {
        divisions.min { tables.prominence[$0] != tables.prominence[$1] ? tables.prominence[$0] < tables.prominence[$1] : tables.precedes($0, $1) }
    }

    private mutating func addSupport(_ division: Int) {
        var current: Int? = division
        for _ in 0..<6 {
            guard let next = current else { return }
            support.insert(next)
            current = tables.parentIndex(of: next, on: date)
        }
    }

    private mutating func record(_ division: Int, _ name: FoundName) {
        record(division, source: name.source, pattern: name.pattern, weight: name.weight, isPrior: name.isPrior)
    }

    mutating func record(_ division: Int, source: DistrictClassifier.Source, pattern: Int, weight: Double, isPrior: Bool) {
        let tally = tallyIndex(of: division)
        if isPrior {
            // One prior per source and term: a page name that names a division twice is one hint.
            guard !sourcesWithItems.contains(TallySource(tally: tally, source: source)) else { return }
            tallies[tally].priorScore += weight
            append(EvidenceItem(tally: tally, found: .prior, source: source, count: 1))
        } else {
            tallies[tally].textScore += weight
            tallies[tally].mentions += 1
            if let index = lastItem[ItemKey(tally: tally, source: source, found: .pattern(pattern))] {
                items[index].count += 1
            } else {
                append(EvidenceItem(tally: tally, found: .pattern(pattern), source: source, count: 1))
            }
        }
    }

    private mutating func append(_ item: EvidenceItem) {
        lastItem[ItemKey(tally: item.tally, source: item.source, found: item.found)] = items.count
        sourcesWithItems.insert(TallySource(tally: item.tally, source: item.source))
        items.append(item)
    }

    private mutating func tallyIndex(of division: Int) -> Int {
        if let index = tallyOfDivision[division] { return index }
        tallyOfDivision[division] = tallies.count
        tallies.append(EvidenceTally(division: division))
        return tallies.count - 1
    }

    /// Credits each division with a share of its children's own scores (town → county → prefecture
    /// → province, one level each), in code order of the children.
    mutating func addChildSupport(share: Double) {
        var children: [(parent: Int, child: Int)] = []
        for tally in tallies where tally.ownScore > 0 {
            guard let parent = tables.parentIndex(of: tally.division, on: date) else { continue }
            children.append((parent, tally.division))
        }
        guard !children.isEmpty else { return }
        children.sort { tables.precedes($0.child, $1.child) }
        for (parent, child) in children {
            guard let tally = tallyOfDivision[child].map({ tallies[$0] }) else { continue }
            let parentTally = tallyIndex(of: parent)
            tallies[parentTally].childScore += share * tally.ownScore
            append(EvidenceItem(tally: parentTally, found: .child(child), source: .child, count: max(tally.mentions, 1)))
        }
    }
}
