import ByteText
import PageModel

/// What an HTML page says about its edition and printed page: the page list, the page's own
/// article links, its visible page label and date. Shared by article and node pages.
struct PageNavigation {
    let document: HTMLDocument
    /// Text nodes whose text contains `版` (E7 89 88), in document order: page labels and page
    /// list entries are looked for only around them.
    private let banTexts: [Int]
    /// The raw `href` of each `<a>`, in the order of `document.elements(.a)`: read once, asked
    /// for by the link, article-file and dedupe checks.
    private let hrefs: [Range<Int>?]
    /// The raw `id` of each `<a>` (same order), read in the same pass as its `href`.
    private let ids: [Range<Int>?]
    /// For each `<a>` (same order), the furthest subtree end of it and the links before it: an
    /// element is inside a link exactly when an earlier link's subtree reaches past it, so that
    /// question is a binary search, whatever the nesting depth.
    private let linkEndsSoFar: [Int]
    /// The page's time budget: the page-list and article-link loops stop when it passes.
    let deadline: PageDeadline

    init(_ document: HTMLDocument, deadline: PageDeadline = .none) {
        self.document = document
        self.deadline = deadline
        let links = document.elements(.a)
        var hrefs: [Range<Int>?] = []
        var ids: [Range<Int>?] = []
        hrefs.reserveCapacity(links.count)
        ids.reserveCapacity(links.count)
        for link in links {
            let (href, id) = document.attributeRanges("href", "id", of: link)
            hrefs.append(href)
            ids.append(id)
        }
        self.hrefs = hrefs
        self.ids = ids
        var furthest = 0
        linkEndsSoFar = links.map { link in
            furthest = max(furthest, document.nodes[link].end)
            return furthest
        }
        var banTexts: [Int] = []
        banTexts.reserveCapacity(32)  // a page list's entries and the page's own label
        document.bytes.withUnsafeBufferPointer { buffer in
            for (index, node) in document.nodes.enumerated()
            where node.kind == .text && PageNavigation.containsBan(buffer, from: node.start, to: node.start + node.length) {
                banTexts.append(index)
            }
        }
        self.banTexts = banTexts
    }

    /// The page list (`<a id=pageLink href=node_1.htm>第01版：一版要闻</a>`, `A01： 头版`), deduplicated by
    /// number, at most `EventCaps.editionPages` pages.
    func edition() throws(ParseError) -> [PageRef] {
        var pages: [PageRef] = []
        var numbers = Set<String?>()
        var countdown = deadline.countdown()
        for (position, index) in document.elements(.a).enumerated() where document.nodes[index].end - index <= 64 {
            try countdown.tickParsing("reading the page list")
            // Only links that mention 版 or are marked as page links can be page-list entries.
            let isPageLink = ids[position].map { document.value($0, is: "pagelink") } ?? false
            guard isPageLink || mentionsBan(index) else { continue }
            guard let page = document.withText(of: index, { PageLabel.parse(utf8: $0, requireBanSuffix: !isPageLink) }) else { continue }
            guard numbers.insert(page.number).inserted else { continue }
            pages.append(page)
            if pages.count == EventCaps.editionPages { break }
        }
        return pages
    }

    /// The page's own articles in page order, one per content id, at most `EventCaps.articlesPerPage`.
    /// When the page has an image map, `TitleList` keeps its title list and the map's articles,
    /// not boxes linking other pages'.
    func articleLinks() throws(ParseError) -> [ArticleLink] {
        var candidates: [TitleList.Candidate] = []
        candidates.reserveCapacity(document.elements(.a).count)
        var countdown = deadline.countdown()
        for (position, index) in document.elements(.a).enumerated() where document.nodes[index].end - index <= 256 {
            try countdown.tickParsing("reading the article links")
            guard let range = hrefs[position], let title = title(ofLink: index, href: range) else { continue }
            let (href, key) = hrefAndKey(index, href: range)
            let link = ArticleLink(title: title, href: href)
            candidates.append(TitleList.Candidate(link: link, key: link.contentID ?? key, element: index))
        }
        var areas: [(key: String, element: Int)] = []
        for area in document.elements(.area) {
            try countdown.tickParsing("reading the image map")
            guard let range = document.attributeRange("href", of: area) else { continue }
            let (href, key) = hrefAndKey(area, href: range)
            areas.append((ContentID.inLink(href) ?? key, area))
        }
        let articles = try TitleList(document: document, deadline: deadline).articles(candidates: candidates, areas: areas)
        return Array(articles.prefix(EventCaps.articlesPerPage))
    }

