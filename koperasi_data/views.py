"""The catalogue of views: every chart the product shows, keyed by a stable slug, built once per data version.

A view is metric -> figure -> finding title -> source line -> badge -> table -> CSV -> alt text.
Pages, the slide deck, the static public site and embeds all take views from here by slug; none of
them wires a metric to a chart by hand. The slug is the view's permanent name (download file
names, page anchors, ``/grafik/<slug>/`` on the static site).

This module is the contract between the app, the deck and the static site: fields may be added,
none removed or renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

# Page slugs, in navigation order (also the static site's folder names).
PAGES = ("ringkasan", "koperasi", "sertifikasi", "kemitraan", "umkm", "sumber")


@dataclass(frozen=True)
class Filters:
    """The choices a view depends on. Hashable: part of the cache key with the data version and slug."""

    year: int
    kecamatan: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    status: tuple[str, ...] = ()


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
