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
    /// How long one page may take, from its blob to its events (a large page's time starts once
    /// it holds its `LargePageGate` permit). A page still being worked on
    /// then fails as `parse/tooSlow` (the worker dead-letters it), so no page holds a lane, and
    /// its partition's commits, for longer. Real pages take milliseconds and a 30 MB page about
    /// 0.4 s, so the default leaves room for a loaded machine while bounding a page shaped to be
    /// slow. Default: 5 seconds.
    public var maxPageDuration: Duration
    /// Pages whose blob or inflated text is larger than this need one of `largePages` permits,
    /// shared by every lane (see `LargePageGate`). Default: 1 MiB.
    public var smallPageBytes: Int = LargePageGate.defaultSmallPageBytes
    /// How many large pages are decoded and parsed at once across all lanes. Default: 1.
    public var largePages: Int = 1
    /// Runs after each large page, once its memory is freed. Default: nothing.
    public var afterLargePage: (@Sendable () -> Void)? = nil
    /// A section-taxonomy file whose rules are tried before the bundled ones. Default: none.
    public var sectionsFile: String?
    /// A gazetteer file extending the bundled one. Default: none.
    public var gazetteerFile: String?
    /// A topic model file (`pagepipe topic-model train`) used instead of the bundled one. Default: none.
    public var topicModelFile: String?

    public static let defaultMaxPageDuration = Duration.seconds(5)

    public init(
        limits: DecodeLimits = DecodeLimits(), parseLimits: ParseLimits = ParseLimits(),
        maxPageDuration: Duration = PageCoreConfiguration.defaultMaxPageDuration, sectionsFile: String? = nil, gazetteerFile: String? = nil,
        topicModelFile: String? = nil
    ) {
        self.limits = limits
        self.parseLimits = parseLimits
        self.maxPageDuration = maxPageDuration
        self.sectionsFile = sectionsFile
        self.gazetteerFile = gazetteerFile
        self.topicModelFile = topicModelFile
    }
}
