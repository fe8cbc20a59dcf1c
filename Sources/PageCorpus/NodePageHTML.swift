/// Renders one printed page as a Founder `node_N.htm`: page label, page image with its image map,
/// the title list, the edition's page list, sometimes a 今日关注 box linking articles on other pages
/// (which are not this page's articles), and a trailing `enpproperty` with `founder-type` 2.
struct NodePageHTML {
    var plan: PagePlan
    var charsetLabel: String
    /// `第07版　<span>…</span>` in `td.bm01` rather than `第07版：<STRONG>…</STRONG>` in `td.px12`.
    var spanLabel: Bool
    /// Positions in `plan.contentIDs` the image map has areas for, in map order: real maps often
    /// cover only some articles, or one twice (`?div=0` and `?div=-1`).
    var mapped: [Int]

    func render() -> String {
        let paper = plan.paper
        var html = PageChrome.head(title: paper.name, charsetLabel: charsetLabel, html5: false)
        html += """
        <SCRIPT id=oMapScript event=onmouseover() for=pagepicmap>
        rangeDeltaX = 18; rangeDeltaY = -18; drawLine(event.srcElement);
        </SCRIPT>

        """
        html += PageChrome.masthead(paper: paper.name, date: plan.date)
        html += "<table width=\"1000\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr>\n"
        if spanLabel {
            html += "<td class=\"bm01\" height=\"30\">\(plan.pageLabel)　　　　<span>\(escapeHTML(plan.pageName))</span></td>\n"
        } else {
            html += "<td class=px12 height=\"30\">\(plan.pageLabel)\(paper.separator)<STRONG>\(escapeHTML(plan.pageName))</STRONG></td>\n"
        }
        let previous = max(1, plan.pageNumber - 1), next = min(plan.edition.count, plan.pageNumber + 1)
        html += "<td align=right><a href=node_\(plan.nodeID(ofPage: previous)).htm>上一版</a>&nbsp;&nbsp;<a href=node_\(plan.nodeID(ofPage: next)).htm>下一版</a></td></tr></table>\n"

        html += "<table width=\"1000\" border=\"0\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\"><tr valign=top>\n<td width=\"520\">\n"
        html += "<img src=\"../../../images/\(plan.date.pathSegment)/\(twoDigits(plan.pageNumber))/\(paper.slug.uppercased())\(plan.date.year)\(twoDigits(plan.date.month))\(twoDigits(plan.date.day))\(twoDigits(plan.pageNumber))_b.jpg\" border=0 USEMAP=\"#PagePicMap\" width=500>\n"
        html += "<MAP NAME=\"pagepicmap\">\n"
        for (offset, position) in mapped.enumerated() {
            let top = 20 + offset * 110
            let query = mapped[..<offset].contains(position) ? "?div=-1" : ""
            html += "<Area coords=\"12,\(top),488,\(top),488,\(top + 100),12,\(top + 100)\" shape=\"polygon\" href=\"content_\(plan.contentIDs[position]).htm\(query)\">\n"
        }
        html += "</MAP>\n<p><a href=\"../../../page/\(plan.date.pathSegment)/\(twoDigits(plan.pageNumber))/page.pdf\">PDF下载</a></p>\n</td>\n<td width=\"480\">\n"
        html += "<table width=\"100%\"><tr><td class=bm01 bgcolor=\"#336699\">本版标题导航</td></tr></table>\n<ul class=list01>\n"
        for (title, id) in zip(plan.pageTitles, plan.contentIDs) {
            html += "<li><a href=content_\(id).htm><div id=mp\(id)>\(escapeHTML(title))</div></a></li>\n"
        }
        html += "</ul>\n"
        if !plan.otherPageLinks.isEmpty {
            html += "<table width=\"100%\"><tr><td class=bm01 bgcolor=\"#993333\">今日关注</td></tr>\n"
            for link in plan.otherPageLinks {
                html += "<tr><td class=px12><a href=content_\(link.id).htm>\(escapeHTML(link.title))</a></td></tr>\n"
            }
            html += "</table>\n"
        }
        html += "<table width=\"100%\"><tr><td class=bm01 bgcolor=\"#336699\">版面导航</td></tr>\n"
        for page in plan.edition {
            html += "<tr><td class=px12><a id=pageLink href=node_\(plan.nodeID(ofPage: page.number)).htm>\(paper.labelStyle.label(page.number))\(paper.separator)\(escapeHTML(page.name))</a></td></tr>\n"
        }
        html += "</table>\n</td></tr></table>\n"
        html += PageChrome.footer(paper: paper.name)
        html += "\n<!--enpproperty <founder-date>\(plan.date.iso) 23:59:59</founder-date><founder-pagenum>\(twoDigits(plan.pageNumber))</founder-pagenum>"
        html += "<founder-papername>\(paper.name)</founder-papername><founder-type>2</founder-type>"
        html += "<founder-content>\(paper.name)</founder-content> /enpproperty-->"
        return html
    }
}
