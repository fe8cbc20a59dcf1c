import PageModel

/// Reads `Resources/china-gazetteer.tsv`, the national gazetteer that `Tools/gazetteer` generates
/// (its docstring specifies the line format). A line format rather than JSON because the file
/// holds about 43,000 divisions and is read at every worker start: splitting lines costs a few
/// milliseconds where a JSON decoder would build a dictionary per division.
enum NationalGazetteerFile {
    static func records(from bytes: [UInt8], file: String) throws(ClassifierDataError) -> [DivisionRecord] {
        var records: [DivisionRecord] = []
        records.reserveCapacity(45_000)
        var byCode: [String: Int] = [:]
        var province: Int?
        var prefecture: Int?
        var townOwner: Int?
        var lineNumber = 0
        // One list of fields reused for every line: splitting each line into a new array of
        // slices and mapping it into another of strings allocated twice per line.
        var fields: [String] = []
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let kind = line.first, kind != UInt8(ascii: "#") else { continue }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = line.startIndex
            for index in line.indices where line[index] == UInt8(ascii: "\t") {
                fields.append(String(decoding: line[fieldStart..<index], as: UTF8.self))
                fieldStart = index + 1
            }
            fields.append(String(decoding: line[fieldStart...], as: UTF8.self))
            func field(_ index: Int) -> String? { index < fields.count && !fields[index].isEmpty ? fields[index] : nil }
            func bad(_ problem: String) -> ClassifierDataError {
                ClassifierDataError(file: file, problem: "line \(lineNumber): \(problem); regenerate it with Tools/gazetteer")
            }
            switch kind {
            case UInt8(ascii: "P"), UInt8(ascii: "C"), UInt8(ascii: "D"):
                guard let code = field(1), let name = field(2) else { throw bad("expected kind, code, name, short") }
                let level: DivisionLevel
                let parent: Int?
                switch kind {
                case UInt8(ascii: "P"): level = .province; parent = nil
                case UInt8(ascii: "C"): level = .prefecture; parent = province
                default: level = UTF8Key.hasSuffix(name, "区") ? .district : .county; parent = prefecture ?? province
                }
                let index = records.count
                records.append(DivisionRecord(name: name, level: level, code: code, parent: parent, shortName: field(3)))
                byCode[code] = index
                switch kind {
                case UInt8(ascii: "P"): province = index; prefecture = nil; townOwner = nil
                case UInt8(ascii: "C"): prefecture = index; townOwner = index
                default: townOwner = index
                }
            case UInt8(ascii: "S"):
                prefecture = nil
                townOwner = nil
            case UInt8(ascii: "T"):
                guard let owner = townOwner else { throw bad("towns without a county or prefecture before them") }
                if records[owner].level == .prefecture { records[owner].hasTownsDirectly = true }
                for name in fields.dropFirst() where !name.isEmpty {
                    records.append(DivisionRecord(name: name, level: UTF8Key.hasSuffix(name, "街道") ? .subdistrict : .town,
                                                  code: nil, parent: owner))
                }
            case UInt8(ascii: "H"):
                guard let levelName = field(1), let level = DivisionLevel(rawValue: levelName), let name = field(2),
                    let until = field(5), let successorCode = field(6), let successor = byCode[successorCode]
                else { throw bad("expected H, level, name, short, parent code, until, successor code") }
                var record = DivisionRecord(
                    name: name, level: level == .county && UTF8Key.hasSuffix(name, "区") ? .district : level,
                    code: records[successor].code, parent: field(4).flatMap { byCode[$0] }, shortName: field(3))
                record.codeVerified = false
                record.validUntil = until
                record.successor = successor
                // A rename (襄樊市 → 襄阳市, 平泉县 → 平泉市) makes the new division begin that day, so
                // that older articles name the old one; a merger into a division that existed
                // before (下城区 → 拱墅区) does not, and the source does not say which it was, so
                // only prefecture renames and same-stem county renames are taken as beginnings.
                if records[successor].validFrom == nil, level == .prefecture || (record.shortName != nil && record.shortName == records[successor].shortName) {
                    records[successor].validFrom = until
                }
                records.append(record)
            default:
                throw bad("unknown record kind")
            }
        }
        return records
    }
}
