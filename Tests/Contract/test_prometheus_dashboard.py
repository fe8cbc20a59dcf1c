"""A real Prometheus (the Debian package's server) scrapes a real worker: the series the shipped
dashboard queries exist and move, every dashboard query evaluates, and the alert rules load.

Prometheus runs on 127.0.0.1 with a temporary config and data folder and a 1 s scrape interval.
"""
import json
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Deploy"))
from monitoring_files import ALERTS, dashboard_queries, tool  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, check, seconds: float = 90.0):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out after {seconds:.0f} s waiting for {what}"
        time.sleep(0.5)


class Prometheus:
    def __init__(self, target: str, folder: pathlib.Path):
        self.port = free_port()
        shutil.copy(ALERTS, folder / "alerts.yml")
        (folder / "prometheus.yml").write_text(json.dumps({  # JSON is YAML
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": ["alerts.yml"],
            "scrape_configs": [{"job_name": "pagepipe", "static_configs": [{"targets": [target]}]}],
        }))
        self.log = open(folder / "prometheus.log", "w")
        self.process = subprocess.Popen([
            tool("prometheus"), f"--config.file={folder / 'prometheus.yml'}", f"--storage.tsdb.path={folder / 'data'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
        ], stdout=self.log, stderr=subprocess.STDOUT)
        wait_for("Prometheus to be ready", lambda: self.get("/-/ready") is not None, 60)

    def get(self, path: str):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.read()
        except OSError:
            assert self.process.poll() is None, f"prometheus exited: {pathlib.Path(self.log.name).read_text()}"
            return None

    def query(self, expression: str) -> list:
        answer = json.loads(self.get("/api/v1/query?" + urllib.parse.urlencode({"query": expression})))
        assert answer["status"] == "success", (expression, answer)
        return answer["data"]["result"]

    def value(self, expression: str) -> float:
        result = self.query(expression)
        return float(result[0]["value"][1]) if result else -1.0

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        self.log.close()


def produce(pagepipe: str, brokers: str, topic: str, count: int, seed: int):
    subprocess.run([pagepipe, "produce", "--brokers", brokers, "--topic", topic, "--corpus", str(count), "--seed", str(seed),
                    "--broken-fraction", "0.05", "--log-level", "warning"], check=True, capture_output=True)


def test_prometheus_scrapes_the_series_the_dashboard_queries_and_they_move(pagepipe, brokers, unique, tmp_path):
    topic = f"prom.{unique}"
    produce(pagepipe, brokers, topic, 200, seed=1)
    metrics_port = free_port()
    worker_log = open(tmp_path / "worker.log", "w")
    worker = subprocess.Popen([
        pagepipe, "run", "--brokers", brokers, "--input-topic", topic, "--topic-suffix", f".prom-{unique}", "--group", f"prom-{unique}",
        "--session-timeout-ms", "6000", "--heartbeat-interval-ms", "1000", "--progress-interval-ms", "0",
        "--metrics-port", str(metrics_port), "--metrics-address", "127.0.0.1", "-X", "statistics.interval.ms=1000",
    ], stdout=worker_log, stderr=subprocess.STDOUT)
    prometheus = None
    try:
        prometheus = Prometheus(f"127.0.0.1:{metrics_port}", tmp_path)
        first = wait_for("the first 200 pages in Prometheus", lambda: (v := prometheus.value("pagepipe_pages_consumed_total")) >= 200 and v)
        assert prometheus.value('up{job="pagepipe"}') == 1
        wait_for("readiness scraped", lambda: prometheus.value("pagepipe_ready") == 1)

        produce(pagepipe, brokers, topic, 100, seed=2)
        wait_for("pages consumed to rise by 100", lambda: prometheus.value("pagepipe_pages_consumed_total") >= first + 100)
        wait_for("events published to rise", lambda: prometheus.value('sum(increase(pagepipe_events_published_total[1m]))') > 0)
        wait_for("lag back to 0 after the burst", lambda: prometheus.value("sum(pagepipe_consumer_lag)") == 0)

        # Every panel's query evaluates and finds series (rates over the last 30 s of the run).
        empty = [(title, expression) for title, expression in dashboard_queries() if not prometheus.query(expression)]
        assert empty == [], f"dashboard queries without series: {empty}"

        rules = json.loads(prometheus.get("/api/v1/rules?type=alert"))["data"]["groups"]
        loaded = {rule["name"]: rule for group in rules for rule in group["rules"]}
        assert len(loaded) >= 6 and all(rule["health"] in ("ok", "unknown") for rule in loaded.values()), loaded
        wait_for("the rules to be evaluated", lambda: all(
            rule["health"] == "ok" for group in json.loads(prometheus.get("/api/v1/rules?type=alert"))["data"]["groups"]
            for rule in group["rules"]), 30)
    finally:
        if prometheus:
            prometheus.stop()
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
        worker_log.close()
