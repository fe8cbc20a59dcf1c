import PageModel

/// Maps a printed page (its name and number) to a section of the taxonomy.
///
/// The taxonomy is data. `Resources/sections.json` is the bundled one; a user file in the same
/// format extends it (`extended(withFile:)`), and its rules are tried before the bundled ones.
///
/// File format (UTF-8 JSON):
/// ```json
/// {
///   "format": "pagepipe.sections/v1",
///   "sections": [ {"slug": "city", "name": "城事", "description": "City affairs …"} ],
///   "rules": [
///     {"match": "exact",       "pattern": "一版要闻", "slug": "front", "priority": 100},
///     {"match": "contains",    "pattern": "之窗",     "slug": "local", "priority": 60},
///     {"match": "page_number", "pattern": "1",        "slug": "front", "priority": 1}
///   ]
/// }
/// ```
/// - `sections`: slugs with a display name (used when a page prints no name) and a description.
///   A user file may add slugs or rename existing ones; it may omit `sections` entirely.
/// - `rules`: `exact` compares the trimmed page name, `contains` looks for the pattern inside it,
///   `page_number` compares the normalised page number (`01` → `1`, `a01` → `A01`) and is only
///   tried when no name rule of any file matched. Within one file the highest `priority` wins and
///   ties keep file order; files are tried newest extension first, the bundled file last.
/// - A page no rule recognises is `Section(slug: "other", name: <raw page name or 其他>)`.
public struct SectionTaxonomy: Sendable {
    static let otherSlug = "other"

    /// Rule sets, most recently added file first; each sorted by priority, then file order.
    private let ruleSets: [[CompiledRule]]
    private let displayNames: [String: String]
    /// Every slug in definition order (bundled first, then each extension's new ones).
    public let slugs: [String]

    private struct CompiledRule: Sendable {
        var kind: SectionRule.Kind
        var pattern: [UInt8]
        var slug: String
    }

    /// The taxonomy shipped in `Resources/sections.json`.
    public static func bundled() throws(ClassifierDataError) -> SectionTaxonomy {
        let resource = try ClassifierDataError.readBundledResource("sections")
        return try SectionTaxonomy(json: resource.bytes, file: resource.label)
    }

    public init(json: [UInt8]) throws(ClassifierDataError) {
        try self.init(json: json, file: ClassifierDataError.inMemory)
    }

    init(json: [UInt8], file: String) throws(ClassifierDataError) {
        let decoded = try ClassifierDataError.decode(SectionTaxonomyFile.self, from: json, file: file)
        try decoded.validate(file: file, knownSlugs: [])
        self.init(ruleSets: [], displayNames: [:], slugs: [], adding: decoded)
    }

    private init(ruleSets: [[CompiledRule]], displayNames: [String: String], slugs: [String], adding file: SectionTaxonomyFile) {
        var names = displayNames
        var allSlugs = slugs
        for section in file.sections ?? [] {
            if names.updateValue(section.name, forKey: section.slug) == nil { allSlugs.append(section.slug) }
        }
        let ordered = (file.rules ?? []).enumerated().sorted { left, right in
            left.element.priority != right.element.priority
                ? left.element.priority > right.element.priority : left.offset < right.offset
        }
        let compiled = ordered.map { entry in
            let rule = entry.element
            let pattern = rule.match == .pageNumber
                ? PageRef.normalizedNumber(rule.pattern) : rule.pattern.trimmingWhitespace()
            return CompiledRule(kind: rule.match, pattern: Array(pattern.utf8), slug: rule.slug)
        }
        self.ruleSets = [compiled] + ruleSets
        self.displayNames = names
        self.slugs = allSlugs
    }

    /// Loads a user's taxonomy file (same JSON format); its rules are tried before the bundled ones.
    public func extended(withFile path: String) throws(ClassifierDataError) -> SectionTaxonomy {
        let bytes = try ClassifierDataError.readFile(atPath: path)
        let decoded = try ClassifierDataError.decode(SectionTaxonomyFile.self, from: bytes, file: path)
        try decoded.validate(file: path, knownSlugs: Set(slugs))
        return SectionTaxonomy(ruleSets: ruleSets, displayNames: displayNames, slugs: slugs, adding: decoded)
    }

    /// The display name of a slug (`城事` for `city`), nil for a slug the taxonomy does not define.
    public func displayName(forSlug slug: String) -> String? { displayNames[slug] }

    /// The section for a printed page; unknown names map to slug "other" and keep the raw name.
    public func section(forPageName name: String?, pageNumber: String?) -> Section {
        var printed = name.map(Self.trimmed) ?? ""
        var slug: String?
        if !printed.isEmpty {
            slug = printed.withUTF8 { nameBytes in
                firstMatch { rule in
                    switch rule.kind {
                    case .exact: ByteSearch.equal(rule.pattern, nameBytes)
                    case .contains: ByteSearch.contains(rule.pattern, in: nameBytes)
                    case .pageNumber: false
                    }
                }
            }
        }
        if slug == nil, let pageNumber {
            var number = PageRef.normalizedNumber(pageNumber)
            slug = number.withUTF8 { number in
                firstMatch { rule in rule.kind == .pageNumber && ByteSearch.equal(rule.pattern, number) }
            }
        }
        guard let slug, slug != Self.otherSlug else {
            return Section(slug: Self.otherSlug, name: printed.isEmpty ? (displayNames[Self.otherSlug] ?? "其他") : printed)
        }
        return Section(slug: slug, name: printed.isEmpty ? (displayNames[slug] ?? slug) : printed)
    }

    /// `name.trimmingWhitespace()`, skipped when it cannot change the name: that trim walks
    /// grapheme clusters and cost more than all the rules. A name that starts with a character
    /// from U+4000–U+9FFF (CJK) or printable ASCII has no leading whitespace; one that ends with
    /// such a character has no trailing whitespace either, because those characters never extend
    /// a preceding cluster (they are not Extend, SpacingMark or ZWJ), so the last cluster starts
    /// with them or with a Prepend mark, and neither is whitespace.
    static func trimmed(_ name: String) -> String {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last else { return name }
        func isPlainLead(_ byte: UInt8) -> Bool {
            (byte > 0x20 && byte < 0x7F) || (byte >= 0xE4 && byte <= 0xE9)
        }
        let endsPlain = (last > 0x20 && last < 0x7F)
            || (bytes.count >= 3 && bytes[bytes.index(bytes.endIndex, offsetBy: -3)] >= 0xE4
                && bytes[bytes.index(bytes.endIndex, offsetBy: -3)] <= 0xE9)
        return isPlainLead(first) && endsPlain ? name : name.trimmingWhitespace()
    }

    private func firstMatch(where matches: (CompiledRule) -> Bool) -> String? {
        for rules in ruleSets {
            if let rule = rules.first(where: matches) { return rule.slug }
        }
        return nil
    }
}
