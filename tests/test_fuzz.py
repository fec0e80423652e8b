"""Fuzzing: generated and mutated briefings through extraction and through the build.

Whatever the text, extraction never raises, and every observation has a period in the gold
grammar, a catalogue indicator (or None with a non-empty label when uncatalogued) and evidence
whose offsets point into the text. Bounded in examples and time; derandomized under CI.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from kg import catalog
from kg.build import build
from kg.ingest import IngestError, parse_document
from kg.model import Document, Extraction, Span
from kg.pipeline import extract, to_nquads
from kg.rdf import period_bounds
from kg.store import Store
from kg.text.script import to_traditional

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").iterdir()) if p.name != "README.md"]
PERIOD = re.compile(r"\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?")
FUZZ = settings(max_examples=120, deadline=5000, derandomize=bool(os.environ.get("CI")),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- generated briefings ----------------------------------------------------------------------------

_LABELS = sorted({label for e in catalog.load("indicators") for label in e.labels()}) or ["new urban jobs"]
_EN_NUMBERS = st.one_of(
    st.builds(lambda v: f"{v:.2f} million", st.floats(0.01, 999, allow_nan=False)),
    st.builds(lambda v: f"{v:.3f} billion yuan", st.floats(0.001, 99, allow_nan=False)),
    st.builds(lambda v: f"{v:,}", st.integers(0, 10**9)),
    st.builds(lambda v: f"{v:.1f}%", st.floats(0, 100, allow_nan=False)),
    st.builds(lambda v: f"{v:.1f} percent", st.floats(0, 100, allow_nan=False)),
    st.builds(lambda v: f"{v:.1f} percentage points", st.floats(0, 10, allow_nan=False)),
)
_ZH_NUMBERS = st.one_of(
    st.builds(lambda v: f"{v}万人", st.integers(1, 99999)),
    st.builds(lambda v: f"{v:.2f}亿人", st.floats(0.01, 20, allow_nan=False)),
    st.builds(lambda v: f"{v:.2f}万亿元", st.floats(0.01, 20, allow_nan=False)),
    st.builds(lambda v: f"{v:,}萬", st.integers(1000, 99999)),
    st.builds(lambda v: f"{v:.1f}%", st.floats(0, 100, allow_nan=False)),
    st.builds(lambda v: f"{v:.1f}个百分点", st.floats(0, 10, allow_nan=False)),
)
_YEAR = st.integers(2010, 2026)
_EN_PERIODS = st.one_of(
    st.builds("in {}".format, _YEAR), st.builds("in the first three quarters of {}".format, _YEAR),
    st.builds("in the first half of {}".format, _YEAR), st.builds("at the end of {}".format, _YEAR),
    st.sampled_from(["in December", "throughout the year", "from January to September", "last year", "by the end of June", ""]),
)
_ZH_PERIODS = st.one_of(
    st.builds("{}年".format, _YEAR), st.builds("{}年上半年".format, _YEAR), st.builds("{}年一季度".format, _YEAR),
    st.builds("截至{}年底".format, _YEAR), st.sampled_from(["1-9月", "12月份", "全年", "前三季度", "1—12月", "上半年", ""]),
)
_QUALIFIERS = st.sampled_from(["", "more than ", "about ", "nearly ", "over ", "超过", "约", "近"])
_EN_SENTENCE = st.builds(
    lambda period, label, q, number, tail: f"{period.capitalize()}, {label} {q}reached {number}{tail}.".strip(),
    _EN_PERIODS, st.sampled_from(_LABELS), _QUALIFIERS, _EN_NUMBERS,
    st.sampled_from(["", ", up 0.2 percentage points year on year", ", an increase of 380,000", " respectively", ", Lu Aihong said"]))
_ZH_SENTENCE = st.builds(
    lambda period, label, q, number, tail: f"{period}{label}{q}{number}{tail}。",
    _ZH_PERIODS, st.sampled_from(_LABELS), _QUALIFIERS, _ZH_NUMBERS, st.sampled_from(["", "，同比增加24万人", "，分别增加", "，比上年末下降0.2个百分点"]))
_HEADERS = st.sampled_from([
    "China News Service, January 24. ", "Date:\nSept. 24, 2024\n", "2023年4月24日，人力资源社会保障部举行新闻发布会。\n",
    "Lu Aihong:\n", "Speakers:\nLi Zhong, vice minister of human resources and social security\n", "# Jobs\n\n", ""])
_NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_SEP = st.sampled_from([" ", "\n", "\n\n", "", "\r\n", "\t"])
_GENERATED = st.builds(
    lambda header, parts, script: (to_traditional if script else str)(header + "".join(parts)),
    _HEADERS, st.lists(st.tuples(st.one_of(_EN_SENTENCE, _ZH_SENTENCE, _NOISE), _SEP).map("".join), max_size=12), st.booleans())

# --- mutated briefings ------------------------------------------------------------------------------

_INSERTS = st.one_of(_NOISE, _EN_NUMBERS, _ZH_NUMBERS, st.sampled_from(
    ["(huì)", "\x00", "\ufeff", "<p>", "</article>", "&nbsp;", "：", "\n\n\n", "12.44 million", "1,244萬", "5.1%", "Lu Aihong:\n"]))
_MUTATION = st.tuples(st.sampled_from(["delete", "duplicate", "insert", "truncate", "digits"]), st.floats(0, 1), st.floats(0, 1), _INSERTS)


def _mutate(text: str, mutations: list[tuple[str, float, float, str]]) -> str:
    for op, a, b, payload in mutations:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "insert":
            text = text[:i] + payload + text[i:]
        elif op == "truncate":
            text = text[:j]
        else:
            text = text[:i] + re.sub(r"\d", lambda m: str(9 - int(m.group())), text[i:j]) + text[j:]
    return text


_MUTATED = st.builds(_mutate, st.sampled_from(SEEDS), st.lists(_MUTATION, max_size=6))
_FORMATS = st.sampled_from([("txt", "utf-8"), ("md", "utf-8"), ("html", "utf-8"), ("txt", "utf-16"), ("txt", "gb18030")])

# --- checks -----------------------------------------------------------------------------------------


def _check_span(doc: Document, span: Span | None, what: str) -> None:
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(doc.text), (what, span)
    assert span.text == doc.text[span.start:span.end], (what, span)


def _check(doc: Document, ex: Extraction) -> None:
    indicators = catalog.by_key("indicators")
    for ob in ex.observations:
        assert ob.period and PERIOD.fullmatch(ob.period), ob
        start, end = period_bounds(ob.period)
        assert start <= end, ob
        assert ob.indicator is None or ob.indicator in indicators, ob
        assert ob.label.strip(), ob
        assert math.isfinite(ob.value), ob
        _check_span(doc, ob.evidence, "evidence")
        _check_span(doc, ob.value_span, "value")
    for st_ in ex.statements:
        _check_span(doc, st_.span, "statement")
    for post in ex.posts:
        _check_span(doc, post.evidence, "post")
    for pm in ex.programmes:
        _check_span(doc, pm.evidence, "programme")
    assert to_nquads(ex)


def _document(text: str, fmt: str, encoding: str) -> Document | None:
    try:
        return parse_document(text.encode(encoding, errors="replace"), Path(f"fuzz.{fmt}"), fmt)
    except IngestError:
        return None


@FUZZ
@given(text=_GENERATED, form=_FORMATS)
def test_generated_briefings_extract_cleanly(text, form):
    doc = _document(text, *form)
    if doc is not None:
        _check(doc, extract(doc))


@FUZZ
@given(text=_MUTATED, form=_FORMATS)
def test_mutated_briefings_extract_cleanly(text, form):
    doc = _document(text, *form)
    if doc is not None:
        _check(doc, extract(doc))


def test_generated_sentences_do_yield_observations():
    """The generators speak the extractors' language: a plain generated sentence is read as a figure."""
    doc = _document("In 2023, new urban jobs reached 12.44 million.\n2023年城镇新增就业1244万人。", "txt", "utf-8")
    periods = {(o.indicator, o.period, o.value) for o in extract(doc).observations}
    assert ("new_urban_jobs", "2023", 12440000.0) in periods


@settings(FUZZ, max_examples=6)
@given(texts=st.lists(st.one_of(_GENERATED, _MUTATED), min_size=1, max_size=4), form=_FORMATS)
def test_fuzzed_folders_build_without_extraction_failures(texts, form):
    from kg.validate import validate

    fmt, encoding = form
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for i, text in enumerate(texts):
            (src / f"doc{i}.{fmt}").write_bytes(text.encode(encoding, errors="replace"))
        store = Store(Path(tmp) / "store")
        report = build([src], store, workers=1)
        assert not [f for f in report.failed if "extraction failed" in f.reason], report.failed
        assert len(report.added) + len(report.failed) == len(texts)
        if report.added:
            assert validate(store.open()) == []
