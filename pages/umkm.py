"""UMKM & Tenaga Kerja: enterprises and the workers they employ, by kecamatan, sector and scale."""

import streamlit as st

from koperasi_data import cards, schema, ui

view = ui.current_view()
ui.page_header("UMKM dan tenaga kerja",
               "Usaha mikro, kecil dan menengah yang tercatat Dinas, dan berapa orang yang bekerja di dalamnya.")

st.header(f"Angka terbit tahun {view.year}")
ui.card_row("umkm-terbit", view)

st.header("Sebaran UMKM 2016")
ui.illustrative_badge(view.dataset, schema.UMKM, cards.UMKM_BADGE)
ui.view_tabs({"Grafik": "umkm-kecamatan", "Peta: unit usaha": "peta-umkm",
              "Peta: tenaga kerja": "peta-umkm-tenaga-kerja"}, view)
for slug in ("umkm-sektor", "umkm-skala"):
    ui.view(slug, view)

st.header("Angka UMKM lain yang terbit")
st.warning("Angka-angka ini **mengukur hal yang berbeda**: unit usaha tercatat (2016), pelaku UMKM, pelaku "
           "berizin, dan UMKM ber-NIB. Jangan dibaca sebagai satu deret naik-turun.", icon=":material/warning:")
ui.view("umkm-ukuran", view)
ui.view_tabs({"Grafik": "umkm-halal", "Peta": "peta-halal"}, view)
ui.definitions(view.dataset, ["UMKM", "Usaha mikro / kecil / menengah", "Tenaga kerja UMKM", "NIB",
                              "Sertifikat halal", "BPUM", "Data ilustratif"])
