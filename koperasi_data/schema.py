"""Tables, columns, allowed values and display labels: one place for each fact.

Field types, constraints and keys live in ``data/datapackage.json``; this module
names the values that code has to refer to and the Indonesian labels shown for them.
A test checks that every value named here is allowed by the data package.
"""

from __future__ import annotations

from pathlib import Path

from koperasi_data.i18n import N_, _

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"

REGENCY_CODE = "35.28"
REGENCY_NAME = N_("Kabupaten Pamekasan")

# The illustrative register reproduces the office's statement on this day.
REGISTER_DATE = "2016-07-12"
REGISTER_YEAR = 2016
# The illustrative certification register is a snapshot at this date.
CERTIFICATION_SNAPSHOT = "2017-12-31"
# The illustrative partnership register (loans, training, UMKM links) is a snapshot at this date.
KEMITRAAN_SNAPSHOT = "2018-12-31"

# Resource names in the data package.
INDICATORS = "indikator"
VALUES = "nilai_indikator"
KECAMATAN = "kecamatan"
GLOSSARY = "istilah"
KOPERASI = "koperasi"
CERTIFICATION = "sertifikasi"
UMKM = "umkm_2016"
FINANCING = "pembiayaan"
TRAINING = "pelatihan"
NETWORK = "jejaring"
ILLUSTRATIVE_RESOURCES = (KOPERASI, CERTIFICATION, UMKM, FINANCING, TRAINING, NETWORK)
# The office's own registers: what an import replaces, one sheet each in the Excel template; the store
# keeps every version of them. Today every one is the generated stand-in; each stops being
# illustrative once imported.
REGISTER_RESOURCES = ILLUSTRATIVE_RESOURCES
# Sheet names of the Excel template (a sheet name holds at most 31 characters, so not the titles).
REGISTER_SHEETS = {KOPERASI: "Koperasi", CERTIFICATION: "Sertifikasi", UMKM: "UMKM", FINANCING: "Pembiayaan",
                   TRAINING: "Pelatihan", NETWORK: "Jejaring"}
# The day each shipped register resource describes (an imported one carries its own date).
REGISTER_AS_OF = {KOPERASI: REGISTER_DATE, CERTIFICATION: CERTIFICATION_SNAPSHOT, UMKM: REGISTER_DATE,
                  FINANCING: KEMITRAAN_SNAPSHOT, TRAINING: KEMITRAAN_SNAPSHOT, NETWORK: KEMITRAAN_SNAPSHOT}

# Cooperative status (koperasi.status).
AKTIF = "aktif"
TIDAK_AKTIF = "tidak_aktif"
STATUS_KOPERASI = (AKTIF, TIDAK_AKTIF)

# Dissolution proposal (koperasi.status_pembubaran).
TIDAK_DIUSULKAN = "tidak_diusulkan"
DIUSULKAN = "diusulkan_bubar"
DIBUBARKAN = "dibubarkan"
STATUS_PEMBUBARAN = (TIDAK_DIUSULKAN, DIUSULKAN, DIBUBARKAN)

# Internal columns of the register (marked "internal" in datapackage.json; never in public mode).
KOPERASI_CONTACT_COLUMNS = ("nama_ketua", "telepon", "catatan_internal")

JENIS_KOPERASI = (N_("Simpan Pinjam"), N_("Konsumen"), N_("Produsen"), N_("Pemasaran"), N_("Jasa"), N_("KSPPS"))

# Certification stages, in the order a parcel moves through them, then the two
# ways a parcel leaves the pipeline; each progress stage has its date column.
STAGE_DATE_COLUMNS = {
    "diusulkan": "tanggal_usulan",
    "diverifikasi": "tanggal_verifikasi",
    "diukur": "tanggal_pengukuran",
    "terbit": "tanggal_terbit",
}
PROGRESS_STAGES = tuple(STAGE_DATE_COLUMNS)
STOPPED_STAGES = ("ditunda", "ditolak")
TAHAP = PROGRESS_STAGES + STOPPED_STAGES

SKALA = ("mikro", "kecil", "menengah")
SEKTOR = (
    N_("Perdagangan"),
    N_("Industri pengolahan"),
    N_("Makanan dan minuman"),
    N_("Pertanian dan peternakan"),
    N_("Perikanan"),
    N_("Jasa"),
)

