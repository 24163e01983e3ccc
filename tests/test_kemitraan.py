"""Partnerships: metrics on frames small enough to sum by hand, the real register reconciled, the summary."""

from __future__ import annotations

import pandas as pd
import pytest

from koperasi_data import cards, charts, fmt, kemitraan, schema

KECAMATAN = ["Pasean", "Waru", "Kadur"]  # Kadur has no cooperative in the fixture


@pytest.fixture
def koperasi() -> pd.DataFrame:
    """Three active cooperatives (two in Waru, one in Pasean) and one inactive in Pasean."""
    return pd.DataFrame({
        "id_koperasi": ["KOP-1", "KOP-2", "KOP-3", "KOP-4"],
        "kecamatan": ["Waru", "Waru", "Pasean", "Pasean"],
        "status": ["aktif", "aktif", "aktif", "tidak_aktif"],
    })


@pytest.fixture
def parcels() -> pd.DataFrame:
    """Three certified parcels (two of KOP-1, one of KOP-3) and one still being measured."""
    return pd.DataFrame({"id_bidang": ["BID-1", "BID-2", "BID-3", "BID-4"],
                         "id_koperasi": ["KOP-1", "KOP-1", "KOP-3", "KOP-2"],
                         "tahap": ["terbit", "terbit", "terbit", "diukur"]})


@pytest.fixture
def loans() -> pd.DataFrame:
    """BID-1: Rp50 juta cair at Pegadaian, Rp200 juta lunas at a state bank; BID-3: refused by a BPR, then pending."""
    return pd.DataFrame({
        "id_pembiayaan": ["PBY-1", "PBY-2", "PBY-3", "PBY-4"],
        "id_koperasi": ["KOP-1", "KOP-1", "KOP-3", "KOP-3"],
        "id_bidang": ["BID-1", "BID-1", "BID-3", "BID-3"],
        "lembaga": ["Pegadaian", "Bank BUMN", "BPR", "Pegadaian"],
        "tanggal": pd.to_datetime(["2017-01-10", "2017-06-01", "2017-02-01", "2018-12-01"]),
        "nilai_rp": [50_000_000, 200_000_000, 30_000_000, 20_000_000],
        "status": ["cair", "lunas", "ditolak", "diajukan"],
    })


@pytest.fixture
def training() -> pd.DataFrame:
    """2016: one session, KOP-1 (3) and KOP-2 (2); 2017: two sessions, KOP-1 (1) and KOP-3 (4)."""
    return pd.DataFrame({
        "id_pelatihan": ["LAT-1", "LAT-2", "LAT-3", "LAT-4"],
        "id_koperasi": ["KOP-1", "KOP-2", "KOP-1", "KOP-3"],
        "mitra": ["STAIN Pamekasan"] * 4,
        "tanggal": pd.to_datetime(["2016-09-01", "2016-09-01", "2017-03-01", "2017-05-01"]),
        "materi": ["Tata kelola koperasi dan RAT", "Tata kelola koperasi dan RAT", "Pembiayaan syariah",
                   "Pembiayaan syariah"],
        "peserta": [3, 2, 1, 4],
    })


@pytest.fixture
def network() -> pd.DataFrame:
    """KOP-1 (Waru) works with 10 UMKM, KOP-3 (Pasean) with 5."""
    return pd.DataFrame({"id_koperasi": ["KOP-1", "KOP-3"], "kecamatan": ["Waru", "Pasean"],
                         "jumlah_umkm_mitra": [10, 5], "bentuk": ["Pemasaran produk", "Pembiayaan usaha"],
                         "tahun_mulai": [2016, 2017]})


# metrics on hand-summable frames -------------------------------------------------------


