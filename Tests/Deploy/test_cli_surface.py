"""Every command, flag and PAGEPIPE_* variable the deploy files give the worker exists in pagepipe.

A renamed or misspelt setting in a manifest is otherwise ignored silently (an environment
variable) or found only when the pod crash-loops (a flag); the binary's own --help is the truth.
"""
import json
import re
import subprocess

from deploy_files import COMPOSE_FILE, DEPLOY, TOPICS_JOB_MANIFEST, WORKER_MANIFEST, compose, pagepipe, yaml_documents  # noqa: F401 (a fixture)


def image_command() -> list:
    """The Dockerfile's CMD: what a container runs when the manifest gives no args."""
    match = re.search(r'^CMD\s+(\[.*\])', (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
    assert match, "Deploy/Dockerfile has no CMD [...]"
    return json.loads(match.group(1))  # the exec form is a JSON array


def worker_invocations_in_manifest(path) -> list:
    """(where, arguments, environment names) for every pagepipe container of a Kubernetes manifest."""
    invocations = []
    for document in yaml_documents(path):
        pod = document.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []):
            if not container["image"].startswith("pagepipe"):
                continue
            arguments = container.get("args", image_command())
            names = [variable["name"] for variable in container.get("env", [])]
            invocations.append((f"{path.name} {document['metadata']['name']}/{container['name']}", arguments, names))
    return invocations


def worker_invocations_in_compose() -> list:
    invocations = []
    for name, service in compose()["services"].items():
        build = service.get("build", {})
        if build.get("dockerfile") != "Deploy/Dockerfile":
            continue
        environment = service.get("environment", {})
        names = list(environment) if isinstance(environment, dict) else [entry.split("=")[0] for entry in environment]
        invocations.append((f"{COMPOSE_FILE.name} {name}", service.get("command", image_command()), names))
    return invocations


def help_of(pagepipe: str, *command: str) -> str:
    return subprocess.run([pagepipe, *command, "--help"], capture_output=True, text=True, check=True).stdout


def subcommands(pagepipe: str, *parent: str) -> set:
    # An unknown command with --help prints its parent's help and exits 0, so ask the list.
    help_text = help_of(pagepipe, *parent)
    if "SUBCOMMANDS:" not in help_text:
        return set()
    listing = help_text.split("SUBCOMMANDS:", 1)[1]
    return set(re.findall(r"^  ([a-z][\w-]*)\s", listing, re.MULTILINE))


def unknown_settings(pagepipe: str, where: str, arguments: list, environment: list) -> list:
    """What pagepipe <command> --help does not offer, as messages naming the file and setting."""
    # The command is every leading word (topics apply), checked one level at a time.
    command = []
    for word in arguments:
        if word.startswith("-") or not subcommands(pagepipe, *command):
            break
        if word not in subcommands(pagepipe, *command):
            return [f"{where}: pagepipe has no command {' '.join(command + [word])!r}"]
        command.append(word)
    if not command or subcommands(pagepipe, *command):
        return [f"{where}: pagepipe {' '.join(command)} needs a subcommand"]
    help_text = " ".join(help_of(pagepipe, *command).split())  # the help wraps long lines
    problems = []
    name = " ".join(command)
    for flag in (argument.split("=")[0] for argument in arguments[len(command):] if argument.startswith("--")):
        if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", help_text):
            problems.append(f"{where}: pagepipe {name} has no flag {flag}")
    for variable in environment:
        if not re.search(rf"Env: {re.escape(variable)}\b", help_text):
            problems.append(f"{where}: pagepipe {name} reads no environment variable {variable}")
    return problems


def test_the_image_command_exists(pagepipe):
    assert unknown_settings(pagepipe, "Dockerfile CMD", image_command(), []) == []


def test_manifests_and_compose_use_only_settings_pagepipe_has(pagepipe):
    invocations = (worker_invocations_in_manifest(WORKER_MANIFEST) + worker_invocations_in_manifest(TOPICS_JOB_MANIFEST)
                   + worker_invocations_in_compose())
    assert len(invocations) >= 4, "expected the worker and topics containers of the manifests and the compose file"
    problems = [problem for invocation in invocations for problem in unknown_settings(pagepipe, *invocation)]
    assert problems == [], "\n".join(problems)


def test_an_unknown_flag_variable_or_command_is_reported(pagepipe, tmp_path):
    manifest = tmp_path / "worker.yaml"
    manifest.write_text(WORKER_MANIFEST.read_text().replace(
        'args: ["run"]', 'args: ["run", "--no-such-flag=1", "--group", "g"]'
    ).replace(
        "- { name: PAGEPIPE_GROUP,", "- { name: PAGEPIPE_NO_SUCH_SETTING, value: x }\n            - { name: PAGEPIPE_GROUP,"
    ))
    ((where, arguments, environment),) = worker_invocations_in_manifest(manifest)
    problems = unknown_settings(pagepipe, where, arguments, environment)
    assert any("has no flag --no-such-flag" in problem for problem in problems), problems
    assert any("no environment variable PAGEPIPE_NO_SUCH_SETTING" in problem for problem in problems), problems
    assert not any("--group" in problem or "PAGEPIPE_GROUP" in problem for problem in problems), problems
    assert unknown_settings(pagepipe, where, ["no-such-command"], []) == [f"{where}: pagepipe has no command 'no-such-command'"]
    assert unknown_settings(pagepipe, where, ["topics", "destroy"], []) == [f"{where}: pagepipe has no command 'topics destroy'"]
    assert unknown_settings(pagepipe, where, ["topics", "apply", "--no-such-flag"], ["PAGEPIPE_REPLICATION_FACTOR"]) == [
        f"{where}: pagepipe topics apply has no flag --no-such-flag"]
