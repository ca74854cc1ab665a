"""The recipes: check the catalog, build the site, scaffold files. One line and one comment per step."""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from generator import write
from generator.catalog import Catalog, build_catalog
from generator.csp import POLICY_TOKEN, with_policy
from generator.deps import EVERYTHING, CatalogReader, Dependencies, Read
from generator.cards import FONTS_DIR, CardFonts, CardTexts, card_facts, card_name, load_fonts, store_card
from generator.media import CardFor, Media
from generator.minify import collapse_whitespace
from generator.previews import PlannedCard, TextSource, plan_cards
from generator.progress import Progress, time_left
from generator.views import LanguageEnv, make_view, template_context
from generator.documents import process_document
from generator.images import process_photo
from generator.inquiry import qr_files
from generator.videos import ProcessedVideo, process_video
from generator.issues import Issue, Severity, has_errors, make_issue
from generator.localize import Localizer, load_strings
from generator.exports import CSV_FILE, JSON_FILE, SCHEMA_FILE, render_products_csv, render_products_json, render_products_schema
from generator.feeds import render_atom, render_robots, render_sitemaps
from generator.history import date_time, load_change_times
from generator.links import check_authored_links
from generator.kinds import plan_pages
from generator.pages import DATA_DIR, MEDIA_DIR, Page
from generator.pagecache import PageCache, build_fingerprint, page_key
from generator.render import (ASSET_FILES, ASSETS_DIR, FEED_FILE, KIT_SCRIPT, kit_script, make_environment, page_front,
                              page_source, render_body, render_mkdocs_config)
from generator.search import SEARCH_RECORDS_DIR, KeptRecords, record_path, write_record
from generator.shells import Shells, ShellError
from generator.sources import STRINGS_DIR, THEME_DIR
from generator.check import check_catalog
from generator.villages import write_village_finder

SITE_DIR = "site"
PROJECT_DIR = str(Path(__file__).resolve().parent.parent)
"""Where the generator package lives, so MkDocs can import its Markdown extension from any catalog root."""
WORK_DIR = ".build"
CACHE_DIR = ".cache"
PHOTO_CACHE = ".cache/photos"
PAGE_CACHE = ".cache/pages"
ONE_BUMDES_MARKER = ".one-bumdes-preview"
"""In a site built for one BUMDes (its id inside): make publish refuses it, since the bucket would lose every other one."""


@dataclass
class BuildReport:
    """What a build did, for the summary line and the benchmark."""

    pages: int = 0
    languages: int = 0
    photos_processed: int = 0
    photos_reused: int = 0
    cards_drawn: int = 0
    cards_reused: int = 0
    pages_reused: int = 0


def build_site(root: Path, *, out: Path | None, today: dt.date, only_bumdes: str | None = None,
               strict: bool = False, lang: str = "en", report: BuildReport | None = None, shells: bool = True,
               progress: Progress | None = None) -> list[Issue]:
    """Validate, render every language, and swap the finished site into ``out`` (default: <root>/site).

    ``shells=False`` sends every page through MkDocs, to show that shells change nothing (tests).
    ``progress`` says what the build is doing, stage by stage (`make build` passes one on stderr).
    """
    out = (out or root / SITE_DIR).resolve()
    report = report if report is not None else BuildReport()
    progress = progress or Progress(None, "build")
    try:
        return _build_site(root, out, today, only_bumdes, strict, report, shells, progress)
    finally:
        progress.clear()


