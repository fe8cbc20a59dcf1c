import PageModel

/// The gazetteer's divisions while it is assembled from the national file and curated JSON, with
/// the lookups that assembling needs. Names repeat across China, so a reference by name picks the
/// division of that name nearest by statistics code.
struct GazetteerRecords: Sendable {
    private(set) var all: [DivisionRecord] = []
    /// The first division of each name; the others of that name follow through `nextSameName`
    /// (-1 ends the chain), in index order. A chain rather than an array per name: the national
    /// file's 43,000 names each allocated one at every start.
    private var firstByName: [UTF8Key: Int] = [:]
    private var nextSameName: [Int] = []

    init(_ records: [DivisionRecord] = []) {
        all = records
        firstByName.reserveCapacity(records.count)
        nextSameName = [Int](repeating: -1, count: records.count)
        // Backwards, so that each name's chain comes out in index order with one hash per record.
        for index in all.indices.reversed() {
            nextSameName[index] = firstByName.updateValue(index, forKey: UTF8Key(all[index].name)) ?? -1
        }
    }

    subscript(index: Int) -> DivisionRecord { all[index] }
    var count: Int { all.count }

    mutating func append(_ record: DivisionRecord) -> Int {
        let index = all.count
        all.append(record)
        nextSameName.append(-1)
        if let first = firstByName[UTF8Key(record.name)] {
            var last = first
            while nextSameName[last] >= 0 { last = nextSameName[last] }
            nextSameName[last] = index
        } else {
            firstByName[UTF8Key(record.name)] = index
        }
        return index
    }

    /// The divisions named `name`, in index order.
    private func divisions(named name: String) -> some Sequence<Int> {
        sequence(state: firstByName[UTF8Key(name)] ?? -1) { [nextSameName] current in
            guard current >= 0 else { return nil }
            defer { current = nextSameName[current] }
            return current
        }
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
        var candidates = divisions(named: name).makeIterator()
        guard let first = candidates.next() else { return nil }
        guard let code else { return first }
        var best = first, bestLength = -1
        while let candidate = candidates.next() {
            if bestLength < 0 { bestLength = commonPrefixLength(self.code(near: first) ?? "", code) }
            let length = commonPrefixLength(self.code(near: candidate) ?? "", code)
            if length > bestLength { best = candidate; bestLength = length }
        }
        return best
    }

    /// The division with this name directly under `parent` at a comparable level (a 街道 entry may
    /// refine a 镇 of the same name only if the name says so, so levels must agree in kind).
    func index(named name: String, parent: Int?, level: DivisionLevel) -> Int? {
        divisions(named: name).first { candidate in
            all[candidate].parent == parent && all[candidate].level.isTownLevel == level.isTownLevel
                && all[candidate].level.isCountyLevel == level.isCountyLevel
        }
    }

    private func commonPrefixLength(_ left: String, _ right: String) -> Int {
        zip(left.utf8, right.utf8).prefix { $0 == $1 }.count
    }
}
