"""Indicator observations: on the seed corpus against its gold, and on our own briefings (English news,
English transcript, Simplified and Traditional Chinese releases) whose figures we wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg.evaluate import score_observations
from kg.extract.observations import extract_observations, indicators
from kg.ingest import load_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
BRIEFINGS = Path(__file__).resolve().parent / "data" / "briefings"


def _rows(path: Path) -> tuple[object, list[tuple]]:
    doc = load_document(path)
    obs = extract_observations(doc)
    return doc, obs


def _keys(obs) -> set[tuple]:
    return {(o.indicator, o.measure, o.period, round(o.value, 2)) for o in obs if o.indicator}


@pytest.fixture(scope="module")
def seed():
    if not (SHARED / "corpus").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not here")
    return {p.stem: _rows(p) for p in sorted((SHARED / "corpus").glob("*.txt"))}


def test_every_gold_indicator_is_catalogued():
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not here")
    keys = {r["key"] for r in csv.DictReader(open(SHARED / "gold" / "indicators.csv", encoding="utf-8"))}
    assert keys <= set(indicators())


def test_seed_corpus_against_gold(seed):
    gold = [json.loads(line) for line in open(SHARED / "gold" / "observations.jsonl", encoding="utf-8")]
    pred = [{"doc": stem, "indicator": o.indicator, "measure": o.measure, "period": o.period, "value": o.value}
            for stem, (_, obs) in seed.items() for o in obs]
    catalogue = {r["key"] for r in csv.DictReader(open(SHARED / "gold" / "indicators.csv", encoding="utf-8"))}
    score = score_observations(pred, gold, catalogue)
    assert score.f1 >= 0.95, (score.misses, score.false_hits)


def test_spans_index_the_original_text(seed):
    for doc, obs in seed.values():
        for o in obs:
            for span in (o.evidence, o.value_span):
                assert doc.text[span.start:span.end] == span.text
            assert o.evidence.start <= o.value_span.start < o.value_span.end <= o.evidence.end


def test_seed_figures_that_count_something_else(seed):
    doc, obs = seed["001_3e9d6aa8da39b477"]
    values = {o.value for o in obs if o.indicator == "basic_pension_insured"}
    assert 172_000 not in values  # "172,000 fishermen ... have participated in basic pension insurance"
    assert 60_980_000 not in values  # "60.98 million registered poor people ... participated"
    doc, obs = seed["003_d62faf5b1879da68"]
    assert not [o for o in obs if o.indicator == "subsidized_vocational_training"]  # a plan, and a campaign total
    assert not [o for o in obs if o.indicator in ("social_insurance_fund_revenue", "social_insurance_fund_expenditure")]


EXPECTED = {
    "2022-10-26_q3-2022-news.txt": {
        ("new_urban_jobs", "level", "2022-01/2022-09", 10_010_000),
        ("new_urban_jobs", "change", "2022-01/2022-09", -440_000),
        ("urban_surveyed_unemployment_rate", "level", "2022-09", 5.5),
        ("urban_surveyed_unemployment_rate", "change", "2022-09", -0.2),
        ("unemployed_reemployed", "level", "2022-01/2022-09", 4_030_000),
        ("hard_to_employ_employed", "level", "2022-01/2022-09", 1_300_000),
        ("basic_pension_insured", "level", "2022-09", 1_044_000_000),
        ("unemployment_insurance_insured", "level", "2022-09", 235_000_000),
        ("work_injury_insurance_insured", "level", "2022-09", 289_000_000),
        ("recruitment_events", "level", "2022-01/2022-09", 140_000),
        ("job_postings", "level", "2022-01/2022-09", 36_000_000),
        ("wage_arrears_cases_handled", "level", "2022-01/2022-09", 12_400),
        ("wage_arrears_recovered", "level", "2022-01/2022-09", 1_720_000_000),
    },
    "2023-07-19_h1-2023-transcript.txt": {
        ("new_urban_jobs", "level", "2023-01/2023-06", 6_780_000),
        ("new_urban_jobs", "change", "2023-01/2023-06", 240_000),
        ("urban_surveyed_unemployment_rate", "level", "2023-06", 5.2),
        ("unemployment_insurance_beneficiaries", "level", "2023-01/2023-06", 3_620_000),
        ("job_retention_refund", "level", "2023-01/2023-06", 9_280_000_000),
        ("employment_subsidy_expenditure", "level", "2023-01/2023-06", 42_600_000_000),
        ("private_pension_participants", "level", "2023-06", 40_000_000),
        ("subsidized_vocational_training", "level", "2023-01/2023-06", 8_600_000),
    },
    "2022-10-26_q3-2022-release-hans.txt": {
        ("new_urban_jobs", "level", "2022-01/2022-09", 10_010_000),
        ("new_urban_jobs", "change", "2022-01/2022-09", -440_000),
        ("urban_surveyed_unemployment_rate", "level", "2022-09", 5.5),
        ("urban_surveyed_unemployment_rate", "change", "2022-09", -0.1),
        ("poverty_alleviated_workers_employed", "level", "2022-09", 32_770_000),
        ("subsidized_vocational_training", "level", "2022-01/2022-09", 14_000_000),
        ("basic_pension_insured", "level", "2022-09", 1_044_000_000),
        ("unemployment_insurance_insured", "level", "2022-09", 235_000_000),
        ("work_injury_insurance_insured", "level", "2022-09", 289_000_000),
        ("social_insurance_fund_revenue", "level", "2022-01/2022-09", 4_970_000_000_000),
        ("social_insurance_fund_expenditure", "level", "2022-01/2022-09", 5_050_000_000_000),
        ("social_insurance_fund_balance", "level", "2022-09", 7_400_000_000_000),
        ("electronic_social_security_card_holders", "level", "2022-09", 650_000_000),
        ("wage_arrears_cases_handled", "level", "2022-01/2022-09", 13_000),
        ("wage_arrears_recovered", "level", "2022-01/2022-09", 1_720_000_000),
    },
    "2024-07-23_h1-2024-release-hant.txt": {
        ("new_urban_jobs", "level", "2024-01/2024-06", 6_970_000),
        ("urban_surveyed_unemployment_rate", "level", "2024-06", 5.0),
        ("basic_pension_insured", "level", "2024-06", 1_060_000_000),
        ("unemployment_insurance_insured", "level", "2024-06", 240_000_000),
        ("work_injury_insurance_insured", "level", "2024-06", 298_000_000),
        ("social_insurance_fund_revenue", "level", "2024-01/2024-06", 3_910_000_000_000),
        ("social_insurance_fund_expenditure", "level", "2024-01/2024-06", 3_540_000_000_000),
        ("social_insurance_fund_balance", "level", "2024-06", 8_610_000_000_000),
        ("social_security_card_holders", "level", "2024-06", 1_380_000_000),
        ("electronic_social_security_card_holders", "level", "2024-06", 1_000_000_000),
        ("private_pension_participants", "level", "2024-06", 60_000_000),
        ("recruitment_events", "level", "2024-01/2024-06", 45_000),
        ("job_postings", "level", "2024-01/2024-06", 28_000_000),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_own_briefings(name):
    doc, obs = _rows(BRIEFINGS / name)
    assert _keys(obs) == {(k, m, p, round(v, 2)) for k, m, p, v in EXPECTED[name]}


@pytest.mark.parametrize("name, plan", [
    ("2022-10-26_q3-2022-news.txt", 11_000_000),  # "The ministry expects to create more than 11 million"
    ("2022-10-26_q3-2022-news.txt", 5_000_000),  # "will offer subsidized vocational training to 5 million"
    ("2023-07-19_h1-2023-transcript.txt", 11_580_000),  # "are expected to enter the job market"
    ("2023-07-19_h1-2023-transcript.txt", 100_000),  # "we will organize 100,000 recruitment events"
    ("2022-10-26_q3-2022-release-hans.txt", 11_000_000),  # 下一步工作安排：预计...
    ("2024-07-23_h1-2024-release-hant.txt", 10_000_000),  # 下一步，將...提供崗位1000萬個以上
])
def test_plans_are_not_observations(name, plan):
    _, obs = _rows(BRIEFINGS / name)
    assert plan not in {o.value for o in obs}


def test_qualifiers_and_traditional_spans():
    doc, obs = _rows(BRIEFINGS / "2024-07-23_h1-2024-release-hant.txt")
    by_key = {o.indicator: o for o in obs if o.indicator}
    assert by_key["job_postings"].qualifier == "less_than"  # 近2800萬個
    assert by_key["private_pension_participants"].qualifier == "more_than"  # 超過6000萬人
    assert by_key["new_urban_jobs"].value_span.text == "697萬"
    assert doc.text[by_key["new_urban_jobs"].evidence.start:by_key["new_urban_jobs"].evidence.end].startswith("上半年")


def test_uncatalogued_figures_keep_their_noun():
    _, obs = _rows(BRIEFINGS / "2022-10-26_q3-2022-news.txt")
    free = {o.label: o.value for o in obs if o.indicator is None}
    assert free.get("workers") == 183_000  # "for 183,000 workers"
    assert all(o.label for o in obs)