def _build_site(root: Path, out: Path, today: dt.date, only_bumdes: str | None, strict: bool, report: BuildReport,
                shells: bool, progress: Progress) -> list[Issue]:
    # Load and validate everything first: nothing is written while any error stands.
    progress.line("checking the catalog")
    validated = check_catalog(root, today=today, only_bumdes=only_bumdes)
    issues = list(validated.issues)
    if has_errors(issues, strict=strict):
        return issues
    # Model: the resolved, frozen catalog that page code sees.
    catalog = build_catalog(validated, today=today)
    # Images: encode each photo once (cached by content), shared by every language.
    media, photo_issues = process_images(catalog, root / PHOTO_CACHE, report, progress)
    if photo_issues:
        return issues + photo_issues
    # UI strings of every language, for the cards, the root chooser and the feeds.
    strings = {code: load_strings(root / STRINGS_DIR, code) for code in {"en", *(l.code for l in catalog.languages)}}
    # Cards: a link preview with the name, in each language, for every product and BUMDes without a photo
    # (cached by content).
    cards, card_issues = process_cards(catalog, plan_cards(catalog, localizers(catalog, strings)),
                                       root / FONTS_DIR, root / PHOTO_CACHE, report)
    issues += card_issues
    # Dates: the last change (git) of every catalog file; a video's is its upload date in structured data.
    times = load_change_times(root)
    media = replace(media, cards=cards, videos=date_videos(catalog, media.videos, times))
    # Dependencies: today's digest and last change of everything a page can read.
    deps = Dependencies(catalog, media, times)
    deps.prepare()
    # Pages: the same list in every language.
    pages = plan_pages(catalog)
    write.clean_stale_staging(out)
    staging = write.new_staging(out)
    try:
        # Render, MkDocs and search, each language in its own process: pages whose record says they may have
        # changed become Markdown, search records and the real `mkdocs build --strict`; the rest come from
        # the cache. Pagefind indexes each language's records into site/<lang>/pagefind/ while MkDocs runs.
        job = LanguageJob(catalog, deps, pages, root, staging, source_date_epoch(deps), only_bumdes is None, shells,
                          build_fingerprint(root, only_bumdes is None))
        # Meanwhile this process writes the shared files: photos, the language chooser, open data.
        progress.line(f"pages: {len(pages):,} in each of {len(catalog.languages)} languages (only the changed ones are made again)")
        failures, report.pages_reused, records = build_languages(
            job, [l.code for l in catalog.languages], meanwhile=lambda: write_shared(catalog, media, strings, root, staging),
            progress=progress)
        if failures:
            return issues + failures
        progress.line("sitemaps, feeds and links")
        # Sitemap: every page dated by the newest change among what it read.
        write_sitemaps(catalog, pages, {url: deps.lastmod(reads) for url, reads in records.items()}, staging)
        # Feeds: each language's Atom feed, into its folder now that MkDocs has finished with it.
        write_feeds(catalog, deps, strings, staging)
        # Links people wrote into the site (descriptions, project texts) reach a built page and section.
        # A one-BUMDes preview has not built the pages of the others, so only a whole build can tell.
        if only_bumdes is None:
            broken = check_authored_links(catalog, pages, staging, root)
            if broken:
                return issues + broken
        # A one-BUMDes preview says so, so that make publish never puts it in place of the whole catalog.
        if only_bumdes is not None:
            (staging / ONE_BUMDES_MARKER).write_text(only_bumdes + "\n", encoding="utf-8")
        # Write: swap the finished tree into place in one step.
        progress.line("putting the new site in place")
        write.swap_into_place(staging, out)
        # A whole build knows every photo, document, video and card the catalog shows; what else the cache
        # holds (replaced photos, old settings' outputs) would only grow a restored CI cache forever.
        if only_bumdes is None:
            prune_media_cache(root / PHOTO_CACHE, media.cache_files())
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    report.pages = len(pages) * len(catalog.languages)
    report.languages = len(catalog.languages)
    issues.append(make_issue(os.path.relpath(out, root), (1, 1), "", "build.done", Severity.INFO,
                             pages=report.pages, languages=report.languages, cached=report.pages_reused,
                             processed=report.photos_processed, reused=report.photos_reused,
                             cards_drawn=report.cards_drawn, cards_reused=report.cards_reused))
    return issues


