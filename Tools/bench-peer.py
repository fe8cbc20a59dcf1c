#!/usr/bin/env python3
"""The Python peer pagepipe's worker is measured against (issue 13), one process, confluent-kafka.

  full          the peer's whole job, a far simpler one than pagepipe's: consume raw pages, inflate
                (gzip / zlib / raw deflate by the content-encoding header, else by magic bytes),
                decode (UTF-8 when the bytes are UTF-8, else GBK through Python's gb18030
                codec), a regex title / byline / date parse, districts by dictionary (every name of
                pagepipe's gazetteer searched in the text), one JSON event per page to ONE topic,
                and offsets committed after each batch's events are flushed (at-least-once).
  passthrough   consume and republish each record unchanged, commit after flush: the broker's and
                the client's own cost, a ceiling for any worker on the same machine.

Runs until it has handled --pages records (or --idle-seconds without a record) and prints one JSON
line: pages, seconds from the first record to the last commit, pages/s, process CPU seconds.
  Tools/bench-peer.py --brokers 127.0.0.1:19112 --mode full --group peer --pages 20000
"""
import argparse, gzip, json, os, re, sys, time, zlib

from confluent_kafka import Consumer, KafkaError, Producer

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TITLE = re.compile(rb"<title>(.*?)</title>", re.S | re.I)
FOUNDER_TITLE = re.compile(r"<founder-title>(.*?)</founder-title>", re.S | re.I)
HEADING = re.compile(r"<h[12][^>]*>(.*?)</h[12]>", re.S | re.I)
BYLINE = re.compile(r"(?:本报记者|记者|通讯员|作者)[:：\s]*([\u4e00-\u9fff]{2,4}(?:[\s、，,]+[\u4e00-\u9fff]{2,4})*)")
DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
TAG = re.compile(r"<[^>]+>")


class Districts:
    """Every gazetteer name and alias, longest first in one regular expression, so one pass over
    the text finds them all (leftmost, then longest)."""

    def __init__(self, names):
        self.names = names
        self.pattern = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))


def load_districts():
    with open(os.path.join(root, "Sources/PageClassify/Resources/gazetteer.json"), encoding="utf-8") as file:
        gazetteer = json.load(file)
    names = {}
    for division in gazetteer["divisions"]:
        aliases = [alias if isinstance(alias, str) else alias["alias"] for alias in division.get("aliases", [])]
        for name in [division["name"], *aliases]:
            if len(name) >= 2:
                names[name] = division["name"]
    return Districts(names)


def inflate(value, encoding):
    # The bytes win over the header, as in pagepipe: crawlers mislabel bodies.
    if value[:2] == b"\x1f\x8b":
        return gzip.decompress(value)
    if len(value) > 1 and value[0] & 0x0F == 8 and (value[0] << 8 | value[1]) % 31 == 0:
        return zlib.decompress(value)
    if encoding == "deflate":
        try:
            return zlib.decompress(value, -15)
        except zlib.error:
            return value
    return value


def decode(raw):
    # As pagepipe does: bytes that are valid UTF-8 are UTF-8 whatever the label, the rest GB18030 (GBK's superset).
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def headers_of(message):
    return {key: value for key, value in (message.headers() or [])}


def full_event(message, districts):
    headers = headers_of(message)
    encoding = (headers.get("content-encoding") or b"").decode("ascii", "replace").strip().lower()
    text = decode(inflate(message.value(), encoding))
    title = FOUNDER_TITLE.search(text) or HEADING.search(text)
    if title is None:
        found = TITLE.search(text.encode("utf-8"))
        title_text = found.group(1).decode("utf-8").strip() if found else None
    else:
        title_text = TAG.sub("", title.group(1)).strip()
    byline = BYLINE.search(text)
    date = DATE.search(text)
    counts = {}
    for name in districts.pattern.findall(TAG.sub(" ", text)):
        division = districts.names[name]
        counts[division] = counts.get(division, 0) + 1
    event = {
        "schema": "peer.article/v1",
        "source": f"{message.topic()}/{message.partition()}/{message.offset()}",
        "title": title_text,
        "authors": byline.group(1).split() if byline else [],
        "date": "%s-%02d-%02d" % (date.group(1), int(date.group(2)), int(date.group(3))) if date else None,
        "districts": sorted(counts.items(), key=lambda item: -item[1])[:5],
    }
    return json.dumps(event, ensure_ascii=False).encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--mode", choices=("full", "passthrough"), required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--input", default="pages.raw")
    parser.add_argument("--output", default=None, help="default: peer.articles (full) or peer.passthrough")
    parser.add_argument("--pages", type=int, required=True, help="stop after this many records")
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--batch", type=int, default=500)
    arguments = parser.parse_args()
    output = arguments.output or ("peer.articles" if arguments.mode == "full" else "peer.passthrough")

    districts = load_districts()
    consumer = Consumer({
        "bootstrap.servers": arguments.brokers, "group.id": arguments.group, "auto.offset.reset": "earliest",
        "enable.auto.commit": False, "session.timeout.ms": 6000, "heartbeat.interval.ms": 1000,
        "partition.assignment.strategy": "cooperative-sticky",
    })
    producer = Producer({"bootstrap.servers": arguments.brokers, "linger.ms": 5})
    consumer.subscribe([arguments.input])
    handled, failed, first, last_record = 0, 0, None, time.monotonic()
    cpu_start = time.process_time()
    while handled < arguments.pages:
        batch = consumer.consume(arguments.batch, timeout=1.0)
        if not batch:
            if time.monotonic() - last_record > arguments.idle_seconds:
                break
            continue
        last_record = time.monotonic()
        if first is None:
            first = last_record
            cpu_start = time.process_time()
        for message in batch:
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    raise SystemExit(f"bench-peer: consume failed: {message.error()}")
                continue
            if arguments.mode == "full":
                try:
                    value = full_event(message, districts)
                except Exception:  # a page the peer cannot read is skipped, as a DLQ would take it
                    failed += 1
                    continue
                producer.produce(output, value=value, key=message.key())
            else:
                producer.produce(output, value=message.value(), key=message.key(), headers=message.headers())
            producer.poll(0)
            handled += 1
        producer.flush(60)
        consumer.commit(asynchronous=False)
    finished = time.monotonic()
    cpu = time.process_time() - cpu_start
    consumer.close()
    seconds = finished - first if first else 0.0
    print(json.dumps({
        "mode": arguments.mode, "pages": handled, "unreadable": failed, "seconds": round(seconds, 3),
        "pages_per_second": round(handled / seconds, 1) if seconds else 0.0,
        "cpu_seconds": round(cpu, 3), "cpu_us_per_page": round(cpu / handled * 1e6, 1) if handled else 0.0,
    }))


if __name__ == "__main__":
    sys.exit(main())
