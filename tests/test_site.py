"""The static public site: what a bake writes, in public mode, byte for byte the same each time."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

from koperasi_data import access, cli, images, site, views
from koperasi_data.load import read_descriptor
from koperasi_data.site import render
from koperasi_data.store import Store

from tests.conftest import FIRST_BAKE, SITE_URL as URL  # noqa: E402  (the session's bake, tests/conftest.py)
SECOND_BAKE = dt.datetime(2026, 12, 2, 4, 30, tzinfo=dt.UTC)

VIEW_SCHEMA = {
    "type": "object",
    "required": ["slug", "title", "finding", "unit", "sources", "status", "licence", "data_version", "generated",
                 "url", "csv"],
    "properties": {
        "slug": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
        "title": {"type": "string", "minLength": 10},
        "finding": {"type": "string", "minLength": 10},
        "unit": {"type": "string", "minLength": 1},
        "status": {"enum": ["resmi", "turunan", "ditandai", "ilustratif"]},
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["publisher", "url", "date", "period", "status"],
            "properties": {"publisher": {"type": "string", "minLength": 1}, "url": {"type": "string"},
                           "date": {"type": "string", "pattern": r"^(\d{4}-\d{2}-\d{2})?$"}}}},
        "licence": {"type": "object", "required": ["name", "url"], "properties": {"name": {"const": "CC-BY-4.0"}}},
        "data_version": {"type": "object", "required": ["dataset", "register_version"],
                         "properties": {"dataset": {"type": "string", "pattern": "publik$"}}},
        "generated": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "pattern": "^https://data\\.contoh\\.go\\.id/koperasi/grafik/"},
        "csv": {"type": "string", "pattern": "\\.csv$"},
    },
}


class _Page(HTMLParser):
    """The parts of a baked page the tests read: text, tables, scripts, links, figures."""

    def __init__(self):
        super().__init__()
        self.text: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.scripts: list[dict] = []
        self.links: list[dict] = []
        self.figures: list[str] = []
        self.meta: dict[str, str] = {}
        self._cell: list[str] | None = None
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "script":
            self._script = {**attrs, "text": ""}
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        if "data-figure" in attrs:
            self.figures.append(attrs["data-figure"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _number(text: str) -> float | None:
    """An Indonesian number as shown ('257.481', '96,2', 'Rp1,5 miliar' is not one); None if the cell is not."""
    # An approximate figure carries the word its source used ("sekitar 500", "lebih dari 49.000").
    cleaned = re.sub(r"^(sekitar|hampir|lebih dari|kurang lebih)\s+", "", text.strip())
    cleaned = cleaned.replace(".", "").replace(",", ".").replace("%", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        return None


@pytest.fixture(scope="module")
def store_url(site_store_url) -> str:
    return site_store_url


@pytest.fixture(scope="module")
def previews() -> bool:
    return images.chromium_available()


@pytest.fixture(scope="module")
def baked(baked_site):
    """The session's bake (tests/conftest.py), shared with the browser tests of the site."""
    return baked_site


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# Pages and numbers -----------------------------------------------------------------------


def test_every_year_with_published_figures_gets_every_page_and_the_home_is_the_latest(baked):
    out = baked.out
    assert baked.years[0] == 2016 and baked.latest_year in baked.years
    for year in baked.years:
        for page in ("", "koperasi/", "sertifikasi/", "kemitraan/", "umkm/"):
            assert (out / str(year) / page / "index.html").is_file(), (year, page)
    home = parse(out / "index.html")
    assert home.meta["og:url"] == f"{URL}{baked.latest_year}/"
    assert f"Ringkasan {baked.latest_year}" in " ".join(home.text)


@pytest.mark.parametrize("path, figures", [
    ("2016/index.html", ["585", "563", "22", "195.554", "257.481"]),
    ("2016/koperasi/index.html", ["585", "563", "22"]),
    ("2016/umkm/index.html", ["195.554", "257.481"]),
])
def test_2016_pages_show_the_published_figures_as_text(baked, path, figures):
    text = " ".join(parse(baked.out / path).text)
    for figure in figures:
        assert re.search(rf"(?<![\d.]){re.escape(figure)}(?![\d.])", text), figure


