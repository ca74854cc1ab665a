"""Draw sample link-preview cards into screenshots/ (git-ignored), to look at them before and after a change.

    .venv/bin/python scripts/card_screenshots.py            # sample cards
    .venv/bin/python scripts/card_screenshots.py site zh     # plus each photo-less product of a built site, shared

Each card is written as the PNG a page would get, at full size (card-<name>.png) and at the 400 px width of a
link preview in a phone's chat (card-<name>-phone.png). With a built site and a language, each product page
whose preview is a card is also shown as a chat app shows a shared link, at a 390 px phone width, in headless
Chromium (share-<lang>-<product>.png): the title, description and picture are the page's own Open Graph tags.
"""

from __future__ import annotations

import html
import io
import sys
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cards import FONTS_DIR, CardTexts, load_fonts, plan_card, render_card  # noqa: E402

SAMPLES = {
    "crab-zh": CardTexts("活青蟹（泥蟹）", "海产品", "中苏拉威西省", "印尼乡村出口产品目录", ("Live mud crab",), ("Seafood",)),
    "crab-en": CardTexts("Live mud crab", "Seafood", "Central Sulawesi", "Village Export Catalog"),
    "crab-id": CardTexts("Kepiting bakau hidup", "Hasil laut", "Sulawesi Tengah", "Katalog Ekspor Desa"),
    "oils-id": CardTexts("Minyak sereh wangi", "Minyak atsiri", "Kepulauan Bangka Belitung", "Katalog Ekspor Desa"),
    "long-id": CardTexts("Minyak atsiri nilam (patchouli) hasil penyulingan uap tradisional BUMDes Kabupaten Kepulauan Selayar "
                         "kualitas ekspor", "Minyak atsiri", "Sulawesi Selatan", "Katalog Ekspor Desa", ("Patchouli essential oil",)),
    "bumdes-zh": CardTexts("马久村企业", "村办企业（BUMDes）", "明古鲁省", "印尼乡村出口产品目录"),
    "bumdes-en": CardTexts("Maju Village Enterprise", "Village-owned enterprise (BUMDes)", "Bengkulu", "Village Export Catalog"),
    "fallback-zh": CardTexts("鱲鱼干", "海产品", "北苏拉威西省", "印尼乡村出口产品目录", ("Dried sea bream", "Ikan kakap kering")),
}


class OpenGraph(HTMLParser):
    """The og: and description meta tags of a page, read as HTML (not as one theme's bytes)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        key = values.get("property") or values.get("name")
        if tag == "meta" and key and values.get("content") is not None:
            self.tags.setdefault(key, values["content"] or "")


SHARE = """<!doctype html><meta charset="utf-8"><style>
body {{ margin: 0; background: #ededed; font: 15px/1.4 "Noto Sans CJK SC", sans-serif; }}
.bubble {{ margin: 16px 12px 16px 64px; background: #fff; border-radius: 6px; padding: 12px; }}
.bubble b {{ display: block; font-size: 16px; margin-bottom: 6px; }}
.row {{ display: flex; gap: 10px; color: #777; font-size: 13px; }}
.row span {{ flex: 1; }} .row img {{ width: 56px; height: 56px; object-fit: cover; }}
.large {{ margin: 16px 12px 16px 64px; background: #d9fdd3; border-radius: 8px; overflow: hidden; }}
.large img {{ width: 100%; display: block; }} .large div {{ padding: 8px 10px; }} .large small {{ color: #667; }}
</style>
<div class="bubble"><b>{title}</b><div class="row"><span>{description}</span><img src="{image}"></div></div>
<div class="large"><img src="{image}"><div><b>{title}</b><br><small>{description}</small></div></div>
"""
"""A shared link as WeChat shows it (title, then description beside a square crop of the picture) and as WhatsApp
shows it (the picture large above the title)."""


def share_screenshots(site: Path, lang: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages = sorted((site / lang / "products").glob("*/index.html"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        for page in pages:
            parser = OpenGraph()
            parser.feed(page.read_text(encoding="utf-8"))
            image = parser.tags.get("og:image", "")
            if not image.endswith("-card.png"):
                continue
            local = (site / "media" / image.rsplit("/media/", 1)[1]).as_uri()
            share = out / f"share-{lang}-{page.parent.name}.html"
            share.write_text(SHARE.format(title=html.escape(parser.tags.get("og:title", "")), image=html.escape(local),
                                          description=html.escape(parser.tags.get("og:description", ""))), encoding="utf-8")
            tab.goto(share.as_uri())
            tab.screenshot(path=str(share.with_suffix(".png")), full_page=True)
            print(share.with_suffix(".png").relative_to(ROOT))
        browser.close()


def main(argv: list[str]) -> int:
    fonts = load_fonts(ROOT / FONTS_DIR)
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, texts in SAMPLES.items():
        plan = plan_card(texts, fonts)
        with Image.open(io.BytesIO(render_card(texts, fonts))) as card:
            card.save(out / f"card-{name}.png")
            card.resize((400, 210), Image.Resampling.LANCZOS).save(out / f"card-{name}-phone.png")
        note = f" (name from alternate {plan.name_from})" if plan.name_from else ""
        note += f" (left out: {plan.left_out})" if plan.left_out else ""
        print(f"screenshots/card-{name}.png{note}")
    if len(argv) == 2:
        share_screenshots(Path(argv[0]).resolve(), argv[1], out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
