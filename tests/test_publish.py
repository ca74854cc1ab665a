"""Publishing to object storage: the plan on its own, then real publishes to a real S3 server.

The server is `rclone serve s3` from the same pinned rclone, over a temporary folder, with keys; the remote
is configured only by RCLONE_CONFIG_<NAME>_* variables, as in CI. Nothing about rclone is mocked.
"""

from __future__ import annotations

import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import CRAB, PRODUCT, ROOT, TODAY, jpeg_bytes, write_catalog
from generator.build import build_site
from generator.issues import Severity
from generator.links import check_site_links
from generator.publish import (IMMUTABLE, SHORT, STAGES, Destination, Headers, Plan, Progress, PublishError, Stage,
                               StoredFile, check_configured, check_site, headers_for, is_index, parse_dest, plan_publish,
                               prepare, publish, rclone_binary, redact, run_plan, scan_site, secret_values)

USAGE = "make publish DEST=<remote>:<bucket/path>, e.g. DEST=catalog:my-bucket (docs/publishing.md)"


# --- DEST, configuration and the site: refused in one line that says what to do -------------------------


def test_dest_names_a_remote_and_a_bucket_path():
    assert parse_dest("catalog:my-bucket") == Destination("catalog", "my-bucket")
    assert parse_dest(" catalog:my-bucket/site/ ") == Destination("catalog", "my-bucket/site")
    assert parse_dest("OSS_HK:katalog.ekspor").spec == "OSS_HK:katalog.ekspor"
    assert parse_dest("oss_hk:b").env_prefix == "RCLONE_CONFIG_OSS_HK_"


@pytest.mark.parametrize("dest, message", [
    ("", f"DEST is missing: {USAGE}"),
    ("my-bucket/site", f"DEST has no ':' between the remote and the bucket: {USAGE}"),
    ("my-remote:bucket", "DEST must start with the name of a remote configured by RCLONE_CONFIG_<REMOTE>_* variables "
                         f"(letters, digits and _), then ':': {USAGE}"),
    ("catalog:", f"DEST names no bucket after 'catalog:': {USAGE}"),
    ("catalog:bucket/../other", f"DEST's bucket path after 'catalog:' has an empty, '.' or '..' part or a space: {USAGE}"),
    ("catalog:bucket//site", f"DEST's bucket path after 'catalog:' has an empty, '.' or '..' part or a space: {USAGE}"),
    ("catalog:my bucket", f"DEST's bucket path after 'catalog:' has an empty, '.' or '..' part or a space: {USAGE}"),
])
def test_a_missing_or_malformed_dest_is_refused_with_the_fix(dest, message):
    with pytest.raises(PublishError) as refused:
        parse_dest(dest)
    assert str(refused.value) == message


def test_an_inline_connection_string_is_refused_without_repeating_it():
    with pytest.raises(PublishError) as refused:
        parse_dest(":s3,access_key_id=AKIAEXAMPLE,secret_access_key=wJalrXUtnFEMI:bucket")
    assert "AKIAEXAMPLE" not in str(refused.value) and "wJalrXUtnFEMI" not in str(refused.value)
    assert str(refused.value).startswith("DEST must start with the name of a remote configured by RCLONE_CONFIG_<REMOTE>_*")


def test_an_unconfigured_remote_is_refused_with_the_variables_to_set():
    dest = parse_dest("catalog:bucket")
    with pytest.raises(PublishError) as refused:
        check_configured(dest, {"RCLONE_CONFIG_OTHER_TYPE": "s3"})
    assert str(refused.value) == ("remote 'catalog' is not configured: set RCLONE_CONFIG_CATALOG_TYPE=s3 and the other "
                                  "RCLONE_CONFIG_CATALOG_* variables (provider, endpoint, keys; see docs/publishing.md)")
    check_configured(dest, {"RCLONE_CONFIG_CATALOG_TYPE": "s3"})


def test_a_missing_or_half_built_site_is_refused(tmp_path):
    with pytest.raises(PublishError) as refused:
        check_site(tmp_path / "site")
    assert str(refused.value) == f"{tmp_path / 'site'} does not exist: run make build first"
    (tmp_path / "site/en").mkdir(parents=True)
    (tmp_path / "site/en/index.html").write_text("<p>en</p>")
    with pytest.raises(PublishError) as refused:
        check_site(tmp_path / "site")
    assert str(refused.value) == f"{tmp_path / 'site'} looks half-built (no index.html): run make build again"


