"""The presentation (?mode=presentasi): the Hari Koperasi deck on screen, its controls, and the deck files."""

from __future__ import annotations

import html
from pathlib import Path

import streamlit as st

from koperasi_data import deck, i18n, slides
from koperasi_data.load import Dataset
from koperasi_data.ui import CSS, _FrozenFigure, per_version, published_values
from koperasi_data.i18n import _

PRESENTATION_MODE = "presentasi"
_CSS_DIR = Path(__file__).resolve().parent.parent
AUTO_ADVANCE_SECONDS = (5, 10, 15, 20, 30, 45, 60)
# The style sheets, read once per process (not from disk on every run of every viewer).
_MODE_CSS = (_CSS_DIR / "presentasi-mode.css").read_text(encoding="utf-8")
_SLIDE_CSS = (_CSS_DIR / "presentasi.css").read_text(encoding="utf-8")


def presenting() -> bool:
    """Whether the URL asks for the bare presentation (?mode=presentasi)."""
    return st.query_params.get("mode") == PRESENTATION_MODE


def presentation_chrome() -> None:
    """Hide sidebar, header and toolbar: the screen holds the slide and its quiet controls only."""
    st.html(f"<style>{_MODE_CSS}</style>")


def deck_slides(dataset: Dataset, year: int) -> list[slides.Slide]:
    """The year's deck in the current language, built once per data version and language for the whole server
    (shared and read-only: no copy a run, as st.cache_data would unpickle)."""
    return per_version(dataset, ("deck", year), lambda: slides.deck(dataset, published_values(dataset), year))


@st.cache_data(show_spinner=False)
def _deck_file(version: str, year: int, kind: str, lang: str, _dataset: Dataset) -> bytes:
    with i18n.use(lang):
        items = deck_slides(_dataset, year)
        return deck.pptx_bytes(items) if kind == "pptx" else deck.pdf_bytes(items)


def deck_file(dataset: Dataset, year: int, kind: str) -> bytes:
    """The year's deck as a PowerPoint ('pptx') or PDF ('pdf') file, in the current language."""
    return _deck_file(dataset.version, year, kind, i18n.current(), dataset)


def slide_number(total: int) -> int:
    """The 1-based slide the URL asks for (?slide=3), kept within the deck."""
    try:
        number = int(st.query_params.get("slide", "1"))
    except ValueError:
        number = 1
    return min(max(number, 1), total)


def _go_to(number: int) -> None:
    st.query_params["slide"] = str(number)


def _slide_figures(dataset: Dataset, year: int, slide: slides.Slide) -> tuple[_FrozenFigure, _FrozenFigure]:
    """A chart slide's projector and phone figures, made (and their JSON written) once per data version."""
    return per_version(dataset, ("slide-figures", year, slide.key),
                       lambda: (_FrozenFigure.of(slides.projector_figure(slide.chart.figure)),
                                _FrozenFigure.of(slides.phone_figure(slide.chart.figure))))


def show_slide(slide: slides.Slide, dataset: Dataset, year: int) -> None:
    """One slide, sized to the screen: title, big numbers or chart or text, and its source in small type."""
    # The slide's style sheet and the dashboard's in one element (each element costs every run).
    st.html(f"<style>{_SLIDE_CSS}</style>{CSS}")
    with st.container(key="slide"):
        st.html(slides.slide_head_html(slide))
        if slide.chart is not None:
            config = {"displayModeBar": False, "locale": i18n.current()}
            projector, phone = _slide_figures(dataset, year, slide)
            st.plotly_chart(projector, height="stretch", theme=None, key=f"salindia-{slide.key}", config=config)
            # A phone (presentasi.css, <= 640 px) shows instead the chart as the dashboard's pages draw it there:
            # type, labels and height made for 390 px; the projector's type squashed it. Hidden on wider screens.
            with st.container(key="slide-phone-chart"):
                st.plotly_chart(phone, theme=None, key=f"salindia-hp-{slide.key}", config=config)
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
        st.button(_("Sebelumnya"), key="slide-prev", icon=":material/chevron_left:", on_click=_go_to, args=(number - 1,),
                  disabled=number <= 1, shortcut="Left", type="tertiary")
        st.markdown(f'<p class="slide-counter">{number} / {total}</p>', unsafe_allow_html=True)
        st.button(_("Berikutnya"), key="slide-next", icon=":material/chevron_right:", icon_position="right",
                  on_click=_go_to, args=(number + 1,), disabled=number >= total, shortcut="Right", type="tertiary")
        with st.popover(_("Menu"), icon=":material/tune:", type="tertiary"):
            auto = st.toggle(_("Maju otomatis"), key="maju-otomatis", value=False)
            seconds = st.select_slider(_("Jeda antarsalindia (detik)"), AUTO_ADVANCE_SECONDS, value=15, key="jeda")
            # Built on request (about a second or more), then kept for this session's later reruns.
            st.button(_("Siapkan PPTX dan PDF"), key="siapkan-deck", icon=":material/slideshow:",
                      on_click=st.session_state.__setitem__, args=("_deck_ready", (dataset.version, year)))
            if st.session_state.get("_deck_ready") == (dataset.version, year):
                with st.spinner(_("Menyusun salindia…")):
                    pptx = deck_file(dataset, year, "pptx")
                    pdf = deck_file(dataset, year, "pdf") if deck.pdf_available() else None
                st.download_button(_("Unduh PPTX"), pptx, file_name=f"hari-koperasi-{year}.pptx", key="unduh-pptx",
                                   mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                   icon=":material/download:", on_click="ignore")
                if pdf is None:
                    st.caption(deck.PDF_UNAVAILABLE_TEXT)
                else:
                    st.download_button(_("Unduh PDF"), pdf, file_name=f"hari-koperasi-{year}.pdf", key="unduh-pdf",
                                       mime="application/pdf", icon=":material/download:", on_click="ignore")
    if auto:
        _auto_advance(seconds, number, total)