def process_images(catalog: Catalog, cache_dir: Path, report: BuildReport, progress: Progress | None = None
                   ) -> tuple[Media, list[Issue]]:
    """Every photo, document and video of every BUMDes and product, processed in parallel or reused from the
    cache: photos (and photos of certificates) as photos, PDFs as clean copies with a preview, videos copied."""
    progress = progress or Progress(None, "build")
    photos = {(entry.folder / photo.file).resolve() for entry in [*catalog.bumdes.values(), *catalog.products.values()]
              for photo in entry.data.photos}
    files = [(product.folder, name) for product in catalog.products.values()
             for name in [*(c.file for c in product.certifications), *(a.file for a in product.data.analyses)] if name]
    documents = {(folder / name).resolve() for folder, name in files if name.lower().endswith(".pdf")}
    photos |= {(folder / name).resolve() for folder, name in files if not name.lower().endswith(".pdf")}
    videos = {(product.folder / product.data.video.file).resolve() for product in catalog.products.values() if product.data.video}
    jobs = [(source, "photo") for source in sorted(photos)] + [(source, "document") for source in sorted(documents)]
    jobs += [(source, "video") for source in sorted(videos)]
    made: dict[str, dict[Path, Any]] = {"photo": {}, "document": {}, "video": {}}
    issues: list[Issue] = []
    if jobs:
        progress.line(f"photos and documents: {len(jobs):,} (encoded once, then taken from .cache/photos)")
        with ProcessPoolExecutor(max_workers=min(2, len(jobs))) as pool:
            done = pool.map(_process_one, jobs, [cache_dir] * len(jobs))
            for number, ((source, kind), (processed, reused, problem)) in enumerate(zip(jobs, done), 1):
                progress.count("photos and documents", number, len(jobs))
                if processed is None:
                    # The file passed the check but changed or broke before it was processed.
                    issues.append(make_issue(os.path.relpath(source, catalog.root), (1, 1), "", f"build.{kind}_failed", problem=problem))
                    continue
                made[kind][source] = processed
                if reused:
                    report.photos_reused += 1
                else:
                    report.photos_processed += 1
    return Media(photos=made["photo"], documents=made["document"], videos=made["video"]), issues


def date_videos(catalog: Catalog, videos: Mapping[Path, ProcessedVideo], times: Mapping[str, int]) -> dict[Path, ProcessedVideo]:
    """Each video dated by the last commit that changed its file; outside git (a zip, a test) by the newest
    ``verified`` date of the products showing it, as a product page's lastmod is."""
    verified: dict[Path, int] = {}
    for product in catalog.products.values():
        if product.data.video:
            path = (product.folder / product.data.video.file).resolve()
            verified[path] = max(verified.get(path, 0), date_time(product.data.verified))
    root = catalog.root.resolve()
    return {path: replace(video, uploaded=times.get(path.relative_to(root).as_posix()) or verified.get(path, 0))
            for path, video in videos.items()}


def prune_media_cache(cache_dir: Path, keep: set[str]) -> int:
    """Delete every file in ``cache_dir`` not named in ``keep`` (left-over temporary files too); how many."""
    if not cache_dir.is_dir():
        return 0
    stale = [entry.path for entry in os.scandir(cache_dir) if entry.is_file(follow_symlinks=False) and entry.name not in keep]
    for path in stale:
        os.unlink(path)
    return len(stale)


def localizers(catalog: Catalog, strings: dict[str, dict[str, str]]) -> dict[str, Localizer]:
    """Each language's words, English where a UI string is untranslated."""
    return {l.code: Localizer(l, catalog.source_language, strings[l.code], strings["en"]) for l in catalog.languages}


