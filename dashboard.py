"""Entry point: page config, navigation, shared filters and the provenance footer."""

import streamlit as st

from koperasi_data import access, ui
from koperasi_data.ui import presentation, status
from koperasi_data.i18n import _

status.hide_error_details()
# ?lang=en (or the sidebar's ID/EN switch): every message, number and date of this run in that language.
ui.activate_lang()
# ?mode=presentasi: the deck alone on screen, no sidebar, header or navigation. Otherwise "auto": open on a
# wide screen, closed on a phone (where it would cover the page on every load) and one tap away.
presenting = presentation.presenting()
# The tab icon is a local file: a ":material/…:" page icon makes every browser fetch it from fonts.gstatic.com.
st.set_page_config(page_title=_("Dasbor Koperasi & UMKM Pamekasan"), page_icon=ui.FAVICON,
                   layout="wide", initial_sidebar_state="collapsed" if presenting else "auto")

# The public instance (KOPERASI_MODE=publik) does not register the admin page at all, and its file
# lives outside pages/, where Streamlit's pages-folder discovery cannot find it.
admin_page = None if access.is_public() else st.Page(
    "admin/kelola_data.py", title=_("Kelola Data"), icon=":material/admin_panel_settings:", url_path="kelola_data")
navigation = st.navigation([
    st.Page("pages/ringkasan.py", title=_("Ringkasan"), icon=":material/dashboard:", default=not presenting),
    st.Page("pages/koperasi.py", title=_("Koperasi"), icon=":material/groups:"),
    st.Page("pages/kopdes.py", title=_("Koperasi Merah Putih"), icon=":material/holiday_village:"),
    st.Page("pages/sertifikasi.py", title=_("Sertifikasi Tanah"), icon=":material/verified:"),
    st.Page("pages/kemitraan.py", title=_("Kemitraan"), icon=":material/handshake:"),
    st.Page("pages/umkm.py", title=_("UMKM & Tenaga Kerja"), icon=":material/storefront:"),
    st.Page("pages/sumber.py", title=_("Sumber & Unduh Data"), icon=":material/dataset:"),
    st.Page("pages/presentasi.py", title=_("Presentasi"), icon=":material/slideshow:", default=presenting),
] + ([admin_page] if admin_page else []), position="hidden" if presenting else "sidebar")
if presenting:
    presentation.presentation_chrome()
ui.sidebar_brand()
try:
    view = ui.sidebar_filters()
except Exception as error:  # store unreachable or its current version unreadable: a sentence, not a traceback
    view = None
    status.data_unavailable(error)
if view is not None:
    status.data_available()
    ui.publish_view(view)
    navigation.run()
    if not presenting:
        ui.provenance_footer(view.dataset)
elif admin_page is not None and navigation.url_path == admin_page.url_path:
    navigation.run()  # the admin page still offers the rollback that repairs it
