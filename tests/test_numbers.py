"""The number grammar: values in base units, unit hints, qualifiers, spans; what is not a figure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.text.numbers import find_numbers, parse_number


@pytest.mark.parametrize("phrase, value, unit, qualifier", [
    ("12.44 million new urban jobs", 12_440_000, None, None),
    ("1.066 billion", 1_066_000_000, None, None),
    ("7.92 trillion yuan", 7_920_000_000_000, "CNY", None),
    ("RMB 5 billion", 5_000_000_000, "CNY", None),
    ("55,000 wage-related violations", 55_000, None, None),
    ("more than 200 billion yuan", 200_000_000_000, "CNY", "more_than"),
    ("exceeded 100 billion yuan", 100_000_000_000, "CNY", "more_than"),
    ("some 32.78 million people", 32_780_000, "person", "about"),
    ("nearly 70 regions", 70, None, "less_than"),
    ("less than 5%", 5.0, "percent", "less_than"),
    ("5.1%", 5.1, "percent", None),
    ("5.2 percent", 5.2, "percent", None),
    ("13 million or more", 13_000_000, None, "more_than"),
    ("200,000-plus", 200_000, None, "more_than"),
    ("nine silver medals", 9, None, None),
    ("twenty-five cities", 25, None, None),
    ("10.4.2 billion yuan", 104_200_000_000, "CNY", None),  # a stray point in a translation
])
def test_english(phrase, value, unit, qualifier):
    n = parse_number(phrase)
    assert n.value == pytest.approx(value)
    assert (n.unit, n.qualifier) == (unit, qualifier)


@pytest.mark.parametrize("phrase, value, unit, qualifier, classifier", [
    ("城鎮新增就業297萬人", 2_970_000, "person", None, "人"),
    ("10.52亿人", 1_052_000_000, "person", None, "人"),
    ("总收入2.04万亿元", 2_040_000_000_000, "CNY", None, "元"),
    ("超過1.65萬億元", 1_650_000_000_000, "CNY", "more_than", "元"),
    ("舉辦招聘活動5.8萬場", 58_000, "count", None, "場"),
    ("發布崗位3800萬個", 38_000_000, "count", None, "個"),
    ("提供崗位420萬人次", 4_200_000, "person", None, "人次"),
    ("1000余项属地服务", 1000, "count", "more_than", "项"),
    ("2000多亿元", 200_000_000_000, "CNY", "more_than", "元"),
    ("近32億人次", 3_200_000_000, "person", "less_than", "人次"),
    ("1200万人左右", 12_000_000, "person", "about", "人"),
    ("失业率为5.3%", 5.3, "percent", None, "%"),
])
def test_chinese(phrase, value, unit, qualifier, classifier):
    n = parse_number(phrase, "zh-Hant")
    assert n.value == pytest.approx(value)
    assert (n.unit, n.qualifier, n.classifier) == (unit, qualifier, classifier)


def test_percentage_points():
    assert parse_number("down 0.3 percentage points").points
    assert parse_number("下降0.2个百分点", "zh-Hans").points
    assert not parse_number("5.1%").points


@pytest.mark.parametrize("text, lang", [
    ("In 2023, the ministry met on March 2, 2023 at 10 a.m.", "en"),
    ("the 18th CPC National Congress and the 2nd competition", "en"),
    ("people between the ages of 16 and 59", "en"),
    ("a three-year campaign within three months", "en"),
    ("the COVID-19 pandemic and 5G networks", "en"),
    ("From Sept. 10 to 15, the event took place", "en"),
    ("the three social insurance funds", "en"),
    ("4月24日，2023年一季度，1-3月，截至3月底", "zh-Hans"),
    ("第4个，16至59岁，3个月，“1131”", "zh-Hans"),
])
def test_not_figures(text, lang):
    assert find_numbers(text, lang) == []


def test_spans_index_the_text():
    text = "There were 12.44 million new urban jobs, and 1.379 billion card holders; 297萬人 too."
    found = find_numbers(text, "en") + find_numbers(text, "zh-Hans")
    spans = [n.span(text) for n in found]
    assert all(text[s.start:s.end] == s.text for s in spans)
    assert "12.44 million" in [s.text for s in spans]


_EN_SCALES = [("", 1), (" thousand", 10**3), (" million", 10**6), (" billion", 10**9), (" trillion", 10**12)]
_ZH_SCALES = [("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1, 999), decimals=st.integers(0, 3), digits=st.integers(0, 999),
       scale=st.sampled_from(_EN_SCALES), unit=st.sampled_from(["", " yuan", " people"]),
       qual=st.sampled_from([("", None), ("more than ", "more_than"), ("nearly ", "less_than"), ("about ", "about")]))
def test_english_round_trip(whole, decimals, digits, scale, unit, qual):
    mantissa = f"{whole}.{digits:03d}"[: len(str(whole)) + 1 + decimals] if decimals else str(whole)
    written = f"{qual[0]}{mantissa}{scale[0]}{unit}"
    n = parse_number(f"The figure was {written} in total.")
    assert n is not None and n.value == pytest.approx(float(mantissa) * scale[1])
    assert n.qualifier == qual[1]
    assert n.unit == {"": None, " yuan": "CNY", " people": "person"}[unit]


@settings(max_examples=200, deadline=None)
@given(value=st.integers(1, 10**9).filter(lambda v: not 1900 <= v <= 2100))
def test_english_grouped_integers(value):
    assert parse_number(f"handled {value:,} cases").value == value


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(1, 9999), decimals=st.integers(0, 2), digits=st.integers(0, 99),
       scale=st.sampled_from(_ZH_SCALES), unit=st.sampled_from([("元", "CNY"), ("人", "person"), ("个", "count")]),
       qual=st.sampled_from([("", None), ("超过", "more_than"), ("近", "less_than"), ("约", "about")]))
def test_chinese_round_trip(whole, decimals, digits, scale, unit, qual):
    if not scale[0] and not decimals and 1900 <= whole <= 2100:
        whole += 200  # a bare four-digit number in that range reads as a year
    mantissa = f"{whole}.{digits:02d}"[: len(str(whole)) + 1 + decimals] if decimals else str(whole)
    n = parse_number(f"全年共计{qual[0]}{mantissa}{scale[0]}{unit[0]}。", "zh-Hans")
    assert n is not None and n.value == pytest.approx(float(mantissa) * scale[1])
    assert (n.qualifier, n.unit) == (qual[1], unit[1])
