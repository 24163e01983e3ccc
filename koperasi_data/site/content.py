"""What each public page says besides its views: titles, leads, headline cards and the glossary terms.

The charts themselves come from the catalogue of views (``views.slugs(page)``); this module
holds only what the app's pages put around them, as plain data for the templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from koperasi_data import cards, fmt, kemitraan, metrics, schema
from koperasi_data.cards import Card
from koperasi_data.load import Dataset

# Navigation titles, as the app's sidebar names the pages.
TITLES = {"ringkasan": "Ringkasan", "koperasi": "Koperasi", "sertifikasi": "Sertifikasi Tanah",
          "kemitraan": "Kemitraan", "umkm": "UMKM & Tenaga Kerja", "sumber": "Sumber & Unduh Data"}

HEADINGS = {
    "ringkasan": ("Ringkasan", "Keadaan koperasi dan UMKM Kabupaten Pamekasan menurut angka yang terbit, tahun {year}. "
                  "Setiap angka menyebut sumber dan tanggalnya."),
    "koperasi": ("Koperasi aktif dan tidak aktif", "Berapa koperasi yang masih berjalan, di mana, jenis apa, dan mana "
                 "yang diusulkan untuk dibubarkan. Koperasi dihitung aktif bila menyelenggarakan Rapat Anggota "
                 "Tahunan (RAT)."),
    "sertifikasi": ("Sertifikasi tanah bersama BPN", "Dinas bermitra dengan Badan Pertanahan Nasional (BPN) agar tanah "
                    "koperasi dan UMKM bersertipikat dan dapat dijadikan jaminan pinjaman (bankable). Di mana "
                    "prosesnya tertahan, dan mengapa?"),
    "kemitraan": ("Kemitraan", "Pada Hari Koperasi 2016 Dinas menyebut tiga kendala koperasi (modal usaha, SDM, "
                  "jaringan) dan menjawab masing-masing dengan mitra. Apa yang sudah dikerjakan, dan apa hasilnya?"),
    "umkm": ("UMKM dan tenaga kerja", "Usaha mikro, kecil dan menengah yang tercatat Dinas, dan berapa orang yang "
             "bekerja di dalamnya."),
    "sumber": ("Sumber dan data terbuka", "Semua angka di situs ini dapat diperiksa: setiap angka terbit membawa "
               "penerbit, tanggal dan tautannya. Unduh datanya, periksa, dan pakai ulang dengan menyebut sumber "
               "(CC BY 4.0)."),
}

TERMS = {
    "ringkasan": ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)", "UMKM", "Tenaga kerja UMKM",
                  "Data resmi", "Data turunan", "Data ditandai"],
    "koperasi": ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)", "Usulan pembubaran", "KSPPS",
                 "NIK (Nomor Induk Koperasi)", "Koperasi pesantren", "Koperasi Desa/Kelurahan Merah Putih",
                 "Data ilustratif", "Data turunan", "Data ditandai"],
    "sertifikasi": ["BPN", "Sertifikasi aset / bankable", "SHAT UMKM", "Kuota (sertifikasi)", "Diusulkan",
                    "Diverifikasi", "Diukur", "Sertipikat terbit", "Ditunda", "Ditolak", "Data ilustratif"],
    "kemitraan": ["Sertifikasi aset / bankable", "BPN", "Agunan", "SHAT UMKM", "SHT UMKM", "Pegadaian",
                  "Bank BUMN / bank daerah / BPR", "Pinjaman diperoleh", "STAIN Pamekasan", "Pengurus koperasi",
                  "UMKM binaan", "Data ilustratif"],
    "umkm": ["UMKM", "Usaha mikro / kecil / menengah", "Tenaga kerja UMKM", "NIB", "Sertifikat halal", "BPUM",
             "Data ilustratif"],
    "sumber": ["Data resmi", "Data turunan", "Data ditandai", "Data ilustratif", "Kode wilayah Kemendagri"],
}

ILLUSTRATIVE_REGISTER = "Data ilustratif: register buatan, total sama dengan angka resmi 12 Juli 2016"


@dataclass(frozen=True)
class ObstacleCard(Card):
    """A headline card with a sentence saying what the figure counts (the three obstacles of 2016)."""

    detail: str = ""


@dataclass(frozen=True)
class CardGroup:
    """A heading with a row of headline cards (or a sentence saying why there are none)."""

    heading: str
    cards: list[Card]
    empty: str = ""
    badge: str | None = None
    note: str = ""


@dataclass(frozen=True)
class PageContent:
    """Everything a page shows around its views."""

    page: str
    heading: str
    lead: str
    groups: list[CardGroup] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)


def definitions(dataset: Dataset, page: str) -> list[tuple[str, str]]:
    """(term, definition) for the page's glossary box, in the page's order."""
    glossary = dataset[schema.GLOSSARY].set_index("istilah")["definisi"]
    return [(term, str(glossary[term])) for term in TERMS[page] if term in glossary.index]


def _register_group(dataset: Dataset, heading: str, first_label: str) -> CardGroup:
    illustrative = dataset.is_illustrative(schema.KOPERASI)
    as_of = dataset.as_of(schema.KOPERASI)
    return CardGroup(heading, cards.register_cards(metrics.koperasi_totals(dataset[schema.KOPERASI]), illustrative,
                                                   as_of, first_label=first_label),
                     badge=ILLUSTRATIVE_REGISTER if illustrative else None,
                     note=f"Keadaan register per {fmt.date(as_of)}, berapa pun tahun yang dipilih.")


def _koperasi_group(values: pd.DataFrame, year: int, heading: str) -> CardGroup:
    return CardGroup(heading, cards.koperasi_cards(values, year), cards.missing_year_text(
        "koperasi", year, metrics.years_of(values, schema.KOPERASI_TOTAL)))


def _umkm_group(values: pd.DataFrame, year: int, heading: str) -> CardGroup:
    return CardGroup(heading, cards.umkm_cards(values, year), cards.missing_year_text(
        "unit UMKM", year, metrics.years_of(values, schema.UMKM_UNIT)))


def _register_badge(dataset: Dataset, resource: str, text: str = "Data ilustratif") -> str | None:
    return text if dataset.is_illustrative(resource) else None


def _strategy_note(values: pd.DataFrame) -> str:
    statement = kemitraan.strategy_statement(values)
    return "" if statement is None else f"Strategi: {cards.source_text(statement)}."


def card_groups(dataset: Dataset, values: pd.DataFrame, page: str, year: int) -> list[CardGroup]:
    """The headline cards a page shows for a year, grouped under the app's headings."""
    if page == "ringkasan":
        return [_koperasi_group(values, year, "Koperasi"), _umkm_group(values, year, "UMKM dan tenaga kerja"),
                _register_group(dataset, "Register koperasi Dinas", "Koperasi dalam register")]
    if page == "koperasi":
        return [_koperasi_group(values, year, f"Angka terbit tahun {year}"),
                CardGroup("Koperasi Desa/Kelurahan Merah Putih", cards.latest_cards(values, [
                    ("kopdes_musdesus", "Desa/kelurahan sudah musdesus"),
                    ("kopdes_terbentuk", "Koperasi Merah Putih terbentuk"),
                    ("kopdes_berbadan_hukum", "Berbadan hukum (SK AHU)")])),
                _register_group(dataset, "Register koperasi", "Koperasi dalam register")]
    if page == "umkm":
        return [_umkm_group(values, year, f"Angka terbit tahun {year}")]
    if page == "kemitraan":
        strategy = [ObstacleCard(f"{item.obstacle}: {item.partners}", item.figure, item.source, item.status,
                                 f"{item.unit}. {item.answer}")
                    for item in cards.kemitraan_summary(dataset, values)]
        loans = kemitraan.loan_totals(dataset[schema.CERTIFICATION], dataset[schema.FINANCING])
        return [
            CardGroup("Tiga kendala, tiga jawaban", strategy, badge=_register_badge(dataset, schema.FINANCING),
                      note=_strategy_note(values)),
            CardGroup("Angka terbit", cards.latest_cards(values, [
                (schema.SHAT_KUOTA, "Kuota SHAT UMKM dari BPN"), (schema.SHAT_USULAN, "Bidang SHAT diusulkan Dinas"),
                (schema.SHT_KUOTA, "Kuota SHT UMKM"), (schema.UMKM_UNIT, "Unit UMKM tercatat")])),
            CardGroup("Modal usaha: dari sertipikat BPN ke pinjaman Pegadaian dan bank",
                      cards.collateral_cards(loans, dataset), badge=_register_badge(dataset, schema.FINANCING)),
            CardGroup("SDM: pengurus koperasi dilatih STAIN Pamekasan",
                      cards.training_cards(kemitraan.training_totals(dataset[schema.TRAINING]), dataset),
                      badge=_register_badge(dataset, schema.TRAINING)),
            CardGroup("Jaringan: koperasi bermitra dengan UMKM binaan",
                      cards.network_cards(kemitraan.network_totals(dataset[schema.NETWORK]), dataset),
                      badge=_register_badge(dataset, schema.NETWORK)),
        ]
    return []


def page_content(dataset: Dataset, values: pd.DataFrame, page: str, year: int) -> PageContent:
    """Heading, lead, cards and glossary of one page for one year."""
    heading, lead = HEADINGS[page]
    return PageContent(page, heading, lead.format(year=year), card_groups(dataset, values, page, year),
                       definitions(dataset, page))
