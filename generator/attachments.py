"""Photos attached to an issue: which links are GitHub's own uploads, and downloading one safely.

An issue is written by anyone on the internet, so a link in it is untrusted: only files that GitHub
itself stores for issue attachments are fetched, over https, without credentials, with a size cap and
timeouts, following redirects only to GitHub's own attachment storage, and kept only when their bytes
are a JPEG, PNG or WebP. The connection is one function (``open_https``), passed in, so tests run offline.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass
from typing import Callable, Protocol

from generator.images import MAX_FILE_BYTES
from generator.metadata import image_kind

_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ATTACHMENT_PATHS: dict[str, re.Pattern[str]] = {
    # Drag-and-drop uploads since 2024: ![Image](https://github.com/user-attachments/assets/<uuid>), or the
    # same address in an <img> tag; github.com answers with a redirect to the stored file.
    "github.com": re.compile(rf"/user-attachments/assets/{_UUID}"),
    # Earlier uploads, and the signed addresses GitHub renders for them (?jwt=… expires in minutes).
    "user-images.githubusercontent.com": re.compile(r"/[0-9]+/[A-Za-z0-9][A-Za-z0-9._-]{0,200}"),
    "private-user-images.githubusercontent.com": re.compile(r"/[0-9]+/[A-Za-z0-9][A-Za-z0-9._-]{0,200}"),
}
"""Where GitHub keeps files attached to issues: host → the path an attachment has there (exact hosts:
``github.com.example`` and ``evil.example/github.com/…`` are not GitHub)."""
STORAGE_HOSTS = ("github-production-user-asset-6210df.s3.amazonaws.com",)
"""GitHub's own storage bucket for user attachments, where github.com's redirect leads (signed, short-lived)."""
REDIRECT_HOSTS = frozenset(ATTACHMENT_PATHS) | frozenset(STORAGE_HOSTS)
"""The only hosts a redirect may lead to: GitHub's attachment hosts and its attachment storage."""
MAX_REDIRECTS = 3
MAX_BYTES = MAX_FILE_BYTES
"""The catalog's own limit for a photo (20 MB); GitHub accepts at most 10 MB per image anyway."""
CONNECT_TIMEOUT = 20.0
"""Seconds for a connection or a read to make progress."""
DEADLINE = 90.0
"""Seconds for one whole download, redirects included."""

