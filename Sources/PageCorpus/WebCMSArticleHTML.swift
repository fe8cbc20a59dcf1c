/// Renders an article as a Founder web-CMS (翔宇) page: metadata in an `enpproperty` comment with
/// `<date>…00:00:00.0</date>`, `introtitle` as kicker and `nodename` as page name, body between
/// `<!--enpcontent-->` markers, the paper's name in `<title>`.
struct WebCMSArticleHTML {
    var plan: PagePlan
    var charsetLabel: String

    func render() -> String {
        let article = plan.article
        let paper = plan.paper.name
        let authors = article.authors.joined(separator: "、")
        var html = PageChrome.head(title: paper, charsetLabel: charsetLabel, html5: true)
        html += "<body>\n<!--enpproperty <articleid>\(plan.contentID)</articleid><date>\(plan.date.iso) 00:00:00.0</date>"
        html += "<author>\(authors)</author><title>\(escapeHTML(article.title))</title><keyword></keyword>"
        html += "<subtitle>\(escapeHTML(article.subtitle ?? ""))</subtitle><introtitle>\(escapeHTML(article.kicker ?? ""))</introtitle>"
        html += "<siteid>1</siteid><nodeid>\(plan.nodeID)</nodeid><nodename>\(escapeHTML(plan.pageName))</nodename>"
        html += "<nodesearchname>\(escapeHTML(plan.pageName))</nodesearchname>/enpproperty-->\n"
        html += """
        <div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="\(paper)" /></a></div>
        <ul class="nav"><li><a href="/">首页</a></li><li><a href="/node_2.htm">要闻</a></li><li><a href="/node_3.htm">社区</a></li><li><a href="/node_4.htm">民生</a></li><li><a href="/node_5.htm">文化</a></li><li><a href="/node_6.htm">体育</a></li></ul></div>
        <div class="crumb"><a href="/">首页</a> &gt; <a href="/node_\(plan.nodeID).htm">\(escapeHTML(plan.pageName))</a></div>
        <div class="main"><div class="article">
        <h3 class="introtitle">\(escapeHTML(article.kicker ?? ""))</h3>
        <h1>\(escapeHTML(article.title))</h1>
        <h2>\(escapeHTML(article.subtitle ?? ""))</h2>
        <div class="info"><span>\(plan.date.iso)</span>&nbsp;&nbsp;<span>来源：\(paper)</span>&nbsp;&nbsp;<span>作者：\(authors)</span></div>
        <div class="content" id="ozoom">
        <!--enpcontent-->
        """
        for block in article.blocks {
            switch block {
            case .paragraph(let text): html += "<p>　　\(escapeHTML(text))</p>\n"
            case .subheading(let text): html += "<p><strong>\(escapeHTML(text))</strong></p>\n"
            }
        }
        html += "<!--/enpcontent-->\n</div>\n</div></div>\n"
        html += PageChrome.footer(paper: paper)
        return html
    }
}
