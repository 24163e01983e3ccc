"""The catalogue of views: every chart the product shows, keyed by a stable slug, built once per data version.

A view is metric -> figure -> finding title -> source line -> badge -> table -> CSV -> alt text.
Pages, the slide deck, the static public site and embeds all take views from here by slug; none of
them wires a metric to a chart by hand. The slug is the view's permanent name (download file
names, page anchors, ``/grafik/<slug>/`` on the static site).

This module is the contract between the app, the deck and the static site: fields may be added,
none removed or renamed.

To add a chart: write its metric (``metrics.py``) and its figure (``charts.py``), then one ``Spec``
in ``CATALOGUE`` below; a page shows it with ``ui.view("slug", …)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from koperasi_data import cards, charts, exports, fmt, i18n, kemitraan, maps, metrics, schema
from koperasi_data.i18n import N_, _
from koperasi_data.charts import Chart
from koperasi_data.load import Dataset

# Page slugs, in navigation order (also the static site's folder names).
PAGES = ("ringkasan", "koperasi", "kopdes", "sertifikasi", "kemitraan", "umkm", "sumber")

# Weakest last: a view is as trustworthy as the weakest number in it.
STATUS_ORDER = (schema.RESMI, schema.TURUNAN, schema.DITANDAI, schema.ILUSTRATIF)
BADGE = N_("Data ilustratif")


@dataclass(frozen=True)
class Filters:
    """The choices a view depends on. Hashable: part of the cache key with the data version and slug."""

    year: int
    kecamatan: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    topik: str = ""  # Sumber page: one topic (kelompok) of the published values, "" for all
    lang: str = i18n.DEFAULT  # the interface language the view is written in ("id" or "en", i18n.LANGS)


@dataclass(frozen=True)
class BuiltView:
    """One view, built: everything every output needs to show it. Treat as read-only."""

    slug: str
    page: str  # one of PAGES
    title: str  # the finding, e.g. "Koperasi aktif turun dari 563 (2016) menjadi 444 (2024)"
    figure: go.Figure | None
    table: pd.DataFrame = field(repr=False)  # exactly the numbers shown
    csv: bytes = field(repr=False)  # the table as CSV (formula-safe), the bytes every download serves
    alt: str  # text alternative for screen readers
    source: str  # the source line shown under the chart
    status: str  # resmi / turunan / ditandai / ilustratif (the weakest status among the view's numbers)
    unit: str  # e.g. "koperasi", "bidang", "unit usaha"
    sources: tuple[dict, ...] = ()  # one per source: {"penerbit", "url", "tanggal", "periode", "status"}
    register: str | None = None  # the register resource the view is built on, if any
    illustrative: bool = False  # built on a generated (illustrative) register: show the badge
    badge: str | None = None  # the badge text when illustrative
    # Added for the screen: the table as shown (Indonesian titles, numbers written the Indonesian way).
    display: pd.DataFrame | None = field(default=None, repr=False)
    numeric_columns: tuple[str, ...] = ()  # display titles of the columns written from numbers (right-aligned)
    link_columns: tuple[str, ...] = ()  # display titles of the columns that hold a URL
    label: str = N_("tabel data")  # what the table is, for its download button ("Unduh CSV (…)")
    order: int = 0  # position on its page
    rows: int = 0  # rows of the whole table (``display`` shows at most DISPLAY_ROWS of them)

    @property
    def display_note(self) -> str | None:
        """'Menampilkan 1.000 dari 128.700 baris; …' when the display shows only the first rows of the table."""
        return display_note(0 if self.display is None else len(self.display), self.rows)


@dataclass(frozen=True)
class Context:
    """What a spec's builder reads: the data, the published values and the (normalised) filters."""

    dataset: Dataset
    values: pd.DataFrame
    filters: Filters

    @property
    def kecamatan_shown(self) -> list[str]:
        """The chosen kecamatan, or all 13 in code order when none is chosen."""
        return list(self.filters.kecamatan) or list(self.dataset[schema.KECAMATAN]["nama"])


@dataclass(frozen=True)
class Part:
    """What a builder returns: the chart (or a table with a title) and the published rows behind it."""

    chart: Chart
    rows: pd.DataFrame | None = None  # published values the numbers come from (sources and status)


@dataclass(frozen=True)
class Spec:
    """One catalogue entry: where the view goes and what it is built from."""

    page: str
    order: float  # maps sit right after their bar chart (5 -> 5.1)
    build: Callable[[Context], Part]
    unit: str
    indicators: tuple[str, ...] = ()  # indicator codes (published values) it is built from
    registers: tuple[str, ...] = ()  # register resources it is built from, the main one first
    uses: frozenset[str] = frozenset()  # the Filters fields it depends on (the rest do not split the cache)
    label: str = N_("tabel data")  # translated when built
    source: Callable[[Context, Part], str] | None = None  # source line; default from indicators or register
    chart: bool = True  # False: a table view (no figure)
    boundaries: bool = False  # a map: its source line also names where the boundaries come from (MIT)


# Builders -------------------------------------------------------------------------------
# Each turns a Context into a Part with one metric and one chart (or table). Nothing here formats.


def _trend(ctx: Context) -> Part:
    trend = metrics.koperasi_trend(ctx.values)
    return Part(charts.koperasi_trend(trend), trend)


def _table(title: str, frame: pd.DataFrame, rows: pd.DataFrame | None = None) -> Part:
    """A table view: no figure, the frame is what is shown and downloaded."""
    return Part(Chart(None, frame.reset_index(drop=True), title, title), rows)


