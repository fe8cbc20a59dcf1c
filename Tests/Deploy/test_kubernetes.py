"""Deploy/kubernetes against the Kubernetes API schemas, KEDA's ScaledObject model, and each other."""
import re

import jsonschema
import kubernetes_validate
import pytest

from deploy_files import COMPOSE_FILE, compose, kubernetes_documents, only

# The newest API the pinned kubernetes-validate knows, and the oldest release still commonly run.
KUBERNETES_VERSIONS = [kubernetes_validate.latest_version(), "1.30"]
KEDA_KINDS = {"ScaledObject"}


def worker_container() -> dict:
    deployment = only([document for _, document in kubernetes_documents()], "Deployment")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def environment(container: dict) -> dict:
    return {variable["name"]: variable.get("value") for variable in container.get("env", [])}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_core_resource_matches_the_kubernetes_schema(version):
    checked = 0
    for file_name, document in kubernetes_documents():
        if document["kind"] in KEDA_KINDS:
            continue
        try:
            kubernetes_validate.validate(document, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{file_name}: {document['kind']} {document['metadata']['name']}: {error.message} at {list(error.path)}")
        checked += 1
    assert checked >= 4, "expected the Secret, Deployment, PodDisruptionBudget and topics Job"


# KEDA's CRD schemas ship in no PyPI package this project can use (cloudcoil's generated models
# install a pytest plugin into the environment), so this is the part of the keda.sh/v1alpha1
# ScaledObject CRD and the kafka scaler's documented metadata that the manifest uses, written out by
# hand: required fields, types, and no unknown keys (a misspelt key is otherwise ignored by KEDA).
COUNT = {"type": "integer", "minimum": 0}
SCALED_OBJECT = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "ScaledObject"},
        "metadata": {"type": "object", "required": ["name"]},
        "spec": {
            "type": "object",
            "required": ["scaleTargetRef", "triggers"],
            "additionalProperties": False,
            "properties": {
                "scaleTargetRef": {
                    "type": "object",
                    "required": ["name"],
                    "additionalProperties": False,
                    "properties": {"name": {"type": "string"}, "kind": {"type": "string"}, "apiVersion": {"type": "string"}, "envSourceContainerName": {"type": "string"}},
                },
                "minReplicaCount": COUNT, "maxReplicaCount": COUNT, "idleReplicaCount": COUNT,
                "pollingInterval": COUNT, "cooldownPeriod": COUNT, "initialCooldownPeriod": COUNT,
                "advanced": {"type": "object"}, "fallback": {"type": "object"},
                "triggers": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["type", "metadata"],
                        "additionalProperties": False,
                        "properties": {
                            "type": {"type": "string"}, "name": {"type": "string"},
                            "metricType": {"enum": ["AverageValue", "Value", "Utilization"]},
                            "useCachedMetrics": {"type": "boolean"},
                            "authenticationRef": {"type": "object", "required": ["name"]},
                            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
                        },
                    },
                },
            },
        },
    },
}
KAFKA_SCALER_METADATA = {
    "type": "object",
    "required": ["bootstrapServers", "consumerGroup"],
    "additionalProperties": False,
    "properties": {
        name: {"type": "string"}
        for name in [
            "bootstrapServers", "consumerGroup", "topic", "lagThreshold", "activationLagThreshold",
            "offsetResetPolicy", "allowIdleConsumers", "scaleToZeroOnInvalidOffset", "excludePersistentLag",
            "limitToPartitionsWithLag", "partitionLimitation", "version", "sasl", "tls", "unsafeSsl",
        ]
    },
}


def structure_errors(document: dict) -> list:
    errors = list(jsonschema.Draft202012Validator(SCALED_OBJECT).iter_errors(document))
    for trigger in document.get("spec", {}).get("triggers", []):
        if trigger.get("type") == "kafka":
            errors += jsonschema.Draft202012Validator(KAFKA_SCALER_METADATA).iter_errors(trigger.get("metadata", {}))
    return [f"{list(error.path)}: {error.message}" for error in errors]


def test_the_kubernetes_schema_check_finds_a_misspelt_probe():
    deployment = only([document for _, document in kubernetes_documents()], "Deployment")
    container = dict(deployment["spec"]["template"]["spec"]["containers"][0])
    container["livenesProbe"] = container.pop("livenessProbe")
    pod = dict(deployment["spec"]["template"]["spec"], containers=[container])
    broken = dict(deployment, spec=dict(deployment["spec"], template=dict(deployment["spec"]["template"], spec=pod)))
    with pytest.raises(kubernetes_validate.ValidationError, match="livenesProbe"):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[0], strict=True)


def test_scaled_object_has_keda_structure_and_no_unknown_keys():
    scaled = only([document for _, document in kubernetes_documents()], "ScaledObject")
    assert structure_errors(scaled) == []


def test_scaled_object_hpa_behavior_matches_the_kubernetes_schema():
    # KEDA passes advanced.horizontalPodAutoscalerConfig.behavior to the HPA it creates as is.
    scaled = only([document for _, document in kubernetes_documents()], "ScaledObject")
    behavior = scaled["spec"]["advanced"]["horizontalPodAutoscalerConfig"]["behavior"]
    hpa = {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": scaled["metadata"]["name"]},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": scaled["spec"]["scaleTargetRef"]["name"]},
            "maxReplicas": scaled["spec"]["maxReplicaCount"],
            "behavior": behavior,
        },
    }
    for version in KUBERNETES_VERSIONS:
        kubernetes_validate.validate(hpa, version, strict=True)


