"""Sertifikasi Tanah: progress of cooperative land through BPN, and the SHAT UMKM programme."""

import streamlit as st

from koperasi_data import cards, charts, fmt, metrics, schema, ui

view = ui.current_view()
ui.page_header("Sertifikasi tanah bersama BPN",
               "Dinas bermitra dengan Badan Pertanahan Nasional (BPN) agar tanah koperasi dan UMKM bersertipikat "
               "dan dapat dijadikan jaminan pinjaman (*bankable*). Di mana prosesnya tertahan, dan mengapa?")

st.header("Tanah koperasi")
ui.illustrative_badge(view.dataset, schema.CERTIFICATION, "Data ilustratif: register bidang buatan")
parcels = view.dataset[schema.CERTIFICATION]
koperasi = view.dataset[schema.KOPERASI]
located = metrics.filter_kecamatan(metrics.parcels_with_kecamatan(parcels, koperasi), view.kecamatan)
source = cards.register_line(view.dataset, schema.CERTIFICATION)
as_of = view.dataset.as_of(schema.CERTIFICATION)
ui.chart(charts.parcel_funnel(metrics.parcel_funnel(located)), view.dataset, "sertifikasi-corong", source,
         register=schema.CERTIFICATION)
ui.chart(charts.parcels_over_time(metrics.parcels_over_time(located)), view.dataset, "sertifikasi-waktu", source,
         register=schema.CERTIFICATION)
ui.chart(charts.stuck_by_kecamatan(metrics.stuck_by_kecamatan(located, view.kecamatan_shown)),
         view.dataset, "sertifikasi-kecamatan", source, register=schema.CERTIFICATION)

st.subheader("Yang tertahan")
ui.illustrative_badge(view.dataset, schema.CERTIFICATION)
stuck = metrics.stuck_parcels(located, as_of)
st.markdown(f"**{fmt.number(len(stuck))}** bidang belum bersertipikat per "
            f"{fmt.date(as_of)}, paling lama menunggu di atas.")
ui.table(stuck, view.dataset, "sertifikasi-tertahan", "bidang tertahan")
ui.table(metrics.postponement_reasons(located), view.dataset, "sertifikasi-alasan", "alasan ditunda/ditolak")
st.caption(source)

st.header("SHAT UMKM: angka terbit")
quota = metrics.indicator_series(view.values, [schema.SHAT_KUOTA, schema.SHAT_USULAN, schema.SHAT_KUOTA_PERKIRAAN])
ui.chart(charts.shat_quota(quota), view.dataset, "shat-kuota", cards.sources_line(quota))
unmeasured = metrics.village_values(view.values, schema.SHAT_BELUM_DIUKUR)
ui.chart(charts.shat_unmeasured(unmeasured), view.dataset, "shat-belum-diukur", cards.sources_line(unmeasured))
postponed = metrics.village_values(view.values, schema.SHAT_DITUNDA)
if not postponed.empty:
    st.markdown("Ditunda: " + cards.village_list(postponed, "bidang"))
ui.definitions(view.dataset, ["BPN", "Sertifikasi aset / bankable", "SHAT UMKM", "Kuota (sertifikasi)", "Diusulkan",
                              "Diverifikasi", "Diukur", "Sertipikat terbit", "Ditunda", "Ditolak", "Data ilustratif"])
