"""The shipped monitoring: alert rules, their unit tests, the Grafana dashboard and its queries."""
import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "Deploy" / "prometheus"
ALERTS = PROMETHEUS_DIR / "alerts.yml"
ALERT_TESTS = PROMETHEUS_DIR / "alerts.test.yml"
DASHBOARD = ROOT / "Deploy" / "grafana" / "pagepipe.json"

# What Grafana puts in for its interval variables, so the queries can be run outside Grafana.
GRAFANA_VARIABLES = {"$__rate_interval": "30s", "$__interval": "15s", "$__range": "5m"}


def tool(name: str) -> str:
    """A Debian prometheus binary; missing is a failure (Tools/setup installs it), never a skip."""
    path = shutil.which(name)
    assert path, f"{name} not found: run Tools/setup (it installs the Debian package prometheus)"
    return path


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text())


def dashboard_queries() -> list:
    """(panel title, expression with Grafana's variables filled in) for every target of every panel."""
    queries = []
    for panel in dashboard()["panels"]:
        for target in panel["targets"]:
            expression = target["expr"]
            for variable, value in GRAFANA_VARIABLES.items():
                expression = expression.replace(variable, value)
            queries.append((panel["title"], expression))
    return queries
