"""The versioned store, on SQLite and on PostgreSQL: seed, import, rollback, history, atomicity, serialised writers."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from koperasi_data import schema
from koperasi_data import store as store_module
from koperasi_data.load import load_dataset, resource_descriptor, typed_frame
from koperasi_data.store import StaleVersion, Store, UnknownVersion

SHA = "ab" * 32
NOV = dt.date(2026, 11, 1)


def koperasi_rows(*names: str) -> pd.DataFrame:
    """A register of a few cooperatives with the given names, typed as the data package says."""
    rows = [{"id_koperasi": f"KOP-{i + 1:04d}", "nama": name, "kecamatan": "Waru", "desa": "Tampojung Pregi",
             "jenis": "Konsumen", "status": "aktif", "status_pembubaran": "tidak_diusulkan",
             "tanggal_usulan_pembubaran": "", "tahun_berdiri": "2001", "anggota_laki": "10",
             "anggota_perempuan": str(5 + i), "tahun_rat_terakhir": "2026"} for i, name in enumerate(names)]
    return typed_frame(pd.DataFrame(rows), resource_descriptor(load_dataset().descriptor, schema.KOPERASI))


def umkm_rows(units: int) -> pd.DataFrame:
    rows = [{"kecamatan": "Waru", "sektor": "Jasa", "skala": "mikro", "unit_usaha": str(units), "tenaga_kerja": "3"}]
    return typed_frame(pd.DataFrame(rows), resource_descriptor(load_dataset().descriptor, schema.UMKM))


def import_koperasi(store: Store, frame: pd.DataFrame, **kwargs):
    fields = {"user_name": "admin", "file_name": "register_2026.xlsx", "file_sha256": SHA, "note": "uji",
              "data_date": NOV} | kwargs
    return store.import_tables({schema.KOPERASI: frame}, **fields)


def assert_same_tables(result, expected, names=None) -> None:
    for name in names or expected.tables:
        pd.testing.assert_frame_equal(result[name].reset_index(drop=True), expected[name].reset_index(drop=True))


def row_count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()


def run_together(threads: list[threading.Thread]) -> None:
    """Start and join the threads; a writer stuck on a lock fails the test instead of hanging it."""
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer is still waiting after 120 s"


def history(store: Store) -> list[tuple[int, str, bool]]:
    return [(v.id, v.action, v.is_current) for v in store.versions()]


def test_seed_is_version_1_and_equals_the_shipped_data(store_url):
    store = Store(store_url)
    version = store.ensure_seeded()
    assert (version.id, version.action, version.is_current, version.restored_from) == (1, "seed", True, None)
    assert version.row_counts == {"koperasi": 585, "sertifikasi": 150, "umkm_2016": 234, "pembiayaan": 42, "pelatihan": 157,
                                  "jejaring": 124}
    assert version.data_date == dt.date(2016, 7, 12)
    assert version.created_at.tzinfo is not None
    seeded = store.dataset()
    assert len(seeded[schema.KOPERASI]) == 585
    assert_same_tables(seeded, load_dataset())
    assert all(seeded.is_illustrative(name) for name in schema.REGISTER_RESOURCES)
    assert seeded.version_info.id == 1
    assert seeded.version.startswith("v1-")
    assert seeded.as_of(schema.CERTIFICATION) == dt.date(2017, 12, 31)


def test_seeding_again_or_from_another_store_adds_nothing(store_url):
    Store(store_url).ensure_seeded()
    Store(store_url).ensure_seeded()
    assert history(Store(store_url)) == [(1, "seed", True)]


def test_two_stores_seeding_an_empty_database_at_once_make_one_version(store_url):
    barrier = threading.Barrier(2, timeout=60)
    errors = []

    def seed():
        try:
            barrier.wait()
            Store(store_url).ensure_seeded()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    run_together([threading.Thread(target=seed, daemon=True) for _ in range(2)])
    assert errors == []
    assert history(Store(store_url)) == [(1, "seed", True)]


def test_import_records_a_new_version_with_its_audit_record(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    version = import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki", "KSPPS Al-Amin"))
    assert (version.id, version.action, version.is_current) == (2, "import", True)
    assert (version.user_name, version.file_name, version.file_sha256, version.note, version.data_date) == (
        "admin", "register_2026.xlsx", SHA, "uji", NOV)
    assert version.row_counts == {"koperasi": 2, "sertifikasi": 150, "umkm_2016": 234, "pembiayaan": 42, "pelatihan": 157,
                                  "jejaring": 124}
    assert store.version(2) == version


def test_imported_table_replaces_the_register_and_the_others_carry_over(store_url):
    store = Store(store_url)
    seed = store.dataset(store.ensure_seeded().id)
    new = koperasi_rows("Koperasi Sumber Rejeki", "KSPPS Al-Amin")
    import_koperasi(store, new)
    result = store.dataset()
    pd.testing.assert_frame_equal(result[schema.KOPERASI], new)
    assert_same_tables(result, seed, [n for n in seed.tables if n != schema.KOPERASI])


def test_imported_table_is_no_longer_illustrative_and_names_its_import(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki"))
    result = store.dataset()
    resource = resource_descriptor(result.descriptor, schema.KOPERASI)
    assert not result.is_illustrative(schema.KOPERASI)
    assert result.is_illustrative(schema.UMKM) and result.is_illustrative(schema.CERTIFICATION)
    assert resource["title"] == "Register koperasi"
    assert resource["sources"] == [{"title": "Register Dinas Koperasi dan UKM Kabupaten Pamekasan, impor versi 2"}]
    assert result.as_of(schema.KOPERASI) == NOV
    assert result.register_date == NOV


def test_a_later_partial_import_keeps_the_earlier_imports_provenance(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki"))
    store.import_tables({schema.UMKM: umkm_rows(7)}, user_name="budi", file_name="umkm.csv", file_sha256=SHA,
                        data_date=dt.date(2026, 12, 1))
    result = store.dataset()
    sources = {name: resource_descriptor(result.descriptor, name).get("sources") for name in (schema.KOPERASI, schema.UMKM)}
    assert sources[schema.KOPERASI] == [{"title": "Register Dinas Koperasi dan UKM Kabupaten Pamekasan, impor versi 2"}]
    assert sources[schema.UMKM] == [{"title": "Register Dinas Koperasi dan UKM Kabupaten Pamekasan, impor versi 3"}]
    assert (result.as_of(schema.KOPERASI), result.as_of(schema.UMKM)) == (NOV, dt.date(2026, 12, 1))
    assert list(result[schema.KOPERASI]["nama"]) == ["Koperasi Sumber Rejeki"]


def test_rollback_makes_version_1_current_again_as_version_3_and_keeps_all_history(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki"))
    blobs_before = row_count(store, store_module.blobs_table)
    version = store.rollback(1, user_name="admin", note="salah berkas")
    assert (version.id, version.action, version.restored_from, version.note) == (3, "rollback", 1, "salah berkas")
    assert history(store) == [(3, "rollback", True), (2, "import", False), (1, "seed", False)]
    restored, original = store.dataset(), store.dataset(1)
    assert_same_tables(restored, original)
    assert restored.descriptor == original.descriptor
    assert version.row_counts == store.version(1).row_counts
    assert len(store.dataset(2)[schema.KOPERASI]) == 1
    # Content addressing: going back copies nothing.
    assert row_count(store, store_module.blobs_table) == blobs_before


def test_dataset_key_follows_the_content_and_the_version(store_url):
    store = Store(store_url)
    first = store.dataset_key(store.ensure_seeded())
    second = store.dataset_key(import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki")))
    third = store.dataset_key(store.rollback(1, user_name="admin"))
    assert (first[:3], second[:3], third[:3]) == ("v1-", "v2-", "v3-")
    assert first[3:] == third[3:] != second[3:]


def test_another_stores_import_is_seen_by_the_next_read(store_url):
    reader, writer = Store(store_url), Store(store_url)
    assert reader.current_version().id == 1
    import_koperasi(writer, koperasi_rows("Koperasi Sumber Rejeki"))
    assert reader.current_version().id == 2
    assert list(reader.dataset()[schema.KOPERASI]["nama"]) == ["Koperasi Sumber Rejeki"]


def test_import_based_on_an_old_version_raises_stale_version_and_changes_nothing(store_url):
    store = Store(store_url)
    store.ensure_seeded()
    import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki"))
    with pytest.raises(StaleVersion, match="dari #1 menjadi #2"):
        import_koperasi(store, koperasi_rows("Koperasi Lain"), expected_current=1)
    assert history(store) == [(2, "import", True), (1, "seed", False)]
    assert import_koperasi(store, koperasi_rows("Koperasi Lain"), expected_current=2).id == 3


def test_a_failure_before_commit_changes_nothing(store_url, monkeypatch):
    store = Store(store_url)
    store.ensure_seeded()
    blobs_before = row_count(store, store_module.blobs_table)

    def fail():
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(store_module, "_before_commit", fail)
    with pytest.raises(RuntimeError, match="disk penuh"):
        import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki"))
    with pytest.raises(RuntimeError, match="disk penuh"):
        store.rollback(1, user_name="admin")
    assert history(store) == [(1, "seed", True)]
    assert row_count(store, store_module.blobs_table) == blobs_before
    assert row_count(store, store_module.version_resources_table) == len(schema.REGISTER_RESOURCES)
    monkeypatch.undo()
    assert import_koperasi(store, koperasi_rows("Koperasi Sumber Rejeki")).id == 2


@pytest.mark.parametrize("tables,message", [
    ({}, "tidak ada"),
    ({schema.KECAMATAN: pd.DataFrame()}, "kecamatan"),
])
def test_only_register_tables_can_be_imported(store_url, tables, message):
    store = Store(store_url)
    store.ensure_seeded()
    with pytest.raises(ValueError, match=message):
        store.import_tables(tables, user_name="admin", file_name="x.csv", file_sha256=SHA)
    assert history(store) == [(1, "seed", True)]


def test_rollback_to_a_version_that_does_not_exist_changes_nothing(store_url):
    store = Store(store_url)
    with pytest.raises(UnknownVersion, match="Versi #9 tidak ada"):
        store.rollback(9, user_name="admin")
    assert history(store) == [(1, "seed", True)]


def test_two_imports_at_once_are_serialised_and_neither_is_lost(store_url, monkeypatch):
    Store(store_url).ensure_seeded()
    first_inside = threading.Event()

    def hold_the_first_commit():
        # The first writer to get here holds the writer lock for a moment while the second one is started.
        if not first_inside.is_set():
            first_inside.set()
            threading.Event().wait(0.5)

    monkeypatch.setattr(store_module, "_before_commit", hold_the_first_commit)
    results, errors = {}, []

    def run(name, tables):
        try:
            results[name] = Store(store_url).import_tables(tables, user_name=name, file_name=f"{name}.xlsx",
                                                           file_sha256=SHA)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    first = threading.Thread(target=run, args=("ani", {schema.KOPERASI: koperasi_rows("Koperasi Ani")}), daemon=True)
    second = threading.Thread(target=run, args=("budi", {schema.UMKM: umkm_rows(7)}), daemon=True)
    first.start()
    assert first_inside.wait(60)
    run_together([second])
    first.join(timeout=120)
    assert errors == []
    assert (results["ani"].id, results["budi"].id) == (2, 3)
    final = Store(store_url).dataset()
    assert final.version_info.id == 3
    # The second import was built on the first: the register imported by "ani" was carried over.
    assert list(final[schema.KOPERASI]["nama"]) == ["Koperasi Ani"]
    assert list(final[schema.UMKM]["unit_usaha"]) == [7]


@pytest.mark.parametrize("environment,expected", [
    ({"XDG_DATA_HOME": "/srv/data"}, "sqlite:////srv/data/dasbor-koperasi/dasbor.sqlite"),
    ({"XDG_DATA_HOME": "/srv/data", "DATABASE_URL": "postgresql+psycopg://db/dasbor"},
     "postgresql+psycopg://db/dasbor"),
])
def test_database_url_comes_from_the_environment(monkeypatch, tmp_path, environment, expected):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(store_module.Path, "mkdir", lambda *a, **k: None)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    assert store_module.database_url() == expected


def test_default_store_lives_outside_the_source_tree(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store_module.default_path() == tmp_path / ".local/share/dasbor-koperasi/dasbor.sqlite"
    assert schema.DATA_DIR.parent not in store_module.default_path().parents
