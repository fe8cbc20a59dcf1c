"""`pagepipe parse` output against the published schemas, on real and generated pages."""
import json
import subprocess

from conftest import ROOT, fails, shared_path


def run_parse(pagepipe, *inputs):
    result = subprocess.run([pagepipe, "parse", *map(str, inputs)], capture_output=True)
    events = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
    return result, events


def validate(validators, event):
    validators[event["schema"]].validate(event)


def test_seed_page_matches_schema_and_golden_fields(pagepipe, validators):
    result, events = run_parse(pagepipe, shared_path("seeds", "000_725b41050449d912.txt"))
    assert result.returncode == 0, result.stderr.decode()
    assert len(events) == 1
    event = events[0]
    validate(validators, event)
    assert event["paper"] == "杨浦时报"
    assert event["date"] == "2013-06-27"
    assert event["page"] == {"number": "7", "name": "城事·三区"}
    assert event["section"]["slug"] == "city"
    assert event["title"] == "打破社区“内循环”共联共赢共享"
    assert event["kicker"] == "五角场镇带动各类资源,不断完善区域化党建"
    assert event["subtitle"] is None
    assert event["authors"] == ["毛海萍"]
    assert len(event["paragraphs"]) == 12
    assert len(event["subheadings"]) == 3
    assert len(event["edition"]) == 8
    assert len(event["page_articles"]) == 5
    # district is county level, locality town level; both name entries of districts[].
    assert event["district"] == "杨浦区"
    assert event["locality"] == "五角场镇"
    by_name = {entry["name"]: entry for entry in event["districts"]}
    assert by_name["杨浦区"]["code"] == "310110"
    assert by_name["杨浦区"]["prefecture"] == "上海市" and by_name["杨浦区"]["province"] == "上海市"
    assert by_name["五角场镇"]["parent"] == "杨浦区" and by_name["五角场镇"]["code"] == "310110101"


def test_real_node_pages_match_schema(pagepipe, validators):
    folder = shared_path("pages", "real")
    # INDEX.md names node pages `…-node-N.html`; the article regions beside them are `…-fragment-N.html`.
    pages = sorted(folder.glob("*-node-*.html"))
    assert len(pages) == 6
    result, events = run_parse(pagepipe, *pages)
    assert result.returncode == 0, result.stderr.decode()
    assert len(events) == len(pages)
    for event in events:
        validate(validators, event)
        assert event["schema"] == "pagepipe.page/v1"
        assert event["articles"], event
        content_ids = [article["content_id"] for article in event["articles"]]
        assert None not in content_ids and len(set(content_ids)) == len(content_ids), event["articles"]
    assert len({event["id"] for event in events}) == 6


def test_same_title_articles_keep_their_own_ids(pagepipe, validators):
    """Two 图片新闻 with different bodies and two identical 广告 with their own paperarticleids: four ids."""
    fixtures = ROOT / "Tests" / "Fixtures" / "pages"
    names = ["same-title-1.html", "same-title-2.html", "ad-1.html", "ad-2.html"]
    result, events = run_parse(pagepipe, *(fixtures / name for name in names))
    assert result.returncode == 0, result.stderr.decode()
    for event in events:
        validate(validators, event)
    assert [event["title"] for event in events] == ["图片新闻", "图片新闻", "广告", "广告"]
    assert len({event["id"] for event in events}) == 4
    assert events[2]["content_hash"] == events[3]["content_hash"]
    assert [event["content_id"] for event in events] == [None, None, "content_80511", "content_80512"]
    _, again = run_parse(pagepipe, *(fixtures / name for name in names))
    assert [event["id"] for event in again] == [event["id"] for event in events]


def test_real_article_regions_match_schema_and_index(pagepipe, validators):
    """The 湖北日报 article regions (no <head>): fields as ../shared/pages/real/INDEX.md gives them."""
    folder = shared_path("pages", "real")
    pages = sorted(folder.glob("hbrb-*-fragment-*.html"))
    assert len(pages) == 3
    result, events = run_parse(pagepipe, *pages)
    assert result.returncode == 0, result.stderr.decode()
    expected = [("1", [], 4), ("2", ["湖北日报评论员"], 7), ("4", [], 3)]
    assert len(events) == len(expected)
    for event, (page, authors, paragraphs) in zip(events, expected):
        validate(validators, event)
        assert event["schema"] == "pagepipe.article/v1"
        assert event["paper"] == "湖北日报"
        assert event["date"] == "2023-02-11"
        assert event["page"] == {"number": page, "name": None}
        assert event["authors"] == authors
        assert len(event["paragraphs"]) == paragraphs


