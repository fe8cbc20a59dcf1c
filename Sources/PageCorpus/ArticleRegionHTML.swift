/// Renders an article as the region a crawler keeps of a newer Founder article page: `div#scroller`
/// only, with no `<head>`, no charset and no page name (see `pages/real/hbrb-…-fragment-N.html`).
/// The page number sits in a hidden `<p id="nowLayout">`, `<font id="author">` holds the date, the
/// byline is a body paragraph in one of `RegionByline`'s styles, and the paper is named only by the
/// footer's copyright line.
struct ArticleRegionHTML {
    var plan: PagePlan
    var byline: RegionByline

    func render() -> String {
        let article = plan.article
        let paper = plan.paper.name
        let date = plan.date
        var html = """
        <div id="scroller">
                    <div class="caption">
                        <a name="top" id="top"></a>
        \t\t\t\t<p id="nowLayout" class="hide">\(twoDigits(plan.pageNumber))</p>
        \t\t\t\t<font id="intro-title">\(escapeHTML(article.kicker ?? ""))</font>
        \t\t\t\t<font id="main-title">\(escapeHTML(article.title))</font>
                        <font id="sub-title">\(escapeHTML(article.subtitle ?? ""))</font>
                        <font id="author">\(date.chinese)</font>
                    </div>
                    <div class="content" id="content">
                            <founder-content>
        \t\t\t\t\t<!--enpcontent--><p>     </p>
        """
        if let leading = byline.leadingLine { html += "<p>    \(escapeHTML(leading))</p><p>    </p>" }
        let paragraphs = article.blocks.count
        for (position, block) in article.blocks.enumerated() {
            switch block {
            case .paragraph(var text):
                if position == paragraphs - 1, let glued = byline.gluedToLastParagraph { text += glued }
                html += "<p>    \(escapeHTML(text))</p>"
            case .subheading(let text):
                html += "<p>    \(escapeHTML(text))</p>"
            }
        }
        if let closing = byline.closingLine { html += "<p>    \(escapeHTML(closing))</p>" }
        html += "<!--/enpcontent--><!--enpproperty <date>\(date.iso) 00:00:00:0</date><author></author>"
        html += "<subtitle>\(escapeHTML(article.subtitle ?? ""))</subtitle><introtitle>\(escapeHTML(article.kicker ?? ""))</introtitle>"
        html += "<keyword></keyword><paperarticleid>\(plan.contentID)</paperarticleid><nodeid>0</nodeid><nodename></nodename>"
        html += "<title>\(escapeHTML(article.title))</title>/enpproperty-->\n"
        html += """
        \t\t\t\t\t</founder-content>
                    </div>
        \t\t<div class="footer_sqd">
        \t\t<span><a href="../../../index.html" target="_blank">数字报 |</a> <a href="../../../app.html" target="_blank">客户端</a></span>
        \t    <span>\(plan.index.isMultiple(of: 2) ? "Copyright © \(paper) [沪ICP备00000000号]" : "\(paper)版权所有 未经授权不得转载")</span>
        \t\t</div>
                </div>
        """
        return html
    }
}

/// How a region prints its byline, and the authors a parser must find in it: at the top
/// (`本报记者 X`, `■记者 X 通讯员 Y`, `<paper>全媒记者 X 通讯员 Y`, `□ <paper>评论员`), or at the end
/// (`（记者 X）` on its own line or after the last sentence).
struct RegionByline: Sendable {
    var leadingLine: String?
    var closingLine: String?
    var gluedToLastParagraph: String?
    var authors: [String]

    static func pick(for article: ComposedArticle, paper: String, random: inout SeededRandom) -> RegionByline {
        let names = article.authors
        let first = names[0]
        let second = names.count > 1 ? names[1] : nil
        let withCorrespondent = second.map { " 通讯员 \($0)" } ?? ""
        let both = second.map { [first, $0] } ?? [first]
        switch random.below(6) {
        case 0: return RegionByline(leadingLine: "本报记者 \(first)", authors: [first])
        case 1: return RegionByline(leadingLine: "■记者 \(first)\(withCorrespondent)", authors: both)
        case 2: return RegionByline(leadingLine: "\(paper)全媒记者 \(first)\(withCorrespondent)", authors: both)
        case 3: return RegionByline(leadingLine: "□ \(paper)评论员", authors: ["\(paper)评论员"])
        case 4: return RegionByline(closingLine: "（记者 \(first)）", authors: [first])
        default: return RegionByline(gluedToLastParagraph: "（记者 \(first)\(withCorrespondent)）", authors: both)
        }
    }
}
