"""Deploy/compose.yaml against the Compose Specification schema, and its Prometheus scrape config."""
import importlib.resources
import json

import jsonschema

from deploy_files import DEPLOY, compose, yaml_documents


def compose_schema_errors(document: dict) -> list:
    # check-jsonschema (pinned in Tools/setup) vendors the compose-spec project's schema.
    schema_file = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(schema_file.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(document)]


def test_compose_file_matches_the_compose_specification():
    errors = compose_schema_errors(compose())
    assert not errors, "\n".join(errors)


def test_the_compose_schema_check_finds_a_misspelt_key():
    document = compose()
    worker = dict(document["services"]["worker"])
    worker["enviroment"] = worker.pop("environment")
    errors = compose_schema_errors(dict(document, services=dict(document["services"], worker=worker)))
    assert any("'enviroment' was unexpected" in error for error in errors), errors


def test_prometheus_scrapes_every_worker_on_its_metrics_port():
    services = compose()["services"]
    worker = services["worker"]
    port = int(worker["environment"]["PAGEPIPE_METRICS_PORT"])
    assert str(port) in [str(exposed) for exposed in worker["expose"]]
    prometheus = services["prometheus"]
    mounted = {volume.split(":")[1]: volume.split(":")[0] for volume in prometheus["volumes"]}
    config_file = DEPLOY / mounted["/etc/prometheus/prometheus.yml"]
    (config,) = yaml_documents(config_file)
    (job,) = config["scrape_configs"]
    assert job.get("metrics_path", "/metrics") == "/metrics"
    (discovery,) = job["dns_sd_configs"]
    assert discovery == {"names": ["worker"], "type": "A", "port": port}


def test_the_topics_service_applies_topics_before_workers_that_require_them():
    services = compose()["services"]
    topics, worker = services["topics"], services["worker"]
    assert topics["command"][:2] == ["topics", "apply"]
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert worker["environment"]["PAGEPIPE_TOPIC_CHECK"] == "existing"
    # The same cluster and topic-shaping settings, or the service plans other topics than the workers use.
    for name in ["PAGEPIPE_BROKERS", "PAGEPIPE_INPUT_TOPICS", "PAGEPIPE_SECTIONS", "PAGEPIPE_CONFIG"]:
        assert topics["environment"].get(name) == worker["environment"].get(name), name
