"""Ringkasan: headline figures of the chosen year and the trend of active cooperatives."""

import streamlit as st

from koperasi_data import cards, fmt, schema, ui

view = ui.current_view()
ui.page_header("Ringkasan", f"Keadaan koperasi dan UMKM Kabupaten Pamekasan menurut angka yang terbit, "
               f"tahun **{view.year}**. Setiap angka menyebut sumber dan tanggalnya.")
if view.kecamatan:
    st.info("Angka ringkasan berlaku untuk seluruh kabupaten; filter kecamatan dipakai di halaman "
            "Koperasi, Sertifikasi Tanah dan UMKM.", icon=":material/filter_alt:")

st.header("Koperasi")
ui.card_row("koperasi-terbit", view)
st.markdown(f"**Keadaan terakhir.** {ui.kopdes_line(view)}")
st.header("UMKM dan tenaga kerja")
ui.card_row("umkm-terbit", view)

st.header("Register koperasi Dinas")
ui.illustrative_badge(view.dataset, schema.KOPERASI, cards.REGISTER_BADGE)
st.caption(f"Keadaan register per {fmt.date(view.dataset.as_of(schema.KOPERASI))}, berapa pun tahun yang dipilih; "
           "Dinas memperbaruinya lewat halaman Kelola Data.")
ui.card_row("register-koperasi", view)

ui.view("tren-koperasi", view)
ui.definitions(view.dataset, ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)",
                              "UMKM", "Tenaga kerja UMKM", "Data resmi", "Data turunan", "Data ditandai"])
