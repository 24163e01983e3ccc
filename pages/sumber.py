"""Sumber & Unduh Data: every published figure with its source, the data dictionary, downloads."""

import streamlit as st

from koperasi_data import exports, fmt, metrics, schema, ui
from koperasi_data.load import tabular_resources

view = ui.current_view()
ui.page_header("Sumber dan unduh data",
               "Semua angka di dasbor ini dapat diperiksa: setiap angka terbit membawa penerbit, tanggal dan "
               "tautannya. Unduh datanya, periksa, dan pakai ulang dengan menyebut sumber (CC BY 4.0).")

st.header("Semua angka terbit")
groups = {"": "Semua topik", "koperasi": "Koperasi", "kopdes_merah_putih": "Koperasi Desa/Kelurahan Merah Putih",
          "umkm": "UMKM", "sertifikasi": "Sertifikasi tanah"}
group = st.selectbox("Topik", list(groups), format_func=groups.get, key="topik", bind="query-params")
values = metrics.values_of_topic(view.values, group)
ui.table(values[["label", "periode", "wilayah", "desa", "nilai", "presisi", "satuan", "status", "penerbit", "url",
                 "catatan"]], view.dataset, "angka-terbit", "angka terbit")

if view.dataset.is_illustrative(schema.KOPERASI):
    st.header("Register ilustratif dicocokkan dengan angka resmi")
    ui.illustrative_badge(view.dataset, schema.KOPERASI)
    st.markdown("Register rinci Dinas tidak dipublikasikan. Dasbor memakai register buatan yang jumlahnya dibuat "
                "**sama persis** dengan angka resmi 12 Juli 2016; tabel ini membuktikannya (selisih 0).")
else:
    st.header("Register Dinas di samping angka resmi 12 Juli 2016")
    st.markdown(f"Register yang tampil adalah register Dinas per "
                f"**{fmt.date(view.dataset.as_of(schema.KOPERASI))}**, bukan register buatan. Selisih dengan angka "
                "resmi 12 Juli 2016 di bawah ini adalah perubahan sejak tanggal itu, bukan kesalahan.")
ui.table(metrics.reconcile_register(view.dataset), view.dataset, "pencocokan-register", "pencocokan")

st.header("Kamus data")
for resource in tabular_resources(view.dataset.descriptor):
    with st.expander(resource["title"], icon=":material/science:" if resource.get("ilustratif") else
                     ":material/description:"):
        st.markdown(resource["description"])
        ui.table(exports.data_dictionary(resource), view.dataset, f"kamus-{resource['name']}", "kamus data")
        ui.table(view.dataset[resource["name"]], view.dataset, f"data-{resource['name']}", resource["path"])

st.header("Unduh paket data")
st.download_button("Unduh semua (zip: CSV + datapackage.json)", ui.package_zip(view.dataset),
                   file_name="koperasi-umkm-pamekasan.zip", mime="application/zip", icon=":material/download:")
ui.definitions(view.dataset, ["Data resmi", "Data turunan", "Data ditandai", "Data ilustratif",
                              "Kode wilayah Kemendagri"])
