"""Problems found in the catalog, how they are worded (Indonesian and English) and how they are printed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Iterable

LANGUAGES = ("id", "en")


class Severity(str, Enum):
    """How much a problem matters: errors block the build, warnings are shown (errors with --strict)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem at one place in one file."""

    path: str
    line: int
    column: int
    field: str
    code: str
    severity: Severity = Severity.ERROR
    values: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def message(self, lang: str) -> str:
        """The message and its hint in ``lang``, every value from the catalog shown with its invisible characters visible."""
        return render_message(self.code, {name: visible(value) for name, value in self.values}, lang)

    def format(self, lang: str) -> str:
        """``path:line:column: severity: field: message``, the line every editor and CI understands."""
        where = f"{visible(self.path)}:{self.line}:{self.column}"
        label = SEVERITY_WORDS[lang][self.severity]
        field_part = f"{visible(self.field)}: " if self.field else ""
        return f"{where}: {label}: {field_part}{self.message(lang)}"

    def format_github(self, lang: str) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request's diff."""
        kind = {"error": "error", "warning": "warning", "info": "notice"}[self.severity.value]
        text = (f"{visible(self.field)}: " if self.field else "") + self.message(lang)
        return f"::{kind} file={_gh_property(visible(self.path))},line={self.line},col={self.column}::{_gh_data(text)}"


def make_issue(
    path: Path | str,
    position: tuple[int, int],
    field_path: str,
    code: str,
    severity: Severity = Severity.ERROR,
    **values: object,
) -> Issue:
    """Build an Issue; values fill the message's placeholders."""
    if code not in MESSAGES:
        raise KeyError(f"no message for {code!r}")
    return Issue(
        path=str(path),
        line=position[0],
        column=position[1],
        field=field_path,
        code=code,
        severity=severity,
        values=tuple(sorted((k, str(v)) for k, v in values.items())),
    )


def render_message(code: str, values: dict[str, str], lang: str) -> str:
    """Fill the message template of ``code`` in ``lang`` (English when the language has none)."""
    entry = MESSAGES[code]
    template = entry.get(lang) or entry["en"]
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def shorten(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: cut with an ellipsis past ``limit`` characters."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Text from a file as a message shows it: line breaks, control, bidi and other invisible characters
    written as escapes (``\\n``, ``\\x1b``, ``\\u202e``), so a printed problem is always one honest line.

    A value in a message is whatever a contributor wrote; printed raw, a line break followed by
    ``::error …::`` would be read by GitHub Actions as a workflow command of ours.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _ESCAPES.get(ch) or ascii(ch)[1:-1] for ch in text)


def count_summary(issues: Iterable[Issue], lang: str) -> str:
    """``3 errors, 1 warning in 2 files`` (or its Indonesian), or the all-clear line."""
    issues = list(issues)
    errors = sum(1 for i in issues if i.severity is Severity.ERROR)
    warnings = sum(1 for i in issues if i.severity is Severity.WARNING)
    files = len({i.path for i in issues if i.severity is not Severity.INFO})
    if lang == "id":
        if not errors and not warnings:
            return "Tidak ada masalah."
        return f"{errors} galat, {warnings} peringatan di {files} berkas"
    if not errors and not warnings:
        return "No problems found."
    plural = lambda n, word: f"{n} {word}" + ("" if n == 1 else "s")  # noqa: E731
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def format_report(issues: Iterable[Issue], lang: str, *, github: bool | None = None) -> list[str]:
    """Every issue (sorted by file and position), GitHub annotations when asked, then the summary."""
    issues = sorted(issues)
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    lines = [issue.format(lang) for issue in issues]
    if github:
        lines += [issue.format_github(lang) for issue in issues]
    lines.append(count_summary(issues, lang))
    return lines


def has_errors(issues: Iterable[Issue], *, strict: bool = False) -> bool:
    """True when the build must stop: any error, or any warning under --strict."""
    blocking = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(i.severity in blocking for i in issues)


def pick_language(flag: str | None, default: str) -> str:
    """--lang wins, then the locale (LC_ALL, LC_MESSAGES, LANG), then the contributor language."""
    if flag in LANGUAGES:
        return flag
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value.split("_")[0].split(".")[0].lower()
        if code in LANGUAGES:
            return code
    return default if default in LANGUAGES else "en"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


SEVERITY_WORDS = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
    "id": {Severity.ERROR: "galat", Severity.WARNING: "peringatan", Severity.INFO: "info"},
}