def process_cards(catalog: Catalog, plans: dict[CardFor, PlannedCard], fonts_dir: Path, cache_dir: Path, report: BuildReport
                  ) -> tuple[dict[CardFor, str], list[Issue]]:
    """Every card's file name in ``cache_dir``, those not there yet drawn in parallel; a warning for each text
    (a name, a category's or province's name in one language, the BUMDes label, the title) with characters the
    card font lacks, naming the file it is written in (they are left out, never drawn as boxes)."""
    if not plans:
        return {}, []
    fonts = load_fonts(fonts_dir)
    names: dict[CardFor, str] = {}
    missing: dict[str, CardTexts] = {}
    left_out: dict[TextSource, str] = {}
    chosen: dict[tuple[str, ...], tuple[int, str, str]] = {}
    # One listing of the cache, not a stat per card (~35,000 of them at 10,000 products).
    cached = set(os.listdir(cache_dir)) if cache_dir.is_dir() else set()
    for which, plan in plans.items():
        key, lacking = card_facts(plan.texts, fonts, chosen)
        for source, chars in zip(plan.sources, lacking):
            if chars:
                left_out[source] = "".join(dict.fromkeys(left_out.get(source, "") + chars))
        name = names[which] = card_name(key)
        if name in missing:
            continue
        if name in cached:
            report.cards_reused += 1
        else:
            missing[name] = plan.texts
    issues = [make_issue(source.path, (1, 1), source.field, "build.card_glyphs", Severity.WARNING, chars=chars)
              for source, chars in sorted(left_out.items(), key=lambda item: (item[0].path, item[0].field))]
    if missing:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Cards with the same category, province and title are handed out together: a worker draws their shared
        # backdrop once (cards._backdrop).
        jobs = sorted(missing.items(), key=lambda job: (job[1].kind, job[1].place, job[1].site_title, job[0]))
        # Fonts are read once per worker (1.5 MB), not sent with each card.
        with ProcessPoolExecutor(max_workers=min(2, len(jobs)), initializer=_load_card_fonts, initargs=(fonts_dir,)) as pool:
            for _ in pool.map(_draw_card, jobs, [cache_dir] * len(jobs), chunksize=max(1, min(64, len(jobs) // 8))):
                report.cards_drawn += 1
    return names, issues


_CARD_FONTS: CardFonts | None = None


def _load_card_fonts(fonts_dir: Path) -> None:
    global _CARD_FONTS
    _CARD_FONTS = load_fonts(fonts_dir)


def _draw_card(job: tuple[str, CardTexts], cache_dir: Path) -> None:
    assert _CARD_FONTS is not None
    name, texts = job
    store_card(texts, _CARD_FONTS, cache_dir / name)


def _process_one(job: tuple[Path, str], cache_dir: Path) -> tuple[Any, bool, str]:
    source, kind = job
    try:
        process = {"photo": process_photo, "document": process_document, "video": process_video}[kind]
        processed, reused = process(source, cache_dir)
    except Exception as exc:  # noqa: BLE001 - any failure becomes an issue naming the file, never a traceback
        return None, False, f"{type(exc).__name__}: {exc}"[:200]
    return processed, reused, ""


def render_language(catalog: Catalog, media: Media, pages: list[Page], code: str, root: Path, staging: Path, records: Path,
                    shells: Shells | None = None, on_pages: Callable[[int], None] = lambda done: None
                    ) -> tuple[Path, dict[str, set[Read]]]:
    """Write the Markdown sources, search records and mkdocs.yml of one language; return the config's path
    and what each page read.

    With ``shells``, the pages a shell can make are kept there instead, and one source per shell is written.
    ``on_pages`` hears how many pages are done, every few hundred.
    """
    theme_dir = root / THEME_DIR
    strings_dir = root / STRINGS_DIR
    language = catalog.language(code)
    loc = Localizer(language, catalog.source_language, load_strings(strings_dir, code), load_strings(strings_dir, "en"))
    env = LanguageEnv(catalog=catalog, loc=loc, theme_pages=theme_dir / "pages")
    jinja = make_environment(theme_dir)
    work = root / WORK_DIR / code
    docs = work / "docs"
    write.reset_dir(work)
    read: dict[str, set[Read]] = {}
    for number, page in enumerate(pages):
        if number % PROGRESS_EVERY == 0:
            on_pages(number)
        reader = CatalogReader(catalog, media)
        view = make_view(env, reader, page)
        read[page.url] = reader.reads
        front, body = page_front(view), render_body(jinja, page, template_context(env, page, view))
        if shells is None or not page.kind.shell or not shells.add(page.url, front, body):
            write.write_text(docs / page.source_path, page_source(front, body))
        for name, text in view.files:
            write.write_text(docs / page.url / name, text)
        if view.search or view.result:
            write_record(records, code, page.url, view.title, view.search, view.result)
    for url, front, body in shells.sources() if shells is not None else []:
        write.write_text(docs / url / "index.md", page_source(front, body))
    for name in [*ASSET_FILES, "favicon.svg"]:
        write.copy_file(theme_dir / ASSETS_DIR / name, docs / "assets" / "vc" / name)
    write.write_text(docs / "assets" / "vc" / KIT_SCRIPT, kit_script(jinja, env))
    config = work / "mkdocs.yml"
    write.write_text(config, render_mkdocs_config(catalog, env, docs_dir=docs, site_dir=staging / code, theme_dir=theme_dir))
    return config, read


def source_date_epoch(deps: Dependencies) -> str:
    """The build's date: SOURCE_DATE_EPOCH when set (CI sets the commit's), else the newest source change."""
    return os.environ.get("SOURCE_DATE_EPOCH") or str(deps.time((EVERYTHING, "")) or 0)


@dataclass(frozen=True)
class LanguageJob:
    """What every language's render and MkDocs run share."""

    catalog: Catalog
    deps: Dependencies
    pages: list[Page]
    root: Path
    staging: Path
    epoch: str
    whole_catalog: bool
    shells: bool
    """Product, BUMDes, category and region pages filled into shells MkDocs renders once (shells.py); off only to compare."""
    fingerprint: str
    """What every page depends on besides what it reads (site_config.yml, regions/, theme/, code, packages)."""


_JOB: LanguageJob | None = None
"""Set just before the workers fork: they inherit the catalog instead of unpickling 10,000 products."""
_PROGRESS: Any = None
"""Where the workers say how far they are, (language, step, done, total), when someone watches a terminal."""
PROGRESS_EVERY = 250
"""Pages between two progress reports of a language worker."""


def build_languages(job: LanguageJob, codes: list[str], meanwhile: Callable[[], None], progress: Progress | None = None
                    ) -> tuple[list[Issue], int, dict[str, set[Read]]]:
    """Render and build each language in its own process, run ``meanwhile`` here; return failures, pages
    reused and what each page read (in any language)."""
    global _JOB, _PROGRESS
    _JOB = job
    # The catalog lives as long as the workers: frozen, their garbage collections stop rescanning it
    # (a third of a worker's time at 10,000 products).
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        _PROGRESS = context.SimpleQueue() if progress is not None and progress.live else None
        # One process per language even on two cores: the third language would otherwise start only
        # when another has finished, leaving a core idle for a third of the time.
        with ProcessPoolExecutor(max_workers=max(1, len(codes)), mp_context=context) as pool:
            futures = [pool.submit(_build_language, code) for code in codes]
            meanwhile()
            if _PROGRESS is not None and progress is not None:
                steps: dict[str, tuple[str, int, int]] = {}
                while wait(futures, timeout=0.5, return_when=FIRST_EXCEPTION).not_done:
                    while not _PROGRESS.empty():
                        code, step, done, total = _PROGRESS.get()
                        steps[code] = (step, done, total)
                    progress.update(describe_languages(steps, time.monotonic() - progress.started))
            results = [future.result() for future in futures]
    finally:
        _JOB = _PROGRESS = None
        gc.unfreeze()
    records: dict[str, set[Read]] = {}
    for _, _, read in results:
        for url, reads in read.items():
            records.setdefault(url, set()).update(reads)
    return [issue for issue, _, _ in results if issue is not None], sum(reused for _, reused, _ in results), records


def describe_languages(steps: dict[str, tuple[str, int, int]], elapsed: float) -> str:
    """The live line of the language workers: "  id 3,000/12,454 · en MkDocs · zh search, about 20 s left".

    A worker's steps: pages (rendered so far), MkDocs, writing pages (from shells and the cache), search
    (waiting for Pagefind), done."""
    parts = [f"{code} {done:,}/{total:,}" if step == "pages" else f"{code} {step}" for code, (step, done, total) in sorted(steps.items())]
    rendering = [(done, total) for step, done, total in steps.values() if step == "pages"]
    left = time_left(sum(d for d, _ in rendering), sum(t for _, t in rendering), elapsed) if rendering else ""
    return "  " + " · ".join(parts) + (f", {left}" if left else "")


def _report(code: str, step: str, done: int = 0, total: int = 0) -> None:
    """Tell the parent how far this language is, when it listens (a terminal)."""
    if _PROGRESS is not None:
        _PROGRESS.put((code, step, done, total))


def _build_language(code: str) -> tuple[Issue | None, int, dict[str, list[Read]]]:
    """One language: render and build the pages whose record says they changed, restore the others from the cache."""
    job = _JOB
    assert job is not None
    scope = "all" if job.whole_catalog else "partial"
    cache = PageCache(job.root / PAGE_CACHE / scope / code)
    # A page whose record from the last build still gives a key in the cache is unchanged.
    records = cache.read_records()
    keys: dict[str, str] = {}
    for page in job.pages:
        reads = records.get(page.url)
        if reads is not None and not page.kind.in_nav:
            key = page_key(job.fingerprint, code, page.url, job.deps.key(reads))
            if cache.has(key):
                keys[page.url] = key
    stale = [page for page in job.pages if page.url not in keys]
    stale_urls = {page.url for page in stale}
    # Search records: those of pages gone or about to be rendered again are dropped, those of cached
    # pages are taken from the cache unless the record in place was made for the same key.
    # A one-BUMDes preview keeps its own records: sharing the whole catalog's would delete and restore
    # 12,000 records a language each time a contributor switches between preview and full build.
    search_records = KeptRecords(job.root / WORK_DIR / SEARCH_RECORDS_DIR / scope / code)
    kept = search_records.open()
    for url in (kept.keys() - {page.url for page in job.pages}) | stale_urls:
        search_records.remove(url)
    shells = Shells() if job.shells else None
    config, fresh = render_language(job.catalog, job.deps.media, stale, code, job.root, job.staging, search_records.folder, shells,
                                    on_pages=lambda done: _report(code, "pages", done, len(stale)))
    _report(code, "MkDocs")
    for url, reads in fresh.items():
        records[url] = sorted(reads)
        keys[url] = page_key(job.fingerprint, code, url, job.deps.key(reads))
    for page in job.pages:
        if page.url not in stale_urls and kept.get(page.url) != keys[page.url]:
            search_records.remove(page.url)
            cache.restore_record(keys[page.url], record_path(search_records.folder, page.url))
    search_records.close({page.url: keys[page.url] for page in job.pages})
    # Search: Pagefind indexes this language's records while MkDocs builds its pages.
    index = job.root / WORK_DIR / code / SEARCH_DIR
    search = start_pagefind(search_records.folder, index)
    site = job.staging / code
    problem = run_mkdocs(config, job.epoch)
    _report(code, "writing pages")
    if problem is None:
        # The Markdown sources are not needed once built: deleting them now, in the background, spares the
        # next build deleting 12,000 files per language while it works.
        write.discard(config.parent / "docs")
        if shells is not None:
            problem = fill_shells(shells, site, config)
    if problem is None:
        # Every page MkDocs wrote itself gets the policy of its own inline scripts (shells gave theirs).
        made_by_shells = shells.urls() if shells is not None else set()
        write_policies(site, [f"{url}index.html" for url in stale_urls - made_by_shells] + [NOT_FOUND_PAGE])
    if problem is not None:
        search.kill()
        search.wait()
        return problem, 0, {}
    # MkDocs' per-language sitemap would list only the pages it built; site/sitemap.xml lists them all.
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)
    for page in job.pages:
        if page.url in stale_urls:
            cache.put(keys[page.url], site / page.url / "index.html", record_path(search_records.folder, page.url))
        else:
            cache.restore_page(keys[page.url], site / page.url / "index.html")
    _report(code, "search")
    problem = finish_pagefind(search, index)
    if problem is not None:
        return problem, 0, {}
    shutil.move(index, site / SEARCH_DIR)
    current = {page.url: records[page.url] for page in job.pages}
    cache.write_records(current)
    if job.whole_catalog:
        cache.prune(set(keys.values()))
    _report(code, "done")
    return None, len(job.pages) - len(stale), current


def fill_shells(shells: Shells, site: Path, config: Path) -> Issue | None:
    """Write the pages made from shells into the built language, then remove the shells themselves."""
    try:
        for url, html in shells.filled(site):
            write.create_file(site / url / "index.html", html)
    except ShellError as exc:
        return make_issue(str(config), (1, 1), "", "build.shell_broken", problem=str(exc))
    for url, _, _ in shells.sources():
        write.remove_page(site / url)
    return None


NOT_FOUND_PAGE = "404.html"
"""The page MkDocs writes for addresses that do not exist."""


def write_policies(site: Path, pages: list[str]) -> None:
    """Write each page's Content-Security-Policy into it (csp.py), its whitespace between tags collapsed first
    (minify.py)."""
    for name in pages:
        path = site / name
        if path.is_file():
            write.create_file(path, with_policy(collapse_whitespace(path.read_text(encoding="utf-8"))).encode("utf-8"))


def run_mkdocs(config: Path, epoch: str) -> Issue | None:
    """`mkdocs build --strict` of one language; any warning fails the build."""
    # A fixed date, hash seed, time zone and locale: the same commit builds the same bytes.
    env = {**os.environ, "PYTHONPATH": PROJECT_DIR, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": epoch, "TZ": "UTC", "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config)],
        capture_output=True, text=True, env=env,
    )
    if result.returncode == 0:
        return None
    output = " | ".join(line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip())
    return make_issue(str(config), (1, 1), "", "build.mkdocs_failed", problem=output[-600:])


