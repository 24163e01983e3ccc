"""The illustrative register: reproducible byte for byte, and faithful to the official 2016 totals."""

from __future__ import annotations

import csv
import io
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koperasi_data import generate, schema

FILES = ["koperasi.csv", "sertifikasi.csv", "umkm_2016.csv", "pembiayaan.csv", "pelatihan.csv", "jejaring.csv"]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return generate.generate()


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", FILES)
def test_generate_reproduces_the_shipped_file_byte_for_byte(generated, name):
    assert generated[name].encode("utf-8") == (schema.DATA_DIR / name).read_bytes()


def test_same_seed_gives_the_same_text_and_another_seed_different_text(generated):
    assert generate.generate(seed=generate.SEED) == generated
    other = generate.generate(seed=generate.SEED + 1)
    assert {name: other[name] != generated[name] for name in FILES} == {name: True for name in FILES}


def test_write_puts_the_generated_files_in_the_folder(tmp_path, generated):
    written = generate.write(tmp_path)
    assert sorted(p.name for p in written) == sorted(FILES)
    assert {p.name: p.read_text(encoding="utf-8") for p in written} == generated


@pytest.mark.parametrize("seed", [generate.SEED, 1, 2024])
def test_register_totals_are_585_cooperatives_563_active_22_inactive_for_any_seed(seed):
    koperasi = rows(generate.generate(seed=seed)["koperasi.csv"])
    assert Counter(r["status"] for r in koperasi) == {"aktif": 563, "tidak_aktif": 22}


@pytest.mark.parametrize("seed", [generate.SEED, 1, 2024])
def test_umkm_sums_are_195554_units_and_257481_workers_for_any_seed(seed):
    umkm = rows(generate.generate(seed=seed)["umkm_2016.csv"])
    assert sum(int(r["unit_usaha"]) for r in umkm) == 195_554
    assert sum(int(r["tenaga_kerja"]) for r in umkm) == 257_481


def test_every_inactive_cooperative_and_no_active_one_is_proposed_for_dissolution(generated):
    koperasi = rows(generated["koperasi.csv"])
    proposals = Counter((r["status"], r["status_pembubaran"], bool(r["tanggal_usulan_pembubaran"])) for r in koperasi)
    assert proposals == {("aktif", "tidak_diusulkan", False): 563, ("tidak_aktif", "diusulkan_bubar", True): 22}


def test_inactive_cooperatives_held_no_rat_for_at_least_three_years(generated):
    inactive = [r for r in rows(generated["koperasi.csv"]) if r["status"] == "tidak_aktif"]
    assert all(r["tahun_rat_terakhir"] == "" or int(r["tahun_rat_terakhir"]) <= schema.REGISTER_YEAR - 3
               for r in inactive)


def test_names_say_ilustrasi_so_they_cannot_pass_for_real_cooperatives(generated):
    koperasi = rows(generated["koperasi.csv"])
    assert all("Ilustrasi" in r["nama"] and "Ilustrasi" in r["desa"] for r in koperasi)


def test_cooperatives_are_spread_over_all_13_kecamatan(generated):
    kecamatan = {r["nama"] for r in generate.read_kecamatan(schema.DATA_DIR)}
    assert {r["kecamatan"] for r in rows(generated["koperasi.csv"])} == kecamatan


def test_parcels_have_the_planned_stage_counts_and_belong_to_active_cooperatives(generated):
    parcels = rows(generated["sertifikasi.csv"])
    active = {r["id_koperasi"] for r in rows(generated["koperasi.csv"]) if r["status"] == "aktif"}
    assert Counter(r["tahap"] for r in parcels) == generate.PARCEL_STAGE_COUNTS
    assert {r["id_koperasi"] for r in parcels} <= active


def test_loans_pledge_only_issued_parcels_of_the_borrower_after_the_certificate(generated):
    parcels = {r["id_bidang"]: r for r in rows(generated["sertifikasi.csv"])}
    loans = rows(generated["pembiayaan.csv"])
    assert len(loans) >= 20
    assert all(parcels[r["id_bidang"]]["tahap"] == "terbit" for r in loans)
    assert all(parcels[r["id_bidang"]]["id_koperasi"] == r["id_koperasi"] for r in loans)
    assert all(r["tanggal"] > parcels[r["id_bidang"]]["tanggal_terbit"] for r in loans)
    assert all(r["tanggal"] <= schema.KEMITRAAN_SNAPSHOT for r in loans)


def test_training_and_links_involve_only_active_cooperatives_from_july_2016(generated):
    active = {r["id_koperasi"]: r for r in rows(generated["koperasi.csv"]) if r["status"] == "aktif"}
    training = rows(generated["pelatihan.csv"])
    links = rows(generated["jejaring.csv"])
    assert {r["id_koperasi"] for r in training + links} <= set(active)
    assert all(schema.REGISTER_DATE < r["tanggal"] <= schema.KEMITRAAN_SNAPSHOT for r in training)
    assert all(r["kecamatan"] == active[r["id_koperasi"]]["kecamatan"] for r in links)


def test_a_cooperative_takes_each_training_subject_at_most_once(generated):
    pairs = [(r["id_koperasi"], r["materi"]) for r in rows(generated["pelatihan.csv"])]
    assert len(pairs) == len(set(pairs))


# largest_remainder -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "total", "expected"),
    [
        ([1, 1, 1], 10, [4, 3, 3]),  # equal remainders: the earlier item gets the extra one
        ([0.5, 0.3, 0.2], 10, [5, 3, 2]),
        ([1, 2, 3], 7, [1, 2, 4]),  # quotas 1.17, 2.33, 3.5: the largest remainder wins
        ([2, 1], 1, [1, 0]),
        ([0.30, 0.24, 0.14, 0.08, 0.12, 0.12], 585, [176, 140, 82, 47, 70, 70]),
        ([5], 585, [585]),
        ([1, 0, 1], 3, [2, 0, 1]),  # a zero weight gets nothing
        ([1, 1], 0, [0, 0]),
        ([0, 0], 5, [0, 0]),  # nothing to be proportional to
    ],
)
def test_largest_remainder_splits_a_total_in_proportion(weights, total, expected):
    assert generate.largest_remainder(weights, total) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30).filter(
        lambda weights: sum(weights) > 0),
    st.integers(min_value=0, max_value=1_000_000),
)
def test_largest_remainder_sums_exactly_to_the_total_and_stays_within_one_of_each_quota(weights, total):
    counts = generate.largest_remainder(weights, total)
    assert sum(counts) == total
    assert all(n >= 0 for n in counts)
    weight_sum = sum(Fraction(w) for w in weights)
    for weight, n in zip(weights, counts):
        assert abs(n - Fraction(weight) / weight_sum * total) < 1
