"""Deploy/prometheus and Deploy/grafana offline: promtool checks the rules and runs their unit tests,
the dashboard's queries parse and name only metrics the worker exports, and Compose provisions both."""
import re
import subprocess

import yaml

from deploy_files import DEPLOY, ROOT, compose
from monitoring_files import ALERT_TESTS, ALERTS, DASHBOARD, PROMETHEUS_DIR, dashboard, dashboard_queries, tool


def promtool(*arguments, cwd=PROMETHEUS_DIR) -> subprocess.CompletedProcess:
    return subprocess.run([tool("promtool"), *arguments], capture_output=True, text=True, cwd=cwd)


def alert_names() -> list:
    (document,) = [yaml.safe_load(ALERTS.read_text())]
    return [rule["alert"] for group in document["groups"] for rule in group["rules"]]


def test_promtool_accepts_the_rules_and_the_compose_prometheus_config():
    checked = promtool("check", "rules", ALERTS.name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"SUCCESS: {len(alert_names())} rules found" in checked.stdout
    config = promtool("check", "config", "prometheus.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_the_alert_unit_tests_pass():
    result = promtool("test", "rules", ALERT_TESTS.name)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_unit_tests_catch_a_rule_that_fires_too_late(tmp_path):
    # A rule made to wait an hour must fail the tests that expect it within minutes.
    (tmp_path / "alerts.yml").write_text(ALERTS.read_text().replace("for: 5m", "for: 60m"))
    (tmp_path / "alerts.test.yml").write_text(ALERT_TESTS.read_text())
    result = promtool("test", "rules", "alerts.test.yml", cwd=tmp_path)
    assert result.returncode != 0
    assert "PagepipeNotReady" in result.stdout + result.stderr


def test_every_alert_has_a_unit_test_that_fires_it_and_a_runbook_entry():
    tests = yaml.safe_load(ALERT_TESTS.read_text())["tests"]
    fired = {case["alertname"] for test in tests for case in test["alert_rule_test"] if case["exp_alerts"]}
    readme = (ROOT / "README.md").read_text()
    for name in alert_names():
        assert name in fired, f"no unit test in {ALERT_TESTS.name} expects {name} to fire"
        assert re.search(rf"^#### {name}$", readme, re.MULTILINE), f"README has no runbook heading '#### {name}'"


def test_every_dashboard_query_parses(tmp_path):
    # promtool parses expressions in rule files: each query becomes a recording rule.
    rules = {"groups": [{"name": "dashboard", "rules": [
        {"record": f"dashboard:query_{index}", "expr": expression} for index, (_, expression) in enumerate(dashboard_queries())
    ]}]}
    (tmp_path / "queries.yml").write_text(yaml.safe_dump(rules))
    result = promtool("check", "rules", "queries.yml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def exported_metrics() -> set:
    """The metrics the README's table documents (the worker's contract with dashboards and alerts)."""
    readme = (ROOT / "README.md").read_text()
    return set(re.findall(r"^\| `(pagepipe_\w+)", readme, re.MULTILINE))


def test_the_dashboard_covers_what_operators_watch_using_only_exported_metrics():
    used = set()
    for _, expression in dashboard_queries():
        names = set(re.findall(r"\b(pagepipe_\w+?)(?:_bucket|_sum|_count)?\b", expression))
        used |= names
    unknown = used - exported_metrics()
    assert not unknown, f"the dashboard queries metrics the README does not list: {unknown}"
    for needed in ["pagepipe_consumer_lag", "pagepipe_pages_consumed_total", "pagepipe_events_published_total",
                   "pagepipe_pages_dead_lettered_total", "pagepipe_in_flight_pages", "pagepipe_in_flight_pages_limit",
                   "pagepipe_stage_duration_seconds", "pagepipe_rebalances_total", "pagepipe_kafka_brokers_up", "pagepipe_ready"]:
        assert needed in used, f"the dashboard shows no {needed}"


def test_compose_provisions_the_rules_datasource_and_dashboard():
    services = compose()["services"]
    mounts = {service: {volume.split(":")[1]: DEPLOY / volume.split(":")[0] for volume in services[service]["volumes"]}
              for service in ["prometheus", "grafana"]}
    assert mounts["prometheus"]["/etc/prometheus/alerts.yml"] == ALERTS
    config = yaml.safe_load(mounts["prometheus"]["/etc/prometheus/prometheus.yml"].read_text())
    assert config["rule_files"] == ["alerts.yml"]  # beside the config in the container, as in the repository

    grafana = mounts["grafana"]
    (datasource,) = yaml.safe_load((grafana["/etc/grafana/provisioning/datasources"] / "prometheus.yaml").read_text())["datasources"]
    assert datasource["url"] == "http://prometheus:9090" and "9090:9090" in services["prometheus"]["ports"]
    (provider,) = yaml.safe_load((grafana["/etc/grafana/provisioning/dashboards"] / "pagepipe.yaml").read_text())["providers"]
    dashboard_mounts = [path for target, path in grafana.items() if target.startswith(provider["options"]["path"] + "/")]
    assert dashboard_mounts == [DASHBOARD]
    panels = dashboard()["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    for panel in panels:
        assert panel["datasource"]["uid"] == datasource["uid"], panel["title"]
        assert all(target["datasource"]["uid"] == datasource["uid"] for target in panel["targets"]), panel["title"]
