"""Koperasi Desa/Kelurahan Merah Putih: the 2025 national programme, from the village meeting to the outlet building."""

import streamlit as st

from koperasi_data import ui
from koperasi_data.i18n import N_, _

view = ui.current_view()
ui.page_header(_("Koperasi Desa/Kelurahan Merah Putih"),
               _("Program nasional sejak 2025: satu koperasi di setiap desa dan kelurahan. Berapa desa sudah "
                 "bermusyawarah, berapa koperasi sudah berbadan hukum dan berjalan, dan di mana gedung gerainya?"))

st.header(_("Angka terakhir"))
ui.card_row("kopdes", view)
ui.view_tabs({N_("Grafik"): "kopdes-musdesus", N_("Peta"): "peta-kopdes"}, view)
st.subheader(_("Dari musyawarah desa sampai gedung gerai: angka terakhir tiap tahap"))
ui.view("kopdes-tahapan", view)
st.info(ui.kopdes_line(view), icon=":material/info:")
st.subheader(_("Gedung gerai per kecamatan dan desa"))
ui.view_tabs({N_("Tabel"): "kopdes-gerai", N_("Peta: tanpa lahan"): "peta-kopdes-gerai"}, view)
ui.definitions(view.dataset, ["Koperasi Desa/Kelurahan Merah Putih", "KDKMP", "Gerai Koperasi Merah Putih",
                              "Pendamping bisnis", "PPPK", "Angka perkiraan (sekitar)"])
