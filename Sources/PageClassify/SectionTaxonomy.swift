import ByteText
import PageModel

/// Names the section of an article or a printed page: from the page's name, else its number,
/// else (articles only) from the article's own text.
///
/// The taxonomy is data. `Resources/sections.json` is the bundled one; a user file in the same
/// format extends it (`extended(withFile:)`), and its rules and cues are tried before the bundled ones.
///
/// File format (UTF-8 JSON):
/// ```json
/// {
///   "format": "pagepipe.sections/v1",
///   "sections": [ {"slug": "city", "name": "城事", "description": "City affairs …"} ],
///   "rules": [
///     {"match": "exact",       "pattern": "一版要闻", "slug": "front", "priority": 100},
///     {"match": "contains",    "pattern": "要闻",     "slug": "front", "priority": 110, "pages": ["1", "A1"]},
///     {"match": "contains",    "pattern": "之窗",     "slug": "local", "priority": 60},
///     {"match": "suffix",      "pattern": "新闻",     "slug": "local", "priority": 10},
///     {"match": "page_number", "pattern": "1",        "slug": "front", "priority": 1}
///   ],
///   "cues": [ {"slug": "opinion", "weight": 3, "terms": ["评论员", "社论"]} ]
/// }
/// ```
/// - `sections`: slugs with a display name (used when a page prints no name) and a description.
///   A user file may add slugs or rename existing ones; it may omit `sections` entirely.
/// - `rules` read the page. The name is trimmed and its inner spaces dropped (`综 合` is `综合`);
///   a generic name, the page's number in words (`旅游报01版`, `A3版`, `A03`), matches no name rule.
///   `exact` compares the whole name, `contains` looks for the pattern inside it, `suffix` at its
///   end; `pages`, when given, limits a name rule to those page numbers. `page_number` compares the
///   normalised page number (`01` → `1`, `a01` → `A01`) and is only tried when no name rule of any
///   file matched. Within one file the highest `priority` wins and ties keep file order; files are
///   tried newest extension first, the bundled file last.
/// - `cues` read the article, and only when no rule named the page's section: terms that speak
///   for a section wherever the article's byline, title, kicker, subtitle or body uses them; see
///   `SectionCues` for the scoring. The section then says `source: content` and lists the cues.
///   The bundled file keeps only the cues a byline or a notice makes certain (opinion, ads): what
///   an article is about is the topic model's call (`TopicModel`), which `section(for:topic:)` falls back to.
/// - What nothing recognises is `Section(slug: "other", name: <raw page name or 其他>, source: .none)`.
public struct SectionTaxonomy: Sendable {
    static let otherSlug = "other"

    /// Rule sets, most recently added file first; each sorted by priority, then file order.
    private let ruleSets: [[CompiledRule]]
    private let displayNames: [String: String]
    /// Every slug in definition order (bundled first, then each extension's new ones).
    public let slugs: [String]
    /// Every file's cue sets, most recently added file first.
    private let cueSets: [SectionCueSet]
    private let cues: SectionCues

    /// A class, shared rather than copied: every page's lookup tries some ninety rules, and each
    /// try copied the struct's four reference-counted fields.
    private final class CompiledRule: Sendable {
        let kind: SectionRule.Kind
        /// The pattern as written, for the evidence.
        let term: String
        /// The pattern's bytes as names are compared: inner spaces dropped, page numbers normalised.
        let pattern: [UInt8]
        let slug: String
        /// Normalised page numbers the rule is limited to; nil for every page.
        let pages: [String]?
        /// `byteMask(pattern)`: a name lacking one of these bits cannot contain the pattern.
        let byteMask: UInt64

        init(kind: SectionRule.Kind, term: String, pattern: [UInt8], slug: String, pages: [String]?, byteMask: UInt64) {
            self.kind = kind
            self.term = term
            self.pattern = pattern
            self.slug = slug
            self.pages = pages
            self.byteMask = byteMask
        }
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
        self.init(ruleSets: [], displayNames: [:], slugs: [], cueSets: [], adding: decoded)
    }