# "presisi" travels with "nilai": the table then writes "sekitar 500", never a bare 500.
PUBLISHED_COLUMNS = ["label", "periode", "nilai", "presisi", "satuan", "penerbit", "url", "status", "catatan"]


def _flagged(ctx: Context) -> Part:
    flagged = metrics.flagged_values(ctx.values, "koperasi")
    return _table(_("Angka koperasi yang ditandai"),
                  flagged[["label", "periode", "nilai", "presisi", "penerbit", "url", "catatan"]], flagged)


def _musdesus(ctx: Context) -> Part:
    coverage = metrics.filter_kecamatan(metrics.coverage_by_kecamatan(
        ctx.values, "kopdes_musdesus", ctx.dataset[schema.KECAMATAN]), ctx.filters.kecamatan)
    rows = ctx.values[(ctx.values["kode_indikator"] == "kopdes_musdesus")
                      & ctx.values["periode"].isin(coverage["periode"])]
    return Part(charts.village_coverage(coverage, _("menggelar musyawarah desa khusus")), rows)


KOPERASI_SHOWN = (schema.KOPERASI_TOTAL, schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF)


def _koperasi_others(ctx: Context) -> Part:
    others = metrics.other_values(ctx.values, "koperasi", KOPERASI_SHOWN)
    return _table(_("Angka koperasi lain yang terbit"), others[PUBLISHED_COLUMNS], others)


def _chosen_koperasi(ctx: Context) -> pd.DataFrame:
    f = ctx.filters
    return metrics.filter_koperasi(ctx.dataset[schema.KOPERASI], f.kecamatan, f.jenis, f.status)


def _koperasi_kecamatan(ctx: Context) -> Part:
    return Part(charts.koperasi_by_kecamatan(metrics.koperasi_by_kecamatan(_chosen_koperasi(ctx), ctx.kecamatan_shown)))


def _koperasi_jenis(ctx: Context) -> Part:
    return Part(charts.koperasi_by_jenis(metrics.koperasi_by_jenis(_chosen_koperasi(ctx))))


def _koperasi_rat(ctx: Context) -> Part:
    year = ctx.dataset.as_of(schema.KOPERASI).year
    return Part(charts.rat_compliance(metrics.rat_compliance(_chosen_koperasi(ctx), ctx.kecamatan_shown, year), year))


def _dissolution(ctx: Context) -> Part:
    return _table(_("Koperasi diusulkan untuk dibubarkan"), metrics.dissolution_list(_chosen_koperasi(ctx)))


def _located(ctx: Context) -> pd.DataFrame:
    parcels = metrics.parcels_with_kecamatan(ctx.dataset[schema.CERTIFICATION], ctx.dataset[schema.KOPERASI])
    return metrics.filter_kecamatan(parcels, ctx.filters.kecamatan)


def _parcel_funnel(ctx: Context) -> Part:
    return Part(charts.parcel_funnel(metrics.parcel_funnel(_located(ctx))))


def _parcels_over_time(ctx: Context) -> Part:
    return Part(charts.parcels_over_time(metrics.parcels_over_time(_located(ctx))))


def _stuck_by_kecamatan(ctx: Context) -> Part:
    return Part(charts.stuck_by_kecamatan(metrics.stuck_by_kecamatan(_located(ctx), ctx.kecamatan_shown)))


def _stuck(ctx: Context) -> Part:
    return _table(_("Bidang tertahan"), metrics.stuck_parcels(_located(ctx), ctx.dataset.as_of(schema.CERTIFICATION)))


def _reasons(ctx: Context) -> Part:
    return _table(_("Alasan ditunda/ditolak"), metrics.postponement_reasons(_located(ctx)))


SHAT_QUOTA = (schema.SHAT_KUOTA, schema.SHAT_USULAN, schema.SHAT_KUOTA_PERKIRAAN)


def _shat_quota(ctx: Context) -> Part:
    quota = metrics.indicator_series(ctx.values, SHAT_QUOTA)
    return Part(charts.shat_quota(quota), quota)


def _shat_unmeasured(ctx: Context) -> Part:
    unmeasured = metrics.village_values(ctx.values, schema.SHAT_BELUM_DIUKUR)
    return Part(charts.shat_unmeasured(unmeasured), unmeasured)


def _partnership_frames(ctx: Context) -> dict[str, pd.DataFrame]:
    koperasi = ctx.dataset[schema.KOPERASI]
    return {name: kemitraan.in_kecamatan(ctx.dataset[name], koperasi, ctx.filters.kecamatan)
            for name in (schema.CERTIFICATION, schema.FINANCING, schema.TRAINING, schema.NETWORK)}


def _collateral(ctx: Context) -> Part:
    frames = _partnership_frames(ctx)
    return Part(charts.collateral_funnel(kemitraan.collateral_funnel(frames[schema.CERTIFICATION],
                                                                     frames[schema.FINANCING])))


def _lenders(ctx: Context) -> Part:
    return Part(charts.loans_by_lembaga(kemitraan.loans_by_lembaga(_partnership_frames(ctx)[schema.FINANCING])))


def _training(ctx: Context) -> Part:
    training = _partnership_frames(ctx)[schema.TRAINING]
    return Part(charts.training_by_year(kemitraan.training_by_year(training), kemitraan.training_totals(training)))


