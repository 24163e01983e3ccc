"""The only package that imports streamlit: caching, shared filters, chart blocks, provenance."""

from __future__ import annotations

import hashlib
import html
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from koperasi_data import access, auth, deck, exports, fmt, images, ingest, metrics, schema, slides, template
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
  [data-testid="stMainBlockContainer"] h2 {font-size: 1.6rem;}
  [data-testid="stMainBlockContainer"] h3 {font-size: 1.35rem;}
  [data-testid="stMetricValue"] {font-size: 1.8rem;}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {flex-wrap: wrap;}
  [data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) > [data-testid="stColumn"] {
    min-width: calc(50% - 0.75rem) !important; flex: 1 1 calc(50% - 0.75rem) !important;}
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


@st.cache_data(show_spinner="Memuat data…")
def _load(url: str, version: str, version_id: int, public: bool) -> Dataset:
    # The URL is part of the key: "v2" of one store is not "v2" of another.
    dataset = _store(url).dataset(version_id)
    # The public instance never holds internal columns, so no page or download can leak them.
    return access.public_dataset(dataset) if public else dataset


def current_dataset() -> Dataset:
    """The dataset of the store's current version, as this instance (internal or public) may show it."""
    url = store_module.database_url()
    current = _store(url).current_version()
    return _load(url, _store(url).dataset_key(current), current.id, access.is_public())


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
    dataset = current_dataset()
    values = _values(dataset.version, dataset)
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
        png_download(item.figure, key)
        with st.expander("Tabel data dan unduhan", icon=":material/table:"):
            table(item.table, dataset, key)


# Width of a downloaded chart in CSS pixels; drawn at twice that for print and projector.
PNG_WIDTH = 1200


@st.cache_data(show_spinner=False, max_entries=256)
def _png(figure_json: str, width: int, height: int) -> bytes:
    return images.png_bytes(pio.from_json(figure_json), width, height)


def png_download(figure: go.Figure, key: str) -> None:
    """"Unduh PNG" for one chart, drawn only when clicked; says so when the server has no Chromium."""
    if not images.chromium_available():
        st.button(images.UNAVAILABLE_TEXT, disabled=True, key=f"png-{key}", icon=":material/hide_image:")
        return
    height = int(figure.layout.height or 460)
    # A callable is run only when the reader clicks: no page pays for every chart's PNG (or JSON) up front.
    st.download_button("Unduh PNG", data=lambda: _png(figure.to_json(), PNG_WIDTH, height), file_name=f"{key}.png",
                       mime="image/png", key=f"png-{key}", on_click="ignore", icon=":material/image:")


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
                 "angka resmi 12 Juli 2016 (catatan kemitraan tidak punya angka resmi pembanding), dipakai karena "
                 "register rinci Dinas tidak dipublikasikan.")
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


@st.cache_resource
def _throttle() -> auth.Throttle:
    """One brake on wrong passwords for the whole server process, shared by every session."""
    return auth.Throttle()


def _admin_users() -> dict[str, str]:
    try:
        return auth.users_from_secrets(st.secrets.to_dict())
    except Exception:  # no secrets file at all (StreamlitSecretNotFoundError) or an unreadable one
        return {}