    private init(ruleSets: [[CompiledRule]], displayNames: [String: String], slugs: [String], cueSets: [SectionCueSet], adding file: SectionTaxonomyFile) {
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
                ? Array(PageRef.normalizedNumber(rule.pattern).utf8) : Self.comparable(Array(rule.pattern.trimmingWhitespace().utf8))
            return CompiledRule(kind: rule.match, term: rule.pattern.trimmingWhitespace(), pattern: pattern, slug: rule.slug,
                                pages: rule.pages.map { $0.map { PageRef.normalizedNumber($0) } },
                                byteMask: pattern.withUnsafeBufferPointer(Self.byteMask))
        }
        self.ruleSets = [compiled] + ruleSets
        self.displayNames = names
        self.slugs = allSlugs
        self.cueSets = (file.cues ?? []) + cueSets
        self.cues = SectionCues(definitions: self.cueSets)
    }

    /// Loads a user's taxonomy file (same JSON format); its rules and cues are tried before the bundled ones.
    public func extended(withFile path: String) throws(ClassifierDataError) -> SectionTaxonomy {
        let bytes = try ClassifierDataError.readFile(atPath: path)
        let decoded = try ClassifierDataError.decode(SectionTaxonomyFile.self, from: bytes, file: path)
        try decoded.validate(file: path, knownSlugs: Set(slugs))
        return SectionTaxonomy(ruleSets: ruleSets, displayNames: displayNames, slugs: slugs, cueSets: cueSets, adding: decoded)
    }

    /// The display name of a slug (`城事` for `city`), nil for a slug the taxonomy does not define.
    public func displayName(forSlug slug: String) -> String? { displayNames[slug] }

    /// The section of a printed page (a node page), from its name and number only.
    public func section(forPageName name: String?, pageNumber: String?) -> Section {
        let printed = name.map(Self.trimmed) ?? ""
        return fromPage(printed: printed, pageNumber: pageNumber) ?? unrecognised(printed)
    }

    /// The section of an article: its page's name or number when a rule knows them (`source: page`);
    /// else its byline's cues (本报评论员 → opinion, 遗失声明 → ads) or else its topic, when the
    /// topic names a section of the taxonomy with probability at least `topicThreshold`
    /// (`source: content`); else `other` (`source: none`). Without a threshold the topic is only evidence.
    public func section(for article: ParsedArticle, topic: Topic? = nil, topicThreshold: Double = .infinity) -> Section {
        let printed = article.page?.name.map(Self.trimmed) ?? ""
        if let section = fromPage(printed: printed, pageNumber: article.page?.number) { return section }
        let topicEvidence = topic.map { [SectionEvidence(field: "topic", term: $0.slug, count: 1, p: $0.p)] } ?? []
        if let named = cues.section(of: article) {
            let name = printed.isEmpty ? (displayNames[named.slug] ?? named.slug) : printed
            return Section(slug: named.slug, name: name, source: .content, evidence: named.evidence + topicEvidence)
        }
        if let topic, topic.p >= topicThreshold, let display = displayNames[topic.slug], topic.slug != Self.otherSlug {
            return Section(slug: topic.slug, name: printed.isEmpty ? display : printed, source: .content, evidence: topicEvidence)
        }
        return unrecognised(printed)
    }

    /// The article's cue scores by slug, best first: what `section(for:)` weighed when the page
    /// did not decide (for evaluation reports).
    func contentScores(of article: ParsedArticle) -> [(slug: String, score: Double)] {
        cues.scores(of: article)
    }

    private func unrecognised(_ printed: String) -> Section {
        Section(slug: Self.otherSlug, name: printed.isEmpty ? (displayNames[Self.otherSlug] ?? "其他") : printed, source: .none)
    }

    /// The section a rule gives the page, nil when none does.
    private func fromPage(printed: String, pageNumber: String?) -> Section? {
        // Normalised only when a rule needs it: most names match a rule with no page limit.
        var normalized: String??
        func number() -> String? {
            if let normalized { return normalized }
            let number = pageNumber.map(PageRef.normalizedNumber)
            normalized = .some(number)
            return number
        }
        var matched: CompiledRule?
        var evidence: SectionEvidence?
        if !printed.isEmpty {
            matched = UTF8Bytes.withBytes(printed) { printedBytes in
                Self.withComparableName(printedBytes) { name -> CompiledRule? in
                    // Some ninety rules per name: the mask rules out nearly all without reading them.
                    let nameMask = Self.byteMask(name)
                    return firstMatch { rule in
                        guard rule.byteMask & ~nameMask == 0 else { return false }
                        if let pages = rule.pages, !pages.contains(where: { $0 == number() }) { return false }
                        return switch rule.kind {
                        case .exact: UTF8Bytes.equals(name, rule.pattern)
                        case .contains: UTF8Bytes.contains(name, rule.pattern)
                        case .suffix: UTF8Bytes.hasSuffix(name, rule.pattern)
                        case .pageNumber: false
                        }
                    }
                } ?? nil
            }
            if let matched { evidence = SectionEvidence(field: "page_name", term: matched.term, count: 1) }
        }
        if matched == nil, let number = number() {
            matched = UTF8Bytes.withBytes(number) { number in
                firstMatch { rule in rule.kind == .pageNumber && UTF8Bytes.equals(number, rule.pattern) }
            }
            if let matched { evidence = SectionEvidence(field: "page_number", term: matched.term, count: 1) }
        }
        guard let matched, let evidence else { return nil }
        let name = printed.isEmpty ? (displayNames[matched.slug] ?? matched.slug) : printed
        return Section(slug: matched.slug, name: name, source: .page, evidence: [evidence])
    }

    /// One bit per byte value modulo 64 (for UTF-8 CJK, mostly the six payload bits of each
    /// continuation byte): the bits of a pattern are a subset of those of every text containing it.
    static func byteMask(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask: UInt64 = 0
        for byte in bytes { mask |= 1 &<< UInt64(byte & 63) }
        return mask
    }

    /// `name.trimmingWhitespace()`, skipped when it cannot change the name: that trim walks
    /// grapheme clusters and costs more than all the rules. A name that starts with a character
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

    /// A name's bytes as rules compare them: without the spaces some papers set between the
    /// characters of short names (`国 际`, `综　合`): ASCII space and tab, U+3000, U+00A0.
    static func comparable(_ name: [UInt8]) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(name.count)
        var index = 0
        while index < name.count {
            let width = spaceWidth(name, at: index)
            if width == 0 { kept.append(name[index]); index += 1 } else { index += width }
        }
        return kept
    }

    /// Runs `body` on the comparable form of a page name, or returns nil without running it when
    /// the name is generic: the page's number in words (`旅游报01版`, `A3版`, `第3版`, `A03`) says
    /// nothing about the section.
    static func withComparableName<Result>(_ name: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        // Most names have no space: compare them in place.
        let hasSpace = name.indices.contains { spaceWidth(name, at: $0) > 0 }
        if !hasSpace { return isGeneric(name) ? nil : body(name) }
        let compact = comparable(Array(name))
        return compact.withUnsafeBufferPointer { isGeneric($0) ? nil : body($0) }
    }

    private static func isGeneric(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        func isASCIIAlphanumeric(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 }
        if name.allSatisfy(isASCIIAlphanumeric) { return name.contains { $0 &- 0x30 < 10 } }
        // Ends with a digit and 版 (E7 89 88).
        let count = name.count
        return count >= 4 && name[count - 3] == 0xE7 && name[count - 2] == 0x89 && name[count - 1] == 0x88
            && name[count - 4] &- 0x30 < 10
    }

    private static func spaceWidth<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Bytes.Index) -> Int where Bytes.Index == Int {
        switch bytes[index] {
        case 0x20, 0x09: return 1
        case 0xC2 where index + 1 < bytes.endIndex && bytes[index + 1] == 0xA0: return 2
        case 0xE3 where index + 2 < bytes.endIndex && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return 3
        default: return 0
        }
    }

    private func firstMatch(where matches: (CompiledRule) -> Bool) -> CompiledRule? {
        for rules in ruleSets {
            if let rule = rules.first(where: matches) { return rule }
        }
        return nil
    }
}
