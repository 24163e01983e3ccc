"""Headline cards and source lines: metric results turned into Indonesian text."""

from __future__ import annotations

import html

from dataclasses import dataclass, field

import pandas as pd

from koperasi_data import fmt, i18n, kemitraan, metrics, schema
from koperasi_data.load import Dataset, resource_descriptor
from koperasi_data.schema import label
from koperasi_data.i18n import _


# The day of the office's statement that the illustrative registers reproduce: "12 Juli 2016".
OFFICIAL_DAY = fmt.date(schema.REGISTER_DATE, "id")
REGISTER_BADGE = f"Data ilustratif: register buatan, total sama dengan angka resmi {OFFICIAL_DAY}"
UMKM_BADGE = f"Data ilustratif: sebaran buatan, total sama dengan angka resmi {OFFICIAL_DAY}"


def official_day() -> str:
    """The day of the office's statement in the current language: '12 Juli 2016' / '12 July 2016'."""
    return fmt.date(schema.REGISTER_DATE)


def register_badge() -> str:
    """The badge of views built on the illustrative cooperative register, in the current language."""
    return _("Data ilustratif: register buatan, total sama dengan angka resmi {0}").format(official_day())


def umkm_badge() -> str:
    """The badge of views built on the illustrative UMKM spread, in the current language."""
    return _("Data ilustratif: sebaran buatan, total sama dengan angka resmi {0}").format(official_day())


@dataclass(frozen=True)
class Card:
    """One headline figure with where it comes from."""

    label: str
    value: str
    source: str
    status: str
    kode: str | None = None  # the indicator a published card shows (slides join cards to values by it)
    # The status as shown, in the language the card was built in (set when the card is made).
    status_text: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.status_text:
            object.__setattr__(self, "status_text", label(self.status))

    @property
    def caption(self) -> str:
        return f"{self.source} · {self.status_text}"


def row_html(items) -> str:
    """A row of headline cards as one HTML description list: each card's label, value, then source and status.

    One element for the whole row rather than a column, a metric and a caption per card: a page's run cost grows
    with its element count, and the cards are most of it. Every text is escaped (sources are typed by people)."""
    cells = "".join(
        f'<div class="card"><dt class="card-label">{html.escape(card.label)}</dt>'
        f'<dd class="card-value">{html.escape(card.value)}</dd>'
        f'<dd class="card-source">{html.escape(card.caption)}</dd></div>' for card in items)
    return f'<dl class="card-row">{cells}</dl>'


def source_text(row: pd.Series) -> str:
    """'Antara Jatim, 12 Juli 2016' for one published value."""
    return f"{row['penerbit']}, {fmt.period(row['periode'])}"


def _published_card(row: pd.Series | None) -> Card | None:
    """A published value as a card, titled by its indicator's label (indikator.csv, in the run's language): the
    same words on the card, in the tables, on the slides and on the static site."""
    if row is None:
        return None
    return Card(row["label"], fmt.qualifier(row["presisi"]) + fmt.number(row["nilai"]), source_text(row),
                row["status"], row["kode_indikator"])


def _derived_card(title: str, value: str, parts: list[pd.Series | None]) -> Card | None:
    if any(p is None for p in parts):
        return None
    sources = "; ".join(dict.fromkeys(source_text(p) for p in parts))
    return Card(title, value, _("dihitung dari {0}").format(sources), schema.TURUNAN)


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
        cards.append(_derived_card(_("Persentase aktif"), fmt.percent(metrics.share(aktif["nilai"], total["nilai"])),
                                   [aktif, total]))
    return [c for c in cards if c is not None]


def umkm_cards(values: pd.DataFrame, year: int) -> list[Card]:
    """UMKM units, workers and workers per unit for one year; empty when nothing was published."""
    units = metrics.indicator_value(values, schema.UMKM_UNIT, year)
    workers = metrics.indicator_value(values, schema.UMKM_TENAGA_KERJA, year)
    cards = [_published_card(units), _published_card(workers)]
    if units is not None and workers is not None and units["nilai"]:
        cards.append(_derived_card(_("Tenaga kerja per unit"), fmt.number(workers["nilai"] / units["nilai"], 2),
                                   [workers, units]))
    return [c for c in cards if c is not None]


def latest_cards(values: pd.DataFrame, codes: list[str]) -> list[Card]:
    """One card per indicator code: its latest trustworthy published value, titled by its indicator's label."""
    cards = [_published_card(metrics.latest_value(values, kode)) for kode in codes]
    return [c for c in cards if c is not None]