# Partnerships (kemitraan). Lenders are kept as generic kinds, not real bank names.
LEMBAGA_PEMBIAYAAN = ("Pegadaian", N_("Bank BUMN"), N_("Bank daerah"), "BPR")
# A loan is applied for, then disbursed (cair) or refused; a disbursed loan may be repaid (lunas).
DIAJUKAN = "diajukan"
CAIR = "cair"
LUNAS = "lunas"
DITOLAK_PINJAMAN = "ditolak"
STATUS_PEMBIAYAAN = (DIAJUKAN, CAIR, LUNAS, DITOLAK_PINJAMAN)
# A loan the cooperative actually obtained.
PEMBIAYAAN_DIPEROLEH = (CAIR, LUNAS)
MITRA_PELATIHAN = ("STAIN Pamekasan",)
MATERI_PELATIHAN = (
    N_("Tata kelola koperasi dan RAT"),
    N_("Pembukuan dan laporan keuangan"),
    N_("Pembiayaan syariah"),
    N_("Penyusunan proposal pembiayaan"),
)
BENTUK_JEJARING = (N_("Pemasaran produk"), N_("Pasokan bahan baku"), N_("Pembiayaan usaha"), N_("Penyaluran barang"))

# Provenance of a published value (nilai_indikator.status), plus the label used
# for anything computed from the illustrative register.
RESMI = "resmi"
TURUNAN = "turunan"
DITANDAI = "ditandai"
STATUS_DATA = (RESMI, TURUNAN, DITANDAI)
ILUSTRATIF = "ilustratif"

PRESISI = ("tepat", "lebih_dari", "sekitar", "hampir")
# The word an inexact value is always shown with (cards, tables, charts, slides): the source said it.
PRESISI_WORDS = {"lebih_dari": N_("lebih dari"), "sekitar": N_("sekitar"), "hampir": N_("hampir")}

# Areas outside Pamekasan, for context and comparison only (kelompok "pembanding"): never part
# of Pamekasan's own series.
OTHER_AREAS = {"35": N_("Provinsi Jawa Timur"), "35.26": N_("Kabupaten Bangkalan"), "35.27": N_("Kabupaten Sampang"),
               "35.29": N_("Kabupaten Sumenep")}
PEMBANDING = "pembanding"

# Indicator codes the pages ask for by name.
KOPERASI_TOTAL = "koperasi_total"
KOPERASI_AKTIF = "koperasi_aktif"
KOPERASI_TIDAK_AKTIF = "koperasi_tidak_aktif"
UMKM_UNIT = "umkm_unit"
UMKM_TENAGA_KERJA = "umkm_tenaga_kerja"
UMKM_PELAKU = "umkm_pelaku"
UMKM_BERIZIN = "umkm_berizin"
UMKM_NIB = "umkm_nib"
PRODUK_HALAL = "produk_halal"
SHAT_KUOTA = "shat_kuota"
SHAT_BELUM_DIUKUR = "shat_belum_diukur"
SHAT_DITUNDA = "shat_ditunda"
SHAT_USULAN = "shat_usulan"
SHAT_KUOTA_PERKIRAAN = "shat_kuota_perkiraan"
SHT_KUOTA = "sht_kuota"

VALUE_LABELS = {
    AKTIF: N_("Aktif"),
    TIDAK_AKTIF: N_("Tidak aktif"),
    TIDAK_DIUSULKAN: N_("Tidak diusulkan"),
    DIUSULKAN: N_("Diusulkan untuk dibubarkan"),
    DIBUBARKAN: N_("Sudah dibubarkan"),
    "diusulkan": N_("Diusulkan"),
    "diverifikasi": N_("Diverifikasi"),
    "diukur": N_("Diukur BPN"),
    "terbit": N_("Sertipikat terbit"),
    "ditunda": N_("Ditunda"),
    "ditolak": N_("Ditolak"),
    DIAJUKAN: N_("Diajukan"),
    CAIR: N_("Cair"),
    LUNAS: N_("Lunas"),
    "mikro": N_("Mikro"),
    "kecil": N_("Kecil"),
    "menengah": N_("Menengah"),
    RESMI: N_("Resmi"),
    TURUNAN: N_("Turunan"),
    DITANDAI: N_("Ditandai"),
    ILUSTRATIF: N_("Ilustratif"),
    "tepat": N_("Tepat"),
    "lebih_dari": N_("Lebih dari"),
    "sekitar": N_("Sekitar"),
    "hampir": N_("Hampir"),
}


# Category values shown as they are stored (jenis, sektor, materi, bentuk, lembaga): their English labels come
# from the message catalogue like every other label.
CATEGORY_VALUES = JENIS_KOPERASI + SEKTOR + MATERI_PELATIHAN + BENTUK_JEJARING + LEMBAGA_PEMBIAYAAN


def label(value: str) -> str:
    """Display label for a coded value in the current language (the value itself if it has none)."""
    text = VALUE_LABELS.get(value, value)
    return _(text) if isinstance(text, str) else text


def value_labels() -> dict[str, str]:
    """Every coded value and category with its display label in the current language (for whole columns)."""
    return {value: _(text) for value, text in {**{v: v for v in CATEGORY_VALUES}, **VALUE_LABELS}.items()}
