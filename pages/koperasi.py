"""Koperasi: active vs inactive over the years, and where, what type, RAT and dissolution (register)."""

import streamlit as st

from koperasi_data import cards, charts, fmt, metrics, schema, ui

view = ui.current_view()
ui.page_header("Koperasi aktif dan tidak aktif",
               "Berapa koperasi yang masih berjalan, di mana, jenis apa, dan mana yang diusulkan untuk dibubarkan. "
               "Koperasi dihitung **aktif** bila menyelenggarakan Rapat Anggota Tahunan (RAT).")

st.subheader(f"Angka terbit tahun {view.year}")
ui.cards(cards.koperasi_cards(view.values, view.year),
         cards.missing_year_text("koperasi", view.year, metrics.years_of(view.values, schema.KOPERASI_TOTAL)))
trend = metrics.koperasi_trend(view.values)
ui.chart(charts.koperasi_trend(trend), view.dataset, "koperasi-tren", cards.sources_line(trend))
flagged = metrics.flagged_values(view.values, "koperasi")
if not flagged.empty:
    with st.expander(f"Angka yang ditandai ({len(flagged)}): tidak dipakai di grafik", icon=":material/flag:"):
        ui.table(flagged[["label", "periode", "nilai", "penerbit", "url", "catatan"]], view.dataset,
                 "koperasi-ditandai", "angka ditandai")

st.header("Koperasi Desa/Kelurahan Merah Putih")
ui.cards(cards.latest_cards(view.values, [("kopdes_musdesus", "Desa/kelurahan sudah musdesus"),
                                          ("kopdes_terbentuk", "Koperasi Merah Putih terbentuk"),
                                          ("kopdes_berbadan_hukum", "Berbadan hukum (SK AHU)")]))
coverage = metrics.filter_kecamatan(
    metrics.coverage_by_kecamatan(view.values, "kopdes_musdesus", view.dataset[schema.KECAMATAN]), view.kecamatan)
ui.chart(charts.village_coverage(coverage, "menggelar musyawarah desa khusus"), view.dataset, "kopdes-musdesus",
         cards.sources_line(coverage))
shown = [schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF]
with st.expander("Angka koperasi lain yang terbit (pembubaran 2016, NIK, syariah, pesantren, koperasi baru)",
                 icon=":material/list:"):
    others = metrics.other_values(view.values, "koperasi", shown)
    ui.table(others[["label", "periode", "nilai", "satuan", "penerbit", "url", "status", "catatan"]], view.dataset,
             "koperasi-angka-lain", "angka lain")

st.header("Register koperasi")
ui.illustrative_badge(view.dataset, schema.KOPERASI,
                      "Data ilustratif: register buatan, total sama dengan angka resmi 12 Juli 2016")
st.markdown(f"Rincian per koperasi menurut register keadaan **{fmt.date(view.dataset.as_of(schema.KOPERASI))}**, "
            "berapa pun tahun yang dipilih.")
register = view.dataset[schema.KOPERASI]
left, right = st.columns(2)
with left:
    jenis = ui.multiselect_filter("Jenis koperasi", list(schema.JENIS_KOPERASI), "jenis")
with right:
    status = ui.multiselect_filter("Status", list(schema.STATUS_KOPERASI), "status")
chosen = metrics.filter_koperasi(register, view.kecamatan, jenis, status)
ui.cards(cards.register_cards(metrics.koperasi_totals(chosen), view.dataset.is_illustrative(schema.KOPERASI),
                              view.dataset.as_of(schema.KOPERASI)))

source = cards.register_line(view.dataset, schema.KOPERASI)
by_kecamatan = metrics.koperasi_by_kecamatan(chosen, view.kecamatan_shown)
ui.chart(charts.koperasi_by_kecamatan(by_kecamatan), view.dataset, "koperasi-kecamatan", source,
         register=schema.KOPERASI)
ui.chart(charts.koperasi_by_jenis(metrics.koperasi_by_jenis(chosen)), view.dataset, "koperasi-jenis", source,
         register=schema.KOPERASI)
register_year = view.dataset.as_of(schema.KOPERASI).year
rat = metrics.rat_compliance(chosen, view.kecamatan_shown, register_year)
ui.chart(charts.rat_compliance(rat, register_year), view.dataset, "koperasi-rat", source,
         register=schema.KOPERASI)

st.subheader("Diusulkan untuk dibubarkan")
ui.illustrative_badge(view.dataset, schema.KOPERASI)
proposed = metrics.dissolution_list(chosen)
st.markdown(f"**{len(proposed)}** koperasi tidak aktif diusulkan kepada Kementerian Koperasi dan UKM untuk "
            "dibubarkan (koperasi yang tidak RAT tiga tahun berturut-turut).")
ui.table(proposed, view.dataset, "koperasi-usulan-pembubaran", "daftar usulan pembubaran")
st.caption(source)
ui.definitions(view.dataset, ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)",
                              "Usulan pembubaran", "KSPPS", "NIK (Nomor Induk Koperasi)", "Koperasi pesantren",
                              "Koperasi Desa/Kelurahan Merah Putih", "Data ilustratif", "Data turunan",
                              "Data ditandai"])