def test_collateral_funnel_counts_parcels_certified_pledged_and_with_a_loan_obtained(parcels, loans):
    expected = pd.DataFrame({"langkah": ["diusulkan", "terbit", "dijaminkan", "pinjaman_diperoleh"],
                             "bidang": [4, 3, 2, 1], "persen_dari_terbit": [None, 100.0, 200 / 3, 100 / 3]})
    pd.testing.assert_frame_equal(kemitraan.collateral_funnel(parcels, loans), expected, check_dtype=False)


def test_loan_totals_count_only_disbursed_or_repaid_loans_as_obtained(parcels, loans):
    assert kemitraan.loan_totals(parcels, loans) == {
        "bidang_terbit": 3, "bidang_dengan_pinjaman": 1, "persen_terbit_dengan_pinjaman": pytest.approx(100 / 3),
        "pengajuan": 4, "pinjaman_diperoleh": 2, "ditolak": 1, "nilai_rp": 250_000_000, "koperasi": 1}


def test_loans_by_lembaga_lists_all_four_kinds_largest_amount_first(loans):
    expected = pd.DataFrame({"lembaga": ["Bank BUMN", "Pegadaian", "BPR", "Bank daerah"],
                             "pengajuan": [1, 2, 1, 0], "pinjaman_diperoleh": [1, 1, 0, 0], "ditolak": [0, 0, 1, 0],
                             "nilai_rp": [200_000_000, 50_000_000, 0, 0]})
    pd.testing.assert_frame_equal(kemitraan.loans_by_lembaga(loans), expected, check_dtype=False)


def test_training_by_year_counts_sessions_cooperatives_and_board_members(training):
    expected = pd.DataFrame({"tahun": [2016, 2017], "sesi": [1, 2], "koperasi": [2, 2], "pengurus": [5, 5]})
    pd.testing.assert_frame_equal(kemitraan.training_by_year(training), expected, check_dtype=False)


def test_training_totals_count_a_cooperative_trained_twice_once(training):
    assert kemitraan.training_totals(training) == {"sesi": 3, "koperasi": 3, "pengurus": 10}


def test_network_by_kecamatan_lists_every_kecamatan_with_share_of_active_cooperatives_linked(koperasi, network):
    expected = pd.DataFrame({"kecamatan": KECAMATAN, "koperasi_aktif": [1, 2, 0], "koperasi_bermitra": [1, 1, 0],
                             "persen_bermitra": [100.0, 50.0, None], "umkm_mitra": [5, 10, 0]})
    pd.testing.assert_frame_equal(kemitraan.network_by_kecamatan(network, koperasi, KECAMATAN), expected,
                                  check_dtype=False)


def test_partnership_by_kecamatan_puts_each_record_in_its_cooperatives_kecamatan(koperasi, parcels, loans, training,
                                                                                  network):
    expected = pd.DataFrame({"kecamatan": KECAMATAN, "bidang_terbit": [1, 2, 0], "pinjaman_diperoleh": [0, 2, 0],
                             "nilai_rp": [0, 250_000_000, 0], "koperasi_dilatih": [1, 2, 0],
                             "pengurus_dilatih": [4, 6, 0], "koperasi_bermitra": [1, 1, 0], "umkm_mitra": [5, 10, 0]})
    result = kemitraan.partnership_by_kecamatan(koperasi, parcels, loans, training, network, KECAMATAN)
    pd.testing.assert_frame_equal(result, expected, check_dtype=False)


@pytest.mark.parametrize(("chosen", "expected_loans"), [([], ["PBY-1", "PBY-2", "PBY-3", "PBY-4"]),
                                                        (["Pasean"], ["PBY-3", "PBY-4"]),
                                                        (["Kadur"], [])])
def test_in_kecamatan_keeps_records_of_cooperatives_in_the_chosen_kecamatan(koperasi, loans, chosen, expected_loans):
    assert kemitraan.in_kecamatan(loans, koperasi, chosen)["id_pembiayaan"].tolist() == expected_loans


def test_has_records_is_false_only_when_every_table_is_empty(parcels, loans):
    assert kemitraan.has_records(parcels.iloc[0:0], loans)
    assert not kemitraan.has_records(parcels.iloc[0:0], loans.iloc[0:0])


