import Foundation
import PageModel

/// One labelled text for training or evaluating a topic model.
public struct TopicExample: Sendable {
    public var topic: String
    /// Kicker, title, subtitle: read first, up to `TopicFeatures.headingScalarBudget` characters.
    public var heading: [String]
    /// Paragraphs: read up to the model's body budget.
    public var body: [String]
    /// The row's line in its file (1-based), so that rows of one file can be left out of another's use.
    public var line: Int
    /// `lenient` slugs of `eval-cnews-199.tsv` (also acceptable answers); empty elsewhere.
    public var alsoAcceptable: [String] = []

    public init(topic: String, heading: [String], body: [String], line: Int, alsoAcceptable: [String] = []) {
        self.topic = topic
        self.heading = heading
        self.body = body
        self.line = line
        self.alsoAcceptable = alsoAcceptable
    }
}

/// A file of labelled texts, in any of the formats of the news-topics dataset or as
/// article events (JSON lines), with the SHA-256 of its bytes.
///
/// - `slug<TAB>source_label<TAB>title<TAB>text` with that header line (`\n` and `\\` escaped).
/// - `eval-cnews-199.tsv`: `#` comments, then `id line label expected lenient title body`; rows
///   whose `expected` is `-` have no topic and are skipped; `line` is kept (it is the row's line in
///   `cnews-val-1000.tsv`).
/// - `label<TAB>headline+body` with a THUCNews label (`cnewsTopics`); labels with no topic
///   (家居, 时尚, 游戏) are skipped.
/// - JSON lines of `pagepipe.article/v1` events: each event whose section a page rule decided
///   (`section.source == "page"`) is an example of topic = its section slug, unless that slug is a
///   placement rather than a subject (`placementSlugs`). A newsroom's own pages labelled by its editors.
public struct TopicDataSet: Sendable {
    public enum Format: String, Sendable {
        case labelledTitles = "slug/source_label/title/text", evalCnews = "eval-cnews-199", cnews = "label/text", events = "article events"
    }

    public var name: String
    public var format: Format
    public var sha256: String
    public var examples: [TopicExample]

    /// THUCNews channel → topic, as the news-topics dataset's README maps them.
    static let cnewsTopics = ["体育": "sports", "财经": "economy", "房产": "economy", "教育": "education",
                              "科技": "tech", "时政": "news", "娱乐": "culture", "社会": "society"]

    /// Section slugs that say where an article was printed or what kind of text it is, not what it
    /// is about: events with these sections teach no topic.
    public static let placementSlugs: Set<String> = ["front", "other", "special", "opinion", "ads"]

    public init(name: String, format: Format, sha256: String, examples: [TopicExample]) {
        self.name = name
        self.format = format
        self.sha256 = sha256
        self.examples = examples
    }

    public static func read(path: String) throws(ClassifierDataError) -> TopicDataSet {
        let bytes = try ClassifierDataError.readFile(atPath: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var examples: [TopicExample] = []
        let format: Format
        let firstRow = lines.first { !$0.hasPrefix("#") && !$0.isEmpty } ?? ""
        if firstRow.hasPrefix("{") {
            format = .events
            for (index, line) in lines.enumerated() where !line.isEmpty {
                if let example = try eventExample(line, line: index + 1, file: path) { examples.append(example) }
            }
        } else if firstRow.hasPrefix("slug\tsource_label\ttitle\ttext") {
            format = .labelledTitles
            for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 4 else { throw ClassifierDataError(file: path, problem: "line \(index + 1) has \(fields.count) fields, expected 4") }
                let title = unescaped(fields[2]), body = unescaped(fields[3])
                examples.append(TopicExample(topic: String(fields[0]), heading: title.isEmpty ? [] : [title],
                                             body: body.isEmpty ? [] : body.split(separator: "\n").map(String.init), line: index + 1))
            }
        } else if firstRow.hasPrefix("id\tline\tlabel\texpected") {
            format = .evalCnews
            for (index, line) in lines.enumerated() where !line.hasPrefix("#") && !line.hasPrefix("id\t") && !line.isEmpty {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 7 else { throw ClassifierDataError(file: path, problem: "line \(index + 1) has \(fields.count) fields, expected 7") }
                guard fields[3] != "-" else { continue }
                examples.append(TopicExample(topic: String(fields[3]), heading: [String(fields[5])], body: [String(fields[6])],
                                             line: Int(fields[1]) ?? 0,
                                             alsoAcceptable: fields[4] == "-" ? [] : fields[4].split(separator: ",").map(String.init)))
            }
        } else {
            format = .cnews
            for (index, line) in lines.enumerated() where !line.isEmpty {
                let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                guard fields.count == 2 else { throw ClassifierDataError(file: path, problem: "line \(index + 1) is not label<TAB>text, slug<TAB>source_label<TAB>title<TAB>text, the eval-cnews-199 format or a JSON event") }
                guard let topic = cnewsTopics[String(fields[0])] else { continue }
                // The headline is glued to the body: all of it is read as body.
                examples.append(TopicExample(topic: topic, heading: [], body: [String(fields[1])], line: index + 1))
            }
        }
        return TopicDataSet(name: name, format: format, sha256: SHA256.hex(bytes), examples: examples)
    }

    /// Every `every`-th example (the last of each run of `every`) held out, the rest for training:
    /// deterministic, and spread over the file whatever its order.
    public func split(holdOutEvery every: Int) -> (training: [TopicExample], heldOut: [TopicExample]) {
        guard every > 1 else { return (examples, []) }
        var training: [TopicExample] = [], heldOut: [TopicExample] = []
        for (index, example) in examples.enumerated() {
            if index % every == every - 1 { heldOut.append(example) } else { training.append(example) }
        }
        return (training, heldOut)
    }

    private static func unescaped(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var result = ""
        var escaping = false
        for character in field {
            if escaping {
                result.append(character == "n" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    private struct EventFields: Decodable {
        struct SectionFields: Decodable {
            var slug: String
            var source: String?
        }

        var schema: String?
        var section: SectionFields?
        var kicker: String?
        var title: String?
        var subtitle: String?
        var subheadings: [String]?
        var paragraphs: [String]?
    }

    private static func eventExample(_ line: Substring, line number: Int, file: String) throws(ClassifierDataError) -> TopicExample? {
        let event: EventFields
        do { event = try JSONDecoder().decode(EventFields.self, from: Data(line.utf8)) } catch {
            throw ClassifierDataError(file: file, problem: "line \(number) is not a JSON article event: \(error)")
        }
        guard event.schema == "pagepipe.article/v1", let section = event.section, section.source == "page",
              !placementSlugs.contains(section.slug), let title = event.title else { return nil }
        let heading = [event.kicker, title, event.subtitle].compactMap { $0 }
        return TopicExample(topic: section.slug, heading: heading, body: (event.subheadings ?? []) + (event.paragraphs ?? []), line: number)
    }
}
