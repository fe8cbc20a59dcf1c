import PageCore
import PageDecode
import Testing

@testable import PageCorpus

/// Corpus pages damaged the way real crawls and hostile senders damage them: cut, spliced,
/// flooded with markup, references and page labels. Every one must come out as events or as a
/// typed error. A trap here is a page that would crash every worker it is redelivered to; one
/// such page (a dated footer that also read as a page label) was found this way, and these 6,000
/// damaged pages reproduce it when that fix is reverted.
@Suite struct MutatedPageTests {
    static let pieces: [String] = [
        "<", ">", "\"", "'", "</td>", "<td class=font01>", "<td class=font02>", "<!--", "-->", "<script>", "</script>",
        "&#", "&#x", "&amp", "&#12345;", "&#x7248;", "&nbsp;", "<a href=", "</a>", "版", "第", "<!--enpproperty",
        "/enpproperty-->", "<founder-content>", "</founder-content>", "<founder-title>", "<p>", "</p>", "\u{3000}\u{3000}",
        "\u{FFFD}", "第07版：", "第A01版", "2013-06-27", "2013年6月27日", "view(\"", "\")", "<br>", "\n", "\t",
        "<div id=mp1>", "content_1.htm", "node_2.htm", "<!--enpcontent-->", "<!--/enpcontent-->", "■记者 ", "本报讯 ",
        "本版责编", "上一版", "下一篇", "<li>", "<table>", "</table>", "<tr>", "<area href=\"content_9.htm\">",
        "<a id=pageLink href=node_1.htm>", "<founder-date>", "<founder-type>1</founder-type>", "<founder-type>2</founder-type>",
        "<title>", "</title>", "五角场镇", "平凉", "杨浦区", "<h1>", "<h3>", "<div class=\"date\">",
    ]

    /// Up to fifteen edits at random places, on Unicode scalars so the text stays valid.
    static func mutate(_ text: String, _ random: inout SeededRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<random.int(1...15) {
            if scalars.isEmpty { scalars = ["<"] }
            let at = random.below(scalars.count)
            let edit = random.unit()
            if edit < 0.15 {
                let replacement = [random.int(0x20...0x7E), random.int(0x4E00...0x9FFF), random.int(0x01...0x1F), 0x3000][random.below(4)]
                scalars[at] = Unicode.Scalar(UInt32(replacement))!
            } else if edit < 0.35 {
                scalars.removeSubrange(at..<min(scalars.count, at + random.int(1...200)))
            } else if edit < 0.7 {
                let piece = String(repeating: random.pick(pieces), count: random.int(1...3))
                scalars.insert(contentsOf: piece.unicodeScalars, at: at)
            } else if edit < 0.85 {
                let from = random.below(scalars.count)
                scalars.insert(contentsOf: Array(scalars[from..<min(scalars.count, from + random.int(1...400))]), at: at)
            } else if edit < 0.9 {
                scalars.removeSubrange(at...)
            } else {
                let piece = String(repeating: random.pick(pieces), count: random.int(50...2000))
                scalars.insert(contentsOf: piece.unicodeScalars, at: at)
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    @Test func mutatedPagesGiveEventsOrTypedErrors() throws {
        let corpus = CorpusGenerator(options: CorpusOptions(count: 300, seed: 2026, brokenFraction: 0))
        let processor = try PageProcessor()
        var random = SeededRandom(seed: 2026)
        var events = 0
        var errors = 0
        for index in 0..<corpus.options.count {
            let page = corpus.page(at: index)
            let text = try processor.decoder.decode(page.blob, hints: page.hints).text
            for _ in 0..<20 {
                do throws(PageError) {
                    let produced = try processor.process(text: Self.mutate(text, &random), source: .file(path: page.fileName))
                    #expect(produced.count == 1, "\(page.fileName)")
                    events += 1
                } catch {
                    #expect(!error.description.isEmpty)
                    errors += 1
                }
            }
        }
        // Most damage leaves a page readable; the rest is refused with a reason, never a trap.
        #expect(events > errors)
        #expect(errors > 0)
    }
}
