/// The features a topic model reads: hashed character n-grams (orders 1 to 3) of an article's own
/// text. Training and prediction both call `forEachFeature`, so a model always sees text the way
/// it was trained to.
///
/// Characters are folded before n-grams are taken: ASCII and full-width letters to lower case,
/// every digit to `0` (a date or a score says little about the topic, the digit pattern a little),
/// and every run of whitespace and punctuation to one separator, which n-grams may span (`。新`
/// marks a sentence start) but never consist of. N-grams are hashed (their scalars packed into 64
/// bits, then mixed) into `2^bucketBits` buckets: no vocabulary to store, and a word the training data
/// never saw costs nothing.
///
/// Only the body's first `bodyScalarBudget` characters are read: the lead says what a report is
/// about, and reading all of a long article would cost more than the rest of its classification.
/// Kicker, title and subtitle are read up to `headingScalarBudget` characters together, so that no
/// page can make an article's integer sums overflow (`TopicModel`).
struct TopicFeatures: Sendable {
    let bucketBits: Int
    let bodyScalarBudget: Int
    static let headingScalarBudget = 200

    static let separator: UInt32 = 0x20

    /// Hands `visitor` each n-gram's bucket, as often as it occurs, and returns how many there were.
    /// A generic visitor rather than a closure: specialised and inlined, it costs no call per
    /// n-gram, which would cost more than the n-gram's hash and weights together.
    @discardableResult
    @inline(__always)
    func forEachFeature<Visitor: TopicFeatureVisitor>(heading: [String], body: [String], into visitor: inout Visitor) -> Int {
        var folder = NGramHasher(bucketBits: bucketBits)
        var headingLeft = Self.headingScalarBudget
        for text in heading where headingLeft > 0 { headingLeft = folder.add(text, budget: headingLeft, &visitor) }
        var remaining = bodyScalarBudget
        for text in body where remaining > 0 { remaining = folder.add(text, budget: remaining, &visitor) }
        return folder.count
    }

    /// The features as an array (training keeps them to revisit each example every epoch).
    func features(heading: [String], body: [String]) -> [Int32] {
        var list = BucketList()
        forEachFeature(heading: heading, body: body, into: &list)
        return list.buckets
    }

    /// `UnicodeScalar` folding, as described on the type.
    static func fold(_ value: UInt32) -> UInt32 {
        var scalar = value
        // Full-width ASCII (Ａ, １, ，) to its ASCII form.
        if scalar >= 0xFF01 && scalar <= 0xFF5E { scalar -= 0xFEE0 }
        switch scalar {
        case 0x30...0x39: return 0x30
        case 0x41...0x5A: return scalar + 0x20
        case 0x61...0x7A: return scalar
        case 0...0x7F: return separator
        // Latin-1 punctuation and spaces, general punctuation (— “ ” …), CJK symbols and
        // punctuation (、。「」《》), full-width forms left after the shift, and U+3000.
        case 0x80...0xBF, 0x2000...0x206F, 0x3000...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFFEF: return separator
        default: return scalar
        }
    }
}

/// What receives an article's n-gram buckets.
protocol TopicFeatureVisitor {
    mutating func visit(_ bucket: Int)
}

private struct BucketList: TopicFeatureVisitor {
    var buckets: [Int32] = []
    mutating func visit(_ bucket: Int) { buckets.append(Int32(bucket)) }
}

/// Rolls the folded scalars of one article's fields into n-gram buckets.
private struct NGramHasher {
    /// 64 − bucket bits: the mixed key's top bits are its bucket.
    let shift: UInt64
    private(set) var count = 0
    private var previous: UInt32 = TopicFeatures.separator
    private var beforePrevious: UInt32 = TopicFeatures.separator

    init(bucketBits: Int) {
        self.shift = UInt64(64 - bucketBits)
    }

    /// Adds up to `budget` scalars of `text`; returns the budget left. Fields are joined by a separator.
    @inline(__always)
    mutating func add<Visitor: TopicFeatureVisitor>(_ text: String, budget: Int, _ visitor: inout Visitor) -> Int {
        var left = budget
        for unicode in text.unicodeScalars {
            guard left > 0 else { break }
            left -= 1
            push(TopicFeatures.fold(unicode.value), &visitor)
        }
        push(TopicFeatures.separator, &visitor)
        return left
    }

    @inline(__always)
    private mutating func push<Visitor: TopicFeatureVisitor>(_ scalar: UInt32, _ visitor: inout Visitor) {
        let separator = TopicFeatures.separator
        if scalar == separator && previous == separator { return }
        if scalar != separator { emit(Self.key(scalar, 0, 0), &visitor) }
        if previous != separator || scalar != separator {
            emit(Self.key(previous, scalar, 0), &visitor)
            if !(previous == separator && beforePrevious == separator) { emit(Self.key(beforePrevious, previous, scalar), &visitor) }
        }
        beforePrevious = previous
        previous = scalar
    }

    @inline(__always)
    private mutating func emit<Visitor: TopicFeatureVisitor>(_ key: UInt64, _ visitor: inout Visitor) {
        count += 1
        // A multiply-xorshift mix (SplitMix64's finaliser, halved); the top bits are the bucket.
        var mixed = (key ^ (key >> 31)) &* 0xBF58_476D_1CE4_E5B9
        mixed ^= mixed >> 29
        mixed = mixed &* 0x94D0_49BB_1331_11EB
        visitor.visit(Int(truncatingIfNeeded: mixed >> shift))
    }

    /// The n-gram's scalars packed 21 bits each (Unicode needs 21): no two n-grams share a key,
    /// since no folded scalar is 0, so a unigram (X, 0, 0) is never a bigram. Fixed, so a model
    /// file stays valid across builds and platforms (Swift's `Hasher` is seeded per process).
    @inline(__always)
    private static func key(_ first: UInt32, _ second: UInt32, _ third: UInt32) -> UInt64 {
        UInt64(first) | UInt64(second) << 21 | UInt64(third) << 42
    }
}
