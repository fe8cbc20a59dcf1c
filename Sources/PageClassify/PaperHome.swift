import ByteText

/// The division a paper covers, the prior against which an article's ambiguous names are read:
/// 杨浦时报 → 杨浦区, 长春日报 → 长春市, 湖北日报 → 湖北省; national papers (人民日报) have none.
enum PaperHome {
    /// The `paper_priors` entry for a paper: nil when none lists it, `.some(nil)` for a national paper.
    static func listed(_ paper: String, in tables: GazetteerTables) -> Int?? {
        UTF8Bytes.withBytes(paper) { bytes -> Int?? in
            for prior in tables.paperPriors where UTF8Bytes.contains(bytes, prior.paper) { return .some(prior.division) }
            return nil
        }
    }

    /// For a paper `listed` does not know: the one place the names found in the paper's name name
    /// at province, prefecture or county level (the deepest when they nest: 甘肃平凉日报 → 平凉市). A
    /// name that could be several places (新华 is three districts' short form) makes no home.
    static func home(names: [FoundName], tables: GazetteerTables, date: Int?) -> Int? {
        var places: [Int] = []
        for name in names {
            let candidates = tables.candidates(of: name.pattern, on: date).filter { candidate in
                !tables.levels[candidate.division].isTownLevel && !candidate.target.hasExplicitContext
            }
            guard candidates.count == 1 else { continue }
            if !places.contains(candidates[0].division) { places.append(candidates[0].division) }
        }
        guard let deepest = places.max(by: { tables.chain(of: $0, on: date).count < tables.chain(of: $1, on: date).count }) else { return nil }
        let chain = tables.chain(of: deepest, on: date)
        return places.allSatisfy(chain.contains) ? deepest : nil
    }
}
