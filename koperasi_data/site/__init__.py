"""The public transparency site: the catalogue of views baked into plain files any web server can serve.

``bake`` writes, from one data version in public mode (no internal columns):

- ``/`` (latest year) and ``/<tahun>/<halaman>/`` for every year with published figures;
- ``/grafik/<slug>/`` per view (chart, table, source, status, licence, embed snippet), its
  ``embed.html``, ``<slug>.csv`` (the view's CSV bytes), ``<slug>.json`` (metadata) and
  ``<slug>.png`` (Open Graph preview, when Chromium is there);
- ``/sumber/``: the open-data page (data package zip, dictionary, licence, citation, changelog);
- ``sitemap.xml``, ``robots.txt`` and ``/assets/`` (plotly.js, CSS, JS: nothing from the network);
- ``/en/...``: every page, view page, embed, CSV and JSON again in English (``Filters(lang="en")``, the same
  gettext catalogue as the app), linked to its Indonesian twin (ID/EN switch, hreflang alternates); the data
  files of ``/sumber/`` and the assets are shared.

Baking the same version twice writes the same bytes everywhere except the one line of
``/sumber/index.html`` (and ``/en/sumber/index.html``) that says when the site was baked.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import plotly
import plotly.graph_objects as go

from koperasi_data import access, exports, fmt, i18n, images, load, metrics, schema, views
from koperasi_data.i18n import N_, _
from koperasi_data.load import Dataset
from koperasi_data.site import content, render
from koperasi_data.version import IMPORT, ROLLBACK, SEED, Version

SITE_URL_VARIABLE = "KOPERASI_SITE_URL"
DEFAULT_BASE_URL = "http://localhost:8000/"
MARKER = ".situs-dasbor"
SITE_TITLE = N_("Dasbor Koperasi & UMKM Pamekasan")
PUBLISHER = "Dinas Koperasi dan UKM Kabupaten Pamekasan"
PACKAGE_ZIP = "koperasi-umkm-pamekasan.zip"
PREVIEW_SIZE = (1200, 630)
EMBED_HEIGHT = 620
# The languages of the site: Indonesian at the root, each other language in its own folder (en/).
LANGS = ("id", "en")
ACTION_LABELS = {SEED: N_("data bawaan"), IMPORT: N_("impor"), ROLLBACK: N_("pemulihan")}
# The note store.py gives the version of the shipped data (a message here, so the English changelog says it too).
SEED_NOTE = N_("Data bawaan dari data/")
# Zip members carry this timestamp instead of the clock, so the same data gives the same zip bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PNG_SKIPPED = ("Pratinjau PNG (Open Graph) dilewati: Chromium tidak terpasang (Debian: apt-get install chromium); "
               "halaman tetap lengkap, hanya tanpa gambar pratinjau.")


class NotASiteFolder(RuntimeError):
    """The output folder holds other files: baking would delete them."""


@dataclass
class Report:
    """What a bake wrote."""

    out: Path
    pages: list[str] = field(default_factory=list)  # site paths of the HTML pages (not embeds)
    views: list[str] = field(default_factory=list)  # slugs
    years: list[int] = field(default_factory=list)
    latest_year: int = 0
    files: list[str] = field(default_factory=list)
    previews: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Bytes of every file written."""
        return sum((self.out / name).stat().st_size for name in self.files)


def base_url(explicit: str | None = None, environ=os.environ) -> str:
    """The public address the site will live at (for the sitemap, Open Graph and embed snippets), ending in '/'."""
    url = explicit or environ.get(SITE_URL_VARIABLE) or DEFAULT_BASE_URL
    return url if url.endswith("/") else url + "/"


def _public_version(info: Version | None) -> Version | None:
    """The register version without who imported it or the file's name (the public sees neither)."""
    if info is None:
        return None
    return dataclasses.replace(info, user_name="", file_name="")


def version_text(info: Version | None) -> str:
    """'#3, impor 28 November 2026 10.15 WIB' (no user or file names)."""
    if info is None:
        return _("data/ (tanpa penyimpanan versi)")
    return f"#{info.id}, {_action(info)} {fmt.datetime_wib(info.created_at)}"


def _action(info: Version) -> str:
    action = _(ACTION_LABELS.get(info.action, info.action))
    if info.action == ROLLBACK:
        action += " " + _("ke isi versi #{number}").format(number=info.restored_from)
    return action


