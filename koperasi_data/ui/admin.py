"""Kelola Data widgets: the login form under the password brake, the upload and its preview, import and history.

Only the admin page (``admin/kelola_data.py``, registered by the entry point on the internal
instance alone) uses this module.
"""

from __future__ import annotations

import hashlib
import html
import logging
import math
import re
import tomllib

import pandas as pd
import streamlit as st

from koperasi_data import access, auth, fmt, ingest, preview, template
from koperasi_data import store as store_module
from koperasi_data.load import Dataset
from koperasi_data.ui import store, table

logger = logging.getLogger(__name__)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_TYPES = ["xlsx", "ods", "csv"]
# session_state keys
SIGNED_IN = "_admin"
UPLOAD = "_upload"
OUTCOME = "_hasil_impor"


def _secrets_error(error: Exception) -> str | None:
    """One sentence when the secrets file exists but is not valid TOML; None for any other trouble."""
    cause = error.__cause__ or error.__context__
    if not isinstance(cause, tomllib.TOMLDecodeError):
        return None
    where = re.search(r"line (\d+), column (\d+)", str(cause))
    place = f" (baris {where.group(1)}, kolom {where.group(2)})" if where else ""
    return (f"Berkas .streamlit/secrets.toml di server ini rusak{place}, sehingga akun admin tidak dapat dibaca. "
            "Petugas TI perlu memperbaikinya (format TOML) atau membuatnya lagi dengan "
            "python -m koperasi_data add-user NAMA.")


def _admin_users() -> dict[str, str]:
    """User name -> bcrypt hash from st.secrets; stops the page with one sentence when the file is malformed."""
    try:
        return auth.users_from_secrets(st.secrets.to_dict())
    except Exception as error:  # no secrets file at all (StreamlitSecretNotFoundError) or a malformed one
        problem = _secrets_error(error)
        if problem:
            logger.error("secrets file cannot be parsed: %s", error.__cause__ or error)
            st.error(problem, icon=":material/key_off:")
            st.stop()
        return {}


def _client_address() -> str | None:
    """The browser's address as the brake counts it (None in AppTest, which has no connection)."""
    try:
        return auth.client_address(st.context.ip_address, dict(st.context.headers))
    except Exception:  # no request context (tests, scripts)
        return None


