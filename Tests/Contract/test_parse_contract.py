"""`pagepipe parse` output against the published schemas, on real and generated pages."""
import json
import subprocess

from conftest import fails, shared_path


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
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 5
    result, events = run_parse(pagepipe, *pages)
    assert result.returncode == 0, result.stderr.decode()
    assert len(events) == 5
    for event in events:
        validate(validators, event)
        assert event["schema"] == "pagepipe.page/v1"
        assert event["articles"], event


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