def changelog(versions: Iterable[Version]) -> list[dict]:
    """One entry per register version, newest first: number, date, what happened, note, rows per table."""
    entries = []
    for v in sorted(versions, key=lambda item: item.id, reverse=True):
        entries.append({"id": v.id, "date": fmt.datetime_wib(v.created_at), "action": _action(v),
                        "note": _(v.note) if v.action == SEED and v.note == SEED_NOTE else v.note or "",
                        "data_date": fmt.date(v.data_date), "current": v.is_current,
                        "rows": [(name, fmt.number(count)) for name, count in v.row_counts.items()]})
    return entries


def deterministic_zip(files: dict[str, bytes]) -> bytes:
    """A zip of the files with fixed timestamps and order: the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _prepare(out: Path) -> set[str]:
    """Files of an earlier bake in ``out`` (removed if this bake does not write them again)."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise NotASiteFolder(f"{out} berisi berkas lain dan bukan hasil `site` sebelumnya; pilih folder kosong.")
    out.mkdir(parents=True, exist_ok=True)
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}


class _Writer:
    def __init__(self, out: Path, report: Report):
        self.out, self.report = out, report

    def write(self, name: str, data: bytes | str) -> None:
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = data.encode("utf-8") if isinstance(data, str) else data
        # Unchanged files keep their modification time, so a sync sends only what changed.
        if not (path.exists() and path.read_bytes() == content):
            path.write_bytes(content)
        self.report.files.append(name)


def _depth_root(path: str) -> str:
    """Relative prefix from a page's folder to the site root: '' for '/', '../../' for '/2016/koperasi/'."""
    return "../" * path.strip("/").count("/") + ("../" if path.strip("/") else "")


def _prefix(lang: str) -> str:
    """The folder of a language's pages: '' for Indonesian (the root), 'en/' for English."""
    return "" if lang == i18n.DEFAULT else f"{lang}/"


def _page_path(page: str, year: int) -> str:
    return f"{year}/" if page == "ringkasan" else f"{year}/{page}/"


