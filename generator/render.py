"""Jinja2 (autoescape on) → one Markdown file per page and one mkdocs.yml per language.

Page bodies are HTML made from escaped values; they sit in the Markdown file as one raw HTML block, so
no catalog text is ever parsed as Markdown by MkDocs. Strings that MkDocs' own templates print without
escaping (page title, description, site name) are escaped here, once.
"""

from __future__ import annotations

import json
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
import markupsafe
import yaml
from markupsafe import Markup, escape

from generator.catalog import Catalog
from generator.csp import POLICY_TOKEN
from generator.minify import collapse_whitespace
from generator.views import Card, LanguageEnv, PageView, inquiry_kit
from generator.pages import ABOUT, CONTACT, HOW_TO_BUY, HOME, INQUIRY_LIST, PRODUCTS, REGIONS, Page
from generator.search import THUMB_WIDTH

HOME_CATEGORIES = "cat-title"
"""The home page's list of categories (its heading's id in home.html.j2), linked from where search cannot run."""

TEMPLATES_DIR = "templates"
MACROS = "_macros.html.j2"
OVERRIDES_DIR = "overrides"
ASSETS_DIR = "assets"
ASSET_FILES = ("catalog.css", "search.css", "catalog.js", "inquiry.js", "search.js")
"""Copied into every language under docs/assets/vc/ and linked from mkdocs.yml."""
KIT_SCRIPT = "kit.js"
"""Written into every language's docs/assets/vc/ (kit_script) and linked before the scripts that read it."""
INQUIRY_FORM = "_inquiry_form.html.j2"
FEED_FILE = "feed.xml"
"""Each language's Atom feed of new and updated products, at the language root."""
PASSTHROUGH = "generator.passthrough"
"""Our Markdown extension (generator/passthrough.py); MkDocs imports it from the project root."""


ESCAPE_PROBE = "<a href=\"x\">Tom & 'Jerry'</a>\u00e9\u4e2d"
"""Every character markupsafe escapes, and text it must leave alone: the private escaper must agree on it."""


def private_escaper(module: Any) -> Callable[[str], str]:
    """markupsafe's private ``_escape_inner``, checked against its public ``escape``; an ImportError saying what
    to do when a MarkupSafe release removed or changed it (never a silently slower or different escape)."""
    inner = getattr(module, "_escape_inner", None)
    try:
        agrees = inner is not None and inner(ESCAPE_PROBE) == str(module.escape(ESCAPE_PROBE))
    except Exception:  # noqa: BLE001 - a changed signature is the same news as a missing function
        agrees = False
    if not agrees:
        raise ImportError(
            "generator/render.py: this MarkupSafe has no markupsafe._escape_inner(str) -> str that escapes as "
            "markupsafe.escape does (it is private and can change in any release). Install the MarkupSafe pinned in "
            "requirements.txt, or make escape_for_output call markupsafe.escape and drop this check "
            "(about 3x slower per printed value; docs/performance.md)"
        )
    return inner


_escape_inner = private_escaper(markupsafe)


def escape_for_output(value: Any) -> str:
    """What `{{ value }}` prints: markupsafe.escape's text, without first wrapping it in a Markup.

    The wrapper is dropped at once (a page's output is joined into one string), and making it took more
    than half of each escape's time, for ~2.4 million printed values a language at 10,000 products.
    ``_escape_inner`` is the C escaper behind markupsafe.escape, checked when this module is imported
    (``private_escaper``). Measured 2026-12-02 (MarkupSafe 3.0.4): 151 against 460 ns a printed value, and
    the product, BUMDes and category pages of a 1,000-product catalog rendered in 0.151 instead of 0.178
    CPU-seconds.
    """
    if value.__class__ is str:
        return _escape_inner(value)
    html = getattr(value, "__html__", None)
    if html is not None:
        return str(html())
    return _escape_inner(str(value))


