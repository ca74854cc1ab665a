"""The translation report: missing texts, and stale ones found from git history (no bookkeeping)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import PRODUCT
from generator.translations import report_translations

K = "products/bumdes-maju/kelor-powder.yml"


def git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def commit_all(root: Path, message: str, when: int) -> None:
    git(root, "add", "-A")
    date = f"@{when} +0000"
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                        "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(make_catalog):
    root = make_catalog()
    git(root, "init", "-q")
    commit_all(root, "catalog", 1_700_000_000)
    return root


def lines_for(root: Path) -> list[str]:
    return [line for line in report_translations(root, ["id", "en", "zh"], "id").lines if "kelor-powder" in line]


def test_missing_texts_are_listed_per_language(repo):
    assert lines_for(repo) == [
        "products/bumdes-maju/kelor-powder.yml:6: description: zh: missing",
        "products/bumdes-maju/kelor-powder.yml:20: specifications[0].value: en: missing",
        "products/bumdes-maju/kelor-powder.yml:20: specifications[0].value: zh: missing",
    ]


def test_a_source_change_committed_later_makes_the_translations_stale(repo):
    path = repo / K
    path.write_text(PRODUCT.replace("summary: {id: Bubuk kelor halus.,", "summary: {id: Bubuk kelor sangat halus.,"),
                    encoding="utf-8")
    commit_all(repo, "change the Indonesian summary", 1_700_100_000)
    # The summary sits on one line in flow style, so id, en and zh change together: nothing is stale.
    assert [l for l in lines_for(repo) if "summary" in l] == []

    block = PRODUCT.replace("summary: {id: Bubuk kelor halus., en: Fine moringa powder., zh: 细辣木粉。}",
                            "summary:\n  id: Bubuk kelor halus.\n  en: Fine moringa powder.\n  zh: 细辣木粉。")
    path.write_text(block, encoding="utf-8")
    commit_all(repo, "block style", 1_700_200_000)
    assert [l for l in lines_for(repo) if "summary" in l] == []

    path.write_text(block.replace("  id: Bubuk kelor halus.", "  id: Bubuk kelor sangat halus, 200 mesh."), encoding="utf-8")
    commit_all(repo, "change the Indonesian summary again", 1_700_300_000)
    assert [l for l in lines_for(repo) if "summary" in l] == [
        "products/bumdes-maju/kelor-powder.yml:6: summary: en: stale (the id text changed after this translation)",
        "products/bumdes-maju/kelor-powder.yml:7: summary: zh: stale (the id text changed after this translation)",
    ]

    path.write_text(path.read_text(encoding="utf-8").replace("  en: Fine moringa powder.", "  en: Very fine moringa powder, 200 mesh."),
                    encoding="utf-8")
    commit_all(repo, "update the English summary", 1_700_400_000)
    assert [l for l in lines_for(repo) if "summary" in l] == [
        "products/bumdes-maju/kelor-powder.yml:7: summary: zh: stale (the id text changed after this translation)",
    ]


def test_uncommitted_source_edits_count_as_newest(repo):
    block = PRODUCT.replace("summary: {id: Bubuk kelor halus., en: Fine moringa powder., zh: 细辣木粉。}",
                            "summary:\n  id: Bubuk kelor halus.\n  en: Fine moringa powder.\n  zh: 细辣木粉。")
    (repo / K).write_text(block, encoding="utf-8")
    commit_all(repo, "block style", 1_700_200_000)
    (repo / K).write_text(block.replace("  id: Bubuk kelor halus.", "  id: Bubuk kelor baru."), encoding="utf-8")
    assert len([l for l in lines_for(repo) if "summary" in l and "stale" in l]) == 2


def test_coverage_summary_per_language(repo):
    report = report_translations(repo, ["id", "en", "zh"], "id")
    summary = report.summary()
    assert [line.split(":")[0] for line in summary] == ["en", "zh"]
    assert report.coverage["zh"].missing >= 1
    assert summary[1].startswith(f"zh: {report.coverage['zh'].current}/{report.coverage['zh'].total} current")


def test_the_report_speaks_the_contributors_language(repo):
    report = report_translations(repo, ["id", "en", "zh"], "id")
    indonesian = [line for line in report.format("id") if "kelor-powder" in line]
    assert indonesian[0] == "products/bumdes-maju/kelor-powder.yml:6: description: zh: belum diterjemahkan"
    assert report.summary("id")[1].startswith(f"zh: {report.coverage['zh'].current}/{report.coverage['zh'].total} terkini (")
    assert "," in report.summary("id")[1].split("(")[1].split("%")[0]  # 94,4 % as Indonesian writes it
