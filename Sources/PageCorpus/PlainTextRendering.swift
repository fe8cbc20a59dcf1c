/// Renders an article as a browser's text view of its Founder page, in the shape of the seed
/// dataset's plain-text page (a 杨浦时报 article): page label, navigation residue with no-break spaces,
/// kicker, title, byline, two-space-indented paragraphs separated by blank lines, page list, the page's
/// titles and the flattened metadata footer. Full-width `，：；？（）！` come out as ASCII, as in the seed.
struct PlainTextRendering {
    var plan: PagePlan

    /// The article with the punctuation this rendering uses; expectations must be taken from it.
    static func flatten(_ article: ComposedArticle) -> ComposedArticle {
        article.mapText(flattenPunctuation)
    }

    static func flattenPunctuation(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "，": output += ","
            case "：": output += ":"
            case "；": output += ";"
            case "？": output += "?"
            case "！": output += "!"
            case "（": output += "("
            case "）": output += ")"
            case "　": output += "\u{A0}\u{A0}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    func render() -> String {
        let article = Self.flatten(plan.article)
        let paper = plan.paper
        let nbsp = "\u{A0}"
        let articleNavigation = "3 上一篇\(nbsp)\(nbsp) 下一篇 4\(nbsp)\(nbsp)\n放大 缩小 默认 \(nbsp)\(nbsp)\n"
        var text = "\(plan.pageLabel):\(plan.pageName)\n上一版3\(nbsp)\(nbsp) 4下一版\(nbsp)\(nbsp)\n\(nbsp)\n"
        text += articleNavigation
        if let kicker = article.kicker { text += kicker + "\n" }
        text += article.title + "\n"
        if let subtitle = article.subtitle { text += subtitle + "\n" }
        text += "\n  \(article.byline)\(nbsp)\n"
        for (offset, block) in article.blocks.enumerated() {
            let line: String
            switch block {
            case .paragraph(let paragraph): line = paragraph
            case .subheading(let heading): line = heading
            }
            text += "\n  " + line + (offset == article.blocks.count - 1 ? "" : nbsp) + "\n"
        }
        text += "\n" + articleNavigation
        for page in plan.edition {
            text += "\(nbsp) \(nbsp)\(paper.labelStyle.label(page.number)):\(page.name)\n"
        }
        for title in plan.pageTitles {
            text += Self.flattenPunctuation(title) + "\n"
        }
        text += "\(paper.name)\(plan.pageName)\(twoDigits(plan.pageNumber))\(article.title) \(plan.date.iso) \(plan.ordinal) "
        text += "\(plan.date.chinese) \(plan.date.weekday)"
        return text
    }
}
