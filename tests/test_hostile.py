"""What a hostile pull request can try, each reproduced: it must be refused, or be inert.

One test (or a few) per hole in issue #17; each fails without its fix.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PRODUCT, TODAY
from generator.build import build_site, check_catalog
from generator.issues import Severity

ROOT = Path(__file__).resolve().parent.parent
K = "products/bumdes-maju/kelor-powder.yml"


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": "2026-11-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-01T00:00:00Z"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def commit_everything(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A", "-f")
    git(root, "commit", "-q", "-m", "catalog")


def errors(issues) -> list[str]:
    return [i.format("en") for i in issues if i.severity is Severity.ERROR]


# --- 1. build state from the repository is never trusted ---------------------------------------------


class Boom:
    """An object whose unpickling runs code: it writes a file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


def test_a_pickle_in_the_check_cache_is_never_loaded(make_catalog, tmp_path):
    root = make_catalog()
    marker = tmp_path / "pwned"
    (root / ".cache").mkdir()
    (root / ".cache/check.pickle").write_bytes(pickle.dumps({"x": Boom(marker)}))
    (root / ".cache/check.json").write_bytes(pickle.dumps({"x": Boom(marker)}))
    assert check_catalog(root, today=TODAY).issues == []
    assert not marker.exists()


def forged_cache(root: Path) -> None:
    """A check cache whose entry for the broken product says it has no problem (as a pull request could commit)."""
    check_catalog(root, today=TODAY)  # writes the cache of the valid catalog
    good = json.loads((root / ".cache/check.json").read_text(encoding="utf-8"))
    (root / K).write_text(PRODUCT.replace('"121190"', '"999999"'), encoding="utf-8")
    check_catalog(root, today=TODAY)
    broken = json.loads((root / ".cache/check.json").read_text(encoding="utf-8"))
    # Give the broken file's key the valid file's clean result.
    (new_key,) = broken["files"].keys() - good["files"].keys()
    (old_key,) = good["files"].keys() - broken["files"].keys()
    broken["files"][new_key] = good["files"][old_key]
    (root / ".cache/check.json").write_text(json.dumps(broken), encoding="utf-8")


def test_a_committed_check_cache_is_not_read_and_check_names_it(make_catalog):
    root = make_catalog()
    forged_cache(root)
    # Untracked, the forged entry would be believed: that is what a cache is for.
    assert check_catalog(root, today=TODAY).issues == []
    commit_everything(root)
    found = errors(check_catalog(root, today=TODAY).issues)
    assert ".cache/check.json:1:1: error: this file is build output committed to git; the generator never reads it" \
        " (remove it from git: git rm -r --cached .cache .build site)" in found
    assert any("hs_code: HS code '999999' is not in the HS 2022 nomenclature" in line for line in found)


def test_a_committed_page_cache_entry_stops_the_build_before_anything_is_published(tmp_path):
    from conftest import write_catalog

    root = write_catalog(tmp_path / "catalog", with_theme=True)
    assert errors(build_site(root, out=None, today=TODAY)) == []
    page = root / "site/en/products/kelor-powder/index.html"
    before = page.read_bytes()
    for entry in (root / ".cache/pages/all/en").glob("*.html"):
        entry.unlink()
        entry.write_text("<script>alert(1)</script>", encoding="utf-8")
    commit_everything(root)
    found = errors(build_site(root, out=None, today=TODAY))
    assert found and all("committed to git" in line for line in found)
    assert page.read_bytes() == before  # the previous site stays as it was


def test_check_on_the_command_line_fails_naming_each_tracked_file(make_catalog):
    root = make_catalog()
    (root / "site").mkdir()
    (root / "site/index.html").write_text("x", encoding="utf-8")
    (root / ".build").mkdir()
    (root / ".build/x.md").write_text("x", encoding="utf-8")
    commit_everything(root)
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), "--lang",
                             "en", "check"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == [".build/x.md", "site/index.html"]


# --- 4. messages never echo raw input ----------------------------------------------------------------

FORGED = "x.jpg\n::error file=products/bumdes-maju/bumdes.yml,line=1::Approved by maintainers\n::notice::ok"


@pytest.mark.parametrize("github", ["false", "true"])
def test_a_value_cannot_forge_a_workflow_command_in_either_output(make_catalog, github):
    quoted = FORGED.replace("\n", "\\n")
    root = make_catalog({K: PRODUCT + f'photos:\n  - {{file: "{quoted}", alt: {{id: Foto}}}}\n'})
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), "--lang",
                             "en", "check"], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": github})
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    ours = [line for line in lines if line.startswith("::")]
    problems = [line for line in lines[:-1] if not line.startswith("::")]
    assert all(line.startswith(K + ":") for line in problems), lines
    assert len(ours) == (len(problems) if github == "true" else 0)
    assert all(line.startswith(("::error file=products/bumdes-maju/kelor-powder.yml,", "::warning file=products/bumdes-maju/kelor-powder.yml,"))
               for line in ours), ours
    assert "'x.jpg\\n::error file=products/bumdes-maju/bumdes.yml" in result.stdout  # shown, escaped


