"""Headline cards and source lines: metric results turned into Indonesian text."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from koperasi_data import fmt, kemitraan, metrics, schema
from koperasi_data.load import Dataset, resource_descriptor
from koperasi_data.schema import label


# The day of the office's statement that the illustrative registers reproduce: "12 Juli 2016".
OFFICIAL_DAY = fmt.date(schema.REGISTER_DATE)
REGISTER_BADGE = f"Data ilustratif: register buatan, total sama dengan angka resmi {OFFICIAL_DAY}"
UMKM_BADGE = f"Data ilustratif: sebaran buatan, total sama dengan angka resmi {OFFICIAL_DAY}"


@dataclass(frozen=True)
class Card:
    """One headline figure with where it comes from."""

    label: str
    value: str
    source: str
    status: str
    kode: str | None = None  # the indicator a published card shows (slides join cards to values by it)

    @property
    def caption(self) -> str:
        return f"{self.source} · {label(self.status)}"


def source_text(row: pd.Series) -> str:
    """'Antara Jatim, 12 Juli 2016' for one published value."""
    return f"{row['penerbit']}, {fmt.period(row['periode'])}"


def _published_card(row: pd.Series | None, title: str | None = None) -> Card | None:
    """A published value as a card, titled by its indicator's label (indikator.csv) unless ``title`` says otherwise."""
    if row is None:
        return None
    prefix = "lebih dari " if row["presisi"] == "lebih_dari" else ""
    return Card(title or row["label"], prefix + fmt.number(row["nilai"]), source_text(row), row["status"],
                row["kode_indikator"])


def _derived_card(title: str, value: str, parts: list[pd.Series | None]) -> Card | None:
    if any(p is None for p in parts):
        return None
    sources = "; ".join(dict.fromkeys(source_text(p) for p in parts))
    return Card(title, value, f"dihitung dari {sources}", schema.TURUNAN)


def koperasi_cards(values: pd.DataFrame, year: int) -> list[Card]:
    """Total, active, inactive and share active for one year; empty when nothing was published."""
    headline = metrics.koperasi_headline(values, year)
    total = headline[schema.KOPERASI_TOTAL]
    aktif = headline[schema.KOPERASI_AKTIF]
    cards = [
        _published_card(total),
        _published_card(aktif),
        _published_card(headline[schema.KOPERASI_TIDAK_AKTIF]),
    ]
    if total is not None and aktif is not None:
        cards.append(_derived_card("Persentase aktif", fmt.percent(metrics.share(aktif["nilai"], total["nilai"])),
                                   [aktif, total]))
    return [c for c in cards if c is not None]


def umkm_cards(values: pd.DataFrame, year: int) -> list[Card]:
    """UMKM units, workers and workers per unit for one year; empty when nothing was published."""
    units = metrics.indicator_value(values, schema.UMKM_UNIT, year)
    workers = metrics.indicator_value(values, schema.UMKM_TENAGA_KERJA, year)
    cards = [_published_card(units, "Unit UMKM"), _published_card(workers, "Tenaga kerja UMKM")]
    if units is not None and workers is not None and units["nilai"]:
        cards.append(_derived_card("Tenaga kerja per unit", fmt.number(workers["nilai"] / units["nilai"], 2),
                                   [workers, units]))
    return [c for c in cards if c is not None]


def latest_cards(values: pd.DataFrame, wanted: list[tuple[str, str]]) -> list[Card]:
    """One card per (indicator code, title): its latest trustworthy published value."""
    cards = [_published_card(metrics.latest_value(values, kode), title) for kode, title in wanted]
    return [c for c in cards if c is not None]


def register_cards(totals: dict, illustrative: bool = True, as_of=schema.REGISTER_DATE,
                   first_label: str = "Koperasi (sesuai filter)") -> list[Card]:
    """Headline cards computed from the (filtered) cooperative register: illustrative, or the office's own."""
    if illustrative:
        source, status = f"register ilustratif, {fmt.date(as_of)}", schema.ILUSTRATIF
    else:
        source, status = f"register Dinas, {fmt.date(as_of)}", schema.RESMI
    return [
        Card(first_label, fmt.number(totals["total"]), source, status),
        Card("Aktif", fmt.number(totals["aktif"]), source, status),
        Card("Tidak aktif", fmt.number(totals["tidak_aktif"]), source, status),
        Card("Persentase aktif", fmt.percent(totals["persen_aktif"]), source, status),
    ]


