"""The Excel workbook the office fills in (and the `export xlsx` format): bytes out, nothing else.

One sheet per register resource under the Indonesian field titles of ``datapackage.json``,
dropdowns for every coded column and for kecamatan (lists on a hidden "Daftar" sheet), a frozen
styled header, and a first sheet "Petunjuk" that explains the rules ``ingest.prepare`` applies.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from koperasi_data import fmt, ingest, rules, schema
from koperasi_data.exports import FORMULA_PREFIXES, workbook_text
from koperasi_data.load import Dataset, resource_descriptor

INSTRUCTIONS_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"
# Dropdowns reach this many rows below the data, so new rows get them too.
SPARE_ROWS = 1000
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
MIN_WIDTH, MAX_WIDTH = 10, 45


def dropdown_lists(dataset: Dataset, resource: str) -> dict[str, list[str]]:
    """Per field of a register resource, the values its dropdown offers: the field's allowed values,
    or the names of the curated table it refers to (kecamatan)."""
    spec = resource_descriptor(dataset.descriptor, resource)["schema"]
    lists = {}
    for key in spec.get("foreignKeys", []):
        target = key["reference"]["resource"]
        if target not in schema.REGISTER_RESOURCES and len(key["fields"]) == 1 and target in dataset.tables:
            lists[key["fields"][0]] = [str(v) for v in dataset[target][key["reference"]["fields"][0]].dropna()]
    for field in spec["fields"]:
        if "enum" in field.get("constraints", {}):
            lists[field["name"]] = [str(v) for v in field["constraints"]["enum"]]
    return {f["name"]: lists[f["name"]] for f in spec["fields"] if f["name"] in lists}


def _cell_value(value, kind: str):
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind == "date":
        return pd.Timestamp(value).date()
    if kind == "integer":
        return int(value)
    if kind == "number":
        return float(value)
    return str(value)


def _write_text(cell, value) -> None:
    """A text cell that stays text: never a formula, even when it begins with = + - @."""
    value = workbook_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_PREFIXES):
            cell.quotePrefix = True


# Excel's serial numbers of 1 January 1900 and 31 December 2100 (ingest.DATE_RANGE).
FIRST_DATE_SERIAL, LAST_DATE_SERIAL = 1, 73415
DATE_FORMAT = "DD/MM/YYYY"


def _date_column(sheet, position: int, title: str, last_row: int) -> None:
    """Date cells shown day first, and a validation that takes dates only: a spreadsheet set to an English
    locale then shows 07/12/2016 for a typed 12/07/2016 that it read month first, instead of silently
    swapping day and month, and text that is not a date is refused as it is typed."""
    letter = get_column_letter(position)
    # The column's own style covers the rows still to be typed; written cells get it too.
    sheet.column_dimensions[letter].number_format = DATE_FORMAT
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=position).number_format = DATE_FORMAT
    validation = DataValidation(
        type="date", operator="between", formula1=str(FIRST_DATE_SERIAL), formula2=str(LAST_DATE_SERIAL),
        allow_blank=True, showErrorMessage=True, errorStyle="stop", errorTitle="Bukan tanggal",
        error="Isi tanggal HH/BB/TTTT, misalnya 12/07/2016 untuk 12 Juli 2016 (tahun 1900-2100).",
        showInputMessage=True, promptTitle=title[:32], prompt="Tanggal HH/BB/TTTT, mis. 12/07/2016.")
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _rule_text(field: dict, choices: list[str] | None) -> str:
    # Whether a column is required is said on its own (the "Wajib" column, "Wajib diisi." in the comment).
    return rules.rule_text(field, choices, with_required=False, short=True)


def _register_sheet(workbook: Workbook, dataset: Dataset, resource: str, with_rows: bool,
                    list_ranges: dict[tuple[str, str], str]) -> None:
    spec = resource_descriptor(dataset.descriptor, resource)
    fields = spec["schema"]["fields"]
    sheet = workbook.create_sheet(schema.REGISTER_SHEETS[resource])
    lists = dropdown_lists(dataset, resource)
    for position, field in enumerate(fields, start=1):
        cell = sheet.cell(row=1, column=position, value=field.get("title", field["name"]))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        required = "Wajib diisi. " if field.get("constraints", {}).get("required") else "Boleh kosong. "
        note = f"{required}{field.get('description', '')} {_rule_text(field, lists.get(field['name']))}".strip()
        cell.comment = Comment(note, "Dinas Koperasi dan UKM", width=320, height=140)
    frame = dataset[resource] if with_rows else dataset[resource].iloc[0:0]
    kinds = {f["name"]: f["type"] for f in fields}
    names = [f["name"] for f in fields if f["name"] in frame.columns]
    positions = {f["name"]: i for i, f in enumerate(fields, start=1)}
    for row_number, values in enumerate(frame[names].itertuples(index=False, name=None), start=2):
        for name, value in zip(names, values):
            cell = sheet.cell(row=row_number, column=positions[name])
            _write_text(cell, _cell_value(value, kinds[name]))
    last_row = len(frame) + 1 + SPARE_ROWS
    for name in [f["name"] for f in fields if f["type"] == "date"]:
        _date_column(sheet, positions[name], fields[positions[name] - 1].get("title", name), last_row)
    for name in lists:
        letter = get_column_letter(positions[name])
        title = fields[positions[name] - 1].get("title", name)
        validation = DataValidation(
            type="list", formula1=list_ranges[(resource, name)], allow_blank=True, showDropDown=False,
            showErrorMessage=True, errorStyle="stop", errorTitle="Nilai tidak diizinkan",
            error=f"Pilih {title.lower()} dari daftar.", showInputMessage=True, promptTitle=title[:32],
            prompt="Pilih dari daftar.")
        validation.add(f"{letter}2:{letter}{last_row}")
        sheet.add_data_validation(validation)
    for position, field in enumerate(fields, start=1):
        sample = [str(v) for v in frame[field["name"]].head(200).dropna()] if field["name"] in frame else []
        sample += lists.get(field["name"], [])
        longest = max([len(field.get("title", field["name"])) + 2] + [len(s) for s in sample])
        sheet.column_dimensions[get_column_letter(position)].width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{max(len(frame) + 1, 2)}"


def _lists_sheet(workbook: Workbook, dataset: Dataset) -> dict[tuple[str, str], str]:
    sheet = workbook.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    ranges = {}
    column = 0
    for resource in schema.REGISTER_RESOURCES:
        for name, values in dropdown_lists(dataset, resource).items():
            column += 1
            letter = get_column_letter(column)
            sheet.cell(row=1, column=column, value=f"{schema.REGISTER_SHEETS[resource]}: {name}")
            for row, value in enumerate(values, start=2):
                _write_text(sheet.cell(row=row, column=column), value)
            ranges[(resource, name)] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def instructions(dataset: Dataset, with_rows: bool) -> list[str]:
    """The numbered rules of the Petunjuk sheet, one paragraph each (what ``ingest.prepare`` accepts)."""
    sheets = ", ".join(schema.REGISTER_SHEETS[r] for r in schema.REGISTER_RESOURCES)
    rules = [
        f"Satu sheet per tabel: {sheets}. Jangan mengganti nama sheet. Baris 1 adalah judul kolom; data "
        "dimulai di baris 2. Sheet Petunjuk dan sheet lain yang namanya tidak dikenal diabaikan.",
        "Mengunggah berkas ini MENGGANTI seluruh isi tabel yang sheet-nya berisi data (bukan menambah baris). "
        "Sheet yang dibiarkan kosong tidak mengubah tabel yang berlaku. Setiap impor disimpan sebagai versi "
        "baru; versi sebelumnya tetap ada dan dapat dikembalikan.",
        "Kolom bertanda wajib (lihat daftar kolom di bawah) harus ada dan terisi di setiap baris. Kolom lain boleh "
        "dikosongkan atau dihapus. Jangan menambah kolom sendiri: judul kolom yang tidak dikenal ditolak, karena "
        "biasanya itu judul yang salah ketik. Judul dikenali tanpa memedulikan huruf besar/kecil, spasi, dan "
        "garis bawah; nama kolom sistem (mis. id_koperasi) juga diterima.",
        "Kolom dengan daftar pilihan (kecamatan, jenis, status, usulan pembubaran, tahap, penggunaan, skala, "
        "sektor): pilih dari daftar. Huruf besar/kecil tidak dipersoalkan, dan label juga diterima "
        "(mis. 'Tidak aktif' untuk tidak_aktif).",
        "Tanggal: kolom tanggal di templat sudah bertipe tanggal dan tampil HH/BB/TTTT (12/07/2016 = 12 Juli "
        "2016); periksa bahwa tanggal yang diketik tampil seperti yang dimaksud. Sebagai tulisan (mis. di CSV) "
        "tanggal ditulis TTTT-BB-HH (2016-07-12), atau HH/BB/TTTT dengan tahun empat angka bila tidak dapat "
        "tertukar; tulisan seperti 07/12/2016, yang dapat berarti 7 Desember atau 12 Juli, ditolak agar tidak "
        "ditebak. Tahun tanggal harus antara 1900 dan 2100.",
        "Angka: kolom bilangan bulat (anggota, tahun, luas, unit usaha, tenaga kerja) tanpa desimal. Titik "
        "sebagai pemisah ribuan diterima (1.234 dibaca 1234), begitu pula desimal nol (12,0 dibaca 12). Pada "
        "kolom desimal, koma adalah tanda desimal (1.234,5 dibaca 1234,5). Angka tidak boleh negatif.",
        "Aturan antar-kolom: koperasi aktif tidak dapat diusulkan untuk dibubarkan; koperasi yang diusulkan atau "
        "dibubarkan wajib memiliki tanggal usulan pembubaran (dan sebaliknya); RAT terakhir tidak sebelum tahun "
        "berdiri dan tidak di masa depan; bidang tanah yang mencapai suatu tahap wajib memiliki tanggal tahap itu "
        "dan tahap-tahap sebelumnya, berurutan; bidang yang ditunda atau ditolak wajib diberi alasan; tenaga kerja "
        "UMKM tidak lebih sedikit dari unit usaha, dan tidak ada tenaga kerja bila unit usaha 0.",
        "Rujukan antar-tabel: ID koperasi di sheet Sertifikasi harus ada di sheet Koperasi yang diunggah (atau, "
        "bila sheet Koperasi tidak diunggah, di register yang berlaku). Bila hanya sheet Koperasi yang diunggah, "
        "setiap koperasi yang memiliki bidang tanah di tabel Sertifikasi yang berlaku harus tetap ada. ID koperasi, "
        "ID bidang, dan gabungan kecamatan-sektor-skala UMKM tidak boleh kembar.",
        "Pesan kesalahan menyebut sheet, nomor baris seperti yang terlihat di Excel (judul = baris 1, data pertama "
        "= baris 2), judul kolom, isi sel, dan alasannya. Semua masalah dilaporkan sekaligus; berkas hanya dapat "
        "diimpor bila tidak ada masalah sama sekali.",
        "Buku kerja ini boleh disimpan sebagai Excel (.xlsx) atau LibreOffice (.ods); format Excel lama (.xls) "
        "tidak diterima. Sel berumus harus disimpan dengan hasilnya (buka dan simpan di Excel/LibreOffice).",
        f"Sebagai ganti buku kerja ini, satu tabel juga dapat diunggah sebagai CSV: UTF-8 (dengan atau tanpa "
        f"BOM), pemisah koma atau titik koma, baris pertama judul kolom. Ukuran berkas paling besar "
        f"{fmt.number(ingest.MAX_BYTES / 1024 / 1024)} MB.",
    ]
    if with_rows:
        note = (f"Berkas ini berisi data versi {dataset.version[:12] or '-'} sebagaimana ditampilkan dasbor pada "
                f"{fmt.date(dt.date.today())}; dapat diubah lalu diunggah kembali.")
        illustrative = [schema.REGISTER_SHEETS[r] for r in schema.REGISTER_RESOURCES if dataset.is_illustrative(r)]
        if illustrative:
            note += f" Sheet {', '.join(illustrative)} berisi DATA ILUSTRATIF, bukan data nyata."
        rules.insert(0, note)
    return rules


def _instructions_sheet(workbook: Workbook, dataset: Dataset, with_rows: bool,
                        lists: dict[str, dict[str, list[str]]]) -> None:
    sheet = workbook.active
    sheet.title = INSTRUCTIONS_SHEET
    sheet.column_dimensions["A"].width = 28
    for letter, width in zip("BCDEF", (22, 12, 24, 45, 60)):
        sheet.column_dimensions[letter].width = width
    sheet["A1"] = "Templat register Dinas Koperasi dan UKM Kabupaten Pamekasan"
    sheet["A1"].font = TITLE_FONT
    row = 3
    for number, rule in enumerate(instructions(dataset, with_rows), start=1):
        sheet.cell(row=row, column=1, value=f"{number}.").alignment = Alignment(vertical="top")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        cell = sheet.cell(row=row, column=2, value=rule)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * (len(rule) // 150 + 1)
        row += 1
    for resource in schema.REGISTER_RESOURCES:
        row += 1
        spec = resource_descriptor(dataset.descriptor, resource)
        sheet.cell(row=row, column=1, value=f"Sheet {schema.REGISTER_SHEETS[resource]}").font = HEADING_FONT
        sheet.cell(row=row, column=2, value=spec.get("title", resource))
        row += 1
        for column, text in enumerate(("Judul kolom", "Nama di sistem", "Wajib", "Isi", "Nilai yang diizinkan",
                                       "Keterangan"), start=1):
            cell = sheet.cell(row=row, column=column, value=text)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        for field in spec["schema"]["fields"]:
            row += 1
            choices = lists[resource].get(field["name"])
            values = [field.get("title", field["name"]), field["name"],
                      "wajib" if field.get("constraints", {}).get("required") else "boleh kosong",
                      rules.type_name(field["type"]) + (f" ({field['unit']})" if "unit" in field else ""),
                      _rule_text(field, choices), field.get("description", "")]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=column)
                _write_text(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def workbook_bytes(dataset: Dataset, with_rows: bool = False) -> bytes:
    """The .xlsx template: Petunjuk, one sheet per register resource, hidden Daftar of dropdown values.

    With ``with_rows`` the sheets hold the dataset's rows (the `export xlsx` format), so an export
    re-imports unchanged.
    """
    workbook = Workbook()
    lists = {resource: dropdown_lists(dataset, resource) for resource in schema.REGISTER_RESOURCES}
    _instructions_sheet(workbook, dataset, with_rows, lists)
    list_ranges = _lists_sheet(workbook, dataset)
    for resource in schema.REGISTER_RESOURCES:
        _register_sheet(workbook, dataset, resource, with_rows, list_ranges)
    # The hidden lists go last so the register sheets follow Petunjuk in the tab bar.
    workbook.move_sheet(LISTS_SHEET, offset=len(workbook.sheetnames))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
