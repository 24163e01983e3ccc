"""The only module that imports streamlit: caching, shared filters, chart blocks, provenance."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from koperasi_data import exports, fmt, metrics, schema
from koperasi_data import store as store_module
from koperasi_data.cards import Card
from koperasi_data.charts import Chart
from koperasi_data.load import Dataset
from koperasi_data.version import describe

# Text typed by people (user and file names) is shown as text, never as Markdown or a link.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")

CSS = """
<style>
.sr-only {position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;
          clip:rect(0,0,0,0);white-space:nowrap;border:0;}
[data-testid="stMetricValue"] {font-size: 2.4rem;}
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


@st.cache_data(show_spinner="Memuat data…")
def _load(url: str, version: str, version_id: int) -> Dataset:
    # The URL is part of the key: "v2" of one store is not "v2" of another.
    return _store(url).dataset(version_id)


@st.cache_data(show_spinner=False)
def _values(version: str, _dataset: Dataset) -> pd.DataFrame:
    return metrics.published_values(_dataset)


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

    @property
    def kecamatan_shown(self) -> list[str]:
        """The chosen kecamatan, or all 13 in code order when none is chosen."""
        return self.kecamatan or list(self.dataset[schema.KECAMATAN]["nama"])


def sidebar_filters() -> View:
    """Year and kecamatan pickers shared by every page, bound to the URL (?tahun=2016&kecamatan=Waru)."""
    # One query per run: a new import or rollback shows on the next rerun of every session.
    url = store_module.database_url()
    current = _store(url).current_version()
    version = _store(url).dataset_key(current)
    dataset = _load(url, version, current.id)
    values = _values(version, dataset)
    years = metrics.years_with_values(values)
    latest = metrics.latest_koperasi_year(values)
    with st.sidebar:
        st.markdown("### Filter")
        year = st.selectbox("Tahun", years, index=years.index(latest), key="tahun", bind="query-params",
                            help="Tahun angka terbit. Tanpa pilihan, dasbor membuka tahun terakhir "
                                 "yang memiliki angka koperasi.")
        kecamatan = st.multiselect("Kecamatan", list(dataset[schema.KECAMATAN]["nama"]), key="kecamatan",
                                   bind="query-params", placeholder="Semua kecamatan",
                                   help="Kosongkan untuk seluruh Kabupaten Pamekasan.")
    return View(dataset, values, int(year), list(kecamatan))


def multiselect_filter(label: str, options: list[str], key: str, format_func=schema.label) -> list[str]:
    """A page-level filter bound to the URL; empty means everything."""
    return list(st.multiselect(label, options, key=key, bind="query-params", format_func=format_func,
                               placeholder="Semua"))


def page_header(title: str, lead: str) -> None:
    """Page title and one sentence on what the page answers."""
    st.markdown(CSS, unsafe_allow_html=True)
    st.title(title)
    st.markdown(lead)


def illustrative_badge(dataset: Dataset, resource: str, text: str = "Data ilustratif") -> None:
    """The visible marker on a view built on a resource the data package marks as illustrative."""
    if dataset.is_illustrative(resource):
        st.badge(text, icon=":material/science:", color="orange")


def cards(items: list[Card], empty_text: str = "") -> None:
    """Headline figures in a row, each with its source and date underneath."""
    if not items:
        if empty_text:
            st.info(empty_text, icon=":material/info:")
        return
    for column, card in zip(st.columns(len(items)), items):
        with column:
            st.metric(card.label, card.value, help=card.caption)
            st.caption(card.caption)


def table(frame: pd.DataFrame, dataset: Dataset, key: str, label: str = "Tabel data") -> None:
    """The numbers behind a view, formatted the Indonesian way, with a CSV of exactly those numbers."""
    titles = exports.column_titles(dataset.descriptor)
    shown = frame.rename(columns=lambda c: exports.column_title(c, titles))
    # Streamlit draws empty text cells as "None" whatever the Styler says.
    text_columns = [c for c in shown.columns if pd.api.types.is_string_dtype(shown[c])]
    shown[text_columns] = shown[text_columns].fillna(fmt.MISSING)
    # Formats are chosen by the original column names (a year column is "tahun_…").
    formats = {exports.column_title(c, titles): f for c, f in exports.display_formats(frame).items()}
    styled = shown.style.format(formats, na_rep=fmt.MISSING)
    links = {exports.column_title(c, titles): st.column_config.LinkColumn(display_text="buka sumber")
             for c in frame.columns if c in ("url", "sumber")}
    st.dataframe(styled, hide_index=True, width="stretch", column_config=links)
    st.download_button(f"Unduh CSV ({label.lower()})", exports.csv_bytes(frame), file_name=f"{key}.csv",
                       mime="text/csv", key=f"unduh-{key}", icon=":material/download:")


def chart(item: Chart, dataset: Dataset, key: str, source: str, register: str | None = None) -> None:
    """A chart with its source line, text alternative, table and download, and a badge when the
    register resource it is built on is illustrative."""
    with st.container(border=True):
        if register:
            illustrative_badge(dataset, register)
        st.markdown(f"#### {html.escape(item.title)}")
        # theme=None: our projector template, not Streamlit's smaller default type.
        st.plotly_chart(item.figure, width="stretch", key=f"grafik-{key}", theme=None,
                        config={"displaylogo": False, "locale": "id"})
        st.markdown(f'<p class="sr-only" role="note">Teks alternatif: {html.escape(item.alt)}</p>',
                    unsafe_allow_html=True)
        st.caption(source)
        with st.expander("Tabel data dan unduhan", icon=":material/table:"):
            table(item.table, dataset, key)


def definitions(dataset: Dataset, terms: list[str]) -> None:
    """A box that explains the terms a citizen may not know."""
    glossary = dataset[schema.GLOSSARY].set_index("istilah")["definisi"]
    with st.expander("Definisi istilah", icon=":material/menu_book:"):
        for term in terms:
            if term in glossary.index:
                st.markdown(f"**{term}**: {glossary[term]}")


def plain_text(text: str) -> str:
    """Text escaped so that Markdown shows it as typed (no emphasis, links or HTML)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def provenance_footer(dataset: Dataset) -> None:
    """Which data every page is built on, its version and licence, and where to check it."""
    descriptor = dataset.descriptor
    illustrative = [r["title"] for r in descriptor["resources"] if r.get("ilustratif")]
    licence = descriptor["licenses"][0]
    text = (f"**Sumber data**: paket data *{descriptor['title']}* versi {descriptor['version']} "
            f"(sidik `{dataset.version}`), lisensi [{licence['title']}]({licence['path']}). ")
    if dataset.version_info is not None:
        text += f"**Versi data register** {plain_text(describe(dataset.version_info))}. "
    text += ("Setiap angka terbit membawa tautan sumbernya; angka turunan dihitung pasti dari angka resmi; angka "
             "yang bertentangan ditandai.")
    if illustrative:
        text += (f" **Data ilustratif**: {', '.join(illustrative)}: register buatan yang totalnya sama dengan "
                 "angka resmi 12 Juli 2016, dipakai karena register rinci Dinas tidak dipublikasikan.")
    st.divider()
    st.caption(text)


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