def _register_source(dataset: Dataset, resource: str) -> tuple[str, str]:
    """(source text, status) of a card computed from a register resource: illustrative or the office's own."""
    when = fmt.date(dataset.as_of(resource))
    if dataset.is_illustrative(resource):
        return f"register kemitraan ilustratif, {when}", schema.ILUSTRATIF
    return f"register Dinas, {when}", schema.RESMI


def _register_cards(dataset: Dataset, resource: str, items: list[tuple[str, str]]) -> list[Card]:
    source, status = _register_source(dataset, resource)
    return [Card(title, value, source, status) for title, value in items]


def collateral_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """Modal usaha: certified parcels, how many got a loan, and the rupiah obtained (loans register)."""
    return _register_cards(dataset, schema.FINANCING, [
        ("Bidang bersertipikat", fmt.number(totals["bidang_terbit"])),
        ("Bidang dengan pinjaman", fmt.number(totals["bidang_dengan_pinjaman"])),
        ("Nilai pinjaman diperoleh", fmt.rupiah(totals["nilai_rp"])),
    ])


def training_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """SDM: training sessions, cooperatives and board members trained (training register)."""
    return _register_cards(dataset, schema.TRAINING, [
        ("Sesi pelatihan", fmt.number(totals["sesi"])),
        ("Koperasi yang pengurusnya dilatih", fmt.number(totals["koperasi"])),
        ("Pengurus dilatih", fmt.number(totals["pengurus"])),
    ])


def network_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """Jaringan: cooperatives linked with UMKM and how many UMKM (network register)."""
    return _register_cards(dataset, schema.NETWORK, [
        ("Koperasi bermitra dengan UMKM", fmt.number(totals["koperasi"])),
        ("UMKM mitra", fmt.number(totals["umkm_mitra"])),
    ])


@dataclass(frozen=True)
class ObstacleSummary:
    """One of the three obstacles of the 2016 strategy, its partners and one headline figure."""

    obstacle: str
    partners: str
    answer: str
    figure: str
    unit: str
    source: str
    status: str


def kemitraan_summary(dataset: Dataset, values: pd.DataFrame) -> list[ObstacleSummary]:
    """Modal usaha, SDM, jaringan: each with its partners and one formatted headline figure with source and status.

    No loan, training or partnership figure has been published, so the figures come from
    the illustrative partnership register (status ilustratif) as long as the data package
    marks it so; ``values`` gives the source of the strategy itself (Hari Koperasi 2016).
    """
    loans = kemitraan.loan_totals(dataset[schema.CERTIFICATION], dataset[schema.FINANCING])
    training = kemitraan.training_totals(dataset[schema.TRAINING])
    network = kemitraan.network_totals(dataset[schema.NETWORK])
    statement = kemitraan.strategy_statement(values)
    strategy = "–" if statement is None else source_text(statement)

    def status(resource: str) -> str:
        return schema.ILUSTRATIF if dataset.is_illustrative(resource) else schema.RESMI

    def source(resource: str) -> str:
        return f"{dataset.title_of(resource)}, keadaan {fmt.date(dataset.as_of(resource))}; strategi: {strategy}"

    return [
        ObstacleSummary(
            "Modal usaha", "BPN; Pegadaian dan bank",
            "BPN menyertipikatkan tanah koperasi agar dapat dijadikan agunan; Pegadaian dan bank memberi pinjaman.",
            fmt.rupiah(loans["nilai_rp"]),
            f"pinjaman diperoleh dengan agunan tanah bersertipikat ({fmt.number(loans['pinjaman_diperoleh'])} "
            f"pinjaman, {fmt.number(loans['bidang_dengan_pinjaman'])} dari {fmt.number(loans['bidang_terbit'])} "
            "bidang bersertipikat)",
            source(schema.FINANCING), status(schema.FINANCING)),
        ObstacleSummary(
            "SDM", "STAIN Pamekasan (Fakultas Syariah, Perbankan Syariah)",
            "STAIN Pamekasan melatih pengurus koperasi.",
            fmt.number(training["pengurus"]),
            f"pengurus dari {fmt.number(training['koperasi'])} koperasi dilatih",
            source(schema.TRAINING), status(schema.TRAINING)),
        ObstacleSummary(
            "Jaringan", "UMKM binaan Dinas",
            "Koperasi bermitra dengan UMKM yang dibina Dinas.",
            fmt.number(network["umkm_mitra"]),
            f"UMKM bermitra dengan {fmt.number(network['koperasi'])} koperasi",
            source(schema.NETWORK), status(schema.NETWORK)),
    ]