def _network(ctx: Context) -> Part:
    network = _partnership_frames(ctx)[schema.NETWORK]
    return Part(charts.network_by_kecamatan(kemitraan.network_by_kecamatan(network, ctx.dataset[schema.KOPERASI],
                                                                           ctx.kecamatan_shown)))


def _partnership_table(ctx: Context) -> Part:
    f = _partnership_frames(ctx)
    return _table(_("Kemitraan per kecamatan"), kemitraan.partnership_by_kecamatan(
        ctx.dataset[schema.KOPERASI], f[schema.CERTIFICATION], f[schema.FINANCING], f[schema.TRAINING],
        f[schema.NETWORK], ctx.kecamatan_shown))


def _umkm(ctx: Context) -> pd.DataFrame:
    return metrics.filter_kecamatan(ctx.dataset[schema.UMKM], ctx.filters.kecamatan)


def _umkm_kecamatan(ctx: Context) -> Part:
    return Part(charts.umkm_by(metrics.umkm_by(_umkm(ctx), "kecamatan", ctx.kecamatan_shown), "kecamatan",
                               _("Kecamatan")))


def _umkm_sektor(ctx: Context) -> Part:
    return Part(charts.umkm_by(metrics.umkm_by(_umkm(ctx), "sektor", schema.SEKTOR), "sektor", _("Sektor")))


def _umkm_skala(ctx: Context) -> Part:
    return Part(charts.workers_per_unit(metrics.umkm_by(_umkm(ctx), "skala", schema.SKALA), "skala"))


UMKM_MEASURES = (schema.UMKM_UNIT, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB)


def _umkm_measures(ctx: Context) -> Part:
    measures = metrics.indicator_series(ctx.values, UMKM_MEASURES)
    return Part(charts.umkm_measures(measures), measures)


def _halal(ctx: Context) -> Part:
    halal = metrics.by_kecamatan_values(ctx.values, schema.PRODUK_HALAL, ctx.dataset[schema.KECAMATAN])
    halal = metrics.filter_kecamatan(halal, ctx.filters.kecamatan)
    return Part(charts.halal_by_kecamatan(halal), halal)


# Maps: the same metric as the matching bar chart, drawn on the kecamatan (or desa) boundaries.


def _kecamatan_shapes(ctx: Context) -> dict:
    return ctx.dataset.geojson(maps.KECAMATAN_BOUNDARIES)


def _map_koperasi(ctx: Context) -> Part:
    by_kecamatan = metrics.koperasi_by_kecamatan(_chosen_koperasi(ctx), ctx.kecamatan_shown)
    return Part(maps.koperasi_total_map(by_kecamatan, _kecamatan_shapes(ctx), ctx.filters.kecamatan))


def _map_koperasi_active(ctx: Context) -> Part:
    by_kecamatan = metrics.koperasi_by_kecamatan(_chosen_koperasi(ctx), ctx.kecamatan_shown)
    return Part(maps.koperasi_active_share_map(by_kecamatan, _kecamatan_shapes(ctx), ctx.filters.kecamatan))


def _map_kopdes(ctx: Context) -> Part:
    part = _musdesus(ctx)
    coverage = part.chart.table
    return Part(maps.village_coverage_map(coverage, _kecamatan_shapes(ctx), _("menggelar musyawarah desa khusus"),
                                          ctx.filters.kecamatan), part.rows)


def _map_parcels(ctx: Context) -> Part:
    stuck = metrics.stuck_by_kecamatan(_located(ctx), ctx.kecamatan_shown)
    return Part(maps.parcels_map(stuck, _kecamatan_shapes(ctx), ctx.filters.kecamatan))


def _map_shat_villages(ctx: Context) -> Part:
    unmeasured = metrics.village_values(ctx.values, schema.SHAT_BELUM_DIUKUR)
    chart = maps.shat_unmeasured_map(unmeasured, ctx.dataset.geojson(maps.DESA_BOUNDARIES), _kecamatan_shapes(ctx))
    return Part(chart, unmeasured[unmeasured["periode"].isin(chart.table["periode"])])


def _map_outlets_without_land(ctx: Context) -> Part:
    sites = metrics.village_values(ctx.values, "kopdes_gerai_tanpa_lahan")
    chart = maps.outlets_without_land_map(sites, metrics.latest_value(ctx.values, "kopdes_gerai_tanpa_lahan"),
                                          ctx.dataset.geojson(maps.DESA_BOUNDARIES), _kecamatan_shapes(ctx))
    return Part(chart, sites[sites["periode"].isin(chart.table["periode"])])


def _map_umkm(measure: str) -> Callable[[Context], Part]:
    def build(ctx: Context) -> Part:
        by_kecamatan = metrics.umkm_by(_umkm(ctx), "kecamatan", ctx.kecamatan_shown)
        return Part(maps.umkm_map(by_kecamatan, measure, _kecamatan_shapes(ctx), ctx.filters.kecamatan))
    return build


def _map_halal(ctx: Context) -> Part:
    part = _halal(ctx)
    return Part(maps.halal_map(part.rows, _kecamatan_shapes(ctx), ctx.filters.kecamatan), part.rows)


PUBLISHED_TABLE_COLUMNS = ["label", "periode", "wilayah", "desa", "nilai", "presisi", "satuan", "status", "penerbit",
                           "url", "catatan"]


def _published(ctx: Context) -> Part:
    values = metrics.values_of_topic(ctx.values, ctx.filters.topik)
    return _table(_("Angka terbit"), values[PUBLISHED_TABLE_COLUMNS], values)


