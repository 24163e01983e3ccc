"""Kelola Data: the form with which the office adds or corrects a published figure (a new audited version)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from koperasi_data import fmt, published, schema
from koperasi_data import store as store_module
from koperasi_data.load import Dataset
from koperasi_data.ui import store, table

NEW = "Angka baru"


def _indicator_label(indicators: pd.DataFrame):
    labels = dict(zip(indicators["kode"], indicators["label"] + " (" + indicators["satuan"] + ")"))
    return lambda kode: f"{labels.get(kode, kode)} · {kode}"


def _area_options(dataset: Dataset) -> dict[str, str]:
    kecamatan = dataset[schema.KECAMATAN]
    return {schema.REGENCY_CODE: schema.REGENCY_NAME,
            **{k: f"Kecamatan {n}" for k, n in zip(kecamatan["kode"], kecamatan["nama"])},
            **schema.OTHER_AREAS}


def published_value_form(dataset: Dataset, user: str, current_id: int) -> None:
    """Add a published value, or correct one (the old one stays, flagged), checked like data/nilai_indikator.csv."""
    values = dataset[schema.VALUES]
    indicators = dataset[schema.INDICATORS]
    ids = sorted(values["id"])
    corrects = st.selectbox("Yang dicatat", [NEW, *ids], key="angka_koreksi",
                            help="Pilih id angka untuk mengoreksinya: angka lama tetap tersimpan dan ditandai.")
    base = values.set_index("id").loc[corrects] if corrects != NEW else None

    def default(column, fallback=""):
        if base is None or pd.isna(base[column]):
            return fallback
        return base[column]

    areas = _area_options(dataset)
    codes = list(indicators["kode"])
    with st.form("angka_terbit", clear_on_submit=False):
        left, right = st.columns(2)
        kode = left.selectbox("Indikator", codes, index=codes.index(default("kode_indikator", codes[0])),
                              format_func=_indicator_label(indicators), key="angka_indikator")
        periode = right.text_input("Periode acuan (TTTT, TTTT-BB atau TTTT-BB-HH)", value=default("periode"),
                                   key="angka_periode")
        nilai = left.number_input("Nilai (dalam satuan indikator)", min_value=0.0, step=1.0, format="%.2f",
                                  value=float(default("nilai", 0.0)), key="angka_nilai")
        presisi = right.selectbox("Presisi", list(schema.PRESISI), format_func=schema.label,
                                  index=list(schema.PRESISI).index(default("presisi", "tepat")), key="angka_presisi",
                                  help="Sekitar/hampir/lebih dari: kata itu selalu ikut ditampilkan.")
        wilayah = left.selectbox("Wilayah", list(areas), format_func=areas.get,
                                 index=list(areas).index(default("kode_wilayah", schema.REGENCY_CODE)),
                                 key="angka_wilayah")
        desa = right.text_input("Desa (untuk angka tingkat desa)", value=default("desa"), key="angka_desa")
        penerbit = left.text_input("Penerbit", value=default("penerbit"), key="angka_penerbit")
        url = right.text_input("Tautan sumber", value=default("url"), key="angka_url")
        terbit = left.date_input("Tanggal terbit", value=None, format="DD/MM/YYYY", key="angka_terbit")
        status = right.selectbox("Status", list(schema.STATUS_DATA), format_func=schema.label, key="angka_status")
        catatan = st.text_area("Catatan (wajib untuk angka ditandai; rumus untuk angka turunan)", key="angka_catatan")
        submitted = st.form_submit_button("Simpan sebagai versi baru", type="primary", icon=":material/add_chart:")
    if not submitted:
        return
    fields = {"kode_indikator": kode, "periode": periode, "nilai": nilai, "presisi": presisi, "kode_wilayah": wilayah,
              "desa": desa, "penerbit": penerbit, "url": url, "tanggal_terbit": terbit, "status": status,
              "catatan": catatan}
    today = dt.datetime.now(fmt.WIB).date()
    entry = published.check(fields, values, indicators, dataset[schema.KECAMATAN], dataset.descriptor, today,
                            corrects=None if corrects == NEW else corrects)
    if entry.problems:
        st.error(f"Angka tidak disimpan: {fmt.number(len(entry.problems))} masalah. Data yang dipakai tidak berubah.",
                 icon=":material/error:")
        st.markdown("\n".join(f"- kolom **{p.column}**: {p.message}" for p in entry.problems))
        return
    added = published.with_row(store().added_values(current_id), entry.row, dataset.descriptor)
    what = f"angka terbit: {'tambah' if corrects == NEW else 'koreksi ' + corrects} {entry.row['id']}"
    try:
        created = store().record_values(added, user_name=user, what=what, note=catatan,
                                        expected_current=current_id)
    except store_module.StaleVersion:
        st.warning("Sementara Anda mengisi, pengguna lain sudah menyimpan versi baru. Periksa lalu simpan lagi.",
                   icon=":material/sync_problem:")
        return
    message = f"Versi #{created.id}: {entry.row['id']} disimpan ({schema.label(entry.row['status'])})."
    if entry.conflicts:
        message += f" Bertentangan dengan {', '.join(entry.conflicts)}: keduanya disimpan dan ditandai."
    st.session_state["_hasil_angka"] = message
    st.rerun()


def added_values_table(dataset: Dataset, current_id: int) -> None:
    """The published values the office entered so far (current version), and the last save's outcome."""
    if "_hasil_angka" in st.session_state:
        st.success(st.session_state.pop("_hasil_angka"), icon=":material/task_alt:")
    added = store().added_values(current_id)
    if added.empty:
        st.caption("Belum ada angka terbit yang ditambahkan Dinas; semua angka berasal dari data bawaan.")
        return
    shown = added[["id", "periode", "nilai", "presisi", "kode_wilayah", "desa", "penerbit", "url", "status", "catatan"]]
    table(shown, dataset, "angka-dinas", "angka yang ditambahkan Dinas")
