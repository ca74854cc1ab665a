"""The weekly facts report: what it lists, and that no catalog text can turn into markup in the issue."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from conftest import PRODUCT, TODAY
from generator.facts import NOTHING_DUE, code_span, render_facts_report
from generator.issues import Severity, make_issue

ROOT = Path(__file__).resolve().parent.parent
K = "products/bumdes-maju/kelor-powder.yml"


def test_report_lists_each_kind_under_its_heading_with_file_and_line(make_catalog):
    root = make_catalog({K: PRODUCT.replace("valid_until: 2028-01-31", "valid_until: 2026-12-20")})
    later = dt.date(2027, 2, 1)
    text = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "--today", later.isoformat(), "report"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "## Sertifikat kedaluwarsa (sudah tidak ditampilkan di situs) · Expired certificates (withdrawn from the site) (1)" in text
    assert f"- `{K}:23` `halal ID123`, 2026-12-20" in text
    assert "Facts not verified for over a year" not in text  # verified 2026-10-01: not a year before 2027-02-01


def test_a_catalog_with_nothing_due_says_so(make_catalog):
    text = subprocess.run([sys.executable, "-m", "generator", "--root", str(make_catalog()), "--today", TODAY.isoformat(),
                           "report"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert NOTHING_DUE in text.splitlines()


def test_catalog_text_stays_inert_in_the_issue():
    hostile = "@maintainers `x` [click](https://evil.example) <img src=x>\n# heading"
    issue = make_issue(K, (3, 1), "", "rule.cert_expired", Severity.WARNING, value=hostile, date="2026-01-01")
    text = render_facts_report([issue], TODAY)
    (line,) = [line for line in text.splitlines() if line.startswith("- ")]
    assert line == f"- `{K}:3` ``@maintainers `x` [click](https://evil.example) <img src=x>\\n# heading``, 2026-01-01"


def test_a_code_span_is_never_ended_by_the_text_inside():
    assert code_span("a``b") == "```a``b```"
    assert code_span("`x`") == "`` `x` ``"