def test_a_page_carries_only_its_own_figures_and_loads_scripts_from_the_site(baked):
    for path in _html_files(baked.out):
        page = parse(path)
        data = [s["id"] for s in page.scripts if s.get("type") == "application/json"]
        assert sorted(data) == sorted(page.figures), path
        for script in page.scripts:
            assert not script.get("src", "").startswith(("http:", "https:", "//")), path
        for link in page.links:
            if link.get("rel") == "stylesheet":
                assert not link["href"].startswith(("http:", "https:", "//")), path
        sources = [s.get("src", "") for s in page.scripts if s.get("src")]
        assert bool(page.figures) == any("plotly" in s for s in sources), path


def test_figure_json_is_stable_and_cannot_close_its_script_element(baked):
    text = (baked.out / "2016" / "index.html").read_text(encoding="utf-8")
    for body in re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', text, re.S):
        assert "<" not in body
        spec = json.loads(body)
        assert all("uid" not in trace for trace in spec["data"])
        assert spec["layout"]["separators"] == ",."


def test_script_json_escapes_markup():
    assert render.script_json({"t": "</script><b>&"}) == '{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'


# One page per view ------------------------------------------------------------------------


def test_every_view_has_its_page_embed_csv_and_json(baked, previews):
    assert baked.views
    for slug in baked.views:
        folder = baked.out / "grafik" / slug
        for name in ("index.html", "embed.html", f"{slug}.csv", f"{slug}.json"):
            assert (folder / name).is_file(), (slug, name)
        page = parse(folder / "index.html")
        assert any("<iframe" in t and f"{URL}grafik/{slug}/embed.html" in t for t in page.text), slug
        if previews and page.figures:
            assert (folder / f"{slug}.png").read_bytes().startswith(b"\x89PNG")
            assert page.meta["og:image"] == f"{URL}grafik/{slug}/{slug}.png"
        embed = parse(folder / "embed.html")
        assert not (folder / "embed.html").read_text(encoding="utf-8").count('aria-label="Halaman"')
        assert embed.meta["robots"] == "noindex"


def test_every_view_csv_is_the_built_view_csv_and_equals_its_table(baked, store_url):
    dataset = access.public_dataset(Store(store_url).dataset())
    for slug in baked.views:
        folder = baked.out / "grafik" / slug
        csv = (folder / f"{slug}.csv").read_bytes()
        built = views.build(slug, dataset, views.Filters(year=baked.latest_year))
        assert csv == built.csv, slug
        frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", keep_default_na=False)
        table = parse(folder / "index.html").tables[0]
        header, rows = table[0], table[1:]
        assert len(header) == len(frame.columns), slug
        assert len(rows) == len(frame), slug
        for column_index, column in enumerate(frame.columns):
            if not pd.api.types.is_numeric_dtype(frame[column]) or str(column).startswith("tahun"):
                continue
            shown = [_number(row[column_index]) for row in rows]
            for value, cell in zip(frame[column], shown):
                if pd.isna(value):
                    continue
                assert cell == pytest.approx(float(value), abs=0.051), (slug, column)


def test_every_view_json_validates_against_the_schema(baked):
    validator = jsonschema.Draft202012Validator(VIEW_SCHEMA, format_checker=jsonschema.FormatChecker())
    for slug in baked.views:
        metadata = json.loads((baked.out / "grafik" / slug / f"{slug}.json").read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(metadata)]
        assert not errors, (slug, errors)
        assert metadata["slug"] == slug


def test_the_view_schema_rejects_a_json_without_sources_or_licence():
    validator = jsonschema.Draft202012Validator(VIEW_SCHEMA)
    assert not validator.is_valid({"slug": "x", "title": "Judul yang cukup", "sources": []})


# Open data -------------------------------------------------------------------------------


