"""The office adds or corrects a published figure: checked like the shipped file, kept and flagged, versioned."""

from __future__ import annotations

import datetime as dt

import pytest

from koperasi_data import cli, metrics, published, schema
from koperasi_data.exports import package_files
from koperasi_data.store import Store

TODAY = dt.date(2026, 7, 1)
GOOD = {"kode_indikator": "koperasi_aktif", "periode": "2026-07-10", "nilai": 470, "penerbit": "Antara Jatim",
        "url": "https://jatim.antaranews.com/berita/1", "tanggal_terbit": "2026-06-30"}


def check(dataset, corrects=None, **changes):
    fields = {**GOOD, **changes}
    return published.check(fields, dataset[schema.VALUES], dataset[schema.INDICATORS], dataset[schema.KECAMATAN],
                           dataset.descriptor, TODAY, corrects=corrects)


def test_a_good_value_becomes_a_row_with_the_shipped_files_id_and_defaults(dataset):
    entry = check(dataset)
    assert entry.problems == []
    assert {k: entry.row[k] for k in ("id", "tahun", "kode_wilayah", "presisi", "status")} == {
        "id": "koperasi_aktif-2026-07-10", "tahun": "2026", "kode_wilayah": "35.28", "presisi": "tepat",
        "status": "resmi"}
    assert "Ditambahkan Dinas lewat Kelola Data, 1 Juli 2026." in entry.row["catatan"]


@pytest.mark.parametrize(("changes", "column", "message"), [
    ({"nilai": -1}, "nilai", "batas bawah"),
    ({"penerbit": ""}, "penerbit", "wajib"),
    ({"url": "jatim.antaranews.com"}, "url", "alamat web lengkap"),
    ({"kode_indikator": "koperasi_aktf"}, "kode_indikator", "tidak dikenal"),
    ({"periode": "Juli 2026"}, "periode", ""),
    ({"periode": "2027"}, "periode", "masa depan"),
    ({"tanggal_terbit": "2026-07-02"}, "tanggal_terbit", "masa depan"),
    ({"presisi": "kira-kira"}, "presisi", "tidak termasuk"),
    ({"status": "ditandai"}, "catatan", "alasannya"),
    ({"status": "turunan", "catatan": "dari dua angka"}, "catatan", "Dihitung"),
    ({"kode_wilayah": "35.29"}, "kode_wilayah", "pembanding"),
    ({"kode_wilayah": "35.28.99"}, "kode_wilayah", "tidak dikenal"),
    ({"kode_indikator": "pembanding_koperasi_aktif"}, "kode_wilayah", "jangan digabung"),
])
def test_a_bad_value_is_refused_with_the_field_and_the_reason(dataset, changes, column, message):
    entry = check(dataset, **changes)
    assert entry.row is None
    assert any(p.column == column and message in p.message for p in entry.problems), entry.problems


def test_a_conflicting_value_is_kept_and_both_are_flagged(dataset):
    entry = check(dataset, periode="2024-05", nilai=450, tanggal_terbit="")
    assert entry.conflicts == ["koperasi_aktif-2024-05"]
    assert entry.row["status"] == schema.DITANDAI and entry.row["id"] == "koperasi_aktif-2024-05-dinas-2"
    added = published.with_row(published.empty(dataset.descriptor), entry.row, dataset.descriptor)
    shown = published.assemble(dataset[schema.VALUES], added).set_index("id")
    assert (shown.loc["koperasi_aktif-2024-05", "nilai"], shown.loc["koperasi_aktif-2024-05", "status"]) == (
        444, schema.DITANDAI)
    assert "koperasi_aktif-2024-05-dinas-2 (nilai 450)" in shown.loc["koperasi_aktif-2024-05", "catatan"]
    assert len(shown) == len(dataset[schema.VALUES]) + 1