class BodyTemplate(jinja2.Template):
    """A template whose `{{ value }}` output goes through ``escape_for_output``."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: Any, globals: Any, uptodate: Any = None) -> jinja2.Template:
        template = super().from_code(environment, code, globals, uptodate)
        # Compiled templates print through their module's `escape` (markupsafe.escape); every function of
        # a template shares that module's globals.
        template.root_render_func.__globals__["escape"] = escape_for_output
        return template


class ViewEnvironment(jinja2.Environment):
    """Jinja printing through ``escape_for_output``; views are typed, so `view.name` is an attribute."""

    template_class = BodyTemplate


def make_environment(theme_dir: Path) -> jinja2.Environment:
    """The page-body template environment (one per language): autoescape on, undefined names are errors."""
    jinja = ViewEnvironment(
        loader=jinja2.FileSystemLoader(theme_dir / TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates do not change during a build: no stat() of the template file for each of 12,000 pages.
        auto_reload=False,
    )
    jinja.globals["cached_card"] = CardCache(jinja)
    return jinja


class CardCache:
    """Product cards rendered once per product, heading level and link base, by the `card` macro.

    At 10,000 products the pages show 61,000 cards of 10,000 products, mostly from pages one folder deep
    (other products of the same BUMDes); a card's HTML depends on nothing but its view and, through the
    links, where the page is, so the same product linked the same way is the same HTML.
    """

    def __init__(self, jinja: jinja2.Environment) -> None:
        self._jinja = jinja
        self._made: dict[tuple, Markup] = {}
        self._card: Any = None

    def __call__(self, card: Card, level: int, filters: bool = False) -> Markup:
        picture = card.picture
        # Every link in a card is the product's URL or a media file, both relative to the page.
        key = (card.id, level, filters, card.url, picture.src if picture else None)
        html = self._made.get(key)
        if html is None:
            if self._card is None:
                self._card = self._jinja.get_template(MACROS).module.card
            html = self._made[key] = self._card(card, level, filters)
        return html


def render_body(jinja: jinja2.Environment, page: Page, context: dict[str, Any]) -> str:
    """The page body as one HTML block without blank lines (a blank line would end the raw block), its
    whitespace between tags collapsed as the finished page's will be (so a shell-made page is the same)."""
    html = jinja.get_template(page.kind.template).render(context)
    return collapse_whitespace("\n".join(line for line in html.splitlines() if line.strip()))


@dataclass(frozen=True)
class Slot:
    """A front-matter value that differs from page to page, in the form the theme prints it.

    The theme prints every slot exactly as given (never escaping it again), so the value written here is
    the page's bytes; shells.py substitutes the same strings for its tokens. Declared once, here.
    """

    name: str
    path: tuple[str, ...]
    """Where it sits in the front matter (``title`` is MkDocs' own; ours are under ``vc``)."""
    printed: Callable[[str], str]
    """What the template prints for a value (an absent value is left out)."""

    @property
    def token(self) -> str:
        """The stand-in a page shell carries (letters only: every escape leaves it as it is)."""
        return "VCSLOT" + "".join(ch for ch in self.name.upper() if ch.isalpha())


def _html(text: str) -> str:
    return str(escape(text))


SLOTS = (
    Slot("title", ("title",), _html),
    Slot("description", ("description",), _html),
    Slot("og_image", ("vc", "og_image"), _html),
    Slot("jsonld", ("vc", "jsonld"), str),
)
"""Every per-page value of the front matter; anything else in it is shared by the pages of a shell."""


def page_front(view: PageView) -> dict[str, Any]:
    """Front matter: each slot as the theme prints it, and the page's data for the overrides."""
    # Only what differs from page to page: MkDocs parses every page's front matter with PyYAML, so the
    # language links and feed are made in the override from page.url and config.extra instead.
    values = {"title": view.title, "description": view.description, "og_image": view.og_image,
              "jsonld": json_for_script(view.structured) if view.structured else None}
    front: dict[str, Any] = {"hide": ["navigation", "toc"], "vc": {"og_type": view.og_type}}
    for slot in SLOTS:
        value = values[slot.name]
        _place(front, slot.path, slot.printed(value) if value else ("" if slot.path == ("description",) else None))
    return front


