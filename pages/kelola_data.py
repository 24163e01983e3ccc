"""Kelola Data (admin only): replace the register from the template, see what is wrong, preview, confirm,
and roll back. Never registered in public mode."""

import streamlit as st

from koperasi_data import fmt, ingest, schema, ui, validate
from koperasi_data.version import describe

view = ui.current_view()
ui.page_header("Kelola data", "Ganti register koperasi ilustratif dengan register Dinas. Setiap impor menjadi "
               "**versi baru** yang tercatat (siapa, kapan, berkas apa); versi lama tidak pernah dihapus dan "
               "dapat dipulihkan.")
user = ui.require_admin()
store = ui.store()
current = store.current_version()
st.info(f"Versi yang sedang dipakai: {ui.plain_text(describe(current))}.", icon=":material/history:")

st.header("1. Unduh templat")
left, right = st.columns(2)
with left:
    st.download_button("Templat Excel kosong", ui.template_bytes(view.dataset, with_rows=False),
                       file_name="templat-register-koperasi.xlsx", mime=ui.XLSX_MIME, icon=":material/download:")
with right:
    st.download_button("Register saat ini (Excel)", ui.template_bytes(view.dataset, with_rows=True),
                       file_name=f"register-versi-{current.id}.xlsx", mime=ui.XLSX_MIME, icon=":material/download:")
st.caption(f"Isi atau perbaiki lembar {', '.join(schema.REGISTER_SHEETS.values())}; lembar yang dikosongkan tidak "
           "mengubah tabelnya. Lembar Petunjuk menerangkan setiap kolom. "
           f"Ukuran berkas maksimal {fmt.number(ingest.MAX_BYTES / 1_000_000)} MB.")

st.header("2. Unggah dan periksa")
upload = st.file_uploader("Berkas register (.xlsx dari templat, atau .csv satu tabel)", type=["xlsx", "csv"],
                          key="berkas")
table = st.selectbox("Isi berkas CSV", list(schema.REGISTER_RESOURCES), format_func=view.dataset.title_of,
                     key="tabel", help="Hanya untuk CSV: tabel mana yang diganti. Berkas Excel membawa nama lembarnya.")
note = st.text_input("Catatan versi", key="catatan", placeholder="mis. Pemutakhiran RAT 2026")
data_date = st.date_input("Keadaan data per tanggal", key="tanggal_data", format="DD/MM/YYYY")
if upload is not None:
    try:
        prepared = ui.prepare_upload(upload.getvalue(), upload.name, table, view.dataset)
    except ingest.UnreadableFile as error:
        prepared = None
        st.error(f"Berkas tidak dapat dibaca: {error} Data yang sedang dipakai tidak berubah.",
                 icon=":material/block:")
    if prepared is None:
        pass
    elif prepared.problems:
        st.error(f"Berkas ditolak: {fmt.number(len(prepared.problems))} masalah ditemukan. Perbaiki lalu unggah "
                 "lagi; data yang sedang dipakai tidak berubah.", icon=":material/error:")
        st.markdown("\n".join(f"- {ui.plain_text(p.as_line())}" for p in prepared.problems[:10]))
        if len(prepared.problems) > 10:
            st.caption(f"… dan {fmt.number(len(prepared.problems) - 10)} masalah lain di tabel berikut.")
        ui.table(validate.problems_frame(prepared.problems), view.dataset, "masalah-impor", "daftar masalah")
    else:
        change = ingest.compare(view.dataset, prepared.tables)
        st.success("Berkas valid. Periksa perubahannya sebelum menerapkan.", icon=":material/check_circle:")
        ui.change_preview(change, view.dataset)
        if st.button(f"Terapkan sebagai versi baru (menggantikan #{current.id})", type="primary",
                     icon=":material/publish:", key="terapkan"):
            with st.spinner("Menyimpan versi baru…"):
                created = ui.import_prepared(prepared, user, note, data_date, expected_current=current.id)
            if created is not None:
                st.session_state["_hasil_impor"] = created.id
                st.rerun()
if "_hasil_impor" in st.session_state:
    st.success(f"Versi #{st.session_state.pop('_hasil_impor')} sekarang dipakai di semua halaman.",
               icon=":material/task_alt:")

st.header("3. Riwayat versi")
versions = store.versions()
ui.table(ui.versions_table(versions), view.dataset, "riwayat-versi", "riwayat versi")
earlier = [v.id for v in versions if not v.is_current]
if earlier:
    with st.form("pulihkan"):
        chosen = st.selectbox("Pulihkan versi", earlier, format_func=lambda i: f"#{i}", key="versi_pulih")
        reason = st.text_input("Alasan pemulihan", key="alasan_pulih")
        if st.form_submit_button("Pulihkan sebagai versi baru", icon=":material/restore:"):
            restored = store.rollback(chosen, user_name=user, note=reason)
            st.session_state["_hasil_impor"] = restored.id
            st.rerun()
ui.definitions(view.dataset, ["Data ilustratif", "RAT (Rapat Anggota Tahunan)"])
