"""The weekly list of facts that need a person: expired and expiring certificates, facts not verified for a year.

Warnings never stop a build (a date passing must not stop publishing), so they are gathered once a week
into one GitHub issue (.github/workflows/weekly.yml). The report is Markdown for that issue's body; every
value from the catalog sits in a code span, so no text in a file can mention a person, add a link or
change the layout of the issue.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from generator.issues import Issue, visible

SECTIONS = (
    ("rule.cert_expired", "Sertifikat kedaluwarsa (sudah tidak ditampilkan di situs) · Expired certificates (withdrawn from the site)"),
    ("rule.cert_expiring", "Sertifikat yang segera kedaluwarsa · Certificates expiring soon"),
    ("rule.stale_facts", "Data yang belum diverifikasi lebih dari setahun · Facts not verified for over a year"),
)
"""What the report lists, in the order a maintainer acts on it."""
NOTHING_DUE = "Tidak ada yang perlu diperbarui · Nothing is due."


def code_span(text: str) -> str:
    """``text`` as inline code that nothing inside it can end or turn into a mention, a link or markup."""
    text = visible(text)  # one line, with anything invisible written out
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def render_facts_report(issues: Iterable[Issue], today: dt.date) -> str:
    """The Markdown body of the weekly issue (bilingual, Indonesian first)."""
    by_code: dict[str, list[Issue]] = {}
    for issue in sorted(issues):
        by_code.setdefault(issue.code, []).append(issue)
    lines = [
        f"Diperiksa pada / checked on {today.isoformat()} dengan / with `make check`. Perbarui berkas yang disebut"
        " lewat pull request; isu ini diperbarui setiap minggu. · Update the files named below in a pull request;"
        " this issue is updated every week.",
        "",
    ]
    listed = False
    for code, title in SECTIONS:
        found = by_code.get(code, [])
        if not found:
            continue
        listed = True
        lines += [f"## {title} ({len(found)})", ""]
        for issue in found:
            values = dict(issue.values)
            what = f" {code_span(values['value'])}" if "value" in values else ""
            when = f", {values['date']}" if "date" in values else ""
            lines.append(f"- {code_span(f'{issue.path}:{issue.line}')}{what}{when}")
        lines.append("")
    if not listed:
        lines.append(NOTHING_DUE)
    return "\n".join(lines).rstrip("\n") + "\n"
