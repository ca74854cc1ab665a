"""Each page's Content-Security-Policy: scripts, styles, images and requests from the site itself only.

The policy sits in a meta tag in every page's head. Inline scripts are allowed by the hash of their exact
text, read from the finished page itself (whatever the theme put there), so a script that a catalog text
managed to slip into a page would not run. The theme writes ``POLICY_TOKEN`` where the policy goes; a page
(or a page shell, shells.py) gets its policy once MkDocs has written it.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser


POLICY_TOKEN = "VCSLOTCSP"
"""Letters only, like the shells' tokens: every escape leaves it as it is."""

_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
"""Script types a browser runs (data blocks such as JSON-LD are not scripts to CSP)."""


class _InlineCode(HTMLParser):
    """Collects the text of every inline script the browser would run, and of every <style> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() in _SCRIPT_TYPES:
            self._open, self._text = self.scripts, []
        elif tag == "style":
            self._open, self._text = self.styles, []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag in ("script", "style"):
            self._open.append("".join(self._text))
            self._open = None


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def policy_for(html: str) -> str:
    """The policy of one page: its own origin for everything, plus the hashes of its own inline code.

    WebAssembly is compiled by Pagefind's search; images may be data: URIs (Material's icons in its CSS).
    """
    found = _InlineCode()
    found.feed(html)
    found.close()
    scripts = " ".join(sorted({_hash(code) for code in found.scripts}))
    styles = " ".join(sorted({_hash(code) for code in found.styles}))
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' 'wasm-unsafe-eval'{' ' + scripts if scripts else ''}",
        f"style-src 'self'{' ' + styles if styles else ''}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(html: str) -> str:
    """The page with its policy written where the theme left ``POLICY_TOKEN`` (in a double-quoted attribute)."""
    policy = policy_for(html)
    # Fixed words and base64 hashes only: nothing an attribute would need escaped (checked, not assumed).
    assert not set(policy) & set('"<>&'), policy
    return html.replace(POLICY_TOKEN, policy)
