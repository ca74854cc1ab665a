"""CONTRIBUTING.md: one short screen per route before the reference, Indonesian first, and links that lead somewhere."""

from __future__ import annotations

import re

from conftest import ROOT
from generator.load import load_document
from generator.pages import VILLAGE_FINDER

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SCREEN_LINES = 30
"""What one phone or laptop screen shows of rendered Markdown, roughly."""


def sections(text: str) -> list[tuple[str, list[str]]]:
    """Level-2 sections: (title, their lines)."""
    found: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            found.append((line[3:], []))
        elif found:
            found[-1][1].append(line)
    return found


def slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def test_the_guide_starts_with_one_screen_per_route_indonesian_first():
    titles = [title for title, _ in sections(GUIDE)]
    reference = titles.index("Bahasa Indonesia")
    assert titles[:reference] == ["Jalan 1: formulir isu (paling mudah)", "Jalan 2: editor web GitHub",
                                  "Jalan 3: git di komputer sendiri", "Way 1: the issue form (easiest)",
                                  "Way 2: GitHub's web editor", "Way 3: git on your own computer"]
    assert titles[reference + 1] == "English"
    for title, lines in sections(GUIDE)[:reference]:
        assert len([line for line in lines if line.strip() and line != "---"]) <= SCREEN_LINES, title
    issue_form = dict(sections(GUIDE))
    assert "docs/issue-form.md" in "\n".join(issue_form["Jalan 1: formulir isu (paling mudah)"])
    assert "docs/issue-form.md" in "\n".join(issue_form["Way 1: the issue form (easiest)"])


def test_every_link_inside_the_guide_and_to_the_repository_leads_somewhere():
    anchors = {slug(line.lstrip("#")) for line in GUIDE.splitlines() if re.match(r"#{1,4} ", line)}
    targets = re.findall(r"\]\(([^)\s]+)\)", GUIDE)
    missing = [t for t in targets if t.startswith("#") and t[1:] not in anchors]
    missing += [t for t in targets if not t.startswith(("#", "https://")) and not (ROOT / t.split("#")[0]).exists()]
    assert missing == []


def test_the_guide_and_the_bumdes_form_link_the_sites_village_finder():
    base_url = load_document(ROOT / "site_config.yml").data["base_url"]
    form = (ROOT / ".github/ISSUE_TEMPLATE/new-bumdes.yml").read_text(encoding="utf-8")
    for text in (GUIDE, form):
        assert set(re.findall(r"https://[^\s)>]+/kode-desa/", text)) == {f"{base_url}{VILLAGE_FINDER}"}