class _Baker:
    """One bake: the public dataset, its views built once each, and the writer of the files."""

    def __init__(self, dataset: Dataset, versions: list[Version], url: str, generated_at: dt.datetime,
                 out: Path, with_previews: bool, lang: str = i18n.DEFAULT):
        self.dataset = access.public_dataset(dataset)
        info = _public_version(self.dataset.version_info)
        self.dataset = dataclasses.replace(self.dataset, version_info=info)
        self.versions = versions
        self.url = url
        self.generated_at = generated_at
        self.values = metrics.published_values(self.dataset)
        self.years = metrics.years_with_values(self.values)
        self.latest = metrics.latest_koperasi_year(self.values)
        self.report = Report(out, years=self.years, latest_year=self.latest)
        self.writer = _Writer(out, self.report)
        self.out = out
        self.lang = i18n.normalise(lang)
        self.prefix = _prefix(self.lang)
        self.assets: dict[str, str] = {}  # site paths of plotly.js, CSS and JS (names carry a content hash)
        self.env = render.environment()
        self.with_previews = with_previews
        self.licence = self.dataset.descriptor["licenses"][0]
        self.data_time = info.created_at if info is not None else dt.datetime(2016, 7, 12, tzinfo=dt.UTC)
        self._built: dict[tuple[str, views.Filters], views.BuiltView] = {}

    # Building ------------------------------------------------------------------------

    def view(self, slug: str, year: int) -> views.BuiltView:
        """A view built once per distinct filter (most views do not depend on the year at all)."""
        filters = views.Filters(year=year, lang=self.lang)
        key = (slug, views.normalised(slug, filters))
        if key not in self._built:
            self._built[key] = views.build(slug, self.dataset, filters, self.values)
        return self._built[key]

    # Shared template context -----------------------------------------------------------

    def nav(self, year: int, current: str) -> list[dict]:
        items = [{"title": _(content.TITLES[p]), "href": _page_path(p, year), "current": p == current}
                 for p in views.PAGES if p != "sumber"]
        items.append({"title": _(content.TITLES["sumber"]), "href": "sumber/", "current": current == "sumber"})
        items.append({"title": _("Semua grafik"), "href": "grafik/", "current": current == "grafik"})
        return items

    def context(self, path: str, title: str, description: str, year: int, current: str, **extra) -> dict:
        info = self.dataset.version_info
        target = current if current in views.PAGES and current != "sumber" else "ringkasan"
        year_links = [{"year": y, "href": _page_path(target, y), "current": y == year and target == current}
                      for y in self.years]
        root = _depth_root(self.prefix + path)
        # The same page in every language of the site (hreflang alternates, the ID/EN switch).
        others = [{"lang": lang, "href": f"{root}{_prefix(lang)}{path}", "url": f"{self.url}{_prefix(lang)}{path}",
                   "current": lang == self.lang} for lang in LANGS]
        return {
            # root: the site's root (assets, the shared data files); home: this language's root (its pages).
            "root": root, "home": root + self.prefix, "prefix": self.prefix, "lang": self.lang,
            "languages": others, "path": path, "url": self.url, "site_title": _(SITE_TITLE), "title": title,
            "description": description, "year": year, "years": self.years, "latest": self.latest,
            "year_links": year_links, "nav": self.nav(year, current), "current": current, "licence": self.licence,
            "publisher": PUBLISHER, "package": self.dataset.descriptor, "version_text": version_text(info),
            "assets": self.assets, "dataset_version": self.dataset.version, "has_figures": False, "image": None,
            "canonical": None, "stamp": None, **extra,
        }

    def write(self, name: str, data: bytes | str) -> None:
        """Write a file of this language's tree (en/... for English)."""
        self.writer.write(self.prefix + name, data)

    def add_page(self, path: str) -> None:
        if self.prefix + path not in self.report.pages:
            self.report.pages.append(self.prefix + path)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    # Pieces --------------------------------------------------------------------------

    def view_block(self, built: views.BuiltView, anchor: str) -> dict:
        """What the templates need to show one view."""
        return {"slug": built.slug, "anchor": anchor, "title": built.title, "status": built.status,
                "badge": built.badge if built.illustrative else None, "source": built.source, "alt": built.alt,
                "unit": _(built.unit), "sources": self.sources_of(built), "table": render.view_table(built),
                "figure": None if built.figure is None else render.script_json(render.figure_spec(built.figure)),
                "height": int((built.figure.layout.height or 460) if built.figure is not None else 0)}

    def write_assets(self) -> None:
        plotly_js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()
        css = (render.STATIC / "site.css").read_bytes()
        js = (render.STATIC / "site.js").read_bytes()
        self.assets = {"plotly": "assets/" + render.asset_name("plotly", ".min.js", plotly_js),
                       "css": "assets/" + render.asset_name("site", ".css", css),
                       "js": "assets/" + render.asset_name("site", ".js", js)}
        for key, data in (("plotly", plotly_js), ("css", css), ("js", js)):
            self.writer.write(self.assets[key], data)

    def write_page(self, page: str, year: int, path: str, canonical: str | None = None) -> None:
        text = content.page_content(self.dataset, self.values, page, year)
        items = [{"section": item.section} if item.section is not None else
                 {"view": self.view_block(self.view(item.slug, year), item.slug)} for item in text.items]
        blocks = [item["view"] for item in items if "view" in item]
        first = next((b["slug"] for b in blocks if b["figure"]), None)
        context = self.context(path, f"{_(content.TITLES[page])} {year}", text.lead, year, page,
                               page=text, items=items, has_figures=first is not None)
        context["canonical"] = canonical or path
        if first and f"{self.prefix}grafik/{first}/{first}.png" in self.report.files:
            context["image"] = f"{self.prefix}grafik/{first}/{first}.png"
        self.write(path + "index.html", self.render("page.html", **context))
        self.add_page(path)

    def sources_of(self, built: views.BuiltView) -> list[dict]:
        """The view's sources; a view of the package itself (a data dictionary) cites datapackage.json."""
        if built.sources:
            return list(built.sources)
        created = str(self.dataset.descriptor.get("created", ""))[:10]
        return [{"penerbit": f"{_(self.dataset.descriptor['title'])} (datapackage.json)",
                 "url": f"{self.url}sumber/datapackage.json", "tanggal": created, "periode": "",
                 "status": built.status}]

    def view_metadata(self, built: views.BuiltView, path: str) -> dict:
        info = self.dataset.version_info
        return {
            "slug": built.slug, "title": built.title, "finding": built.title, "description": built.alt,
            "unit": _(built.unit), "page": built.page, "status": built.status, "status_label": schema.label(built.status),
            "illustrative": built.illustrative, "badge": built.badge if built.illustrative else None,
            "source": built.source,
            "sources": [{"publisher": s.get("penerbit") or "", "url": s.get("url") or "",
                         "date": s.get("tanggal") or "", "period": s.get("periode") or "",
                         "status": s.get("status") or ""} for s in self.sources_of(built)],
            "licence": {"name": self.licence["name"], "title": self.licence["title"], "url": self.licence["path"]},
            "data_version": {"dataset": self.dataset.version,
                             "package_version": self.dataset.descriptor.get("version", ""),
                             "register_version": None if info is None else info.id,
                             "register_created": None if info is None else info.created_at.isoformat()},
            # The time the numbers were generated: the register version's, not the bake's, so an
            # unchanged view keeps the same bytes from one bake to the next.
            "generated": self.data_time.isoformat(),
            "url": self.url + self.prefix + path, "csv": self.url + f"{self.prefix}{path}{built.slug}.csv",
            "embed": self.url + f"{self.prefix}{path}embed.html", "language": self.lang,
            "columns": [str(c) for c in built.table.columns], "rows": len(built.table),
        }

    def write_view(self, slug: str) -> None:
        built = self.view(slug, self.latest)
        path = f"grafik/{slug}/"
        block = self.view_block(built, "grafik")
        has_png = False
        if built.figure is not None and self.with_previews:
            png = self.preview(built)
            if png is not None:
                self.write(f"{path}{slug}.png", png)
                self.report.previews += 1
                has_png = True
        embed_src = f"{self.url}{self.prefix}{path}embed.html"
        snippet = (f'<iframe src="{embed_src}" title="{html.escape(built.title, quote=True)}" width="100%" height="{EMBED_HEIGHT}" '
                   'style="border:0" loading="lazy"></iframe>')
        context = self.context(path, built.title, built.alt, self.latest, "grafik", view=block, built=built,
                               snippet=snippet, page_title=_(content.TITLES[built.page]),
                               has_figures=block["figure"] is not None,
                               page_href=_page_path(built.page, self.latest) if built.page != "sumber" else "sumber/")
        context["canonical"] = path
        if has_png:
            context["image"] = f"{self.prefix}{path}{slug}.png"
        self.write(path + "index.html", self.render("view.html", **context))
        self.write(path + "embed.html", self.render("embed.html", **context))
        self.write(f"{path}{slug}.csv", built.csv)
        self.write(f"{path}{slug}.json", render.stable_json(self.view_metadata(built, path), indent=2) + "\n")
        self.add_page(path)
        if slug not in self.report.views:
            self.report.views.append(slug)

    def preview(self, built: views.BuiltView) -> bytes | None:
        """The Open Graph image: the chart with its finding as title, 1200×630."""
        figure = go.Figure(built.figure)
        figure.update_layout(title=dict(text=_wrap(built.title, 60), x=0.02, xanchor="left", y=0.93, yanchor="bottom",
                                        yref="container", font=dict(size=26)),
                             margin=dict(t=150), height=PREVIEW_SIZE[1], width=PREVIEW_SIZE[0])
        if built.illustrative:
            # Illustrative data is labelled on every view built on it, also where the picture travels alone.
            figure.add_annotation(text=built.badge or _(views.BADGE), xref="paper", x=1, xanchor="right",
                                  yref="paper", y=1.3, yanchor="top", showarrow=False, font=dict(size=18,
                                  color="#8a4b00"), bgcolor="#fff1dc", bordercolor="#f0c27b", borderpad=6)
        try:
            return images.png_bytes(figure, *PREVIEW_SIZE, scale=1)
        except images.ImageUnavailable:
            self.with_previews = False
            self.report.notes.append(PNG_SKIPPED)
            return None

    def write_catalogue_index(self) -> None:
        items = []
        for page in views.PAGES:
            for slug in views.slugs(page):
                built = self.view(slug, self.latest)
                items.append({"slug": slug, "title": built.title, "page": _(content.TITLES[page]),
                              "status": built.status})
        path = "grafik/"
        context = self.context(path, _("Semua grafik"), _("Setiap grafik dengan tabel, CSV, metadata dan kode sematan."),
                               self.latest, "grafik", items=items)
        self.write(path + "index.html", self.render("catalogue.html", **context))
        self.add_page(path)

    def write_open_data(self) -> None:
        path = "sumber/"
        # The data files are data: written once, under the root's sumber/, and linked from every language.
        shared = self.lang == i18n.DEFAULT
        files = exports.package_files(self.dataset, "csv") if shared else {}
        if shared:
            self.writer.write(path + PACKAGE_ZIP, deterministic_zip(files))
            self.writer.write(path + "datapackage.json", files["datapackage.json"])
        sumber = set(views.slugs("sumber"))
        resources = []
        # Boundaries (GeoJSON) and their licence travel as files, beside the zip that also holds them.
        for name in load.file_paths(self.dataset.descriptor):
            if name in files:
                self.writer.write(path + name, files[name])
        for resource in load.tabular_resources(self.dataset.descriptor):
            name = f"{resource['name']}.csv"
            if shared:
                self.writer.write(path + name, files[name])
            dictionary = f"kamus-{resource['name']}"
            table = (render.view_table(self.view(dictionary, self.latest)) if dictionary in sumber else
                     render.frame_table(exports.data_dictionary(resource), self.dataset.descriptor))
            resources.append({"name": resource["name"], "title": _(resource["title"]),
                              "description": _(resource.get("description", "")), "file": name,
                              "rows": fmt.number(len(self.dataset[resource["name"]])),
                              "illustrative": bool(resource.get("ilustratif")), "dictionary": table,
                              "view": f"data-{resource['name']}" if f"data-{resource['name']}" in sumber else None})
        text = content.page_content(self.dataset, self.values, "sumber", self.latest)
        # Dictionaries and whole tables are listed with the files above; the other views are shown here.
        shown = [slug for slug in views.slugs("sumber") if not slug.startswith(("kamus-", "data-"))]
        blocks = [self.view_block(self.view(slug, self.latest), slug) for slug in shown]
        info = self.dataset.version_info
        citation = _("{publisher}. {title}, versi paket {package}, versi register {register}. Diakses dari {url}. "
                     "Lisensi {licence} ({licence_name}).").format(
            publisher=PUBLISHER, title=_(self.dataset.descriptor["title"]),
            package=self.dataset.descriptor.get("version", ""), register="-" if info is None else f"#{info.id}",
            url=f"{self.url}{self.prefix}sumber/", licence=self.licence["title"], licence_name=self.licence["name"])
        context = self.context(path, _("Sumber dan data terbuka"), text.lead, self.latest, "sumber", page=text,
                               blocks=blocks, resources=resources, zip_name=PACKAGE_ZIP,
                               has_figures=any(b["figure"] for b in blocks),
                               illustrative=self.dataset.is_illustrative(schema.KOPERASI),
                               changelog=changelog(self.versions), citation=citation,
                               stamp=fmt.datetime_wib(self.generated_at))
        context["canonical"] = path
        self.write(path + "index.html", self.render("data.html", **context))
        self.add_page(path)

    def write_seo(self) -> None:
        lastmod = self.data_time.date().isoformat()
        urls = [self.url + ("" if p == "index" else p) for p in ["index", *self.report.pages]]
        self.writer.write("sitemap.xml", self.render("sitemap.xml", urls=list(dict.fromkeys(urls)), lastmod=lastmod))
        self.writer.write("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {self.url}sitemap.xml\n")

    def bake_language(self) -> None:
        """This language's tree: view pages, year pages, home, catalogue and open-data page."""
        for slug in views.slugs():
            self.write_view(slug)
        for year in self.years:
            for page in views.PAGES:
                if page != "sumber":
                    self.write_page(page, year, _page_path(page, year))
        # The home page is the latest year's summary; its canonical address is that year's.
        self.write_page("ringkasan", self.latest, "", canonical=_page_path("ringkasan", self.latest))
        self.write_catalogue_index()
        self.write_open_data()

    def bake(self) -> Report:
        stale = _prepare(self.report.out)
        self.writer.write(MARKER, "Folder ini ditulis oleh `python -m koperasi_data site`; isinya diganti tiap bake.\n")
        self.write_assets()
        with i18n.use(self.lang):
            self.bake_language()
        for lang in LANGS:
            if lang != self.lang:
                # The same public dataset, values, report and assets; its own views (built in its language).
                other = copy.copy(self)
                other.lang, other.prefix, other._built = lang, _prefix(lang), {}
                with i18n.use(lang):
                    other.bake_language()
        self.write_seo()
        for name in stale - set(self.report.files):
            (self.report.out / name).unlink()
        _remove_empty_folders(self.report.out)
        return self.report


def _remove_empty_folders(out: Path) -> None:
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _wrap(text: str, width: int) -> str:
    """Break a title into lines of about ``width`` characters for a Plotly title (<br>)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def bake(out: Path, dataset: Dataset, versions: list[Version], url: str | None = None,
         generated_at: dt.datetime | None = None, with_previews: bool = True) -> Report:
    """Bake the public site of ``dataset`` (made public here) into ``out``; returns what was written."""
    baker = _Baker(dataset, versions, base_url(url), generated_at or dt.datetime.now(dt.UTC), Path(out),
                   with_previews and images.chromium_available())
    if with_previews and not baker.with_previews:
        baker.report.notes.append(PNG_SKIPPED)
    return baker.bake()