def test_the_data_package_zip_validates_with_frictionless_and_has_no_internal_column(baked, tmp_path):
    import frictionless

    with zipfile.ZipFile(baked.out / "sumber" / site.PACKAGE_ZIP) as archive:
        archive.extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    internal = access.internal_fields(read_descriptor())
    assert internal
    for resource, columns in internal.items():
        header = (tmp_path / f"{resource}.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert not set(columns) & set(header)


def test_the_zip_is_the_same_bytes_for_the_same_files():
    files = {"a.csv": b"x\n1\n", "datapackage.json": b"{}"}
    assert site.deterministic_zip(files) == site.deterministic_zip(dict(files))


def test_open_data_page_has_dictionary_licence_citation_and_changelog(baked):
    page = parse(baked.out / "sumber" / "index.html")
    text = " ".join(page.text)
    assert "Kamus data" in text and "Kutip sebagai" in text and "Creative Commons Attribution 4.0" in text
    assert "Versi #1" in text and "data bawaan" in text and "koperasi 585" in text


def test_changelog_and_pages_show_no_user_or_file_names_and_escape_notes(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = Store(url)
    dataset = store.dataset()
    store.import_tables({"koperasi": dataset["koperasi"]}, user_name="budi-rahasia", file_name="register-rahasia.xlsx",
                        file_sha256="0" * 64, note="Register November <script>alert(1)</script>",
                        data_date=dt.date(2026, 11, 1))
    report = site.bake(tmp_path / "situs", store.dataset(), store.versions(), url=URL, with_previews=False)
    names = pd.read_csv(Path("data") / "koperasi.csv", dtype=str)
    internal = [c for c in access.internal_fields(read_descriptor())["koperasi"] if c in names]
    secrets = ["budi-rahasia", "register-rahasia", *names[internal[0]].dropna().head(20)]
    for name in report.files:
        data = (report.out / name).read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (name, secret)
    page = (report.out / "sumber" / "index.html").read_text(encoding="utf-8")
    assert "Register November &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Versi #2" in page and "<script>alert" not in page


def test_sitemap_lists_every_page_at_its_public_address_and_robots_points_to_it(baked):
    sitemap = (baked.out / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert f"{URL}" in locations and f"{URL}2016/koperasi/" in locations and f"{URL}sumber/" in locations
    assert {f"{URL}grafik/{slug}/" for slug in baked.views} <= set(locations)
    assert not any(loc.endswith("embed.html") for loc in locations)
    assert f"Sitemap: {URL}sitemap.xml" in (baked.out / "robots.txt").read_text(encoding="utf-8")


# Determinism and the command --------------------------------------------------------------


def test_baking_twice_gives_the_same_bytes_except_the_one_stamp(baked, store_url, previews, tmp_path):
    store = Store(store_url)
    again = site.bake(tmp_path / "dua", store.dataset(), store.versions(), url=URL, generated_at=SECOND_BAKE,
                      with_previews=previews)
    assert sorted(again.files) == sorted(baked.files)
    differing = [name for name in baked.files
                 if (baked.out / name).read_bytes() != (again.out / name).read_bytes()]
    assert sorted(differing) == ["en/sumber/index.html", "sumber/index.html"]
    for name, stamp in (("sumber/index.html", "Situs dibangun pada"), ("en/sumber/index.html", "Site built on")):
        first = (baked.out / name).read_text(encoding="utf-8").splitlines()
        second = (again.out / name).read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(first, second) if a != b]
        assert len(changed) == 1 and stamp in changed[0][0], name


def test_a_second_bake_into_the_same_folder_removes_files_it_no_longer_writes(baked, store_url, tmp_path):
    store = Store(store_url)
    out = tmp_path / "situs"
    shutil.copytree(baked.out, out)  # a folder a first bake wrote (baking it again here would double the time)
    (out / "grafik" / "lama").mkdir()
    (out / "grafik" / "lama" / "lama.csv").write_text("x\n")
    site.bake(out, store.dataset(), store.versions(), url=URL, with_previews=False)
    assert not (out / "grafik" / "lama").exists()


def test_baking_refuses_a_folder_that_holds_other_files(tmp_path, store_url):
    (tmp_path / "penting.txt").write_text("jangan hapus")
    store = Store(store_url)
    with pytest.raises(site.NotASiteFolder):
        site.bake(tmp_path, store.dataset(), store.versions(), with_previews=False)
    assert (tmp_path / "penting.txt").read_text() == "jangan hapus"


def test_bake_without_chromium_skips_previews_with_a_note(tmp_path, store_url, monkeypatch):
    monkeypatch.setattr(images, "chromium_available", lambda: False)
    store = Store(store_url)
    report = site.bake(tmp_path / "situs", store.dataset(), store.versions(), url=URL)
    assert report.previews == 0 and report.notes == [site.PNG_SKIPPED]
    assert not list(report.out.rglob("*.png"))
    assert "og:image" not in parse(report.out / "grafik" / report.views[0] / "index.html").meta


def test_cli_site_bakes_the_current_version(tmp_path, store_url, capsys, monkeypatch):
    monkeypatch.setenv(site.SITE_URL_VARIABLE, URL)
    assert cli.main(["site", str(tmp_path / "situs"), "--no-png", "--database", store_url]) == 0
    printed = capsys.readouterr().out
    assert re.search(r"\d+ halaman, \d+ grafik", printed) and URL in printed
    assert (tmp_path / "situs" / "index.html").is_file()
    (tmp_path / "lain").mkdir()
    (tmp_path / "lain" / "x.txt").write_text("x")
    assert cli.main(["site", str(tmp_path / "lain"), "--no-png", "--database", store_url]) == 1


@pytest.mark.parametrize("explicit, environ, expected", [
    ("https://a.id/situs", {}, "https://a.id/situs/"),
    (None, {"KOPERASI_SITE_URL": "https://b.id/"}, "https://b.id/"),
    (None, {}, site.DEFAULT_BASE_URL),
])
def test_base_url_comes_from_the_option_then_the_environment(explicit, environ, expected):
    assert site.base_url(explicit, environ) == expected


# The app links to the site ---------------------------------------------------------------


def _app_markdown(page: str) -> str:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=60)
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return "\n".join(m.value for m in app.markdown)


def test_each_app_chart_links_to_its_static_page_when_the_site_url_is_set(monkeypatch):
    monkeypatch.setenv(site.SITE_URL_VARIABLE, "https://data.contoh.go.id/koperasi")
    from tests.test_pages import chart_slugs_drawn, every_tab, markdown_text

    seen = set()
    # Maps sit in tabs beside their bar chart and are drawn when their tab is chosen: every tab in turn.
    for app in every_tab("pages/umkm.py"):
        linked = re.findall(r"\[Tautan permanen\]\(https://data\.contoh\.go\.id/koperasi/grafik/([^/)]+)/\)",
                            markdown_text(app))
        assert linked == chart_slugs_drawn(app)
        seen |= set(linked)
    assert seen == set(views.chart_slugs("umkm"))


def test_the_app_shows_no_permanent_link_without_a_site_url(monkeypatch):
    monkeypatch.delenv(site.SITE_URL_VARIABLE, raising=False)
    assert "Tautan permanen" not in _app_markdown("pages/umkm.py")


def test_a_long_view_table_on_the_site_shows_its_first_rows_and_the_note(dataset, values, monkeypatch):
    from koperasi_data import views
    from koperasi_data.site import render

    monkeypatch.setattr(views, "DISPLAY_ROWS", 50)
    built = views.build("data-koperasi", dataset, views.Filters(2016), values)
    shown = render.view_table(built)
    assert len(shown.rows) == 50 and shown.count == len(built.table) > 50
    assert shown.note == built.display_note and shown.note.startswith("Menampilkan 50 dari ")
    html = str(render.environment().get_template("_macros.html").module.data_table(shown, "judul"))
    assert shown.note in html and html.count("<tr>") == 51


# The English site (en/) ------------------------------------------------------------------------


class _Visible(HTMLParser):
    """The interface text of a page as tests/test_pages_english.py reads the app: text, labels and titles of
    controls, table captions and headers, and the cells of the columns whose cells are labels (other cells are
    data as published, e.g. a source's note); raw metadata tables (with '(English)' columns) show both languages."""

    def __init__(self, label_columns):
        super().__init__()
        self.label_columns = label_columns
        self.texts: list[str] = []
        self._skip = 0
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code", "textarea"):
            self._skip += 1
        elif tag == "table":
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        self.texts += [value for key, value in attrs if key in ("aria-label", "title", "alt") and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code", "textarea"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table" and self._rows is not None:
            header, *rows = self._rows or [[]]
            self.texts += header
            if not any(column.endswith("(English)") for column in header):
                self.texts += [cell for row in rows for column, cell in zip(header, row)
                               if column in self.label_columns]
            self._rows = None

    def handle_data(self, data):
        if self._skip or not data.strip():
            return
        if self._cell is not None:
            self._cell.append(data)
        else:
            self.texts.append(data.strip())


def _visible(path: Path) -> list[str]:
    from tests.test_pages_english import LABEL_COLUMNS

    page = _Visible(LABEL_COLUMNS)
    page.feed(path.read_text(encoding="utf-8"))
    return page.texts


def _leftovers(paths) -> dict:
    from tests.test_pages_english import indonesian_words

    found = {}
    for path in paths:
        for text in _visible(path):
            if words := indonesian_words(text):
                found.setdefault(text[:120], (path.as_posix().split("/en/")[-1], sorted(words)))
    return found


def test_every_page_has_its_english_twin_and_the_english_pages_say_lang_en(baked):
    pages = [p for p in baked.pages if not p.startswith("en/")]
    assert {f"en/{p}" for p in pages} <= set(baked.pages)
    for path in pages:
        for lang, folder in (("id", baked.out), ("en", baked.out / "en")):
            text = (folder / path / "index.html").read_text(encoding="utf-8")
            assert text.startswith(f'<!doctype html>\n<html lang="{lang}">'), (lang, path)
    for slug in baked.views:
        for name in ("embed.html", f"{slug}.csv", f"{slug}.json"):
            assert (baked.out / "en" / "grafik" / slug / name).is_file(), (slug, name)


def test_english_site_pages_show_no_indonesian_interface_text(baked):
    english = sorted((baked.out / "en").rglob("*.html"))
    assert len(english) >= len(baked.views) * 2
    leftovers = _leftovers(english)
    assert not leftovers, leftovers


@pytest.mark.parametrize("path", ["2016/index.html", "2016/koperasi/index.html", "grafik/koperasi-kecamatan/index.html"])
def test_the_check_finds_indonesian_words_on_the_indonesian_pages(baked, path):
    assert len(_leftovers([baked.out / path])) > 5


def test_english_2016_summary_writes_figures_and_dates_the_english_way(baked):
    text = " ".join(parse(baked.out / "en" / "2016" / "index.html").text)
    for figure in ("585", "563", "195,554", "257,481"):
        assert re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d.,]|\d)", text), figure
    assert "12 July 2016" in text and "Summary 2016" in text
    assert "257.481" not in text and "Juli" not in text
    indonesian = " ".join(parse(baked.out / "2016" / "index.html").text)
    assert "257.481" in indonesian and "257,481" not in indonesian