@pytest.mark.slow
def test_a_site_built_for_one_bumdes_is_refused_until_the_whole_catalog_is_built(tmp_path):
    root = write_catalog(tmp_path / "catalog", {"products/bumdes-maju/kepiting-hidup.yml": CRAB}, with_theme=True)
    issues = build_site(root, out=None, today=TODAY, only_bumdes="bumdes-maju")
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    with pytest.raises(PublishError) as refused:
        check_site(root / "site")
    assert str(refused.value) == (f"{root / 'site'} is a preview of one BUMDes (bumdes-maju, from make build BUMDES=...): "
                                  "publishing it would delete every other BUMDes from the bucket; run make build (the whole "
                                  "catalog), then publish")
    issues = build_site(root, out=None, today=TODAY)
    assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
    check_site(root / "site")


def test_the_command_refuses_in_one_line_and_exits_1(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("RCLONE_")}
    result = subprocess.run([sys.executable, "-m", "generator", "publish", "--site", str(tmp_path), "--dest", "catalog:bucket"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["publish: error: remote 'catalog' is not configured: set RCLONE_CONFIG_CATALOG_TYPE=s3 "
                                          "and the other RCLONE_CONFIG_CATALOG_* variables (provider, endpoint, keys; see "
                                          "docs/publishing.md)"]


def test_make_publish_without_dest_says_how_to_call_it():
    result = subprocess.run(["make", "--no-print-directory", "publish"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert f"publish: error: DEST is missing: {USAGE}" in result.stdout.splitlines()


def test_credentials_are_redacted_from_anything_printed():
    env = {"RCLONE_CONFIG_CATALOG_ACCESS_KEY_ID": "LTAI5tExampleKeyId", "RCLONE_CONFIG_CATALOG_SECRET_ACCESS_KEY": "s3cr3t/Value+x",
           "RCLONE_CONFIG_CATALOG_ENDPOINT": "oss-cn-hongkong.aliyuncs.com", "HOME": "/root"}
    assert sorted(secret_values(env)) == ["LTAI5tExampleKeyId", "s3cr3t/Value+x"]
    text = "InvalidAccessKeyId: LTAI5tExampleKeyId at oss-cn-hongkong.aliyuncs.com (signed with s3cr3t/Value+x)"
    assert redact(text, secret_values(env)) == "InvalidAccessKeyId: *** at oss-cn-hongkong.aliyuncs.com (signed with ***)"


# --- headers ------------------------------------------------------------------------------------------

HTML = "text/html; charset=utf-8"
JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
BYTES = "application/octet-stream"


@pytest.mark.parametrize("path, content_type, cache_control", [
    ("media/02fe8619698f94e1-640.webp", "image/webp", IMMUTABLE),
    ("media/02fe8619698f94e1-og.jpg", "image/jpeg", IMMUTABLE),
    # Pagefind's chunks carry a hash in their names; its entry files and WebAssembly do not.
    ("en/pagefind/fragment/en_12f8746.pf_fragment", BYTES, IMMUTABLE),
    ("en/pagefind/index/en_2478d3e.pf_index", BYTES, IMMUTABLE),
    ("en/pagefind/pagefind.en_76841d9035.pf_meta", BYTES, IMMUTABLE),
    ("en/pagefind/wasm.en.pagefind", BYTES, SHORT),
    ("en/pagefind/pagefind.js", JS, SHORT),
    ("en/pagefind/pagefind-entry.json", "application/json", SHORT),
    ("en/pagefind/pagefind-ui.css", CSS, SHORT),
    ("en/pagefind/pagefind-ui.js", JS, SHORT),
    ("en/pagefind/pagefind_bg.wasm", "application/wasm", SHORT),
    # Material's bundles are named by their content; its lunr files and the theme's own assets are not.
    ("en/assets/javascripts/bundle.a5f9d56c.min.js", JS, IMMUTABLE),
    ("en/assets/javascripts/bundle.a5f9d56c.min.js.map", "application/json", IMMUTABLE),
    ("en/assets/javascripts/workers/search.a7633da7.min.js", JS, IMMUTABLE),
    ("en/assets/stylesheets/main.57a0d79d.min.css", CSS, IMMUTABLE),
    ("en/assets/javascripts/lunr/min/lunr.zh.min.js", JS, SHORT),
    ("en/assets/vc/catalog.css", CSS, SHORT),
    ("en/assets/vc/favicon.svg", "image/svg+xml", SHORT),
    ("en/assets/images/favicon.png", "image/png", SHORT),
    ("index.html", HTML, SHORT),
    ("en/products/kelor-powder/index.html", HTML, SHORT),
    ("en/404.html", HTML, SHORT),
    ("en/feed.xml", "application/atom+xml", SHORT),
    ("sitemap.xml", "application/xml", SHORT),
    ("sitemap-2.xml", "application/xml", SHORT),
    ("robots.txt", "text/plain; charset=utf-8", SHORT),
    ("data/products.json", "application/json", SHORT),
    ("data/products.csv", "text/csv; charset=utf-8", SHORT),
    ("media/5704c6ae4e37e2d8.pdf", "application/pdf", IMMUTABLE),
    ("kontributor/kode-desa/index.html", HTML, SHORT),
    ("kontributor/kode-desa/finder.js", JS, SHORT),
    ("kontributor/kode-desa/data/names/ta.json", "application/json", SHORT),
])
def test_every_kind_of_file_gets_its_content_type_and_cache_lifetime(path, content_type, cache_control):
    assert headers_for(path) == Headers(content_type, cache_control)


def test_a_file_of_an_unexpected_kind_stops_the_plan():
    local = {"en/index.html": StoredFile(1, "a"), "en/font.woff2": StoredFile(1, "b"), "CNAME": StoredFile(1, "c")}
    with pytest.raises(PublishError) as refused:
        plan_publish(local, {})
    assert str(refused.value) == ("no Content-Type for CNAME, en/font.woff2: add each extension to CONTENT_TYPES in "
                                  "generator/publish.py (nothing was uploaded)")


def test_every_file_of_a_built_site_has_headers(site):
    plan = plan_publish(scan_site(site), {})
    kinds = {path: headers_for(path) for path in plan.uploads}
    assert {headers.cache_control for path, headers in kinds.items() if path.startswith("media/")} == {IMMUTABLE}
    assert {headers.content_type for path, headers in kinds.items() if path.endswith(".html")} == {HTML}
    assert any(headers.cache_control == IMMUTABLE for path, headers in kinds.items() if "/pagefind/" in path)


# --- progress -----------------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_one_line_per_stage_in_logs_and_a_live_count_on_a_terminal():
    stats = {"transfers": 3, "totalTransfers": 10, "bytes": 41_000}
    log = io.StringIO()
    progress = Progress(log)
    progress.line("3/5 pages: uploading 10 files (120.0 KB)")
    progress.stats(stats)
    progress.line("4/5 indexes: nothing to upload")
    assert log.getvalue() == "publish: 3/5 pages: uploading 10 files (120.0 KB)\npublish: 4/5 indexes: nothing to upload\n"
    terminal = Terminal()
    progress = Progress(terminal)
    progress.line("3/5 pages: uploading 10 files (120.0 KB)")
    progress.stats(stats)
    progress.line("4/5 indexes: nothing to upload")
    assert terminal.getvalue() == ("publish: 3/5 pages: uploading 10 files (120.0 KB)\n\r  3/10 files, 41.0 KB\x1b[K"
                                   "\r\x1b[Kpublish: 4/5 indexes: nothing to upload\n")


# --- the order ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [
    "index.html", "robots.txt", "sitemap.xml", "sitemap-2.xml", "data/products.json", "data/products.csv",
    "en/index.html", "en/feed.xml", "en/products/index.html", "en/products/rows.json", "en/categories/moringa/index.html",
    "en/regions/index.html", "en/regions/sulawesi-tengah/index.html", "en/regions/sulawesi-tengah/sigi/index.html",
])
def test_pages_that_list_others_and_the_site_wide_files_are_indexes(path):
    assert is_index(path)


@pytest.mark.parametrize("path", [
    "en/products/kelor-powder/index.html", "en/bumdes/bumdes-maju/index.html", "en/about/index.html", "en/404.html",
    "en/pagefind/pagefind-entry.json", "en/assets/vc/catalog.css", "media/02fe8619698f94e1-640.webp",
    "kontributor/kode-desa/index.html", "kontributor/kode-desa/data/index.json",
])
def test_product_bumdes_and_info_pages_are_not_indexes(path):
    assert not is_index(path)


def stored(text: str) -> StoredFile:
    return StoredFile(len(text), text)


def test_new_media_first_then_new_files_then_pages_then_indexes_then_deletions():
    remote = {
        "index.html": stored("home-1"), "en/index.html": stored("en-1"), "en/about/index.html": stored("about"),
        "en/products/a/index.html": stored("a-1"), "en/products/gone/index.html": stored("gone"),
        "en/categories/moringa/index.html": stored("cat-1"), "en/assets/vc/catalog.css": stored("css-1"),
        "en/pagefind/pagefind-entry.json": stored("entry-1"), "en/pagefind/pagefind.en_1111111111.pf_meta": stored("meta-1"),
        "media/aaaa-640.webp": stored("old photo"), "sitemap.xml": stored("sitemap-1"), "robots.txt": stored("robots"),
        "en/products/b/index.html": StoredFile(1, ""),  # a bucket that could not tell the MD5: counts as changed
    }
    local = {
        "index.html": stored("home-2"), "en/index.html": stored("en-1"), "en/about/index.html": stored("about"),
        "en/products/a/index.html": stored("a-2"), "en/products/b/index.html": stored("b"), "en/products/new/index.html": stored("new"),
        "en/categories/moringa/index.html": stored("cat-2"), "en/categories/tea/index.html": stored("tea"),
        "en/assets/vc/catalog.css": stored("css-2"), "en/pagefind/pagefind-entry.json": stored("entry-2"),
        "en/pagefind/pagefind.en_2222222222.pf_meta": stored("meta-2"), "media/bbbb-640.webp": stored("new photo"),
        "sitemap.xml": stored("sitemap-2"), "robots.txt": stored("robots"),
    }
    plan = plan_publish(local, remote)
    assert [(step.stage, step.headers.content_type if step.headers else None, step.paths) for step in plan.steps] == [
        (Stage.MEDIA, BYTES, ("en/pagefind/pagefind.en_2222222222.pf_meta",)),
        (Stage.MEDIA, "image/webp", ("media/bbbb-640.webp",)),
        (Stage.NEW, HTML, ("en/categories/tea/index.html", "en/products/new/index.html")),
        (Stage.PAGES, "application/json", ("en/pagefind/pagefind-entry.json",)),
        (Stage.PAGES, CSS, ("en/assets/vc/catalog.css",)),
        (Stage.PAGES, HTML, ("en/products/a/index.html", "en/products/b/index.html")),  # pages after what they load
        (Stage.INDEXES, "application/xml", ("sitemap.xml",)),
        (Stage.INDEXES, HTML, ("en/categories/moringa/index.html", "index.html")),
        (Stage.DELETIONS, None, ("en/pagefind/pagefind.en_1111111111.pf_meta", "en/products/gone/index.html",
                                 "media/aaaa-640.webp")),
    ]
    assert plan.unchanged == 3  # en/index.html, about, robots.txt: same size and MD5, whatever their dates
    assert plan.upload_size == sum(local[path].size for path in plan.uploads)
    assert len(plan.uploads) == 11 and len(plan.deletions) == 3


def test_everything_uploads_unchanged_files_too_in_the_same_order():
    files = {"en/index.html": stored("x"), "media/aaaa-640.webp": stored("y"), "en/products/a/index.html": stored("z")}
    assert plan_publish(files, files).steps == ()
    plan = plan_publish(files, files, everything=True)
    assert [(step.stage, step.paths) for step in plan.steps] == [
        (Stage.MEDIA, ("media/aaaa-640.webp",)), (Stage.PAGES, ("en/products/a/index.html",)), (Stage.INDEXES, ("en/index.html",)),
    ]
    assert plan.unchanged == 0


# --- a real S3 server ---------------------------------------------------------------------------------

REMOTE = "TESTS3"
KEY_ID, SECRET = "catalog-test-key", "catalog-test-secret-0123456789"


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """`rclone serve s3` on a free port over a temporary folder holding the bucket; the environment that reaches it."""
    storage = tmp_path_factory.mktemp("s3")
    (storage / "bucket").mkdir()
    server = subprocess.Popen([str(rclone_binary()), "--config", os.devnull, "serve", "s3", "--addr", "127.0.0.1:0",
                               "--auth-key", f"{KEY_ID},{SECRET}", str(storage)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()
    try:
        address = None
        while address is None:
            line = lines.get(timeout=60)
            found = re.search(r"Starting s3 server on \[(http://127\.0\.0\.1:\d+)/?\]", line)
            address = found.group(1) if found else None
        env = {key: value for key, value in os.environ.items() if not key.startswith("RCLONE_")}
        env.update({f"RCLONE_CONFIG_{REMOTE}_TYPE": "s3", f"RCLONE_CONFIG_{REMOTE}_PROVIDER": "Rclone",
                    f"RCLONE_CONFIG_{REMOTE}_ENDPOINT": address, f"RCLONE_CONFIG_{REMOTE}_ACCESS_KEY_ID": KEY_ID,
                    f"RCLONE_CONFIG_{REMOTE}_SECRET_ACCESS_KEY": SECRET})
        yield env
    finally:
        server.terminate()
        server.wait(timeout=30)


WITH_PHOTO = PRODUCT + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor, en: Moringa powder}}\n"
K = "products/bumdes-maju/kelor-powder.yml"
CRAB_FILE = "products/bumdes-maju/kepiting-hidup.yml"
TEA_FILE = "products/bumdes-maju/kelor-tea.yml"


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> dict[str, Path]:
    """One catalog built four times, each site kept: v1; v2 (one product renamed); v3 (a product removed);
    v4 from v1: a new photo, a new product and a removed one."""
    root = tmp_path_factory.mktemp("publish") / "catalog"
    kept = tmp_path_factory.mktemp("versions")
    photo, renamed = "products/bumdes-maju/kelor.jpg", WITH_PHOTO.replace("en: Moringa leaf powder", "en: Shade-dried moringa leaf")
    versions = {
        "v1": {K: WITH_PHOTO, photo: jpeg_bytes((1200, 900)), CRAB_FILE: CRAB},
        "v2": {K: renamed, photo: jpeg_bytes((1200, 900)), CRAB_FILE: CRAB},
        "v3": {K: renamed, photo: jpeg_bytes((1200, 900)), CRAB_FILE: None},
        "v4": {K: WITH_PHOTO, photo: jpeg_bytes((1200, 900), (40, 90, 160)), CRAB_FILE: None,
               TEA_FILE: PRODUCT.replace("id: kelor-powder", "id: kelor-tea").replace("en: Moringa leaf powder", "en: Moringa tea")},
    }
    sites = {}
    for name, files in versions.items():
        write_catalog(root, files, with_theme=True)
        issues = build_site(root, out=None, today=TODAY)
        assert [i.format("en") for i in issues if i.severity is Severity.ERROR] == []
        sites[name] = kept / name
        shutil.copytree(root / "site", sites[name])  # real copies: site/ holds hard links into .cache/
    return sites


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def changed(old: Path, new: Path) -> set[str]:
    """Files of ``new`` that ``old`` lacks or holds with other bytes."""
    before, after = tree(old), tree(new)
    return {path for path, data in after.items() if before.get(path) != data}


def rclone(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([str(rclone_binary()), "--config", os.devnull, *args], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def download(env: dict[str, str], dest: str, into: Path) -> Path:
    """The bucket's objects under ``dest``, fetched into a new folder."""
    rclone(env, "copy", f"{REMOTE}:{dest}", str(into))
    return into


def run_publish(site: Path, dest: str, env: dict[str, str], capsys, **options) -> list[str]:
    """A publish that must succeed; its lines."""
    code = publish(site, f"{REMOTE}:{dest}", env=env, **options)
    lines = capsys.readouterr().out.splitlines()
    assert code == 0, lines
    return lines


def summary(lines: list[str]) -> tuple[int, int, int]:
    found = re.fullmatch(r"publish: done in [\d.]+ s: (\d+) uploaded, (\d+) unchanged, (\d+) deleted", lines[-1])
    assert found, lines[-1]
    return int(found[1]), int(found[2]), int(found[3])


def search_targets_missing(site: Path) -> list[str]:
    """Pagefind metadata files that a language's pagefind-entry.json names but the site lacks."""
    missing = []
    for entry in sorted(site.glob("*/pagefind/pagefind-entry.json")):
        for language in json.loads(entry.read_text(encoding="utf-8"))["languages"].values():
            if not (entry.parent / f"pagefind.{language['hash']}.pf_meta").is_file():
                missing.append(f"{entry.relative_to(site)}: {language['hash']}")
    return missing


def test_a_one_product_change_uploads_only_the_files_that_changed(s3, versions, capsys, tmp_path):
    first = run_publish(versions["v1"], "bucket/incremental", s3, capsys)
    total = len(tree(versions["v1"]))
    assert summary(first) == (total, 0, 0)
    assert first[1:6] == [line for line in first if re.match(r"publish: \d/5 ", line)]  # one line per stage, in order
    assert tree(download(s3, "bucket/incremental", tmp_path / "one")) == tree(versions["v1"])

    expected = changed(versions["v1"], versions["v2"])
    assert expected and not any(path.startswith("media/") for path in expected) and len(expected) < total / 4
    _, plan, _ = prepare(versions["v2"], f"{REMOTE}:bucket/incremental", s3)
    gone = set(tree(versions["v1"])) - set(tree(versions["v2"]))
    assert set(plan.uploads) == expected and set(plan.deletions) == gone
    assert {path.rsplit(".", 1)[1] for path in gone} <= {"pf_fragment", "pf_index", "pf_meta"}  # the old search chunks
    second = run_publish(versions["v2"], "bucket/incremental", s3, capsys)
    assert summary(second) == (len(expected), len(tree(versions["v2"])) - len(expected), len(gone))
    assert tree(download(s3, "bucket/incremental", tmp_path / "two")) == tree(versions["v2"])

    assert summary(run_publish(versions["v2"], "bucket/incremental", s3, capsys)) == (0, total, 0)


def test_a_removed_products_pages_are_deleted(s3, versions, capsys, tmp_path):
    run_publish(versions["v2"], "bucket/removal", s3, capsys)
    gone = set(tree(versions["v2"])) - set(tree(versions["v3"]))
    assert {f"{lang}/products/kepiting-hidup/index.html" for lang in ("id", "en", "zh")} <= gone
    lines = run_publish(versions["v3"], "bucket/removal", s3, capsys)
    assert summary(lines)[2] == len(gone)
    assert lines[-2] == f"publish: 5/5 deletions: deleting {len(gone)} files"
    bucket = tree(download(s3, "bucket/removal", tmp_path / "bucket"))
    assert bucket == tree(versions["v3"]) and not gone & set(bucket)


def test_headers_as_a_browser_receives_them(s3, versions, capsys):
    run_publish(versions["v1"], "bucket/headers", s3, capsys)
    listing = json.loads(rclone(s3, "lsjson", "-R", "--files-only", "--metadata", f"{REMOTE}:bucket/headers"))
    sent = {entry["Path"]: Headers(entry["Metadata"]["content-type"], entry["Metadata"]["cache-control"]) for entry in listing}
    assert sent == {path: headers_for(path) for path in tree(versions["v1"])}
    samples = ["en/products/kelor-powder/index.html", "sitemap.xml", "en/feed.xml", "data/products.csv",
               next(path for path in sent if path.startswith("media/") and path.endswith(".webp")),
               next(path for path in sent if path.endswith(".pf_fragment")), "en/pagefind/pagefind.js"]
    for path in samples:
        url = rclone(s3, "link", "--expire", "1h", f"{REMOTE}:bucket/headers/{path}").strip()
        with urllib.request.urlopen(url, timeout=60) as response:  # a presigned GET, as a browser would send
            assert Headers(response.headers["Content-Type"], response.headers["Cache-Control"]) == sent[path]
            assert response.read() == (versions["v1"] / path).read_bytes()
    assert sent["en/products/kelor-powder/index.html"] == Headers(HTML, SHORT)


def bucket_problems(site: Path) -> list[str]:
    """Broken links, anchors, images and search entries in a downloaded bucket."""
    return check_site_links(site, base_path="/catalog/") + search_targets_missing(site)


@pytest.mark.parametrize("stages", range(1, len(STAGES)))
def test_a_publish_stopped_after_any_stage_leaves_every_link_resolving(s3, versions, capsys, tmp_path, stages):
    dest = f"bucket/stopped-{stages}"
    run_publish(versions["v1"], dest, s3, capsys)
    _, plan, binary = prepare(versions["v4"], f"{REMOTE}:{dest}", s3)
    assert {step.stage for step in plan.steps} == set(STAGES)  # the change has work for every stage
    run_plan(binary, versions["v4"], parse_dest(f"{REMOTE}:{dest}"), plan, s3, Progress(sys.stdout), stages=STAGES[:stages])
    bucket = download(s3, dest, tmp_path / "bucket")
    assert bucket_problems(bucket) == []
    done = {path for step in plan.steps if STAGES.index(step.stage) < stages for path in step.paths}
    files = tree(bucket)
    assert done and all(files[path] == (versions["v4"] / path).read_bytes() for path in done)
    assert set(plan.deletions) <= set(files)  # nothing is deleted before the last stage


def test_a_killed_publish_leaves_every_link_resolving_and_the_next_one_finishes(s3, versions, capsys, tmp_path):
    dest = "bucket/killed"
    run_publish(versions["v1"], dest, s3, capsys)
    publisher = subprocess.Popen([sys.executable, "-m", "generator", "publish", "--site", str(versions["v4"]),
                                  "--dest", f"{REMOTE}:{dest}"], cwd=ROOT, env=s3, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen = []
    try:
        assert publisher.stdout is not None
        for line in publisher.stdout:
            seen.append(line.rstrip("\n"))
            if line.startswith("publish: 3/5 pages:"):
                os.killpg(publisher.pid, signal.SIGKILL)  # Python and the rclone it runs, mid-way
                break
    finally:
        publisher.wait(timeout=120)
    assert seen[-1].startswith("publish: 3/5 pages: uploading"), seen
    assert bucket_problems(download(s3, dest, tmp_path / "after-kill")) == []
    run_publish(versions["v4"], dest, s3, capsys)
    assert tree(download(s3, dest, tmp_path / "finished")) == tree(versions["v4"])


def test_failures_exit_1_with_one_line_and_no_credentials(s3, versions, capsys):
    missing = publish(versions["v1"], f"{REMOTE}:no-such-bucket/site", env=s3)
    assert missing == 1
    assert capsys.readouterr().out.splitlines() == [
        f"publish: error: bucket 'no-such-bucket' not found on remote '{REMOTE}': create it first, or check DEST and "
        f"RCLONE_CONFIG_{REMOTE}_ENDPOINT (docs/publishing.md)"]
    for wrong in ({f"RCLONE_CONFIG_{REMOTE}_SECRET_ACCESS_KEY": "wrong-secret-9876543210"},
                  {f"RCLONE_CONFIG_{REMOTE}_ACCESS_KEY_ID": "wrong-key-id-9876543210"}):
        assert publish(versions["v1"], f"{REMOTE}:bucket/refused", env={**s3, **wrong}) == 1
        (line,) = capsys.readouterr().out.splitlines()
        assert line.startswith(f"publish: error: rclone could not list {REMOTE}:bucket/refused (exit 1): ")
        assert line.endswith(f"; check the RCLONE_CONFIG_{REMOTE}_* variables (docs/publishing.md)")
        assert not any(value in line for value in (*wrong.values(), KEY_ID, SECRET))


def test_dry_run_lists_the_plan_and_changes_nothing(s3, versions, capsys):
    run_publish(versions["v1"], "bucket/dry", s3, capsys)
    lines = run_publish(versions["v3"], "bucket/dry", s3, capsys, dry_run=True)
    assert "  deletions: en/products/kepiting-hidup/index.html" in lines
    assert lines[-1] == "publish: dry run: nothing was uploaded or deleted"
    _, plan, _ = prepare(versions["v1"], f"{REMOTE}:bucket/dry", s3)
    assert plan.steps == () and isinstance(plan, Plan)
