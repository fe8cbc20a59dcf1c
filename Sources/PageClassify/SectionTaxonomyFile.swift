import ByteText

/// The decoded form of a section taxonomy file; see `SectionTaxonomy` for the format.
struct SectionTaxonomyFile: Decodable, Sendable {
    var format: String?
    var sections: [SectionDefinition]?
    var rules: [SectionRule]?
    var cues: [SectionCueSet]?
}

struct SectionDefinition: Decodable, Sendable {
    var slug: String
    /// The display name, used when a page has no printed name.
    var name: String
    var description: String?
}

struct SectionRule: Decodable, Sendable {
    enum Kind: String, Decodable, Sendable {
        /// The whole page name, trimmed, equals the pattern.
        case exact
        /// The page name contains the pattern.
        case contains
        /// The page name ends with the pattern (`浦东新闻` ends with `新闻`).
        case suffix
        /// The page number (normalised like `PageRef.number`) equals the pattern; tried only when no
        /// name rule matched.
        case pageNumber = "page_number"
    }

    var match: Kind
    var pattern: String
    var slug: String
    /// Higher wins among rules of one file; equal priorities keep file order.
    var priority: Int
    /// When set, a name rule applies only on these page numbers (normalised): `要闻` on page 1 is
    /// the front page, on page 2 it is news.
    var pages: [String]?
}

/// Terms in an article's text that speak for one section, all with one weight.
struct SectionCueSet: Decodable, Sendable {
    var slug: String
    var weight: Double
    var terms: [String]
}

extension SectionTaxonomyFile {
    /// Checks what `Decodable` cannot: unique non-empty slugs, non-empty patterns, and rules that
    /// name a slug defined here or in `knownSlugs` (the taxonomy being extended).
    func validate(file: String, knownSlugs: Set<String>) throws(ClassifierDataError) {
        var slugs = knownSlugs
        var seen: Set<String> = []
        for (index, section) in (sections ?? []).enumerated() {
            guard !section.slug.isEmpty else {
                throw ClassifierDataError(file: file, problem: "sections[\(index)] has an empty slug")
            }
            guard seen.insert(section.slug).inserted else {
                throw ClassifierDataError(file: file, problem: "sections[\(index)] repeats the slug \"\(section.slug)\"; each slug is defined once")
            }
            slugs.insert(section.slug)
        }
        for (index, rule) in (rules ?? []).enumerated() {
            guard !rule.pattern.trimmingWhitespace().isEmpty else {
                throw ClassifierDataError(file: file, problem: "rules[\(index)] has an empty pattern, which would match every page")
            }
            guard slugs.contains(rule.slug) else {
                let known = slugs.sorted().joined(separator: ", ")
                throw ClassifierDataError(file: file, problem: "rules[\(index)] names the unknown slug \"\(rule.slug)\"; define it under \"sections\" or use one of: \(known)")
            }
        }
        for (index, set) in (cues ?? []).enumerated() {
            guard slugs.contains(set.slug) else {
                let known = slugs.sorted().joined(separator: ", ")
                throw ClassifierDataError(file: file, problem: "cues[\(index)] names the unknown slug \"\(set.slug)\"; define it under \"sections\" or use one of: \(known)")
            }
            guard set.weight > 0, set.weight.isFinite else {
                throw ClassifierDataError(file: file, problem: "cues[\(index)] has the weight \(set.weight); a cue's weight is a positive number")
            }
            if let empty = set.terms.firstIndex(where: { $0.trimmingWhitespace().isEmpty }) {
                throw ClassifierDataError(file: file, problem: "cues[\(index)].terms[\(empty)] is empty, which would match every article")
            }
        }
        guard slugs.contains(SectionTaxonomy.otherSlug) else {
            throw ClassifierDataError(file: file, problem: "the taxonomy has no \"\(SectionTaxonomy.otherSlug)\" section, which unknown pages need")
        }
    }
}
