"""What each public page says around its views: titles, leads, section headings, headline cards, glossary.

The views come from the catalogue (``views.slugs(page)``) and the cards from its named card rows
(``views.build_cards``); this module only says where they go on a page, in the app's order. A view
the layout does not name still appears, at the end of its page, so a new catalogue entry is never lost.

Texts are Indonesian messages (``N_`` where defined, ``_`` where used), written in the language of the bake
(``i18n.use``): the same code gives the Indonesian and the English pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from koperasi_data import cards, fmt, i18n, kemitraan, metrics, schema, views
from koperasi_data.cards import Card
from koperasi_data.i18n import N_, _
from koperasi_data.load import Dataset

# Navigation titles, as the app's sidebar names the pages.
TITLES = {"ringkasan": N_("Ringkasan"), "koperasi": N_("Koperasi"), "kopdes": N_("Koperasi Merah Putih"),
          "sertifikasi": N_("Sertifikasi Tanah"),
          "kemitraan": N_("Kemitraan"), "umkm": N_("UMKM & Tenaga Kerja"), "sumber": N_("Sumber & Unduh Data")}

HEADINGS = {
    "ringkasan": (N_("Ringkasan"), N_("Keadaan koperasi dan UMKM Kabupaten Pamekasan menurut angka yang terbit, tahun "
                                     "{year}. Setiap angka menyebut sumber dan tanggalnya.")),
    "koperasi": (N_("Koperasi aktif dan tidak aktif"), N_("Berapa koperasi yang masih berjalan, di mana, jenis apa, dan "
                 "mana yang diusulkan untuk dibubarkan. Koperasi dihitung aktif bila menyelenggarakan Rapat Anggota "
                 "Tahunan (RAT).")),
    "kopdes": (N_("Koperasi Desa/Kelurahan Merah Putih"), N_("Program nasional sejak 2025: satu koperasi di setiap "
               "desa dan kelurahan. Berapa desa sudah bermusyawarah, berapa koperasi sudah berbadan hukum dan "
               "berjalan, dan di mana gedung gerainya?")),
    "sertifikasi": (N_("Sertifikasi tanah bersama BPN"), N_("Dinas bermitra dengan Badan Pertanahan Nasional (BPN) agar "
                    "tanah koperasi dan UMKM bersertipikat dan dapat dijadikan jaminan pinjaman (bankable). Di mana "
                    "prosesnya tertahan, dan mengapa?")),
    "kemitraan": (N_("Kemitraan"), N_("Pada Hari Koperasi 2016 Dinas menyebut tiga kendala koperasi (modal usaha, SDM, "
                  "jaringan) dan menjawab masing-masing dengan mitra. Apa yang sudah dikerjakan, dan apa hasilnya?")),
    "umkm": (N_("UMKM dan tenaga kerja"), N_("Usaha mikro, kecil dan menengah yang tercatat Dinas, dan berapa orang yang "
             "bekerja di dalamnya.")),
    "sumber": (N_("Sumber dan data terbuka"), N_("Semua angka di situs ini dapat diperiksa: setiap angka terbit membawa "
               "penerbit, tanggal dan tautannya. Unduh datanya, periksa, dan pakai ulang dengan menyebut sumber "
               "(CC BY 4.0).")),
}

TERMS = {
    "ringkasan": ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)", "UMKM", "Tenaga kerja UMKM",
                  "Data resmi", "Data turunan", "Data ditandai"],
    "koperasi": ["Koperasi aktif", "Koperasi tidak aktif", "RAT (Rapat Anggota Tahunan)", "Usulan pembubaran", "KSPPS",
                 "NIK (Nomor Induk Koperasi)", "Koperasi pesantren", "Koperasi Desa/Kelurahan Merah Putih",
                 "Data ilustratif", "Data turunan", "Data ditandai"],
    "kopdes": ["Koperasi Desa/Kelurahan Merah Putih", "KDKMP", "Gerai Koperasi Merah Putih", "Pendamping bisnis", "PPPK",
               "Angka perkiraan (sekitar)"],
    "sertifikasi": ["BPN", "Sertifikasi aset / bankable", "SHAT UMKM", "Kuota (sertifikasi)", "Diusulkan",
                    "Diverifikasi", "Diukur", "Sertipikat terbit", "Ditunda", "Ditolak", "Data ilustratif"],
    "kemitraan": ["Sertifikasi aset / bankable", "BPN", "Agunan", "SHAT UMKM", "SHT UMKM", "Pegadaian",
                  "Bank BUMN / bank daerah / BPR", "Pinjaman diperoleh", "STAIN Pamekasan", "Pengurus koperasi",
                  "UMKM binaan", "Data ilustratif"],
    "umkm": ["UMKM", "Usaha mikro / kecil / menengah", "Tenaga kerja UMKM", "NIB", "Sertifikat halal", "BPUM",
             "Data ilustratif"],
    "sumber": ["Data resmi", "Data turunan", "Data ditandai", "Data ilustratif", "Kode wilayah Kemendagri"],
}

# The units of the catalogue's views that no other message names, as a view page shows them ("Satuan"); the
# site translates a view's unit with ``_`` (the others are messages of the app already).
UNITS = (N_("baris"), N_("desa/kelurahan"), N_("kolom"), N_("pengurus"), N_("persen"), N_("persen aktif"),
         N_("tenaga kerja"), N_("tenaga kerja per unit"))

ILLUSTRATIVE_REGISTER = N_("Data ilustratif: register buatan, total sama dengan angka resmi 12 Juli 2016")
MEASURES_WARNING = N_("Angka-angka ini mengukur hal yang berbeda: unit usaha tercatat (2016), pelaku UMKM, pelaku "
                      "berizin, dan UMKM ber-NIB. Jangan dibaca sebagai satu deret naik-turun.")


@dataclass(frozen=True)
class ObstacleCard(Card):
    """A headline card with a sentence saying what the figure counts (the three obstacles of 2016)."""

    detail: str = ""


@dataclass(frozen=True)
class Section:
    """A heading with, optionally, a badge, a note and a row of headline cards (or why there are none)."""

    heading: str
    cards: tuple = ()
    empty: str = ""
    badge: str | None = None
    note: str = ""
    level: int = 2


@dataclass(frozen=True)
class Item:
    """One entry of a page in order: a section, or a view by slug."""

    section: Section | None = None
    slug: str | None = None


@dataclass(frozen=True)
class PageContent:
    """Everything a page shows, in order, for one year."""

    page: str
    heading: str
    lead: str
    items: list[Item] = field(default_factory=list)
    definitions: list[tuple[str, str]] = field(default_factory=list)


def definitions(dataset: Dataset, page: str) -> list[tuple[str, str]]:
    """(term, definition) for the page's glossary box, in the page's order."""
    glossary = metrics.glossary(dataset[schema.GLOSSARY], i18n.current())
    return [(glossary[term][0], str(glossary[term][1])) for term in TERMS[page] if term in glossary]


class _Layout:
    """Builds one page's items for a year, in the app's order."""

    def __init__(self, dataset: Dataset, values: pd.DataFrame, year: int):
        self.dataset, self.values, self.year = dataset, values, year
        self.filters = views.Filters(year=year, lang=i18n.current())

    def cards(self, name: str) -> tuple:
        return views.build_cards(name, self.dataset, self.filters, self.values)

    def badge(self, resource: str, text: str = views.BADGE) -> str | None:
        return _(text) if self.dataset.is_illustrative(resource) else None

    def published(self, heading: str, name: str) -> Item:
        return Item(Section(heading, self.cards(name), views.cards_missing_text(name, self.values, self.filters)))

    def register(self, heading: str) -> Item:
        as_of = self.dataset.as_of(schema.KOPERASI)
        return Item(Section(heading, self.cards("register-koperasi"),
                            badge=self.badge(schema.KOPERASI, ILLUSTRATIVE_REGISTER),
                            note=_("Rincian menurut register keadaan {date}, berapa pun tahun yang dipilih.").format(
                                date=fmt.date(as_of))))

    def ringkasan(self) -> list:
        return [self.published(_("Koperasi"), "koperasi-terbit"),
                self.published(_("UMKM dan tenaga kerja"), "umkm-terbit"),
                self.register(_("Register koperasi Dinas")), "tren-koperasi"]

    def koperasi(self) -> list:
        return [self.published(_("Angka terbit tahun {year}").format(year=self.year), "koperasi-terbit"),
                "koperasi-tren", "koperasi-ditandai", "koperasi-angka-lain", self.register(_("Register koperasi")),
                "koperasi-kecamatan", "koperasi-jenis", "koperasi-rat",
                Item(Section(_("Diusulkan untuk dibubarkan"), badge=self.badge(schema.KOPERASI), level=3,
                             note=_("Koperasi tidak aktif yang diusulkan kepada Kementerian Koperasi dan UKM untuk "
                                    "dibubarkan (tidak RAT tiga tahun berturut-turut)."))),
                "koperasi-usulan-pembubaran"]

    def kopdes(self) -> list:
        return [Item(Section(_("Angka terakhir"), self.cards("kopdes"))), "kopdes-musdesus", "peta-kopdes",
                "kopdes-tahapan", "kopdes-gerai", "peta-kopdes-gerai"]

    def sertifikasi(self) -> list:
        return [Item(Section(_("Tanah koperasi"), badge=self.badge(schema.CERTIFICATION,
                                                                   N_("Data ilustratif: register bidang buatan")))),
                "sertifikasi-corong", "sertifikasi-waktu", "sertifikasi-kecamatan",
                Item(Section(_("Yang tertahan"), badge=self.badge(schema.CERTIFICATION), level=3)),
                "sertifikasi-tertahan", "sertifikasi-alasan",
                Item(Section(_("SHAT UMKM: angka terbit"))), "shat-kuota", "shat-belum-diukur"]

    def kemitraan(self) -> list:
        statement = _strategy(self.values)
        obstacles = tuple(ObstacleCard(f"{item.obstacle}: {item.partners}", item.figure, item.source, item.status,
                                       f"{item.unit}. {item.answer}")
                          for item in cards.kemitraan_summary(self.dataset, self.values))
        return [Item(Section(_("Tiga kendala, tiga jawaban"), obstacles, badge=self.badge(schema.FINANCING),
                             note=statement)),
                Item(Section(_("Angka terbit"), self.cards("kemitraan-terbit"),
                             note=_("Belum ada angka terbit tentang pinjaman dari Pegadaian atau bank, pelatihan "
                                    "pengurus oleh STAIN Pamekasan, atau kemitraan koperasi dengan UMKM. Bagian "
                                    "berikut memakai register kemitraan."))),
                Item(Section(_("Register kemitraan"), badge=self.badge(
                    schema.FINANCING, N_("Data ilustratif: catatan kemitraan buatan, bukan data nyata")))),
                Item(Section(_("Modal usaha: dari sertipikat BPN ke pinjaman Pegadaian dan bank"),
                             self.cards("kemitraan-modal"), level=3)),
                "kemitraan-agunan", "kemitraan-lembaga",
                Item(Section(_("SDM: pengurus koperasi dilatih STAIN Pamekasan"), self.cards("kemitraan-sdm"), level=3)),
                "kemitraan-pelatihan",
                Item(Section(_("Jaringan: koperasi bermitra dengan UMKM binaan"), self.cards("kemitraan-jaringan"),
                             level=3)),
                "kemitraan-jejaring",
                Item(Section(_("Ketiga kemitraan per kecamatan"), badge=self.badge(schema.FINANCING), level=3)),
                "kemitraan-kecamatan"]

    def umkm(self) -> list:
        return [self.published(_("Angka terbit tahun {year}").format(year=self.year), "umkm-terbit"),
                Item(Section(_("Sebaran UMKM 2016"), badge=self.badge(
                    schema.UMKM, N_("Data ilustratif: sebaran buatan, total sama dengan angka resmi 12 Juli 2016")))),
                "umkm-kecamatan", "umkm-sektor", "umkm-skala",
                Item(Section(_("Angka UMKM lain yang terbit"), note=_(MEASURES_WARNING))), "umkm-ukuran", "umkm-halal"]

    def sumber(self) -> list:
        return []


def _strategy(values: pd.DataFrame) -> str:
    statement = kemitraan.strategy_statement(values)
    return "" if statement is None else _("Strategi: {source}.").format(source=cards.source_text(statement))


def page_content(dataset: Dataset, values: pd.DataFrame, page: str, year: int,
                 slugs: list[str] | None = None) -> PageContent:
    """Heading, lead, sections and views in order, and the glossary of one page for one year."""
    slugs = views.slugs(page) if slugs is None else slugs
    values = metrics.in_language(values)  # indicator labels and units in the bake's language
    layout = getattr(_Layout(dataset, values, year), page)()
    items, placed = [], set()
    for entry in layout:
        if isinstance(entry, str):
            if entry in slugs:  # a view the catalogue no longer has is left out, not an error
                items.append(Item(slug=entry))
                placed.add(entry)
        else:
            items.append(entry)
    items += [Item(slug=slug) for slug in slugs if slug not in placed]
    heading, lead = HEADINGS[page]
    return PageContent(page, _(heading), _(lead).format(year=year), items, definitions(dataset, page))
