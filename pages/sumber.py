"""Sumber & Unduh Data: every published figure with its source, the data dictionary, downloads."""

import streamlit as st

from koperasi_data import cards, fmt, schema, ui
from koperasi_data.load import tabular_resources

view = ui.current_view()
ui.page_header("Sumber dan unduh data",
               "Semua angka di dasbor ini dapat diperiksa: setiap angka terbit membawa penerbit, tanggal dan "
               "tautannya. Unduh datanya, periksa, dan pakai ulang dengan menyebut sumber (CC BY 4.0).")

st.header("Semua angka terbit")
groups = {"": "Semua topik", "koperasi": "Koperasi", "kopdes_merah_putih": "Koperasi Desa/Kelurahan Merah Putih",
          "umkm": "UMKM", "sertifikasi": "Sertifikasi tanah"}
group = st.selectbox("Topik", list(groups), format_func=groups.get, key="topik", bind="query-params")
ui.view("angka-terbit", view, topik=group)

if view.dataset.is_illustrative(schema.KOPERASI):
    st.header("Register ilustratif dicocokkan dengan angka resmi")
    ui.illustrative_badge(view.dataset, schema.KOPERASI)
    st.markdown("Register rinci Dinas tidak dipublikasikan. Dasbor memakai register buatan yang jumlahnya dibuat "
                f"**sama persis** dengan angka resmi {cards.OFFICIAL_DAY}; tabel ini membuktikannya (selisih 0).")
else:
    st.header(f"Register Dinas di samping angka resmi {cards.OFFICIAL_DAY}")
    st.markdown(f"Register yang tampil adalah register Dinas per "
                f"**{fmt.date(view.dataset.as_of(schema.KOPERASI))}**, bukan register buatan. Selisih dengan angka "
                f"resmi {cards.OFFICIAL_DAY} di bawah ini adalah perubahan sejak tanggal itu, bukan kesalahan.")
ui.view("pencocokan-register", view)

st.header("Kamus data")
for resource in tabular_resources(view.dataset.descriptor):
    if box := ui.on_demand(resource["title"], ui.table_key(f"data-{resource['name']}"),
                           ":material/science:" if resource.get("ilustratif") else ":material/description:"):
        with box:
            st.markdown(resource["description"])
            ui.view(f"kamus-{resource['name']}", view)
            ui.view(f"data-{resource['name']}", view)

st.header("Batas wilayah untuk peta")
boundaries = [r for r in view.dataset.descriptor["resources"] if r.get("format") == "geojson"]
for resource in boundaries:
    st.markdown(f"**{resource['title']}**: {resource['description']}")
    st.download_button(f"Unduh {resource['path'].split('/')[-1]}", view.dataset.files[resource["path"]],
                       file_name=resource["path"].split("/")[-1], mime="application/geo+json",
                       key=f"unduh-{resource['name']}", icon=":material/map:", on_click="ignore")
with st.expander("Lisensi batas wilayah (MIT)", icon=":material/gavel:"):
    st.markdown(ui.plain_text(view.dataset.files[boundaries[0]["licenses"][0]["path"]].decode("utf-8")))

st.header("Unduh paket data")
st.download_button("Unduh semua (zip: CSV + datapackage.json)", lambda: ui.package_zip(view.dataset),
                   file_name="koperasi-umkm-pamekasan.zip", mime="application/zip", icon=":material/download:",
                   on_click="ignore")
ui.definitions(view.dataset, ["Data resmi", "Data turunan", "Data ditandai", "Data ilustratif",
                              "Kode wilayah Kemendagri"])
