"""Sumber & Unduh Data: every published figure with its source, the data dictionary, downloads."""

import streamlit as st

from koperasi_data import cards, fmt, schema, ui
from koperasi_data.load import tabular_resources
from koperasi_data.i18n import N_, _

view = ui.current_view()
ui.page_header(_("Sumber dan unduh data"),
               _("Semua angka di dasbor ini dapat diperiksa: setiap angka terbit membawa penerbit, tanggal dan "
                 "tautannya. Unduh datanya, periksa, dan pakai ulang dengan menyebut sumber (CC BY 4.0)."))

st.header(_("Semua angka terbit"))
# The topics (codes of indikator.csv's kelompok) and their names, shown in the run's language.
TOPICS = {"": N_("Semua topik"), "koperasi": N_("Koperasi"), "kopdes_merah_putih": N_("Koperasi Desa/Kelurahan Merah Putih"),
          "umkm": N_("UMKM"), "sertifikasi": N_("Sertifikasi tanah")}


def topic_name(code: str) -> str:
    return _(TOPICS[code])


# The widget's labels are fixed for the run (Streamlit may format a value again outside the run's language).
names = {code: topic_name(code) for code in TOPICS}
ui.carry_choice("topik", list(TOPICS), topic_name)
group = st.selectbox(_("Topik"), list(TOPICS), format_func=names.get, key="topik", bind="query-params")
ui.view("angka-terbit", view, topik=group)

if view.dataset.is_illustrative(schema.KOPERASI):
    st.header(_("Register ilustratif dicocokkan dengan angka resmi"))
    ui.illustrative_badge(view.dataset, schema.KOPERASI,
                          then=_("Register rinci Dinas tidak dipublikasikan. Dasbor memakai register buatan yang jumlahnya dibuat "
                                 "**sama persis** dengan angka resmi {0}; tabel ini membuktikannya (selisih 0).").format(cards.official_day()))
else:
    st.header(_("Register Dinas di samping angka resmi {0}").format(cards.official_day()))
    st.markdown(_("Register yang tampil adalah register Dinas per "
                  "**{0}**, bukan register buatan. Selisih dengan angka "
                  "resmi {1} di bawah ini adalah perubahan sejak tanggal itu, bukan kesalahan.").format(fmt.date(view.dataset.as_of(schema.KOPERASI)), cards.official_day()))
ui.view("pencocokan-register", view)

st.header(_("Kamus data"))
for resource in tabular_resources(view.dataset.descriptor):
    if box := ui.on_demand(_(resource["title"]), ui.table_key(f"data-{resource['name']}"),
                           ":material/science:" if resource.get("ilustratif") else ":material/description:"):
        with box:
            st.markdown(_(resource["description"]))
            ui.view(f"kamus-{resource['name']}", view)
            ui.view(f"data-{resource['name']}", view)

st.header(_("Batas wilayah untuk peta"))
boundaries = [r for r in view.dataset.descriptor["resources"] if r.get("format") == "geojson"]
for resource in boundaries:
    st.markdown(f"**{_(resource['title'])}**: {_(resource['description'])}")
    st.download_button(_("Unduh {0}").format(resource['path'].split('/')[-1]), view.dataset.files[resource["path"]],
                       file_name=resource["path"].split("/")[-1], mime="application/geo+json",
                       key=f"unduh-{resource['name']}", icon=":material/map:", on_click="ignore")
with st.expander(_("Lisensi batas wilayah (MIT)"), icon=":material/gavel:"):
    st.markdown(ui.plain_text(view.dataset.files[boundaries[0]["licenses"][0]["path"]].decode("utf-8")))

st.header(_("Unduh paket data"))
st.download_button(_("Unduh semua (zip: CSV + datapackage.json)"), lambda: ui.package_zip(view.dataset),
                   file_name="koperasi-umkm-pamekasan.zip", mime="application/zip", icon=":material/download:",
                   on_click="ignore")
ui.definitions(view.dataset, ["Data resmi", "Data turunan", "Data ditandai", "Data ilustratif",
                              "Kode wilayah Kemendagri"])
