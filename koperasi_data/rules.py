"""A field's constraints in Indonesian: one wording for the data dictionary, the template and the checks.

The constraints themselves live in ``datapackage.json``; this module only says them. The same
words name a rule where it is stated (``rule_text``: "wajib diisi; batas bawah 0") and where it
is broken (``broken_rule``: "-3 lebih kecil dari batas bawah 0"), so what a clerk reads in the
template's Petunjuk sheet is what an import tells them when a cell breaks it.
"""

from __future__ import annotations

import re

from koperasi_data.i18n import N_, _

# What each type of cell must hold, as a person would say it.
TYPE_NAMES = {
    "integer": N_("bilangan bulat"),
    "number": N_("angka"),
    "date": N_("tanggal berformat TTTT-BB-HH"),
    "string": N_("teks"),
}

# One phrase per constraint, in the order a rule is stated.
REQUIRED = N_("wajib diisi")
UNIQUE = N_("harus unik")
ALLOWED = N_("nilai yang diizinkan")
MINIMUM = N_("batas bawah")
MAXIMUM = N_("batas atas")
PATTERN = N_("format")
# More allowed values than this are cut short with "…" where space is short (a cell comment).
SHORT_LIST = 15


def type_name(kind: str) -> str:
    """The Indonesian name of a Frictionless field type ('integer' -> 'bilangan bulat')."""
    return _(TYPE_NAMES[kind]) if kind in TYPE_NAMES else kind


def rule_parts(field: dict, choices: list[str] | None = None, *, with_required: bool = True,
               short: bool = False) -> list[str]:
    """Each constraint of a Frictionless field descriptor as a phrase: wajib, unik, allowed values, bounds, format.

    ``choices`` replaces the allowed values (a column whose values come from another table, such
    as kecamatan names); ``short`` cuts a long list after ``SHORT_LIST`` values.
    """
    constraints = field.get("constraints", {})
    values = [str(v) for v in (choices if choices is not None else constraints.get("enum", []))]
    if short and len(values) > SHORT_LIST:
        values = values[:SHORT_LIST] + ["…"]
    parts = []
    if with_required and constraints.get("required"):
        parts.append(_(REQUIRED))
    if constraints.get("unique"):
        parts.append(_(UNIQUE))
    if values:
        parts.append(f"{_(ALLOWED)}: {', '.join(values)}")
    if "minimum" in constraints:
        parts.append(f"{_(MINIMUM)} {constraints['minimum']}")
    if "maximum" in constraints:
        parts.append(f"{_(MAXIMUM)} {constraints['maximum']}")
    if "pattern" in constraints:
        parts.append(f"{_(PATTERN)} {constraints['pattern']}")
    return parts


def rule_text(field: dict, choices: list[str] | None = None, *, with_required: bool = True,
              short: bool = False) -> str:
    """The rules of a field in one line: 'wajib diisi; batas bawah 1945; batas atas 2100' ('' when none)."""
    return "; ".join(rule_parts(field, choices, with_required=with_required, short=short))


def broken_rule(name: str, limit: str, cell) -> str:
    """Why a cell breaks the constraint ``name`` of limit ``limit`` (as Frictionless reports it), in the same words."""
    if name == "required":
        return REQUIRED
    if name == "enum":
        allowed = ", ".join(_quoted(limit))
        return f"'{cell}' tidak termasuk {ALLOWED} ({allowed})"
    if name == "minimum":
        return f"{cell} lebih kecil dari {MINIMUM} {limit}"
    if name == "maximum":
        return f"{cell} lebih besar dari {MAXIMUM} {limit}"
    if name == "pattern":
        return f"'{cell}' tidak sesuai {PATTERN} yang diminta"
    if name == "unique":
        return f"'{cell}' muncul lebih dari sekali; nilai kolom ini {UNIQUE}"
    return f"nilai '{cell}' melanggar aturan {name} ({limit})"


def _quoted(limit: str) -> list[str]:
    """The values of a list as Frictionless writes it in a note: "['a', 'b']" -> ['a', 'b']."""
    return re.findall(r"'([^']*)'", limit)