def _place(front: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        front = front[key]
    front[path[-1]] = value


def slot_value(front: dict[str, Any], slot: Slot) -> Any:
    """A slot's printed value in a page's front matter (None or "" when the page has none)."""
    for key in slot.path:
        front = front[key]
    return front


def page_source(front: dict[str, Any], body: str) -> str:
    """The Markdown file MkDocs reads: front matter, then the body as one raw HTML block."""
    # JSON is YAML too, and json.dumps is two orders of magnitude faster than PyYAML's emitter.
    return "---\n" + json.dumps(front, ensure_ascii=False, sort_keys=True) + "\n---\n\n" + body + "\n"


def json_for_script(data: Any) -> str:
    """JSON that cannot end a <script> block or open a comment, whatever the catalog text says."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def kit_script(jinja: jinja2.Environment, env: LanguageEnv) -> str:
    """What every page of a language shares and needs only with JavaScript, written once instead of into each
    page: the quote form and message (inquiry.js draws every product page's form from them), the labels of the
    add buttons, and the search drawer's words (search.js)."""
    loc = env.loc
    kit = inquiry_kit(loc, env.catalog.config.vocabularies)
    form = collapse_whitespace(jinja.get_template(INQUIRY_FORM).render(kit=kit, t=loc.ui, loc=loc, quantity=True, incoterms=()).strip())
    data = {"form": form, "layout": kit.layout.as_json(), "blank": kit.blank, "add": loc.t("inquiry.add"), "added": loc.t("inquiry.added"),
            "below_moq": loc.t("inquiry.below_moq"),
            "search": {"results": loc.t("search.results"), "more": loc.t("search.more"), "no_match": loc.t("search.no_results")}}
    # ASCII JSON: no character can end the script or trip an old parser (U+2028); generated, so never edited.
    return f"/* Generated by generator/render.py (kit_script): do not edit. */\nwindow.vcKit = {json.dumps(data, sort_keys=True)};\n"


def render_mkdocs_config(catalog: Catalog, env: LanguageEnv, *, docs_dir: Path, site_dir: Path, theme_dir: Path) -> str:
    """A plain Material project for one language: no third-party plugin, block overrides only."""
    loc = env.loc
    language = loc.language
    base = catalog.config.base_url.rstrip("/")
    nav = [
        {str(escape(loc.t("nav.home"))): _md(HOME)},
        {str(escape(loc.t("nav.products"))): _md(PRODUCTS)},
        {str(escape(loc.t("nav.regions"))): _md(REGIONS)},
        {str(escape(loc.t("nav.how_to_buy"))): _md(HOW_TO_BUY)},
        {str(escape(loc.t("nav.about"))): _md(ABOUT)},
        {str(escape(loc.t("nav.contact"))): _md(CONTACT)},
        {str(escape(loc.t("nav.inquiry_list"))): _md(INQUIRY_LIST)},
    ]
    config: dict[str, Any] = {
        "site_name": str(escape(loc.plain(catalog.config.title))),
        "site_description": str(escape(loc.plain(catalog.config.description))),
        "site_url": f"{base}/{language.code}/",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": str(theme_dir / OVERRIDES_DIR),
            "language": language.theme_language,
            "direction": language.direction,
            # No web fonts: Google Fonts is unreachable from mainland China.
            "font": False,
            "palette": {"scheme": "default", "primary": "custom", "accent": "custom"},
            # toc.integrate: no empty table-of-contents sidebar on every page (every page hides it).
            "features": ["navigation.tabs", "toc.integrate"],
            "icon": {"logo": "material/sprout"},
            "favicon": "assets/vc/favicon.svg",
        },
        "extra_css": [f"assets/vc/{name}" for name in ASSET_FILES if name.endswith(".css")],
        "extra_javascript": [f"assets/vc/{name}" for name in (KIT_SCRIPT, *ASSET_FILES) if name.endswith(".js")],
        "extra": {
            "generator": False,
            # Material shows its language menu only when this list exists; the override links each
            # entry to the same page in the other language.
            "alternate": [{"name": lang.name, "link": f"/{lang.code}/", "lang": lang.code} for lang in catalog.languages],
            "vc": {
                "lang": language.code,
                # Where each page's Content-Security-Policy goes, written once MkDocs has built it (csp.py).
                "csp": POLICY_TOKEN,
                # Every page exists in every language at the same path: the override links
                # <base>/<lang>/<page.url> for hreflang and the language menu.
                "base": base,
                "feed": FEED_FILE,
                "feed_title": f"{loc.plain(catalog.config.title)} · Atom",
                "og_locale": language.og_locale,
                "og_locales": [lang.og_locale for lang in catalog.languages if lang.code != language.code],
                "sample_notice": loc.t("common.sample_notice") if catalog.config.sample_data else "",
                "site_title": loc.plain(catalog.config.title),
                "language_label": loc.t("nav.language"),
                "footer_dealer": loc.t("footer.dealer"),
                "footer_disclaimer": loc.t("footer.disclaimer"),
                "dealer_name": catalog.config.dealer.name,
                "contact_label": loc.t("nav.contact"),
                "search_label": loc.t("search.label"),
                "search_placeholder": loc.t("search.placeholder"),
                "search_thumb": THUMB_WIDTH,
                # The 404 page (overrides/404.html): what happened, and the browse links and contact below.
                "not_found_title": loc.t("not_found.title"),
                "not_found_text": loc.t("not_found.text"),
                "contact_url": CONTACT,
                # Without JavaScript there is no search box: the listing, the home page's categories and the
                # regions instead. Only fixed pages: a cached page keeps its links (the categories that have
                # products change with the catalog, and a page is not rebuilt for that).
                "browse_label": loc.t("search.browse"),
                "browse_links": [{"name": loc.t("nav.products"), "url": PRODUCTS},
                                 {"name": loc.t("nav.categories"), "url": f"{HOME}#{HOME_CATEGORIES}"},
                                 {"name": loc.t("nav.regions"), "url": REGIONS}],
            },
        },
        "copyright": str(escape(f"{loc.plain(catalog.config.title)} · {loc.t('footer.disclaimer')}")),
        # Search is Pagefind's (run after MkDocs): Material's lunr index is downloaded whole, which does
        # not scale to thousands of products on a phone, and has no Chinese segmentation without jieba.
        "plugins": [],
        # attr_list for the theme pages; passthrough hands generated bodies over unparsed (same output, faster).
        "markdown_extensions": ["attr_list", PASSTHROUGH],
        "nav": nav,
        "not_in_nav": "/products/*/\n/categories/\n/regions/*/\n/bumdes/\n",
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000)


def _md(url: str) -> str:
    return f"{url}index.md"
