/// Renders an article as a Founder e-paper `content_N.htm` in the older table layout.
struct FounderArticleHTML {
    var plan: PagePlan
    var charsetLabel: String
    /// Byline as the first body paragraph (`■记者 X`) rather than a `<founder-author>` element.
    var bylineInBody: Bool
    /// False for the "no title" broken page: every title slot is left empty.
    var includeTitle = true

    func render() -> String {
        let article = plan.article
        let paper = plan.paper
        let title = includeTitle ? escapeHTML(article.title) : ""
        var html = PageChrome.head(title: paper.name, charsetLabel: charsetLabel, html5: false)
        html += PageChrome.masthead(paper: paper.name, date: plan.date)
        html += pageNavigation()
        html += "<table width=\"1000\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\">\n<tr valign=top><td width=\"300\" valign=top>\n"
        html += sidebar()
        html += "</td>\n<td width=\"700\" valign=top>\n<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\">\n"
        html += "<tr><td class=font02 align=center><!--<npm:article-pretitle>-->\(escapeHTML(article.kicker ?? ""))</td></tr>\n"
        html += "<tr><td class=font01 align=center><founder-title>\(title)</founder-title></td></tr>\n"
        html += "<tr><td class=font02 align=center>\(escapeHTML(article.subtitle ?? ""))</td></tr>\n"
        if !bylineInBody {
            html += "<tr><td class=px12 align=center><founder-author>\(article.authors.joined(separator: " "))</founder-author></td></tr>\n"
        }
        html += """
        <tr><td align=right class=default><a href="javascript:doZoom(16)">放大</a>&nbsp;<a href="javascript:doZoom(-16)">缩小</a>&nbsp;<a href="javascript:doZoom(0)">默认</a>&nbsp;&nbsp;</td></tr>
        <tr><td class=font03>
        <div id="ozoom" style="zoom:100%"><founder-content>
        """
        if bylineInBody { html += "<P>　　\(escapeHTML(article.byline))</P>\n" }
        for block in article.blocks {
            switch block {
            case .paragraph(let text): html += "<P>　　\(escapeHTML(text))</P>\n"
            case .subheading(let text): html += "<P>　　\(escapeHTML(text))</P>\n"
            }
        }
        html += "</founder-content></div>\n</td></tr>\n"
        html += articleNavigation()
        html += "</table>\n</td></tr></table>\n"
        html += PageChrome.footer(paper: paper.name)
        html += "\n<!--enpproperty <founder-date>\(plan.date.iso)</founder-date><founder-pagenum>\(twoDigits(plan.pageNumber))</founder-pagenum>"
        html += "<founder-papername>\(paper.name)</founder-papername><founder-title>\(title)</founder-title>"
        html += "<founder-author>\(article.authors.joined(separator: " "))</founder-author><founder-type>1</founder-type> /enpproperty-->"
        return html
    }

    private func pageNavigation() -> String {
        let previous = max(1, plan.pageNumber - 1), next = min(plan.edition.count, plan.pageNumber + 1)
        return """
        <table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
          <td width="300" height="30" class=px12>\(plan.pageLabel)\(plan.paper.separator)\(escapeHTML(plan.pageName))</td>
          <td width="400" align=center><a href=node_\(plan.nodeID(ofPage: previous)).htm><img src="../../../tplimg/pre_page.gif" border=0>上一版</a>&nbsp;&nbsp;<a href=node_\(plan.nodeID(ofPage: next)).htm>下一版<img src="../../../tplimg/next_page.gif" border=0></a></td>
          <td width="300" align=right><a href=node_\(plan.nodeID).htm>返回版面</a></td>
        </tr></table>

        """
    }

    /// The left column: this page's article list and the edition's page list.
    private func sidebar() -> String {
        var html = "<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"2\">\n<tr><td class=bm01 bgcolor=\"#336699\">本版标题导航</td></tr>\n"
        for (title, id) in zip(plan.pageTitles, plan.contentIDs) {
            html += "<tr><td class=px12><img src=\"../../../tplimg/dot.gif\">&nbsp;<a href=content_\(id).htm><div id=mp\(id) style=\"display:inline\">\(escapeHTML(title))</div></a></td></tr>\n"
        }
        html += "<tr><td class=bm01 bgcolor=\"#336699\">版面导航</td></tr>\n"
        for page in plan.edition {
            html += "<tr><td class=px12><a id=pageLink href=node_\(plan.nodeID(ofPage: page.number)).htm>\(plan.paper.labelStyle.label(page.number))\(plan.paper.separator)\(escapeHTML(page.name))</a></td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func articleNavigation() -> String {
        let position = plan.articlePosition
        var links = ""
        if position > 0 { links += "<a href=content_\(plan.contentIDs[position - 1]).htm>上一篇</a>&nbsp;&nbsp;&nbsp;" }
        if position + 1 < plan.contentIDs.count { links += "<a href=content_\(plan.contentIDs[position + 1]).htm>下一篇</a>" }
        return "<tr><td align=center height=40 class=px12>\(links)</td></tr>\n"
    }
}

func escapeHTML(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }) else {
        return text
    }
    var escaped = ""
    for character in text {
        switch character {
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "&": escaped += "&amp;"
        default: escaped.append(character)
        }
    }
    return escaped
}
