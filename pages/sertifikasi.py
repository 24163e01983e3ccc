"""Sertifikasi Tanah: progress of cooperative land through BPN, and the SHAT UMKM programme."""

import streamlit as st

from koperasi_data import cards, fmt, metrics, schema, ui

view = ui.current_view()
ui.page_header("Sertifikasi tanah bersama BPN",
               "Dinas bermitra dengan Badan Pertanahan Nasional (BPN) agar tanah koperasi dan UMKM bersertipikat "
               "dan dapat dijadikan jaminan pinjaman (*bankable*). Di mana prosesnya tertahan, dan mengapa?")

st.header("Tanah koperasi")
ui.illustrative_badge(view.dataset, schema.CERTIFICATION, "Data ilustratif: register bidang buatan")
for slug in ("sertifikasi-corong", "sertifikasi-waktu"):
    ui.view(slug, view)
ui.view_tabs({"Grafik": "sertifikasi-kecamatan", "Peta": "peta-sertifikasi"}, view)

st.subheader("Yang tertahan")
ui.illustrative_badge(view.dataset, schema.CERTIFICATION)
stuck = ui.built_view("sertifikasi-tertahan", view)
st.markdown(f"**{fmt.number(len(stuck.table))}** bidang belum bersertipikat per "
            f"{fmt.date(view.dataset.as_of(schema.CERTIFICATION))}, paling lama menunggu di atas.")
ui.view("sertifikasi-tertahan", view)
ui.view("sertifikasi-alasan", view)
st.caption(stuck.source)

st.header("SHAT UMKM: angka terbit")
ui.view("shat-kuota", view)
ui.view_tabs({"Grafik": "shat-belum-diukur", "Peta desa": "peta-shat-desa"}, view)


def postponed_line() -> str:
    postponed = metrics.village_values(view.values, schema.SHAT_DITUNDA)
    return "" if postponed.empty else "Ditunda: " + cards.village_list(postponed, "bidang")


# Written once per data version, not on every run.
if postponed := ui.per_version(view.dataset, ("shat-ditunda",), postponed_line):
    st.markdown(postponed)
ui.definitions(view.dataset, ["BPN", "Sertifikasi aset / bankable", "SHAT UMKM", "Kuota (sertifikasi)", "Diusulkan",
                              "Diverifikasi", "Diukur", "Sertipikat terbit", "Ditunda", "Ditolak", "Data ilustratif"])