def require_admin() -> str:
    """The signed-in admin's name, with a logout button; otherwise a login form, and the page stops."""
    if access.is_public():  # never registered there; a second lock in case the file is ever run directly
        st.error("Halaman ini tidak tersedia di situs publik.", icon=":material/block:")
        st.stop()
    name = st.session_state.get("_admin")
    if name:
        with st.sidebar:
            st.caption(f"Masuk sebagai **{html.escape(name)}**")
            if st.button("Keluar", icon=":material/logout:", key="keluar"):
                del st.session_state["_admin"]
                st.rerun()
        return name
    users = _admin_users()
    if not users:
        st.warning("Belum ada akun admin di server ini. Petugas TI membuatnya dengan perintah "
                   "`python -m koperasi_data add-user NAMA` (lihat README).", icon=":material/key_off:")
        st.stop()
    with st.form("masuk"):
        st.markdown("#### Masuk untuk mengelola data")
        name = st.text_input("Nama pengguna", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", icon=":material/login:", type="primary")
    if submitted:
        throttle = _throttle()
        wait = throttle.wait_seconds(name)
        if wait > 0:
            st.error(f"Terlalu banyak percobaan yang salah. Coba lagi dalam {math.ceil(wait)} detik.",
                     icon=":material/timer:")
        elif auth.verify(users, name, password):
            throttle.record_success(name)
            st.session_state["_admin"] = name
            st.rerun()
        else:
            throttle.record_failure(name)
            st.error("Nama pengguna atau kata sandi salah.", icon=":material/error:")
    st.stop()


# Presentation (?mode=presentasi) ---------------------------------------------------

PRESENTATION_MODE = "presentasi"
_CSS_DIR = Path(__file__).resolve().parent.parent
AUTO_ADVANCE_SECONDS = (5, 10, 15, 20, 30, 45, 60)


def presenting() -> bool:
    """Whether the URL asks for the bare presentation (?mode=presentasi)."""
    return st.query_params.get("mode") == PRESENTATION_MODE


def presentation_chrome() -> None:
    """Hide sidebar, header and toolbar: the screen holds the slide and its quiet controls only."""
    st.html(f"<style>{(_CSS_DIR / 'presentasi-mode.css').read_text(encoding='utf-8')}</style>")


@st.cache_data(show_spinner=False)
def _deck_slides(version: str, year: int, _dataset: Dataset) -> list[slides.Slide]:
    return slides.deck(_dataset, _values(version, _dataset), year)


def deck_slides(dataset: Dataset, year: int) -> list[slides.Slide]:
    """The year's deck, built once per data version."""
    return _deck_slides(dataset.version, year, dataset)


@st.cache_data(show_spinner=False)
def _deck_file(version: str, year: int, kind: str, _dataset: Dataset) -> bytes:
    items = _deck_slides(version, year, _dataset)
    return deck.pptx_bytes(items) if kind == "pptx" else deck.pdf_bytes(items)


def deck_file(dataset: Dataset, year: int, kind: str) -> bytes:
    """The year's deck as a PowerPoint ('pptx') or PDF ('pdf') file."""
    return _deck_file(dataset.version, year, kind, dataset)


def slide_number(total: int) -> int:
    """The 1-based slide the URL asks for (?slide=3), kept within the deck."""
    try:
        number = int(st.query_params.get("slide", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), total)


def _go_to(number: int) -> None:
    st.query_params["slide"] = str(number)


def show_slide(slide: slides.Slide) -> None:
    """One slide, sized to the screen: title, big numbers or chart or text, and its source in small type."""
    st.html(f"<style>{(_CSS_DIR / 'presentasi.css').read_text(encoding='utf-8')}</style>")
    st.markdown(CSS, unsafe_allow_html=True)
    with st.container(key="slide"):
        st.html(slides.slide_head_html(slide))
        if slide.chart is not None:
            st.plotly_chart(slides.projector_figure(slide.chart.figure), height="stretch", theme=None,
                            key=f"salindia-{slide.key}", config={"displayModeBar": False, "locale": "id"})
            st.markdown(f'<p class="sr-only" role="note">Teks alternatif: {html.escape(slide.chart.alt)}</p>',
                        unsafe_allow_html=True)
        else:
            st.html(slides.slide_body_html(slide))
        st.html(slides.slide_source_html(slide))


def _auto_advance(seconds: int, number: int, total: int) -> None:
    # The fragment also runs with every full run; only its own timer may turn the page.
    st.session_state["_auto_armed"] = False

    @st.fragment(run_every=seconds)
    def tick() -> None:
        if st.session_state.get("_auto_armed"):
            st.session_state["_auto_armed"] = False
            _go_to(number % total + 1)
            st.rerun(scope="app")
        st.session_state["_auto_armed"] = True

    tick()


def slide_controls(number: int, total: int, dataset: Dataset, year: int) -> None:
    """Previous/next (also ← and →), the slide counter, and a small menu with auto-advance and the deck files."""
    with st.container(horizontal=True, key="slide-controls"):
        st.button("Sebelumnya", key="slide-prev", icon=":material/chevron_left:", on_click=_go_to, args=(number - 1,),
                  disabled=number <= 1, shortcut="Left", type="tertiary")
        st.markdown(f'<p class="slide-counter">{number} / {total}</p>', unsafe_allow_html=True)
        st.button("Berikutnya", key="slide-next", icon=":material/chevron_right:", icon_position="right",
                  on_click=_go_to, args=(number + 1,), disabled=number >= total, shortcut="Right", type="tertiary")
        with st.popover("Menu", icon=":material/tune:", type="tertiary"):
            auto = st.toggle("Maju otomatis", key="maju-otomatis", value=False)
            seconds = st.select_slider("Jeda antarsalindia (detik)", AUTO_ADVANCE_SECONDS, value=15, key="jeda")
            # Built on request (about a second or more), then kept for this session's later reruns.
            st.button("Siapkan PPTX dan PDF", key="siapkan-deck", icon=":material/slideshow:",
                      on_click=st.session_state.__setitem__, args=("_deck_ready", (dataset.version, year)))
            if st.session_state.get("_deck_ready") == (dataset.version, year):
                with st.spinner("Menyusun salindia…"):
                    pptx = deck_file(dataset, year, "pptx")
                    pdf = deck_file(dataset, year, "pdf") if deck.pdf_available() else None
                st.download_button("Unduh PPTX", pptx, file_name=f"hari-koperasi-{year}.pptx", key="unduh-pptx",
                                   mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                   icon=":material/download:", on_click="ignore")
                if pdf is None:
                    st.caption(deck.PDF_UNAVAILABLE_TEXT)
                else:
                    st.download_button("Unduh PDF", pdf, file_name=f"hari-koperasi-{year}.pdf", key="unduh-pdf",
                                       mime="application/pdf", icon=":material/download:", on_click="ignore")
    if auto:
        _auto_advance(seconds, number, total)


# Kelola Data (admin page) ----------------------------------------------------------------

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner="Menyiapkan berkas Excel…")
def _template_bytes(version: str, with_rows: bool, _dataset: Dataset) -> bytes:
    return template.workbook_bytes(_dataset, with_rows=with_rows)