def test_metrics_on_empty_tables_give_zeros_not_errors(parcels, loans, training, network, koperasi):
    none = {name: frame.iloc[0:0] for name, frame in
            {"parcels": parcels, "loans": loans, "training": training, "network": network}.items()}
    assert kemitraan.loan_totals(none["parcels"], none["loans"])["persen_terbit_dengan_pinjaman"] is None
    assert kemitraan.training_by_year(none["training"]).empty
    assert kemitraan.partnership_by_kecamatan(koperasi, *none.values(), ["Waru"]).iloc[0, 1:].sum() == 0


# charts ---------------------------------------------------------------------------------


def test_chart_titles_state_the_finding(koperasi, parcels, loans, training, network):
    assert charts.collateral_funnel(kemitraan.collateral_funnel(parcels, loans)).title == (
        "1 dari 3 bidang bersertipikat sudah menghasilkan pinjaman (33,3 %)")
    assert charts.loans_by_lembaga(kemitraan.loans_by_lembaga(loans)).title == (
        "Bank BUMN menyalurkan pinjaman terbesar: Rp200 juta dari Rp250 juta (1 pinjaman)")
    assert charts.training_by_year(kemitraan.training_by_year(training), kemitraan.training_totals(training)).title == (
        "STAIN Pamekasan melatih 10 pengurus dari 3 koperasi (2016–2017)")
    assert charts.network_by_kecamatan(kemitraan.network_by_kecamatan(network, koperasi, KECAMATAN)).title == (
        "2 koperasi bermitra dengan 15 UMKM; terbanyak di Waru (10 UMKM)")


def test_charts_on_empty_tables_say_there_is_nothing(koperasi, parcels, loans, training, network):
    assert charts.collateral_funnel(kemitraan.collateral_funnel(parcels.iloc[0:0], loans.iloc[0:0])).title == (
        "Belum ada bidang bersertipikat yang dapat dijadikan agunan")
    assert charts.loans_by_lembaga(kemitraan.loans_by_lembaga(loans.iloc[0:0])).title == (
        "Belum ada pinjaman yang diperoleh dengan agunan tanah bersertipikat")
    empty_training = training.iloc[0:0]
    assert charts.training_by_year(kemitraan.training_by_year(empty_training),
                                   kemitraan.training_totals(empty_training)).title == (
        "Belum ada pengurus koperasi yang dilatih")
    assert charts.network_by_kecamatan(kemitraan.network_by_kecamatan(network.iloc[0:0], koperasi, ["Kadur"])).title == (
        "Tidak ada koperasi yang bermitra dengan UMKM di kecamatan yang dipilih")


def test_small_counts_get_whole_number_ticks(parcels, loans):
    axis = charts.collateral_funnel(kemitraan.collateral_funnel(parcels, loans)).figure.layout.xaxis
    assert axis.dtick == 1


def test_loan_bars_write_rupiah_and_count_on_each_bar(loans):
    bar = charts.loans_by_lembaga(kemitraan.loans_by_lembaga(loans)).figure.data[0]
    # Written on two lines on every screen, after the '·', so that a phone's plot keeps its width.
    assert bar.text[-1] == "Rp200 juta ·<br>1 pinjaman"


# the real register ------------------------------------------------------------------------


def test_every_loan_pledges_an_issued_parcel_of_the_borrower_dated_after_its_certificate(dataset):
    loans = dataset[schema.FINANCING].merge(dataset[schema.CERTIFICATION], on="id_bidang", how="left",
                                            suffixes=("", "_bidang"))
    assert len(loans) == len(dataset[schema.FINANCING]) > 0
    assert set(loans["tahap"]) == {"terbit"}
    assert (loans["id_koperasi"] == loans["id_koperasi_bidang"]).all()
    assert (loans["tanggal"] > loans["tanggal_terbit"]).all()
    assert (loans["tanggal"] <= pd.Timestamp(schema.KEMITRAAN_SNAPSHOT)).all()


