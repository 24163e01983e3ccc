"""Public mode: which instance this is, and that internal columns never reach it."""

from __future__ import annotations

import io
import zipfile

import pytest

from koperasi_data import access, exports, schema

INTERNAL_KOPERASI = ["nama_ketua", "telepon", "catatan_internal"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, access.INTERNAL),
        ({"KOPERASI_MODE": "publik"}, access.PUBLIC),
        ({"KOPERASI_MODE": " PUBLIK "}, access.PUBLIC),
        ({"KOPERASI_MODE": "internal"}, access.INTERNAL),
        ({"KOPERASI_MODE": "public"}, access.INTERNAL),  # only the documented Indonesian word switches it
    ],
)
def test_mode_follows_the_environment(environ, expected):
    assert access.mode(environ) == expected


def test_the_data_package_marks_people_contacts_and_notes_internal(dataset):
    assert access.internal_fields(dataset.descriptor) == {schema.KOPERASI: INTERNAL_KOPERASI}


def test_public_dataset_drops_internal_columns_from_frames_and_descriptor(dataset):
    public = access.public_dataset(dataset)
    assert not set(INTERNAL_KOPERASI) & set(public[schema.KOPERASI].columns)
    assert access.internal_fields(public.descriptor) == {}
    # Everything else is untouched.
    assert list(public[schema.KOPERASI].columns) == [
        c for c in dataset[schema.KOPERASI].columns if c not in INTERNAL_KOPERASI]
    assert len(public[schema.KOPERASI]) == 585
    assert public[schema.CERTIFICATION].equals(dataset[schema.CERTIFICATION])


def test_public_dataset_leaves_the_original_alone(dataset):
    access.public_dataset(dataset)
    assert "telepon" in dataset[schema.KOPERASI].columns
    assert access.internal_fields(dataset.descriptor)


def test_the_public_zip_holds_no_contact_details(dataset):
    public = access.public_dataset(dataset)
    archive = exports.package_files_zip(exports.package_files(public, "csv"))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        text = b"".join(opened.read(name) for name in opened.namelist()).decode("utf-8")
    assert "0324-ILUSTRASI" not in text and "Ketua Ilustrasi" not in text
    assert "telepon" not in text