def test_file_names_and_keys_in_messages_are_shown_escaped():
    from generator.issues import make_issue

    issue = make_issue("products/a\nb/x.yml", (1, 1), "na\u202eme", "schema.extra", allowed="x\x1by")
    assert issue.format("en") == "products/a\\nb/x.yml:1:1: error: na\\u202eme: unknown field (check the spelling; allowed here: x\\x1by)"
    assert "\n" not in issue.format_github("en") and "\u202e" not in issue.format_github("en")


# --- 7. files: every file under products/ is part of the catalog ---------------------------------------


def test_a_huge_file_in_a_bumdes_folder_is_refused_without_reading_it(make_catalog):
    root = make_catalog()
    with (root / "products/bumdes-maju/data.bin").open("wb") as handle:
        handle.truncate(151_000_000)  # sparse: costs no disk
    found = errors(check_catalog(root, today=TODAY).issues)
    assert "products/bumdes-maju/bumdes.yml:1:1: error: this BUMDes folder holds 151 MB of files, more than 150 MB" \
        " (export photos smaller, about 2000 px on the long side, and delete unused files)" in found
    assert "products/bumdes-maju/data.bin:1:1: error: 'data.bin' is not used by any file of this BUMDes" \
        " (list it under photos of the product or BUMDes it shows, or delete it)" in found


@pytest.mark.parametrize("name", ["$(touch x).jpg", "a;b.jpg", "a\nb.jpg", "../../site_config.yml", "/etc/passwd", "-rf.jpg"])
def test_a_photo_name_a_shell_or_a_path_could_read_is_refused(make_catalog, name):
    escaped = name.replace("\n", "\\n")
    root = make_catalog({K: PRODUCT + f'photos:\n  - {{file: "{escaped}", alt: {{id: Foto}}}}\n'})
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["schema.file_name"]


# --- 6. no broken link and no empty page is published ----------------------------------------------------


def build_with(tmp_path, files: dict) -> tuple[Path, list[str]]:
    from conftest import write_catalog

    root = write_catalog(tmp_path / "catalog", files, with_theme=True)
    return root, errors(build_site(root, out=None, today=TODAY))


def with_description(text: str) -> str:
    return PRODUCT.replace("  en: Organic moringa leaf powder.\n", f"  en: {text}\n")


def test_a_description_linking_to_a_page_the_site_does_not_have_stops_the_build(tmp_path):
    root, found = build_with(tmp_path, {K: with_description("See [tea](https://example.org/catalog/en/products/kelor-tea/).")})
    assert found == [f"{K}:7:7: error: description.en: link 'https://example.org/catalog/en/products/kelor-tea/' leads to no"
                     " page of this site (check the address: copy it from the page you mean)"]
    assert not (root / "site").exists()


def test_a_link_to_a_section_the_page_does_not_have_stops_the_build(tmp_path):
    _, found = build_with(tmp_path, {K: with_description("See [the terms](#terms) and [the quote](#inquiry).")})
    assert found == [f"{K}:7:7: error: description.en: link '#terms': the page has no section 'terms' (link to the page"
                     " without #terms, or to a section it has)"]


def test_links_into_the_site_that_resolve_build(tmp_path):
    _, found = build_with(tmp_path, {K: with_description(
        "Ask via [the form](#inquiry); see [the BUMDes](https://example.org/catalog/zh/bumdes/bumdes-maju/) and"
        " [elsewhere](https://example.com/x).")})
    assert found == []


def test_a_project_text_with_a_broken_link_is_named_by_file_and_line(tmp_path):
    how = (ROOT / "theme/pages/en/how-to-buy.md").read_text(encoding="utf-8")
    _, found = build_with(tmp_path, {"theme/pages/en/how-to-buy.md": how + "\nSee [the old page](https://example.org/catalog/en/old/).\n"})
    line = how.count("\n") + 2
    assert found == [f"theme/pages/en/how-to-buy.md:{line}:20: error: link 'https://example.org/catalog/en/old/' leads to no"
                     " page of this site (check the address: copy it from the page you mean)"]


def test_a_deleted_project_text_is_an_error_not_an_empty_page(make_catalog):
    root = make_catalog({"theme/pages/id/about.md": None})
    assert [i.format("en") for i in check_catalog(root, today=TODAY).issues] == [
        "theme/pages/id/about.md:1:1: error: this text is missing, so its page would be published empty (restore the file"
        " from git, or write it)"]