def template_bytes(dataset: Dataset, with_rows: bool) -> bytes:
    """The Excel template, empty or filled with the current register, built once per data version."""
    return _template_bytes(dataset.version, with_rows, dataset)


def prepare_upload(content: bytes, file_name: str, table: str, reference: Dataset) -> ingest.Prepared:
    """Read and check an upload once per file content (a rerun does not read it again)."""
    key = ("_upload", hashlib.sha256(content).hexdigest(), file_name, table, reference.version)
    cached = st.session_state.get("_upload")
    if cached and cached[0] == key:
        return cached[1]
    with st.status("Memeriksa berkas…", expanded=False) as status:
        try:
            prepared = ingest.prepare(content, file_name, table if file_name.lower().endswith(".csv") else None,
                                      reference)
        except ingest.UnreadableFile:
            status.update(label="Berkas tidak dapat dibaca", state="error")
            raise
        status.update(label="Pemeriksaan selesai", state="error" if prepared.problems else "complete")
    st.session_state["_upload"] = (key, prepared)
    return prepared


def change_preview(change: ingest.Change, dataset: Dataset) -> None:
    """How the headline totals move and which cooperatives are added, removed or changed."""
    if change.unchanged:
        st.info("Isi berkas sama dengan versi yang sedang dipakai; menerapkannya hanya mencatat versi baru.",
                icon=":material/equal:")
    st.markdown("#### Angka utama: sebelum dan sesudah")
    table(change.totals, dataset, "pratinjau-angka", "pratinjau angka")
    counts = [("Koperasi baru", change.added), ("Koperasi dihapus", change.removed),
              ("Koperasi berubah", change.changed)]
    for column, (title, frame) in zip(st.columns(3), counts):
        column.metric(title, fmt.number(len(frame)))
    for title, frame, key in [("Koperasi baru", change.added, "pratinjau-baru"),
                              ("Koperasi dihapus", change.removed, "pratinjau-dihapus"),
                              ("Isian yang berubah", change.changed_cells, "pratinjau-berubah")]:
        if len(frame):
            with st.expander(f"{title} ({fmt.number(len(frame))})"):
                table(frame, dataset, key, title.lower())


def import_prepared(prepared: ingest.Prepared, user: str, note: str, data_date, expected_current: int):
    """Store a checked upload as the new current version; None (with a message) if someone was faster."""
    try:
        return store().import_tables(prepared.tables, user_name=user, file_name=prepared.file_name,
                                     file_sha256=prepared.sha256, note=note, data_date=data_date,
                                     expected_current=expected_current)
    except store_module.StaleVersion:
        st.warning("Sementara Anda memeriksa, pengguna lain sudah menyimpan versi baru. Unggah berkas Anda lagi "
                   "agar pratinjaunya dihitung terhadap versi terbaru.", icon=":material/sync_problem:")
        st.session_state.pop("_upload", None)
        return None


def versions_table(versions: list) -> pd.DataFrame:
    """Every version, newest first, with its audit record."""
    return pd.DataFrame([{
        "versi": f"#{v.id}" + (" (dipakai)" if v.is_current else ""),
        "waktu": fmt.datetime_wib(v.created_at),
        "tindakan": {"seed": "data bawaan", "import": "impor", "rollback": f"pemulihan #{v.restored_from}"}[v.action],
        "pengguna": v.user_name or "–",
        "berkas": v.file_name or "–",
        "sha256": (v.file_sha256 or "")[:12] or "–",
        "baris": ", ".join(f"{name} {fmt.number(n)}" for name, n in v.row_counts.items()),
        "keadaan_per": fmt.date(v.data_date),
        "catatan": v.note or "–",
    } for v in versions])
