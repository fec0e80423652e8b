"""The period grammar: reporting frames, phrases normalised to gold period forms, comparison bases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.periods import Frame, default_period, find_periods, normalize

SHARED = Path(__file__).resolve().parents[2] / "shared"
BRIEFINGS = Path(__file__).resolve().parent / "data" / "briefings"
MONTHS = "January February March April May June July August September October November December".split()

# A fourth-quarter review held in January 2024 reports on 2023.
Q4 = Frame(dt.date(2024, 1, 24), 2023, 12)
# A first-quarter release of April 2023.
Q1 = Frame(dt.date(2023, 4, 24), 2023, 3)
# A briefing that names no reporting period.
PLAIN = Frame(dt.date(2024, 9, 24), 2024, None)


@pytest.mark.parametrize("frame, phrase, kind, period", [
    (Q4, "throughout the year", "flow", "2023"),
    (Q4, "in December", "rate", "2023-12"),
    (Q4, "at the end of the year", "stock", "2023"),
    (Q4, "As of the end of 2023", "stock", "2023"),
    (Q4, "by the end of December", "stock", "2023"),
    (Q4, "in 2022", "flow", "2022"),
    (Q4, "at the end of last year", "stock", "2023"),
    (Q1, "as of the end of March", "stock", "2023-03"),
    (Q1, "as of the end of March", "flow", "2023-01/2023-03"),
    (Q1, "in the first quarter", "flow", "2023-01/2023-03"),
    (Q1, "at the end of the first quarter", "stock", "2023-03"),
    (Q1, "in the first two months", "flow", "2023-01/2023-02"),
    (Q1, "January to March", "flow", "2023-01/2023-03"),
    (PLAIN, "in the first three quarters", "flow", "2024-01/2024-09"),
    (PLAIN, "the first half of 2023", "flow", "2023-01/2023-06"),
    (PLAIN, "in the past decade", "flow", "2014/2023"),
    (PLAIN, "since the 18th CPC National Congress", "flow", "2013/2023"),
    (PLAIN, "during the 13th Five-Year Plan period", "flow", "2016/2020"),
    (PLAIN, "from 2013 to 2022", "flow", "2013/2022"),
    (PLAIN, "this year", "flow", "2024"),
    (PLAIN, "currently", "stock", "2024-09"),
    (PLAIN, "within three months of its launch", "stock", "2024-09"),
    (Q1, "截至3月底", "stock", "2023-03"),
    (Q1, "截至3月底", "flow", "2023-01/2023-03"),
    (Q1, "3月底", "stock", "2023-03"),
    (Q1, "一季度", "flow", "2023-01/2023-03"),
    (Q1, "一季度末", "stock", "2023-03"),
    (Q1, "1-3月", "flow", "2023-01/2023-03"),
    (Q1, "3月份", "rate", "2023-03"),
    (Q1, "截至4月中旬", "flow", "2023-01/2023-04"),
    (Q1, "全年", "flow", "2023"),
    (Q1, "去年底", "stock", "2022"),
    (Q1, "2023年", "flow", "2023"),
    (PLAIN, "上半年", "flow", "2024-01/2024-06"),
    (PLAIN, "前三季度", "flow", "2024-01/2024-09"),
    (PLAIN, "党的十八大以来", "flow", "2013/2023"),
    (PLAIN, "目前", "stock", "2024-09"),
    (PLAIN, "1-12月", "flow", "2023"),
])
def test_phrases(frame, phrase, kind, period):
    lang = "en" if phrase.isascii() else "zh-Hans"
    assert normalize(phrase, frame, lang, kind) == period


@pytest.mark.parametrize("phrase", ["from the end of 2019", "an increase of 8.41 million from 2019",
                                    "over the same period last year", "0.2 points lower than in August",
                                    "up from 23% in 2012", "the previous year"])
def test_comparison_bases_are_not_periods(phrase):
    assert normalize(phrase, PLAIN) is None


@pytest.mark.parametrize("phrase", ["比上年末增加", "比8月份下降", "去年同期"])
def test_chinese_bases_are_not_periods(phrase):
    assert normalize(phrase, PLAIN, "zh-Hans") is None


def test_dates_are_not_periods():
    assert find_periods("The press conference was held on March 2, 2023 in Beijing.", PLAIN) == []
    assert find_periods("4月24日，人社部举行新闻发布会", PLAIN, "zh-Hans") == []


def test_defaults():
    assert [default_period(k, Q4) for k in ("stock", "flow", "rate")] == ["2023", "2023", "2023-12"]
    assert [default_period(k, Q1) for k in ("stock", "flow", "rate")] == ["2023-03", "2023-01/2023-03", "2023-03"]
    assert [default_period(k, PLAIN) for k in ("stock", "flow", "rate")] == ["2024-09", "2024", "2024-08"]


@pytest.mark.parametrize("name, date, lang, frame", [
    ("2022-10-26_q3-2022-news.txt", dt.date(2022, 10, 26), "en", (2022, 9)),
    ("2023-07-19_h1-2023-transcript.txt", dt.date(2023, 7, 19), "en", (2023, 6)),
    ("2022-10-26_q3-2022-release-hans.txt", dt.date(2022, 10, 26), "zh-Hans", (2022, 9)),
    ("2024-07-23_h1-2024-release-hant.txt", dt.date(2024, 7, 23), "zh-Hant", (2024, 6)),
])
def test_frames_of_own_briefings(name, date, lang, frame):
    f = Frame.of((BRIEFINGS / name).read_text(encoding="utf-8"), date, lang)
    assert (f.year, f.end_month) == frame


@pytest.mark.parametrize("stem, date, lang, frame", [
    ("000_b8b6c41c41296aa4", dt.date(2024, 1, 24), "en", (2023, 12)),
    ("001_3e9d6aa8da39b477", dt.date(2021, 1, 26), "en", (2020, 12)),
    ("002_1c423fb17c70a0e3", dt.date(2023, 4, 24), "zh-Hant", (2023, 3)),
    ("003_d62faf5b1879da68", dt.date(2023, 3, 2), "en", (2023, None)),
    ("004_15f0d072de33f25b", dt.date(2024, 9, 24), "en", (2024, None)),
])
def test_frames_of_the_corpus(stem, date, lang, frame):
    path = SHARED / "corpus" / f"{stem}.txt"
    if not path.exists():
        pytest.skip("../shared/corpus is not here")
    f = Frame.of(path.read_text(encoding="utf-8"), date, lang)
    assert (f.year, f.end_month) == frame


_dates = st.dates(dt.date(2012, 1, 1), dt.date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(date=_dates, year=st.integers(2005, 2029), month=st.integers(1, 12), kind=st.sampled_from(["stock", "flow", "rate"]))
def test_explicit_months(date, year, month, kind):
    frame = Frame(date, date.year, None)
    name = MONTHS[month - 1]
    point = str(year) if month == 12 and kind == "stock" else f"{year}-{month:02d}"
    assert normalize(f"in {name} {year}", frame, "en", kind) == point
    assert normalize(f"{year}年{month}月份", frame, "zh-Hans", kind) == point
    cumulative = (str(year) if month == 12 else f"{year}-01/{year}-{month:02d}" if month > 1 else f"{year}-01")
    expected = cumulative if kind == "flow" else (str(year) if month == 12 and kind == "stock" else f"{year}-{month:02d}")
    assert normalize(f"as of the end of {name} {year}", frame, "en", kind) == expected
    assert normalize(f"截至{year}年{month}月底", frame, "zh-Hans", kind) == expected


@settings(max_examples=150, deadline=None)
@given(date=_dates, year=st.integers(2005, 2029), quarter=st.integers(1, 4), last=st.integers(2, 12))
def test_explicit_spans(date, year, quarter, last):
    frame = Frame(date, date.year, None)
    q = f"{year}-{3 * quarter - 2:02d}/{year}-{3 * quarter:02d}"
    ordinal = ["first", "second", "third", "fourth"][quarter - 1]
    assert normalize(f"in the {ordinal} quarter of {year}", frame, "en", "flow") == q
    assert normalize(f"{year}年第{'一二三四'[quarter - 1]}季度", frame, "zh-Hans", "flow") == q
    span = str(year) if last == 12 else f"{year}-01/{year}-{last:02d}"
    assert normalize(f"{year}年1-{last}月", frame, "zh-Hans", "flow") == span
    assert normalize(f"from January to {MONTHS[last - 1]} {year}", frame, "en", "flow") == span
    assert normalize(f"from {year - 5} to {year}", frame, "en", "flow") == f"{year - 5}/{year}"


@settings(max_examples=150, deadline=None)
@given(date=_dates, month=st.integers(1, 12))
def test_months_without_a_year_are_the_latest_not_after_the_document(date, month):
    frame = Frame(date, date.year, None)
    year = date.year if month <= date.month else date.year - 1
    assert normalize(f"in {MONTHS[month - 1]}", frame, "en", "rate") == f"{year}-{month:02d}"
    assert normalize(f"{month}月份", frame, "zh-Hans", "rate") == f"{year}-{month:02d}"
