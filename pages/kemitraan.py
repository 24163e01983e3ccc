"""Kemitraan: the 2016 strategy (three obstacles, their partners) and what the partnerships achieved."""

import streamlit as st

from koperasi_data import cards, schema, ui, views
from koperasi_data.i18n import _

ICONS = {"Modal usaha": ":material/payments:", "SDM": ":material/school:", "Jaringan": ":material/hub:"}

view = ui.current_view()
ui.page_header(_("Kemitraan"),
               _("Pada Hari Koperasi 2016 Dinas menyebut tiga kendala koperasi (**modal usaha**, **SDM**, "
                 "**jaringan**) dan menjawab masing-masing dengan mitra. Apa yang sudah dikerjakan, dan apa hasilnya?"))

st.header(_("Tiga kendala, tiga jawaban"))
summary = ui.per_version(view.dataset, ("kemitraan-ringkasan",),
                         lambda: cards.kemitraan_summary(view.dataset, view.values))
# One element for the three boxes (side by side as they fit, one under the other on a phone) and the strategy's
# source: each element costs every run of every reader.
ui.boxes([f"### {icon} {item.obstacle}\n\n" + _("**Mitra: {0}**").format(item.partners) + f"\n\n{item.answer}"
          for item, icon in zip(summary, ICONS.values())])  # modal usaha, SDM, jaringan, in order
st.caption(ui.per_version(view.dataset, ("strategi",), lambda: cards.strategy_line(view.values)))

st.header(_("Angka terbit"))
if view.kecamatan:
    st.info(_("Angka terbit berlaku untuk seluruh kabupaten; filter kecamatan dipakai di register kemitraan di bawah."),
            icon=":material/filter_alt:")
ui.card_row("kemitraan-terbit", view)

st.subheader(_("SDM: calon wirausaha yang dilatih Pemkab (angka terbit)"))
st.markdown(_("Ini **pelatihan Wirausaha Baru (WUB)** bagi warga calon pelaku usaha, diselenggarakan Pemkab: "
              "bukan pelatihan pengurus koperasi oleh STAIN Pamekasan, yang datanya ada di register ilustratif di "
              "bawah. Target program 10.000 peserta; pada 2024 WUB ditiadakan dan diganti lima pelatihan."))
ui.view("sdm-wub", view)
# The other published figures, drawn when opened (like Koperasi's other published figures).
if box := ui.on_demand(_("SDM dan modal: angka terbit lainnya (dana bergulir Dinas, target pendapatan daerah)"),
                       ui.table_key("sdm-modal-terbit"), ":material/list:"):
    with box:
        st.markdown(_("Termasuk **dana bergulir** Dinas (pinjaman modal lewat BPR Jatim) dan target pendapatan "
                      "daerahnya."))
        ui.view("sdm-modal-terbit", view)

st.header(_("Register kemitraan"))
ui.illustrative_badge(view.dataset, schema.FINANCING, _("Data ilustratif: catatan kemitraan buatan, bukan data nyata"),
                      then=_("Belum ada angka terbit tentang pinjaman koperasi dari Pegadaian atau bank dengan agunan "
                             "sertipikat, pelatihan pengurus oleh STAIN Pamekasan, atau kemitraan koperasi dengan "
                             "UMKM. Bagian ini memakai register kemitraan ilustratif."))
if not ui.per_version(view.dataset, ("kemitraan-ada", tuple(view.kecamatan)),
                      lambda: views.has_partnership_records(view.dataset, view.filters())):
    st.info(_("Tidak ada catatan kemitraan di kecamatan yang dipilih. Kosongkan filter kecamatan untuk melihat "
              "seluruh kabupaten."), icon=":material/info:")
else:
    st.subheader(_("Modal usaha: dari sertipikat BPN ke pinjaman Pegadaian dan bank"))
    ui.card_row("kemitraan-modal", view)
    ui.view("kemitraan-agunan", view)
    ui.view("kemitraan-lembaga", view)

    st.subheader(_("SDM: pengurus koperasi dilatih STAIN Pamekasan"))
    ui.card_row("kemitraan-sdm", view)
    ui.view("kemitraan-pelatihan", view)

    st.subheader(_("Jaringan: koperasi bermitra dengan UMKM binaan"))
    ui.card_row("kemitraan-jaringan", view)
    ui.view("kemitraan-jejaring", view)

    st.subheader(_("Ketiga kemitraan per kecamatan"))
    ui.illustrative_badge(view.dataset, schema.FINANCING)
    st.caption(ui.view("kemitraan-kecamatan", view).source)
ui.definitions(view.dataset, ["Sertifikasi aset / bankable", "BPN", "Agunan", "SHAT UMKM", "SHT UMKM", "Pegadaian",
                              "Bank BUMN / bank daerah / BPR", "Pinjaman diperoleh", "STAIN Pamekasan",
                              "Pengurus koperasi", "UMKM binaan", "WUB (Wirausaha Baru)", "Dana bergulir",
                              "PAD (Pendapatan Asli Daerah)", "DBHCHT", "Angka perkiraan (sekitar)",
                              "Data ilustratif"])
