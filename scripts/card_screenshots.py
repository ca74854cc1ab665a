"""Draw sample link-preview cards into screenshots/ (git-ignored), to look at them before and after a change.

    .venv/bin/python scripts/card_screenshots.py

Each card is written as the JPEG a page would get, decoded to PNG at full size (card-<name>.png) and at
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
    "crab-zh": CardTexts("活青蟹", "海产品", "中苏拉威西省", "印尼乡村出口产品目录", ("Live mud crab", "Kepiting bakau hidup")),
    "crab-en": CardTexts("Live mud crab", "Seafood", "Central Sulawesi", "Village Export Catalog", ("Kepiting bakau hidup",)),
    "crab-id": CardTexts("Kepiting bakau hidup", "Hasil laut", "Sulawesi Tengah", "Katalog Ekspor Desa", ("Live mud crab",)),
    "long-zh": CardTexts("干制长心卡帕藻（Eucheuma cottonii），莱康湾养殖45天，晾架晒干，卡帕型卡拉胶原料，压缩捆装，每个20英尺集装箱约11吨",
                         "海藻", "中苏拉威西省 班盖群岛县", "印尼乡村出口产品目录", ("Dried Eucheuma cottonii seaweed",)),
    "long-id": CardTexts("Minyak atsiri nilam (patchouli) hasil penyulingan uap tradisional BUMDes Kabupaten Kepulauan Selayar "
                         "kualitas ekspor", "Minyak atsiri", "Kabupaten Kepulauan Selayar, Sulawesi Selatan", "Katalog Ekspor Desa",
                         ("Patchouli essential oil",)),
    "bumdes-zh": CardTexts("布尔诺村 Agung Makmur 村办企业", "村办企业（BUMDes）", "明古鲁省", "印尼乡村出口产品目录",
                           ("Agung Makmur Village Enterprise, Burno",)),
    "fallback-zh": CardTexts("鱲鱼干", "海产品", "北苏拉威西省", "印尼乡村出口产品目录", ("Dried sea bream", "Ikan kakap kering")),
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
        note = f" (name from alternate {plan.name_from})" if plan.name_from else ""
        note += f" (left out: {plan.left_out})" if plan.left_out else ""
        print(f"screenshots/card-{name}.png{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