def test_a_correction_is_a_new_row_and_the_corrected_one_stays_flagged(dataset):
    entry = check(dataset, corrects="koperasi_total-2024-05", kode_indikator="koperasi_total", periode="2024-05",
                  nilai=792, tanggal_terbit="")
    assert entry.row["status"] == schema.RESMI and entry.row["catatan"].startswith("Koreksi atas koperasi_total-2024-05.")
    added = published.with_row(published.empty(dataset.descriptor), entry.row, dataset.descriptor)
    shown = published.assemble(dataset[schema.VALUES], added).set_index("id")
    assert shown.loc["koperasi_total-2024-05", "status"] == schema.DITANDAI
    assert shown.loc["koperasi_total-2024-05", "nilai"] == 791
    # The headline takes the correction: resmi beats ditandai.
    values = metrics.published_values(type(dataset)(dataset.descriptor, {**dataset.tables,
                                                                       schema.VALUES: shown.reset_index()}))
    assert metrics.koperasi_headline(values, 2024)[schema.KOPERASI_TOTAL]["nilai"] == 792


def test_correcting_an_unknown_id_is_refused(dataset):
    assert check(dataset, corrects="tidak-ada").problems[0].column == "id"


@pytest.fixture()
def store(tmp_path):
    yield Store(f"sqlite:///{tmp_path / 'dasbor.sqlite'}")


def test_each_added_value_is_a_version_shown_exported_and_rolled_back(store, capsys):
    url = store.url
    code = cli.main(["value", "add", "--database", url, "--user", "budi", "--indikator", "kopdes_beroperasi",
                     "--periode", "2026-07-10", "--nilai", "25", "--satuan", "koperasi", "--penerbit", "Antara Jatim",
                     "--url", "https://jatim.antaranews.com/berita/2", "--tanggal-terbit", "2026-07-10"])
    out = capsys.readouterr().out
    assert code == 0 and out.split()[:3] == ["2", "kopdes_beroperasi-2026-07-10", "resmi"]
    version = store.current_version()
    assert (version.id, version.user_name, version.row_counts[schema.VALUES]) == (2, "budi", 1)
    values = metrics.published_values(store.dataset())
    assert metrics.latest_value(values, "kopdes_beroperasi")["nilai"] == 25
    exported = package_files(store.dataset(), "csv")["nilai_indikator.csv"].decode("utf-8-sig")
    assert "kopdes_beroperasi-2026-07-10" in exported and "https://jatim.antaranews.com/berita/2" in exported
    assert cli.main(["rollback", "1", "--database", url, "--user", "budi"]) == 0
    values = metrics.published_values(store.dataset())
    assert metrics.latest_value(values, "kopdes_beroperasi")["nilai"] == 7
    assert len(store.dataset(2)[schema.VALUES]) == len(store.dataset(1)[schema.VALUES]) + 1


def test_a_bad_value_on_the_command_line_exits_1_and_stores_nothing(store, capsys):
    code = cli.main(["value", "add", "--database", store.url, "--indikator", "koperasi_aktif", "--periode", "2024",
                     "--nilai", "5", "--url", "https://x.id/a"])
    assert code == 1
    assert "kolom penerbit: wajib diisi" in capsys.readouterr().out
    assert store.current_version().id == 1


def test_a_unit_that_is_not_the_indicators_is_refused(store, capsys):
    code = cli.main(["value", "add", "--database", store.url, "--indikator", "koperasi_aktif", "--periode", "2024",
                     "--nilai", "5", "--satuan", "orang", "--penerbit", "X", "--url", "https://x.id/a"])
    assert code == 1 and "bukan satuan indikator ini ('koperasi')" in capsys.readouterr().err


def test_a_register_import_keeps_the_offices_values(store, dataset):
    entry = check(dataset, tanggal_terbit="")
    added = published.with_row(store.added_values(), entry.row, dataset.descriptor)
    store.record_values(added, user_name="budi", what="angka terbit")
    store.import_tables({schema.KOPERASI: store.dataset()[schema.KOPERASI]}, user_name="budi", file_name="x.xlsx",
                        file_sha256="ab" * 32)
    assert "koperasi_aktif-2026-07-10" in set(store.dataset()[schema.VALUES]["id"])
