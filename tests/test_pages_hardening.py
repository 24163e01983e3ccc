"""The pages under failure and abuse (AppTest on the real entry point): a newer import between preview and
confirm, an unreadable or unreachable store, the public instance's silence, a malformed secrets file,
uploads that quote Markdown, and the admin page out of reach of the public instance."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from koperasi_data import access, exports, schema
from koperasi_data import store as store_module
from koperasi_data.store import Store
from koperasi_data.ui import status
from tests.test_pages import (ADMIN_PASSWORD, ENTRY, admin_app, open_tables, admin_secrets, entry_point_runs_first,  # noqa: F401
                              fresh_store, log_in, run_page, unescaped)
from tests.test_store_hardening import break_current_version

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def error_details_restored():
    """The public entry point sets a process-wide option; give the next test the option as it was."""
    before = st.get_option("client.showErrorDetails")
    yield
    st.set_option("client.showErrorDetails", before)


def texts(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "text")
             for e in app.get(kind)]
    return "\n".join(str(p) for p in parts)


def register_csv(store: Store, rows: int) -> bytes:
    return exports.csv_bytes(store.dataset()[schema.KOPERASI].head(rows))


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.file_uploader(key="berkas").set_value((name, content, "application/octet-stream")).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


# Two admins, one store --------------------------------------------------------------------------------


def test_a_newer_import_between_preview_and_confirm_is_kept_and_the_admin_sees_a_new_preview(
        monkeypatch, fresh_store, admin_secrets):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    first = upload(log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD), "register.csv",
                   register_csv(fresh_store, 500))
    assert first.button(key="terapkan").label == "Terapkan sebagai versi baru (menggantikan #1)"
    # Another admin, in another session, imports while the first one reads the preview.
    second = upload(log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD), "lain.csv",
                    register_csv(fresh_store, 400))
    second.button(key="terapkan").click().run()
    assert fresh_store.current_version().id == 2
    first.button(key="terapkan").click().run()
    assert not first.exception
    warning = first.warning[0].value
    assert warning.startswith("Versi berubah, lihat pratinjau baru: pratinjau Anda dihitung terhadap versi #1, "
                              "tetapi sementara itu pengguna lain menyimpan versi #2.")
    current = fresh_store.current_version()
    assert current.id == 2 and current.file_name == "lain.csv"
    assert len(fresh_store.dataset()[schema.KOPERASI]) == 400
    # The new preview is against #2; confirming it now is the admin's informed choice.
    assert first.button(key="terapkan").label == "Terapkan sebagai versi baru (menggantikan #2)"
    first.button(key="terapkan").click().run()
    assert fresh_store.current_version().id == 3 and len(fresh_store.dataset()[schema.KOPERASI]) == 500
    assert "Versi #3 sekarang dipakai di semua halaman." in [s.value for s in first.success]


# A store that cannot be read ----------------------------------------------------------------------------


def test_an_unreadable_current_version_shows_a_sentence_and_the_admin_page_still_rolls_back(
        monkeypatch, fresh_store, admin_secrets):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    fresh_store.import_tables({schema.KOPERASI: fresh_store.dataset()[schema.KOPERASI].head(9)}, user_name="staf",
                              file_name="r.csv", file_sha256="0" * 64)
    break_current_version(fresh_store)
    page = run_page("pages/koperasi.py")
    assert [e.value for e in page.error] == [str(store_module.UnreadableVersion(2))]
    app = log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD)
    assert not app.get("file_uploader")  # nothing to compare an upload against
    app.selectbox(key="versi_pulih").set_value(1)
    next(b for b in app.button if b.label == "Pulihkan sebagai versi baru").click().run()
    assert not app.exception
    assert fresh_store.current_version().restored_from == 1
    assert len(fresh_store.dataset()[schema.KOPERASI]) == 585
    assert not run_page("pages/koperasi.py").error


@pytest.mark.parametrize("broken", ["garbage file", "unreachable server"])
def test_the_public_sees_one_sentence_and_no_internals_when_the_store_fails(monkeypatch, tmp_path, broken):
    if broken == "garbage file":
        path = tmp_path / "rusak.sqlite"
        path.write_bytes(b"bukan basis data " * 400)
        url = f"sqlite:///{path}"
    else:
        url = "postgresql+psycopg://dasbor:sandi@127.0.0.1:1/dasbor?connect_timeout=2"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KOPERASI_MODE", "publik")
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not app.exception
    assert [e.value for e in app.error] == [status.PUBLIC_SENTENCE]
    shown = texts(app)
    for internal in ("sqlite", "127.0.0.1", "5432", ":1", "Traceback", "OperationalError", str(ROOT)):
        assert internal not in shown
    assert st.get_option("client.showErrorDetails") == "none"


def test_the_internal_instance_keeps_streamlits_error_details(monkeypatch):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    st.set_option("client.showErrorDetails", "full")
    run_page("pages/ringkasan.py")
    assert st.get_option("client.showErrorDetails") == "full"


# Public mode: no names ----------------------------------------------------------------------------------


def test_the_public_footer_and_data_package_name_no_user_and_no_file(monkeypatch, fresh_store):
    fresh_store.import_tables({schema.KOPERASI: fresh_store.dataset()[schema.KOPERASI].head(585)},
                              user_name="bu.siti", file_name="register_rahasia_2026.xlsx", file_sha256="ab" * 32,
                              note="catatan dalam", data_date=dt.date(2026, 11, 1))
    monkeypatch.setenv("KOPERASI_MODE", "publik")
    footer = unescaped(run_page("pages/ringkasan.py").caption[-1].value)
    assert "**Versi data register** #2 (impor, " in footer
    assert "bu.siti" not in footer and "register_rahasia" not in footer
    public = access.public_dataset(fresh_store.dataset())
    package = json.loads(exports.package_files(public, "csv")["datapackage.json"])
    assert package["versi_register"]["id"] == 2
    assert "berkas" not in package["versi_register"] and "sha256_berkas" not in package["versi_register"]
    assert "bu.siti" not in json.dumps(package)
    monkeypatch.delenv("KOPERASI_MODE")
    internal = unescaped(run_page("pages/ringkasan.py").caption[-1].value)
    assert "impor oleh bu.siti" in internal and "berkas register_rahasia_2026.xlsx" in internal


# Admin page: login and uploads ---------------------------------------------------------------------------


def test_a_malformed_secrets_file_says_so_instead_of_no_admin_account(monkeypatch, tmp_path):
    from streamlit import config
    from streamlit.runtime.secrets import Secrets

    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    path = tmp_path / "secrets.toml"
    path.write_text('[kelola_data.pengguna]\nadmin = "$2b$12$abc\n', encoding="utf-8")
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(path)])
    monkeypatch.setattr(st, "secrets", Secrets())
    try:
        app = admin_app(None)
    finally:
        config.set_option("secrets.files", before)
    assert [e.value for e in app.error] == [
        "Berkas .streamlit/secrets.toml di server ini rusak (baris 2, kolom 20), sehingga akun admin tidak dapat "
        "dibaca. Petugas TI perlu memperbaikinya (format TOML) atau membuatnya lagi dengan python -m koperasi_data "
        "add-user NAMA."]
    assert not app.warning and not app.text_input


def test_upload_messages_quote_the_file_as_plain_text_never_markdown(monkeypatch, fresh_store, admin_secrets):
    from tests.test_ingest import xlsx

    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    app = log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD)
    upload(app, "r.xlsx", xlsx({"__tebal__ `kode`": [["x"]], "<b>tebal": [["y"]]}))
    message = app.error[0].value
    # Every Markdown character from the file is escaped: shown as typed, never bold, code or HTML.
    assert "__tebal__" not in message and "`kode`" not in message and "<b>" not in message
    assert unescaped(message).endswith("sheet yang ada: __tebal__ `kode`, <b>tebal. Data yang sedang dipakai tidak "
                                       "berubah.")
    bad = fresh_store.dataset()[schema.KOPERASI].head(3).copy()
    bad.loc[0, "status"] = "[hidup](http://jahat.example)"
    upload(app, "r.csv", exports.csv_bytes(bad))
    lines = app.text[0].value
    assert "'[hidup](http://jahat.example)'" in lines  # st.text: shown exactly, nothing rendered


def test_the_upload_widget_takes_ods_and_an_ods_register_reaches_the_preview(monkeypatch, fresh_store,
                                                                               admin_secrets):
    import io

    import pandas as pd

    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    app = log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD)
    assert set(app.file_uploader(key="berkas").allowed_type) >= {".xlsx", ".ods", ".csv"}
    register = fresh_store.dataset()[schema.KOPERASI].head(20)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="odf") as writer:
        register.to_excel(writer, sheet_name="Koperasi", index=False)
    upload(app, "register.ods", buffer.getvalue())
    assert not app.error
    assert app.button(key="terapkan").label == "Terapkan sebagai versi baru (menggantikan #1)"


def test_a_full_disk_during_an_import_on_the_page_is_one_sentence(monkeypatch, fresh_store, admin_secrets):
    from koperasi_data import ui
    from tests.test_store_hardening import fill_the_disk

    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    app = log_in(admin_app(admin_secrets), "admin", ADMIN_PASSWORD)
    register = fresh_store.dataset()[schema.KOPERASI].copy()
    register["nama"] = register["nama"] + " (nama baru yang cukup panjang untuk menambah halaman basis data)"
    upload(app, "register.csv", exports.csv_bytes(register))
    fill_the_disk(ui._store(fresh_store.url))  # the page's own store, as the server holds it
    app.button(key="terapkan").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [str(store_module.WriteFailed())]
    assert fresh_store.current_version().id == 1


# The admin page is out of the public instance's reach ---------------------------------------------------------


def test_no_file_streamlit_could_discover_in_pages_is_the_admin_page():
    """Streamlit's pages-folder mode runs any pages/*.py on a server's first request: none of them may be admin
    code. Each is a page the public instance registers, except the placeholder for /kelola_data, which only
    hands over to the entry point."""
    entry = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    for path in sorted((ROOT / "pages").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        code = source.split('"""', 2)[-1] if source.startswith('"""') else source
        assert not re.search(r"\badmin\b|require_admin|import_tables|rollback|file_uploader", code), path.name
        if path.name == "kelola_data.py":
            assert code.split() == "from koperasi_data.ui import status status.hand_over_to_entry_point()".split()
        else:
            assert f'st.Page("pages/{path.name}"' in entry, path.name
    assert '"admin/kelola_data.py"' in entry


def test_the_public_instance_cannot_switch_to_the_admin_page(monkeypatch):
    monkeypatch.setenv("KOPERASI_MODE", "publik")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_page("pages/ringkasan.py").switch_page("admin/kelola_data.py")


def test_tables_behind_charts_offer_excel_before_csv(monkeypatch):
    monkeypatch.delenv("KOPERASI_MODE", raising=False)
    labels = [b.label for b in open_tables(run_page("pages/koperasi.py", tahun="2016")).get("download_button")]
    excel = [i for i, label in enumerate(labels) if label.startswith("Unduh Excel (")]
    assert len(excel) >= 5  # behind every chart, and the list of cooperatives proposed for dissolution
    for position in excel:
        assert labels[position + 1] == "Unduh CSV (" + labels[position].removeprefix("Unduh Excel (")
