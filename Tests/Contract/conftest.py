"""Shared fixtures for the contract tests: the built pagepipe binary, the schemas, the local broker.

These tests deliberately use an independent stack (Python's confluent-kafka and jsonschema), not
pagepipe's own Swift code, to check what pagepipe writes against what Protocols/ promises.
"""
import json
import os
import pathlib
import subprocess
import uuid

import jsonschema
import pytest
from referencing import Registry, Resource

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _binary() -> str:
    path = os.environ.get("PAGEPIPE_BIN", str(ROOT / ".build" / "debug" / "pagepipe"))
    assert os.access(path, os.X_OK), f"pagepipe binary not found at {path}: run Tools/test (it builds first)"
    return path


@pytest.fixture(scope="session")
def pagepipe():
    return _binary()


@pytest.fixture(scope="session")
def validators():
    """Validators for both event schemas, resolving the page schema's refs to the article schema."""
    resources = []
    schemas = {}
    for name in ("article-event.v1.schema.json", "page-event.v1.schema.json"):
        schema = json.loads((ROOT / "Protocols" / name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        schemas[schema["title"]] = schema
        resources.append((schema["$id"], Resource.from_contents(schema)))
    registry = Registry().with_resources(resources)
    return {title: jsonschema.Draft202012Validator(schema, registry=registry) for title, schema in schemas.items()}


@pytest.fixture(scope="session")
def brokers():
    address = os.environ.get("PAGEPIPE_TEST_BROKERS")
    if not address:
        result = subprocess.run([str(ROOT / "Tools" / "broker"), "start"], capture_output=True, text=True)
        assert result.returncode == 0, f"cannot start the local broker (run Tools/setup): {result.stderr}"
        address = subprocess.run([str(ROOT / "Tools" / "broker"), "address"], capture_output=True, text=True, check=True).stdout.strip()
    return address


@pytest.fixture
def unique():
    return uuid.uuid4().hex[:10]


def shared_path(*parts) -> pathlib.Path:
    path = SHARED.joinpath(*parts)
    assert path.exists(), f"fixture {path} is absent: these tests read ../shared/ beside the repository (CI always has it)"
    return path


def fails(entry) -> bool:
    """Whether a corpus manifest entry must fail (a wrong declared charset is broken but recoverable)."""
    return entry["kind"] == "broken" and entry["broken_reason"] != "wrong_charset"
