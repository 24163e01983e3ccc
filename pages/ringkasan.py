"""Ringkasan: headline figures of the chosen year and the trend of active cooperatives."""

import streamlit as st

from koperasi_data import cards, charts, fmt, metrics, schema, ui

view = ui.current_view()
ui.page_header("Ringkasan", f"Keadaan koperasi dan UMKM Kabupaten Pamekasan menurut angka yang terbit, "
               f"tahun **{view.year}**. Setiap angka menyebut sumber dan tanggalnya.")
if view.kecamatan:
    st.info("Angka ringkasan berlaku untuk seluruh kabupaten; filter kecamatan dipakai di halaman "
            "Koperasi, Sertifikasi Tanah dan UMKM.", icon=":material/filter_alt:")

st.subheader("Koperasi")
ui.cards(cards.koperasi_cards(view.values, view.year),
         cards.missing_year_text("koperasi", view.year, metrics.years_of(view.values, schema.KOPERASI_TOTAL)))
st.subheader("UMKM dan tenaga kerja")
ui.cards(cards.umkm_cards(view.values, view.year),
         cards.missing_year_text("unit UMKM", view.year, metrics.years_of(view.values, schema.UMKM_UNIT)))

st.subheader("Register koperasi Dinas")
ui.illustrative_badge(view.dataset, schema.KOPERASI,
                      "Data ilustratif: register buatan, total sama dengan angka resmi 12 Juli 2016")
st.caption(f"Keadaan register per {fmt.date(view.dataset.as_of(schema.KOPERASI))}, berapa pun tahun yang dipilih; "
           "Dinas memperbaruinya lewat halaman Kelola Data.")
ui.cards(cards.register_cards(metrics.koperasi_totals(view.dataset[schema.KOPERASI]),
                              view.dataset.is_illustrative(schema.KOPERASI), view.dataset.as_of(schema.KOPERASI),
                              first_label="Koperasi dalam register"))

trend = metrics.koperasi_trend(view.values)
ui.chart(charts.koperasi_trend(trend), view.dataset, "tren-koperasi", cards.sources_line(trend))
ui.definitions(view.dataset, ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)",
                              "UMKM", "Tenaga kerja UMKM", "Data resmi", "Data turunan", "Data ditandai"])
