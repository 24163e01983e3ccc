"""Kelola Data (admin only): replace the register from the template, see what is wrong, preview, confirm,
and roll back. Registered by dashboard.py on the internal instance only; it lives outside pages/ so
Streamlit's pages-folder discovery can never run it on the public instance."""

import streamlit as st

from koperasi_data import fmt, ingest, schema, ui, validate
from koperasi_data.ui import admin, status
from koperasi_data.ui import published as published_ui
from koperasi_data.version import describe

# When the current version cannot be loaded the entry point has said so; this page still offers the rollback.
view = None if status.data_unavailable_now() else ui.current_view()
ui.page_header("Kelola data", "Ganti register koperasi ilustratif dengan register Dinas. Setiap impor menjadi "
               "**versi baru** yang tercatat (siapa, kapan, berkas apa); versi lama tidak pernah dihapus dan "
               "dapat dipulihkan.")
user = admin.require_admin()
store = ui.store()
current = store.current_version()
st.info(f"Versi yang sedang dipakai: {ui.plain_text(describe(current))}.", icon=":material/history:")
admin.import_outcome()

if view is not None:
    st.header("1. Unduh templat")
    left, right = st.columns(2)
    with left:
        st.download_button("Register saat ini (Excel)", admin.template_bytes(view.dataset, with_rows=True),
                           file_name=f"register-versi-{current.id}.xlsx", mime=admin.XLSX_MIME,
                           icon=":material/download:", type="primary")
    with right:
        st.download_button("Templat Excel kosong", admin.template_bytes(view.dataset, with_rows=False),
                           file_name="templat-register-koperasi.xlsx", mime=admin.XLSX_MIME,
                           icon=":material/download:")
    st.caption(f"Isi atau perbaiki lembar {', '.join(schema.REGISTER_SHEETS.values())}; lembar yang dikosongkan "
               "tidak mengubah tabelnya. Lembar Petunjuk menerangkan setiap kolom. Excel (.xlsx) dan LibreOffice "
               f"(.ods) sama-sama diterima. Ukuran berkas maksimal {fmt.number(ingest.MAX_BYTES / 1024 / 1024)} MB.")

    st.header("2. Unggah dan periksa")
    upload = st.file_uploader("Berkas register (.xlsx atau .ods dari templat, atau .csv satu tabel)",
                              type=admin.UPLOAD_TYPES, key="berkas")
    table = st.selectbox("Isi berkas CSV", list(schema.REGISTER_RESOURCES), format_func=view.dataset.title_of,
                         key="tabel", help="Hanya untuk CSV: tabel mana yang diganti. Buku kerja membawa nama "
                                           "lembarnya.")
    note = st.text_input("Catatan versi", key="catatan", placeholder="mis. Pemutakhiran RAT 2026")
    data_date = st.date_input("Keadaan data per tanggal", key="tanggal_data", format="DD/MM/YYYY")
    if upload is not None:
        try:
            prepared = admin.prepare_upload(upload.getvalue(), upload.name, table, view.dataset)
        except ingest.UnreadableFile as error:
            prepared = None
            # The sentence may quote the file (its sheet names): plain text, never Markdown.
            st.error(ui.plain_text(f"Berkas tidak dapat dibaca: {error} Data yang sedang dipakai tidak berubah."),
                     icon=":material/block:")
        if prepared is None:
            pass
        elif prepared.problems:
            st.error(f"Berkas ditolak: {fmt.number(len(prepared.problems))} masalah ditemukan. Perbaiki lalu "
                     "unggah lagi; data yang sedang dipakai tidak berubah.", icon=":material/error:")
            admin.problem_lines(prepared.problems[:10])
            if len(prepared.problems) > 10:
                st.caption(f"… dan {fmt.number(len(prepared.problems) - 10)} masalah lain di tabel berikut.")
            ui.table(validate.problems_frame(prepared.problems), view.dataset, "masalah-impor", "daftar masalah")
        else:
            st.success("Berkas valid. Periksa perubahannya sebelum menerapkan.", icon=":material/check_circle:")
            admin.change_preview(prepared.tables, view.dataset)
            # The version this preview was computed against goes with the click: if another import
            # lands meanwhile, the store refuses and the admin sees a new preview.
            st.button(f"Terapkan sebagai versi baru (menggantikan #{view.dataset.version_info.id})", type="primary",
                      icon=":material/publish:", key="terapkan", on_click=admin.apply_import,
                      args=(prepared, user, note, data_date, view.dataset.version_info.id))

if view is not None:
    st.header("3. Tambah atau koreksi angka terbit")
    st.caption("Angka baru yang dipublikasikan (misalnya jumlah koperasi aktif tahun ini) dengan sumber, tanggal "
               "dan statusnya. Angka yang bertentangan disimpan keduanya dan ditandai; koreksi tidak menimpa angka "
               "lama.")
    published_ui.added_values_table(view.dataset, current.id)
    published_ui.published_value_form(view.dataset, user, current.id)

st.header("4. Riwayat versi")
versions = store.versions()
if view is not None:
    ui.table(admin.versions_table(versions), view.dataset, "riwayat-versi", "riwayat versi")
else:
    st.dataframe(admin.versions_table(versions), hide_index=True, width="stretch")
earlier = [v.id for v in versions if not v.is_current and v.pruned_at is None]
if earlier:
    with st.form("pulihkan"):
        chosen = st.selectbox("Pulihkan versi", earlier, format_func=lambda i: f"#{i}", key="versi_pulih")
        reason = st.text_input("Alasan pemulihan", key="alasan_pulih")
        if st.form_submit_button("Pulihkan sebagai versi baru", icon=":material/restore:"):
            admin.rollback(chosen, user, reason)
            st.rerun()
if view is not None:
    ui.definitions(view.dataset, ["Data ilustratif", "RAT (Rapat Anggota Tahunan)"])
