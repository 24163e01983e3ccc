"""Stand-in for ``views.slugs`` and ``views.build`` until the catalogue lands (delete it then).

Builds some of the views the way pages/*.py wire them today, into the contract's ``BuiltView``.
"""

from __future__ import annotations

import pandas as pd

from koperasi_data import cards, charts, exports, kemitraan, metrics, schema
from koperasi_data.load import Dataset, resource_descriptor
from koperasi_data.views import BuiltView, Filters

_STATUS_RANK = {schema.RESMI: 0, schema.TURUNAN: 1, schema.DITANDAI: 2, schema.ILUSTRATIF: 3}


def _names(dataset, filters):
    return list(filters.kecamatan) or list(dataset[schema.KECAMATAN]["nama"])


def _located(dataset, filters):
    return metrics.filter_kecamatan(metrics.parcels_with_kecamatan(dataset[schema.CERTIFICATION],
                                                                   dataset[schema.KOPERASI]), filters.kecamatan)


def _trend(d, v, f):
    trend = metrics.koperasi_trend(v)
    return charts.koperasi_trend(trend), trend


def _measures(d, v, f):
    series = metrics.indicator_series(v, [schema.UMKM_UNIT, schema.UMKM_PELAKU, schema.UMKM_BERIZIN, schema.UMKM_NIB])
    return charts.umkm_measures(series), series


def _quota(d, v, f):
    series = metrics.indicator_series(v, [schema.SHAT_KUOTA, schema.SHAT_USULAN, schema.SHAT_KUOTA_PERKIRAAN])
    return charts.shat_quota(series), series


def _dissolution(d, v, f):
    proposed = metrics.dissolution_list(metrics.filter_koperasi(d[schema.KOPERASI], f.kecamatan))
    return charts.Chart(None, proposed, f"Daftar {len(proposed)} koperasi tidak aktif yang diusulkan dibubarkan.",
                        f"{len(proposed)} koperasi tidak aktif diusulkan untuk dibubarkan"), None


# slug, page, unit, register, builder(dataset, values, filters) -> (Chart, published values behind it or None)
_VIEWS = [
    ("tren-koperasi", "ringkasan", "koperasi", None, _trend),
    ("koperasi-tren", "koperasi", "koperasi", None, _trend),
    ("koperasi-kecamatan", "koperasi", "koperasi", schema.KOPERASI, lambda d, v, f: (charts.koperasi_by_kecamatan(
        metrics.koperasi_by_kecamatan(metrics.filter_koperasi(d[schema.KOPERASI], f.kecamatan), _names(d, f))), None)),
    ("koperasi-jenis", "koperasi", "koperasi", schema.KOPERASI, lambda d, v, f: (charts.koperasi_by_jenis(
        metrics.koperasi_by_jenis(metrics.filter_koperasi(d[schema.KOPERASI], f.kecamatan))), None)),
    ("koperasi-usulan-pembubaran", "koperasi", "koperasi", schema.KOPERASI, _dissolution),
    ("sertifikasi-corong", "sertifikasi", "bidang", schema.CERTIFICATION, lambda d, v, f: (charts.parcel_funnel(
        metrics.parcel_funnel(_located(d, f))), None)),
    ("sertifikasi-kecamatan", "sertifikasi", "bidang", schema.CERTIFICATION, lambda d, v, f: (
        charts.stuck_by_kecamatan(metrics.stuck_by_kecamatan(_located(d, f), _names(d, f))), None)),
    ("shat-kuota", "sertifikasi", "bidang", None, _quota),
    ("kemitraan-lembaga", "kemitraan", "rupiah", schema.FINANCING, lambda d, v, f: (charts.loans_by_lembaga(
        kemitraan.loans_by_lembaga(d[schema.FINANCING])), None)),
    ("umkm-kecamatan", "umkm", "unit usaha", schema.UMKM, lambda d, v, f: (charts.umkm_by(
        metrics.umkm_by(metrics.filter_kecamatan(d[schema.UMKM], f.kecamatan), "kecamatan", _names(d, f)),
        "kecamatan", "Kecamatan"), None)),
    ("umkm-ukuran", "umkm", "unit usaha", None, _measures),
]
_BY_SLUG = {item[0]: item for item in _VIEWS}


def slugs(page: str | None = None) -> list[str]:
    """The slugs of one page's views (every view when None), in page order."""
    return [item[0] for item in _VIEWS if page is None or item[1] == page]


def _sources(published: pd.DataFrame) -> tuple[dict, ...]:
    rows = published.drop_duplicates(["penerbit", "url", "periode"])
    return tuple({"penerbit": r["penerbit"], "url": r["url"], "tanggal": "" if pd.isna(r["tanggal_terbit"]) else str(r["tanggal_terbit"])[:10],
                  "periode": "" if pd.isna(r["periode"]) else str(r["periode"]), "status": r["status"]} for _, r in rows.iterrows())


def build(slug: str, dataset: Dataset, filters: Filters, values: pd.DataFrame | None = None) -> BuiltView:
    """One view, built for these filters."""
    _, page, unit, register, make = _BY_SLUG[slug]
    values = metrics.published_values(dataset) if values is None else values
    chart, published = make(dataset, values, filters)
    if register is None:
        source, sources = cards.sources_line(published), _sources(published)
        status = max(published["status"], key=_STATUS_RANK.get) if len(published) else schema.RESMI
        illustrative = False
    else:
        illustrative = dataset.is_illustrative(register)
        source = cards.register_line(dataset, register)
        status = schema.ILUSTRATIF if illustrative else schema.RESMI
        sources = tuple({"penerbit": s.get("title", ""), "url": s.get("path", ""), "tanggal":
                         dataset.as_of(register).isoformat(), "periode": "", "status": status}
                        for s in resource_descriptor(dataset.descriptor, register).get("sources", [])) or (
            {"penerbit": dataset.title_of(register), "url": "", "tanggal": dataset.as_of(register).isoformat(),
             "periode": "", "status": status},)
    return BuiltView(slug=slug, page=page, title=chart.title, figure=chart.figure, table=chart.table,
                     csv=exports.csv_bytes(chart.table), alt=chart.alt, source=source, status=status, unit=unit,
                     sources=sources, register=register, illustrative=illustrative,
                     badge="Data ilustratif" if illustrative else None)
