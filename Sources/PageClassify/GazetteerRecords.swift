import PageModel

/// The gazetteer's divisions while it is assembled from the national file and curated JSON, with
/// the lookups that assembling needs. Names repeat across China, so a reference by name picks the
/// division of that name nearest by statistics code.
struct GazetteerRecords: Sendable {
    private(set) var all: [DivisionRecord] = []
    private var byName: [UTF8Key: [Int]] = [:]

    init(_ records: [DivisionRecord] = []) {
        all = records
        byName.reserveCapacity(records.count)
        // By index: enumerating the records copied each whole record.
        for index in all.indices { byName[UTF8Key(all[index].name), default: []].append(index) }
    }

    subscript(index: Int) -> DivisionRecord { all[index] }
    var count: Int { all.count }

    mutating func append(_ record: DivisionRecord) -> Int {
        all.append(record)
        byName[UTF8Key(record.name), default: []].append(all.count - 1)
        return all.count - 1
    }

    mutating func update(_ index: Int, _ change: (inout DivisionRecord) -> Void) {
        change(&all[index])
    }

    /// The code that places a division: its own, else its nearest ancestor's (town-level
    /// divisions of the national file have none).
    func code(near index: Int) -> String? {
        var current: Int? = index
        for _ in 0..<6 {
            guard let at = current else { return nil }
            if let code = all[at].code { return code }
            current = all[at].parent
        }
        return nil
    }

    /// The division named `name` whose code shares the longest prefix with `code`; the first
    /// listed on a tie or without a code. Six digits, or a code itself, name a division directly.
    func index(named name: String, near code: String?) -> Int? {
        guard let candidates = byName[UTF8Key(name)] else { return nil }
        guard candidates.count > 1, let code else { return candidates.first }
        var best = candidates[0], bestLength = -1
        for candidate in candidates {
            let length = commonPrefixLength(self.code(near: candidate) ?? "", code)
            if length > bestLength { best = candidate; bestLength = length }
        }
        return best
    }

    /// The division with this name directly under `parent` at a comparable level (a 街道 entry may
    /// refine a 镇 of the same name only if the name says so, so levels must agree in kind).
    func index(named name: String, parent: Int?, level: DivisionLevel) -> Int? {
        byName[UTF8Key(name)]?.first { candidate in
            all[candidate].parent == parent && all[candidate].level.isTownLevel == level.isTownLevel
                && all[candidate].level.isCountyLevel == level.isCountyLevel
        }
    }

    private func commonPrefixLength(_ left: String, _ right: String) -> Int {
        zip(left.utf8, right.utf8).prefix { $0 == $1 }.count
    }
}
