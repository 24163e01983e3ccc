"""Koperasi: active vs inactive over the years, and where, what type, RAT and dissolution (register)."""

import streamlit as st

from koperasi_data import cards, fmt, schema, ui
from koperasi_data.i18n import N_, _

view = ui.current_view()
ui.page_header(_("Koperasi aktif dan tidak aktif"),
               _("Berapa koperasi yang masih berjalan, di mana, jenis apa, dan mana yang diusulkan untuk dibubarkan. "
                 "Koperasi dihitung **aktif** bila menyelenggarakan Rapat Anggota Tahunan (RAT). Program Koperasi "
                 "Desa/Kelurahan Merah Putih (sejak 2025) ada di halamannya sendiri, **Koperasi Merah Putih**."))

st.header(_("Angka terbit tahun {0}").format(view.year))
ui.card_row("koperasi-terbit", view)
ui.view("koperasi-tren", view)
flagged = ui.built_view("koperasi-ditandai", view)
if not flagged.table.empty:
    if box := ui.on_demand(_("Angka yang ditandai ({0}): tidak dipakai di grafik").format(len(flagged.table)),
                           ui.table_key("koperasi-ditandai"), ":material/flag:"):
        with box:
            ui.view("koperasi-ditandai", view)

if box := ui.on_demand(_("Angka koperasi lain yang terbit (pembubaran 2016, NIK, syariah, pesantren, koperasi baru)"),
                       ui.table_key("koperasi-angka-lain"), ":material/list:"):
    with box:
        ui.view("koperasi-angka-lain", view)

st.header(_("Pembanding: kabupaten lain di Madura"))
st.markdown(_("Dinas di keempat kabupaten Madura memakai ukuran aktif yang sama (menggelar RAT), tetapi angkanya "
              "terbit pada **tanggal yang berbeda**: setiap batang menyebut tanggal dan sumbernya sendiri. Angka "
              "kabupaten lain tidak digabung ke deret Pamekasan."))
ui.view("madura-aktif", view)
if box := ui.on_demand(_("Konteks Jawa Timur (ODS Kementerian Koperasi, Koperasi Merah Putih)"),
                       ui.table_key("jatim-konteks"), ":material/map:"):
    with box:
        ui.view("jatim-konteks", view)

st.header(_("Register koperasi"))
ui.illustrative_badge(view.dataset, schema.KOPERASI, cards.register_badge(),
                      then=_("Rincian per koperasi menurut register keadaan **{0}**, "
                             "berapa pun tahun yang dipilih.").format(fmt.date(view.dataset.as_of(schema.KOPERASI))))
left, right = st.columns(2)
with left:
    jenis = ui.multiselect_filter(_("Jenis koperasi"), list(schema.JENIS_KOPERASI), "jenis")
with right:
    status = ui.multiselect_filter(_("Status"), list(schema.STATUS_KOPERASI), "status")
ui.card_row("register-koperasi-filter", view, jenis=jenis, status=status)
ui.view_tabs({N_("Grafik"): "koperasi-kecamatan", N_("Peta: jumlah"): "peta-koperasi",
              N_("Peta: persen aktif"): "peta-koperasi-aktif"}, view, jenis=jenis, status=status)
for slug in ("koperasi-jenis", "koperasi-rat"):
    ui.view(slug, view, jenis=jenis, status=status)

st.subheader(_("Diusulkan untuk dibubarkan"))
proposed = ui.built_view("koperasi-usulan-pembubaran", view, jenis=jenis, status=status)
ui.illustrative_badge(view.dataset, schema.KOPERASI,
                      then=_("**{0}** koperasi tidak aktif diusulkan kepada Kementerian Koperasi dan UKM untuk "
                             "dibubarkan (koperasi yang tidak RAT tiga tahun berturut-turut).").format(len(proposed.table)))
# The list, drawn when opened (like a chart's table): the count above says how long it is.
if box := ui.on_demand(_("Daftar {0} koperasi dan unduhan").format(len(proposed.table)),
                       ui.table_key("koperasi-usulan-pembubaran"), ":material/list:"):
    with box:
        ui.view("koperasi-usulan-pembubaran", view, jenis=jenis, status=status)
st.caption(proposed.source)
ui.definitions(view.dataset, ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)",
                              "Usulan pembubaran", "KSPPS", "NIK (Nomor Induk Koperasi)", "Koperasi pesantren",
                              "Koperasi Desa/Kelurahan Merah Putih", "ODS (Online Data System)", "Wilayah pembanding",
                              "Angka perkiraan (sekitar)", "Data ilustratif", "Data turunan", "Data ditandai"])