@pytest.mark.parametrize("resource", [schema.FINANCING, schema.TRAINING, schema.NETWORK])
def test_partnership_records_belong_to_active_cooperatives_of_the_register(dataset, resource):
    koperasi = dataset[schema.KOPERASI].set_index("id_koperasi")
    ids = dataset[resource]["id_koperasi"]
    assert ids.isin(koperasi.index).all()
    assert set(koperasi.loc[ids, "status"]) == {schema.AKTIF}


def test_per_kecamatan_table_adds_up_to_the_regency_totals(dataset):
    names = list(dataset[schema.KECAMATAN]["nama"])
    parcels, loans = dataset[schema.CERTIFICATION], dataset[schema.FINANCING]
    training, network = dataset[schema.TRAINING], dataset[schema.NETWORK]
    table = kemitraan.partnership_by_kecamatan(dataset[schema.KOPERASI], parcels, loans, training, network, names)
    totals = kemitraan.loan_totals(parcels, loans)
    assert (table["bidang_terbit"].sum(), table["pinjaman_diperoleh"].sum(), table["nilai_rp"].sum()) == (
        totals["bidang_terbit"], totals["pinjaman_diperoleh"], totals["nilai_rp"])
    assert table["pengurus_dilatih"].sum() == kemitraan.training_totals(training)["pengurus"]
    assert table["umkm_mitra"].sum() == kemitraan.network_totals(network)["umkm_mitra"]


def test_funnel_on_the_real_register_starts_from_every_proposed_parcel(dataset):
    parcels = dataset[schema.CERTIFICATION]
    funnel = kemitraan.collateral_funnel(parcels, dataset[schema.FINANCING]).set_index("langkah")["bidang"]
    assert (funnel["diusulkan"], funnel["terbit"]) == (len(parcels), int((parcels["tahap"] == "terbit").sum()))
    assert funnel["diusulkan"] >= funnel["terbit"] >= funnel["dijaminkan"] >= funnel["pinjaman_diperoleh"] > 0


# the summary for the presentation -----------------------------------------------------------


def test_summary_gives_one_illustrative_headline_per_obstacle_with_its_partners(dataset, values):
    summary = cards.kemitraan_summary(dataset, values)
    assert [(s.obstacle, s.partners) for s in summary] == [
        ("Modal usaha", "BPN; Pegadaian dan bank"),
        ("SDM", "STAIN Pamekasan (Fakultas Syariah, Perbankan Syariah)"),
        ("Jaringan", "UMKM binaan Dinas"),
    ]
    assert {s.status for s in summary} == {schema.ILUSTRATIF}
    assert all("(ilustratif)" in s.source and "Antara Jatim, 12 Juli 2016" in s.source for s in summary)


def test_summary_figures_are_the_register_totals_formatted(dataset, values):
    summary = {s.obstacle: s for s in cards.kemitraan_summary(dataset, values)}
    loans = kemitraan.loan_totals(dataset[schema.CERTIFICATION], dataset[schema.FINANCING])
    assert summary["Modal usaha"].figure == fmt.rupiah(loans["nilai_rp"]) == "Rp4,4 miliar"
    assert summary["SDM"].figure == fmt.number(kemitraan.training_totals(dataset[schema.TRAINING])["pengurus"]) == "399"
    assert summary["Jaringan"].figure == "2.194"
    assert summary["SDM"].unit == "pengurus dari 142 koperasi dilatih"


def test_strategy_line_links_the_hari_koperasi_2016_article(values):
    assert cards.strategy_line(values) == (
        "Sumber: [Antara Jatim, 12 Juli 2016](https://jatim.antaranews.com/berita/180677/"
        "diskop-pamekasan-dorong-penguatan-peran-koperasi-melalui-kemitraan)")
