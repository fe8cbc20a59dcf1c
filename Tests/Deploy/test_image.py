"""The image builds what the package needs: the same Swift version, the committed dependency pins."""
import json
import re
import subprocess

from deploy_files import DEPLOY, ROOT, pagepipe  # noqa: F401 (a fixture)


def tools_version() -> str:
    first_line = (ROOT / "Package.swift").read_text().splitlines()[0]
    match = re.fullmatch(r"// swift-tools-version:\s*(\d+\.\d+)(?:\.\d+)?", first_line)
    assert match, f"Package.swift does not start with a swift-tools-version line: {first_line!r}"
    return match.group(1)


def test_dockerfile_builds_on_the_package_minimum_swift():
    swift_images = re.findall(r"^FROM\s+swift:(\S+)", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
    assert swift_images, "Deploy/Dockerfile builds on no official swift: image"
    for tag in swift_images:
        version = re.match(r"\d+\.\d+", tag)
        assert version and version.group(0) == tools_version(), (
            f"Deploy/Dockerfile builds on swift:{tag} but Package.swift needs swift-tools-version "
            f"{tools_version()}: change both together"
        )


def test_package_resolved_is_committed_and_pins_every_dependency():
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "Package.resolved"], cwd=ROOT, capture_output=True)
    assert tracked.returncode == 0, "Package.resolved is not committed: swift package resolve && git add -f Package.resolved"
    pinned = {pin["location"] for pin in json.loads((ROOT / "Package.resolved").read_text())["pins"]}
    declared = set(re.findall(r'\.package\(\s*url:\s*"([^"]+)"', (ROOT / "Package.swift").read_text()))
    assert declared, "found no .package(url:) in Package.swift"
    assert declared <= pinned, f"Package.resolved lacks {sorted(declared - pinned)}: run swift package resolve and commit it"
    assert "Package.resolved" in (DEPLOY / "Dockerfile").read_text(), "the image build must copy Package.resolved"


def test_upstream_pins_takes_each_revision_from_the_version_tag(tmp_path):
    # Blank every revision; the script must find each again from the tag git serves for it
    # (upstream in the image build; this machine's package copies here, which wrote the file).
    committed = (ROOT / "Package.resolved").read_text()
    resolved = json.loads(committed)
    blanked = committed
    for pin in resolved["pins"]:
        blanked = blanked.replace(pin["state"]["revision"], "0" * 40)
    copy = tmp_path / "Package.resolved"
    copy.write_text(blanked)
    run = subprocess.run([str(DEPLOY / "upstream-pins"), str(copy)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert copy.read_text() == committed
    assert len(run.stdout.splitlines()) == len(resolved["pins"])


def test_upstream_pins_refuses_a_version_without_a_tag(tmp_path):
    resolved = json.loads((ROOT / "Package.resolved").read_text())
    resolved["pins"][0]["state"]["version"] = "999.0.0"
    copy = tmp_path / "Package.resolved"
    copy.write_text(json.dumps(resolved, indent=2))
    run = subprocess.run([str(DEPLOY / "upstream-pins"), str(copy)], capture_output=True, text=True)
    assert run.returncode != 0
    assert "has no tag 999.0.0" in run.stderr
    assert json.loads(copy.read_text()) == resolved, "a failed run must leave the file as it was"


def dockerfile_stages() -> dict[str, str]:
    """Each stage of Deploy/Dockerfile by name ('build', and 'runtime' for the last, unnamed one)."""
    stages, name = {}, None
    for line in (DEPLOY / "Dockerfile").read_text().splitlines():
        start = re.match(r"FROM\s+\S+(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if start:
            name = start.group(1) or "runtime"
            stages[name] = ""
        if name:
            stages[name] += line + "\n"
    return stages


def runtime_package(dev_package: str, library: str) -> str:
    """The Debian package holding the shared library lib`library`.so of `dev_package` points to."""
    files = subprocess.run(["dpkg", "-L", dev_package], capture_output=True, text=True, check=True).stdout.split()
    links = [path for path in files if path.endswith(f"/lib{library}.so")]
    assert links, f"{dev_package} ships no lib{library}.so link"
    real = subprocess.run(["readlink", "-f", links[0]], capture_output=True, text=True, check=True).stdout.strip()
    # By file name: with merged /usr, dpkg may have recorded the library under /lib.
    owner = subprocess.run(["dpkg", "-S", "*/" + real.rsplit("/", 1)[1]], capture_output=True, text=True, check=True).stdout
    return owner.split(":")[0]


def test_the_image_installs_every_system_library_the_package_links():
    # A system library added to Package.swift must reach both stages: its headers to build, its
    # shared library to run (libdeflate once reached only the development machines).
    package = (ROOT / "Package.swift").read_text()
    targets = re.findall(r'\.systemLibrary\(name:\s*"([^"]+)"[^)]*providers:\s*\[\.apt\(\[([^\]]*)\]\)\]', package)
    assert len(targets) >= 3, f"found only {targets} as system libraries in Package.swift"
    stages = dockerfile_stages()
    for target, providers in targets:
        (dev_package,) = re.findall(r'"([^"]+)"', providers)
        libraries = re.findall(r'link\s+"([^"]+)"', (ROOT / "Sources" / target / "module.modulemap").read_text())
        assert libraries, f"Sources/{target}/module.modulemap links no library"
        assert re.search(rf"\b{re.escape(dev_package)}\b", stages["build"]), \
            f"Deploy/Dockerfile's build stage does not install {dev_package}"
        for library in libraries:
            runtime = runtime_package(dev_package, library)
            assert re.search(rf"(?<![\w+-]){re.escape(runtime)}(?![\w+-])", stages["runtime"]), \
                f"Deploy/Dockerfile's runtime stage does not install {runtime} (lib{library}, for {target})"


def test_the_worker_runs_on_jemalloc(pagepipe):
    # The allocator is chosen by linking (BENCHMARKS.md, "Allocator"); the start-up line reads the
    # version from the allocator in use, so a build that silently fell back to glibc fails here.
    run = subprocess.run([pagepipe, "run", "--brokers", "127.0.0.1:1", "--broker-down-timeout-ms", "1"],
                         capture_output=True, text=True, timeout=60)
    first = run.stderr.splitlines()[0] if run.stderr else ""
    assert re.search(r"allocator=jemalloc \d+\.\d+", first) and re.search(r"librdkafka=\S+", first), run.stderr[:2000]
