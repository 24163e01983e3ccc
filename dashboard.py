"""Entry point: page config, navigation, shared filters and the provenance footer."""

import streamlit as st

from koperasi_data import access, ui
from koperasi_data.ui import presentation

# ?mode=presentasi: the deck alone on screen, no sidebar, header or navigation. Otherwise "auto": open on a
# wide screen, closed on a phone (where it would cover the page on every load) and one tap away.
presenting = presentation.presenting()
# The tab icon is a local file: a ":material/…:" page icon makes every browser fetch it from fonts.gstatic.com.
st.set_page_config(page_title="Dasbor Koperasi & UMKM Pamekasan", page_icon=ui.FAVICON,
                   layout="wide", initial_sidebar_state="collapsed" if presenting else "auto")

navigation = st.navigation([
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=not presenting),
    st.Page("pages/koperasi.py", title="Koperasi", icon=":material/groups:"),
    st.Page("pages/sertifikasi.py", title="Sertifikasi Tanah", icon=":material/verified:"),
    st.Page("pages/kemitraan.py", title="Kemitraan", icon=":material/handshake:"),
    st.Page("pages/umkm.py", title="UMKM & Tenaga Kerja", icon=":material/storefront:"),
    st.Page("pages/sumber.py", title="Sumber & Unduh Data", icon=":material/dataset:"),
    st.Page("pages/presentasi.py", title="Presentasi", icon=":material/slideshow:", default=presenting),
] + ([] if access.is_public() else [
    # The public instance (KOPERASI_MODE=publik) does not register the admin page at all.
    st.Page("pages/kelola_data.py", title="Kelola Data", icon=":material/admin_panel_settings:"),
]), position="hidden" if presenting else "sidebar")
if presenting:
    presentation.presentation_chrome()
st.sidebar.markdown("**Dasbor Koperasi & UMKM**  \nDinas Koperasi dan UKM Kabupaten Pamekasan")
view = ui.sidebar_filters()
ui.publish_view(view)
navigation.run()
if not presenting:
    ui.provenance_footer(view.dataset)
