"""The only package that imports streamlit. Core: caching, shared filters, views and cards, tables, provenance.

The presentation lives in ``ui/presentation.py``."""

from __future__ import annotations

import html
import json
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pyarrow as pa
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from koperasi_data import access, cards as cards_module, exports, i18n, images, load, metrics, schema, views
from koperasi_data import store as store_module
from koperasi_data.cards import Card
from koperasi_data.load import Dataset
from koperasi_data.version import describe
from koperasi_data.i18n import _

# The browser tab's icon, served by Streamlit itself (nothing fetched from the internet).
FAVICON = str(Path(__file__).resolve().parent.parent / "favicon.png")

# Text typed by people (user and file names) is shown as text, never as Markdown or a link.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CSS = """
<style>
.sr-only {position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
          clip:rect(0,0,0,0);white-space:nowrap;border:0;}
/* Headline cards (cards.row_html): as many side by side as fit, two by two on a phone. */
dl.card-row {display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 1rem 1.5rem;
                margin: 0.25rem 0 1rem;}
dl.card-row .card {margin: 0;}
dl.card-row dt.card-label {font-size: 0.875rem; font-weight: 400; margin: 0;}
dl.card-row dd {margin: 0;}
dl.card-row dd.card-value {font-size: 2.4rem; line-height: 1.25; font-weight: 400;}
dl.card-row dd.card-source {font-size: 0.875rem; color: #4A5460; line-height: 1.35;}
h3.view-title {font-size: 1.5rem; padding-top: 0.25rem;}
/* A long badge wraps on a narrow screen instead of ending in an ellipsis. */
span.stMarkdownBadge {white-space: normal !important; text-overflow: clip !important; max-width: 100%;}
/* Bordered boxes side by side (ui.boxes), like st.container(border=True) in columns. */
div.box-row {display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; margin-bottom: 1rem;}
div.box-row div.box {border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0 1rem 0.5rem;}
/* Source lines and captions: Streamlit fades them (opacity 0.6: #828180 on white, 3.88:1); solid #4A5460 is
   7.5:1 (WCAG AA asks 4.5:1). */
[data-testid="stCaptionContainer"] {opacity: 1;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color: #4A5460;}
[data-testid="stCaptionContainer"] a {color: #1A5A9E;}
/* Phones: no Plotly mode bar over legend or bars (each chart has its own PNG download under it), and
   wide tables scroll inside their own frame rather than widening the page. */
@media (max-width: 640px) {
  .modebar-container {display: none !important;}
  [data-testid="stDataFrame"], [data-testid="stTable"] {max-width: 100%; overflow-x: auto;}
  /* The first screen holds the title, the headline figures two by two, and the first chart begins. */
  [data-testid="stMainBlockContainer"] {padding: 3.5rem 1rem 2rem;}
  [data-testid="stMainBlockContainer"] h1 {font-size: 2rem; padding-top: 0.5rem;}
  [data-testid="stMainBlockContainer"] h2 {font-size: 1.6rem; padding: 0.5rem 0 0.25rem;}
  [data-testid="stCaptionContainer"] p {line-height: 1.35;}
  [data-testid="stMainBlockContainer"] h3 {font-size: 1.35rem;}
  dl.card-row {grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem 1rem;}
  dl.card-row dd.card-value {font-size: 1.8rem;}
}
</style>
"""


@st.cache_resource(show_spinner=False)
def _store(url: str) -> store_module.Store:
    store = store_module.Store(url)
    store.ensure_seeded()
    return store


def store() -> store_module.Store:
    """The versioned store this server reads ($DATABASE_URL or the default SQLite file), opened once per process."""
    return _store(store_module.database_url())


# cache_resource, not cache_data: the dataset is read-only and shared, so a rerun does not unpickle every frame.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(url: str, version: str, version_id: int, public: bool) -> Dataset:
    # The URL is part of the key: "v2" of one store is not "v2" of another.
    dataset = _store(url).dataset(version_id)
    # The public instance never holds internal columns, so no page or download can leak them.
    return access.public_dataset(dataset) if public else dataset


_DATA_DIGESTS: dict = {}


def _data_version(data_dir: Path) -> str:
    """``load.dataset_version`` of the curated files, hashed again only when a file's size or time changes
    (hashing every file costs ~2 ms a rerun; looking at their stat entries, a few µs)."""
    stamp = tuple(sorted((entry.name, info.st_mtime_ns, info.st_size) for entry in os.scandir(data_dir)
                         if entry.is_file() for info in (entry.stat(),)))
    if stamp not in _DATA_DIGESTS:
        _DATA_DIGESTS.clear()
        _DATA_DIGESTS[stamp] = load.dataset_version(data_dir)
    return _DATA_DIGESTS[stamp]


def current_dataset() -> Dataset:
    """The dataset of the store's current version, as this instance (internal or public) may show it."""
    url = store_module.database_url()
    versioned = _store(url)
    current = versioned.current_version()
    key = (url, store_module.dataset_key(current, _data_version(versioned.data_dir)), current.id, access.is_public())
    # The last dataset served, kept beside the cache: a rerun on an unchanged version skips the cache's lookup
    # (hashing its arguments costs more than the rest of this function). The key names the content exactly.
    last = _LAST_DATASET.get(key)
    if last is None:
        # Reading a version takes a moment (a new import, a restart): say so, in the run's language.
        with st.spinner(_("Memuat data…")):
            last = _load(*key)
        _LAST_DATASET.clear()
        _LAST_DATASET[key] = last
    return last


_LAST_DATASET: dict = {}


class Shelf:
    """A bounded, thread-safe map of read-only things built from one data version, shared by every session.

    Keys start with the store URL, the data version and the public flag, so an import or a rollback (a new
    version) is the only thing that makes anything be built again; old versions' entries age out of the bound.
    Looking up a key is a dict lookup: no hashing of arguments, no pickling or copying on a hit.
    """

    def __init__(self, size: int) -> None:
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.size = size

    def get(self, key: tuple, make):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: two sessions may build the same thing once each, never block each other
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# Views × filter choices × versions kept at most; a built view is a few hundred kB at the very most.
SHELF_SIZE = 4096
# One per process. A module object, not st.cache_resource: a page asks for it some twenty times a run, and each
# cache lookup (hashing, stats) costs more than the shelf's own. Its keys already hold everything that may change.
_SHELF = Shelf(SHELF_SIZE)


def shelf() -> Shelf:
    """The process's shelf of built views, cards and per-version lookups (``shelf().clear()`` empties it)."""
    return _SHELF


def per_version(dataset: Dataset, key: tuple, make):
    """``make()`` once per data version (and instance) and ``key``, then the same object for every session."""
    # The language too: a built thing is written in one language (i18n.current(), set for the whole run).
    full_key = (store_module.database_url(), dataset.version, access.is_public(), *key, i18n.current())
    return shelf().get(full_key, make)


def published_values(dataset: Dataset) -> pd.DataFrame:
    """Every published value with its labels in the current language, computed once per data version and
    language (shared, read-only)."""
    return per_version(dataset, ("values",), lambda: metrics.in_language(metrics.published_values(dataset)))


@st.cache_data(show_spinner=False)
def _package_zip(version: str, _dataset: Dataset) -> bytes:
    return exports.package_files_zip(exports.package_files(_dataset, "csv"))


def package_zip(dataset: Dataset) -> bytes:
    """The whole data package of the shown version (CSV + datapackage.json) as one zip, built once per version."""
    return _package_zip(dataset.version, dataset)


@dataclass(frozen=True)
class View:
    """What every page works from: the data and the filters chosen in the sidebar."""

    dataset: Dataset
    values: pd.DataFrame
    year: int
    kecamatan: list[str]
    lang: str = i18n.DEFAULT  # the interface language (?lang=en), i18n.LANGS

    @property
    def kecamatan_shown(self) -> list[str]:
        """The chosen kecamatan, or all 13 in code order when none is chosen."""
        return self.kecamatan or list(self.dataset[schema.KECAMATAN]["nama"])

    def filters(self, jenis=(), status=(), topik: str = "") -> views.Filters:
        """The catalogue's filters: the sidebar's year and kecamatan with a page's own choices."""
        return views.Filters(self.year, tuple(self.kecamatan), tuple(jenis), tuple(status), topik or "", self.lang)


LANG_KEY = "lang"
# The language switch (ID / EN) on every page: the options are the codes of ?lang=, shown in capitals; the chosen
# one's text darker than Streamlit's primary colour on its tinted background (#0072B2 there is below 4.5:1).
SWITCH_CSS = """<style>
.st-key-lang button p {text-transform: uppercase;}
.st-key-lang button[data-selected="true"] p {color: #00406B;}
</style>"""


def requested_lang() -> str:
    """The language this run is shown in: the switch's value, else ?lang= of the address, else Indonesian."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen is None:
        chosen = st.query_params.get(LANG_KEY)
    return i18n.normalise(chosen)


def activate_lang() -> str:
    """Make the requested language the language of this run (messages, numbers, dates); returns it."""
    lang = requested_lang()
    i18n.activate(lang)
    return lang


def sidebar_brand() -> None:
    """The sidebar's first lines: whose dashboard this is; with them, in the same element, the page's language for
    screen readers and the style of the ID/EN switch (each element costs every run)."""
    title, office = _("Dasbor Koperasi & UMKM"), _("Dinas Koperasi dan UKM Kabupaten Pamekasan")
    brand = f'<p class="brand"><strong>{html.escape(title)}</strong><br>{html.escape(office)}</p>'
    # <html lang> of the page (Streamlit's index.html always says "en"): screen readers pick their voice by it.
    st.sidebar.html(f"<script>document.documentElement.lang = {json.dumps(i18n.current())};</script>{SWITCH_CSS}"
                    f"{brand}", unsafe_allow_javascript=True)


def language_switch() -> str:
    """The ID/EN switch, bound to ?lang= like the other filters (Indonesian, the default, leaves no parameter)."""
    # No format_func: a bound segmented control writes its option's label into the URL, and the address says
    # ?lang=en; CSS shows the codes in capitals (ID / EN).
    lang = st.segmented_control(_("Bahasa"), list(i18n.LANGS), key=LANG_KEY,
                                default=i18n.DEFAULT, bind="query-params", selection_mode="single",
                                help=_("Bahasa Indonesia atau English: angka, tanggal dan teks ikut bahasa yang dipilih."))
    return i18n.normalise(lang)


def sidebar_filters() -> View:
    """Year and kecamatan pickers shared by every page, bound to the URL (?tahun=2016&kecamatan=Waru)."""
    # One query per run: a new import or rollback shows on the next rerun of every session.
    dataset = current_dataset()
    values = published_values(dataset)
    years, latest = per_version(dataset, ("years",), lambda: (metrics.years_with_values(values),
                                                              metrics.latest_koperasi_year(values)))
    with st.sidebar:
        lang = language_switch()
        st.markdown(_("### Filter"))
        year = st.selectbox(_("Tahun"), years, index=years.index(latest), key="tahun", bind="query-params",
                            help=_("Tahun angka terbit. Tanpa pilihan, dasbor membuka tahun terakhir "
                                   "yang memiliki angka koperasi."))
        kecamatan = st.multiselect(_("Kecamatan"), list(dataset[schema.KECAMATAN]["nama"]), key="kecamatan",
                                   bind="query-params", placeholder=_("Semua kecamatan"),
                                   help=_("Kosongkan untuk seluruh Kabupaten Pamekasan."))
    return View(dataset, values, int(year), list(kecamatan), lang)


def multiselect_filter(label: str, options: list[str], key: str, format_func=schema.label) -> list[str]:
    """A page-level filter bound to the URL; empty means everything."""
    carry_choice(key, options, format_func)
    return list(st.multiselect(label, options, key=key, bind="query-params", format_func=format_func,
                               placeholder=_("Semua")))


def carry_choice(key: str, options: list, format_func) -> None:
    """Before a widget bound to the URL: keep the choice of a link made in the other language.

    The widget reads its options' labels from the address, in the language of whoever made the link (?status=Aktif
    opened with ?lang=en), and drops labels it does not know. When the address holds labels of another language,
    they are written in this run's language and the page runs again, so the widget reads them (and a link copied
    from the page keeps them)."""
    shown = st.query_params.get_all(key)
    if key in st.session_state or not shown or set(shown) <= {format_func(option) for option in options}:
        return
    anywhere = {}
    for lang in i18n.LANGS:
        with i18n.use(lang):
            anywhere.update({format_func(option): option for option in options})
    chosen = [format_func(anywhere[text]) for text in shown if text in anywhere]
    if chosen:
        st.query_params[key] = chosen
        st.rerun()


def page_header(title: str, lead: str) -> None:
    """Page title and one sentence on what the page answers."""
    st.title(title)
    # The style sheet rides with the lead: one element fewer on every run of every page.
    st.markdown(f"{CSS}\n\n{lead}", unsafe_allow_html=True)


def illustrative_badge(dataset: Dataset, resource: str, text: str = "Data ilustratif", then: str = "") -> None:
    """The visible marker on a view built on a resource the data package marks as illustrative, and the Markdown
    ``then`` that follows it in the same element (each element costs every run of every reader)."""
    badge = badge_markdown(dataset, resource, text)
    if badge or then:
        st.markdown("\n\n".join(part for part in (badge, then) if part))


def badge_markdown(dataset: Dataset, resource: str, text: str = "Data ilustratif") -> str:
    """The illustrative badge as Markdown (what st.badge writes), or "" when ``resource`` is not illustrative."""
    if not dataset.is_illustrative(resource):
        return ""
    return f":orange-badge[:material/science: {_(text)}]"


def boxes(items: list[str]) -> None:
    """Bordered boxes of Markdown side by side (as many as fit; one under the other on a phone), in one element."""
    # Markdown inside HTML blocks: the blank lines around each item let Streamlit render it as Markdown.
    st.markdown('<div class="box-row">\n\n' + "".join(f'<div class="box">\n\n{item}\n\n</div>\n\n' for item in items)
                + "</div>", unsafe_allow_html=True)


def cards(items: list[Card], empty_text: str = "") -> None:
    """Headline figures in a row, each with its source and date underneath."""
    if not items:
        if empty_text:
            st.info(empty_text, icon=":material/info:")
        return
    st.markdown(cards_module.row_html(items), unsafe_allow_html=True)


def _dataframe(display: pd.DataFrame | pa.Table, numeric: tuple[str, ...], links: tuple[str, ...]) -> None:
    # No per-cell Styler: cells arrive written the Indonesian way (257.481, 12 Juli 2016); numbers stay right-aligned.
    config = {title: st.column_config.TextColumn(alignment="right") for title in numeric}
    config.update({title: st.column_config.LinkColumn(display_text=_("buka sumber")) for title in links})
    st.dataframe(display, hide_index=True, width="stretch", column_config=config)


def table(frame: pd.DataFrame, dataset: Dataset, key: str, label: str = "Tabel data") -> None:
    """The numbers behind a view, formatted the Indonesian way, with a CSV of exactly those numbers."""
    _dataframe(*views.display_table(frame, dataset.descriptor))
    _downloads(key, _(label), lambda: exports.xlsx_bytes(frame), lambda: exports.csv_bytes(frame))


def _downloads(key: str, label: str, xlsx, csv) -> None:
    # Excel first, for people: text cells, no formula risk, phone numbers keep their leading 0.
    # Both are deferred: written only when the reader clicks, not on every rerun of the page.
    st.download_button(_("Unduh Excel ({0})").format(label.lower()), xlsx, file_name=f"{key}.xlsx", mime=XLSX_MIME,
                       key=f"unduh-xlsx-{key}", on_click="ignore", icon=":material/download:")
    st.download_button(_("Unduh CSV ({0})").format(label.lower()), csv, file_name=f"{key}.csv", mime="text/csv",
                       key=f"unduh-{key}", on_click="ignore", icon=":material/download:")


def view_table(built: views.BuiltView, arrow: pa.Table | None = None) -> None:
    """A built view's table and its CSV download (the bytes were written once, with the view)."""
    _dataframe(built.display if arrow is None else arrow, built.numeric_columns, built.link_columns)
    if built.display_note:
        st.caption(built.display_note)
    _downloads(built.slug, built.label, lambda: exports.xlsx_bytes(built.table), lambda: built.csv)


def view(slug: str, page_view: View, **choices) -> views.BuiltView:
    """Place one view of the catalogue: badge and finding (with the slug as its anchor), chart, source line with
    the text alternative, and an expander with the table and the downloads (Excel, CSV, PNG), drawn only when
    opened. A table view is placed as its table and download. Returns the built view.

    Few elements a view: each one costs every run of every reader, so the badge shares the finding's element and
    the text alternative the source line's."""
    placed = _placed(slug, page_view, choices)
    built = placed.built
    if built.figure is None:
        view_table(built, placed.arrow)
        return built
    # No bordered box around a view: the finding (an h3) opens it and the table's expander closes it; a box would
    # be one more element on every run of every reader.
    st.markdown(placed.heading, unsafe_allow_html=True)
    # theme=None: our projector template, not Streamlit's smaller default type.
    if slug in views.KECAMATAN_MAPS:
        # Clicking a kecamatan's point on the map makes it the sidebar's kecamatan filter (and so the URL's).
        st.plotly_chart(placed.figure, width="stretch", key=f"grafik-{slug}", theme=None,
                        config=_plotly_config(), on_select=_map_click(f"grafik-{slug}"), selection_mode="points")
    else:
        st.plotly_chart(placed.figure, width="stretch", key=f"grafik-{slug}", theme=None, config=_plotly_config())
    st.caption(placed.source, unsafe_allow_html=True)
    permalink(slug)
    # Drawn only while open: the table and its downloads cost nothing on the runs of readers who never open
    # them (a closed expander's content would otherwise be built and sent on every run).
    table = on_demand(_("Tabel data dan unduhan"), table_key(slug), ":material/table:")
    if table is not None:
        with table:
            view_table(built, placed.arrow)
            png_download(built.figure, slug)
    return built


def _plotly_config() -> dict:
    """Plotly's options for a chart on screen: no logo, the run's language for Plotly's own texts and numbers."""
    return {"displaylogo": False, "locale": i18n.current()}


def table_key(slug: str) -> str:
    """The session-state key of the expander that holds a chart's table (True: open)."""
    return f"tabel-{slug}"


def on_demand(label: str, key: str, icon: str | None = None):
    """An expander whose content the page draws only while it is open: the container when open, else None.

    Opening or closing it reruns the page (Streamlit's stateful expander), so a closed one sends nothing."""
    box = st.expander(label, icon=icon, key=key, on_change="rerun")
    return box if box.open else None


def _map_click(key: str):
    """The callback of a kecamatan map: the clicked kecamatan (shift-click: several) become the kecamatan filter."""
    def select() -> None:
        state = st.session_state.get(key)
        points = state["selection"]["points"] if state else []
        known = list(current_dataset()[schema.KECAMATAN]["nama"])
        chosen = {p.get("customdata") for p in points}
        names = [name for name in known if name in chosen]
        if names:
            st.session_state["kecamatan"] = names
    return select


def view_tabs(tabs: dict[str, str], page_view: View, **choices) -> None:
    """Views of one metric side by side as tabs (label -> slug, the labels untranslated: ``N_``): the bar chart,
    then its maps.

    Only the chosen tab is drawn (the others are not built or sent on this run). The choice is kept in the URL
    under the first view's slug (``?koperasi-kecamatan=Peta: jumlah``), so a shared link opens the same tab, in
    either language (``carry_choice``)."""
    first = next(iter(tabs.values()))
    carry_choice(first, list(tabs), _)
    for tab, slug in zip(st.tabs([_(label) for label in tabs], key=first, on_change="rerun", bind="query-params"),
                         tabs.values()):
        if tab.open:
            with tab:
                view(slug, page_view, **choices)


class _FrozenSpec(dict):
    """A built view's figure as a dict, with its JSON written once (``json``)."""


class _FrozenFigure(go.Figure):
    """A built view's figure as st.plotly_chart sends it: its dict and JSON are computed once, not on every run.

    st.plotly_chart calls ``figure.to_dict()`` twice and ``plotly.io.to_json`` once on every run (a deep copy,
    then Plotly's encoder, which encodes, decodes and encodes again when a value is NaN): about a tenth of a
    page's run. A built view's figure never changes, so both are made once per data version; ``_to_json`` hands
    Streamlit the stored JSON. Only the screen gets this object; the PNG, the deck and the static site use
    ``BuiltView.figure``.
    """

    def to_dict(self) -> dict:
        return self._frozen_spec

    @classmethod
    def of(cls, figure: go.Figure) -> _FrozenFigure:
        frozen = cls(figure)
        spec = _FrozenSpec(figure.to_dict())
        spec.json = _plotly_to_json(figure, validate=False)
        frozen._frozen_spec = spec
        return frozen


_plotly_to_json = pio.to_json


def _to_json(fig, validate=True, pretty=False, remove_uids=True, engine=None):
    """``plotly.io.to_json``, answering from a frozen figure's stored JSON when asked the way Streamlit asks."""
    if type(fig) is _FrozenSpec and not pretty and remove_uids and engine is None:
        return fig.json
    return _plotly_to_json(fig, validate=validate, pretty=pretty, remove_uids=remove_uids, engine=engine)


# Streamlit looks up ``plotly.io.to_json`` on every call; anything but a frozen spec goes to Plotly unchanged.
pio.to_json = _to_json


@dataclass(frozen=True)
class _Placed:
    """A built view with what the screen needs of it, prepared once: the table as Arrow, the figure's dict."""

    built: views.BuiltView
    arrow: pa.Table
    figure: go.Figure | None
    heading: str = ""  # the badge (when illustrative) and the finding as an h3 anchored by the slug
    source: str = ""  # the source line, then the text alternative for screen readers


def _placed(slug: str, page_view: View, choices: dict) -> _Placed:
    filters = views.normalised(slug, page_view.filters(**choices))
    dataset = page_view.dataset

    def make() -> _Placed:
        built = views.build(slug, dataset, filters, published_values(dataset))
        arrow = pa.Table.from_pandas(built.display, preserve_index=False)
        if built.figure is None:
            return _Placed(built, arrow, None)
        return _Placed(built, arrow, _FrozenFigure.of(built.figure), _heading(built), _source_line(built))

    return per_version(dataset, ("view", slug, filters), make)


def _heading(built: views.BuiltView) -> str:
    # data-anchor: Streamlit's own heading anchor (id, link icon, scroll on load), the slug not the text.
    # h3: one level under the page's sections (h2), so a screen reader's list of headings stays in order.
    heading = f'<h3 data-anchor="{built.slug}" class="view-title">{html.escape(built.title)}</h3>'
    if built.badge:  # the same Markdown st.badge writes
        return f":orange-badge[:material/science: {built.badge}]\n\n{heading}"
    return heading


def _source_line(built: views.BuiltView) -> str:
    # The line is Markdown (its links) shown with HTML allowed, for the note: a '<' or '&' in a source's text is
    # escaped so it is shown as typed, never read as HTML.
    return (f'{html.escape(built.source, quote=False)}'
            f'<span class="sr-only" role="note"> {html.escape(_("Teks alternatif:"))} {html.escape(built.alt)}</span>')


def built_view(slug: str, page_view: View, **choices) -> views.BuiltView:
    """The view ``slug`` for this page's filters (plus page-level ``choices``: jenis, status, topik), built once
    per data version and filter choice for the whole server."""
    return _placed(slug, page_view, choices).built


def card_row(name: str, page_view: View, **choices) -> None:
    """A named row of headline cards (``views.CARDS``), built once per data version and filter choice; when the
    year has no figure, the sentence that says which years have."""
    filters = views.card_filters(name, page_view.filters(**choices))
    dataset = page_view.dataset

    def make():
        values = published_values(dataset)
        items = views.build_cards(name, dataset, filters, values)
        return items, "" if items else views.cards_missing_text(name, values, filters)

    items, empty_text = per_version(dataset, ("cards", name, filters), make)
    cards(list(items), empty_text)


def kopdes_line(page_view: View) -> str:
    """The sentence on Koperasi Merah Putih's latest state (``cards.kopdes_line``), written once per data version."""
    return per_version(page_view.dataset, ("kopdes-line",), lambda: cards_module.kopdes_line(page_view.values))


def permalink(slug: str) -> None:
    """'Tautan permanen' to the view's page on the public static site, when $KOPERASI_SITE_URL names it."""
    base = os.environ.get("KOPERASI_SITE_URL", "").strip()
    if base:
        st.markdown(_("[Tautan permanen]({0}/grafik/{1}/)").format(base.rstrip('/'), slug), help=_("Halaman grafik ini di situs "
                                                                                    "publik: tabel, CSV, sumber dan kode sematan"))


# Width of a downloaded chart in CSS pixels; drawn at twice that for print and projector.
PNG_WIDTH = 1200


@st.cache_data(show_spinner=False, max_entries=256)
def _png(figure_json: str, width: int, height: int) -> bytes:
    return images.png_bytes(pio.from_json(figure_json), width, height)


_CHROMIUM: dict = {}


def _chromium_available() -> bool:
    # Looking for the browser walks PATH (a few ms): once per process. Keyed on the function so a test that
    # replaces images.chromium_available is asked afresh.
    check = images.chromium_available
    if check not in _CHROMIUM:
        _CHROMIUM[check] = check()
    return _CHROMIUM[check]


def png_download(figure: go.Figure, key: str) -> None:
    """"Unduh PNG" for one chart, drawn only when clicked; says so when the server has no Chromium."""
    if not _chromium_available():
        st.button(images.UNAVAILABLE_TEXT, disabled=True, key=f"png-{key}", icon=":material/hide_image:")
        return
    height = int(figure.layout.height or 460)
    # A callable is run only when the reader clicks: no page pays for every chart's PNG (or JSON) up front.
    st.download_button(_("Unduh PNG"), data=lambda: _png(figure.to_json(), PNG_WIDTH, height), file_name=f"{key}.png",
                       mime="image/png", key=f"png-{key}", on_click="ignore", icon=":material/image:")


def definitions(dataset: Dataset, terms: list[str]) -> None:
    """A box that explains the terms a citizen may not know."""
    glossary = per_version(dataset, ("glossary",), lambda: metrics.glossary(dataset[schema.GLOSSARY], i18n.current()))
    # Drawn only while open, like a chart's table.
    if box := on_demand(_("Definisi istilah"), DEFINITIONS_KEY, ":material/menu_book:"):
        with box:
            # One element for the whole list (a paragraph per term): each element costs every run.
            st.markdown("\n\n".join(f"**{glossary[term][0]}**: {glossary[term][1]}"
                                      for term in terms if term in glossary))


# The session-state key of a page's "Definisi istilah" box (True: open).
DEFINITIONS_KEY = "definisi-istilah"


def plain_text(text: str) -> str:
    """Text escaped so that Markdown shows it as typed (no emphasis, links or HTML)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def provenance_footer(dataset: Dataset) -> None:
    """Which data every page is built on, its version and licence, and where to check it."""
    descriptor = dataset.descriptor
    illustrative = [_(r["title"]) for r in descriptor["resources"] if r.get("ilustratif")]
    licence = descriptor["licenses"][0]
    text = (_("**Sumber data**: paket data *{0}* versi {1} "
              "(sidik `{2}`), lisensi [{3}]({4}). ").format(_(descriptor['title']), descriptor['version'], dataset.version, licence['title'], licence['path']))
    if dataset.version_info is not None:
        text += _("**Versi data register** {0}. ").format(plain_text(describe(dataset.version_info)))
    text += (_("Setiap angka terbit membawa tautan sumbernya; angka turunan dihitung pasti dari angka resmi; angka "
               "yang bertentangan ditandai."))
    if illustrative:
        text += (_(" **Data ilustratif**: {0}: register buatan yang totalnya sama dengan "
                   "angka resmi {1} (catatan kemitraan tidak punya angka resmi pembanding), "
                   "dipakai karena register rinci Dinas tidak dipublikasikan.").format(', '.join(illustrative), cards_module.official_day()))
    # The rule above is part of the caption: one element, not a divider and a caption.
    st.caption(f"---\n\n{text}")


def publish_view(view: View) -> None:
    """Keep this run's view for the page that the navigation runs next."""
    st.session_state["_view"] = view


def current_view() -> View:
    """The view the entry point built for this run (taken, so a page cannot reuse an old one).

    Streamlit runs ``pages/x.py`` directly, without the entry point, in its legacy
    pages-folder mode: on a server's very first request for a page URL (a shared link
    after a restart), and in AppTest, which resets that mode on every run. Switch the
    mode off and rerun, so the entry point runs first and then this page.
    """
    view = st.session_state.pop("_view", None)
    if view is None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    return view


