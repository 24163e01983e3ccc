"""Who sees what: the public instance versus the office's internal one.

The same app serves both. ``KOPERASI_MODE=publik`` starts the public instance: the
admin page is not registered at all, every column the data package marks
``"internal": true`` (people, contact details, internal notes) is dropped from the
dataset before any page, table or download sees it, and so are the importing user's
name and the uploaded file's name.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Mapping

from koperasi_data.load import Dataset, tabular_resources

MODE_VARIABLE = "KOPERASI_MODE"
PUBLIC = "publik"
INTERNAL = "internal"


def mode(environ: Mapping[str, str] = os.environ) -> str:
    """``publik`` or ``internal``; anything but ``publik`` (any case) is the internal instance."""
    return PUBLIC if environ.get(MODE_VARIABLE, "").strip().lower() == PUBLIC else INTERNAL


def is_public(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether this process serves the public instance."""
    return mode(environ) == PUBLIC


def internal_fields(descriptor: dict) -> dict[str, list[str]]:
    """Per resource, the fields the data package marks internal (never shown to the public)."""
    found = {}
    for resource in tabular_resources(descriptor):
        names = [f["name"] for f in resource["schema"]["fields"] if f.get("internal")]
        if names:
            found[resource["name"]] = names
    return found


def public_descriptor(descriptor: dict) -> dict:
    """A copy of the descriptor without its internal fields."""
    result = copy.deepcopy(descriptor)
    for resource in tabular_resources(result):
        resource["schema"]["fields"] = [f for f in resource["schema"]["fields"] if not f.get("internal")]
    return result


def public_dataset(dataset: Dataset) -> Dataset:
    """The dataset as the public may see it: internal columns gone from frames and descriptor."""
    hidden = internal_fields(dataset.descriptor)
    tables = {
        name: frame.drop(columns=[c for c in hidden.get(name, []) if c in frame.columns])
        for name, frame in dataset.tables.items()
    }
    # Who imported and from which file is the office's business: the public sees the version and its date.
    info = dataset.version_info
    if info is not None:
        info = dataclasses.replace(info, user_name="", file_name="", file_sha256="", note="")
    # Its own version key, so no cache can hand the internal dataset to the public page or back.
    return dataclasses.replace(dataset, descriptor=public_descriptor(dataset.descriptor), tables=tables,
                               version=f"{dataset.version}-{PUBLIC}", version_info=info)
