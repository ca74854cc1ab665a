"""Validation: every rule's exact message, in Indonesian and English, from small broken catalogs.

The expected lines live in tests/golden/validate.txt. After an intended change to a message, regenerate
it with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_validate.py` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import BUMDES, CONFIG, CRAB, PRODUCT, REGION, TODAY, gps_jpeg_bytes, jpeg_bytes
from generator.build import check_catalog
from generator.catalog import build_catalog
from generator.issues import MESSAGES, Severity, format_report, has_errors

GOLDEN = Path(__file__).parent / "golden" / "validate.txt"
JPEG = jpeg_bytes((1200, 900))
SMALL_JPEG = jpeg_bytes((400, 300))

P = PRODUCT
B = BUMDES
K = "products/bumdes-maju/kelor-powder.yml"
BF = "products/bumdes-maju/bumdes.yml"
GLOSSARY = """\
synonyms:
  crab:
    names:
      id: [kepiting]
      en: [crab, mud crab]
      zh: [螃蟹, 蟹]
    scientific: [Scylla serrata]
"""
CASES = {
 "valid": {},
 "missing_field": {K: P.replace('hs_code: "121190"\n', '')},
 "unknown_key_typo": {K: P.replace('availability: available', 'availabilty: available')},
 "wrong_type_list": {K: P.replace('markets: [CN, SG]', 'markets: CN')},
 "not_a_date": {K: P.replace('verified: 2026-10-01', 'verified: 1 Oktober 2026')},
 "integer": {K: P.replace('shelf_life_months: "24"', 'shelf_life_months: 2 tahun')},
 "missing_source_language": {K: P.replace('name: {id: Bubuk daun kelor, en:', 'name: {en:')},
 "unknown_language": {K: P.replace('zh: 辣木叶粉}', 'zh: 辣木叶粉, fr: Poudre}')},
 "http_link": {K: P + 'alibaba_url: http://example.com/x\n'},
 "javascript_link": {K: P + 'alibaba_url: javascript:alert(1)\n'},
 "id_mismatch": {K: P.replace('id: kelor-powder', 'id: kelor-bubuk')},
 "duplicate_id": {"products/bumdes-lain/bumdes.yml": B.replace('id: bumdes-maju', 'id: bumdes-lain'), "products/bumdes-lain/kelor-powder.yml": P},
 "unknown_category": {K: P.replace('category: moringa', 'category: kelor')},
 "unknown_unit": {K: P.replace('moq: {quantity: "500", unit: kg}', 'moq: {quantity: "500", unit: karung}')},
 "unknown_certification": {K: P.replace('type: halal', 'type: kosher')},
 "unknown_village": {BF: B.replace('72.10.01.2009', '72.10.01.2999')},
 "kelurahan": {BF: B.replace('72.10.01.2009', '72.71.01.1004')},
 "village_regency_not_listed": {BF: B.replace('72.10.01.2009', '72.03.04.2001')},
 "unknown_region": {"regions/72-sulawesi-tengah.yml": REGION.replace('"72.71"', '"72.99"')},
 "region_name": {"regions/72-sulawesi-tengah.yml": REGION.replace('id: Kota Palu', 'id: Palu')},
 "province_twice": {"regions/72-sulteng.yml": REGION},
 "hs_code_unknown": {K: P.replace('"121190"', '"999999"')},
 "hs_code_form": {K: P.replace('"121190"', '"12119"')},
 "country": {K: P.replace('markets: [CN, SG]', 'markets: [CN, XX]')},
 "photo_missing": {K: P + 'photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor}}\n'},
 "photo_outside": {K: P + 'photos:\n  - {file: ../other/kelor.jpg, alt: {id: Bubuk kelor}}\n'},
 "photo_name_shell": {K: P + 'photos:\n  - {file: "$(touch x).jpg", alt: {id: Bubuk kelor}}\n'},
 "photo_case": {K: P + 'photos:\n  - {file: img_0001.jpg, alt: {id: Bubuk kelor}}\n', "products/bumdes-maju/IMG_0001.JPG": JPEG},
 "placeholder": {K: P.replace("name: {id: Bubuk daun kelor,", "name: {id: TODO nama produk,").replace('"121190"', '"TODO"')
                 .replace("category: moringa", "category: TODO").replace("  en: Organic moringa leaf powder.\n", "  en: |\n    TODO Describe the product.\n")
                 .replace('place: "Pantoloan, Palu"', "place: TODO pelabuhan muat")},
 "photo_location": {K: P + 'photos:\n  - {file: kelor-1.jpg, alt: {id: Bubuk kelor}}\n', "products/bumdes-maju/kelor-1.jpg": gps_jpeg_bytes(),
                    BF: B + 'photos:\n  - {file: kantor.jpg, alt: {id: Kantor BUMDes}}\n', "products/bumdes-maju/kantor.jpg": gps_jpeg_bytes()},
 "first_photo_small": {K: P + 'photos:\n  - {file: a.jpg, alt: {id: A}}\n  - {file: b.jpg, alt: {id: B}}\n',
                       "products/bumdes-maju/a.jpg": SMALL_JPEG, "products/bumdes-maju/b.jpg": SMALL_JPEG},
 "unused_file": {"products/bumdes-maju/lama.jpg": JPEG, "products/bumdes-maju/catatan.txt": "x"},
 "photo_under_phone_name": {K: P + 'photos:\n  - {file: kelor-1.jpg, alt: {id: Bubuk kelor}}\n',
                            "products/bumdes-maju/WhatsApp Image 2026-12-01 at 10.15.32.jpeg": JPEG},
 "hidden_and_folders": {"products/bumdes-maju/.DS_Store": "x", "products/bumdes-maju/foto/a.jpg": JPEG, "products/.rahasia/x.yml": "x"},
 "yml_name": {"products/bumdes-maju/kopi.YML": P.replace("kelor-powder", "kopi"), "products/bumdes-maju/teh.yaml": "x"},
 "boolean_words": {"site_config.yml": CONFIG.replace("sample_data: true", "sample_data: yes")},
 "wechat_id": {"site_config.yml": CONFIG.replace("wechat: DealerUji", "wechat: 12 DealerUji")},
 "phone_national": {"site_config.yml": CONFIG.replace('"+62 811 4500 1234"', '"0811 4500 1234"')},
 "phone_trunk_zero": {"site_config.yml": CONFIG.replace('"+62 811 4500 1234"', '"+62 0811 4500 1234"')},
 "alibaba_lookalike": {K: P + 'alibaba_url: https://alibaba.com.evil.example/login\n'},
 "issuer_unknown": {K: P.replace("issuer: bpjph", "issuer: mui")},
 "verify_url_off_site": {K: P.replace("valid_until: 2028-01-31}", "valid_until: 2028-01-31, verify_url: https://halal.go.id.example.net/x}")},
 "certificate_file_missing": {K: P.replace("valid_until: 2028-01-31}", "valid_until: 2028-01-31, file: sertifikat-halal.pdf}")},
 "trade_terms_unknown": {K: P + "price_tiers:\n  - {min_quantity: '500', price: '3.2', currency: EUR, unit: karung, incoterm: FOB, place: Palu}\n"
                         "payment_terms: [cod]\nexport_documents: [form-x]\n"
                         "container_load:\n  - {container: container-20ft, quantity: '18', unit: kg}\n"},
 "dealer_payment_term": {"site_config.yml": CONFIG.replace("  wechat: DealerUji\n", "  wechat: DealerUji\n  payment_terms: [cod]\n")},
 "line_break_in_name": {K: P.replace("name: {id: Bubuk daun kelor,", 'name: {id: "Bubuk daun\\nkelor",')},
 "cert_expired": {K: P.replace('valid_until: 2028-01-31', 'valid_until: 2026-11-01')},
 "cert_expiring": {K: P.replace('valid_until: 2028-01-31', 'valid_until: 2027-01-10')},
 "stale": {K: P.replace('verified: 2026-10-01', 'verified: 2025-10-01')},
 "verified_future": {K: P.replace('verified: 2026-10-01', 'verified: 2027-10-01')},
 "html": {K: P.replace('Organic moringa leaf powder.', 'Organic <img src=x onerror=alert(1)> powder.')},
 "md_js_link": {K: P.replace('Organic moringa leaf powder.', 'See [site](javascript:alert(1)).')},
 "unknown_agent": {BF: B.replace('agent: agen-palu', 'agent: agen-lain')},
 "gacc": {K: P.replace('gacc_registration: CIDN1234567\n', '')},
 "missing_bumdes": {"products/bumdes-baru/kelor-dua.yml": P.replace('kelor-powder', 'kelor-dua')},
 "stray": {"products/kelor.yml": P},
 "price_both": {K: P.replace('price: {min: "3.5"', 'price: {on_request: "true", min: "3.5"')},
 "price_range": {K: P.replace('min: "3.5", max: "4.2"', 'min: "5", max: "4.2"')},
 "currency": {K: P.replace('currency: USD', 'currency: EUR')},
 "phone": {"site_config.yml": CONFIG.replace('"+62 811 4500 1234"', '"0811 45"')},
 "email": {"site_config.yml": CONFIG.replace('dealer@example.com', 'dealer at example')},
 "source_not_published": {"site_config.yml": CONFIG.replace('source_language: id', 'source_language: ms')},
 "strings_missing": {"theme/strings/zh.yml": None},
 "yaml_syntax": {K: "id: [a\n"},
 "empty": {K: ""},
 "tab": {K: "id: x\n\tname: y\n"},
 "encoding": {K: b"id: caf\xe9\n"},
 "duplicate_key": {K: P.replace("availability: available", "availability: available\navailability: limited")},
 "invisible_character": {K: P.replace("summary: {id: Bubuk kelor halus.,", 'summary: {id: "Bubuk kelor\\u202e halus.",')},
 "control_character": {K: P.replace("Bubuk kelor halus.", "Bubuk kelor\x1b halus.")},
 "unclosed_quote_in_braces": {K: P.replace("packaging: {id: Karung 25 kg,", 'packaging: {id: "Karung 25 kg,')},
 "unclosed_quote": {K: P.replace("availability: available\n", "availability: available\nstorage:\n  id: \"Simpan di tempat kering\n")},
 "yaml_colon": {K: P.replace("availability: available", "availability: available: yes")},
 "what_it_meant": {K: P.replace("markets: [CN, SG]", "markets: [China, Singapura]").replace("verified: 2026-10-01", "verified: 12/10/2026")
                    .replace("gacc_registration: CIDN1234567", "gacc_registration: CIDN1234567\nalibaba_url: www.alibaba.com/product-detail/kelor")},
 "id_written_as_a_name": {BF: B.replace("id: bumdes-maju", "id: BUMDes Maju")},
 "file_named_as_a_product": {"products/bumdes-maju/Kelor Tea.yml": P.replace("id: kelor-powder", "id: kelor-tea")},
 "blank_translation": {K: P.replace("name: {id: Bubuk daun kelor, en: Moringa leaf powder, zh: 辣木叶粉}",
                                    "name:\n  id: Bubuk daun kelor\n  en: Moringa leaf powder\n  zh:")},
 "folder_typo": {"products/bumdes-maj/kelor-tea.yml": P.replace("id: kelor-powder", "id: kelor-tea")},
 "yaml_structure": {K: P.replace("availability: available", "availability: available\n- limited")},
 "missing_colon": {K: P.replace("shelf_life_months: \"24\"", "shelf_life_months \"24\"")},
 "no_break_space": {K: P.replace("availability: available", "availability:\u00a0available")},
 "cut_by_hash": {K: P.replace('gacc_registration: CIDN1234567', 'gacc_registration: CIDN1234567 #2')},
 "curly_quotes": {K: P.replace('number: ID123', 'number: “ID123”')},
 "missing_nested_field": {K: P.replace('moq: {quantity: "500", unit: kg}', 'moq:\n  quantity: "500"')},
 "glossary_problems": {"glossary/synonyms.yml": GLOSSARY.replace("zh: [螃蟹, 蟹]", "zh: [螃蟹, 蟹]\n      fr: [crabe]")
                       .replace("id: [kepiting]", "id: [kepiting, '°C', '0306']") + "  kelor:\n    names: {en: [crab]}\n"},
 "glossary_shape": {"glossary/synonyms.yml": GLOSSARY.replace("scientific:", "latin:")},
 "every_problem_in_one_run": {K: P.replace('"121190"', '"999999"').replace("availability: available", "availability: tersedia")
                              .replace("markets: [CN, SG]", "markets: [CN, XX]").replace("category: moringa", "category: kelor")
                              + "photos:\n  - {file: kelor.jpg, alt: {id: Bubuk kelor}}\n",
                              BF: B.replace("72.10.01.2009", "72.10.01.2999").replace("founded: \"2018\"", "founded: lama")},
}


def run_case(make_catalog, files) -> list[str]:
    root = make_catalog(files)
    issues = sorted(check_catalog(root, today=TODAY).issues)
    return [f"{lang}| {issue.format(lang)}" for lang in ("en", "id") for issue in issues]


def render_golden(make_catalog_factory) -> str:
    blocks = []
    for name, files in CASES.items():
        blocks.append(f"## {name}\n" + "".join(line + "\n" for line in run_case(make_catalog_factory(name), files)))
    return "".join(blocks)


def read_golden() -> dict[str, list[str]]:
    cases: dict[str, list[str]] = {}
    current = None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = cases.setdefault(line[3:], [])
        elif current is not None and line:
            current.append(line)
    return cases


@pytest.fixture(scope="module")
def golden() -> dict[str, list[str]]:
    return read_golden()


@pytest.mark.parametrize("name", list(CASES))
def test_case_reports_exactly_the_golden_issues(name, make_catalog, golden, tmp_path):
    lines = run_case(make_catalog, CASES[name])
    if os.environ.get("UPDATE_GOLDEN"):
        golden[name] = lines
        GOLDEN.write_text("".join(f"## {n}\n" + "".join(l + "\n" for l in golden.get(n, [])) for n in CASES), encoding="utf-8")
    assert lines == golden[name]


def test_valid_catalog_has_no_issue(make_catalog):
    assert check_catalog(make_catalog(), today=TODAY).issues == []


def test_a_valid_glossary_has_no_issue_and_names_the_products_it_finds(make_catalog):
    validated = check_catalog(make_catalog({"glossary/synonyms.yml": GLOSSARY, "products/bumdes-maju/kepiting-hidup.yml": CRAB}), today=TODAY)
    assert validated.issues == []
    synonyms = build_catalog(validated, today=TODAY).synonyms
    # "Live mud crab" uses "mud crab"; 活青蟹 holds 蟹; the moringa powder is named by none of its words.
    assert synonyms == {"kepiting-hidup": ("kepiting", "crab", "mud crab", "螃蟹", "蟹", "Scylla serrata")}


def test_every_broken_case_reports_something(golden):
    assert [name for name, lines in golden.items() if not lines and name != "valid"] == []


def test_every_load_and_rule_message_is_exercised(golden):
    """A message nobody can trigger is dead; one that is never tested can silently break."""
    text = "\n".join(line for lines in golden.values() for line in lines)
    tested_elsewhere = {"rule.photo_symlink", "rule.photo_unreadable", "rule.photo_too_big", "rule.photo_pixels",
                        "rule.photo_format", "rule.photo_extension", "rule.photo_small",
                        "rule.photo_incomplete", "rule.photo_damaged", "load.unreadable",
                        "load.too_large", "load.anchor", "load.tag", "load.many_documents", "load.too_deep",
                        "load.too_many_nodes", "load.key_not_text", "load.duplicate_key",
                        "rule.region_file_name", "rule.region_parent", "rule.currency",
                        "rule.tracked_build_state", "rule.folder_too_big", "rule.broken_link", "rule.broken_anchor",
                        "rule.theme_page_missing"}  # test_hostile.py
    tested_elsewhere |= {code for code in MESSAGES if code.startswith("rule.document_")}  # test_documents.py
    tested_elsewhere |= {code for code in MESSAGES if code.startswith("rule.video_")}  # test_videos.py
    tested_elsewhere |= {"rule.file_symlink"}  # test_trust.py
    missing = []
    for code, entry in MESSAGES.items():
        if not code.startswith(("load.", "rule.")) or code in tested_elsewhere:
            continue
        fixed = entry["en"].split("{")[0].strip()
        if fixed and fixed not in text:
            missing.append(code)
    assert missing == []


def test_every_message_has_both_languages_with_the_same_placeholders():
    import string
    for code, entry in MESSAGES.items():
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("en", "id")}
        assert fields["en"] == fields["id"], code


def test_report_ends_with_a_summary_and_errors_set_the_exit(make_catalog):
    root = make_catalog({K: P.replace('category: moringa', 'category: kelor').replace('verified: 2026-10-01', 'verified: 2025-01-01')})
    issues = check_catalog(root, today=TODAY).issues
    assert format_report(issues, "en", github=False)[-1] == "1 error, 1 warning in 1 file"
    assert format_report(issues, "id", github=False)[-1] == "1 galat, 1 peringatan di 1 berkas"
    assert has_errors(issues)


def test_warnings_block_only_under_strict(make_catalog):
    root = make_catalog({K: P.replace('verified: 2026-10-01', 'verified: 2025-01-01')})
    issues = check_catalog(root, today=TODAY).issues
    assert [i.severity for i in issues] == [Severity.WARNING]
    assert not has_errors(issues)
    assert has_errors(issues, strict=True)


def test_github_annotations_escape_and_point_at_the_line(make_catalog):
    root = make_catalog({K: P.replace('category: moringa', 'category: kelor')})
    lines = format_report(check_catalog(root, today=TODAY).issues, "en", github=True)
    assert lines[1].startswith("::error file=products/bumdes-maju/kelor-powder.yml,line=2,col=11::category: 'kelor'")


def test_many_problems_in_many_files_are_all_reported_in_one_run(make_catalog):
    root = make_catalog({
        K: P.replace('category: moringa', 'category: kelor').replace('"121190"', '"999999"'),
        BF: B.replace('72.10.01.2009', '72.10.01.2999'),
        "regions/72-sulawesi-tengah.yml": REGION.replace('id: Kota Palu', 'id: Palu'),
    })
    issues = check_catalog(root, today=TODAY).issues
    assert len({i.path for i in issues}) == 3
    assert len([i for i in issues if i.severity is not Severity.INFO]) == 4
    assert [i.code for i in issues if i.severity is Severity.INFO] == ["village.suggestions"]


def test_empty_text_says_to_write_it_or_delete_the_line(make_catalog):
    root = make_catalog({K: P.replace("zh: 辣木叶粉}", 'zh: ""}')})
    lines = [i.format("en") for i in check_catalog(root, today=TODAY).issues]
    assert lines == ["products/bumdes-maju/kelor-powder.yml:3:59: error: name.zh: empty text (write it, or delete the whole line)"]


def test_the_same_photo_twice_builds(make_catalog):
    from conftest import jpeg_bytes
    from generator.build import build_site

    photo = jpeg_bytes()
    root = make_catalog({
        K: P + "photos:\n  - {file: a.jpg, alt: {id: Foto A}}\n  - {file: b.jpg, alt: {id: Foto B}}\n",
        "products/bumdes-maju/a.jpg": photo,
        "products/bumdes-maju/b.jpg": photo,
    }, with_theme=True)
    issues = build_site(root, out=None, today=TODAY)
    assert [i for i in issues if i.severity is Severity.ERROR] == []
    assert (root / "site/en/products/kelor-powder/index.html").is_file()


def test_unchanged_files_come_from_the_cache_with_the_same_issues(make_catalog, monkeypatch):
    import generator.validate as validate

    root = make_catalog({K: P.replace("category: moringa", "category: kelor")})
    first = [i.format("en") for i in check_catalog(root, today=TODAY).issues]
    assert (root / validate.CACHE_FILE).is_file()

    def no_reading(*args, **kwargs):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(validate, "read_one", no_reading)
    assert [i.format("en") for i in check_catalog(root, today=TODAY).issues] == first


def test_the_cache_never_hides_a_change(make_catalog):
    root = make_catalog()
    assert check_catalog(root, today=TODAY).issues == []
    # The file changes: it is checked again.
    (root / K).write_text(P.replace('"121190"', '"999999"'), encoding="utf-8")
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["rule.hs_code"]
    # site_config.yml changes: every file is checked again against the new vocabularies.
    (root / K).write_text(P, encoding="utf-8")
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(config.replace("    moringa: {name: {id: Kelor, en: Moringa, zh: 辣木}, food: true}\n", ""),
                                          encoding="utf-8")
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["rule.unknown_term"]
    # A corrupt cache file only costs time.
    (root / ".cache/check.json").write_bytes(b"not json")
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["rule.unknown_term"]


def test_a_replaced_photo_is_inspected_again(make_catalog):
    from conftest import jpeg_bytes

    good = jpeg_bytes((1200, 900))
    root = make_catalog({K: P + "photos:\n  - {file: kelor.jpg, alt: {id: Foto}}\n", "products/bumdes-maju/kelor.jpg": good})
    assert check_catalog(root, today=TODAY).issues == []
    (root / "products/bumdes-maju/kelor.jpg").write_bytes(good[: len(good) // 2])
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["rule.photo_incomplete"]


def test_a_one_bumdes_preview_keeps_the_rest_of_the_cache(make_catalog):
    import json

    import generator.validate as validate

    other = BUMDES.replace("id: bumdes-maju", "id: bumdes-lain")
    root = make_catalog({"products/bumdes-lain/bumdes.yml": other,
                         "products/bumdes-lain/kopi.yml": P.replace("id: kelor-powder", "id: kopi")})
    check_catalog(root, today=TODAY)
    full = json.loads((root / validate.CACHE_FILE).read_bytes())["files"].keys()
    check_catalog(root, today=TODAY, only_bumdes="bumdes-maju")
    assert json.loads((root / validate.CACHE_FILE).read_bytes())["files"].keys() >= full


@pytest.mark.parametrize("model_name, path", [("Product", K), ("Bumdes", BF), ("RegionFile", "regions/72-sulawesi-tengah.yml")])
def test_every_rule_runs_on_a_file_whose_every_field_is_broken(make_catalog, model_name, path):
    """Rules read partial models of broken files: none may read a field the file does not validly have."""
    from generator import models

    fields = getattr(models, model_name).model_fields
    root = make_catalog({path: "".join(f"{name}: [[broken]]\n" for name in fields)})
    issues = check_catalog(root, today=TODAY).issues
    reported = {i.field.split(".")[0].split("[")[0] for i in issues if i.path == path}
    assert reported == set(fields)


def test_rules_report_on_the_valid_fields_of_a_file_with_shape_errors(make_catalog):
    root = make_catalog({K: P.replace("availability: available", "availability: tersedia").replace('"121190"', '"999999"')})
    assert sorted(i.code for i in check_catalog(root, today=TODAY).issues) == ["rule.hs_code", "schema.choice"]


def test_a_photo_with_location_warns_until_stripped_and_the_answer_follows_its_bytes(make_catalog, monkeypatch):
    """The location warning is cached by the photo's content: stripping the photo ends it at once, and an
    unchanged photo is not read for metadata twice."""
    from generator import metadata
    from generator.metadata import strip_location_files

    root = make_catalog({K: P + 'photos:\n  - {file: kelor-1.jpg, alt: {id: Bubuk kelor}}\n',
                         "products/bumdes-maju/kelor-1.jpg": gps_jpeg_bytes()})
    photo = root / "products/bumdes-maju/kelor-1.jpg"
    first = check_catalog(root, today=TODAY).issues
    assert [(i.code, i.severity, dict(i.values)["file"]) for i in first] == [
        ("rule.photo_location", Severity.WARNING, "products/bumdes-maju/kelor-1.jpg")]
    assert not has_errors(first) and has_errors(first, strict=True)

    calls = []
    monkeypatch.setattr(metadata, "location_tags", lambda path: calls.append(path) or ["GPSLatitude"])
    assert [i.code for i in check_catalog(root, today=TODAY).issues] == ["rule.photo_location"]
    assert calls == []  # the same bytes: the answer came from the cache
    monkeypatch.undo()

    assert [i.code for i in strip_location_files([photo])] == ["metadata.removed"]
    assert check_catalog(root, today=TODAY).issues == []


# Each case: the file and its text, and for each issue's field the text from the line and column it names.
POSITIONS = {
    "unknown key at the top, on its own line": (K, P.replace("availability: available", "availabilty: available"),
                                                {"availabilty": "availabilty: available", "availability": "id: kelor-powder"}),
    "unknown key with no value": (K, P.replace("availability: available", "availability: available\nstoragee:"), {"storagee": "storagee:"}),
    "unknown key in a block mapping": (K, P.replace('moq: {quantity: "500", unit: kg}', 'moq:\n  quantity: "500"\n  unit: kg\n  unitt: kg'),
                                       {"moq.unitt": "unitt: kg"}),
    "unknown key after a comment": (K, P.replace('moq: {quantity: "500", unit: kg}', 'moq:\n  quantity: "500"\n  # satuan\n  unitt: kg\n  unit: kg'),
                                    {"moq.unitt": "unitt: kg"}),
    "unknown key in a list item": (K, P.replace('  - {incoterm: FOB, place: "Pantoloan, Palu"}', '  - incoterm: FOB\n    placee: Palu\n    place: Palu'),
                                   {"shipping[0].placee": "placee: Palu"}),
    "unknown key on a flow mapping's second line": (K, P.replace('moq: {quantity: "500", unit: kg}', 'moq: {quantity: "500", unit: kg,\n  unitt: kg}'),
                                                    {"moq.unitt": "unitt: kg}"}),
    "missing field at the top: line 1": (K, P.replace('hs_code: "121190"\n', ''), {"hs_code": "id: kelor-powder"}),
    "missing field below a comment: still line 1": (K, "# Produk baru\n" + P.replace('hs_code: "121190"\n', ''), {"hs_code": "# Produk baru"}),
    "missing field in a mapping: its parent's line": (K, P.replace('moq: {quantity: "500", unit: kg}', 'moq:\n  quantity: "500"'), {"moq.unit": "moq:"}),
    "missing field in a list item: the item's line": (K, P.replace('  - {incoterm: FOB, place: "Pantoloan, Palu"}', '  - incoterm: FOB'),
                                                      {"shipping[0].place": "incoterm: FOB"}),
    "missing field of a BUMDes": (BF, B.replace("legal_name: BUM Desa Maju\n", ""), {"legal_name": "id: bumdes-maju"}),
}


@pytest.mark.parametrize("name", list(POSITIONS))
def test_every_message_points_at_the_line_to_edit(make_catalog, name):
    path, text, expected = POSITIONS[name]
    issues = check_catalog(make_catalog({path: text}), today=TODAY).issues
    lines = text.splitlines()
    found = {issue.field: lines[issue.line - 1][issue.column - 1:] for issue in issues}
    assert found == expected


def test_a_photo_written_in_other_capitals_names_the_file_that_is_there(make_catalog):
    root = make_catalog({K: P + "photos:\n  - {file: img_0001.jpg, alt: {id: Bubuk kelor}}\n",
                         "products/bumdes-maju/IMG_0001.JPG": JPEG})
    [issue] = check_catalog(root, today=TODAY).issues
    assert (issue.line, issue.code, dict(issue.values)["other"]) == (29, "rule.photo_case", "IMG_0001.JPG")
    assert "but the folder has 'IMG_0001.JPG' (write the name exactly as the file is named" in issue.format("en")


def test_a_certificate_written_in_other_capitals_names_the_file_that_is_there(make_catalog):
    root = make_catalog({K: P.replace("valid_until: 2028-01-31}", "valid_until: 2028-01-31, file: sertifikat-halal.pdf}"),
                         "products/bumdes-maju/Sertifikat-Halal.PDF": b"%PDF-1.4\n"})
    [issue] = check_catalog(root, today=TODAY).issues
    assert (issue.field, issue.code, dict(issue.values)["other"]) == ("certifications[0].file", "rule.photo_case", "Sertifikat-Halal.PDF")


def suggestions(make_catalog, bumdes_text: str) -> list[tuple[int, str]]:
    issues = check_catalog(make_catalog({BF: bumdes_text}), today=TODAY).issues
    return [(i.line, dict(i.values)["suggestions"]) for i in issues if i.code == "village.suggestions"]


def test_a_wrong_village_code_is_followed_by_the_codes_of_the_village_the_description_names(make_catalog):
    text = (B.replace("72.10.01.2009", "72.03.11.2999")
            .replace("BUMDes di Desa Kalukubula.", "BUM Desa Maju di Desa Tanjung Padang, Kecamatan Sirenja."))
    # Two desa share the name: the one in the kecamatan of the wrong code first; "BUM Desa Maju" is no village.
    assert suggestions(make_catalog, text) == [(5, '"72.03.11.2006" Tanjung Padang (Sirenja, Kabupaten Donggala, Sulawesi Tengah); '
                                                   '"14.10.08.2001" Tanjung Padang (Tasik Putri Puyu, Kabupaten Kepulauan Meranti, Riau)')]


def test_a_missing_or_malformed_village_code_gets_suggestions_from_the_bumdes_id(make_catalog):
    text = (B.replace("BUMDes di Desa Kalukubula.", "BUMDes kami.").replace("id: bumdes-maju", "id: bumdes-maju-pombewe"))
    files = {"products/bumdes-maju-pombewe/bumdes.yml": text.replace('village: "72.10.01.2009"\n', ""),
             BF: None, K: None, "products/bumdes-maju-pombewe/kelor-powder.yml": P}
    issues = sorted(check_catalog(make_catalog(files), today=TODAY).issues)
    assert [(i.line, i.code) for i in issues] == [(1, "schema.missing"), (1, "village.suggestions")]
    assert issues[1].format("id") == (
        'products/bumdes-maju-pombewe/bumdes.yml:1:1: info: village: desa yang disebut di berkas ini mungkin: "72.10.01.2011" '
        "Pombewe (Sigi Biromaru, Kabupaten Sigi, Sulawesi Tengah) (salin kode yang benar, dalam tanda kutip; atau cari di "
        "halaman kode desa, kontributor/kode-desa/)")


def test_no_suggestion_without_a_village_name_or_for_a_right_code(make_catalog):
    assert suggestions(make_catalog, B.replace("72.10.01.2009", "72.10.01.2999").replace("BUMDes di Desa Kalukubula.", "BUMDes kami.")) == []
    assert suggestions(make_catalog, B) == []
