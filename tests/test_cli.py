"""The command line as contributors and CI use it: exit codes, message language, one line per problem."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import PRODUCT, TODAY

ROOT = Path(__file__).resolve().parent.parent
K = "products/bumdes-maju/kelor-powder.yml"
LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning|galat|peringatan): ")


def run(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--today", TODAY.isoformat(), *args],
                          cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **(env or {})})


def test_valid_catalog_exits_zero(make_catalog):
    result = run(make_catalog(), "check", "--lang", "en")
    assert result.returncode == 0
    assert result.stdout == "No problems found.\n"


def test_check_loads_nothing_that_makes_pages(make_catalog):
    """`make check` runs on every pull request and every save: it reads and validates, so the modules that
    render pages and run MkDocs stay unloaded (a third of a second of each run at 10,000 products)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "generator", "--root", str(make_catalog()),
                             "--today", TODAY.isoformat(), "check", "--lang", "en"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "generator.validate" in loaded  # the log is the one of this run
    assert not loaded & {"generator.build", "generator.views", "generator.render", "generator.shells", "jinja2", "mkdocs"}


def test_every_problem_is_one_line_then_a_summary_and_exit_one(make_catalog):
    root = make_catalog({K: PRODUCT.replace("category: moringa", "category: kelor").replace('"121190"', '"999999"'),
                         "products/bumdes-maju/bumdes.yml": "id: [\n"})
    result = run(root, "check", "--lang", "en")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert len(lines) == 4 and lines[-1] == "3 errors, 0 warnings in 2 files"
    assert "Traceback" not in result.stderr


def test_messages_follow_the_flag_then_the_locale_then_the_source_language(make_catalog):
    root = make_catalog({K: PRODUCT.replace("category: moringa", "category: kelor")})
    assert "galat" in run(root, "check").stdout  # site_config.yml: source_language id
    assert "error" in run(root, "check", env={"LANG": "en_US.UTF-8"}).stdout
    assert "galat" in run(root, "--lang", "id", "check", env={"LANG": "en_US.UTF-8"}).stdout
    assert "error" in run(root, "check", "--lang", "en").stdout


def test_github_annotations_under_actions(make_catalog):
    root = make_catalog({K: PRODUCT.replace("category: moringa", "category: kelor")})
    result = run(root, "check", "--lang", "en", env={"GITHUB_ACTIONS": "true"})
    assert "::error file=products/bumdes-maju/kelor-powder.yml,line=2,col=11::category:" in result.stdout


def test_strict_turns_warnings_into_a_failure(make_catalog):
    root = make_catalog({K: PRODUCT.replace("verified: 2026-10-01", "verified: 2025-01-01")})
    assert run(root, "check").returncode == 0
    assert run(root, "check", "--strict").returncode == 1


def test_new_product_scaffold_is_strict_yaml_and_only_its_todos_fail(make_catalog):
    root = make_catalog()
    result = run(root, "new", "bumdes-maju", "minyak-kelor", "--lang", "en")
    assert result.returncode == 0, result.stdout
    path = root / "products/bumdes-maju/minyak-kelor.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/product.schema.json")
    assert "id: minyak-kelor" in text
    lines = text.splitlines()
    # What to fill next: the file, the photo and the command first, then every TODO at its own line.
    printed = result.stdout.splitlines()
    todos = [number for number, line in enumerate(lines, 1) if "TODO" in line and not line.lstrip().startswith("#")]
    assert printed[0] == ("products/bumdes-maju/minyak-kelor.yml:1:1: info: created: fill in the 17 places marked TODO "
                          "listed below, put the photo minyak-kelor-1.jpg into products/bumdes-maju/, then run 'make check' "
                          "(and 'make serve BUMDES=bumdes-maju' to see the page)")
    assert [int(line.split(":")[1]) for line in printed[1:]] == todos and len(todos) == 17
    assert "minyak-kelor.yml:13:7: info: name.id: fill in here: replace 'TODO nama produk'" in result.stdout

    check = run(root, "check", "--lang", "en")
    assert check.returncode == 1
    problems = [line for line in check.stdout.splitlines()[:-1] if "minyak-kelor.yml" in line]
    assert problems and all("TODO" in line or "photo" in line for line in problems), problems
    # Category and HS code filled, photo list emptied: the texts' TODOs still fail, each naming its field.
    filled = (text.replace("category: TODO", "category: moringa").replace('hs_code: "TODO"', 'hs_code: "121190"')
              .replace("photos:\n  - file: minyak-kelor-1.jpg\n    alt:\n      id: TODO apa yang terlihat di foto\n      en: TODO what the photo shows\n", "photos: []\n"))
    path.write_text(filled, encoding="utf-8")
    check = run(root, "check", "--lang", "en")
    assert check.returncode == 1
    problems = [line for line in check.stdout.splitlines()[:-1] if "minyak-kelor" in line]
    assert all("still holds the placeholder" in line for line in problems) and len(problems) == 13, problems
    assert ("products/bumdes-maju/minyak-kelor.yml:13:7: error: name.id: still holds the placeholder 'TODO nama produk' "
            "from make new-product (write the real value here, or delete the line if the field is optional)") in problems
    # Every TODO replaced: the scaffold is a valid product.
    done = re.sub(r"TODO ?", "", filled).replace("  zh: \n", "  zh: 辣木油\n").replace("place: pelabuhan", "place: Pelabuhan")
    path.write_text(done, encoding="utf-8")
    check = run(root, "check", "--lang", "en")
    assert [line for line in check.stdout.splitlines() if "minyak-kelor" in line] == [], check.stdout


def test_new_product_never_overwrites(make_catalog):
    root = make_catalog()
    before = (root / K).read_text(encoding="utf-8")
    result = run(root, "new", "bumdes-maju", "kelor-powder", "--lang", "en")
    assert result.returncode == 1
    assert "already exists" in result.stdout
    assert (root / K).read_text(encoding="utf-8") == before


def test_new_product_for_an_unknown_bumdes(make_catalog):
    result = run(make_catalog(), "new", "bumdes-lain", "kopi", "--lang", "en")
    assert result.returncode == 1
    assert "no BUMDes folder 'bumdes-lain' (existing: bumdes-maju)" in result.stdout
