"""Templates, tables and figures as the static pages write them: escaped, in the bake's language, byte-stable.

The templates' texts go through ``_()`` (Jinja2's i18n extension bound to ``i18n._``, so they follow the language
of the bake, ``i18n.use``); ``make messages`` extracts them with Jinja2's Babel extractor (babel.cfg)."""

from __future__ import annotations

import hashlib
import json
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from koperasi_data import fmt, i18n, schema, views
from koperasi_data.i18n import _

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def environment() -> jinja2.Environment:
    """The Jinja environment of the site: every value escaped, undefined names an error."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(
        ["html", "xml"], default_for_string=True), undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, extensions=["jinja2.ext.i18n"])
    # Old-style gettext: ``_("...")`` returns the translation (escaped like any value), no %-formatting.
    env.install_gettext_callables(gettext=i18n._, ngettext=lambda one, many, n: i18n._(one if n == 1 else many),
                                  newstyle=False)
    env.filters["label"] = schema.label
    return env


def stable_json(value, indent: int | None = None) -> str:
    """JSON with sorted keys and no spacing noise: the same value always gives the same text."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=separators, indent=indent)


def figure_spec(figure: go.Figure) -> dict:
    """The figure as plain JSON data (data, layout), through plotly's own encoder, with no trace uids."""
    spec = json.loads(pio.to_json(figure, validate=False))
    for trace in spec.get("data", []):
        trace.pop("uid", None)
    return {"data": spec.get("data", []), "layout": spec.get("layout", {})}


def script_json(value) -> str:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' that could end the element."""
    text = stable_json(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Table:
    """A frame as the page shows it: column titles, formatted cells, which columns are numbers."""

    columns: list[str]
    numeric: list[bool]
    rows: list[list[Cell]]
    total: int | None = None  # rows of the whole table, when ``rows`` holds only the first of them
    note: str | None = None  # 'Menampilkan 1.000 dari 128.700 baris; …' then

    @property
    def count(self) -> int:
        return len(self.rows) if self.total is None else self.total


def table(display: pd.DataFrame, numeric=(), links=()) -> Table:
    """A display table (``views.display_table``: Indonesian titles, cells already written) for the template."""
    rows = []
    for record in display.itertuples(index=False):
        cells = []
        for column, value in zip(display.columns, record):
            if column in links and isinstance(value, str) and value.startswith(("https://", "http://")):
                cells.append(Cell(_("buka sumber"), value))
            elif value is None or (not isinstance(value, str) and pd.isna(value)):
                cells.append(Cell(fmt.MISSING))
            else:
                cells.append(Cell(str(value)))
        rows.append(cells)
    return Table([str(c) for c in display.columns], [c in numeric for c in display.columns], rows)


def view_table(built: views.BuiltView) -> Table:
    """The table of a built view as the app shows it."""
    if built.display is None:
        return frame_table(built.table, {"resources": []})
    shown = table(built.display, built.numeric_columns, built.link_columns)
    if built.display_note:
        return dataclasses.replace(shown, total=built.rows, note=built.display_note)
    return shown


def frame_table(frame: pd.DataFrame, descriptor: dict) -> Table:
    """Any frame, written the way the catalogue writes a view's table."""
    return table(*views.display_table(frame, descriptor))


def asset_name(stem: str, suffix: str, content: bytes) -> str:
    """'site-1a2b3c4d.css': the name changes with the content, so a server may cache it for ever."""
    return f"{stem}-{hashlib.sha256(content).hexdigest()[:8]}{suffix}"
