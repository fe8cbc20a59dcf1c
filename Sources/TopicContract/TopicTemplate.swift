/// A topic name template split once into literal text and placeholders, so routing an event only
/// joins a few strings: searching and replacing in the template for every event cost about 80,000
/// instructions per page (BENCHMARKS.md).
struct TopicTemplate: Sendable, Equatable {
    enum Part: Sendable, Equatable {
        case text(String)
        /// `{section}`: the section slug.
        case section
        /// `{district_code}`: the primary division's code, or `none`.
        case districtCode
        /// `{paper_date}`: the page's date without dashes, or `undated`.
        case paperDate
    }

    let parts: [Part]

    private static let placeholders: [(name: String, part: Part)] = [
        ("{section}", .section), ("{district_code}", .districtCode), ("{paper_date}", .paperDate),
    ]

    /// Text that is no known placeholder, such as a lone `{`, stays literal.
    init(_ template: String) {
        var parts: [Part] = []
        var text = ""
        var rest = template[...]
        while let first = rest.first {
            if first == "{", let match = Self.placeholders.first(where: { rest.hasPrefix($0.name) }) {
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                parts.append(match.part)
                rest = rest.dropFirst(match.name.count)
            } else {
                text.append(first)
                rest = rest.dropFirst()
            }
        }
        if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    func uses(_ placeholder: Part) -> Bool { parts.contains(placeholder) }

    func render(section: String, districtCode: String, date: String?) -> String {
        if parts.count == 1, case .text(let text) = parts[0] { return text }
        var topic = ""
        for part in parts {
            switch part {
            case .text(let text): topic += text
            case .section: topic += section
            case .districtCode: topic += districtCode
            case .paperDate: topic += date.map { $0.filter { $0 != "-" } } ?? "undated"
            }
        }
        return topic
    }
}