def _reconcile(ctx: Context) -> Part:
    reconciled = metrics.reconcile_register(ctx.dataset)
    # The indicators' labels in the view's language (the same labels in Indonesian).
    labels = dict(zip(ctx.values["kode_indikator"], ctx.values["label"]))
    reconciled["label"] = reconciled["kode_indikator"].map(labels).fillna(reconciled["label"])
    return _table(_("Pencocokan register dengan angka resmi"), reconciled)


def _dictionary(resource: str) -> Callable[[Context], Part]:
    def build(ctx: Context) -> Part:
        descriptor = next(r for r in ctx.dataset.descriptor["resources"] if r["name"] == resource)
        return _table(_("Kamus data: {title}").format(title=_(descriptor["title"])),
                      exports.data_dictionary(descriptor))
    return build


def _resource(resource: str) -> Callable[[Context], Part]:
    def build(ctx: Context) -> Part:
        frame = ctx.dataset[resource]
        rows = ctx.values if resource == schema.VALUES else None
        return _table(_(ctx.dataset.title_of(resource)), frame, rows)
    return build


KOPDES_CODES = tuple(kode for _, kode in metrics.KOPDES_STEPS)
OUTLET_CODES = tuple(kode for kode, _ in metrics.OUTLET_STATES)
MADURA_CODES = ("pembanding_koperasi_total", "pembanding_koperasi_aktif")


def _kopdes_timeline(ctx: Context) -> Part:
    steps = metrics.kopdes_timeline(ctx.values)
    return Part(charts.kopdes_timeline(steps), steps)


def _outlet_sites(ctx: Context) -> Part:
    sites = metrics.outlet_sites(ctx.values, ctx.dataset[schema.KECAMATAN])
    sites = metrics.filter_kecamatan(sites, ctx.filters.kecamatan) if ctx.filters.kecamatan else sites
    return _table(_("Titik gedung gerai Koperasi Merah Putih per kecamatan dan desa"), sites, sites)


def _madura(ctx: Context) -> Part:
    shares = metrics.madura_active_share(ctx.values)
    return Part(charts.madura_share(shares), shares)


def _province(ctx: Context) -> Part:
    context = metrics.province_context(ctx.values)
    return _table(_("Konteks Jawa Timur"), context[PUBLISHED_COLUMNS], context)


def _wub(ctx: Context) -> Part:
    series = metrics.indicator_series(ctx.values, ("wub_peserta",))
    return Part(charts.wub_participants(series), series)


def _sdm_modal(ctx: Context) -> Part:
    others = metrics.sdm_modal_values(ctx.values)
    return _table(_("Angka SDM dan modal lain yang terbit"), others[PUBLISHED_COLUMNS], others)


# Source lines ---------------------------------------------------------------------------

KEMITRAAN_REGISTERS = (schema.FINANCING, schema.TRAINING, schema.NETWORK)


def _register_source(ctx: Context, spec: Spec) -> str:
    resource = spec.registers[0]
    if resource in KEMITRAAN_REGISTERS:
        return cards.kemitraan_line(ctx.dataset, resource)
    return cards.register_line(ctx.dataset, resource)


def _partnership_table_source(ctx: Context, part: Part) -> str:
    return cards.kemitraan_line(ctx.dataset, schema.FINANCING, _("Register kemitraan"))


# The catalogue --------------------------------------------------------------------------

KOPERASI_FILTERS = frozenset({"kecamatan", "jenis", "status"})
KECAMATAN = frozenset({"kecamatan"})
TREND = dict(build=_trend, unit="koperasi", indicators=(schema.KOPERASI_AKTIF, schema.KOPERASI_TIDAK_AKTIF))
REFERENCE = (schema.INDICATORS, schema.VALUES, schema.KECAMATAN, schema.GLOSSARY)
DOWNLOADABLE = REFERENCE + schema.ILLUSTRATIVE_RESOURCES


def _resource_spec(slug: str, order: int = 99) -> Spec | None:
    """The Sumber page's data dictionary (``kamus-<resource>``) or data (``data-<resource>``) of any resource,
    also one the data package gains later (a new resource needs no catalogue entry of its own)."""
    kind, _, resource = slug.partition("-")
    if kind == "kamus" and resource:
        return Spec("sumber", order, _dictionary(resource), "kolom", chart=False, label=N_("kamus data"))
    if kind == "data" and resource:
        register = (resource,) if resource in schema.REGISTER_RESOURCES else ()
        return Spec("sumber", order, _resource(resource), "baris", registers=register, chart=False,
                    label=f"{resource}.csv")
    return None


def _sumber_tables() -> dict[str, Spec]:
    """The data dictionary and the data of every resource, in the package's order."""
    specs = {}
    for i, resource in enumerate(DOWNLOADABLE):
        for j, kind in enumerate(("kamus", "data")):
            specs[f"{kind}-{resource}"] = _resource_spec(f"{kind}-{resource}", 10 + 2 * i + j)
    return specs


def spec_of(slug: str) -> Spec:
    """The catalogue entry of ``slug`` (KeyError for an unknown slug)."""
    found = CATALOGUE.get(slug) or _resource_spec(slug)
    if found is None:
        raise KeyError(slug)
    return found


