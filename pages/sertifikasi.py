"""Sertifikasi Tanah: progress of cooperative land through BPN, and the SHAT UMKM programme."""

import streamlit as st

from koperasi_data import cards, fmt, metrics, schema, ui
from koperasi_data.i18n import N_, _

view = ui.current_view()
ui.page_header(_("Sertifikasi tanah bersama BPN"),
               _("Dinas bermitra dengan Badan Pertanahan Nasional (BPN) agar tanah koperasi dan UMKM bersertipikat "
                 "dan dapat dijadikan jaminan pinjaman (*bankable*). Di mana prosesnya tertahan, dan mengapa?"))

st.header(_("Tanah koperasi"))
ui.illustrative_badge(view.dataset, schema.CERTIFICATION, _("Data ilustratif: register bidang buatan"))
for slug in ("sertifikasi-corong", "sertifikasi-waktu"):
    ui.view(slug, view)
ui.view_tabs({N_("Grafik"): "sertifikasi-kecamatan", N_("Peta"): "peta-sertifikasi"}, view)

st.subheader(_("Yang tertahan"))
stuck = ui.built_view("sertifikasi-tertahan", view)
ui.illustrative_badge(view.dataset, schema.CERTIFICATION,
                      then=_("**{0}** bidang belum bersertipikat per "
                             "{1}, paling lama menunggu di atas.").format(fmt.number(len(stuck.table)), fmt.date(view.dataset.as_of(schema.CERTIFICATION))))
ui.view("sertifikasi-tertahan", view)
ui.view("sertifikasi-alasan", view)
st.caption(stuck.source)

st.header(_("SHAT UMKM: angka terbit"))
ui.view("shat-kuota", view)
ui.view_tabs({N_("Grafik"): "shat-belum-diukur", N_("Peta desa"): "peta-shat-desa"}, view)


def postponed_line() -> str:
    postponed = metrics.village_values(view.values, schema.SHAT_DITUNDA)
    return "" if postponed.empty else _("Ditunda: ") + cards.village_list(postponed, _("bidang"))


# Written once per data version (and language), not on every run.
if postponed := ui.per_version(view.dataset, ("shat-ditunda",), postponed_line):
    st.markdown(postponed)
ui.definitions(view.dataset, ["BPN", "Sertifikasi aset / bankable", "SHAT UMKM", "Kuota (sertifikasi)", "Diusulkan",
                              "Diverifikasi", "Diukur", "Sertipikat terbit", "Ditunda", "Ditolak", "Data ilustratif"])
