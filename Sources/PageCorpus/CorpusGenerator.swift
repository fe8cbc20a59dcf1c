import PageDecode

/// Generates the corpus: page `i` depends only on the seed and `i`, so pages can be produced in any
/// order, in parallel, or one at a time, and are identical across runs and machines.
public struct CorpusGenerator: Sendable {
    public let options: CorpusOptions
    private let decisions: DecisionSequence

    public init(options: CorpusOptions) {
        self.options = options
        self.decisions = DecisionSequence(seed: options.seed)
    }

    public func pages() -> some Sequence<CorpusPage> {
        (0..<max(0, options.count)).lazy.map { page(at: $0) }
    }

    public func page(at index: Int) -> CorpusPage {
        var random = SeededRandom(seed: options.seed, stream: UInt64(truncatingIfNeeded: index))
        let plan = PagePlan.make(index: index, random: &random)
        let format = options.formats.format(at: decisions.unit(.format, index))
        let broken: CorpusExpectation.BrokenReason? = decisions.unit(.broken, index) < options.brokenFraction
            ? CorpusExpectation.BrokenReason.allCases[min(3, Int(decisions.unit(.brokenReason, index) * 4))] : nil
        let isGBK = decisions.unit(.charset, index) < options.gbkFraction
        var compression = compressionChoice(index)

        var builder = PageBuilder(plan: plan, format: format, isGBK: isGBK, random: random)
        switch broken {
        case .truncatedGzip?:
            compression = .gzip
            builder.format = .founderArticle
        case .binaryGarbage?:
            compression = .none
        case .missingTitle?, .wrongCharset?:
            builder.format = .founderArticle
        case nil:
            break
        }
        return builder.build(compression: compression, broken: broken)
    }

    private func compressionChoice(_ index: Int) -> BlobCompression {
        let unit = decisions.unit(.compression, index)
        guard options.compressedFraction > 0, unit < options.compressedFraction else { return .none }
        let within = unit / options.compressedFraction
        return within < 0.75 ? .gzip : within < 0.95 ? .zlib : .deflate
    }
}

/// Per-page decisions in `[0, 1)` from additive recurrences (`offset + i·α mod 1`), one irrational `α`
/// per decision. Unlike independent draws they hit the requested fractions within about 1/count, so
/// even a 20-page corpus has its share of broken or GBK pages.
struct DecisionSequence: Sendable {
    enum Decision: Int, CaseIterable { case broken, format, compression, charset, brokenReason }

    private static let steps = [0.6180339887498949, 0.41421356237309515, 0.7320508075688772, 0.14159265358979312, 0.6457513110645907]
    private let offsets: [Double]

    init(seed: UInt64) {
        var mixer = seed
        offsets = Decision.allCases.map { _ in Double(SeededRandom.splitMix(&mixer) >> 11) / Double(1 << 53) }
    }

    func unit(_ decision: Decision, _ index: Int) -> Double {
        let value = offsets[decision.rawValue] + Double(index + 1) * Self.steps[decision.rawValue]
        return value - value.rounded(.down)
    }
}