CATALOGUE: dict[str, Spec] = {
    # Ringkasan
    "tren-koperasi": Spec("ringkasan", 1, **TREND),
    # Koperasi
    "koperasi-tren": Spec("koperasi", 1, **TREND),
    "koperasi-ditandai": Spec("koperasi", 2, _flagged, "angka", chart=False, label=N_("angka ditandai"),
                              indicators=KOPERASI_SHOWN),
    # Koperasi Desa/Kelurahan Merah Putih
    "kopdes-musdesus": Spec("kopdes", 3, _musdesus, "desa/kelurahan", indicators=("kopdes_musdesus",),
                            uses=KECAMATAN),
    "peta-kopdes": Spec("kopdes", 3.5, _map_kopdes, "desa/kelurahan", indicators=("kopdes_musdesus",),
                        uses=KECAMATAN, boundaries=True),
    "koperasi-angka-lain": Spec("koperasi", 6, _koperasi_others, "angka", chart=False, label=N_("angka lain")),
    "kopdes-tahapan": Spec("kopdes", 4, _kopdes_timeline, "desa/kelurahan", indicators=KOPDES_CODES),
    "kopdes-gerai": Spec("kopdes", 5, _outlet_sites, "titik", indicators=OUTLET_CODES, uses=KECAMATAN, chart=False,
                         label=N_("titik gedung gerai")),
    "peta-kopdes-gerai": Spec("kopdes", 5.1, _map_outlets_without_land, "titik",
                              indicators=("kopdes_gerai_tanpa_lahan",), boundaries=True),
    "madura-aktif": Spec("koperasi", 7, _madura, "persen", indicators=KOPERASI_SHOWN + MADURA_CODES),
    "jatim-konteks": Spec("koperasi", 8, _province, "koperasi", indicators=metrics.PROVINCE_CONTEXT, chart=False,
                          label=N_("konteks Jawa Timur")),
    "koperasi-kecamatan": Spec("koperasi", 9, _koperasi_kecamatan, "koperasi", registers=(schema.KOPERASI,),
                               uses=KOPERASI_FILTERS),
    "peta-koperasi": Spec("koperasi", 9.1, _map_koperasi, "koperasi", registers=(schema.KOPERASI,),
                          uses=KOPERASI_FILTERS, boundaries=True),
    "peta-koperasi-aktif": Spec("koperasi", 9.2, _map_koperasi_active, "persen aktif", registers=(schema.KOPERASI,),
                                uses=KOPERASI_FILTERS, boundaries=True),
    "koperasi-jenis": Spec("koperasi", 10, _koperasi_jenis, "koperasi", registers=(schema.KOPERASI,),
                           uses=KOPERASI_FILTERS),
    "koperasi-rat": Spec("koperasi", 11, _koperasi_rat, "koperasi", registers=(schema.KOPERASI,), uses=KOPERASI_FILTERS),
    "koperasi-usulan-pembubaran": Spec("koperasi", 12, _dissolution, "koperasi", registers=(schema.KOPERASI,),
                                       uses=KOPERASI_FILTERS, chart=False, label=N_("daftar usulan pembubaran")),
    # Sertifikasi
    "sertifikasi-corong": Spec("sertifikasi", 1, _parcel_funnel, "bidang",
                               registers=(schema.CERTIFICATION, schema.KOPERASI), uses=KECAMATAN),
    "sertifikasi-waktu": Spec("sertifikasi", 2, _parcels_over_time, "bidang",
                              registers=(schema.CERTIFICATION, schema.KOPERASI), uses=KECAMATAN),
    "sertifikasi-kecamatan": Spec("sertifikasi", 3, _stuck_by_kecamatan, "bidang",
                                  registers=(schema.CERTIFICATION, schema.KOPERASI), uses=KECAMATAN),
    "peta-sertifikasi": Spec("sertifikasi", 3.5, _map_parcels, "bidang",
                             registers=(schema.CERTIFICATION, schema.KOPERASI), uses=KECAMATAN, boundaries=True),
    "sertifikasi-tertahan": Spec("sertifikasi", 4, _stuck, "bidang", registers=(schema.CERTIFICATION, schema.KOPERASI),
                                 uses=KECAMATAN, chart=False, label=N_("bidang tertahan")),
    "sertifikasi-alasan": Spec("sertifikasi", 5, _reasons, "bidang", registers=(schema.CERTIFICATION, schema.KOPERASI),
                               uses=KECAMATAN, chart=False, label=N_("alasan ditunda/ditolak")),
    "shat-kuota": Spec("sertifikasi", 6, _shat_quota, "bidang", indicators=SHAT_QUOTA),
    "shat-belum-diukur": Spec("sertifikasi", 7, _shat_unmeasured, "bidang", indicators=(schema.SHAT_BELUM_DIUKUR,)),
    "peta-shat-desa": Spec("sertifikasi", 7.5, _map_shat_villages, "bidang", indicators=(schema.SHAT_BELUM_DIUKUR,),
                           boundaries=True),
    # Kemitraan
    "kemitraan-agunan": Spec("kemitraan", 3, _collateral, "bidang", registers=(schema.FINANCING, schema.CERTIFICATION),
                             uses=KECAMATAN),
    "kemitraan-lembaga": Spec("kemitraan", 4, _lenders, "rupiah", registers=(schema.FINANCING,), uses=KECAMATAN),
    "kemitraan-pelatihan": Spec("kemitraan", 5, _training, "pengurus", registers=(schema.TRAINING,), uses=KECAMATAN),
    "kemitraan-jejaring": Spec("kemitraan", 6, _network, "UMKM", registers=(schema.NETWORK, schema.KOPERASI),
                               uses=KECAMATAN),
    "kemitraan-kecamatan": Spec("kemitraan", 7, _partnership_table, "koperasi",
                                registers=(schema.FINANCING, schema.CERTIFICATION, schema.TRAINING, schema.NETWORK),
                                uses=KECAMATAN, chart=False, label=N_("kemitraan per kecamatan"),
                                source=_partnership_table_source),
    "sdm-wub": Spec("kemitraan", 1, _wub, "orang", indicators=("wub_peserta",)),
    "sdm-modal-terbit": Spec("kemitraan", 2, _sdm_modal, "angka", indicators=metrics.SDM_MODAL_OTHERS, chart=False,
                             label=N_("angka SDM dan modal")),
    # UMKM
    "umkm-kecamatan": Spec("umkm", 1, _umkm_kecamatan, "unit usaha", registers=(schema.UMKM,), uses=KECAMATAN),
    "peta-umkm": Spec("umkm", 1.1, _map_umkm("unit_usaha"), "unit usaha", registers=(schema.UMKM,),
                      uses=KECAMATAN, boundaries=True),
    "peta-umkm-tenaga-kerja": Spec("umkm", 1.2, _map_umkm("tenaga_kerja"), "tenaga kerja", registers=(schema.UMKM,),
                                   uses=KECAMATAN, boundaries=True),
    "umkm-sektor": Spec("umkm", 2, _umkm_sektor, "unit usaha", registers=(schema.UMKM,), uses=KECAMATAN),
    "umkm-skala": Spec("umkm", 3, _umkm_skala, "tenaga kerja per unit", registers=(schema.UMKM,), uses=KECAMATAN),
    "umkm-ukuran": Spec("umkm", 4, _umkm_measures, "unit usaha", indicators=UMKM_MEASURES),
    "umkm-halal": Spec("umkm", 5, _halal, "produk", indicators=(schema.PRODUK_HALAL,), uses=KECAMATAN),
    "peta-halal": Spec("umkm", 5.1, _map_halal, "produk", indicators=(schema.PRODUK_HALAL,), uses=KECAMATAN,
                       boundaries=True),
    # Sumber
    "angka-terbit": Spec("sumber", 1, _published, "angka", chart=False, label=N_("angka terbit"),
                         uses=frozenset({"topik"})),
    "pencocokan-register": Spec("sumber", 2, _reconcile, "koperasi", registers=(schema.KOPERASI, schema.UMKM),
                                chart=False, label=N_("pencocokan"), indicators=KOPERASI_SHOWN + (schema.UMKM_UNIT,
                                                                                             schema.UMKM_TENAGA_KERJA)),
    **_sumber_tables(),
}
# Maps by kecamatan whose clickable kecamatan points can set the kecamatan filter.
KECAMATAN_MAPS = frozenset(s for s, spec in CATALOGUE.items() if spec.boundaries and "kecamatan" in spec.uses)


