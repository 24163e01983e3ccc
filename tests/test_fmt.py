"""Indonesian formatting: what a reader sees for numbers, shares, money, dates and periods."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from koperasi_data import fmt

MISSING_VALUES = [None, float("nan"), pd.NA, pd.NaT]


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (257481, 0, "257.481"),
        (195554, 0, "195.554"),
        (1_000_000, 0, "1.000.000"),
        (585, 0, "585"),
        (0, 0, "0"),
        (-1234, 0, "-1.234"),
        (1.32, 2, "1,32"),
        (1234.567, 2, "1.234,57"),
        (18.0, 1, "18,0"),
        (257481, 2, "257.481,00"),
    ],
)
def test_number_groups_thousands_with_dots_and_uses_a_decimal_comma(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (96.239, 1, "96,2 %"),
        (56.13, 1, "56,1 %"),
        (100, 1, "100,0 %"),
        (0, 1, "0,0 %"),
        (33.333, 0, "33 %"),
        (0.04, 2, "0,04 %"),
    ],
)
def test_percent_shows_a_0_to_100_share_with_comma_and_spaced_sign(value, decimals, expected):
    assert fmt.percent(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.5e9, "Rp1,5 miliar"),
        (2_300_000, "Rp2,3 juta"),
        (1_000_000, "Rp1 juta"),
        (2.5e12, "Rp2,5 triliun"),
        (999_999, "Rp999.999"),
        (750_000, "Rp750.000"),
        (12_500, "Rp12.500"),
        (0, "Rp0"),
    ],
)
def test_rupiah_is_short_from_a_million_and_grouped_below(value, expected):
    assert fmt.rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-07-12", "12 Juli 2016"),
        (dt.date(2016, 7, 12), "12 Juli 2016"),
        (dt.date(2024, 1, 1), "1 Januari 2024"),
        ("2017-12-31", "31 Desember 2017"),
        (pd.Timestamp("2024-05-13"), "13 Mei 2024"),
    ],
)
def test_date_reads_day_month_name_year_in_indonesian(value, expected):
    assert fmt.date(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-07-12", "12 Juli 2016"),
        ("2020-07", "Juli 2020"),
        ("2024-05", "Mei 2024"),
        ("2023", "2023"),
        ("", "tahun tidak disebutkan"),
        (None, "tahun tidak disebutkan"),
        (float("nan"), "tahun tidak disebutkan"),
        (pd.NA, "tahun tidak disebutkan"),
    ],
)
def test_period_is_exactly_as_precise_as_the_source_stated(value, expected):
    assert fmt.period(value) == expected


@pytest.mark.parametrize("function", [fmt.number, fmt.percent, fmt.rupiah, fmt.date])
@pytest.mark.parametrize("value", MISSING_VALUES, ids=["None", "nan", "pd.NA", "pd.NaT"])
def test_missing_value_is_shown_as_a_dash(function, value):
    # pd.NA and pd.NaT are what the loaded Int64, Float64 and date columns hold for an empty cell.
    assert function(value) == "–"


def test_empty_date_string_is_shown_as_a_dash():
    assert fmt.date("") == "–"


def test_plotly_separators_agree_with_the_number_format():
    decimal_mark, group_mark = fmt.number(1234.5, 1)[-2], fmt.number(1234.5, 1)[1]
    assert fmt.PLOTLY_SEPARATORS == decimal_mark + group_mark


@pytest.mark.parametrize(("value", "presisi", "unit", "expected"), [
    (500, "sekitar", "koperasi", "sekitar 500"),
    (50, "hampir", "persen", "hampir 50 %"),
    (33000, "lebih_dari", "pelaku usaha", "lebih dari 33.000"),
    (50_000_000, "tepat", "rupiah", "Rp50 juta"),
    (19_536_884, None, "rupiah", "Rp19,5 juta"),
    (195_510, "tepat", "pelaku usaha", "195.510"),
])
def test_a_published_value_is_written_with_the_word_its_source_used(value, presisi, unit, expected):
    assert fmt.published(value, presisi, unit) == expected
