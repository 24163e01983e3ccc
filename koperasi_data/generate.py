"""Deterministic generator of the illustrative register (cooperatives, parcels, UMKM 2016).

The office's record-level register is not public. This module builds a plausible
stand-in that reproduces the official totals of 12 July 2016 exactly: 585
cooperatives (563 aktif, 22 tidak aktif and proposed for dissolution), 195.554 UMKM
units employing 257.481 workers. Names are fictional and say "Ilustrasi" so they
cannot be mistaken for real cooperatives. Python's ``random.Random`` is used because
its sequence for a given seed is stable across Python versions, so the same seed
writes the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from pathlib import Path

from koperasi_data import schema

SEED = 20160712

TOTAL_KOPERASI = 585
TIDAK_AKTIF_KOPERASI = 22
TOTAL_UMKM_UNIT = 195_554
TOTAL_UMKM_TENAGA_KERJA = 257_481

# Shares of cooperative types, loosely following the national registry's mix.
JENIS_SHARE = {
    "Simpan Pinjam": 0.30,
    "Konsumen": 0.24,
    "Produsen": 0.14,
    "Pemasaran": 0.08,
    "Jasa": 0.12,
    "KSPPS": 0.12,
}
JENIS_PREFIX = {
    "Simpan Pinjam": "KSP",
    "Konsumen": "Koperasi Konsumen",
    "Produsen": "Koperasi Produsen",
    "Pemasaran": "Koperasi Pemasaran",
    "Jasa": "Koperasi Jasa",
    "KSPPS": "KSPPS",
}
NAME_WORDS = (
    "Melati", "Mawar", "Anggrek", "Kenanga", "Cempaka", "Teratai", "Seroja",
    "Flamboyan", "Kamboja", "Bougenvil", "Tanjung", "Dahlia", "Asoka", "Lavender",
)

# Parcels of cooperative land put forward for BPN certification, by final stage.
PARCEL_STAGE_COUNTS = {
    "terbit": 62,
    "diukur": 24,
    "diverifikasi": 18,
    "diusulkan": 12,
    "ditunda": 22,
    "ditolak": 12,
}
POSTPONE_REASONS = {
    # reason -> last stage the parcel reached before it stopped
    "Dokumen tanah belum lengkap": "diusulkan",
    "Kepala desa berhalangan, pengukuran dijadwalkan ulang": "diverifikasi",
    "Batas bidang belum disepakati pemilik tanah sebelah": "diverifikasi",
}
REJECT_REASONS = (
    "Tanah dalam sengketa",
    "Tanah sudah bersertifikat",
    "Bukan aset milik koperasi",
)
INACTIVE_NOTE = "Ilustrasi: pengurus tidak dapat dihubungi; belum RAT tiga tahun berturut-turut"
PENGGUNAAN = ("Kantor koperasi", "Tempat usaha", "Gudang")
PROPOSAL_START = dt.date(2016, 8, 1)
PROPOSAL_END = dt.date(2017, 6, 30)

# UMKM 2016: share of units by scale and workers per unit by scale.
SKALA_SHARE = {"mikro": 0.978, "kecil": 0.019, "menengah": 0.003}
WORKERS_PER_UNIT = {"mikro": 1.2, "kecil": 4.5, "menengah": 18.0}
SEKTOR_SHARE = {
    "Perdagangan": 0.34,
    "Industri pengolahan": 0.16,
    "Makanan dan minuman": 0.14,
    "Pertanian dan peternakan": 0.20,
    "Perikanan": 0.06,
    "Jasa": 0.10,
}
# The town (kecamatan Pamekasan) has more enterprises per village.
URBAN_WEIGHT = {"Pamekasan": 2.5}


def largest_remainder(weights: list[float], total: int) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` that sum exactly to it."""
    weight_sum = sum(weights)
    if total == 0 or weight_sum == 0:
        return [0] * len(weights)
    quotas = [w / weight_sum * total for w in weights]
    counts = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def read_kecamatan(data_dir: Path) -> list[dict]:
    """The 13 kecamatan rows from the curated reference file."""
    with open(data_dir / "kecamatan.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["villages"] = int(row["jumlah_desa"]) + int(row["jumlah_kelurahan"])
    return rows


def _random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _kecamatan_weights(kecamatan: list[dict]) -> list[float]:
    return [row["villages"] * URBAN_WEIGHT.get(row["nama"], 1.0) for row in kecamatan]


def koperasi_rows(kecamatan: list[dict], rng: random.Random) -> list[dict]:
    """585 cooperatives: 563 aktif, 22 tidak aktif and proposed for dissolution."""
    counts = largest_remainder(_kecamatan_weights(kecamatan), TOTAL_KOPERASI)
    jenis_pool = [
        jenis
        for jenis, n in zip(
            JENIS_SHARE, largest_remainder(list(JENIS_SHARE.values()), TOTAL_KOPERASI)
        )
        for _ in range(n)
    ]
    rng.shuffle(jenis_pool)
    inactive = set(rng.sample(range(TOTAL_KOPERASI), TIDAK_AKTIF_KOPERASI))
    rows = []
    index = 0
    for kec, n in zip(kecamatan, counts):
        for _ in range(n):
            jenis = jenis_pool[index]
            aktif = index not in inactive
            members = max(20, int(rng.lognormvariate(math.log(70), 0.7)))
            female_share = rng.uniform(0.55, 0.95) if jenis == "KSPPS" else rng.uniform(0.15, 0.55)
            female = round(members * female_share)
            if aktif:
                founded = rng.randint(1978, 2015)
                last_rat = 2016 if rng.random() < 0.86 else 2015
                usulan, tanggal_usulan = schema.TIDAK_DIUSULKAN, ""
            else:
                founded = rng.randint(1982, 2008)
                # No RAT for at least three years running (Permenkop UKM 10/2015).
                last_rat = "" if rng.random() < 0.3 else rng.randint(max(founded, 2005), 2012)
                usulan = schema.DIUSULKAN
                tanggal_usulan = _random_date(
                    rng, dt.date(2016, 3, 1), dt.date(2016, 7, 11)
                ).isoformat()
            rows.append(
                {
                    "id_koperasi": f"KOP-{index + 1:04d}",
                    "nama": f"{JENIS_PREFIX[jenis]} Ilustrasi {rng.choice(NAME_WORDS)} {index + 1:03d}",
                    "kecamatan": kec["nama"],
                    "desa": f"Desa Ilustrasi {rng.randint(1, kec['villages']):02d}",
                    "jenis": jenis,
                    "status": schema.AKTIF if aktif else schema.TIDAK_AKTIF,
                    "status_pembubaran": usulan,
                    "tanggal_usulan_pembubaran": tanggal_usulan,
                    "tahun_berdiri": founded,
                    "anggota_laki": members - female,
                    "anggota_perempuan": female,
                    "tahun_rat_terakhir": last_rat,
                    # Internal columns: the office's register names a contact for each cooperative.
                    # Fictional and visibly so; public mode never shows them.
                    "nama_ketua": f"Ketua Ilustrasi {index + 1:03d}",
                    "telepon": f"0324-ILUSTRASI-{index + 1:03d}",
                    "catatan_internal": "" if aktif else INACTIVE_NOTE,
                }
            )
            index += 1
    return rows


def sertifikasi_rows(koperasi: list[dict], rng: random.Random) -> list[dict]:
    """Cooperative land parcels proposed for BPN certification, each with its stage dates."""
    active_ids = [row["id_koperasi"] for row in koperasi if row["status"] == schema.AKTIF]
    stages = [stage for stage, n in PARCEL_STAGE_COUNTS.items() for _ in range(n)]
    rng.shuffle(stages)
    owners = sorted(rng.sample(active_ids, len(stages)))
    snapshot = dt.date.fromisoformat(schema.CERTIFICATION_SNAPSHOT)
    rows = []
    for number, (owner, stage) in enumerate(zip(owners, stages), start=1):
        reached = stage
        alasan = ""
        if stage == "ditunda":
            alasan = rng.choice(sorted(POSTPONE_REASONS))
            reached = POSTPONE_REASONS[alasan]
        elif stage == "ditolak":
            alasan = rng.choice(REJECT_REASONS)
            reached = "diusulkan"
        dates = {}
        day = _random_date(rng, PROPOSAL_START, PROPOSAL_END)
        for progress in schema.PROGRESS_STAGES[: schema.PROGRESS_STAGES.index(reached) + 1]:
            dates[schema.STAGE_DATE_COLUMNS[progress]] = day.isoformat()
            day = min(day + dt.timedelta(days=rng.randint(20, 120)), snapshot)
        row = {
            "id_bidang": f"BID-{number:03d}",
            "id_koperasi": owner,
            "penggunaan": rng.choice(PENGGUNAAN),
            "luas_m2": rng.randrange(120, 2500, 10),
            "tahap": stage,
            "alasan": alasan,
        }
        for column in schema.STAGE_DATE_COLUMNS.values():
            row[column] = dates.get(column, "")
        rows.append(row)
    return rows


def umkm_rows(kecamatan: list[dict], rng: random.Random) -> list[dict]:
    """UMKM 2016 by kecamatan, sector and scale; units and workers sum to the official totals."""
    cells = []
    weights = []
    for kec, kec_weight in zip(kecamatan, _kecamatan_weights(kecamatan)):
        kec_weight *= rng.uniform(0.85, 1.15)
        for sektor, sektor_share in SEKTOR_SHARE.items():
            sektor_weight = sektor_share * rng.uniform(0.6, 1.4)
            for skala, skala_share in SKALA_SHARE.items():
                cells.append((kec["nama"], sektor, skala))
                weights.append(kec_weight * sektor_weight * skala_share)
    units = largest_remainder(weights, TOTAL_UMKM_UNIT)
    expected_workers = [
        n * WORKERS_PER_UNIT[skala] * rng.uniform(0.9, 1.1)
        for n, (_, _, skala) in zip(units, cells)
    ]
    workers = largest_remainder(expected_workers, TOTAL_UMKM_TENAGA_KERJA)
    return [
        {
            "kecamatan": kec,
            "sektor": sektor,
            "skala": skala,
            "unit_usaha": n_units,
            "tenaga_kerja": n_workers,
        }
        for (kec, sektor, skala), n_units, n_workers in zip(cells, units, workers)
    ]


def to_csv(rows: list[dict]) -> str:
    """CSV text with a header row, LF line endings and minimal quoting."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def generate(data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> dict[str, str]:
    """CSV text of each illustrative resource, keyed by file name."""
    rng = random.Random(seed)
    kecamatan = read_kecamatan(data_dir)
    koperasi = koperasi_rows(kecamatan, rng)
    return {
        "koperasi.csv": to_csv(koperasi),
        "sertifikasi.csv": to_csv(sertifikasi_rows(koperasi, rng)),
        "umkm_2016.csv": to_csv(umkm_rows(kecamatan, rng)),
    }


def write(out_dir: Path, data_dir: Path = schema.DATA_DIR, seed: int = SEED) -> list[Path]:
    """Write the illustrative register into ``out_dir``; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate(data_dir, seed).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