def slugs(page: str | None = None) -> list[str]:
    """Every slug in page order (pages in navigation order); only one page's when ``page`` is given."""
    ordered = sorted(CATALOGUE, key=lambda s: (PAGES.index(CATALOGUE[s].page), CATALOGUE[s].order))
    return [s for s in ordered if page is None or CATALOGUE[s].page == page]


def chart_slugs(page: str | None = None) -> list[str]:
    """The slugs that draw a figure (maps included)."""
    return [s for s in slugs(page) if CATALOGUE[s].chart]


def map_slugs(page: str | None = None) -> list[str]:
    """The slugs that draw a map."""
    return [s for s in slugs(page) if CATALOGUE[s].boundaries]


def normalised(slug: str, filters: Filters) -> Filters:
    """The filters with every field the view does not use reset: views that cannot differ share one cache entry."""
    uses = spec_of(slug).uses
    return Filters(year=0, kecamatan=filters.kecamatan if "kecamatan" in uses else (),
                   jenis=filters.jenis if "jenis" in uses else (), status=filters.status if "status" in uses else (),
                   topik=filters.topik if "topik" in uses else "", lang=i18n.normalise(filters.lang))


# Status and sources -----------------------------------------------------------------------


def weakest(statuses) -> str:
    """The least trustworthy of some statuses (resmi < turunan < ditandai < ilustratif); resmi when none."""
    ranks = [STATUS_ORDER.index(s) for s in statuses if s in STATUS_ORDER]
    return STATUS_ORDER[max(ranks)] if ranks else schema.RESMI


def register_status(dataset: Dataset, resource: str) -> str:
    """Ilustratif for the generated stand-in, resmi for the office's own imported register."""
    return schema.ILUSTRATIF if dataset.is_illustrative(resource) else schema.RESMI


