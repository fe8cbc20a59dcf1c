/// Caps on a page's structure. The decoder caps bytes, but bytes are not what parsing costs: 64 MiB
/// of `<b>` (a 61 KB gzip blob) is 22 million elements, half a GB of element tree and seven seconds
/// of one core, and 30 million one-letter lines cost 1.9 GB. A worker with a 1 GiB memory limit
/// would be killed, and killed again on every redelivery. Real pages are far below these caps (the
/// 52 KB People's Daily node page has about 1,600 nodes; a text rendering, under a hundred lines).
public struct ParseLimits: Sendable, Equatable {
    /// Elements, text runs and comments of an HTML page. Default: 200,000 (about 5 MB of tree).
    public var maxNodes: Int
    /// Non-empty lines of a plain-text page. Default: 50,000.
    public var maxLines: Int

    public init(maxNodes: Int = 200_000, maxLines: Int = 50_000) {
        self.maxNodes = maxNodes
        self.maxLines = maxLines
    }
}
