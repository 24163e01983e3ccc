"""Ringkasan: headline figures of the chosen year and the trend of active cooperatives."""

import streamlit as st

from koperasi_data import cards, fmt, schema, ui
from koperasi_data.i18n import _

view = ui.current_view()
ui.page_header(_("Ringkasan"), _("Keadaan koperasi dan UMKM Kabupaten Pamekasan menurut angka yang terbit, "
                              "tahun **{0}**. Setiap angka menyebut sumber dan tanggalnya.").format(view.year))
if view.kecamatan:
    st.info(_("Angka ringkasan berlaku untuk seluruh kabupaten; filter kecamatan dipakai di halaman "
              "Koperasi, Sertifikasi Tanah dan UMKM."), icon=":material/filter_alt:")

st.header(_("Koperasi"))
ui.card_row("koperasi-terbit", view)
st.markdown(_("**Keadaan terakhir.** {0}").format(ui.kopdes_line(view)))
st.header(_("UMKM dan tenaga kerja"))
ui.card_row("umkm-terbit", view)

st.header(_("Register koperasi Dinas"))
ui.illustrative_badge(view.dataset, schema.KOPERASI, cards.register_badge())
st.caption(_("Keadaan register per {0}, berapa pun tahun yang dipilih; "
             "Dinas memperbaruinya lewat halaman Kelola Data.").format(fmt.date(view.dataset.as_of(schema.KOPERASI))))
ui.card_row("register-koperasi", view)

ui.view("tren-koperasi", view)
ui.definitions(view.dataset, ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)",
                              "UMKM", "Tenaga kerja UMKM", "Data resmi", "Data turunan", "Data ditandai"])
