"""Draw sample link-preview cards into screenshots/ (git-ignored), to look at them before and after a change.

    .venv/bin/python scripts/card_screenshots.py

Each card is written as the PNG a page would get, at full size (card-<name>.png) and at
the 400 px width of a link preview in a phone's chat (card-<name>-phone.png).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cards import FONTS_DIR, CardTexts, load_fonts, plan_card, render_card  # noqa: E402

SAMPLES = {
    "seafood-zh": CardTexts("海产品", "中苏拉威西省", "印尼乡村出口产品目录", ("Seafood", "Hasil laut")),
    "seafood-en": CardTexts("Seafood", "Central Sulawesi", "Village Export Catalog", ("Hasil laut", "海产品")),
    "seafood-id": CardTexts("Hasil laut", "Sulawesi Tengah", "Katalog Ekspor Desa", ("Seafood", "海产品")),
    "oils-id": CardTexts("Minyak atsiri", "Kepulauan Bangka Belitung", "Katalog Ekspor Desa", ("Essential oils", "精油")),
    "long-id": CardTexts("Minyak atsiri nilam (patchouli) hasil penyulingan uap tradisional BUMDes Kabupaten Kepulauan Selayar "
                         "kualitas ekspor", "Sulawesi Selatan", "Katalog Ekspor Desa", ("Patchouli essential oil",)),
    "bumdes-zh": CardTexts("村办企业（BUMDes）", "明古鲁省", "印尼乡村出口产品目录"),
    "bumdes-en": CardTexts("Village-owned enterprise (BUMDes)", "Bengkulu", "Village Export Catalog"),
    "fallback-zh": CardTexts("鱲鱼", "北苏拉威西省", "印尼乡村出口产品目录", ("Sea bream", "Ikan kakap")),
}


def main() -> int:
    fonts = load_fonts(ROOT / FONTS_DIR)
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    for name, texts in SAMPLES.items():
        plan = plan_card(texts, fonts)
        with Image.open(io.BytesIO(render_card(texts, fonts))) as card:
            card.save(out / f"card-{name}.png")
            card.resize((400, 210), Image.Resampling.LANCZOS).save(out / f"card-{name}-phone.png")
        note = f" (headline from alternate {plan.headline_from})" if plan.headline_from else ""
        note += f" (left out: {plan.left_out})" if plan.left_out else ""
        print(f"screenshots/card-{name}.png{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
