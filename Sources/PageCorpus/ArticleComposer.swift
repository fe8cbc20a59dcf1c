import PageModel

/// Writes an article about a subject division from the templates, naming the subject the way real
/// local news does: in the kicker or title most of the time, in the lead, and a few times in the body;
/// the parent district and one other division now and then.
struct ArticleComposer {
    var random: SeededRandom
    let year: Int

    init(random: SeededRandom, year: Int) {
        self.random = random
        self.year = year
    }

    mutating func compose(subject: Division, neighbours: [Division], pageName: String) -> ComposedArticle {
        let topic = topic(forPage: pageName)
        let long = pageName == "特别报道"
        let passing = neighbours.isEmpty || !random.chance(0.5) ? [] : [random.pick(neighbours)]
        var slots = makeSlots(subject: subject, topic: topic, passing: passing.first)

        let kicker = random.chance(0.5) ? fill(random.pick(SentenceTemplates.kickers), &slots) : nil
        let kickerNamesPlace = kicker.map { $0.contains(subject.name) || $0.contains(subject.shortName) } ?? false
        let title = headline(placeless: kickerNamesPlace && random.chance(0.5), &slots)
        let subtitle = random.chance(0.25) ? fill(random.pick(SentenceTemplates.subtitles), &slots) : nil
        let (byline, authors) = makeByline()

        var blocks: [ComposedArticle.Block] = []
        let paragraphCount = long ? random.int(15...30) : random.int(5...14)
        var sentencesNamingSubject = 0
        var used: [String] = []
        for index in 0..<paragraphCount {
            var sentences: [String] = []
            if index == 0 {
                sentences.append("本报讯　" + fill(random.pick(SentenceTemplates.leads), &slots))
            }
            for _ in 0..<random.int(2...4) {
                let pool: [String]
                if sentencesNamingSubject < 3 && random.chance(0.5) {
                    pool = SentenceTemplates.subjectSentences
                    sentencesNamingSubject += 1
                } else {
                    pool = SentenceTemplates.fillers
                }
                sentences.append(fill(pickUnused(pool, &used), &slots))
            }
            if index == paragraphCount / 2, !passing.isEmpty {
                sentences.append(fill(random.pick(SentenceTemplates.passing), &slots))
            }
            blocks.append(.paragraph(sentences.joined()))
        }
        if sentencesNamingSubject < 2 {
            blocks.append(.paragraph(fill(SentenceTemplates.subjectSentences[6], &slots)))
        }
        insertSubheadings(topic: topic, into: &blocks)
        return ComposedArticle(
            kicker: kicker, title: title, subtitle: subtitle, authors: authors, byline: byline, blocks: blocks,
            subject: subject, passing: passing)
    }

    /// Sports, culture and economy pages carry their own topics; other pages carry any.
    private mutating func topic(forPage pageName: String) -> Topic {
        let preferred: [String]
        switch pageName {
        case "体育": preferred = ["全民健身"]
        case "文化": preferred = ["社区文化"]
        case "经济": preferred = ["科技创新", "就业帮扶"]
        default: preferred = []
        }
        let pool = Phrasebook.topics.filter { preferred.contains($0.name) }
        return random.pick(pool.isEmpty ? Phrasebook.topics : pool)
    }

    /// A title for another article on the same page (only the title is needed there).
    mutating func otherTitle(subject: Division) -> String {
        var slots = makeSlots(subject: subject, topic: random.pick(Phrasebook.topics), passing: nil)
        return headline(placeless: random.chance(0.3), &slots)
    }

    private mutating func headline(placeless: Bool, _ slots: inout [String: String]) -> String {
        let pool = placeless
            ? SentenceTemplates.headlineWithoutPlace
            : SentenceTemplates.titles.filter { $0.contains("{S}") }
        return fill(random.pick(pool), &slots)
    }

    /// A template not yet used in this article, so no sentence repeats until the pool runs out.
    private mutating func pickUnused(_ pool: [String], _ used: inout [String]) -> String {
        var fresh = pool.filter { !used.contains($0) }
        if fresh.isEmpty {
            used.removeAll { pool.contains($0) }
            fresh = pool
        }
        let template = random.pick(fresh)
        used.append(template)
        return template
    }

    private mutating func insertSubheadings(topic: Topic, into blocks: inout [ComposedArticle.Block]) {
        guard blocks.count >= 6, random.chance(0.45) else { return }
        let headings = random.sample(topic.subheadings, count: random.int(2...3))
        let stride = blocks.count / (headings.count + 1)
        for (offset, heading) in headings.enumerated().reversed() {
            blocks.insert(.subheading(heading), at: stride * (offset + 1))
        }
    }

    private mutating func makeByline() -> (String, [String]) {
        let reporter = personName()
        switch random.below(4) {
        case 0: return ("■记者　\(reporter)", [reporter])
        case 1: return ("本报记者　\(reporter)", [reporter])
        case 2:
            let correspondent = personName()
            return ("本报记者　\(reporter)　通讯员　\(correspondent)", [reporter, correspondent])
        default:
            let intern = personName()
            return ("记者　\(reporter)　实习生　\(intern)", [reporter, intern])
        }
    }

    private mutating func personName() -> String {
        random.pick(Phrasebook.surnames) + random.pick(Phrasebook.givenNames)
    }

    private mutating func makeSlots(subject: Division, topic: Topic, passing: Division?) -> [String: String] {
        let isDistrict = subject.level == .district
        let district = isDistrict ? subject.name : subject.parent
        return [
            "D": subject.name, "S": isDistrict && random.chance(0.5) ? subject.shortName : subject.name,
            "Q": district, "X": passing?.name ?? subject.name, "T": topic.name, "E": topic.event,
            "A": topic.activity, "B": topic.beneficiaries, "Y": String(year),
            "L": subject.level == .town ? "镇" : subject.level == .district ? "区" : "街道",
        ]
    }

    /// Replaces `{X}` slots; the per-use slots (people, numbers, organisations) are drawn fresh each time.
    private mutating func fill(_ template: String, _ slots: inout [String: String]) -> String {
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let key = String(rest[rest.index(after: open)..<close])
            output += slots[key] ?? freshSlot(key, slots["D"] ?? "")
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    private mutating func freshSlot(_ key: String, _ subjectName: String) -> String {
        switch key {
        case "P": return personName()
        case "R": return random.pick(Phrasebook.officialRoles + Phrasebook.residentRoles)
        case "N": return String(random.int(3...48))
        case "M": return String(random.int(2...12))
        case "K": return String(random.int(12...650) * 10)
        case "U": return random.pick(Phrasebook.universities)
        case "H": return random.pick(Phrasebook.neighbourhoods)
        case "O":
            switch random.below(3) {
            case 0: return random.pick(Phrasebook.institutions)
            case 1: return random.pick(Phrasebook.companies)
            default: return subjectName + random.pick(Phrasebook.localInstitutionSuffixes)
            }
        default: return key
        }
    }
}