def require_admin() -> str:
    """The signed-in admin's name, with a logout button; otherwise a login form, and the page stops."""
    if access.is_public():  # never registered there; a second lock in case the file is ever run directly
        st.error("Halaman ini tidak tersedia di situs publik.", icon=":material/block:")
        st.stop()
    name = st.session_state.get(SIGNED_IN)
    if name:
        with st.sidebar:
            st.caption(f"Masuk sebagai **{html.escape(name)}**")
            if st.button("Keluar", icon=":material/logout:", key="keluar"):
                del st.session_state[SIGNED_IN]
                st.rerun()
        return name
    users = _admin_users()
    if not users:
        st.warning("Belum ada akun admin di server ini. Petugas TI membuatnya dengan perintah "
                   "`python -m koperasi_data add-user NAMA` (lihat README).", icon=":material/key_off:")
        st.stop()
    with st.form("masuk"):
        st.markdown("#### Masuk untuk mengelola data")
        name = st.text_input("Nama pengguna", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", icon=":material/login:", type="primary")
    if submitted:
        try:
            attempt = auth.attempt_login(store(), users, name, password, _client_address())
        except store_module.StoreError as error:
            st.error(str(error), icon=":material/error:")
            st.stop()
        except Exception:
            logger.exception("login brake unavailable")
            st.error("Penyimpanan tidak dapat mencatat percobaan masuk saat ini; coba lagi sebentar lagi.",
                     icon=":material/error:")
            st.stop()
        if attempt.ok:
            st.session_state[SIGNED_IN] = name
            st.rerun()
        elif attempt.wait > 0:
            st.error(f"Terlalu banyak percobaan yang salah. Coba lagi dalam {math.ceil(attempt.wait)} detik.",
                     icon=":material/timer:")
        else:
            st.error("Nama pengguna atau kata sandi salah.", icon=":material/error:")
    st.stop()


@st.cache_data(show_spinner="Menyiapkan berkas Excel…")
def _template_bytes(version: str, with_rows: bool, _dataset: Dataset) -> bytes:
    return template.workbook_bytes(_dataset, with_rows=with_rows)


def template_bytes(dataset: Dataset, with_rows: bool) -> bytes:
    """The Excel template, empty or filled with the current register, built once per data version."""
    return _template_bytes(dataset.version, with_rows, dataset)


def prepare_upload(content: bytes, file_name: str, table_name: str, reference: Dataset) -> ingest.Prepared:
    """Read and check an upload once per file content (a rerun does not read it again)."""
    key = (UPLOAD, hashlib.sha256(content).hexdigest(), file_name, table_name, reference.version)
    cached = st.session_state.get(UPLOAD)
    if cached and cached[0] == key:
        return cached[1]
    with st.status("Memeriksa berkas…", expanded=False) as status:
        try:
            prepared = ingest.prepare(content, file_name,
                                      table_name if file_name.lower().endswith(".csv") else None, reference)
        except ingest.UnreadableFile:
            status.update(label="Berkas tidak dapat dibaca", state="error")
            raise
        status.update(label="Pemeriksaan selesai", state="error" if prepared.problems else "complete")
    st.session_state[UPLOAD] = (key, prepared)
    return prepared


def problem_lines(problems: list) -> None:
    """The first problems, one line each, as plain text (cell values are the user's, not Markdown)."""
    st.text("\n".join(p.as_line() for p in problems))


def change_preview(tables: dict[str, pd.DataFrame], dataset: Dataset) -> None:
    """How the headline totals move and which cooperatives are added, removed or changed, if ``tables``
    (checked by ``ingest.prepare``) replaced the current ones."""
    change = preview.compare(dataset, tables)
    if change.unchanged:
        st.info("Isi berkas sama dengan versi yang sedang dipakai; menerapkannya hanya mencatat versi baru.",
                icon=":material/equal:")
    st.markdown("#### Angka utama: sebelum dan sesudah")
    table(change.totals, dataset, "pratinjau-angka", "pratinjau angka")
    counts = [("Koperasi baru", change.added), ("Koperasi dihapus", change.removed),
              ("Koperasi berubah", change.changed)]
    for column, (title, frame) in zip(st.columns(3), counts):
        column.metric(title, fmt.number(len(frame)))
    for title, frame, key in [("Koperasi baru", change.added, "pratinjau-baru"),
                              ("Koperasi dihapus", change.removed, "pratinjau-dihapus"),
                              ("Isian yang berubah", change.changed_cells, "pratinjau-berubah")]:
        if len(frame):
            with st.expander(f"{title} ({fmt.number(len(frame))})"):
                table(frame, dataset, key, title.lower())


def apply_import(prepared: ingest.Prepared, user: str, note: str, data_date, previewed: int) -> None:
    """Button callback: store the checked upload as a new version, if the current version is still the one
    the preview the admin saw was computed against (``previewed``, bound when the button was drawn)."""
    try:
        created = store().import_tables(prepared.tables, user_name=user, file_name=prepared.file_name,
                                        file_sha256=prepared.sha256, note=note, data_date=data_date,
                                        expected_current=previewed)
    except store_module.StaleVersion as error:
        st.session_state[OUTCOME] = ("basi", error.expected, error.current)
        st.session_state.pop(UPLOAD, None)
        return
    except store_module.StoreError as error:
        st.session_state[OUTCOME] = ("gagal", str(error))
        return
    st.session_state[OUTCOME] = ("baru", created.id)


def import_outcome() -> None:
    """What the last click on "Terapkan" did, said once."""
    outcome = st.session_state.pop(OUTCOME, None)
    if outcome is None:
        return
    if outcome[0] == "baru":
        st.success(f"Versi #{outcome[1]} sekarang dipakai di semua halaman.", icon=":material/task_alt:")
    elif outcome[0] == "basi":
        st.warning(f"Versi berubah, lihat pratinjau baru: pratinjau Anda dihitung terhadap versi #{outcome[1]}, "
                   f"tetapi sementara itu pengguna lain menyimpan versi #{outcome[2]}. Berkas Anda belum diterapkan "
                   "dan impor itu tetap berlaku; periksa pratinjau di bawah, lalu terapkan lagi bila masih sesuai.",
                   icon=":material/sync_problem:")
    else:
        st.error(outcome[1], icon=":material/error:")


def rollback(version_id: int, user: str, note: str) -> None:
    """Make an earlier version current again (as a new version); the outcome is said on the next run."""
    try:
        restored = store().rollback(version_id, user_name=user, note=note)
    except store_module.StoreError as error:
        st.session_state[OUTCOME] = ("gagal", str(error))
        return
    st.session_state[OUTCOME] = ("baru", restored.id)


def versions_table(versions: list) -> pd.DataFrame:
    """Every version, newest first, with its audit record."""
    return pd.DataFrame([{
        "versi": f"#{v.id}" + (" (dipakai)" if v.is_current else ""),
        "waktu": fmt.datetime_wib(v.created_at),
        "tindakan": {"seed": "data bawaan", "import": "impor", "rollback": f"pemulihan #{v.restored_from}"}[v.action],
        "pengguna": v.user_name or "–",
        "berkas": v.file_name or "–",
        "sha256": (v.file_sha256 or "")[:12] or "–",
        "baris": ", ".join(f"{name} {fmt.number(n)}" for name, n in v.row_counts.items()),
        "keadaan_per": fmt.date(v.data_date),
        "catatan": v.note or "–",
    } for v in versions])
