"""The shipped data/: valid, documented, sourced, and pinned to the official 2016 totals."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from koperasi_data import metrics, schema
from koperasi_data.load import read_descriptor, resource_descriptor, tabular_resources
from koperasi_data.validate import check_dataset, validate_package

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTOR = read_descriptor()
RESOURCES = [resource["name"] for resource in tabular_resources(DESCRIPTOR)]
FIELDS = [(resource["name"], field["name"]) for resource in tabular_resources(DESCRIPTOR)
          for field in resource["schema"]["fields"]]
GEO_RESOURCES = [resource["name"] for resource in DESCRIPTOR["resources"] if resource.get("format") == "geojson"]


def field(resource: str, name: str) -> dict:
    return next(f for f in resource_descriptor(DESCRIPTOR, resource)["schema"]["fields"] if f["name"] == name)


def test_shipped_package_passes_schema_validation():
    assert [p.as_line() for p in validate_package()] == []


def test_shipped_package_passes_the_cross_column_rules(dataset):
    assert [p.as_line() for p in check_dataset(dataset, dt.date.today().year)] == []


# documentation ------------------------------------------------------------------------


@pytest.mark.parametrize("name", RESOURCES)
def test_csv_header_is_exactly_the_described_fields_in_order(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    with open(schema.DATA_DIR / resource["path"], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [f["name"] for f in resource["schema"]["fields"]]


@pytest.mark.parametrize(("resource", "name"), FIELDS)
def test_every_field_has_a_title_and_a_description(resource, name):
    spec = field(resource, name)
    assert spec.get("title", "").strip() and spec.get("description", "").strip()


@pytest.mark.parametrize("name", RESOURCES)
def test_every_resource_has_a_title_a_description_and_an_explicit_illustrative_flag(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    assert resource["title"].strip() and resource["description"].strip()
    assert resource["ilustratif"] is (name in schema.ILLUSTRATIVE_RESOURCES)


@pytest.mark.parametrize("name", schema.ILLUSTRATIVE_RESOURCES)
def test_illustrative_resources_say_so_in_their_title_and_description(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    assert "(ilustratif)" in resource["title"]
    assert "Data ilustratif" in resource["description"]


@pytest.mark.parametrize(
    ("resource", "column", "named_in_schema"),
    [
        ("koperasi", "status", schema.STATUS_KOPERASI),
        ("koperasi", "status_pembubaran", schema.STATUS_PEMBUBARAN),
        ("koperasi", "jenis", schema.JENIS_KOPERASI),
        ("sertifikasi", "tahap", schema.TAHAP),
        ("umkm_2016", "skala", schema.SKALA),
        ("umkm_2016", "sektor", schema.SEKTOR),
        ("nilai_indikator", "status", schema.STATUS_DATA),
        ("nilai_indikator", "presisi", schema.PRESISI),
        ("pembiayaan", "lembaga", schema.LEMBAGA_PEMBIAYAAN),
        ("pembiayaan", "status", schema.STATUS_PEMBIAYAAN),
        ("pelatihan", "mitra", schema.MITRA_PELATIHAN),
        ("pelatihan", "materi", schema.MATERI_PELATIHAN),
        ("jejaring", "bentuk", schema.BENTUK_JEJARING),
    ],
)
def test_values_named_in_schema_are_exactly_those_the_data_package_allows(resource, column, named_in_schema):
    assert list(named_in_schema) == field(resource, column)["constraints"]["enum"]


@pytest.mark.parametrize("kode", [
    schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF, schema.UMKM_UNIT,
    schema.UMKM_TENAGA_KERJA, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB, schema.PRODUK_HALAL,
    schema.SHAT_KUOTA, schema.SHAT_BELUM_DIUKUR, schema.SHAT_DITUNDA, schema.SHAT_USULAN,
    schema.SHAT_KUOTA_PERKIRAAN, schema.SHT_KUOTA,
])
def test_indicator_code_named_in_schema_is_defined_and_has_values(dataset, kode):
    assert kode in set(dataset[schema.INDICATORS]["kode"])
    assert kode in set(dataset[schema.VALUES]["kode_indikator"])


def test_every_stage_date_column_exists_in_the_certification_register():
    columns = [f["name"] for f in resource_descriptor(DESCRIPTOR, schema.CERTIFICATION)["schema"]["fields"]]
    assert set(schema.STAGE_DATE_COLUMNS.values()) <= set(columns)


# headline totals and provenance --------------------------------------------------------


@pytest.mark.parametrize(
    ("kode", "official"),
    [
        ("koperasi_total", 585),
        ("koperasi_aktif", 563),
        ("koperasi_tidak_aktif", 22),
        ("umkm_unit", 195_554),
        ("umkm_tenaga_kerja", 257_481),
    ],
)
def test_register_reproduces_the_official_figure_of_12_july_2016(dataset, kode, official):
    row = metrics.reconcile_register(dataset).set_index("kode_indikator").loc[kode]
    assert (row["angka_resmi"], row["register"], row["selisih"]) == (official, official, 0)
    assert row["sumber"].startswith("https://jatim.antaranews.com/")


def test_every_published_value_has_a_web_source_and_a_publisher(dataset):
    values = dataset[schema.VALUES]
    no_url = values.loc[~values["url"].fillna("").str.match(r"https?://\S+$"), "id"].tolist()
    no_publisher = values.loc[values["penerbit"].fillna("").str.strip() == "", "id"].tolist()
    assert (no_url, no_publisher) == ([], [])


def test_every_derived_value_states_its_formula_and_the_formula_holds(dataset):
    values = dataset[schema.VALUES].set_index("id")
    derived = values[values["status"] == schema.TURUNAN]
    assert len(derived) >= 3
    for id_, row in derived.iterrows():
        # "Dihitung: 692 − 189 (total − tidak aktif; koperasi_total-2021-08-02, koperasi_tidak_aktif-2021-08-02)"
        match = re.match(r"Dihitung: ([\d.]+) − ([\d.]+) \([^;]*; ([\w.-]+), ([\w.-]+)\)", row["catatan"] or "")
        assert match, f"{id_}: catatan does not give the formula"
        left, right, left_id, right_id = match.groups()
        left, right = int(left.replace(".", "")), int(right.replace(".", ""))
        assert (values.loc[left_id, "nilai"], values.loc[right_id, "nilai"]) == (left, right), id_
        assert row["nilai"] == left - right, id_


def test_every_flagged_value_says_why(dataset):
    values = dataset[schema.VALUES]
    flagged = values[values["status"] == schema.DITANDAI]
    assert len(flagged) >= 1
    assert flagged.loc[flagged["catatan"].fillna("").str.strip() == "", "id"].tolist() == []


def test_the_13_kecamatan_have_178_desa_and_11_kelurahan(dataset):
    kecamatan = dataset[schema.KECAMATAN]
    assert (len(kecamatan), kecamatan["jumlah_desa"].sum(), kecamatan["jumlah_kelurahan"].sum()) == (13, 178, 11)


# boundaries ---------------------------------------------------------------------------


def test_package_ships_kecamatan_and_desa_boundaries():
    assert GEO_RESOURCES == ["batas_kecamatan", "batas_desa"]


@pytest.mark.parametrize("name", GEO_RESOURCES)
def test_boundaries_carry_their_mit_licence_text_and_source(name):
    resource = resource_descriptor(DESCRIPTOR, name)
    (licence,) = resource["licenses"]
    text = (schema.DATA_DIR / licence["path"]).read_text(encoding="utf-8")
    assert licence["name"] == "MIT" and "Copyright (c) 2024 Cahya DSN" in text and "MIT License" in text
    assert resource["sources"][0]["path"] == "https://github.com/cahyadsn/wilayah_boundaries"
    assert "Kepmendagri No 300.2.2-2430 Tahun 2025" in resource["description"]


def test_kecamatan_boundaries_are_exactly_the_13_kecamatan_by_code_and_name(dataset):
    features = dataset.geojson("batas_kecamatan")["features"]
    shapes = sorted((f["properties"]["kode"], f["properties"]["nama"]) for f in features)
    assert shapes == sorted(zip(dataset[schema.KECAMATAN]["kode"], dataset[schema.KECAMATAN]["nama"]))


def test_every_desa_boundary_lies_in_a_known_kecamatan(dataset):
    codes = [f["properties"]["kode"] for f in dataset.geojson("batas_desa")["features"]]
    assert len(codes) == len(set(codes)) == 185
    assert {code[:8] for code in codes} == set(dataset[schema.KECAMATAN]["kode"])


# glossary ---------------------------------------------------------------------------


def terms_asked_by_pages() -> dict[str, list[str]]:
    """Every literal term list passed to ``ui.definitions(dataset, [...])`` in pages/*.py, by page."""
    asked = {}
    for page in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(page.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "definitions" and len(node.args) >= 2
                    and isinstance(node.args[1], ast.List)):
                asked.setdefault(page.name, []).extend(
                    element.value for element in node.args[1].elts if isinstance(element, ast.Constant))
    return asked


def test_pages_ask_for_glossary_terms():
    # Guards the test below against passing vacuously if the call is renamed.
    assert sum(len(terms) for terms in terms_asked_by_pages().values()) >= 10


def test_every_glossary_term_a_page_asks_for_is_defined(dataset):
    glossary = set(dataset[schema.GLOSSARY]["istilah"])
    missing = {page: [t for t in terms if t not in glossary] for page, terms in terms_asked_by_pages().items()}
    assert {page: terms for page, terms in missing.items() if terms} == {}


# the 2017-2026 figures (facts file, section "Added later") ----------------------------

KABAR = "https://kabarmadura.id/"
KLIK = "https://klikmadura.com/pamekasan/"
KARIMATA_2026 = "https://karimatafm.net/2026/02/03/lahan-jadi-penghambat-13-titik-kdmp-di-pamekasan-belum-dibangun"
BANGSA_2026 = ("https://bangsaonline.com/berita/158623/13-koperasi-merah-putih-terkendala-lahan-pemkab-pamekasan-"
               "siapkan-skema-sinergi-dengan-sppg")
SUMENEP_BPS = "https://madurapers.com/koperasi-aktif-di-sumenep-lima-tahun-terakhir-tren-menurun-setelah-puncak-2023"

# id, value, period, status, presisi, the start of its URL
NEW_FIGURES = [
    ("koperasi_syariah-2017", 160, "2017", "resmi", "tepat", "https://jatim.antaranews.com/berita/307246/"),
    ("koperasi_syariah_target-2017", 200, "2017", "resmi", "tepat", "https://jatim.antaranews.com/berita/307246/"),
    ("koperasi_tidak_berjalan_persen-2020-10-06", 55, "2020-10-06", "ditandai", "tepat",
     KABAR + "tak-laksanakan-rat-55-persen"),
    ("koperasi_aktif-2023-10-18", 500, "2023-10-18", "ditandai", "sekitar", KABAR + "puluhan-koperasi-pesantren"),
    ("koperasi_tidak_aktif-2023-10-18", 200, "2023-10-18", "ditandai", "sekitar", KABAR + "puluhan-koperasi-pesantren"),
    ("koperasi_total-2024-08-01", 766, "2024-08-01", "ditandai", "tepat", "https://www.gemasulawesi.com/id/daerah/28935/"),
    ("koperasi_aktif-2024-08-01", 490, "2024-08-01", "ditandai", "tepat", "https://www.gemasulawesi.com/id/daerah/28935/"),
    ("koperasi_hibah-2024-08-01", 3, "2024-08-01", "resmi", "tepat", "https://www.gemasulawesi.com/id/daerah/28935/"),
    ("kopdes_berbadan_hukum-2025-06-23", 175, "2025-06-23", "resmi", "tepat", KLIK + "pembentukan-koperasi-desa-merah-putih"),
    ("kopdes_belum_berbadan_hukum-2025-06-23", 14, "2025-06-23", "resmi", "tepat", KLIK + "pembentukan-koperasi-desa"),
    ("kopdes_diluncurkan-2025-07-21", 189, "2025-07-21", "resmi", "tepat", "https://jatim.antaranews.com/berita/949853/"),
    ("kopdes_beroperasi-2025", 7, "2025", "resmi", "tepat", KLIK + "baru-7-dari-189-kdkmp"),
    ("kopdes_belum_beroperasi-2025", 182, "2025", "resmi", "tepat", KLIK + "baru-7-dari-189-kdkmp"),
    ("kopdes_mitra_bank-2025", 1, "2025", "resmi", "tepat", KLIK + "baru-7-dari-189-kdkmp"),
    ("kopdes_mitra_bank-2025-35.28.01-branta-pesisir", 1, "2025", "resmi", "tepat", KLIK + "baru-7-dari-189-kdkmp"),
    ("kopdes_pinjaman_bank-2025", 0, "2025", "resmi", "tepat", KLIK + "baru-7-dari-189-kdkmp"),
    ("kopdes_pendamping_bisnis-2025", 19, "2025", "resmi", "tepat", KLIK + "ratusan-koperasi-merah-putih"),
    ("kopdes_gerai_mulai_dibangun-2025-10-17", 6, "2025-10-17", "resmi", "tepat", "https://karimatafm.net/2025/10/17/"),
    ("kopdes_gerai_mulai_dibangun-2025-10-17-35.28.05-samatan", 1, "2025-10-17", "resmi", "tepat",
     "https://karimatafm.net/2025/10/17/"),
    ("kopdes_gerai_dibangun-2025-12-09", 8, "2025-12-09", "resmi", "tepat", "https://jatimone.com/wabup-pamekasan"),
    ("kopdes_gerai_selesai-2026-02-03", 2, "2026-02-03", "resmi", "tepat", KARIMATA_2026),
    ("kopdes_gerai_di_atas_70_persen-2026-02-03", 6, "2026-02-03", "resmi", "sekitar", KARIMATA_2026),
    ("kopdes_gerai_tanpa_lahan-2026-02-03", 13, "2026-02-03", "resmi", "tepat", KARIMATA_2026),
    ("kopdes_pppk-2026-02-13", 3, "2026-02-13", "resmi", "tepat", "https://www.koranmadura.com/2026/02/"),
    ("wub_peserta-2020", 1532, "2020", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("wub_peserta-2021", 1843, "2021", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("wub_peserta-2022", 3375, "2022", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("wub_peserta-2023", 1055, "2023", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("wub_peserta_total-2023", 7805, "2023", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("wub_target-2023", 10000, "2023", "resmi", "tepat", "https://mataram.antaranews.com/berita/304938/"),
    ("pelatihan_pengganti-2024", 5, "2024", "resmi", "tepat", KABAR + "pelatihan-wub-ditiadakan"),
    ("pelatihan_pengganti_peserta-2024", 112, "2024", "resmi", "sekitar", KABAR + "pelatihan-wub-ditiadakan"),
    ("pelatihan_pengganti_anggaran-2024", 350_000_000, "2024", "resmi", "tepat", KABAR + "pelatihan-wub-ditiadakan"),
    ("koperasi_disebut_bupati-2020-08-05", 333, "2020-08-05", "ditandai", "tepat", "https://googleberita.com/"),
    ("koperasi_dilatih_persen-2020-08-05", 50, "2020-08-05", "ditandai", "hampir", "https://googleberita.com/"),
    ("dana_bergulir_target_pad-2024", 50_000_000, "2024", "resmi", "tepat", KLIK + "capaian-pad-diskop"),
    ("dana_bergulir_capaian_persen-2024", 33, "2024", "resmi", "sekitar", KLIK + "capaian-pad-diskop"),
    ("dana_bergulir_pad-2025-09", 19_536_884, "2025-09", "resmi", "tepat", KLIK + "target-pad-hanya-rp50-juta"),
    ("umkm_pelaku-2016", 195_510, "2016", "ditandai", "tepat", "https://koranmadura.com/2018/12/"),
    ("produk_halal_dinas-2024-02-24", 626, "2024-02-24", "resmi", "sekitar", "https://minke.id/2024/02/24/"),
    ("ods_koperasi_aktif-2025-06-20-35", 28_534, "2025-06-20", "resmi", "tepat", "https://jatim.antaranews.com/berita/936741/"),
    ("ods_koperasi_simpan_pinjam-2025-06-20-35", 16_444, "2025-06-20", "resmi", "tepat",
     "https://jatim.antaranews.com/berita/936741/"),
    ("ods_koperasi_sektor_riil-2025-06-20-35", 12_090, "2025-06-20", "resmi", "tepat",
     "https://jatim.antaranews.com/berita/936741/"),
    ("pembanding_kopdes_berbadan_hukum-2025-08-21-35", 8_494, "2025-08-21", "resmi", "tepat", "https://www.pustakajc.co/"),
    ("pembanding_kopdes_beroperasi-2025-08-21-35", 68, "2025-08-21", "resmi", "tepat", "https://www.pustakajc.co/"),
    ("pembanding_koperasi_aktif-2020-35.29", 991, "2020", "resmi", "tepat", SUMENEP_BPS),
    ("pembanding_koperasi_aktif-2021-35.29", 752, "2021", "resmi", "tepat", SUMENEP_BPS),
    ("pembanding_koperasi_aktif-2022-35.29", 786, "2022", "resmi", "tepat", SUMENEP_BPS),
    ("pembanding_koperasi_aktif-2023-35.29", 803, "2023", "resmi", "tepat", SUMENEP_BPS),
    ("pembanding_koperasi_aktif-2024-35.29", 774, "2024", "resmi", "tepat", SUMENEP_BPS),
    ("pembanding_koperasi_total-2024-12-31-35.29", 1_565, "2024-12-31", "resmi", "tepat", "https://mediapribumi.id/"),
    ("pembanding_koperasi_aktif-2024-12-31-35.29", 774, "2024-12-31", "resmi", "tepat", "https://mediapribumi.id/"),
    ("pembanding_koperasi_tidak_aktif-2024-12-31-35.29", 791, "2024-12-31", "resmi", "tepat", "https://mediapribumi.id/"),
    ("pembanding_koperasi_total-2024-07-26-35.27", 498, "2024-07-26", "resmi", "tepat", "https://regamedianews.com/"),
    ("pembanding_koperasi_aktif-2024-07-26-35.27", 322, "2024-07-26", "resmi", "tepat", "https://regamedianews.com/"),
    ("pembanding_koperasi_tidak_aktif-2024-07-26-35.27", 176, "2024-07-26", "resmi", "tepat", "https://regamedianews.com/"),
    ("pembanding_koperasi_total-2025-03-19-35.27", 482, "2025-03-19", "resmi", "tepat", "http://maduranews.co/"),
    ("pembanding_koperasi_aktif-2025-03-19-35.27", 305, "2025-03-19", "resmi", "tepat", "http://maduranews.co/"),
    ("pembanding_koperasi_tidak_aktif-2025-03-19-35.27", 177, "2025-03-19", "resmi", "tepat", "http://maduranews.co/"),
    ("pembanding_koperasi_total-2019-07-09-35.26", 805, "2019-07-09", "resmi", "tepat", "https://radarmadura.jawapos.com/"),
    ("pembanding_koperasi_aktif-2019-07-09-35.26", 387, "2019-07-09", "resmi", "tepat", "https://radarmadura.jawapos.com/"),
]


@pytest.mark.parametrize(("id_", "value", "period", "status", "presisi", "url"), NEW_FIGURES)
def test_each_2017_2026_figure_is_stored_with_its_value_date_status_and_source(dataset, id_, value, period, status,
                                                                             presisi, url):
    row = dataset[schema.VALUES].set_index("id").loc[id_]
    assert (row["nilai"], row["periode"], row["status"], row["presisi"]) == (value, period, status, presisi)
    assert row["url"].startswith(url)
    assert row["tahun"] == int(period[:4])


@pytest.mark.parametrize(("id_", "second_url"), [
    ("kopdes_diluncurkan-2025-07-21", "https://suaraindonesia-news.com/?p=169524"),
    ("kopdes_gerai_selesai-2026-02-03", BANGSA_2026),
    ("kopdes_gerai_tanpa_lahan-2026-02-03", BANGSA_2026),
])
def test_a_figure_published_by_two_outlets_names_the_second_in_its_note(dataset, id_, second_url):
    assert second_url in dataset[schema.VALUES].set_index("id").loc[id_, "catatan"]


@pytest.mark.parametrize("id_", ["koperasi_syariah-2017", "koperasi_syariah_target-2017", "kopdes_beroperasi-2025",
                                 "kopdes_belum_beroperasi-2025", "kopdes_pendamping_bisnis-2025"])
def test_an_undated_article_keeps_the_period_it_can_be_defended_for_and_says_so(dataset, id_):
    row = dataset[schema.VALUES].set_index("id").loc[id_]
    assert "tanpa tanggal" in row["catatan"] and pd.isna(row["tanggal_terbit"])


def test_every_approximate_value_is_marked_so_and_its_note_quotes_the_word(dataset):
    values = dataset[schema.VALUES]
    approximate = values[values["presisi"].isin(["sekitar", "hampir"])]
    assert len(approximate) == 7
    quoted = [any(word in note.lower() for word in ("sekitar", "kurang lebih", "hampir")) for note in approximate["catatan"]]
    assert all(quoted), approximate["id"][[not q for q in quoted]].tolist()


@pytest.mark.parametrize(("kode", "periode", "kecamatan_total", "desa"), [
    ("kopdes_gerai_tanpa_lahan", "2026-02-03", 13, {"Barurambat Kota", "Parteker", "Akor"}),
    ("kopdes_gerai_dibangun", "2025-12-09", 8, {"Dasok", "Bunder", "Pademawu Timur", "Samatan", "Mapper", "Banyubulu",
                                                "Palengaan Laok", "Larangan Badung"}),
])
def test_outlet_sites_by_kecamatan_add_up_to_the_regency_figure_and_name_their_desa(dataset, kode, periode,
                                                                                   kecamatan_total, desa):
    values = dataset[schema.VALUES]
    rows = values[(values["kode_indikator"] == kode) & (values["periode"] == periode)]
    regency = rows[(rows["kode_wilayah"] == schema.REGENCY_CODE) & rows["desa"].isna()]["nilai"].tolist()
    by_kecamatan = rows[(rows["kode_wilayah"] != schema.REGENCY_CODE) & rows["desa"].isna()]["nilai"].sum()
    assert (regency, by_kecamatan) == ([kecamatan_total], kecamatan_total)
    assert set(rows["desa"].dropna()) == desa


def test_wub_participants_by_year_add_up_to_the_published_total(dataset):
    values = dataset[schema.VALUES]
    years = values[values["kode_indikator"] == "wub_peserta"]
    assert years["nilai"].sum() == values.set_index("id").loc["wub_peserta_total-2023", "nilai"] == 7805


def test_comparison_figures_stay_outside_pamekasan_and_pamekasan_figures_inside(dataset):
    values = dataset[schema.VALUES].merge(dataset[schema.INDICATORS], left_on="kode_indikator", right_on="kode")
    outside = ~values["kode_wilayah"].str.startswith(schema.REGENCY_CODE)
    assert set(values.loc[outside, "kode_wilayah"]) == set(schema.OTHER_AREAS)
    assert (values.loc[outside, "kelompok"] == schema.PEMBANDING).all()
    assert (~outside[values["kelompok"] == schema.PEMBANDING]).sum() == 0


@pytest.mark.parametrize("term", ["WUB (Wirausaha Baru)", "KDKMP", "ODS (Online Data System)", "Pendamping bisnis",
                                  "PPPK", "Dana bergulir", "DBHCHT", "PAD (Pendapatan Asli Daerah)"])
def test_new_terms_are_in_the_glossary(dataset, term):
    assert dataset[schema.GLOSSARY].set_index("istilah").loc[term, "definisi"].strip()


def test_the_land_certificate_is_spelled_sertipikat_in_the_glossary_and_indicators(dataset):
    texts = " ".join(dataset[schema.GLOSSARY]["definisi"]) + " ".join(dataset[schema.INDICATORS]["definisi"])
    # "sertifikat halal" is the halal certificate's own legal name; land certificates are "sertipikat".
    assert re.findall(r"[Ss]ertifikat(?!\s+halal)", texts) == []
