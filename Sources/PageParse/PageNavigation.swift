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
    /// For each `<a>` (same order), the furthest subtree end of it and the links before it: an
    /// element is inside a link exactly when an earlier link's subtree reaches past it, so that
    /// question is a binary search, whatever the nesting depth.
    private let linkEndsSoFar: [Int]

    init(_ document: HTMLDocument) {
        self.document = document
        let links = document.elements(.a)
        hrefs = links.map { document.attributeRange("href", of: $0) }
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

    /// The page list (`<a id=pageLink href=node_1.htm>第01版：一版要闻</a>`, `A01： 头版`), deduplicated by number.
    func edition() -> [PageRef] {
        var pages: [PageRef] = []
        pages.reserveCapacity(document.elements(.a).count)
        for index in document.elements(.a) where document.nodes[index].end - index <= 64 {
            // Only links that mention 版 or are marked as page links can be page-list entries.
            let isPageLink = document.attribute("id", of: index, is: "pagelink")
            guard isPageLink || mentionsBan(index) else { continue }
            guard let page = document.withText(of: index, { PageLabel.parse(utf8: $0, requireBanSuffix: !isPageLink) }) else { continue }
            if !pages.contains(where: { $0.number == page.number }) { pages.append(page) }
        }
        return pages
    }

    /// The page's own articles in page order. When the page has an image map, only links the
    /// map also has count: boxes like 今日关注 link other pages' articles, which the map lacks.
    func articleLinks() -> [ArticleLink] {
        var candidates: [(link: ArticleLink, key: String)] = []
        candidates.reserveCapacity(document.elements(.a).count)
        for (position, index) in document.elements(.a).enumerated() where document.nodes[index].end - index <= 256 {
            guard let range = hrefs[position], let title = title(ofLink: index, href: range) else { continue }
            let (href, key) = hrefAndKey(index, href: range)
            candidates.append((ArticleLink(title: title, href: href), key))
        }
        let mapKeys = Set(document.elements(.area).compactMap { area in document.attributeRange("href", of: area).map { hrefAndKey(area, href: $0).key } })
        if !mapKeys.isEmpty, candidates.contains(where: { mapKeys.contains($0.key) }) {
            candidates.removeAll { !mapKeys.contains($0.key) }
        }
        var seen = Set<String>(minimumCapacity: candidates.count)
        var links: [ArticleLink] = []
        links.reserveCapacity(candidates.count)
        for candidate in candidates where seen.insert(candidate.key).inserted { links.append(candidate.link) }
        return links
    }

    /// The decoded `href` of element `index` and its dedupe key (`key(_:)`). Plain ASCII hrefs,
    /// the usual case, are read from the bytes: decoding would not change them, and the key is
    /// their lower-cased form without leading `./`.
    private func hrefAndKey(_ index: Int, href range: Range<Int>) -> (href: String, key: String) {
        guard document.isVerbatim(range, allowingSpaces: false) else {
            let href = document.attribute("href", of: index) ?? ""
            return (href, PageNavigation.key(href))
        }
        return document.bytes.withUnsafeBufferPointer { buffer in
            let raw = UnsafeBufferPointer(rebasing: buffer[range])
            let href = String(validUTF8: raw)
            guard !raw.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else { return (href, PageNavigation.key(href)) }
            var start = 0
            while raw.count - start >= 2, raw[start] == UInt8(ascii: "."), raw[start + 1] == UInt8(ascii: "/") { start += 2 }
            guard start > 0 || raw.contains(where: { asciiLower($0) != $0 }) else { return (href, href) }
            let key = String(unsafeUninitializedCapacity: raw.count - start) { output in
                for offset in start..<raw.count { output[offset - start] = asciiLower(raw[offset]) }
                return raw.count - start
            }
            return (href, key)
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
            if childNode.kind == .rawText, let written = PageNavigation.viewArgument(document.content(of: child)) {
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
    static func viewArgument(_ script: String) -> String? {
        guard let call = script.firstRange(of: "view(") else { return nil }
        let rest = script[call.upperBound...].drop(while: { $0 == " " })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        var literal = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped { literal.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == quote { break }
            literal.append(character)
        }
        let text = PageMetadata.stripTags(TextBuilder.normalize(literal))
        return text.isEmpty ? nil : text
    }

    /// Dedupe key of a link: no `?div=` query or fragment, no leading `./`.
    static func key(_ href: String) -> String {
        // Most hrefs have neither query nor fragment; only those need the splitting rules.
        if !href.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            var key = href[...]
            while key.utf8.starts(with: "./".utf8) { key = key.dropFirst(2) }
            return key.lowercased()
        }
        var key = href.split(separator: "?", maxSplits: 1).first.map(String.init) ?? href
        key = key.split(separator: "#", maxSplits: 1).first.map(String.init) ?? key
        while key.hasPrefix("./") { key.removeFirst(2) }
        return key.lowercased()
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
                    text.scalarCount(from: 0, to: text.count) <= 60 ? PageLabel.parse(utf8: text) : nil
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
        var low = 0
        var high = links.count
        while low < high {
            let middle = (low + high) / 2
            if links[links.startIndex + middle] < index { low = middle + 1 } else { high = middle }
        }
        return low > 0 && linkEndsSoFar[low - 1] > index
    }

    /// Whether element `index` or a node inside it is an `<a href>`.
    private func containsLink(_ index: Int) -> Bool {
        (index..<document.nodes[index].end).contains { node in
            document.nodes[node].kind == .element && document.nodes[node].tag == .a && document.attributeRange("href", of: node) != nil
        }
    }

    /// Whether an element's text nodes mention `版`, before building any String.
    private func mentionsBan(_ index: Int) -> Bool {
        // The first 版 text after `index` (binary search), inside the element or not.
        var low = 0
        var high = banTexts.count
        while low < high {
            let middle = (low + high) / 2
            if banTexts[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return low < banTexts.count && banTexts[low] < document.nodes[index].end
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

    /// The first date in the page's visible text (scripts, styles and comments excluded).
    func visibleDate() -> String? {
        DateText.first(in: document.text(0..<document.nodes.count))
    }
}
