"""The deck as data: one message per slide, the year's figures, a source on every slide."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from koperasi_data import schema, slides


@pytest.fixture(scope="module")
def deck_2016(dataset, values):
    return slides.deck(dataset, values, 2016)


def by_key(deck, key):
    return next(s for s in deck if s.key == key)


def test_2016_deck_runs_in_presentation_order(deck_2016):
    assert [s.key for s in deck_2016] == ["judul", "koperasi", "tren", "koperasi-kecamatan", "sertifikasi", "umkm",
                                         "umkm-kecamatan", "kemitraan", "berikutnya"]


def test_other_years_leave_out_the_2016_register_slides(dataset, values):
    keys = [s.key for s in slides.deck(dataset, values, 2024)]
    assert keys == ["judul", "koperasi", "tren", "sertifikasi", "umkm", "kemitraan", "berikutnya"]


@pytest.mark.parametrize("year,title,date", [
    (2016, "Koperasi dan UMKM Kabupaten Pamekasan 2016", "Hari Koperasi, 12 Juli 2016"),
    (2024, "Koperasi dan UMKM Kabupaten Pamekasan 2024", "Hari Koperasi, 12 Juli 2024"),
])
def test_title_slide_names_the_year_and_hari_koperasi(dataset, values, year, title, date):
    slide = slides.title_slide(dataset, values, year)
    assert slide.title == title
    assert slide.subtitle.startswith(date)


@pytest.mark.parametrize("year,as_of", [(2016, "Angka koperasi per 12 Juli 2016"), (2024, "Angka koperasi per Mei 2024"),
                                        (2017, "Belum ada angka koperasi yang terbit untuk 2017"),
                                        (2025, "Angka koperasi terakhir yang terbit: per Mei 2024")])
def test_title_slide_says_when_the_figures_are_from(dataset, values, year, as_of):
    assert slides.title_slide(dataset, values, year).bullets == (as_of,)


@pytest.mark.parametrize("year,title,numbers,statuses", [
    (2016, "563 dari 585 koperasi aktif (96,2 %)", ["585", "563", "22"], ["resmi", "resmi", "resmi"]),
    (2020, "369 dari 667 koperasi aktif (55,3 %)", ["667", "369", "298"], ["resmi", "resmi", "resmi"]),
    (2024, "444 dari 791 koperasi aktif (56,1 %)", ["791", "444", "347"], ["resmi", "turunan", "resmi"]),
])
def test_koperasi_slide_shows_total_active_inactive(values, year, title, numbers, statuses):
    slide = slides.koperasi_slide(values, year)
    assert slide.kind == slides.BIG_NUMBERS
    assert slide.title == title
    assert [n.value for n in slide.numbers] == numbers
    assert [n.status for n in slide.numbers] == statuses


def test_derived_figure_is_labelled_on_the_slide_and_explained_in_the_notes(values):
    slide = slides.koperasi_slide(values, 2024)
    assert "Turunan" in slide.source
    assert any("aktif = jumlah − tidak aktif" in note for note in slide.notes)


def test_a_year_after_the_last_count_shows_the_latest_published_one_and_says_so(values):
    slide = slides.koperasi_slide(values, 2026)
    assert [n.value for n in slide.numbers] == ["791", "444", "347"]
    assert slide.subtitle.startswith("Angka terakhir yang terbit: 2024 (belum ada angka 2026).")


def test_the_latest_deck_has_the_merah_putih_slide_with_its_sources(dataset, values):
    slide = by_key(slides.deck(dataset, values, 2026), "kopdes")
    assert slide.title == "Koperasi Merah Putih: 189 diluncurkan, baru 7 yang berjalan"
    assert [n.value for n in slide.numbers] == ["189", "7", "2"]
    assert "13 titik gedung gerai belum dibangun" in slide.subtitle and "belum dipublikasikan" in slide.subtitle
    assert any("https://klikmadura.com/" in note for note in slide.notes)
    assert "kopdes" not in [s.key for s in slides.deck(dataset, values, 2024)]


def test_next_steps_of_the_latest_deck_draw_on_the_newest_plans(dataset, values):
    slide = by_key(slides.deck(dataset, values, 2026), "berikutnya")
    assert slide.title.startswith("Langkah berikutnya: 13 titik gedung gerai Koperasi Merah Putih menunggu lahan")


@pytest.mark.parametrize("year", [2017])
def test_year_without_cooperative_figures_gets_an_empty_state_text(values, year):
    slide = slides.koperasi_slide(values, year)
    assert slide.kind == slides.TEXT
    assert not slide.numbers
    assert f"Belum ada angka koperasi yang terbit untuk tahun {year}" in slide.bullets[0]


def test_umkm_slide_2016_shows_units_workers_and_workers_per_unit(values):
    slide = slides.umkm_slide(values, 2016)
    assert slide.title == "195.554 UMKM mempekerjakan 257.481 orang"
    assert [(n.label, n.value) for n in slide.numbers] == [
        ("Unit UMKM tercatat", "195.554"), ("Tenaga kerja UMKM", "257.481"), ("Tenaga kerja per unit", "1,32")]


def test_umkm_slide_falls_back_to_the_other_published_count_of_the_year(values):
    slide = slides.umkm_slide(values, 2024)
    assert [(n.label, n.value) for n in slide.numbers] == [("UMKM ber-NIB", "lebih dari 33.000")]


def test_every_slide_of_every_year_names_a_source_and_notes_each_figure(dataset, values):
    for year in (2016, 2019, 2020, 2024, 2025):
        for slide in slides.deck(dataset, values, year):
            assert slide.source.startswith("Sumber:"), (year, slide.key)
            assert slide.title and "<br>" not in slide.title
            for number in slide.numbers:
                if number.value != "–":
                    # Notes are read out: the no-break space of "Rp4,4 miliar" is a plain one there.
                    value = number.value.replace("\u00a0", " ")
                    assert any(value in note and number.source in note for note in slide.notes)


def test_chart_slides_on_the_register_say_they_are_illustrative(deck_2016):
    flagged = {s.key for s in deck_2016 if s.illustrative}
    assert flagged == {"koperasi-kecamatan", "sertifikasi", "umkm-kecamatan", "kemitraan"}
    for slide in deck_2016:
        if slide.illustrative:
            assert "Data ilustratif" in slide.source or slide.source.endswith("Status: Ilustratif")
            assert any("Ilustratif" in note for note in slide.notes)


def test_trend_notes_give_publisher_date_url_and_status_for_every_point(deck_2016):
    notes = by_key(deck_2016, "tren").notes
    assert ("Koperasi aktif 2016: 563 (Antara Jatim, 12 Juli 2016, https://jatim.antaranews.com/berita/180677/"
            "diskop-pamekasan-dorong-penguatan-peran-koperasi-melalui-kemitraan; status Resmi)") in notes
    assert any(note.startswith("Koperasi aktif 2024: 444") and "status Turunan" in note for note in notes)


def test_partnership_slide_has_the_three_obstacles_and_their_partners(deck_2016):
    slide = by_key(deck_2016, "kemitraan")
    headings = [n.heading for n in slide.numbers]
    assert headings == ["Modal usaha → BPN; Pegadaian dan bank",
                        "SDM → STAIN Pamekasan (Fakultas Syariah, Perbankan Syariah)",
                        "Jaringan → UMKM binaan Dinas"]
    # The same figures as the Kemitraan page, from the partnership register while it is illustrative.
    # "Rp4,4 miliar" stays one figure: a no-break space keeps "miliar" with it wherever the line breaks.
    assert [n.value for n in slide.numbers] == ["Rp4,4\u00a0miliar", "399", "2.194"]
    assert slide.numbers[0].label.startswith("pinjaman diperoleh")
    # The speaker reads the figure whole.
    assert slide.notes[0].startswith("Modal usaha → BPN; Pegadaian dan bank: pinjaman diperoleh dengan agunan")
    assert ": Rp4,4 miliar (Pinjaman koperasi" in slide.notes[0]
    assert [n.status for n in slide.numbers] == [schema.ILUSTRATIF] * 3


@pytest.mark.parametrize("year,title,values_shown", [
    (2016, "Langkah berikutnya: 22 koperasi tidak aktif diusulkan untuk dibubarkan", ["22"]),
    (2024, "Langkah berikutnya: 347 koperasi tidak aktif akan diupayakan aktif kembali",
     ["347", "2.700", "2.000", "Rp50 juta"]),
])
def test_next_steps_come_from_published_plans_for_the_year_and_the_next(values, year, title, values_shown):
    slide = slides.next_steps_slide(values, year)
    assert slide.title == title
    assert [n.value for n in slide.numbers] == values_shown


def test_shat_targets_name_the_day_they_were_announced(values):
    slide = slides.next_steps_slide(values, 2024)
    assert slide.numbers[1].heading == "Sasaran 2025"
    assert slide.numbers[1].source == "Kabar Madura, diumumkan 13 November 2024"


def test_next_steps_without_published_plans_say_so(values):
    slide = slides.next_steps_slide(values, 2020)
    assert slide.kind == slides.TEXT
    assert "Belum ada usulan atau target Dinas untuk 2020 atau 2021 yang terbit" in slide.bullets[0]


def test_projector_figure_enlarges_type_and_leaves_the_original_alone(deck_2016):
    chart = by_key(deck_2016, "tren").chart
    big = slides.projector_figure(chart.figure, font_size=24)
    assert big.layout.font.size == 24
    assert big.layout.height is None
    assert chart.figure.layout.font.size is None and chart.figure.layout.height == 460


def imported(dataset, resource: str, as_of: str):
    """The dataset as it is after the office imported its own ``resource`` describing ``as_of``."""
    descriptor = copy.deepcopy(dataset.descriptor)
    for spec in descriptor["resources"]:
        if spec["name"] == resource:
            spec.update(ilustratif=False, keadaan=as_of, title="Register koperasi Dinas")
    return dataclasses.replace(dataset, descriptor=descriptor)


def test_after_an_import_the_register_slide_follows_its_date_and_drops_the_illustrative_label(dataset, values):
    real = imported(dataset, schema.KOPERASI, "2026-11-01")
    assert "koperasi-kecamatan" not in [s.key for s in slides.deck(real, values, 2016)]
    slide = next(s for s in slides.deck(real, values, 2026) if s.key == "koperasi-kecamatan")
    assert not slide.illustrative
    assert slide.source.startswith("Sumber: Register koperasi Dinas, keadaan 1 November 2026")
    assert "ilustratif" not in slide.source.lower() and "Status Resmi" in slide.notes[0]


def test_an_amount_keeps_its_scale_word_on_the_figures_line_at_half_size(deck_2016):
    html = slides.slide_body_html(by_key(deck_2016, "kemitraan"))
    assert 'Rp4,4<span class="number-scale" style="font-size:0.5em">&nbsp;miliar</span>' in html
    # Sized as "Rp4,4" plus a half-size word: the figure stays as large as a three-digit figure allows.
    assert slides.value_font_css(["Rp4,4\u00a0miliar", "399", "2.194"]) == "min(24vh, calc(86vw / 16.83))"


def test_on_a_phone_the_figures_stand_one_under_another_sized_for_the_widest(deck_2016):
    html = slides.slide_body_html(by_key(deck_2016, "kemitraan"))
    # One column: the widest figure ("Rp4,4" and a half-size "miliar") fits 78 % of the screen's width.
    assert "--narrow-size: min(72px, calc(78vw / 5.61))" in html
    assert slides.narrow_value_font_css(["585", "563", "22"]) == "min(72px, calc(78vw / 1.98))"


def test_phone_chart_keeps_the_funnel_stage_text_inside_its_bar(deck_2016):
    figure = by_key(deck_2016, "sertifikasi").chart.figure
    phone = slides.phone_figure(figure)
    assert [t.textposition for t in phone.data] == ["inside"]
    assert [t.textposition for t in figure.data] == ["auto"]  # the dashboard's own figure is left as it was
    assert phone.layout.height == figure.layout.height and phone.layout.font == figure.layout.font