    /// The decoded `href` of element `index` and its dedupe key (`key(_:)`). Plain ASCII hrefs,
    /// the usual case, are read from the bytes: decoding would not change them.
    private func hrefAndKey(_ index: Int, href range: Range<Int>) -> (href: String, key: String) {
        guard document.isVerbatim(range, allowingSpaces: false) else {
            let href = document.attribute("href", of: index) ?? ""
            return (href, PageNavigation.key(href))
        }
        return document.bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[range])
            let href = String(validUTF8: raw)
            return (href, PageNavigation.key(utf8: raw) ?? href)
        }
    }

    /// A link's article title, or nil when the link is not an article link: titles come from
    /// `<div id=mpNNN>`, `document.write(view("…"))` or a `content_`/`nw.` link's text.
    private func title(ofLink index: Int, href: Range<Int>) -> String? {
        let node = document.nodes[index]
        guard let isArticleFile = linksArticleFile(index, href: href) else { return nil }
        var title: String?
        var isArticle = isArticleFile
        for child in (index + 1)..<node.end {
            let childNode = document.nodes[child]
            if childNode.kind == .rawText, let written = document.withContent(of: child, PageNavigation.viewArgument) {
                title = written
                isArticle = true
            } else if childNode.kind == .element, childNode.tag == .div, document.attribute("id", of: child, hasPrefix: "mp") {
                isArticle = true
            }
        }
        guard isArticle else { return nil }
        let text = title ?? document.text(of: index)
        guard !text.isEmpty, !PageNavigation.isStaffOrNavigation(text) else { return nil }
        return text
    }

    /// Whether a link's file is an article (`content_…`, `nw.…`); nil for a `javascript:`
    /// link. Plain ASCII hrefs are read as bytes, others decoded first.
    private func linksArticleFile(_ index: Int, href range: Range<Int>) -> Bool? {
        guard document.isVerbatim(range, allowingSpaces: false) else {
            guard let href = document.attribute("href", of: index)?.lowercased(), !href.hasPrefix("javascript") else { return nil }
            let file = href.lastIndex(of: "/").map { href[href.index(after: $0)...] } ?? href[...]
            return file.hasPrefix("content_") || file.hasPrefix("nw.")
        }
        return document.bytes.withUnsafeBufferPointer { buffer -> Bool? in
            guard !buffer.hasPrefixIgnoringASCIICase("javascript", from: range.lowerBound, to: range.upperBound) else { return nil }
            var fileStart = range.upperBound
            while fileStart > range.lowerBound, buffer[fileStart - 1] != UInt8(ascii: "/") { fileStart -= 1 }
            return buffer.hasPrefixIgnoringASCIICase("content_", from: fileStart, to: range.upperBound)
                || buffer.hasPrefixIgnoringASCIICase("nw.", from: fileStart, to: range.upperBound)
        }
    }

    static func isStaffOrNavigation(_ text: String) -> Bool {
        text.containsUTF8("本版责编") || text.containsUTF8("责任编辑") || PageLabel.containsNavigation(text)
    }

    /// The string inside `view("…")`, as HTML: `<br>` becomes a space, entities are decoded.
    static func viewArgument(_ script: UnsafeBufferPointer<UInt8>) -> String? {
        var call = 0
        while true {
            call = script.index(of: UInt8(ascii: "v"), from: call, to: script.count)
            guard call < script.count else { return nil }
            if UTF8Bytes.hasPrefix(script, "view(", at: call, end: script.count) { break }
            call += 1
        }
        var index = call + 5
        while index < script.count, script[index] == 0x20 { index += 1 }
        guard index < script.count, script[index] == UInt8(ascii: "\"") || script[index] == UInt8(ascii: "'") else { return nil }
        let quote = script[index]
        var literal = TextBuilder()
        var runStart = index + 1
        index += 1
        // A backslash is dropped and the byte after it kept as it is; the literal ends at the
        // first quote that is not escaped.
        while index < script.count, script[index] != quote {
            if script[index] == UInt8(ascii: "\\") {
                literal.append(script[runStart..<index], decodeEntities: false)
                runStart = index + 1
                index += 1
            }
            index += 1
        }
        literal.append(script[runStart..<min(index, script.count)], decodeEntities: false)
        let text = PageMetadata.stripTags(literal.take())
        return text.isEmpty ? nil : text
    }

    /// Dedupe key of a link: the href before any query (`?div=-1`) or fragment, without leading
    /// `./`, lower-cased. An href that starts with `?` or `#` is its own key.
    static func key(_ href: String) -> String {
        UTF8Bytes.withBytes(href) { key(utf8: $0) } ?? href
    }

    /// `key(_:)` of an href given as UTF-8; nil when the key is the href itself, as it is for
    /// most page links, so no second String is made.
    static func key(utf8 href: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func isQueryOrFragment(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") }
        let hasPath = !(href.first.map(isQueryOrFragment) ?? false)
        var end = href.count
        var isASCII = true
        var hasUpperCase = false
        for index in href.indices {
            let byte = href[index]
            if hasPath, isQueryOrFragment(byte) {
                end = index
                break
            }
            isASCII = isASCII && byte < 0x80
            hasUpperCase = hasUpperCase || UTF8Bytes.asciiLower(byte) != byte
        }
        var start = 0
        while end - start >= 2, href[start] == UInt8(ascii: "."), href[start + 1] == UInt8(ascii: "/") { start += 2 }
        let part = UnsafeBufferPointer(rebasing: href[start..<end])
        guard isASCII else { return String(validUTF8: part).lowercased() }
        guard start > 0 || end < href.count || hasUpperCase else { return nil }
        return String(unsafeUninitializedCapacity: part.count) { output in
            for offset in part.indices { output[offset] = UTF8Bytes.asciiLower(part[offset]) }
            return part.count
        }
    }

    /// The printed page's own label: the first short, link-free element whose whole text is a
    /// label (`td.bm01`, `.l_t`, `td.px12`); then a label inside a `date` element (`第04版`).
    func visibleLabel() -> PageRef? {
        let nodes = document.nodes
        // A label element holds a text with 版 and spans at most 24 nodes, so it is one of the
        // few ancestors just above such a text. Taking the texts in order and each one's
        // ancestors from the outermost not yet seen visits those elements in document order,
        // each once: an ancestor of a later text that precedes an earlier text contains it too.
        var seenThrough = -1
        var ancestors: [Int] = []
        for text in banTexts {
            ancestors.removeAll(keepingCapacity: true)
            var ancestor = nodes[text].parent
            while ancestor > seenThrough, ancestor >= text - 23 {
                ancestors.append(ancestor)
                ancestor = nodes[ancestor].parent
            }
            seenThrough = text
            for index in ancestors.reversed() {
                guard nodes[index].end - index <= 24, nodes[index].tag != .a, nodes[index].tag != .title,
                    !isInsideLink(index), !containsLink(index) else { continue }
                let page = document.withText(of: index) { text in
                    UTF8Bytes.scalarCount(text, upTo: 60) <= 60 ? PageLabel.parse(utf8: text) : nil
                }
                if let page { return page }
            }
        }
        for index in nodes.indices where nodes[index].kind == .element && nodes[index].end - index <= 24 {
            guard document.attribute("class", of: index, contains: "date") else { continue }
            if let number = PageLabel.findNumber(in: document.text(of: index)) { return PageRef(number: number, name: nil) }
        }
        return nil
    }

    /// Whether an ancestor of element `index` is an `<a>`: subtrees nest, so whether a link
    /// before `index` has a subtree reaching past it.
    private func isInsideLink(_ index: Int) -> Bool {
        let links = document.elements(.a)
        let before = links.distance(from: links.startIndex, to: links.partitioningIndex { $0 >= index })
        return before > 0 && linkEndsSoFar[before - 1] > index
    }

    /// Whether element `index` or a node inside it is an `<a href>`.
    private func containsLink(_ index: Int) -> Bool {
        (index..<document.nodes[index].end).contains { node in
            document.nodes[node].kind == .element && document.nodes[node].tag == .a && document.attributeRange("href", of: node) != nil
        }
    }

    /// Whether an element's text nodes mention `版`, before building any String.
    private func mentionsBan(_ index: Int) -> Bool {
        // The first 版 text after `index`, inside the element or not.
        let next = banTexts.partitioningIndex { $0 > index }
        return next < banTexts.count && banTexts[next] < document.nodes[index].end
    }

    /// Found from its last byte: 88 is one continuation byte of sixty-four, while E7 leads a
    /// sixth of all Chinese characters, so far fewer candidates stop the search.
    private static func containsBan(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var cursor = start + 2
        while true {
            cursor = buffer.index(of: 0x88, from: cursor, to: end)
            guard cursor < end else { return false }
            if buffer[cursor - 1] == 0x89, buffer[cursor - 2] == 0xE7 { return true }
            cursor += 1
        }
    }

    /// The first date in the page's visible text (scripts, styles and comments excluded). Pages
    /// without a metadata date mostly print it near the top, so the text is searched as it is
    /// built and building stops at the date instead of flattening the whole page.
    func visibleDate() -> String? {
        var resumeAt = 0
        return document.searchVisibleText { text, isComplete in
            switch DateText.first(utf8: text, from: resumeAt, textIsComplete: isComplete) {
            case .found(let date):
                return date
            case .notFound:
                resumeAt = text.count
            case .undecided(let offset):
                resumeAt = offset
            }
            return nil
        }
    }
}
