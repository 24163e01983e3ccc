"""Tables, columns, allowed values and display labels: one place for each fact.

Field types, constraints and keys live in ``data/datapackage.json``; this module
names the values that code has to refer to and the Indonesian labels shown for them.
A test checks that every value named here is allowed by the data package.
"""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"

REGENCY_CODE = "35.28"
REGENCY_NAME = "Kabupaten Pamekasan"

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

JENIS_KOPERASI = ("Simpan Pinjam", "Konsumen", "Produsen", "Pemasaran", "Jasa", "KSPPS")

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
    "Perdagangan",
    "Industri pengolahan",
    "Makanan dan minuman",
    "Pertanian dan peternakan",
    "Perikanan",
    "Jasa",
)

# Partnerships (kemitraan). Lenders are kept as generic kinds, not real bank names.
LEMBAGA_PEMBIAYAAN = ("Pegadaian", "Bank BUMN", "Bank daerah", "BPR")
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
    "Tata kelola koperasi dan RAT",
    "Pembukuan dan laporan keuangan",
    "Pembiayaan syariah",
    "Penyusunan proposal pembiayaan",
)
BENTUK_JEJARING = ("Pemasaran produk", "Pasokan bahan baku", "Pembiayaan usaha", "Penyaluran barang")

# Provenance of a published value (nilai_indikator.status), plus the label used
# for anything computed from the illustrative register.
RESMI = "resmi"
TURUNAN = "turunan"
DITANDAI = "ditandai"
STATUS_DATA = (RESMI, TURUNAN, DITANDAI)
ILUSTRATIF = "ilustratif"

PRESISI = ("tepat", "lebih_dari", "sekitar", "hampir")
# The word an inexact value is always shown with (cards, tables, charts, slides): the source said it.
PRESISI_WORDS = {"lebih_dari": "lebih dari", "sekitar": "sekitar", "hampir": "hampir"}

# Areas outside Pamekasan, for context and comparison only (kelompok "pembanding"): never part
# of Pamekasan's own series.
OTHER_AREAS = {"35": "Provinsi Jawa Timur", "35.26": "Kabupaten Bangkalan", "35.27": "Kabupaten Sampang",
               "35.29": "Kabupaten Sumenep"}
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
    AKTIF: "Aktif",
    TIDAK_AKTIF: "Tidak aktif",
    TIDAK_DIUSULKAN: "Tidak diusulkan",
    DIUSULKAN: "Diusulkan untuk dibubarkan",
    DIBUBARKAN: "Sudah dibubarkan",
    "diusulkan": "Diusulkan",
    "diverifikasi": "Diverifikasi",
    "diukur": "Diukur BPN",
    "terbit": "Sertipikat terbit",
    "ditunda": "Ditunda",
    "ditolak": "Ditolak",
    DIAJUKAN: "Diajukan",
    CAIR: "Cair",
    LUNAS: "Lunas",
    "mikro": "Mikro",
    "kecil": "Kecil",
    "menengah": "Menengah",
    RESMI: "Resmi",
    TURUNAN: "Turunan",
    DITANDAI: "Ditandai",
    ILUSTRATIF: "Ilustratif",
    "tepat": "Tepat",
    "lebih_dari": "Lebih dari",
    "sekitar": "Sekitar",
    "hampir": "Hampir",
}


def label(value: str) -> str:
    """Indonesian display label for a coded value (the value itself if it has none)."""
    return VALUE_LABELS.get(value, value)
