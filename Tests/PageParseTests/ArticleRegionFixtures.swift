/// Article regions without `<head>`, as crawlers that keep only the article's part of a page store
/// them, written by hand for these tests in the styles of several papers' templates (not copied
/// from any site; names and text are made up). Each states its paper, page and byline in a
/// different place.
enum ArticleRegionFixtures {
    /// Older table layout cut at the article table: byline with a newsroom before the role, a
    /// plain `<p>` sub-heading, page number in a hidden input, paper in `Copyright © 2019 长江日报`.
    static let tableRegionWithNewsroomByline = """
    <table width="100%" border="0" cellspacing="0" cellpadding="0">
    <tr><td class=font02 align=center>城市更新</td></tr>
    <tr><td class=font01 align=center><founder-title>江岸区老旧小区焕新颜</founder-title></td></tr>
    <tr><td class=font02 align=center></td></tr>
    <input type="hidden" name="pagenum" value="05">
    <tr><td class=font03><div id="ozoom" style="zoom:100%"><founder-content>
    <P>　　长江日报融媒体记者 王晓明 通讯员 李青</P>
    <P>　　今年以来，江岸区加快推进老旧小区改造，居民的获得感不断增强。</P>
    <P>　　31个老旧小区改造升级</P>
    <P>　　截至目前，全区已有31个老旧小区完成改造，惠及居民1.2万户。</P>
    <P>　　下一步，该区还将推进加装电梯和停车设施建设。</P>
    </founder-content></div></td></tr>
    </table>
    <div class="footer">Copyright © 2019 长江日报 All Rights Reserved</div>
    """

    /// Web-CMS region: marker byline (`■记者 X 通讯员 Y`), metadata date and page number, and
    /// the paper only in a `…社版权所有` footer line.
    static let webCMSRegionWithMarkerByline = """
    <div class="article">
    <h1>滨江步道全线贯通</h1>
    <div class="content" id="ozoom"><!--enpcontent--><p>■记者 陈思远 通讯员 周文</p>
    <p>　　昨天，滨江步道最后一段正式开放，市民可以沿江步行二十公里。</p>
    <p>　　步道沿线新建了12处驿站，提供饮水和休息服务。</p><!--/enpcontent--></div>
    <!--enpproperty <date>2021-05-06 00:00:00.0</date><pagenum>A3</pagenum><author></author><title>滨江步道全线贯通</title><introtitle></introtitle><subtitle></subtitle><nodename></nodename>/enpproperty-->
    </div>
    <p class="copyright">解放日报社版权所有 未经授权不得转载</p>
    """

    /// Wire copy reprinted from another paper: the dateline names the reporters, a credit line
    /// ends the article and stays its last paragraph; the paper in a masthead line before the date.
    static let wireRegionWithCredit = """
    <div class="top"><span>大众日报</span> <span>2021年03月02日 星期二</span></div>
    <div id="scroller">
    <p id="nowLayout" class="hide">3</p>
    <h1>春耕备耕有序展开</h1>
    <div id="ozoom"><founder-content>
    <p>　　新华社北京3月1日电（记者 刘明 赵宁）记者从农业农村部获悉，各地春耕备耕有序展开。</p>
    <p>　　目前，全国春播粮食作物种子已基本落实到位，化肥供应总体充足。</p>
    <p>　　（新华社北京3月1日电 载3月2日《人民日报》）</p>
    </founder-content></div>
    </div>
    """

    /// A web portal's copy: the byline with a colon on its own line, a portal dateline naming its
    /// reporter without a role, and an interview whose questions start with 记者：.
    static let portalRegionWithColonByline = """
    <div id="scroller">
    <h1>基金专家建议把握股债轮动机会</h1>
    <div id="ozoom"><founder-content>
    <p>　　本报记者：潘清</p>
    <p>　　中新网(微博)上海6月21日电(张曦) 尽管近期A股出现回暖迹象，沪深股市仍呈现“忽冷忽热”的态势。</p>
    <p>　　一位基金研究员告诉记者：“大牛市时所有股票都大涨的时代已经过去。”</p>
    <p>　　记者：后市还有哪些不确定性？</p>
    <p>　　研究员：海外市场的波动仍会传导过来。</p>
    </founder-content></div>
    </div>
    """

    /// A byline at the end, glued to the last paragraph. The paper is named nowhere but in the
    /// page's own `<url>`.
    static let regionWithTrailingByline = """
    <div class="detail">
    <founder-title>让城市更有温度</founder-title>
    <founder-content><!--enpcontent-->
    <p>　　城市是人民的城市，城市更新要从群众最关心的小事做起。</p>
    <p>　　从加装电梯到口袋公园，每一项工程都关系到千家万户。（记者 孙立 通讯员 钱程）</p>
    <!--/enpcontent--><!--enpproperty <date>2022-09-15 00:00:00:0</date><author></author><url>http://epaper.cjn.cn/html/2022-09/15/content_1.htm</url><title>让城市更有温度</title>/enpproperty-->
    </founder-content>
    </div>
    """

    /// The byline alone on the last line, bracketed; emphasized sub-heading; `本报讯` dateline
    /// without names; the paper in the footer after `版权所有：`.
    static let regionWithClosingBylineLine = """
    <div id="article">
    <founder-title>社区食堂开到家门口</founder-title>
    <div id="ozoom"><founder-content>
    <p>　　本报讯 社区食堂让老人吃上了热乎饭。</p>
    <p>　　<strong>一餐饭里的民生</strong></p>
    <p>　　每天中午，食堂里坐满了附近的老人，一荤两素只要十二元。</p>
    <p>　　（本报记者 吴芳）</p>
    </founder-content></div>
    <!--enpproperty <founder-date>2020-11-20</founder-date><founder-pagenum>06</founder-pagenum><founder-type>1</founder-type>/enpproperty-->
    </div>
    <div class="bottom">版权所有：新民晚报社</div>
    """

    /// Newer layout cut at `.article`: `据新华社…电` dateline (no author), a 新华社记者 byline
    /// above the body, and no paper anywhere (the page core may still find it from `source-url`).
    static let newerLayoutRegionWithWireByline = """
    <div class="article">
    <h3>关注春运</h3>
    <h1>春运首日客流平稳</h1>
    <h2>——铁路部门加开列车</h2>
    <p class="sec">新华社记者 高原 林夕</p>
    <div id="ozoom">
    <p>　　据新华社北京1月7日电 春运首日，全国铁路发送旅客总体平稳有序。</p>
    <p>　　铁路部门当天加开旅客列车300余列。</p>
    </div>
    </div>
    """
}