def _iso(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def published_sources(rows: pd.DataFrame) -> tuple[dict, ...]:
    """One dict per distinct source of some published values, in order of appearance."""
    if rows is None or rows.empty or "penerbit" not in rows:
        return ()
    seen = {}
    for row in rows.itertuples(index=False):
        item = {"penerbit": row.penerbit, "url": row.url, "tanggal": _iso(getattr(row, "tanggal_terbit", None)),
                "periode": row.periode, "status": row.status}
        seen.setdefault(tuple(item.values()), item)
    return tuple(seen.values())


def register_sources(dataset: Dataset, resources) -> tuple[dict, ...]:
    """One dict per register resource: its title, its source link (if any), the day it describes, its status."""
    result = []
    for resource in resources:
        descriptor = next(r for r in dataset.descriptor["resources"] if r["name"] == resource)
        links = [s.get("path") for s in descriptor.get("sources", []) if s.get("path")]
        as_of = dataset.as_of(resource).isoformat()
        result.append({"penerbit": dataset.title_of(resource), "url": links[0] if links else None, "tanggal": as_of,
                       "periode": as_of, "status": register_status(dataset, resource)})
    return tuple(result)


# Building --------------------------------------------------------------------------------


def build(slug: str, dataset: Dataset, filters: Filters, values: pd.DataFrame | None = None) -> BuiltView:
    """The view ``slug`` built on ``dataset`` for ``filters`` (pure: the same inputs give the same view), written in
    the language ``filters.lang``."""
    with i18n.use(filters.lang):
        return _build(slug, dataset, filters, values)


def _build(slug: str, dataset: Dataset, filters: Filters, values: pd.DataFrame | None) -> BuiltView:
    spec = spec_of(slug)
    values = metrics.published_values(dataset) if values is None else values
    values = metrics.in_language(values)
    ctx = Context(dataset, values, normalised(slug, filters))
    part = spec.build(ctx)
    chart = part.chart
    sources = published_sources(part.rows) + register_sources(dataset, spec.registers)
    statuses = [s["status"] for s in sources]
    status = weakest(statuses)
    if spec.source is not None:
        source = spec.source(ctx, part)
    elif spec.registers:
        source = _register_source(ctx, spec)
    else:
        source = cards.sources_line(part.rows if part.rows is not None else chart.table)
    if spec.boundaries:
        source = maps.with_boundary_source(source)
    illustrative = bool(spec.registers) and dataset.is_illustrative(spec.registers[0])
    # The unit of a view of published values is its indicators' unit in indikator.csv.
    units = [] if part.rows is None or "satuan" not in part.rows or not spec.indicators else \
        list(dict.fromkeys(part.rows.loc[part.rows["kode_indikator"].isin(spec.indicators), "satuan"].dropna()))
    display, numeric, links = display_table(chart.table, dataset.descriptor, limit=DISPLAY_ROWS)
    return BuiltView(
        slug=slug, page=spec.page, title=chart.title, figure=chart.figure, table=chart.table,
        csv=exports.csv_bytes(chart.table), alt=chart.alt, source=source, status=status,
        unit=units[0] if len(units) == 1 else spec.unit,
        sources=sources, register=spec.registers[0] if spec.registers else None, illustrative=illustrative,
        badge=_(BADGE) if illustrative else None, display=display, numeric_columns=numeric, link_columns=links,
        label=_(spec.label), order=spec.order, rows=len(chart.table),
    )


# A page or the static site shows at most this many rows of a table (a whole register is 128.700 rows at
# N = 220); the CSV and Excel downloads always carry every row.
DISPLAY_ROWS = 1000


def display_note(shown: int, total: int) -> str | None:
    """The note under a table that shows only its first rows (None when it shows them all)."""
    if total <= shown:
        return None
    return _("Menampilkan {shown} dari {total} baris; unduh CSV/Excel untuk semuanya").format(
        shown=fmt.number(shown), total=fmt.number(total))


def display_table(frame: pd.DataFrame, descriptor: dict,
                  limit: int | None = None) -> tuple[pd.DataFrame, tuple[str, ...], tuple[str, ...]]:
    """The table as a reader sees it: Indonesian column titles, every cell written as text the Indonesian way
    (257.481, 96,2, 12 Juli 2016, labels of coded values, a dash for empty). Also the titles of the columns
    written from numbers and of those holding links.

    Whole columns are written at once (a 128.700-row register is ~1,9 million cells): whole numbers by string
    operations, coded text by a dictionary lookup, anything else by writing each distinct value once.
    With ``limit``, only the first ``limit`` rows are written, each column as it is written in the whole table
    (a share column has one decimal in every row when any row of the table needs it)."""
    titles = exports.column_titles(descriptor)
    formats = exports.display_formats(frame)
    if limit is not None:
        frame = frame.head(limit)
    shown = {}
    numeric, links = [], []
    for column in frame.columns:
        title = exports.column_title(column, titles)
        series = frame[column]
        if column in ("url", "sumber"):
            shown[title] = series.astype(object).where(series.notna(), None)
            links.append(title)
            continue
        formatter = formats.get(column)
        if column == "nilai" and "presisi" in frame and formatter is not None:
            # "sekitar 500", never a bare 500, wherever an approximate value is shown.
            cells = _cells(series, formatter)
            shown[title] = [text if _missing(v) else fmt.qualifier(p) + text
                            for v, text, p in zip(series, cells, frame["presisi"])]
            numeric.append(title)
            continue
        if formatter is None:  # booleans
            shown[title] = series
            continue
        if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            numeric.append(title)
        shown[title] = _cells(series, formatter)
    display = pd.DataFrame(shown, index=range(len(frame)), columns=list(shown))
    return display, tuple(numeric), tuple(links)


_GROUPS = r"\B(?=(\d{3})+(?!\d))"  # before every third digit from the right: 1234567 -> 1.234.567


def _cells(series: pd.Series, formatter) -> np.ndarray:
    """``formatter`` applied to every cell of ``series`` (a dash for empty ones), a whole column at a time."""
    out = np.full(len(series), fmt.MISSING, dtype=object)
    present = series.notna().to_numpy(dtype=bool)
    if not present.any():
        return out
    values = series[present]
    if formatter is fmt.number and pd.api.types.is_integer_dtype(series):
        # Babel's '#,##0' for id_ID: '.' between groups of three, '-' before a negative number.
        whole = values.astype("int64")
        text = whole.abs().astype(str).str.replace(_GROUPS, fmt.group_separator(), regex=True)
        out[present] = np.where(whole.to_numpy() < 0, "-" + text, text)
    elif formatter is exports.coded:
        text = values.astype(str)
        out[present] = text.map(schema.value_labels()).fillna(text).to_numpy(dtype=object)
    else:
        written = {value: formatter(value) for value in pd.unique(values.astype(object))}
        out[present] = values.astype(object).map(written).to_numpy(dtype=object)
    return out


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# Cards -------------------------------------------------------------------------------------
# Headline figures, by name: pages show them with ``ui.cards_of(name, filters)``, built once per version.


def _card_koperasi(ctx: Context) -> list[cards.Card]:
    return cards.koperasi_cards(ctx.values, ctx.filters.year)


def _card_umkm(ctx: Context) -> list[cards.Card]:
    return cards.umkm_cards(ctx.values, ctx.filters.year)


def _card_register_all(ctx: Context) -> list[cards.Card]:
    return cards.register_cards(metrics.koperasi_totals(ctx.dataset[schema.KOPERASI]),
                                ctx.dataset.is_illustrative(schema.KOPERASI), ctx.dataset.as_of(schema.KOPERASI),
                                first_label=_("Koperasi dalam register"))


def _card_register_chosen(ctx: Context) -> list[cards.Card]:
    return cards.register_cards(metrics.koperasi_totals(_chosen_koperasi(ctx)),
                                ctx.dataset.is_illustrative(schema.KOPERASI), ctx.dataset.as_of(schema.KOPERASI))


def _card_kopdes(ctx: Context) -> list[cards.Card]:
    return cards.latest_cards(ctx.values, ["kopdes_musdesus", "kopdes_terbentuk", "kopdes_berbadan_hukum"])


def _card_kemitraan_published(ctx: Context) -> list[cards.Card]:
    return cards.latest_cards(ctx.values, [schema.SHAT_KUOTA, schema.SHAT_USULAN, schema.SHT_KUOTA, schema.UMKM_UNIT])


def _card_collateral(ctx: Context) -> list[cards.Card]:
    f = _partnership_frames(ctx)
    return cards.collateral_cards(kemitraan.loan_totals(f[schema.CERTIFICATION], f[schema.FINANCING]), ctx.dataset)


def _card_training(ctx: Context) -> list[cards.Card]:
    return cards.training_cards(kemitraan.training_totals(_partnership_frames(ctx)[schema.TRAINING]), ctx.dataset)


def _card_network(ctx: Context) -> list[cards.Card]:
    return cards.network_cards(kemitraan.network_totals(_partnership_frames(ctx)[schema.NETWORK]), ctx.dataset)


@dataclass(frozen=True)
class CardSpec:
    """A named row of headline cards and the Filters fields it depends on."""

    build: Callable[[Context], list[cards.Card]]
    uses: frozenset[str] = frozenset()
    missing: tuple[str, str] | None = None  # (topic, indicator code): say which years have figures when none


CARDS: dict[str, CardSpec] = {
    "koperasi-terbit": CardSpec(_card_koperasi, frozenset({"year"}), (N_("koperasi"), schema.KOPERASI_TOTAL)),
    "umkm-terbit": CardSpec(_card_umkm, frozenset({"year"}), (N_("unit UMKM"), schema.UMKM_UNIT)),
    "register-koperasi": CardSpec(_card_register_all),
    "register-koperasi-filter": CardSpec(_card_register_chosen, KOPERASI_FILTERS),
    "kopdes": CardSpec(_card_kopdes),
    "kemitraan-terbit": CardSpec(_card_kemitraan_published),
    "kemitraan-modal": CardSpec(_card_collateral, KECAMATAN),
    "kemitraan-sdm": CardSpec(_card_training, KECAMATAN),
    "kemitraan-jaringan": CardSpec(_card_network, KECAMATAN),
}


def card_filters(name: str, filters: Filters) -> Filters:
    """The filters with every field the cards do not use reset."""
    uses = CARDS[name].uses
    return Filters(year=filters.year if "year" in uses else 0,
                   kecamatan=filters.kecamatan if "kecamatan" in uses else (),
                   jenis=filters.jenis if "jenis" in uses else (), status=filters.status if "status" in uses else (),
                   lang=i18n.normalise(filters.lang))


def build_cards(name: str, dataset: Dataset, filters: Filters, values: pd.DataFrame | None = None) -> tuple:
    """The named row of cards, built (a tuple: read-only)."""
    values = metrics.published_values(dataset) if values is None else values
    with i18n.use(filters.lang):
        return tuple(CARDS[name].build(Context(dataset, metrics.in_language(values), card_filters(name, filters))))


def cards_missing_text(name: str, values: pd.DataFrame, filters: Filters) -> str:
    """What to say when the named row has no card for the year ("" when the row needs no such sentence)."""
    missing = CARDS[name].missing
    if missing is None:
        return ""
    topic, kode = missing
    with i18n.use(filters.lang):
        return cards.missing_year_text(_(topic), filters.year, metrics.years_of(values, kode))


def has_partnership_records(dataset: Dataset, filters: Filters) -> bool:
    """Whether any partnership register (parcels, loans, training, network) has a row in the chosen kecamatan."""
    ctx = Context(dataset, pd.DataFrame(), filters)
    return kemitraan.has_records(*_partnership_frames(ctx).values())