# One entry per problem: the message, then the fix, in the contributor's words.
MESSAGES: dict[str, dict[str, str]] = {
    # Reading files
    "load.too_large": {
        "en": "file is {size} bytes, more than the {limit} allowed (split it, or move long text out)",
        "id": "berkas berukuran {size} bita, melebihi batas {limit} (pecah berkas atau persingkat teks)",
    },
    "load.encoding": {
        "en": "file is not UTF-8 text (save it again as UTF-8)",
        "id": "berkas bukan teks UTF-8 (simpan ulang sebagai UTF-8)",
    },
    "load.tab": {
        "en": "tab character in indentation, on line {lines} (indent with spaces only: replace each tab with spaces)",
        "id": "ada karakter tab di indentasi, di baris {lines} (gunakan spasi saja: ganti setiap tab dengan spasi)",
    },
    "load.missing_colon": {
        "en": "this line has no colon after its key (write 'key: value', e.g. 'unit: tonne'; if the line belongs to the text above, put that text in quotes)",
        "id": "baris ini tidak punya titik dua setelah kuncinya (tulis 'kunci: nilai', mis. 'unit: tonne'; jika baris ini bagian dari teks di atasnya, beri tanda kutip pada teks itu)",
    },
    "load.colon_in_value": {
        "en": "': ' inside a value, which YAML reads as a new key (put the whole value in straight quotes, e.g. note: \"Catatan: dikirim beku\")",
        "id": "ada ': ' di tengah nilai, yang dibaca YAML sebagai kunci baru (beri tanda kutip lurus pada seluruh nilai, mis. note: \"Catatan: dikirim beku\")",
    },
    "load.odd_space": {
        "en": "an unusual space, {character}, is here (often pasted from WhatsApp or a word processor); YAML does not read it as a space (delete it and type a normal space)",
        "id": "ada spasi yang tidak biasa, {character}, di sini (sering tersalin dari WhatsApp atau pengolah kata); YAML tidak membacanya sebagai spasi (hapus, lalu ketik spasi biasa)",
    },
    "load.cut_by_hash": {
        "en": "the value stops before '{comment}': YAML reads text after ' #' as a comment, so only '{kept}' is kept (if it belongs to the value, put the whole value in straight quotes: \"{kept} {comment}\"; a comment needs a space after #)",
        "id": "nilai terpotong sebelum '{comment}': YAML membaca teks setelah ' #' sebagai komentar, jadi yang tersimpan hanya '{kept}' (jika itu bagian dari nilai, beri tanda kutip lurus pada seluruh nilai: \"{kept} {comment}\"; komentar perlu spasi setelah #)",
    },
    "load.curly_quotes": {
        "en": "the value is between curly quotes {quotes}, which YAML keeps as part of the text (replace them with straight quotes \" \", or delete them)",
        "id": "nilai diapit tanda kutip miring {quotes}, yang oleh YAML disimpan sebagai bagian teks (ganti dengan tanda kutip lurus \" \", atau hapus)",
    },
    "load.syntax": {
        "en": "not valid YAML: {problem} (check the indentation and the colon after each key)",
        "id": "YAML tidak valid: {problem} (periksa indentasi dan titik dua setelah setiap kunci)",
    },
    "load.duplicate_key": {
        "en": "key '{key}' appears twice, first on line {first} (keep one and delete the other)",
        "id": "kunci '{key}' muncul dua kali, yang pertama di baris {first} (simpan satu, hapus yang lain)",
    },
    "load.invisible": {
        "en": "the text holds an invisible character, {character}, which can hide or disguise what it says (delete it: retype the text rather than paste it)",
        "id": "teks berisi karakter tak terlihat, {character}, yang bisa menyembunyikan atau menyamarkan isinya (hapus: ketik ulang teksnya, jangan ditempel)",
    },
    "load.character": {
        "en": "the file holds a control character, {character}, here (delete it; save the file as plain UTF-8 text)",
        "id": "berkas berisi karakter kontrol, {character}, di sini (hapus; simpan berkas sebagai teks UTF-8 biasa)",
    },
    "load.unclosed_quote": {
        "en": "the quote opened here is never closed: {problem} (add the closing quote at the end of this text)",
        "id": "tanda kutip yang dibuka di sini tidak pernah ditutup: {problem} (tambahkan tanda kutip penutup di akhir teks ini)",
    },
    "load.unclosed": {
        "en": "what is opened here ({{, [ or |) is never closed properly: {problem} (close it, or check the indentation below it)",
        "id": "yang dibuka di sini ({{, [ atau |) tidak ditutup dengan benar: {problem} (tutup, atau periksa indentasi di bawahnya)",
    },
    "load.anchor": {
        "en": "anchors and aliases (& and *) are not allowed (write the value out in full)",
        "id": "anchor dan alias (& dan *) tidak diizinkan (tulis nilainya secara lengkap)",
    },
    "load.tag": {
        "en": "YAML tag {tag} is not allowed (remove it; write plain values)",
        "id": "tag YAML {tag} tidak diizinkan (hapus; tulis nilai biasa)",
    },
    "load.many_documents": {
        "en": "only one YAML document per file (remove the extra '---')",
        "id": "hanya satu dokumen YAML per berkas (hapus '---' tambahan)",
    },
    "load.too_deep": {
        "en": "nesting deeper than {limit} levels (flatten the structure)",
        "id": "struktur bersarang lebih dari {limit} tingkat (sederhanakan strukturnya)",
    },
    "load.too_many_nodes": {
        "en": "more than {limit} values in one file (split it)",
        "id": "lebih dari {limit} nilai dalam satu berkas (pecah berkasnya)",
    },
    "load.key_not_text": {
        "en": "keys must be plain text (write 'key: value')",
        "id": "kunci harus teks biasa (tulis 'kunci: nilai')",
    },
    "load.unreadable": {
        "en": "cannot read the file: {problem}",
        "id": "berkas tidak bisa dibaca: {problem}",
    },
    "load.empty": {
        "en": "file is empty (fill it in; see CONTRIBUTING.md for an example)",
        "id": "berkas kosong (isi sesuai contoh di CONTRIBUTING.md)",
    },
    # Shapes (the models)
    "schema.missing": {
        "en": "required (add this field)",
        "id": "wajib diisi (tambahkan kolom ini)",
    },
    "schema.extra": {
        "en": "unknown field (check the spelling; allowed here: {allowed})",
        "id": "kolom tidak dikenal (periksa ejaan; yang diizinkan di sini: {allowed})",
    },
    "schema.extra_typo": {
        "en": "unknown field (did you mean '{suggestion}'?)",
        "id": "kolom tidak dikenal (mungkin maksudnya '{suggestion}'?)",
    },
    "schema.not_mapping": {
        "en": "expected a group of 'key: value' lines here",
        "id": "di sini harus berisi baris-baris 'kunci: nilai'",
    },
    "schema.not_list": {
        "en": "expected a list here (start each item with '- ')",
        "id": "di sini harus berupa daftar (awali setiap butir dengan '- ')",
    },
    "schema.not_text": {
        "en": "expected text here, not a list or group",
        "id": "di sini harus berupa teks, bukan daftar atau kelompok",
    },
    "schema.integer": {
        "en": "'{value}' is not a whole number (write digits only, e.g. 500, without dots or commas)",
        "id": "'{value}' bukan bilangan bulat (tulis angka saja, mis. 500, tanpa titik atau koma)",
    },
    "schema.number": {
        "en": "'{value}' is not a number (write e.g. 1000 or 2.5; a dot only for decimals, no thousands separator)",
        "id": "'{value}' bukan angka (tulis mis. 1000 atau 2.5; titik hanya untuk desimal, tanpa pemisah ribuan)",
    },
    "schema.ambiguous_number": {
        "en": "'{value}' is ambiguous: a thousands separator or a decimal? (write 1000 for one thousand, 1.5 for one and a half)",
        "id": "'{value}' ambigu: pemisah ribuan atau desimal? (tulis 1000 untuk seribu, 1.5 untuk satu setengah)",
    },
    "schema.too_small": {
        "en": "must be at least {limit}",
        "id": "minimal {limit}",
    },
    "schema.too_large": {
        "en": "must be at most {limit}",
        "id": "maksimal {limit}",
    },
    "schema.date_order": {
        "en": "'{value}' is not a date (write YYYY-MM-DD: {suggestion}?)",
        "id": "'{value}' bukan tanggal (tulis TTTT-BB-HH: {suggestion}?)",
    },
    "schema.date": {
        "en": "'{value}' is not a date (write YYYY-MM-DD, e.g. 2026-03-31)",
        "id": "'{value}' bukan tanggal (tulis TTTT-BB-HH, mis. 2026-03-31)",
    },
    "schema.boolean": {
        "en": "'{value}' must be true or false, written exactly so (yes, on or 1 could be read either way)",
        "id": "'{value}' harus true atau false, ditulis persis begitu (yes, on atau 1 bisa dibaca dua arah)",
    },
    "schema.choice": {
        "en": "'{value}' is not allowed (choose one of: {allowed})",
        "id": "'{value}' tidak diizinkan (pilih salah satu: {allowed})",
    },
    "schema.pattern": {
        "en": "'{value}' has the wrong form (see docs/data-format.md for this field)",
        "id": "'{value}' formatnya salah (lihat docs/data-format.md untuk kolom ini)",
    },
    "schema.pattern_id_suggest": {
        "en": "'{value}' is not a valid id (lower-case letters, digits and single hyphens: e.g. {suggestion})",
        "id": "'{value}' bukan id yang valid (huruf kecil, angka dan tanda hubung tunggal: mis. {suggestion})",
    },
    "schema.pattern_id": {
        "en": "'{value}' is not a valid id (lower-case letters, digits and single hyphens, e.g. kelor-leaf-powder)",
        "id": "'{value}' bukan id yang valid (huruf kecil, angka dan tanda hubung tunggal, mis. bubuk-daun-kelor)",
    },
    "schema.pattern_hs": {
        "en": "'{value}' is not an HS code (4, 6, 8, 9 or 10 digits in quotes, e.g. \"121190\")",
        "id": "'{value}' bukan kode HS (4, 6, 8, 9 atau 10 digit dalam tanda kutip, mis. \"121190\")",
    },
    "schema.pattern_village": {
        "en": "'{value}' is not a Kemendagri village code (write it in quotes as \"72.10.01.2009\")",
        "id": "'{value}' bukan kode desa Kemendagri (tulis dalam tanda kutip, mis. \"72.10.01.2009\")",
    },
    "schema.pattern_language": {
        "en": "'{value}' is not a language code (e.g. id, en, zh)",
        "id": "'{value}' bukan kode bahasa (mis. id, en, zh)",
    },
    "schema.pattern_country_suggest": {
        "en": "'{value}' is not a country code (two capital letters: write {suggestion})",
        "id": "'{value}' bukan kode negara (dua huruf kapital: tulis {suggestion})",
    },
    "schema.pattern_country": {
        "en": "'{value}' is not a country code (two capital letters, e.g. CN)",
        "id": "'{value}' bukan kode negara (dua huruf kapital, mis. CN)",
    },
    "schema.pattern_currency": {
        "en": "'{value}' is not a currency code (three capital letters, e.g. USD)",
        "id": "'{value}' bukan kode mata uang (tiga huruf kapital, mis. USD)",
    },
    "schema.pattern_nib": {
        "en": "'{value}' is not an NIB (13 digits, in quotes)",
        "id": "'{value}' bukan NIB (13 digit, dalam tanda kutip)",
    },
    "schema.pattern_gacc": {
        "en": "'{value}' is not a GACC registration number (capital letters and digits, e.g. CIDN12345678901)",
        "id": "'{value}' bukan nomor registrasi GACC (huruf kapital dan angka, mis. CIDN12345678901)",
    },
    "schema.pattern_region": {
        "en": "'{value}' is not a Kemendagri region code (\"72\" for a province, \"72.10\" for a regency, in quotes)",
        "id": "'{value}' bukan kode wilayah Kemendagri (\"72\" untuk provinsi, \"72.10\" untuk kabupaten, dalam tanda kutip)",
    },
    "schema.empty": {
        "en": "empty text (write it, or delete the whole line)",
        "id": "teks kosong (isi teksnya, atau hapus seluruh baris)",
    },
    "schema.too_short": {
        "en": "needs at least {limit} item(s) or character(s)",
        "id": "perlu paling sedikit {limit} butir atau karakter",
    },
    "schema.too_long": {
        "en": "too long: at most {limit} item(s) or character(s) (shorten it)",
        "id": "terlalu panjang: paling banyak {limit} butir atau karakter (persingkat)",
    },
    "schema.url_no_scheme": {
        "en": "'{value}' is not a safe link (write the whole https:// address: {suggestion})",
        "id": "'{value}' bukan tautan aman (tulis alamat lengkap dengan https://: {suggestion})",
    },
    "schema.url": {
        "en": "'{value}' is not a safe link (only https:// addresses are accepted)",
        "id": "'{value}' bukan tautan aman (hanya alamat https:// yang diterima)",
    },
    "schema.email": {
        "en": "'{value}' is not an e-mail address (write e.g. sales@example.com)",
        "id": "'{value}' bukan alamat e-mail (tulis mis. sales@example.com)",
    },
    "schema.phone_trunk": {
        "en": "'{value}' is not written as dialled from abroad (write + and the country code, then the number without its leading 0: {suggestion})",
        "id": "'{value}' tidak ditulis seperti dihubungi dari luar negeri (tulis + dan kode negara, lalu nomornya tanpa 0 di depan: {suggestion})",
    },
    "schema.url_host": {
        "en": "'{value}' does not lead to {service} (this link must be on {allowed}, e.g. {example})",
        "id": "'{value}' tidak menuju {service} (tautan ini harus di {allowed}, mis. {example})",
    },
    "schema.line_break": {
        "en": "this text must be one line: it is used in e-mail subjects and page titles (join the lines; longer text belongs in description)",
        "id": "teks ini harus satu baris: dipakai di subjek e-mail dan judul halaman (gabungkan barisnya; teks panjang masuk ke description)",
    },
    "schema.file_name": {
        "en": "'{value}' is not a plain file name (rename the file with letters, digits, - and _ only, e.g. {suggestion}, and write that name here)",
        "id": "'{value}' bukan nama berkas yang sederhana (ganti nama berkas dengan huruf, angka, - dan _ saja, mis. {suggestion}, lalu tulis nama itu di sini)",
    },
    "schema.pattern_wechat": {
        "en": "'{value}' is not a WeChat ID (6-20 letters, digits, _ or -, starting with a letter; WeChat shows it under Me)",
        "id": "'{value}' bukan ID WeChat (6-20 huruf, angka, _ atau -, diawali huruf; lihat di WeChat → Me)",
    },
    "schema.phone": {
        "en": "'{value}' is not a valid phone number (write it with the country code, e.g. +62 812 3456 7890)",
        "id": "'{value}' bukan nomor telepon yang valid (tulis dengan kode negara, mis. +62 812 3456 7890)",
    },
    "schema.price": {
        "en": "give either 'on_request: true' or min, currency, unit and incoterm (not both)",
        "id": "isi 'on_request: true' atau min, currency, unit dan incoterm (bukan keduanya)",
    },
    "schema.range": {
        "en": "max ({max}) is smaller than min ({min}) (swap them)",
        "id": "max ({max}) lebih kecil dari min ({min}) (tukar nilainya)",
    },
    "schema.other": {
        "en": "{problem}",
        "id": "{problem}",
    },
    # Rules across files
    "rule.id_rename": {
        "en": "'{expected}' cannot be an id (lower-case letters, digits and hyphens only): rename it to {renamed}, matching the id '{value}'",
        "id": "'{expected}' tidak bisa menjadi id (hanya huruf kecil, angka dan tanda hubung): ganti namanya menjadi {renamed}, sesuai id '{value}'",
    },
    "rule.id_mismatch": {
        "en": "id '{value}' must equal the file name '{expected}' (rename the file or change the id)",
        "id": "id '{value}' harus sama dengan nama berkas '{expected}' (ganti nama berkas atau ubah id)",
    },
    "rule.duplicate_id": {
        "en": "id '{value}' is already used by {other} (choose another id)",
        "id": "id '{value}' sudah dipakai oleh {other} (pilih id lain)",
    },
    "rule.missing_bumdes": {
        "en": "folder has no bumdes.yml (add the BUMDes profile: copy bumdes.yml from another folder and edit it, see CONTRIBUTING.md)",
        "id": "folder tidak punya bumdes.yml (tambahkan profil BUMDes: salin bumdes.yml dari folder lain lalu ubah, lihat CONTRIBUTING.md)",
    },
    "rule.missing_bumdes_near": {
        "en": "folder has no bumdes.yml: did you mean {suggestions}? (a product belongs in its BUMDes's folder: move its file and photos there; on GitHub, Edit file and change the folder in the file's name)",
        "id": "folder tidak punya bumdes.yml: mungkin maksudnya {suggestions}? (produk harus berada di folder BUMDes-nya: pindahkan berkas dan fotonya ke sana; di GitHub, Edit file lalu ubah nama folder di kotak nama berkas)",
    },
    "rule.tracked_build_state": {
        "en": "this file is build output committed to git; the generator never reads it (remove it from git: git rm -r --cached .cache .build site)",
        "id": "berkas ini hasil build yang ikut di-commit ke git; generator tidak pernah membacanya (hapus dari git: git rm -r --cached .cache .build site)",
    },
    "rule.hidden_file": {
        "en": "'{value}' is hidden (its name starts with a dot); products/ holds only catalog files (delete it)",
        "id": "'{value}' tersembunyi (namanya diawali titik); products/ hanya berisi berkas katalog (hapus)",
    },
    "rule.subfolder": {
        "en": "'{value}' is a folder inside a BUMDes folder; the catalog reads none (move its files up into the BUMDes folder, or delete it)",
        "id": "'{value}' adalah folder di dalam folder BUMDes; katalog tidak membacanya (pindahkan berkasnya ke folder BUMDes, atau hapus)",
    },
    "rule.yml_name": {
        "en": "'{value}' is not read: catalog files end in lower-case .yml (rename it to {expected})",
        "id": "'{value}' tidak dibaca: berkas katalog berakhiran .yml huruf kecil (ganti namanya menjadi {expected})",
    },
    "rule.unused_file": {
        "en": "'{value}' is not used by any file of this BUMDes (list it under photos of the product or BUMDes it shows, or delete it)",
        "id": "'{value}' tidak dipakai oleh berkas mana pun dari BUMDes ini (cantumkan di photos produk atau BUMDes yang ditampilkannya, atau hapus)",
    },
    "rule.unused_file_missing": {
        "en": "'{value}' is not used by any file of this BUMDes, and a file here names {missing}, which is not here: if this is that file, it needs that name (rename it on your phone or computer, delete it here and upload it again), else delete it",
        "id": "'{value}' tidak dipakai oleh berkas mana pun dari BUMDes ini, sedangkan sebuah berkas di sini menyebut {missing} yang tidak ada: bila ini berkas itu, namanya harus itu (ganti namanya di ponsel atau komputer, hapus di sini lalu unggah lagi), bila bukan, hapus",
    },
    "rule.folder_too_big": {
        "en": "this BUMDes folder holds {size} of files, more than {limit} (export photos smaller, about 2000 px on the long side, and delete unused files)",
        "id": "folder BUMDes ini berisi {size} berkas, melebihi {limit} (ekspor foto lebih kecil, sekitar 2000 px sisi terpanjang, dan hapus berkas yang tidak dipakai)",
    },
    "rule.broken_link": {
        "en": "link '{value}' leads to no page of this site (check the address: copy it from the page you mean)",
        "id": "tautan '{value}' tidak menuju halaman mana pun di situs ini (periksa alamatnya: salin dari halaman yang dimaksud)",
    },
    "rule.broken_anchor": {
        "en": "link '{value}': the page has no section '{anchor}' (link to the page without #{anchor}, or to a section it has)",
        "id": "tautan '{value}': halaman itu tidak punya bagian '{anchor}' (tautkan ke halamannya tanpa #{anchor}, atau ke bagian yang ada)",
    },
    "rule.theme_page_missing": {
        "en": "this text is missing, so its page would be published empty (restore the file from git, or write it)",
        "id": "teks ini tidak ada, sehingga halamannya akan terbit kosong (pulihkan berkasnya dari git, atau tulis)",
    },
    "rule.verify_host": {
        "en": "'{value}' is not on a site of '{issuer}' (a verification link must be on the issuer's own site: {allowed}; a maintainer adds hosts under vocabularies.issuers in site_config.yml)",
        "id": "'{value}' bukan situs milik '{issuer}' (tautan verifikasi harus di situs penerbitnya sendiri: {allowed}; pengelola menambah host di vocabularies.issuers pada site_config.yml)",
    },
    "rule.stray_file": {
        "en": "this file is not part of the catalog (put products in products/<bumdes-id>/<product-id>.yml)",
        "id": "berkas ini bukan bagian katalog (letakkan produk di products/<id-bumdes>/<id-produk>.yml)",
    },
    "rule.source_language": {
        "en": "text in the source language '{lang}' is required (add '{lang}: …')",
        "id": "teks dalam bahasa sumber '{lang}' wajib ada (tambahkan '{lang}: …')",
    },
    "rule.unknown_language": {
        "en": "language '{value}' is not in site_config.yml (use one of: {allowed})",
        "id": "bahasa '{value}' tidak ada di site_config.yml (pakai salah satu: {allowed})",
    },
    "rule.synonym_unsearchable": {
        "en": "'{value}' would find nothing: search leaves out numbers, symbols and words under three letters (write a longer word; HS codes are searchable already)",
        "id": "'{value}' tidak akan menemukan apa pun: pencarian mengabaikan angka, simbol, dan kata di bawah tiga huruf (tulis kata yang lebih panjang; kode HS sudah bisa dicari)",
    },
    "rule.synonym_repeated": {
        "en": "'{value}' is also a word of entry '{other}': products named by it are found by the words of both (keep it in one entry)",
        "id": "'{value}' juga kata di entri '{other}': produk yang bernama demikian ditemukan dengan kata-kata keduanya (simpan di satu entri saja)",
    },
    "rule.synonym_alone": {
        "en": "entry '{value}' has only one word, so it finds nothing new (add its names in other languages)",
        "id": "entri '{value}' hanya berisi satu kata, jadi tidak menambah hasil pencarian (tambahkan namanya dalam bahasa lain)",
    },
    "rule.unknown_term": {
        "en": "'{value}' is not in the list {vocabulary} of site_config.yml (choose one of: {allowed})",
        "id": "'{value}' tidak ada di daftar {vocabulary} di site_config.yml (pilih salah satu: {allowed})",
    },
    "rule.unknown_village": {
        "en": "village code '{value}' is not in the official Kemendagri list (look it up by village name; format 72.10.01.2009)",
        "id": "kode desa '{value}' tidak ada di daftar resmi Kemendagri (cari berdasarkan nama desa; format 72.10.01.2009)",
    },
    "village.suggestions": {
        "en": "the village this file names may be: {suggestions} (copy the right code, in quotes; or search the village-code page, kontributor/kode-desa/)",
        "id": "desa yang disebut di berkas ini mungkin: {suggestions} (salin kode yang benar, dalam tanda kutip; atau cari di halaman kode desa, kontributor/kode-desa/)",
    },
    "rule.kelurahan": {
        "en": "'{value}' ({name}) is a kelurahan, not a desa; a BUMDes belongs to a desa (check the code)",
        "id": "'{value}' ({name}) adalah kelurahan, bukan desa; BUMDes berada di desa (periksa kodenya)",
    },
    "rule.village_region": {
        "en": "village '{value}' lies in regency {regency}, which regions/ does not list (add it there)",
        "id": "desa '{value}' berada di kabupaten {regency}, yang tidak ada di regions/ (tambahkan di sana)",
    },
    "rule.unknown_region": {
        "en": "region code '{value}' is not in the official Kemendagri list",
        "id": "kode wilayah '{value}' tidak ada di daftar resmi Kemendagri",
    },
    "rule.region_name": {
        "en": "official name of '{region}' is '{expected}', not '{value}' (use the official name; put others under en or zh)",
        "id": "nama resmi '{region}' adalah '{expected}', bukan '{value}' (pakai nama resmi; nama lain di en atau zh)",
    },
    "rule.region_parent": {
        "en": "regency '{value}' does not belong to province '{province}' (move it to the right file)",
        "id": "kabupaten '{value}' bukan bagian provinsi '{province}' (pindahkan ke berkas yang benar)",
    },
    "rule.region_duplicate": {
        "en": "province '{value}' is already described in {other} (one file per province: move these regencies there and delete this file)",
        "id": "provinsi '{value}' sudah ada di {other} (satu berkas per provinsi: pindahkan kabupaten ini ke sana lalu hapus berkas ini)",
    },
    "rule.region_file_name": {
        "en": "region file must be named '{expected}'",
        "id": "berkas wilayah harus bernama '{expected}'",
    },
    "rule.hs_code": {
        "en": "HS code '{value}' is not in the HS 2022 nomenclature (check the first 6 digits, e.g. 121190 for moringa leaves)",
        "id": "kode HS '{value}' tidak ada di nomenklatur HS 2022 (periksa 6 digit pertama, mis. 121190 untuk daun kelor)",
    },
    "rule.country": {
        "en": "'{value}' is not an ISO 3166 country code (use two capital letters, e.g. CN, SG, NL)",
        "id": "'{value}' bukan kode negara ISO 3166 (pakai dua huruf kapital, mis. CN, SG, NL)",
    },
    "rule.currency": {
        "en": "'{value}' is not an ISO 4217 currency code (e.g. USD, IDR, CNY)",
        "id": "'{value}' bukan kode mata uang ISO 4217 (mis. USD, IDR, CNY)",
    },
    "rule.photo_missing": {
        "en": "photo '{value}' not found next to this file (upload it into the BUMDes folder, same spelling)",
        "id": "foto '{value}' tidak ditemukan di sebelah berkas ini (unggah ke folder BUMDes, ejaan sama persis)",
    },
    "rule.file_missing": {
        "en": "file '{value}' not found next to this file (upload it into the BUMDes folder, same spelling)",
        "id": "berkas '{value}' tidak ditemukan di sebelah berkas ini (unggah ke folder BUMDes, ejaan sama persis)",
    },
    "rule.file_symlink": {
        "en": "file '{value}' is a symbolic link (upload the real file)",
        "id": "berkas '{value}' adalah symbolic link (unggah berkas aslinya)",
    },
    "rule.photo_case": {
        "en": "'{value}' not found, but the folder has '{other}' (write the name exactly as the file is named, capitals included)",
        "id": "'{value}' tidak ditemukan, tetapi di folder ada '{other}' (tulis nama persis seperti nama berkasnya, termasuk huruf besar)",
    },
    "rule.photo_symlink": {
        "en": "photo '{value}' is a symbolic link (upload the real file)",
        "id": "foto '{value}' adalah tautan simbolik (unggah berkas aslinya)",
    },
    "rule.photo_unreadable": {
        "en": "photo '{value}' cannot be read: {problem} (export it again as JPEG, PNG or WebP)",
        "id": "foto '{value}' tidak bisa dibaca: {problem} (ekspor ulang sebagai JPEG, PNG atau WebP)",
    },
    "rule.photo_too_big": {
        "en": "photo '{value}' is {size}, more than {limit} (export it smaller, e.g. 2000 px on the long side)",
        "id": "foto '{value}' berukuran {size}, melebihi {limit} (ekspor lebih kecil, mis. 2000 px sisi terpanjang)",
    },
    "rule.photo_pixels": {
        "en": "photo '{value}' has more than {limit} megapixels (resize it to at most 4000 px on the long side)",
        "id": "foto '{value}' lebih dari {limit} megapiksel (perkecil hingga maksimal 4000 px sisi terpanjang)",
    },
    "rule.photo_format": {
        "en": "'{value}' is not a JPEG, PNG or WebP image (export it as JPEG)",
        "id": "'{value}' bukan gambar JPEG, PNG atau WebP (ekspor sebagai JPEG)",
    },
    "rule.photo_extension": {
        "en": "'{value}' is a {kind} image but is named {extension} (rename it with the right extension)",
        "id": "'{value}' adalah gambar {kind} tetapi berakhiran {extension} (ganti ekstensinya)",
    },
    "rule.first_photo_small": {
        "en": "photo '{value}' is only {size} px, and the first photo is the product's main picture and link preview; it needs at least {limit} px on the long side (upload the original, or put a larger photo first)",
        "id": "foto '{value}' hanya {size} px, padahal foto pertama adalah gambar utama dan pratinjau tautan; perlu minimal {limit} px di sisi terpanjang (unggah foto aslinya, atau taruh foto yang lebih besar di urutan pertama)",
    },
    "rule.photo_small": {
        "en": "photo '{value}' is only {size} px; buyers need at least {limit} px on the long side (upload the original)",
        "id": "foto '{value}' hanya {size} px; pembeli perlu minimal {limit} px di sisi terpanjang (unggah foto aslinya)",
    },
    "rule.photo_incomplete": {
        "en": "photo '{value}' cannot be read: the file is incomplete, cut off while uploading or copying (export it again as JPEG, PNG or WebP)",
        "id": "foto '{value}' tidak bisa dibaca: berkasnya tidak lengkap, terpotong saat diunggah atau disalin (ekspor ulang sebagai JPEG, PNG atau WebP)",
    },
    "rule.placeholder": {
        "en": "still holds the placeholder '{value}' from make new-product (write the real value here, or delete the line if the field is optional)",
        "id": "masih berisi isian sementara '{value}' dari make new-product (tulis isi yang sebenarnya di sini, atau hapus barisnya bila kolom ini tidak wajib)",
    },
    "rule.photo_location": {
        "en": "photo '{value}' records where it was taken ({tags}), and git keeps every committed photo forever (turn off the camera's location: Android: Camera → Settings → Location tags off; iPhone: Settings → Privacy & Security → Location Services → Camera → Never; then upload the photo again; or a maintainer runs: make strip-location FILES={file})",
        "id": "foto '{value}' menyimpan lokasi tempat foto diambil ({tags}), dan git menyimpan setiap foto yang di-commit selamanya (matikan lokasi kamera: Android: Kamera → Setelan → Tag lokasi mati; iPhone: Pengaturan → Privasi & Keamanan → Layanan Lokasi → Kamera → Jangan; lalu unggah ulang fotonya; atau pengelola menjalankan: make strip-location FILES={file})",
    },
    "rule.photo_damaged": {
        "en": "photo '{value}' cannot be read: the file is damaged (export it again as JPEG, PNG or WebP)",
        "id": "foto '{value}' tidak bisa dibaca: berkasnya rusak (ekspor ulang sebagai JPEG, PNG atau WebP)",
    },
    # Documents (certificates and analyses as PDF): generator/documents.py
    "rule.document_too_big": {
        "en": "document '{value}' is {size}, more than {limit} (save it again as a smaller PDF, e.g. scanned at 200 dpi, or upload a photo of the certificate)",
        "id": "dokumen '{value}' berukuran {size}, melebihi {limit} (simpan ulang sebagai PDF yang lebih kecil, mis. dipindai 200 dpi, atau unggah foto sertifikatnya)",
    },
    "rule.document_format": {
        "en": "document '{value}' is not a PDF (save or print it as PDF, or upload a photo of the certificate as JPEG)",
        "id": "dokumen '{value}' bukan PDF (simpan atau cetak sebagai PDF, atau unggah foto sertifikatnya sebagai JPEG)",
    },
    "rule.document_extension": {
        "en": "'{value}' is a {kind} file but is named {extension} (rename it: .pdf for a PDF, .jpg, .png or .webp for a photo)",
        "id": "'{value}' adalah berkas {kind} tetapi berakhiran {extension} (ganti namanya: .pdf untuk PDF, .jpg, .png atau .webp untuk foto)",
    },
    "rule.document_encrypted": {
        "en": "document '{value}' needs a password to open, so it cannot be checked or published (save a copy without a password, or ask the issuer for one)",
        "id": "dokumen '{value}' perlu kata sandi untuk dibuka, jadi tidak bisa diperiksa atau diterbitkan (simpan salinan tanpa kata sandi, atau minta ke penerbitnya)",
    },
    "rule.document_incomplete": {
        "en": "document '{value}' cannot be read: the file is incomplete, cut off while downloading, uploading or copying (download or copy it again)",
        "id": "dokumen '{value}' tidak bisa dibaca: berkasnya tidak lengkap, terpotong saat diunduh, diunggah atau disalin (unduh atau salin ulang)",
    },
    "rule.document_damaged": {
        "en": "document '{value}' cannot be read: the file is damaged (open it and save or print it again as PDF)",
        "id": "dokumen '{value}' tidak bisa dibaca: berkasnya rusak (buka lalu simpan atau cetak ulang sebagai PDF)",
    },
    "rule.document_pages": {
        "en": "document '{value}' has {pages} pages, more than {limit} (upload only the certificate or analysis pages)",
        "id": "dokumen '{value}' berisi {pages} halaman, melebihi {limit} (unggah hanya halaman sertifikat atau hasil analisisnya)",
    },
    "rule.document_page_size": {
        "en": "document '{value}': page {page} measures {size}, more than {limit} on a side (save it again on A4 or Letter paper)",
        "id": "dokumen '{value}': halaman {page} berukuran {size}, sisinya melebihi {limit} (simpan ulang di kertas A4 atau Letter)",
    },
    "rule.document_page_shape": {
        "en": "document '{value}': page {page} measures {size}, more than {limit} times as long as it is wide (save it again on A4 or Letter paper)",
        "id": "dokumen '{value}': halaman {page} berukuran {size}, panjangnya lebih dari {limit} kali lebarnya (simpan ulang di kertas A4 atau Letter)",
    },
    "rule.document_image_pixels": {
        "en": "document '{value}' holds a picture of more than {limit} megapixels (scan it again at 300 dpi or less)",
        "id": "dokumen '{value}' memuat gambar lebih dari {limit} megapiksel (pindai ulang dengan 300 dpi atau kurang)",
    },
    "rule.document_unpacked": {
        "en": "document '{value}' unpacks to more than {limit}, as no real certificate does (open it and save or print it again as PDF)",
        "id": "dokumen '{value}' membesar menjadi lebih dari {limit} saat dibuka, tidak seperti sertifikat sungguhan (buka lalu simpan atau cetak ulang sebagai PDF)",
    },
    # Videos (a product's short film, MP4 or WebM): generator/videos.py
    "rule.video_too_big": {
        "en": "video '{value}' is {size}, more than {limit} (export it again at 720p, or cut it shorter)",
        "id": "video '{value}' berukuran {size}, melebihi {limit} (ekspor ulang dengan 720p, atau potong lebih pendek)",
    },
    "rule.video_too_long": {
        "en": "video '{value}' lasts {duration}, longer than {limit} (cut it to the best minute: buyers on a phone watch a short look at the product)",
        "id": "video '{value}' berdurasi {duration}, lebih lama dari {limit} (potong jadi satu menit terbaik: pembeli di ponsel menonton sekilas produknya)",
    },
    "rule.video_format": {
        "en": "'{value}' is not an MP4 or WebM video (export or convert it to MP4, e.g. with the phone's video editor or HandBrake)",
        "id": "'{value}' bukan video MP4 atau WebM (ekspor atau ubah ke MP4, mis. dengan penyunting video di ponsel atau HandBrake)",
    },
    "rule.video_kind": {
        "en": "'{value}' is a {kind} file, not an MP4 or WebM video that every browser plays (convert it to MP4, e.g. with HandBrake)",
        "id": "'{value}' adalah berkas {kind}, bukan video MP4 atau WebM yang bisa diputar semua peramban (ubah ke MP4, mis. dengan HandBrake)",
    },
    "rule.video_codec": {
        "en": "video '{value}' is encoded as {codec}, which some browsers and phones cannot play (export it again as MP4 with H.264, e.g. 'Most compatible' on an iPhone or HandBrake's Fast 720p)",
        "id": "video '{value}' dikodekan sebagai {codec}, yang tidak bisa diputar sebagian peramban dan ponsel (ekspor ulang sebagai MP4 dengan H.264, mis. 'Paling Kompatibel' di iPhone atau Fast 720p di HandBrake)",
    },
    "rule.video_extension": {
        "en": "'{value}' is a {kind} video but is named {extension} (rename it: .mp4 for MP4, .webm for WebM)",
        "id": "'{value}' adalah video {kind} tetapi berakhiran {extension} (ganti namanya: .mp4 untuk MP4, .webm untuk WebM)",
    },
    "rule.video_incomplete": {
        "en": "video '{value}' cannot be read: the file is incomplete, cut off while uploading or copying (copy or upload it again)",
        "id": "video '{value}' tidak bisa dibaca: berkasnya tidak lengkap, terpotong saat diunggah atau disalin (salin atau unggah ulang)",
    },
    "rule.video_damaged": {
        "en": "video '{value}' cannot be read: the file is damaged ({problem}) (export it again as MP4)",
        "id": "video '{value}' tidak bisa dibaca: berkasnya rusak ({problem}) (ekspor ulang sebagai MP4)",
    },
    "rule.video_no_duration": {
        "en": "video '{value}' does not say how long it is, as a recording made in a browser or a stream does (export it again as MP4)",
        "id": "video '{value}' tidak mencantumkan durasinya, seperti rekaman dari peramban atau siaran (ekspor ulang sebagai MP4)",
    },
    "rule.cert_expired": {
        "en": "certificate {value} expired on {date} and is no longer shown on the site (renew it and update number and valid_until, or remove it from the list)",
        "id": "sertifikat {value} kedaluwarsa pada {date} dan tidak lagi ditampilkan di situs (perpanjang lalu perbarui number dan valid_until, atau hapus dari daftar)",
    },
    "rule.cert_expiring": {
        "en": "certificate {value} expires on {date}, in {days} days (start the renewal)",
        "id": "sertifikat {value} kedaluwarsa pada {date}, {days} hari lagi (segera perpanjang)",
    },
    "rule.stale_facts": {
        "en": "facts last verified on {date}, more than a year ago (check them with the BUMDes and update 'verified')",
        "id": "data terakhir diverifikasi pada {date}, lebih dari setahun lalu (cek ke BUMDes lalu perbarui 'verified')",
    },
    "rule.verified_future": {
        "en": "verified date {date} is in the future (use the date you checked the facts)",
        "id": "tanggal verifikasi {date} ada di masa depan (pakai tanggal saat data dicek)",
    },
    "rule.unknown_agent": {
        "en": "agent '{value}' is not defined in site_config.yml (use one of: {allowed})",
        "id": "agen '{value}' tidak ada di site_config.yml (pakai salah satu: {allowed})",
    },
    "rule.unsafe_markup": {
        "en": "HTML is not allowed in text ({value}); use plain Markdown (**bold**, lists, links)",
        "id": "HTML tidak diizinkan dalam teks ({value}); gunakan Markdown biasa (**tebal**, daftar, tautan)",
    },
    "rule.unsafe_link": {
        "en": "link '{value}' is not allowed (only https:// links)",
        "id": "tautan '{value}' tidak diizinkan (hanya tautan https://)",
    },
    "rule.gacc_for_china": {
        "en": "food for China (CN in markets) needs a GACC registration number (add 'gacc_registration')",
        "id": "pangan untuk Tiongkok (CN di markets) memerlukan nomor registrasi GACC (tambahkan 'gacc_registration')",
    },
    "rule.language_strings": {
        "en": "language '{value}' has no strings file theme/strings/{value}.yml (copy en.yml and translate it)",
        "id": "bahasa '{value}' tidak punya berkas theme/strings/{value}.yml (salin en.yml lalu terjemahkan)",
    },
    # Building
    "build.done": {
        "en": "built {pages} pages in {languages} languages ({cached} unchanged, from cache); photos: {processed} processed, {reused} reused from cache; link-preview cards: {cards_drawn} drawn, {cards_reused} reused from cache",
        "id": "{pages} halaman dalam {languages} bahasa selesai dibuat ({cached} tidak berubah, dari cache); foto: {processed} diproses, {reused} dari cache; kartu pratinjau tautan: {cards_drawn} dibuat, {cards_reused} dari cache",
    },
    "build.mkdocs_failed": {
        "en": "MkDocs could not build this language; the previous site/ was kept: {problem}",
        "id": "MkDocs gagal membangun bahasa ini; site/ sebelumnya tetap dipakai: {problem}",
    },
    "build.shell_broken": {
        "en": "a page shell came out of MkDocs without a value's placeholder, so product, BUMDes, category and region pages cannot be made from it; the previous site/ was kept: {problem} (a change in theme/overrides or in Material drops a value: see generator/shells.py)",
        "id": "cetakan halaman keluar dari MkDocs tanpa penanda nilainya, jadi halaman produk, BUMDes, kategori dan wilayah tidak bisa dibuat darinya; site/ sebelumnya tetap dipakai: {problem} (perubahan di theme/overrides atau Material membuang sebuah nilai: lihat generator/shells.py)",
    },
    "build.card_glyphs": {
        "en": "the link-preview card in this language leaves out {chars}: the card font (theme/fonts, made by scripts/subset_fonts.py) has no glyph for it (write the name with other characters, or add them to the font's subset)",
        "id": "kartu pratinjau tautan dalam bahasa ini tidak memuat {chars}: fon kartu (theme/fonts, dibuat oleh scripts/subset_fonts.py) tidak punya glifnya (tulis nama dengan karakter lain, atau tambahkan ke subset fon)",
    },
    "build.document_failed": {
        "en": "this document could not be published; the previous site/ was kept: {problem} (run make check again)",
        "id": "dokumen ini gagal diterbitkan; site/ sebelumnya tetap dipakai: {problem} (jalankan make check lagi)",
    },
    "build.video_failed": {
        "en": "this video could not be published; the previous site/ was kept: {problem} (run make check again)",
        "id": "video ini gagal diterbitkan; site/ sebelumnya tetap dipakai: {problem} (jalankan make check lagi)",
    },
    "build.photo_failed": {
        "en": "this photo could not be encoded; the previous site/ was kept: {problem} (run make check again)",
        "id": "foto ini gagal diproses; site/ sebelumnya tetap dipakai: {problem} (jalankan make check lagi)",
    },
    "build.search_failed": {
        "en": "the search index could not be built; the previous site/ was kept: {problem}",
        "id": "indeks pencarian gagal dibuat; site/ sebelumnya tetap dipakai: {problem}",
    },
    "info.written": {
        "en": "written",
        "id": "ditulis",
    },
    "info.created": {
        "en": "created: fill in the {count} places marked TODO listed below, put the photo {photo} into {folder}, then run 'make check' (and 'make serve BUMDES={bumdes}' to see the page)",
        "id": "dibuat: isi {count} tempat bertanda TODO di bawah ini, taruh foto {photo} di {folder}, lalu jalankan 'make check' (dan 'make serve BUMDES={bumdes}' untuk melihat halamannya)",
    },
    "scaffold.fill": {
        "en": "fill in here: replace '{value}'",
        "id": "isi di sini: ganti '{value}'",
    },
    "scaffold.exists": {
        "en": "already exists; choose another product id (nothing was changed)",
        "id": "sudah ada; pilih id produk lain (tidak ada yang diubah)",
    },
    "scaffold.no_bumdes": {
        "en": "no BUMDes folder '{value}' (existing: {allowed})",
        "id": "tidak ada folder BUMDes '{value}' (yang ada: {allowed})",
    },
    "scaffold.bad_id": {
        "en": "'{value}' is not a valid id (lower-case letters, digits and single hyphens)",
        "id": "'{value}' bukan id yang valid (huruf kecil, angka dan tanda hubung tunggal)",
    },
    # Issue forms: a submitted form turned into catalog files (python -m generator intake)
    "intake.heading_missing": {
        "en": "this question's answer is missing: its heading was removed or changed (edit the issue and put back the line '### {label}', or open a new issue with the form)",
        "id": "jawaban pertanyaan ini tidak ada: judulnya terhapus atau berubah (sunting isu dan kembalikan baris '### {label}', atau buka isu baru dengan formulir)",
    },
    "intake.heading_twice": {
        "en": "the line '### {label}' appears more than once, so the answers cannot be told apart (an answer may not repeat a question of the form: remove that line from your answer)",
        "id": "baris '### {label}' muncul lebih dari sekali, jadi jawaban tidak bisa dipisahkan (jawaban tidak boleh mengulang pertanyaan formulir: hapus baris itu dari jawaban Anda)",
    },
    "intake.choice": {
        "en": "'{value}' is not one of the choices of this question (choose one of: {allowed})",
        "id": "'{value}' bukan salah satu pilihan pertanyaan ini (pilih salah satu: {allowed})",
    },
    "intake.consent": {
        "en": "the consent box is not ticked: the catalog publishes a BUMDes' facts and photos only with its agreement (edit the issue and tick it)",
        "id": "kotak persetujuan belum dicentang: katalog hanya menerbitkan data dan foto BUMDes dengan persetujuannya (sunting isu lalu centang)",
    },
    "intake.line": {
        "en": "line '{value}' is not written as '{expected}' (one line each)",
        "id": "baris '{value}' tidak ditulis seperti '{expected}' (satu baris untuk masing-masing)",
    },
    "intake.photo_host": {
        "en": "'{value}' is not a photo uploaded to GitHub, so it is not downloaded (drag the photo file itself into the Photos box)",
        "id": "'{value}' bukan foto yang diunggah ke GitHub, jadi tidak diunduh (seret berkas fotonya sendiri ke kotak Foto)",
    },
    "intake.photo_redirect": {
        "en": "GitHub sent this photo on to '{value}', which is not GitHub's own storage, so it was not downloaded (upload the photo again)",
        "id": "GitHub meneruskan foto ini ke '{value}', yang bukan penyimpanan GitHub sendiri, jadi tidak diunduh (unggah ulang fotonya)",
    },
    "intake.photo_download": {
        "en": "this photo could not be downloaded: {problem} (edit the issue and save it to try again, or upload the photo again)",
        "id": "foto ini tidak bisa diunduh: {problem} (sunting isu lalu simpan untuk mencoba lagi, atau unggah ulang fotonya)",
    },
    "intake.photo_too_big": {
        "en": "this photo is {size}, more than {limit} (export it smaller, about 2000 px on the long side, and upload it again)",
        "id": "foto ini berukuran {size}, melebihi {limit} (ekspor lebih kecil, sekitar 2000 px sisi terpanjang, lalu unggah ulang)",
    },
    "intake.photo_format": {
        "en": "this file is not a JPEG, PNG or WebP photo (export it as JPEG and upload it again)",
        "id": "berkas ini bukan foto JPEG, PNG atau WebP (ekspor sebagai JPEG lalu unggah ulang)",
    },
    "intake.photo_damaged": {
        "en": "this photo cannot be read: {problem} (export it again as JPEG and upload it again)",
        "id": "foto ini tidak bisa dibaca: {problem} (ekspor ulang sebagai JPEG lalu unggah ulang)",
    },
    "intake.too_many_photos": {
        "en": "more than {limit} photos (keep the best {limit} and remove the others)",
        "id": "lebih dari {limit} foto (simpan {limit} foto terbaik dan hapus yang lain)",
    },
    "intake.photo_text": {
        "en": "the text before the first photo is not used (write each description on the line under its photo)",
        "id": "teks sebelum foto pertama tidak dipakai (tulis keterangan setiap foto di baris di bawah fotonya)",
    },
    "intake.bad_id": {
        "en": "'{value}' is not a valid id (lower-case letters, digits and single hyphens: write {suggestion}); the other answers were checked as if it were",
        "id": "'{value}' bukan id yang valid (huruf kecil, angka dan tanda hubung tunggal: tulis {suggestion}); jawaban lain sudah diperiksa seolah-olah id-nya itu",
    },
    "intake.exists": {
        "en": "'{value}' is already in the catalog (choose another id; to change what is there, ask a maintainer); the other answers were checked under a stand-in id",
        "id": "'{value}' sudah ada di katalog (pilih id lain; untuk mengubah yang sudah ada, hubungi pengelola); jawaban lain sudah diperiksa dengan id sementara",
    },
    "intake.no_photo": {
        "en": "no photo: the product's page will say 'no photo yet', and buyers ask about products they can see (edit this issue and add photos to the Photos answer; the check runs again)",
        "id": "tidak ada foto: halaman produk akan bertuliskan 'Belum ada foto', padahal pembeli lebih percaya produk yang terlihat (sunting isu ini dan tambahkan foto di jawaban Foto; pemeriksaan berjalan lagi)",
    },
    "intake.pattern_hs": {
        "en": "'{value}' is not an HS code (4, 6, 8, 9 or 10 digits, e.g. 121190)",
        "id": "'{value}' bukan kode HS (4, 6, 8, 9 atau 10 digit, mis. 121190)",
    },
    "intake.pattern_nib": {
        "en": "'{value}' is not an NIB (13 digits, as on the NIB certificate)",
        "id": "'{value}' bukan NIB (13 digit, seperti di sertifikat NIB)",
    },
    "intake.pattern_village": {
        "en": "'{value}' is not a Kemendagri village code (10 digits, written like 72.10.01.2009)",
        "id": "'{value}' bukan kode desa Kemendagri (10 digit, ditulis seperti 72.10.01.2009)",
    },
    "intake.village_suggestions": {
        "en": "the village may be: {suggestions} (copy the right code into this answer, or search the village-code page, kontributor/kode-desa/)",
        "id": "desanya mungkin: {suggestions} (salin kode yang benar ke jawaban ini, atau cari di halaman kode desa, kontributor/kode-desa/)",
    },
    "intake.price_missing": {
        "en": "a price that is not on request needs these answers too: {questions} (or answer Ya / Yes to “price on request”)",
        "id": "harga yang bukan atas permintaan perlu jawaban ini juga: {questions} (atau jawab Ya / Yes pada “harga atas permintaan”)",
    },
    "intake.price_extra": {
        "en": "the price is on request, so leave these empty (write -): {questions} (or answer Tidak / No to give a price)",
        "id": "harga atas permintaan, jadi kosongkan (tulis -) jawaban ini: {questions} (atau jawab Tidak / No untuk mencantumkan harga)",
    },
    "intake.unknown_term": {
        "en": "'{value}' is not one of the catalog's choices here (choose one of: {allowed})",
        "id": "'{value}' bukan pilihan yang dikenal katalog di sini (pilih salah satu: {allowed})",
    },
    "intake.gacc_for_china": {
        "en": "food for China (CN among the markets) needs the GACC registration number (answer that question)",
        "id": "pangan untuk Tiongkok (CN di pasar ekspor) memerlukan nomor registrasi GACC (isi pertanyaan itu)",
    },
    "intake.range": {
        "en": "the longest ({max}) is shorter than the shortest ({min}) (swap the two answers)",
        "id": "yang paling lama ({max}) lebih kecil dari yang paling cepat ({min}) (tukar kedua jawaban)",
    },
    "intake.phone_in_text": {
        "en": "'{value}' looks like a phone number: the issue and the catalog are public (delete it unless it is meant for everyone; buyers reach the dealer through the catalog)",
        "id": "'{value}' tampak seperti nomor telepon: isu dan katalog bisa dibaca siapa saja (hapus, kecuali memang untuk umum; pembeli menghubungi dealer lewat katalog)",
    },
    "intake.lead_time_span": {
        "en": "'{value}' holds both numbers: write {min} under “Shortest lead time” and {max} under “Longest lead time”",
        "id": "'{value}' berisi dua angka: tulis {min} pada “Waktu siap paling cepat” dan {max} pada “Waktu siap paling lama”",
    },
    "intake.read_as": {
        "en": "'{value}' read as {read}",
        "id": "'{value}' dibaca sebagai {read}",
    },
    "intake.bumdes_by_name": {
        "en": "'{value}' read as the BUMDes {bumdes} (next time write its id, the end of its page's address: …/bumdes/{bumdes}/)",
        "id": "'{value}' dibaca sebagai BUMDes {bumdes} (lain kali tulis id-nya, ujung alamat halamannya: …/bumdes/{bumdes}/)",
    },
    "intake.bumdes_unknown": {
        "en": "'{value}' is not the id of a BUMDes in the catalog (did you mean {suggestions}? The id is the end of the BUMDes page's address: …/bumdes/<id>/. A new BUMDes: send the form 'BUMDes baru / New BUMDes' first)",
        "id": "'{value}' bukan id BUMDes di katalog (maksud Anda {suggestions}? Id adalah ujung alamat halaman BUMDes: …/bumdes/<id>/. BUMDes baru: kirim dulu formulir 'BUMDes baru / New BUMDes')",
    },
    "intake.no_bumdes": {
        "en": "there is no BUMDes '{value}' in the catalog (check the folder name under products/, or send the form 'BUMDes baru / New BUMDes' first and wait until it is merged)",
        "id": "belum ada BUMDes '{value}' di katalog (periksa nama folder di products/, atau kirim dulu formulir 'BUMDes baru / New BUMDes' dan tunggu sampai digabungkan)",
    },
    # Location metadata in photos (python -m generator strip-location)
    "metadata.removed": {
        "en": "location metadata removed: {tags}",
        "id": "metadata lokasi dihapus: {tags}",
    },
    "metadata.none": {
        "en": "no location metadata; other metadata removed where there was any",
        "id": "tidak ada metadata lokasi; metadata lain dihapus bila ada",
    },
    "metadata.found": {
        "en": "the photo says where it was taken: {tags} (remove it: make strip-location FILES=<this file>)",
        "id": "foto ini menyimpan lokasi pengambilannya: {tags} (hapus: make strip-location FILES=<berkas ini>)",
    },
    "metadata.not_photo": {
        "en": "not a JPEG, PNG or WebP image (nothing was changed)",
        "id": "bukan gambar JPEG, PNG atau WebP (tidak ada yang diubah)",
    },
    "metadata.damaged": {
        "en": "the photo's structure cannot be followed, so nothing was changed: {problem} (export it again as JPEG)",
        "id": "struktur foto tidak bisa dibaca, jadi tidak ada yang diubah: {problem} (ekspor ulang sebagai JPEG)",
    },
}
