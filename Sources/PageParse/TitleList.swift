import ByteText
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
    /// The page's time budget: every loop here ticks it, since a map or a list can be as long
    /// as the page's node cap allows.
    let deadline: PageDeadline

    /// `areas` are the map's (key, area element) pairs in document order; `candidates` are in
    /// document order too. Every lookup is by hash or by binary search over the candidates, so
    /// the work grows with the number of links and areas, not with their product.
    func articles(candidates: [Candidate], areas: [(key: String, element: Int)]) throws(ParseError) -> [ArticleLink] {
        let mapped = Set(areas.map(\.key))
        guard !mapped.isEmpty, candidates.contains(where: { mapped.contains($0.key) }) else { return unique(candidates) }
        var countdown = deadline.countdown()
        let index = CandidateIndex(candidates)
        var best: (list: [Candidate], covered: Int)?
        var containers = Set<Int>()
        for (position, candidate) in candidates.enumerated() where mapped.contains(candidate.key) {
            guard let container = try container(of: position, in: index, &countdown), containers.insert(container).inserted else { continue }
            var list: [Candidate] = []
            for other in candidates[index.positions(inside: container, of: document)] {
                try countdown.tickParsing("comparing the title list's links")
                if sameTagPath(below: container, other.element, candidate.element) { list.append(other) }
            }
            let covered = Set(list.map(\.key)).intersection(mapped).count
            if covered > best?.covered ?? 0 { best = (list, covered) }
        }
        var links = best?.list ?? candidates.filter { mapped.contains($0.key) }
        var listed = Set(links.map(\.key))
        var firstWithKey: [String: Int] = [:]
        for position in candidates.indices.reversed() { firstWithKey[candidates[position].key] = position }
        for area in areas where !listed.contains(area.key) {
            try countdown.tickParsing("reading the image map's articles")
            if let elsewhere = firstWithKey[area.key] {
                links.append(candidates[elsewhere])
                listed.insert(area.key)
            } else if let title = (document.attribute("title", of: area.element) ?? document.attribute("alt", of: area.element))?.trimmingWhitespace(),
                !title.isEmpty, let href = document.attribute("href", of: area.element)
            {
                links.append(Candidate(link: ArticleLink(title: title, href: href), key: area.key, element: area.element))
                listed.insert(area.key)
            }
        }
        return unique(links)
    }

    /// The candidates' elements and keys arranged for range questions: which candidates lie
    /// inside an element, and whether one of them has another key than a given one.
    private struct CandidateIndex {
        let elements: [Int]
        /// Each candidate's key as a small number, equal for equal keys.
        let keys: [Int]
        /// For each candidate, the first later candidate whose key differs from its own (or the count).
        let nextOtherKey: [Int]

        init(_ candidates: [Candidate]) {
            elements = candidates.map(\.element)
            var numbers: [String: Int] = [:]
            keys = candidates.map { candidate in
                if let number = numbers[candidate.key] { return number }
                numbers[candidate.key] = numbers.count
                return numbers.count - 1
            }
            var nextOtherKey = [Int](repeating: candidates.count, count: candidates.count)
            for position in candidates.indices.dropLast().reversed() {
                nextOtherKey[position] = keys[position + 1] != keys[position] ? position + 1 : nextOtherKey[position + 1]
            }
            self.nextOtherKey = nextOtherKey
        }

        /// Positions of the candidates inside element `ancestor` (after it, before its end).
        func positions(inside ancestor: Int, of document: HTMLDocument) -> Range<Int> {
            firstPosition(after: ancestor)..<firstPosition(after: document.nodes[ancestor].end - 1)
        }

        /// Whether a candidate in `positions` has a key other than `key`.
        func hasOtherKey(than key: Int, in positions: Range<Int>) -> Bool {
            guard !positions.isEmpty else { return false }
            return keys[positions.lowerBound] != key || nextOtherKey[positions.lowerBound] < positions.upperBound
        }

        /// The first position whose element comes after `element`.
        private func firstPosition(after element: Int) -> Int {
            elements.partitioningIndex { $0 > element }
        }
    }

    /// The nearest ancestor of the candidate's link that holds a link to another article.
    private func container(of position: Int, in index: CandidateIndex, _ countdown: inout DeadlineCountdown) throws(ParseError) -> Int? {
        var ancestor = document.nodes[index.elements[position]].parent
        while ancestor >= 0 {
            try countdown.tickParsing("finding the title list")
            if index.hasOtherKey(than: index.keys[position], in: index.positions(inside: ancestor, of: document)) { return ancestor }
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
