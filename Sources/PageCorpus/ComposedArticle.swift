/// One article as the generator wrote it, before any page format renders it.
struct ComposedArticle: Sendable {
    enum Block: Sendable, Equatable {
        case paragraph(String)
        /// A short in-body heading, printed as its own unpunctuated paragraph.
        case subheading(String)
    }

    var kicker: String?
    var title: String
    var subtitle: String?
    /// Names only: `["毛海萍"]`.
    var authors: [String]
    /// The byline as printed: `■记者　毛海萍`, `本报记者　毛海萍　通讯员　王堃`.
    var byline: String
    var blocks: [Block]
    /// What the article is about; the ground truth for the classifier.
    var subject: Division
    /// Other divisions named once in passing.
    var passing: [Division]

    var paragraphs: [String] {
        blocks.compactMap { if case .paragraph(let text) = $0 { text } else { nil } }
    }

    var subheadings: [String] {
        blocks.compactMap { if case .subheading(let text) = $0 { text } else { nil } }
    }

    /// The same article with every string passed through `transform` (plain-text renderings flatten
    /// full-width punctuation the way a browser's text view of these pages does).
    func mapText(_ transform: (String) -> String) -> ComposedArticle {
        var copy = self
        copy.kicker = kicker.map(transform)
        copy.title = transform(title)
        copy.subtitle = subtitle.map(transform)
        copy.byline = transform(byline)
        copy.blocks = blocks.map { block in
            switch block {
            case .paragraph(let text): .paragraph(transform(text))
            case .subheading(let text): .subheading(transform(text))
            }
        }
        return copy
    }
}
