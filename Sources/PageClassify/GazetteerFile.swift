import PageModel

/// The decoded form of a gazetteer file; see `Gazetteer` for the format.
struct GazetteerFile: Decodable, Sendable {
    var format: String?
    var description: String?
    var divisions: [DivisionEntry]
    var paperPriors: [PaperPrior]?
    var notPlaces: [String]?
    var notPlaceFollowers: [String]?
    var contextOnlyNames: [String]?
    var unitSuffixes: [String]?
}

struct DivisionEntry: Decodable, Sendable {
    var name: String
    var level: DivisionLevel
    var parent: String?
    var code: String?
    var codeVerified: Bool?
    var aliases: [AliasEntry]?
    var validFrom: String?
    var validUntil: String?
    var successor: String?
    var formerParent: String?
    var formerParentUntil: String?
    var excludedContexts: [String]?
    var note: String?
}

/// An alias is either a plain string or `{"alias": "平凉", "requires_context": ["杨浦区"]}`.
struct AliasEntry: Decodable, Sendable {
    var alias: String
    var requiresContext: [String]

    private enum CodingKeys: String, CodingKey { case alias, requiresContext }

    init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(String.self) {
            alias = plain
            requiresContext = []
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alias = try container.decode(String.self, forKey: .alias)
        requiresContext = try container.decodeIfPresent([String].self, forKey: .requiresContext) ?? []
    }
}

struct PaperPrior: Decodable, Sendable {
    /// Matched when the article's paper name contains it.
    var paper: String
    /// The paper's home division, nil for a national paper (人民日报): no home, whatever its name says.
    var division: String?
}

extension GazetteerFile {
    /// Checks what `Decodable` cannot and references cannot: names, dates and codes.
    func validate(file: String) throws(ClassifierDataError) {
        for (index, entry) in divisions.enumerated() {
            let at = "divisions[\(index)] (\(entry.name))"
            guard !entry.name.isEmpty else { throw ClassifierDataError(file: file, problem: "divisions[\(index)] has an empty name") }
            if let code = entry.code {
                let digits = code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                guard digits, code.utf8.count == 6 || code.utf8.count == 9 else {
                    throw ClassifierDataError(file: file, problem: "\(at) has code \"\(code)\"; use the 6-digit (down to county level) or 9-digit (街道/镇) statistics code")
                }
            }
            if entry.level != .province, entry.parent == nil {
                throw ClassifierDataError(file: file, problem: "\(at) has no parent; name the division it lies in")
            }
            for (key, date) in [("valid_from", entry.validFrom), ("valid_until", entry.validUntil), ("former_parent_until", entry.formerParentUntil)] {
                if let date, !IsoDate.isValid(date) {
                    throw ClassifierDataError(file: file, problem: "\(at) has \(key) \"\(date)\"; write dates as YYYY-MM-DD")
                }
            }
            if entry.formerParent != nil, entry.formerParentUntil == nil {
                throw ClassifierDataError(file: file, problem: "\(at) has former_parent without former_parent_until")
            }
            for alias in entry.aliases ?? [] where alias.alias.isEmpty {
                throw ClassifierDataError(file: file, problem: "\(at) has an empty alias")
            }
        }
        for (index, prior) in (paperPriors ?? []).enumerated() where prior.paper.isEmpty {
            throw ClassifierDataError(file: file, problem: "paper_priors[\(index)] has an empty paper name")
        }
    }

