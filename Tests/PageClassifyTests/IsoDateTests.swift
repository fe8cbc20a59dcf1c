import PageModel
import Testing

@testable import PageClassify

@Suite struct IsoDateTests {
    @Test func keysOrderLikeTheDates() {
        #expect(IsoDate.key("2015-11-04") == 20151104)
        #expect(IsoDate.leadingKey("2015-11-04T08:00") == 20151104)
        #expect(IsoDate.leadingKey("2015-11-4") == nil)
        #expect(IsoDate.leadingKey("") == nil)
        #expect(IsoDate.leadingKey(nil) == nil)
    }

    /// `leadingKey` is the one-pass form of `leading(_:).map(key)`.
    @Test func leadingKeyAgreesWithLeading() {
        let pieces = ["2", "0", "1", "9", "-", "T", " ", "年", "０"]
        var random = SplitMix64(seed: 0xDA7E)
        for round in 0..<5000 {
            var text = (0..<Int(random.next() % 14)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            if random.next() % 2 == 0 { text = "2019-05-1" + text }
            let expected = IsoDate.leading(text).map(IsoDate.key)
            #expect(IsoDate.leadingKey(text) == expected, "round \(round): \(text)")
            if IsoDate.leadingKey(text) != expected { return }
        }
    }
}