def register_cards(totals: dict, illustrative: bool = True, as_of=schema.REGISTER_DATE,
                   first_label: str | None = None) -> list[Card]:
    """Headline cards computed from the (filtered) cooperative register: illustrative, or the office's own."""
    if illustrative:
        source, status = _("register ilustratif, {0}").format(fmt.date(as_of)), schema.ILUSTRATIF
    else:
        source, status = _("register Dinas, {0}").format(fmt.date(as_of)), schema.RESMI
    return [
        Card(first_label or _("Koperasi (sesuai filter)"), fmt.number(totals["total"]), source, status),
        Card(_("Aktif"), fmt.number(totals["aktif"]), source, status),
        Card(_("Tidak aktif"), fmt.number(totals["tidak_aktif"]), source, status),
        Card(_("Persentase aktif"), fmt.percent(totals["persen_aktif"]), source, status),
    ]


def _register_source(dataset: Dataset, resource: str) -> tuple[str, str]:
    """(source text, status) of a card computed from a register resource: illustrative or the office's own."""
    when = fmt.date(dataset.as_of(resource))
    if dataset.is_illustrative(resource):
        return _("register kemitraan ilustratif, {0}").format(when), schema.ILUSTRATIF
    return _("register Dinas, {0}").format(when), schema.RESMI


def _register_cards(dataset: Dataset, resource: str, items: list[tuple[str, str]]) -> list[Card]:
    source, status = _register_source(dataset, resource)
    return [Card(title, value, source, status) for title, value in items]


def collateral_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """Modal usaha: certified parcels, how many got a loan, and the rupiah obtained (loans register)."""
    return _register_cards(dataset, schema.FINANCING, [
        (_("Bidang bersertipikat"), fmt.number(totals["bidang_terbit"])),
        (_("Bidang dengan pinjaman"), fmt.number(totals["bidang_dengan_pinjaman"])),
        (_("Nilai pinjaman diperoleh"), fmt.rupiah(totals["nilai_rp"])),
    ])


def training_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """SDM: training sessions, cooperatives and board members trained (training register)."""
    return _register_cards(dataset, schema.TRAINING, [
        (_("Sesi pelatihan"), fmt.number(totals["sesi"])),
        (_("Koperasi yang pengurusnya dilatih"), fmt.number(totals["koperasi"])),
        (_("Pengurus dilatih"), fmt.number(totals["pengurus"])),
    ])