def strategy_line(values: pd.DataFrame) -> str:
    """Markdown source line of the 2016 strategy, linked: 'Sumber: [Antara Jatim, 12 Juli 2016](https://…)'."""
    row = kemitraan.strategy_statement(values)
    return "Sumber: –" if row is None else f"Sumber: [{source_text(row)}]({row['url']})"


def sources_line(table: pd.DataFrame) -> str:
    """'Sumber: Antara Jatim (12 Juli 2016); Koran Madura (23 Juli 2019)' for a table of published values."""
    if table.empty or "penerbit" not in table:
        return "Sumber: –"
    pairs = dict.fromkeys(f"{r['penerbit']} ({fmt.period(r['periode'])})" for _, r in table.iterrows())
    return "Sumber: " + "; ".join(pairs)


def illustrative_line(resource_title: str, as_of: str) -> str:
    """Source line of a chart built on the illustrative register."""
    return (f"Sumber: {resource_title}, keadaan {fmt.date(as_of)}. Data ilustratif: totalnya sama dengan angka "
            f"resmi Dinas (Antara Jatim, {OFFICIAL_DAY}), rinciannya dibangkitkan, bukan data nyata.")


def kemitraan_line(dataset: Dataset, resource: str, title: str | None = None) -> str:
    """Source line of a chart built on a partnership register: illustrative, or which import it comes from."""
    if not dataset.is_illustrative(resource):
        return register_line(dataset, resource)
    return (f"Sumber: {title or dataset.title_of(resource)}, keadaan {fmt.date(dataset.as_of(resource))}. Data ilustratif: "
            "belum ada angka terbit tentang pinjaman, pelatihan atau kemitraan dengan UMKM, jadi catatan ini "
            "dibangkitkan dan bukan data nyata; agunan diambil dari register sertifikasi ilustratif.")


def register_line(dataset, resource: str) -> str:
    """Source line of a chart built on a register resource: illustrative, or which import it comes from."""
    title, as_of = dataset.title_of(resource), dataset.as_of(resource)
    if dataset.is_illustrative(resource):
        return illustrative_line(title, as_of)
    sources = [s["title"] for s in resource_descriptor(dataset.descriptor, resource).get("sources", [])]
    origin = f" ({'; '.join(sources)})" if sources else ""
    return f"Sumber: {title}, keadaan {fmt.date(as_of)}{origin}."


def village_list(rows: pd.DataFrame, unit: str) -> str:
    """'Klampar 200 bidang (catatan)' for each village-level value, joined by semicolons."""
    return "; ".join(f"{r.desa} {fmt.number(r.nilai)} {unit} ({r.catatan})" if isinstance(r.catatan, str)
                     else f"{r.desa} {fmt.number(r.nilai)} {unit}" for r in rows.itertuples())


def missing_year_text(topic: str, year: int, years: list[int]) -> str:
    """Empty-state sentence when a topic has no published figure for the chosen year."""
    listed = ", ".join(str(y) for y in years)
    return f"Belum ada angka {topic} yang terbit untuk tahun {year}. Tahun yang memiliki angka: {listed}."
