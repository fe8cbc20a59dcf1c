/// Size caps that keep one hostile blob from exhausting the worker's memory.
public struct DecodeLimits: Sendable {
    /// The largest blob accepted as stored (compressed). Default: 32 MiB.
    public var maxBlobBytes: Int = 32 << 20
    /// The most bytes a blob may inflate to; inflation stops as soon as it passes this, so a zip bomb
    /// costs at most this much memory. Default: 64 MiB.
    public var maxInflatedBytes: Int = 64 << 20

    public init(maxBlobBytes: Int = 32 << 20, maxInflatedBytes: Int = 64 << 20) {
        self.maxBlobBytes = maxBlobBytes
        self.maxInflatedBytes = maxInflatedBytes
    }
}
