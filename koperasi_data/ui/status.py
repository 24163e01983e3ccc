"""What a reader sees when the data cannot be loaded: one sentence (Indonesian, or English with ?lang=en); the
details go to the server log."""

from __future__ import annotations

import logging

import streamlit as st

from koperasi_data import access
from koperasi_data import store as store_module
from koperasi_data.i18n import N_, _

logger = logging.getLogger(__name__)

UNAVAILABLE = "_data_tidak_tersedia"
PUBLIC_SENTENCE = N_("Data dasbor sedang tidak dapat dimuat. Silakan coba lagi beberapa saat lagi; bila masih "
                   "begitu, hubungi Dinas Koperasi dan UKM Kabupaten Pamekasan.")
INTERNAL_SENTENCE = N_("Penyimpanan data tidak dapat dibuka atau dibaca (lihat log server untuk rinciannya). Bila "
                     "versi yang berlaku rusak, pulihkan versi lain di halaman Kelola Data atau dengan "
                     "`python -m koperasi_data rollback`.")


def hide_error_details() -> None:
    """On the public instance no traceback, path, host or port ever reaches the browser."""
    if access.is_public():
        st.set_option("client.showErrorDetails", "none")


def data_unavailable(error: Exception) -> None:
    """Say in one sentence that the data cannot be shown (the public learns nothing internal); log the rest."""
    logger.error("the dataset could not be loaded", exc_info=error)
    st.session_state[UNAVAILABLE] = True
    if access.is_public():
        st.error(_(PUBLIC_SENTENCE), icon=":material/cloud_off:")
    elif isinstance(error, store_module.StoreError):
        st.error(str(error), icon=":material/error:")
    else:
        st.error(_(INTERNAL_SENTENCE), icon=":material/error:")


def data_available() -> None:
    """This run loaded the data."""
    st.session_state[UNAVAILABLE] = False


def data_unavailable_now() -> bool:
    """Whether this run of the entry point could not load the data."""
    return bool(st.session_state.get(UNAVAILABLE))


def hand_over_to_entry_point() -> None:
    """Leave Streamlit's pages-folder mode and run the entry point, which decides what this address shows.

    A server's very first request for /name runs pages/name.py alone; without a file there it shows a
    blocking "page not found" dialog instead, even when the entry point registers that address.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()
