"""The worker end to end, read back with an independent client (Python confluent-kafka).

Pages from the generated corpus (gzip/zlib/plain, GBK/UTF-8, article/node/plain-text, broken) plus
the real seed page are loaded with `pagepipe produce`, processed by `pagepipe run`, and every
output record is checked against Protocols/: schema-valid events on the right topics, broken pages
unchanged on the dead-letter topic, committed offsets at the input's end, identical bytes on rerun.
"""
import collections
import json
import subprocess

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from conftest import fails, shared_path

GROUP_TIMEOUTS = ["--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000"]


def read_topic(brokers, topic):
    """Every record of `topic` from the beginning to its current end, with headers.

    The end is taken from partition-EOF events (the fetch high-water mark): Tansu's ListOffsets
    answers the last batch's base offset + 1, so get_watermark_offsets() under-reports the end.
    """
    records = []
    end_offsets(brokers, topic, collect=records)
    return records


def end_offsets(brokers, topic, collect=None):
    consumer = Consumer({"bootstrap.servers": brokers, "group.id": "contract-reader", "enable.auto.commit": False,
                         "enable.partition.eof": True})
    try:
        metadata = consumer.list_topics(topic, timeout=10)
        if metadata.topics[topic].error is not None:
            return {}
        partitions = list(metadata.topics[topic].partitions)
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        ends, idle = {}, 0
        while len(ends) < len(partitions) and idle < 150:
            message = consumer.poll(0.2)
            if message is None:
                idle += 1
                continue
            idle = 0
            if message.error() is not None:
                assert message.error().code() == KafkaError._PARTITION_EOF, message.error()
                ends[message.partition()] = message.offset()
                continue
            if collect is not None:
                collect.append(message)
        assert len(ends) == len(partitions), f"could not read {topic} to its end"
        return ends
    finally:
        consumer.close()


def run_worker(pagepipe, brokers, group, raw, suffix, tmp_path):
    summary = tmp_path / f"{group}.json"
    subprocess.run(
        [pagepipe, "run", "--brokers", brokers, "--group", group, "--input-topic", raw, "--topic-suffix", suffix,
         "--exit-when-idle", "6", "--progress-interval-ms", "0", "--log-level", "warning", "--summary-json", str(summary),
         *GROUP_TIMEOUTS],
        check=True, timeout=240,
    )
    return json.loads(summary.read_text())


def test_worker_publishes_schema_valid_events_and_dead_letters(pagepipe, brokers, validators, unique, tmp_path):
    raw, suffix = f"contract.raw.{unique}", f".{unique}"
    admin = AdminClient({"bootstrap.servers": brokers})  # kept alive until the future resolves
    admin.create_topics([NewTopic(raw, num_partitions=4, replication_factor=1)])[raw].result(30)

    corpus = tmp_path / "corpus"
    subprocess.run([pagepipe, "corpus", "--count", "240", "--seed", "21", "--broken-fraction", "0.05", "--out", str(corpus)], check=True)
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    subprocess.run([pagepipe, "produce", "--brokers", brokers, "--topic", raw, str(corpus)], check=True, timeout=120)
    seed = shared_path("seeds", "000_725b41050449d912.txt")
    subprocess.run([pagepipe, "produce", "--brokers", brokers, "--topic", raw, "--compress", "gzip", str(seed)], check=True, timeout=60)
    total = len(manifest) + 1
    broken = [entry for entry in manifest if fails(entry)]
    node_pages = [entry for entry in manifest if entry["kind"] == "node"]

    summary = run_worker(pagepipe, brokers, f"contract-{unique}", raw, suffix, tmp_path)
    assert summary["pages_in"] == total
    assert summary["dead_lettered"] == len(broken)

    articles = read_topic(brokers, f"articles{suffix}")
    pages = read_topic(brokers, f"pages.index{suffix}")
    dead = read_topic(brokers, f"pages.dlq{suffix}")
    assert len(articles) == total - len(broken) - len(node_pages)
    assert len(pages) == len(node_pages)
    assert len(dead) == len(broken)

    by_section = collections.Counter()
    for message in articles + pages:
        event = json.loads(message.value())
        validators[event["schema"]].validate(event)
        headers = dict(message.headers())
        assert headers["pagepipe-schema"].decode() == event["schema"]
        assert message.key().decode() == event["id"]
        assert event["source"]["kind"] == "kafka" and event["source"]["topic"] == raw
        if event["schema"] == "pagepipe.article/v1":
            by_section[event["section"]["slug"]] += 1
    # Each input page is a different article (its own content_N file): no two may share an id.
    assert len({message.key() for message in articles}) == len(articles)
    seed_events = [json.loads(m.value()) for m in articles if json.loads(m.value())["title"] == "打破社区“内循环”共联共赢共享"]
    assert seed_events and seed_events[0]["district"] == "杨浦区" and seed_events[0]["locality"] == "五角场镇"

    for slug, count in by_section.items():
        assert len(read_topic(brokers, f"articles.{slug}{suffix}")) == count, slug

    originals = {path.name: path.read_bytes() for path in (corpus).rglob("*") if path.is_file()}
    for message in dead:
        headers = dict(message.headers())
        assert headers["pagepipe-error-stage"].decode() in ("decode", "parse")
        assert headers["pagepipe-error-reason"]
        assert message.value() == originals[message.key().decode()], "dead letters carry the page unchanged"

    consumer = Consumer({"bootstrap.servers": brokers, "group.id": f"contract-{unique}", "enable.auto.commit": False})
    try:
        partitions = [TopicPartition(raw, p) for p in range(4)]
        committed = {tp.partition: tp.offset for tp in consumer.committed(partitions, timeout=10)}
    finally:
        consumer.close()
    ends = end_offsets(brokers, raw)
    assert committed == ends

    # A second group over the same input: every event comes out byte-identical, with the same ids.
    run_worker(pagepipe, brokers, f"contract-again-{unique}", raw, suffix, tmp_path)
    again = read_topic(brokers, f"articles{suffix}")
    values = collections.defaultdict(set)
    for message in again:
        values[message.key()].add(message.value())
    assert len(again) == 2 * len(articles)
    assert all(len(versions) == 1 for versions in values.values()), "a replayed page produced different bytes"
