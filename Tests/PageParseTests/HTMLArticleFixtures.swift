/// Synthetic article pages written for these tests (not copied from any site), one per layout.
enum HTMLArticleFixtures {
    /// The seed article as an older Founder table-layout page, GBK-era quirks included.
    static let seedAsFounderTable = """
    <HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=gb2312">
    <TITLE>杨浦时报</TITLE>
    <STYLE>td.font01 { font-size: 22px } /* 第99版:样式 */</STYLE>
    <SCRIPT language=javascript>var s = "<p>不是正文</p>"; if (a < b) { document.write('第88版：脚本'); }</SCRIPT>
    </HEAD><BODY>
    <TABLE><TR><TD class=px12>第07版：城事·三区</TD><TD><A class=preart href=node_6.htm>上一版</A> <A href=node_8.htm>下一版</A></TD></TR></TABLE>
    <TABLE><TR><TD><A href=content_1.htm>上一篇</A>&nbsp;&nbsp;<A href=content_3.htm>下一篇</A></TD></TR>
    <TR><TD><A href="javascript:zoomIn()">放大</A> <A href="javascript:zoomOut()">缩小</A> <A href="javascript:zoomDefault()">默认</A></TD></TR></TABLE>
    <TABLE>
    <TR><!--<npm:article-pretitle>--><TD class=font02>五角场镇带动各类资源,不断完善区域化党建</TD></TR>
    <TR><TD class=font01><founder-title>打破社区&ldquo;内循环&rdquo;共联共赢共享</founder-title></TD></TR>
    <TR><TD class=font02></TD></TR>
    </TABLE>
    <DIV id=ozoom style="zoom:100%"><founder-content>
    <P>&#12288;&#12288;■记者&nbsp;&nbsp;毛海萍</P>
    <P>　　本报讯&nbsp;&nbsp;日前,兰花教师公寓的陈国栋在五角场镇召开的区域化党建联席会上作了交流。
    <P>　　记者了解到,如今,五角场镇各居民区内在职党员并不在少数。
    <P>　　<B>共联:联席会+分会+小组</B>
    <P>　　辖区内部队多,科研院所多……这些资源怎样为地区经济发展服务。<BR>　　联席会下设部队、学校、企业等5个联席分会。
    <P>　　各个联席分会根据成员单位的特点和优势开展活动。</P>
    <P>　　共享:48家单位认领项目</P>
    <P>　　区域化党建必须与基层不断提升的需求相结合。</P>
    <P>　　记者在认领表中看到,长海医院都认领了项目。</P>
    <P>　　&ldquo;今年以来,我们对老党员的关心一并考虑。&rdquo;</P>
    <P>　　共赢:党建绽放新活力</P>
    <P>　　区域化党建共联共享的最终目的是实现共赢。</P>
    <P>　　上海体育学院针对社区老年人的需求推广太极拳。</P>
    <P>　　又如,同济大学、同济中学和市三居民区关心下一代工作。</P>
    <P>　　回顾这一阶段的工作,倪来娣说,区域化党建让优势变得更真实。</P>
    </founder-content></DIV>
    <TABLE><TR><TD><A id=pageLink href=node_1.htm>第01版：一版要闻</A></TD></TR>
    <TR><TD><A id=pageLink href=node_2.htm>第02版：要闻·综合</A></TD></TR>
    <TR><TD><A id=pageLink href=node_3.htm>第03版：平凉之窗</A></TD></TR>
    <TR><TD><A id=pageLink href=node_4.htm>第04版：平凉之窗</A></TD></TR>
    <TR><TD><A id=pageLink href=node_5.htm>第05版：平凉之窗</A></TD></TR>
    <TR><TD><A id=pageLink href=node_6.htm>第06版：平凉之窗</A></TD></TR>
    <TR><TD><A id=pageLink href=node_7.htm>第07版：城事·三区</A></TD></TR>
    <TR><TD><A id=pageLink href=node_8.htm>第08版：民生·社会</A></TD></TR></TABLE>
    <UL class=list01>
    <LI><A href=content_2.htm><DIV id=mp2>打破社区“内循环”共联共赢共享</DIV></A>
    <LI><A href=content_3.htm><DIV id=mp3>天气闷热&nbsp;犬伤门诊“升温”</DIV></A>
    <LI><A href=content_4.htm><DIV id=mp4>杨浦取缔一无证活禽交易点</DIV></A>
    <LI><A href=content_5.htm><DIV id=mp5>打造具有特色的党建文化</DIV></A>
    <LI><A href=content_6.htm><DIV id=mp6>延吉社区日:文艺团队展风采</DIV></A>
    </UL>
    </BODY></HTML>
    <!--enpproperty <founder-date>2013-06-27</founder-date><founder-pagenum>07</founder-pagenum><founder-papername>杨浦时报</founder-papername><founder-title>打破社区“内循环”共联共赢共享</founder-title><founder-type>1</founder-type> /enpproperty-->
    """

    /// A Founder web-CMS (翔宇) article: metadata in enpproperty, body between enpcontent comments.
    static let webCMS = """
    <html><head><meta charset="utf-8"><title>浦东时报-数字报</title></head><body>
    <div class="nav">首页 | 新闻 | 2099-01-01 广告</div>
    <!--enpcontent--><p>　　本报讯（记者 张小明 通讯员 李华）昨天,陆家嘴金融城举办了年度论坛,吸引了上千名嘉宾。</p>
    <p>　　论坛由浦东新区政府主办,&quot;金融开放&quot;是今年的主题。</p>
    <p><strong>开放再提速</strong></p>
    <p>　　与会者认为,开放将进一步提速。</p><!--/enpcontent-->
    <div class="footer">版权所有</div>
    </body></html>
    <!--enpproperty <articleid>88123</articleid><date>2021-03-05 00:00:00.0</date><author>张小明</author><title>陆家嘴论坛聚焦金融开放</title><keyword>论坛</keyword><subtitle>上千名嘉宾参会</subtitle><introtitle>金融城年度盛会</introtitle><siteid>1</siteid><nodeid>12</nodeid><nodename>经济新闻</nodename><nodesearchname></nodesearchname>/enpproperty-->
    """

    /// The newer People's Daily style layout.
    static let newerLayout = """
    <!DOCTYPE html><html><head><meta charset="utf-8"><title>人民日报-人民网</title>
    <script>window.dates = ["2001-01-01"];</script></head><body>
    <div class="paper-bottom"><div id="list"><ul>
    <li><a href="node_01.html">第01版：要闻</a></li><li><a href="node_02.html">第02版：要闻</a></li>
    <li><a href="node_03.html">第03版：要闻</a></li><li><a href="node_04.html">第04版：要闻</a></li></ul></div></div>
    <div class="news"><ul class="news-list">
    <li><a href="content_30001.html">乡村振兴开新局</a></li>
    <li><a href="content_30002.html">本版责编：王某某 李某某</a></li>
    <li><a href="content_30003.html">绿色发展再提速</a></li></ul></div>
    <div class="article">
      <h3>坚持新发展理念</h3>
      <h1>乡村振兴开新局</h1>
      <h2>——来自基层的调研报告</h2>
      <div class="sec">本报记者  王小二  陈三<span class="date"><span class="newstime">2021-01-05</span> 第04版</span></div>
      <div id="ozoom">
        <p>　　冬日的田野,一派繁忙景象。村里的合作社正在统计今年的收成,产量比去年多了三成。</p>
        <p>　　“今年收成好,日子越过越有奔头。”村民老李说。</p>
      </div>
    </div>
    </body></html>
    """
}
