"""UMKM & Tenaga Kerja: enterprises and the workers they employ, by kecamatan, sector and scale."""

import streamlit as st

from koperasi_data import cards, charts, metrics, schema, ui

view = ui.current_view()
ui.page_header("UMKM dan tenaga kerja",
               "Usaha mikro, kecil dan menengah yang tercatat Dinas, dan berapa orang yang bekerja di dalamnya.")

st.subheader(f"Angka terbit tahun {view.year}")
ui.cards(cards.umkm_cards(view.values, view.year),
         cards.missing_year_text("unit UMKM", view.year, metrics.years_of(view.values, schema.UMKM_UNIT)))

st.header("Sebaran UMKM 2016")
ui.illustrative_badge(view.dataset, schema.UMKM,
                      "Data ilustratif: sebaran buatan, total sama dengan angka resmi 12 Juli 2016")
umkm = metrics.filter_kecamatan(view.dataset[schema.UMKM], view.kecamatan)
source = cards.register_line(view.dataset, schema.UMKM)
ui.chart(charts.umkm_by(metrics.umkm_by(umkm, "kecamatan", view.kecamatan_shown), "kecamatan", "Kecamatan"),
         view.dataset, "umkm-kecamatan", source, register=schema.UMKM)
ui.chart(charts.umkm_by(metrics.umkm_by(umkm, "sektor", schema.SEKTOR), "sektor", "Sektor"), view.dataset,
         "umkm-sektor", source, register=schema.UMKM)
ui.chart(charts.workers_per_unit(metrics.umkm_by(umkm, "skala", schema.SKALA), "skala"), view.dataset,
         "umkm-skala", source, register=schema.UMKM)

st.header("Angka UMKM lain yang terbit")
st.warning("Angka-angka ini **mengukur hal yang berbeda**: unit usaha tercatat (2016), pelaku UMKM, pelaku "
           "berizin, dan UMKM ber-NIB. Jangan dibaca sebagai satu deret naik-turun.", icon=":material/warning:")
measures = metrics.indicator_series(view.values, [schema.UMKM_UNIT, schema.UMKM_PELAKU, schema.UMKM_BERIZIN,
                                                  schema.UMKM_NIB])
ui.chart(charts.umkm_measures(measures), view.dataset, "umkm-ukuran", cards.sources_line(measures))
halal = metrics.by_kecamatan_values(view.values, schema.PRODUK_HALAL, view.dataset[schema.KECAMATAN])
halal = metrics.filter_kecamatan(halal, view.kecamatan)
ui.chart(charts.halal_by_kecamatan(halal), view.dataset, "umkm-halal", cards.sources_line(halal))
ui.definitions(view.dataset, ["UMKM", "Usaha mikro / kecil / menengah", "Tenaga kerja UMKM", "NIB",
                              "Sertifikat halal", "BPUM", "Data ilustratif"])