def test_scaled_object_structure_check_finds_misspelt_and_missing_keys():
    scaled = only([document for _, document in kubernetes_documents()], "ScaledObject")
    spec = {key: value for key, value in scaled["spec"].items() if key != "scaleTargetRef"}
    trigger = dict(scaled["spec"]["triggers"][0], metadata={**scaled["spec"]["triggers"][0]["metadata"], "lagTreshold": "5"})
    broken = dict(scaled, spec=dict(spec, maxReplicas=3, triggers=[trigger]))
    errors = "\n".join(structure_errors(broken))
    assert "'scaleTargetRef' is a required property" in errors
    assert "'maxReplicas' was unexpected" in errors
    assert "'lagTreshold' was unexpected" in errors


def test_scaled_object_scales_the_worker_on_its_group_lag_up_to_the_partitions():
    documents = [document for _, document in kubernetes_documents()]
    scaled = only(documents, "ScaledObject")["spec"]
    deployment = only(documents, "Deployment")
    env = environment(worker_container())
    assert scaled["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert scaled["scaleTargetRef"].get("kind", "Deployment") == "Deployment"
    (trigger,) = scaled["triggers"]
    assert trigger["type"] == "kafka"
    lag = trigger["metadata"]
    assert lag["consumerGroup"] == env["PAGEPIPE_GROUP"]
    assert lag["bootstrapServers"] == env["PAGEPIPE_BROKERS"]
    input_topic = env.get("PAGEPIPE_INPUT_TOPICS", "pages.raw")
    assert lag["topic"] == input_topic
    assert int(lag["lagThreshold"]) > 0
    # More workers than partitions would sit idle in the group.
    assert lag.get("allowIdleConsumers", "false") == "false"
    assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"] == input_partitions(input_topic)


def flag_value(arguments: list, flag: str):
    return arguments[arguments.index(flag) + 1] if flag in arguments else None


def topics_container() -> dict:
    job = only([document for _, document in kubernetes_documents()], "Job")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    return container


def input_partitions(topic: str) -> int:
    """The input partitions the topics Job creates, which the compose topics service must share."""
    container = topics_container()
    assert topic == "pages.raw" or topic in container["args"], f"the topics Job does not create {topic}"
    job_count = flag_value(container["args"], "--input-partitions")
    compose_count = flag_value(compose()["services"]["topics"]["command"], "--input-partitions")
    assert job_count is not None and job_count == compose_count, (job_count, compose_count)
    return int(job_count)


def test_the_topics_job_applies_topics_for_the_workers_own_cluster_and_settings():
    container = topics_container()
    assert container["args"][:2] == ["topics", "apply"]
    job_env, worker_env = environment(container), environment(worker_container())
    # The same cluster, credentials and topic-shaping settings as the workers, or it plans other topics.
    for name in ["PAGEPIPE_BROKERS", "PAGEPIPE_CONFIG", "PAGEPIPE_INPUT_TOPICS", "PAGEPIPE_SECTIONS"]:
        assert job_env.get(name) == worker_env.get(name), name
    assert worker_env["PAGEPIPE_TOPIC_CHECK"] == "existing"
    job = only([document for _, document in kubernetes_documents()], "Job")
    assert job["spec"]["template"]["spec"]["restartPolicy"] in {"OnFailure", "Never"}


def test_librdkafka_settings_are_a_secret_mounted_by_workers_and_the_job():
    documents = [document for _, document in kubernetes_documents()]
    assert not [document for document in documents if document["kind"] == "ConfigMap"], "SASL settings belong in a Secret"
    secret = only(documents, "Secret")
    assert "librdkafka.properties" in secret["stringData"]
    for kind in ["Deployment", "Job"]:
        pod = only(documents, kind)["spec"]["template"]["spec"]
        (volume,) = pod["volumes"]
        assert volume["secret"]["secretName"] == secret["metadata"]["name"], kind


def test_probes_and_scrape_annotations_use_the_declared_metrics_port():
    container = worker_container()
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    metrics_port = ports["metrics"]
    assert environment(container)["PAGEPIPE_METRICS_PORT"] == str(metrics_port)
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "metrics"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "metrics"}
    deployment = only([document for _, document in kubernetes_documents()], "Deployment")
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(metrics_port)
    assert annotations["prometheus.io/path"] == "/metrics"


def test_the_grace_period_outlasts_the_workers_shutdown_budget():
    # SIGTERM spends --drain-timeout-ms once (drain, the revoke on close and the flush share one
    # deadline); the pod must not be killed before that, or in-flight pages are redone elsewhere.
    container = worker_container()
    drain_ms = int(environment(container).get("PAGEPIPE_DRAIN_TIMEOUT_MS", "30000"))
    deployment = only([document for _, document in kubernetes_documents()], "Deployment")
    grace_s = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    # Past the drain deadline: leaving the group (5 s), a commit already waiting in the poll loop
    # (2 s) and the probe server's stop (2 s) are each bounded (README, "A stop has one budget").
    assert grace_s * 1000 >= drain_ms + 9_000, (grace_s, drain_ms)
