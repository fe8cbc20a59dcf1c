"""The offline Deploy checks' shared parts: the repository's deploy files and the built binary (a fixture).

Nothing here needs a container engine or a cluster: the image, manifests and compose file are
checked against published schemas and against what the pagepipe binary itself accepts.
"""
import os
import pathlib

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "Deploy"
WORKER_MANIFEST = DEPLOY / "kubernetes" / "worker.yaml"
TOPICS_JOB_MANIFEST = DEPLOY / "kubernetes" / "topics-job.yaml"
AUTOSCALING_MANIFEST = DEPLOY / "kubernetes" / "autoscaling.yaml"
COMPOSE_FILE = DEPLOY / "compose.yaml"


def yaml_documents(path: pathlib.Path) -> list:
    with open(path) as file:
        return [document for document in yaml.safe_load_all(file) if document is not None]


def kubernetes_documents() -> list:
    """(file name, document) for every resource in Deploy/kubernetes."""
    return [
        (path.name, document)
        for path in sorted((DEPLOY / "kubernetes").glob("*.yaml"))
        for document in yaml_documents(path)
    ]


def only(documents: list, kind: str) -> dict:
    matching = [document for document in documents if document["kind"] == kind]
    assert len(matching) == 1, f"expected one {kind}, found {len(matching)}"
    return matching[0]


def compose() -> dict:
    return yaml_documents(COMPOSE_FILE)[0]


@pytest.fixture(scope="session")
def pagepipe() -> str:
    path = os.environ.get("PAGEPIPE_BIN", str(ROOT / ".build" / "debug" / "pagepipe"))
    assert os.access(path, os.X_OK), f"pagepipe binary not found at {path}: run Tools/test (it builds first)"
    return path