_LINK = re.compile(
    r"!\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)"  # ![alt](url "title")
    r"|<img\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)[^>]*>"  # <img … src="url" …>
    r"|\[[^\]\n]*\]\(\s*<?([^)\s>]*)>?[^)\n]*\)"  # [text](url)
    r"|(\b[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"')\]]+)"  # a bare address, any scheme
    r"|(?<![\w/])(//[^\s<>\"')\]]+)",  # a scheme-relative //host/path
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    """A link found in an answer: its address and where it stands in the text."""

    url: str
    start: int
    end: int


def find_links(text: str) -> list[Link]:
    """Every image, link or bare address in a Markdown answer, in order (what a person could mean as a photo)."""
    links = []
    for match in _LINK.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        links.append(Link(url.strip().rstrip(".,;:!?"), match.start(), match.end()))
    return links


def is_attachment(url: str) -> bool:
    """Whether ``url`` is a file GitHub stores for an issue attachment (https, exact host, its path form)."""
    parts = _split(url)
    if parts is None:
        return False
    pattern = ATTACHMENT_PATHS.get(parts.hostname or "")
    return pattern is not None and pattern.fullmatch(parts.path) is not None


def _split(url: str) -> urllib.parse.SplitResult | None:
    """The parts of an https address with a plain host (no user, no port but 443), else None."""
    if not url.isascii() or any(ch.isspace() or ord(ch) < 0x20 for ch in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username is not None or parts.password is not None or port not in (None, 443):
        return None
    if "@" in parts.netloc or "\\" in url or not parts.hostname:
        return None
    return parts


# --- downloading ----------------------------------------------------------------------------------------


class Response(Protocol):
    """What a download needs of an HTTP response."""

    status: int

    def getheader(self, name: str, default: str | None = None) -> str | None: ...

    def read(self, amount: int) -> bytes: ...

    def close(self) -> None: ...


OpenUrl = Callable[[str, float], Response]
"""``open_url(url, timeout)``: a GET of ``url`` that does not follow redirects itself."""


class DownloadError(Exception):
    """Why an attachment was not taken: a message code of issues.py and its values."""

    def __init__(self, code: str, **values: str):
        super().__init__(code)
        self.code = code
        self.values = values


def open_https(url: str, timeout: float) -> Response:
    """GET ``url`` over verified TLS with no cookies or credentials; redirects come back as they are."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPSConnection(parts.hostname or "", 443, timeout=timeout,
                                             context=ssl.create_default_context())
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", target, headers={"User-Agent": "village-export-catalog-intake",
                                                "Accept": "image/jpeg, image/png, image/webp"})
    return connection.getresponse()


def download_attachment(url: str, open_url: OpenUrl = open_https, *, limit: int = MAX_BYTES,
                        deadline: float = DEADLINE, clock: Callable[[], float] = time.monotonic) -> tuple[bytes, str]:
    """The bytes of a GitHub attachment and their kind (JPEG, PNG or WEBP); DownloadError says why not.

    Only ``is_attachment`` addresses are fetched; a redirect is followed only to ``REDIRECT_HOSTS`` over
    https (at most MAX_REDIRECTS); more than ``limit`` bytes, announced or received, stop the download.
    """
    if not is_attachment(url):
        raise DownloadError("intake.photo_host", value=url)
    started = clock()
    for _ in range(MAX_REDIRECTS + 1):
        remaining = deadline - (clock() - started)
        if remaining <= 0:
            raise DownloadError("intake.photo_download", problem="timeout")
        try:
            response = open_url(url, min(CONNECT_TIMEOUT, remaining))
        except (OSError, http.client.HTTPException) as exc:
            raise DownloadError("intake.photo_download", problem=_reason(exc)) from None
        try:
            if response.status in (301, 302, 303, 307, 308):
                url = _redirect_target(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise DownloadError("intake.photo_download", problem=f"HTTP {response.status}")
            data = _read_capped(response, limit, deadline - (clock() - started), clock)
        finally:
            response.close()
        kind = image_kind(data)
        if kind is None:
            raise DownloadError("intake.photo_format")
        return data, kind
    raise DownloadError("intake.photo_download", problem="too many redirects")


def _redirect_target(current: str, location: str | None) -> str:
    """The next address of a redirect, refused unless it is https on one of GitHub's attachment hosts."""
    if not location:
        raise DownloadError("intake.photo_download", problem="redirect without a Location")
    target = urllib.parse.urljoin(current, location.strip())
    parts = _split(target)
    if parts is None or parts.hostname not in REDIRECT_HOSTS:
        host = urllib.parse.urlsplit(target).hostname or target[:80]
        raise DownloadError("intake.photo_redirect", value=host)
    return target


def _read_capped(response: Response, limit: int, remaining: float, clock: Callable[[], float]) -> bytes:
    """At most ``limit`` bytes of the body, refusing a larger one whatever its Content-Length says."""
    announced = response.getheader("Content-Length")
    if announced and announced.strip().isdigit() and int(announced) > limit:
        raise DownloadError("intake.photo_too_big", size=_megabytes(int(announced)), limit=_megabytes(limit))
    started = clock()
    chunks, size = [], 0
    while True:
        if clock() - started > remaining:
            raise DownloadError("intake.photo_download", problem="timeout")
        try:
            chunk = response.read(min(1 << 16, limit + 1 - size))
        except (OSError, http.client.HTTPException) as exc:
            raise DownloadError("intake.photo_download", problem=_reason(exc)) from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise DownloadError("intake.photo_too_big", size=f"> {_megabytes(limit)}", limit=_megabytes(limit))


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _reason(exc: BaseException) -> str:
    """A network failure in a few words (never the address or anything the other side sent)."""
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, ssl.SSLError):
        return "TLS error"
    if isinstance(exc, socket.gaierror):
        return "GitHub could not be reached (name lookup failed)"  # not "gaierror": the person reads this
    if isinstance(exc, (ConnectionError, OSError)):
        return "the connection to GitHub failed"
    return type(exc).__name__