def _language_links(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The ID/EN switch (relative links) and the hreflang alternates (absolute) of a page."""
    text = path.read_text(encoding="utf-8")
    switch = dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', text))
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', text))
    return {lang: href for href, lang in switch.items()}, alternates


def test_every_page_links_to_itself_in_the_other_language_and_the_links_exist(baked):
    for page in baked.pages:
        path = baked.out / page / "index.html"
        switch, alternates = _language_links(path)
        assert set(switch) == set(alternates) == {"id", "en"}, page
        twin = page.removeprefix("en/")
        for lang, target in (("id", twin), ("en", f"en/{twin}")):
            resolved = (path.parent / switch[lang] / "index.html").resolve()
            assert resolved == (baked.out / target / "index.html").resolve() and resolved.is_file(), (page, lang)
            assert alternates[lang] == f"{URL}{target}", (page, lang)
        assert f'aria-current="page" title="' in path.read_text(encoding="utf-8"), page


def test_english_view_metadata_and_embed_snippet_point_at_the_english_pages(baked):
    for slug in baked.views:
        folder = baked.out / "en" / "grafik" / slug
        metadata = json.loads((folder / f"{slug}.json").read_text(encoding="utf-8"))
        assert metadata["language"] == "en"
        assert metadata["url"] == f"{URL}en/grafik/{slug}/" and metadata["csv"] == f"{URL}en/grafik/{slug}/{slug}.csv"
        page = parse(folder / "index.html")
        assert any("<iframe" in t and f"{URL}en/grafik/{slug}/embed.html" in t for t in page.text), slug
    english = parse(baked.out / "en" / "sumber" / "index.html")
    assert any("Download" in t for t in english.text)
    # The data files are shared: the English open-data page links to the root's sumber/ files.
    links = re.findall(r'href="([^"]+\.(?:zip|csv))"', (baked.out / "en" / "sumber" / "index.html").read_text())
    assert links and all((baked.out / "en" / "sumber" / link).resolve().is_file() for link in links)