    /// Adds this file's divisions to `records`: an entry with the name and parent of an existing
    /// division (or of one it adds itself) refines it, the others are appended. References by
    /// name go to the division of that name nearest by code (see `GazetteerRecords.index(named:near:)`).
    func merge(into records: inout GazetteerRecords, file: String) throws(ClassifierDataError) {
        var merged: [Int] = []
        for (index, entry) in divisions.enumerated() {
            let at = "divisions[\(index)] (\(entry.name))"
            var parent: Int?
            if let parentName = entry.parent, entry.level != .province {
                guard let found = records.index(named: parentName, near: entry.code) else {
                    throw ClassifierDataError(file: file, problem: "\(at).parent names \"\(parentName)\", which is not a division in this gazetteer")
                }
                parent = found
            }
            let target: Int
            if let existing = records.index(named: entry.name, parent: parent, level: entry.level) {
                target = existing
            } else {
                target = records.append(DivisionRecord(name: entry.name, level: entry.level, code: entry.code, parent: parent))
            }
            records.update(target) { record in
                record.level = entry.level
                if let code = entry.code { record.code = code }
                record.codeVerified = entry.codeVerified ?? true
                if let validFrom = entry.validFrom { record.validFrom = validFrom }
                if let validUntil = entry.validUntil { record.validUntil = validUntil }
                record.formerParentUntil = entry.formerParentUntil ?? record.formerParentUntil
                record.excludedContexts += entry.excludedContexts ?? []
                record.curatedOrder = record.curatedOrder ?? index
            }
            merged.append(target)
        }
        // References, once every entry is in: a successor may come later in the file.
        for (index, entry) in divisions.enumerated() {
            let at = "divisions[\(index)] (\(entry.name))"
            let target = merged[index]
            let near = records[target].code ?? records.code(near: target)
            func reference(_ name: String, _ what: String) throws(ClassifierDataError) -> Int {
                guard let found = records.index(named: name, near: near) else {
                    throw ClassifierDataError(file: file, problem: "\(at).\(what) names \"\(name)\", which is not a division in this gazetteer")
                }
                return found
            }
            var successor: Int?, formerParent: Int?
            var aliases: [(alias: String, context: [Int])] = []
            if let name = entry.successor { successor = try reference(name, "successor") }
            if let name = entry.formerParent { formerParent = try reference(name, "former_parent") }
            for alias in entry.aliases ?? [] {
                var context: [Int] = []
                for name in alias.requiresContext { context.append(try reference(name, "aliases \(alias.alias) requires_context")) }
                aliases.append((alias.alias, context))
            }
            records.update(target) { record in
                if successor != nil { record.successor = successor }
                if formerParent != nil { record.formerParent = formerParent }
                record.aliases += aliases
            }
        }
        for (index, prior) in (paperPriors ?? []).enumerated() {
            if let name = prior.division, records.index(named: name, near: nil) == nil {
                throw ClassifierDataError(file: file, problem: "paper_priors[\(index)].division names \"\(name)\", which is not a division in this gazetteer")
            }
        }
    }
}

/// `YYYY-MM-DD` dates compared as strings, which orders them correctly.
enum IsoDate {
    static func isValid(_ text: String) -> Bool {
        // Walks the UTF-8 view instead of copying it: this runs once per classified article.
        var count = 0
        for byte in text.utf8 {
            let valid = count == 4 || count == 7 ? byte == UInt8(ascii: "-") : byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard valid, count < 10 else { return false }
            count += 1
        }
        return count == 10
    }

    /// A valid date as the number YYYYMMDD, which orders dates as their text does.
    static func key(_ text: String) -> Int {
        text.utf8.reduce(0) { value, byte in byte == UInt8(ascii: "-") ? value : value * 10 + Int(byte &- UInt8(ascii: "0")) }
    }

    /// The key of the article's date if it starts with a well-formed `YYYY-MM-DD`, else nil:
    /// `leading(_:).map(key)` without building the prefix string.
    static func leadingKey(_ text: String?) -> Int? {
        guard let text else { return nil }
        // The contiguous bytes when the string has them (always, for native strings): walking
        // the UTF-8 view through its iterator costs several times more.
        return text.utf8.withContiguousStorageIfAvailable(leadingKey) ?? leadingKey(text.utf8)
    }

    private static func leadingKey(_ bytes: some Sequence<UInt8>) -> Int? {
        var key = 0
        var count = 0
        for byte in bytes {
            if count == 4 || count == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                key = key * 10 + Int(byte - UInt8(ascii: "0"))
            }
            count += 1
            if count == 10 { return key }
        }
        return nil
    }

    /// The article's date if it starts with a well-formed `YYYY-MM-DD`, else nil.
    static func leading(_ text: String?) -> String? {
        guard let text else { return nil }
        let prefix = String(text.utf8.prefix(10)) ?? ""
        return isValid(prefix) ? prefix : nil
    }
}