def network_cards(totals: dict, dataset: Dataset) -> list[Card]:
    """Jaringan: cooperatives linked with UMKM and how many UMKM (network register)."""
    return _register_cards(dataset, schema.NETWORK, [
        (_("Koperasi bermitra dengan UMKM"), fmt.number(totals["koperasi"])),
        (_("UMKM mitra"), fmt.number(totals["umkm_mitra"])),
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
        return _("{0}, keadaan {1}; strategi: {2}").format(_(dataset.title_of(resource)), fmt.date(dataset.as_of(resource)), strategy)

    return [
        ObstacleSummary(
            _("Modal usaha"), _("BPN; Pegadaian dan bank"),
            _("BPN menyertipikatkan tanah koperasi agar dapat dijadikan agunan; Pegadaian dan bank memberi pinjaman."),
            fmt.rupiah(loans["nilai_rp"]),
            _("pinjaman diperoleh dengan agunan tanah bersertipikat ({0} "
              "pinjaman, {1} dari {2} "
              "bidang bersertipikat)").format(fmt.number(loans['pinjaman_diperoleh']), fmt.number(loans['bidang_dengan_pinjaman']), fmt.number(loans['bidang_terbit'])),
            source(schema.FINANCING), status(schema.FINANCING)),
        ObstacleSummary(
            _("SDM"), _("STAIN Pamekasan (Fakultas Syariah, Perbankan Syariah)"),
            _("STAIN Pamekasan melatih pengurus koperasi."),
            fmt.number(training["pengurus"]),
            _("pengurus dari {0} koperasi dilatih").format(fmt.number(training['koperasi'])),
            source(schema.TRAINING), status(schema.TRAINING)),
        ObstacleSummary(
            _("Jaringan"), _("UMKM binaan Dinas"),
            _("Koperasi bermitra dengan UMKM yang dibina Dinas."),
            fmt.number(network["umkm_mitra"]),
            _("UMKM bermitra dengan {0} koperasi").format(fmt.number(network['koperasi'])),
            source(schema.NETWORK), status(schema.NETWORK)),
    ]


def strategy_line(values: pd.DataFrame) -> str:
    """Markdown source line of the 2016 strategy, linked: 'Sumber: [Antara Jatim, 12 Juli 2016](https://…)'."""
    row = kemitraan.strategy_statement(values)
    return _("Sumber: –") if row is None else _("Sumber: [{0}]({1})").format(source_text(row), row['url'])


def sources_line(table: pd.DataFrame) -> str:
    """'Sumber: Antara Jatim (12 Juli 2016); Koran Madura (23 Juli 2019)' for a table of published values."""
    if table.empty or "penerbit" not in table:
        return _("Sumber: –")
    pairs = dict.fromkeys(f"{r['penerbit']} ({fmt.period(r['periode'])})" for _i, r in table.iterrows())
    return _("Sumber: ") + "; ".join(pairs)


def illustrative_line(resource_title: str, as_of: str) -> str:
    """Source line of a chart built on the illustrative register."""
    return (_("Sumber: {0}, keadaan {1}. Data ilustratif: totalnya sama dengan angka "
              "resmi Dinas (Antara Jatim, {2}), rinciannya dibangkitkan, bukan data nyata.").format(resource_title, fmt.date(as_of), official_day()))


def kemitraan_line(dataset: Dataset, resource: str, title: str | None = None) -> str:
    """Source line of a chart built on a partnership register: illustrative, or which import it comes from."""
    if not dataset.is_illustrative(resource):
        return register_line(dataset, resource)
    return (_("Sumber: {0}, keadaan {1}. Data ilustratif: "
              "belum ada angka terbit tentang pinjaman, pelatihan atau kemitraan dengan UMKM, jadi catatan ini "
              "dibangkitkan dan bukan data nyata; agunan diambil dari register sertifikasi ilustratif.").format(title or _(dataset.title_of(resource)), fmt.date(dataset.as_of(resource))))


def register_line(dataset, resource: str) -> str:
    """Source line of a chart built on a register resource: illustrative, or which import it comes from."""
    title, as_of = _(dataset.title_of(resource)), dataset.as_of(resource)
    if dataset.is_illustrative(resource):
        return illustrative_line(title, as_of)
    sources = [s["title"] for s in resource_descriptor(dataset.descriptor, resource).get("sources", [])]
    origin = f" ({'; '.join(sources)})" if sources else ""
    return _("Sumber: {0}, keadaan {1}{2}.").format(title, fmt.date(as_of), origin)


def village_list(rows: pd.DataFrame, unit: str) -> str:
    """'Klampar 200 bidang (catatan)' for each village-level value, joined by semicolons."""
    # The curator's notes (catatan) are Indonesian data, not interface: an English sentence leaves them to the table.
    return "; ".join(f"{r.desa} {fmt.number(r.nilai)} {unit} ({r.catatan})" if isinstance(r.catatan, str)
                     and not i18n.english()
                     else f"{r.desa} {fmt.number(r.nilai)} {unit}" for r in rows.itertuples())


def missing_year_text(topic: str, year: int, years: list[int]) -> str:
    """Empty-state sentence when a topic has no published figure for the chosen year."""
    listed = ", ".join(str(y) for y in years)
    return _("Belum ada angka {0} yang terbit untuk tahun {1}. Tahun yang memiliki angka: {2}.").format(topic, year, listed)


def kopdes_line(values: pd.DataFrame) -> str:
    """One sentence: where the Merah Putih programme stands by the latest published figures, with their sources."""
    steps = metrics.kopdes_timeline(values).set_index("kode_indikator")
    if steps.empty:
        return _("Belum ada angka Koperasi Desa/Kelurahan Merah Putih yang terbit.")
    parts = []
    for kode, text in (("kopdes_diluncurkan", _("{n} koperasi diluncurkan")),
                       ("kopdes_beroperasi", _("{n} yang sudah berjalan")),
                       ("kopdes_gerai_selesai", _("{n} gedung gerai selesai"))):
        if kode in steps.index:
            row = steps.loc[kode]
            parts.append(f"{text.format(n=fmt.qualifier(row['presisi']) + fmt.number(row['nilai']))} "
                         f"({source_text(row)})")
    blocked = metrics.latest_value(values, "kopdes_gerai_tanpa_lahan")
    if blocked is not None:
        parts.append(_("{0} titik gerai belum dibangun karena lahan ({1})").format(fmt.number(blocked['nilai']), source_text(blocked)))
    sentence = _("Koperasi Merah Putih: ") + "; ".join(parts) + "."
    if "kopdes_beroperasi" in steps.index:
        period = str(steps.loc["kopdes_beroperasi", "periode"])
        undated = _(" (artikelnya tanpa tanggal)") if len(period) == 4 else ""
        sentence += (_(" Berapa yang berjalan hari ini belum dipublikasikan: angka terakhir per "
                       "{0}{1}.").format(fmt.period(period), undated))
    return sentence
