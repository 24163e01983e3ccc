"""Pruning old versions: their tables go, their audit rows stay, and they say so; on SQLite and PostgreSQL."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from koperasi_data import cli, schema, store as store_module
from koperasi_data.load import load_dataset, resource_descriptor, typed_frame
from koperasi_data.store import PrunedVersion, Store, UnknownVersion

SHA = "ab" * 32


def koperasi(*names: str) -> pd.DataFrame:
    rows = [{"id_koperasi": f"KOP-{i + 1:04d}", "nama": name, "kecamatan": "Pasean", "desa": "Tlontoraja",
             "jenis": "Jasa", "status": "aktif", "status_pembubaran": "tidak_diusulkan",
             "tanggal_usulan_pembubaran": "", "tahun_berdiri": "1999", "anggota_laki": "12",
             "anggota_perempuan": "30", "tahun_rat_terakhir": "2026"} for i, name in enumerate(names)]
    return typed_frame(pd.DataFrame(rows), resource_descriptor(load_dataset().descriptor, schema.KOPERASI))


def blob_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(store_module.blobs_table)).scalar()


@pytest.fixture()
def five_versions(store_url) -> Store:
    """#1 seed, #2 A, #3 B, #4 rollback to #2 (shares #2's blob), #5 C (current)."""
    store = Store(store_url)
    store.ensure_seeded()
    for names in (["A"], ["B"]):
        store.import_tables({schema.KOPERASI: koperasi(*names)}, user_name="admin", file_name=f"{names[0]}.xlsx",
                            file_sha256=SHA)
    store.rollback(2, user_name="admin", note="kembali ke A")
    store.import_tables({schema.KOPERASI: koperasi("C")}, user_name="admin", file_name="C.xlsx", file_sha256=SHA)
    return store


def test_prune_keeps_the_newest_versions_and_every_audit_row(five_versions):
    store = five_versions
    before = {v.id: (v.user_name, v.action, v.file_name, v.row_counts) for v in store.versions()}
    assert store.prune(2, user_name="admin") == [1, 2, 3]
    versions = {v.id: v for v in store.versions()}
    assert {i: (v.user_name, v.action, v.file_name, v.row_counts) for i, v in versions.items()} == before
    assert {i: v.pruned_at is not None for i, v in versions.items()} == {5: False, 4: False, 3: True, 2: True,
                                                                          1: True}
    # Version 4 restored version 2's content: that blob is still referenced and readable.
    assert store.dataset(4)[schema.KOPERASI]["nama"].tolist() == ["A"]
    assert store.dataset()[schema.KOPERASI]["nama"].tolist() == ["C"]


def test_prune_deletes_only_blobs_no_remaining_version_refers_to(five_versions):
    store = five_versions
    # Blobs: 6 seed tables, A, B, C.
    assert blob_count(store) == 9
    store.prune(2, user_name="admin")
    # The five seed tables other than koperasi are still held by #4 and #5; B and the seed koperasi go.
    assert blob_count(store) == 7


def test_a_pruned_version_cannot_be_opened_or_restored_and_says_why(five_versions):
    store = five_versions
    store.prune(1, user_name="admin")
    with pytest.raises(PrunedVersion, match=r"Versi #3 sudah dipangkas pada .*tidak dapat dibuka atau dipulihkan"):
        store.rollback(3, user_name="admin")
    with pytest.raises(PrunedVersion):
        store.dataset(2)
    assert store.current_version().id == 5
    assert len(store.versions()) == 5
    with pytest.raises(UnknownVersion, match="Versi #9 tidak ada"):
        store.rollback(9, user_name="admin")


def test_prune_never_removes_the_current_version(five_versions):
    store = five_versions
    store.rollback(1, user_name="admin")  # #6 is current and shares the seed's blobs
    store.prune(1, user_name="admin")
    assert store.dataset()[schema.KOPERASI].shape[0] == 585
    assert [v.id for v in store.versions() if v.pruned_at is None] == [6]


def test_pruning_again_changes_nothing_and_keep_must_be_positive(five_versions):
    store = five_versions
    assert store.prune(2, user_name="admin") == [1, 2, 3]
    assert store.prune(2, user_name="admin") == []
    with pytest.raises(ValueError, match="sedikitnya 1"):
        store.prune(0, user_name="admin")


def test_cli_prune_and_versions_and_rollback_tell_the_user(five_versions, capsys):
    url = five_versions.url
    assert cli.main(["prune", "--keep", "3", "--database", url, "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "Dipangkas 2 versi: #1, #2" in out
    assert cli.main(["versions", "--database", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert [("dipangkas" in line) for line in lines] == [False, False, False, True, True]
    assert "isi tabel dihapus, tidak dapat dipulihkan" in lines[-1]
    assert cli.main(["rollback", "2", "--database", url]) == 1
    assert "Versi #2 sudah dipangkas" in capsys.readouterr().err
    assert cli.main(["prune", "--keep", "0", "--database", url]) == 2
