import PageModel

/// The decoded form of a gazetteer file; see `Gazetteer` for the format.
struct GazetteerFile: Decodable, Sendable {
    var format: String?
    var description: String?
    var divisions: [DivisionEntry]
    var paperPriors: [PaperPrior]?
}

struct DivisionEntry: Decodable, Sendable {
    var name: String
    var level: DivisionLevel
    var parent: String
    var code: String
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
    var division: String
}

extension GazetteerFile {
    /// Checks what `Decodable` cannot: unique names, references to existing divisions, dates and codes.
    func validate(file: String) throws(ClassifierDataError) {
        var names: Set<String> = []
        for (index, entry) in divisions.enumerated() {
            let at = "divisions[\(index)] (\(entry.name))"
            guard !entry.name.isEmpty else { throw ClassifierDataError(file: file, problem: "divisions[\(index)] has an empty name") }
            guard names.insert(entry.name).inserted else {
                throw ClassifierDataError(file: file, problem: "\(at) repeats a name; each division is listed once")
            }
            let digits = entry.code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard digits, entry.code.utf8.count == 6 || entry.code.utf8.count == 9 else {
                throw ClassifierDataError(file: file, problem: "\(at) has code \"\(entry.code)\"; use the 6-digit (district) or 9-digit (街道/镇) statistics code")
            }
            for (key, date) in [("valid_from", entry.validFrom), ("valid_until", entry.validUntil), ("former_parent_until", entry.formerParentUntil)] {
                if let date, !IsoDate.isValid(date) {
                    throw ClassifierDataError(file: file, problem: "\(at) has \(key) \"\(date)\"; write dates as YYYY-MM-DD")
                }
            }
            for alias in entry.aliases ?? [] where alias.alias.isEmpty {
                throw ClassifierDataError(file: file, problem: "\(at) has an empty alias")
            }
        }
        func requireDivision(_ name: String, _ what: String) throws(ClassifierDataError) {
            guard names.contains(name) else {
                throw ClassifierDataError(file: file, problem: "\(what) names \"\(name)\", which is not a division in this gazetteer")
            }
        }
        for (index, entry) in divisions.enumerated() {
            let at = "divisions[\(index)] (\(entry.name))"
            if entry.level == .subdistrict || entry.level == .town { try requireDivision(entry.parent, "\(at).parent") }
            if let successor = entry.successor { try requireDivision(successor, "\(at).successor") }
            if let former = entry.formerParent {
                try requireDivision(former, "\(at).former_parent")
                guard entry.formerParentUntil != nil else {
                    throw ClassifierDataError(file: file, problem: "\(at) has former_parent without former_parent_until")
                }
            }
            for alias in entry.aliases ?? [] {
                for context in alias.requiresContext { try requireDivision(context, "\(at) alias \(alias.alias) requires_context") }
            }
        }
        for (index, prior) in (paperPriors ?? []).enumerated() {
            guard !prior.paper.isEmpty else { throw ClassifierDataError(file: file, problem: "paper_priors[\(index)] has an empty paper name") }
            try requireDivision(prior.division, "paper_priors[\(index)].division")
        }
    }

    /// This file with `extension`'s divisions replacing same-named ones and the rest appended.
    func merged(with extension: GazetteerFile) -> GazetteerFile {
        var result = self
        for entry in `extension`.divisions {
            if let index = result.divisions.firstIndex(where: { $0.name == entry.name }) {
                result.divisions[index] = entry
            } else {
                result.divisions.append(entry)
            }
        }
        result.paperPriors = (`extension`.paperPriors ?? []) + (paperPriors ?? [])
        return result
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
        // the UTF-8 view through its iterator cost several times more.
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
