import PageDecode
import PageParse

/// Settings of the page core, shared by `pagepipe parse`, the worker and the benchmarks.
public struct PageCoreConfiguration: Sendable {
    /// Size caps that keep a hostile blob from exhausting memory.
    /// Default: 32 MiB per blob, 64 MiB once inflated.
    public var limits: DecodeLimits
    /// Caps on a page's structure that keep a flood of tags or lines from exhausting memory.
    /// Default: 200,000 HTML nodes, 50,000 text lines.
    public var parseLimits: ParseLimits
    /// A section-taxonomy file whose rules are tried before the bundled ones. Default: none.
    public var sectionsFile: String?
    /// A gazetteer file extending the bundled one. Default: none.
    public var gazetteerFile: String?
    /// A topic model file (`pagepipe topic-model train`) used instead of the bundled one. Default: none.
    public var topicModelFile: String?

    public init(
        limits: DecodeLimits = DecodeLimits(), parseLimits: ParseLimits = ParseLimits(), sectionsFile: String? = nil, gazetteerFile: String? = nil,
        topicModelFile: String? = nil
    ) {
        self.limits = limits
        self.parseLimits = parseLimits
        self.sectionsFile = sectionsFile
        self.gazetteerFile = gazetteerFile
        self.topicModelFile = topicModelFile
    }
}