SEARCH_DIR = "pagefind"
"""Each language's search bundle, site/<lang>/pagefind/: a buyer's search stays in the page's language."""


def start_pagefind(records: Path, index: Path) -> subprocess.Popen:
    """Start indexing one language's search records into ``index`` (Chinese segmented for zh)."""
    return subprocess.Popen(
        [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path", str(index), "--silent"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finish_pagefind(search: subprocess.Popen, index: Path) -> Issue | None:
    """Wait for Pagefind; its failure becomes an issue."""
    stdout, stderr = search.communicate()
    if search.returncode == 0:
        # Pagefind writes its language map in hash order; sorted keys keep builds byte-identical.
        entry = index / "pagefind-entry.json"
        write.write_text(entry, json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, separators=(",", ":")))
        return None
    output = " | ".join(line.strip() for line in (stderr + stdout).splitlines() if line.strip())
    return make_issue(str(index), (1, 1), "", "build.search_failed", problem=output[-600:])


def write_shared(catalog: Catalog, media: Media, strings: dict[str, dict[str, str]], root: Path, staging: Path) -> None:
    """Files outside the language folders: photos, the root language chooser, robots.txt, open data, and the
    contributors' village-code finder."""
    cache = root / PHOTO_CACHE
    for name in media.outputs():
        write.copy_file(cache / name, staging / MEDIA_DIR / name)
    for qr in qr_files([catalog.config.dealer, *catalog.config.agents]):
        write.create_file(staging / MEDIA_DIR / qr.name, qr.svg)
    jinja = make_environment(root / THEME_DIR)
    write.write_text(staging / "index.html", with_policy(collapse_whitespace(jinja.get_template("root.html.j2").render(
        languages=[{"code": l.code, "name": l.name, "title": catalog.config.title.get(l.code) or catalog.config.title[catalog.source_language],
                    "prompt": strings[l.code].get("redirect.title", "")} for l in catalog.languages],
        default=catalog.languages[0].code,
        base_url=catalog.config.base_url,
        csp=POLICY_TOKEN,
    ))))
    write.write_text(staging / "robots.txt", render_robots(catalog))
    write.write_text(staging / DATA_DIR / JSON_FILE, render_products_json(catalog, media))
    write.write_text(staging / DATA_DIR / SCHEMA_FILE, render_products_schema(catalog))
    write.write_text(staging / DATA_DIR / CSV_FILE, render_products_csv(catalog, media))
    # The finder reads the official lists, not the catalog: one page for every contributor, in every build.
    write_village_finder(staging, catalog.config.base_url)


def write_sitemaps(catalog: Catalog, pages: list[Page], lastmods: dict[str, int], staging: Path) -> None:
    """sitemap.xml (or its parts), every page dated by its record."""
    for name, text in render_sitemaps(catalog, pages, lastmods).items():
        write.write_text(staging / name, text)


def write_feeds(catalog: Catalog, deps: Dependencies, strings: dict[str, dict[str, str]], staging: Path) -> None:
    """Each language's Atom feed of new and updated products, at the language root."""
    for language in catalog.languages:
        loc = Localizer(language, catalog.source_language, strings[language.code], strings.get("en", {}))
        names = {pid: loc.plain(p.data.name) for pid, p in catalog.products.items()}
        summaries = {pid: loc.plain(p.data.summary) for pid, p in catalog.products.items()}
        write.write_text(staging / language.code / FEED_FILE,
                         render_atom(catalog, language.code, loc.plain(catalog.config.title), deps, names, summaries))


def write_schemas(root: Path) -> list[Issue]:
    """Regenerate schemas/*.schema.json from the models and the vocabularies."""
    from generator.schemas import write_all_schemas

    return write_all_schemas(root)


def new_product(root: Path, bumdes: str, product: str, *, today: dt.date) -> list[Issue]:
    """Write a commented product file for ``bumdes``, its `verified` date set to ``today``."""
    from generator.scaffold import write_product_scaffold

    return write_product_scaffold(root, bumdes, product, today=today)


def report_facts(root: Path, *, today: dt.date) -> str:
    """The weekly issue's body: certificates and facts that need renewing as of ``today`` (facts.py)."""
    from generator.facts import render_facts_report

    return render_facts_report(check_catalog(root, today=today).issues, today)


def publish_site(root: Path, *, dest: str, site: Path | None, everything: bool, dry_run: bool) -> int:
    """Upload the built site to object storage, stage by stage (see publish.py); the exit code."""
    from generator.publish import publish

    return publish(site or root / SITE_DIR, dest, everything=everything, dry_run=dry_run)


def make_preview(root: Path, *, site: Path | None, out: Path, before: Path | None) -> str:
    """The pull request's preview of the built site, opened from disk; the run summary (preview.py)."""
    from generator.preview import make_preview as run

    return run(site or root / SITE_DIR, out, before)


def report_translations(root: Path, lang: str = "en") -> list[str]:
    """Missing and stale translations per language, then a coverage line per language, in ``lang``."""
    from generator.schemas import read_config
    from generator.translations import report_translations as run

    config = read_config(root)
    if config is None:
        return ["site_config.yml: not valid; run 'make check' first"]
    report = run(root, [language.code for language in config.languages], config.source_language)
    return report.format(lang) + report.summary(lang)
