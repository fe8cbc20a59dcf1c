/// The markup around the content that real Founder pages carry: stylesheets, scripts, the masthead
/// and navigation tables, the footer. It makes generated pages as long and as noisy as real ones, so
/// parsers and benchmarks see realistic proportions of chrome to text.
enum PageChrome {
    static func head(title: String, charsetLabel: String, html5: Bool) -> String {
        let meta = html5
            ? "<meta charset=\"\(charsetLabel)\" />"
            : "<META http-equiv=Content-Type content=\"text/html; charset=\(charsetLabel)\">"
        return """
        <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
        <HTML><HEAD>
        \(meta)
        <TITLE>\(title)</TITLE>
        <link href="../../../tplimg/style.css" rel="stylesheet" type="text/css" />
        <SCRIPT language=Javascript src="../../../tplimg/prototype.js"></SCRIPT>
        <SCRIPT language=Javascript src="../../../tplimg/mp.js"></SCRIPT>
        <STYLE type=text/css>
        BODY { margin: 0px; font-size: 12px; font-family: 宋体, Arial; background-color: #ffffff }
        TD { font-size: 12px; line-height: 150% }
        A:link { color: #000000; text-decoration: none }
        A:visited { color: #000000; text-decoration: none }
        A:hover { color: #cc0000; text-decoration: underline }
        .font01 { font-size: 22px; color: #000000; line-height: 150%; font-weight: bold }
        .font02 { font-size: 14px; color: #333333; line-height: 150% }
        .font03 { font-size: 14px; color: #000000; line-height: 200% }
        .px12 { font-size: 12px; color: #000000 }
        .bm01 { font-size: 14px; color: #ffffff; font-weight: bold }
        .list01 li { list-style: none; line-height: 24px; border-bottom: 1px dashed #cccccc }
        .default { font-size: 12px; color: #666666 }
        </STYLE>
        <SCRIPT language=Javascript>
        var currentSize = 100;
        function doZoom(size) {
            var zoomArea = document.getElementById('ozoom');
            if (zoomArea == null) return;
            if (size == 0) { currentSize = 100; } else { currentSize = currentSize + size; }
            if (currentSize < 60) currentSize = 60;
            if (currentSize > 200) currentSize = 200;
            zoomArea.style.zoom = currentSize + '%';
        }
        function turnpage(src, mode) {
            var currPos = src.selectedIndex;
            if (mode == 0) { if (currPos == 0) return; src.selectedIndex = currPos - 1; }
            else { if (currPos == src.length - 1) return; src.selectedIndex = currPos + 1; }
            src.onchange();
        }
        function appendZero(n) { return (("00" + n).substr((("00" + n).length - 2))); }
        </SCRIPT>
        </HEAD>
        """
    }

    static func masthead(paper: String, date: EditionDate) -> String {
        """
        <BODY leftMargin=0 topMargin=0 marginheight="0" marginwidth="0">
        <table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
          <tr><td height="90" background="../../../tplimg/top_bg.jpg"><img src="../../../tplimg/logo.gif" alt="\(paper)" width="300" height="80" border="0" /></td></tr>
          <tr><td height="28" class="px12">&nbsp;&nbsp;\(date.year)年\(date.month)月\(date.day)日&nbsp;\(date.weekday)&nbsp;&nbsp;|&nbsp;&nbsp;<a href="../../../html/\(date.pathSegment)/node_1.htm">首页</a>&nbsp;|&nbsp;<a href="javascript:void(0)" onclick="showCalendar()">往期回顾</a>&nbsp;|&nbsp;<a href="../../../pdf/">PDF下载</a></td></tr>
        </table>

        """
    }

    static func footer(paper: String) -> String {
        """
        <table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
          <tr><td height="1" bgcolor="#cccccc"></td></tr>
          <tr><td height="60" align="center" class="default">\(paper)版权所有 未经书面授权 不得复制或建立镜像<br />
          技术支持：北大方正电子有限公司&nbsp;&nbsp;建议使用1024×768分辨率 IE6.0以上版本浏览</td></tr>
        </table>
        <SCRIPT language=Javascript>
        var pageTracker = { pages: [], visit: function (path) { this.pages.push(path); } };
        pageTracker.visit(document.location.pathname);
        </SCRIPT>
        </BODY></HTML>
        """
    }
}
