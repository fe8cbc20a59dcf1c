import PageModel

/// Which of a node page's article links are its own articles, when the page has an image map.
///
/// The map (`<area href=content_N.htm>`) covers only this page's articles, but often not all of
/// them, and sometimes one twice; the title list covers them all, and a 今日关注 box may link
/// other pages' articles too. So: the title list is the repeated structure around the links the map
/// covers (the nearest element holding a second article, and in it the links at the same tag
/// path); where several such lists exist, the one covering the most mapped articles, the first
/// on ties. The page's articles are that list, in its order, then mapped articles it lacks (titled
/// from another link or the area's `title`/`alt`), one per content id.
struct TitleList {
    struct Candidate {
        var link: ArticleLink
        /// `ContentID`, else the href's dedupe key.
        var key: String
        /// The `<a>` element.
        var element: Int
    }

    let document: HTMLDocument

    /// `areas` are the map's (key, area element) pairs in document order.
    func articles(candidates: [Candidate], areas: [(key: String, element: Int)]) -> [ArticleLink] {
        let mapped = Set(areas.map(\.key))
        guard !mapped.isEmpty, candidates.contains(where: { mapped.contains($0.key) }) else { return unique(candidates) }
        var best: (list: [Candidate], covered: Int)?
        var containers = Set<Int>()
        for candidate in candidates where mapped.contains(candidate.key) {
            guard let container = container(of: candidate, among: candidates), containers.insert(container).inserted else { continue }
            let list = candidates.filter { other in
                other.element > container && other.element < document.nodes[container].end
                    && sameTagPath(below: container, other.element, candidate.element)
            }
            let covered = Set(list.map(\.key)).intersection(mapped).count
            if covered > best?.covered ?? 0 { best = (list, covered) }
        }
        var links = best?.list ?? candidates.filter { mapped.contains($0.key) }
        for area in areas where !links.contains(where: { $0.key == area.key }) {
            if let elsewhere = candidates.first(where: { $0.key == area.key }) {
                links.append(elsewhere)
            } else if let title = (document.attribute("title", of: area.element) ?? document.attribute("alt", of: area.element))?.trimmingWhitespace(),
                !title.isEmpty, let href = document.attribute("href", of: area.element)
            {
                links.append(Candidate(link: ArticleLink(title: title, href: href), key: area.key, element: area.element))
            }
        }
        return unique(links)
    }

    /// The nearest ancestor of the candidate's link that holds a link to another article.
    private func container(of candidate: Candidate, among candidates: [Candidate]) -> Int? {
        var ancestor = document.nodes[candidate.element].parent
        while ancestor >= 0 {
            let end = document.nodes[ancestor].end
            if candidates.contains(where: { $0.element > ancestor && $0.element < end && $0.key != candidate.key }) { return ancestor }
            ancestor = document.nodes[ancestor].parent
        }
        return nil
    }

    /// Whether the tags from just below `container` down to `element` are those down to `other`
    /// (both inside `container`): the two parent chains are walked side by side, so comparing a
    /// list's links makes no array per link.
    private func sameTagPath(below container: Int, _ element: Int, _ other: Int) -> Bool {
        var node = element
        var otherNode = other
        while node > container, otherNode > container {
            guard document.nodes[node].tag == document.nodes[otherNode].tag else { return false }
            node = document.nodes[node].parent
            otherNode = document.nodes[otherNode].parent
        }
        return node == container && otherNode == container
    }

    /// The first link of each key, in order.
    private func unique(_ candidates: [Candidate]) -> [ArticleLink] {
        var seen = Set<String>(minimumCapacity: candidates.count)
        return candidates.filter { seen.insert($0.key).inserted }.map(\.link)
    }
}
