"""One version of the register in the store, and how it is described to a person.

Kept apart from ``store.py`` so that ``load.Dataset`` can carry a version without
importing SQLAlchemy, and so the footer and the command line word it the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from koperasi_data import fmt
from koperasi_data.i18n import _

SEED = "seed"
IMPORT = "import"
ROLLBACK = "rollback"
ACTIONS = (SEED, IMPORT, ROLLBACK)
ACTION_LABELS = {SEED: "data bawaan", IMPORT: "impor", ROLLBACK: "pemulihan"}


@dataclass(frozen=True)
class Version:
    """One version of the register resources with its audit record."""

    id: int
    created_at: dt.datetime  # timezone-aware, UTC
    user_name: str
    action: str
    file_name: str
    file_sha256: str
    row_counts: dict[str, int]
    note: str
    data_date: dt.date
    restored_from: int | None
    is_current: bool
    # Resource name -> SHA-256 of its CSV text: what the version holds.
    contents: dict[str, str] = field(default_factory=dict, compare=False)
    # When its tables were pruned (audit record kept, content deleted; it cannot be restored), else None.
    pruned_at: dt.datetime | None = field(default=None, compare=False)


def describe(version: Version) -> str:
    """'#3 (impor oleh admin, 28 November 2026 10.15 WIB; berkas register_2026.xlsx)' for the footer."""
    when = fmt.datetime_wib(version.created_at)
    if version.action == SEED:
        return _("#{id} data bawaan (sejak {when})").format(id=version.id, when=when)
    by = _(" oleh {user}").format(user=version.user_name) if version.user_name else ""
    if version.action == ROLLBACK:
        return _("#{id} (dikembalikan ke isi versi #{restored}{by}, {when})").format(
            id=version.id, restored=version.restored_from, by=by, when=when)
    source = _("; berkas {file}").format(file=version.file_name) if version.file_name else ""
    return _("#{id} (impor{by}, {when}{source})").format(id=version.id, by=by, when=when, source=source)


def version_line(version: Version) -> str:
    """One line for ``python -m koperasi_data versions``: id first, '*' for the current version."""
    counts = ", ".join(f"{name} {fmt.number(count)}" for name, count in version.row_counts.items())
    action = ACTION_LABELS.get(version.action, version.action)
    if version.action == ROLLBACK:
        action += f" dari #{version.restored_from}"
    parts = [f"{version.id} {'*' if version.is_current else ' '}", fmt.datetime_wib(version.created_at), action,
             version.user_name or fmt.MISSING, version.file_name or fmt.MISSING, counts]
    if version.note:
        parts.append(version.note)
    if version.pruned_at is not None:
        parts.append(f"[dipangkas {fmt.datetime_wib(version.pruned_at)}: isi tabel dihapus, tidak dapat dipulihkan]")
    return "  ".join(parts)