def test_generated_corpus_matches_schema_and_fails_only_broken_pages(pagepipe, validators, tmp_path):
    subprocess.run([pagepipe, "corpus", "--count", "150", "--seed", "11", "--broken-fraction", "0.1", "--out", str(tmp_path)], check=True)
    manifest = [json.loads(line) for line in (tmp_path / "manifest.jsonl").read_text().splitlines()]
    broken = sum(1 for entry in manifest if fails(entry))
    result, events = run_parse(pagepipe, tmp_path)
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("pagepipe: ")]
    assert len(errors) == broken, errors[:5]
    assert (result.returncode != 0) == (broken > 0)
    assert len(events) == len(manifest) - broken
    for event in events:
        validate(validators, event)


def test_sections_say_what_decided_them(pagepipe, validators):
    """`section.source` and `section.evidence` (parser 1.1.0): a page name decides the seed; the
    湖北日报 editorial region prints no page name, so its byline (湖北日报评论员) decides."""
    seed = shared_path("seeds", "000_725b41050449d912.txt")
    editorial = shared_path("pages", "real", "hbrb-2023-02-11-fragment-2.html")
    node = shared_path("pages", "real", "rmrb-2017-10-16-node-1.html")
    result, events = run_parse(pagepipe, seed, editorial, node)
    assert result.returncode == 0, result.stderr.decode()
    assert len(events) == 3
    for event in events:
        validate(validators, event)
        assert {"slug", "name", "source", "evidence"} <= event["section"].keys()
    seed_event, editorial_event, node_event = events
    assert seed_event["section"] == {"slug": "city", "name": "城事·三区", "source": "page",
                                     "evidence": [{"field": "page_name", "term": "城事", "count": 1}]}
    assert editorial_event["section"]["slug"] == "opinion"
    assert editorial_event["section"]["source"] == "content"
    assert any(item["term"].endswith("评论员") and item["field"] == "authors" for item in editorial_event["section"]["evidence"])
    assert node_event["section"]["slug"] == "front"
    assert node_event["section"]["source"] == "page"
    # parser 1.2.0: the editorial's topic stands beside its byline cue.
    assert editorial_event["section"]["evidence"][-1]["field"] == "topic"
    assert editorial_event["section"]["evidence"][-1]["term"] == editorial_event["topic"]["slug"]


def test_every_article_has_a_topic_and_no_section_says_page_without_a_page_rule(pagepipe, validators, tmp_path):
    """`topic` (parser 1.2.0) on every article event, from the bundled model; `section.source` is
    `page` only with page evidence, `none` only for `other` with no evidence, `content` with the
    topic or a byline cue as evidence."""
    subprocess.run([pagepipe, "corpus", "--count", "120", "--seed", "5", "--broken-fraction", "0", "--out", str(tmp_path)], check=True)
    real = sorted(shared_path("pages", "real").glob("hbrb-*-fragment-*.html"))
    result, events = run_parse(pagepipe, shared_path("seeds", "000_725b41050449d912.txt"), *real, tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    articles = [event for event in events if event["schema"] == "pagepipe.article/v1"]
    assert len(articles) > 50
    sources = set()
    for event in articles:
        validate(validators, event)
        assert event["parser_version"] == "1.2.0"
        topic = event["topic"]
        assert topic["model"] == "pagepipe-news-topics-1"
        assert topic["p"] >= topic["runner_up"]["p"] and topic["slug"] != topic["runner_up"]["slug"]
        assert list(topic) == ["slug", "p", "runner_up", "model"]
        section = event["section"]
        sources.add(section["source"])
        fields = {item["field"] for item in section["evidence"]}
        if section["source"] == "page":
            assert fields and fields <= {"page_name", "page_number"}
        elif section["source"] == "none":
            assert section["slug"] == "other" and section["evidence"] == []
        else:
            assert fields and not fields & {"page_name", "page_number"}
            if "topic" in fields and len(fields) == 1:
                assert section["slug"] == topic["slug"]
    assert "page" in sources and "content" in sources
