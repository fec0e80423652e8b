"""Programme mentions: catalogue names in both languages and scripts, quoted and Title Case names,
phrases ending in a head noun, actions; on the seed corpus (when ../shared exists) and on our own briefings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kg import catalog
from kg.extract.programmes import extract_programmes
from kg.ingest import load_document
from kg.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = Path(__file__).resolve().parent / "data" / "programmes"
KINDS = {"campaign", "policy", "programme", "system", "pilot"}


def doc(text: str, language: str = "en") -> Document:
    return Document(id="t", path="t.txt", sha256="0" * 64, encoding="utf-8", format="txt", language=language, text=text)


def mentions(path: Path):
    d = load_document(path)
    return d, extract_programmes(d)


def by_key(ms) -> dict:
    """The first mention of each catalogued programme."""
    out = {}
    for m in ms:
        if m.key:
            out.setdefault(m.key, m)
    return out


def named(ms, name: str):
    return [m for m in ms if m.key is None and m.name == name]


# --- the catalogue ---------------------------------------------------------------------


def test_catalogue_entries_are_complete_and_labels_unambiguous():
    entries = catalog.load("programmes")
    assert len(entries) >= 80
    owner: dict[str, str] = {}
    for e in entries:
        assert e.iri == f"https://w3id.org/kg/id/programme/{e.key}"
        assert {"en", "zh-hans", "zh-hant"} <= {tag.lower() for tag in e.pref}, e.key
        assert e.get("https://w3id.org/kg/ns#programmeKind") in KINDS, e.key
        for label in e.labels():
            other = owner.setdefault(label.lower(), e.key)
            assert other == e.key, f"{label!r} names both {other} and {e.key}"


def test_catalogue_indicator_links_name_known_indicators():
    path = SHARED / "gold" / "indicators.csv"
    if not path.exists():
        pytest.skip("../shared/gold is not here")
    keys = {row["key"] for row in csv.DictReader(path.open(encoding="utf-8"))}
    linked = {e.key: [iri.rsplit("/", 1)[1] for iri in e.props.get("https://w3id.org/kg/ns#measuredBy", [])]
              for e in catalog.load("programmes")}
    assert linked["private_pension"] == ["private_pension_participants"]
    assert "enterprise_cost_reduction" in linked["premium_rate_reduction"]
    assert {"wage_arrears_cases_handled", "wage_arrears_recovered"} <= set(linked["winter_wage_arrears_campaign"])
    for key, indicators in linked.items():
        assert set(indicators) <= keys, key


# --- our own briefings ----------------------------------------------------------------------


def test_every_mention_points_at_its_sentence():
    for path in sorted(DATA.glob("*.txt")):
        d, ms = mentions(path)
        assert ms, path.name
        seen = set()
        for m in ms:
            assert d.text[m.evidence.start:m.evidence.end] == m.evidence.text
            assert m.kind in KINDS
            ident = (m.evidence.start, m.key or m.name)
            assert ident not in seen, f"{m.name} twice in one sentence"
            seen.add(ident)


def test_english_news_catalogue_quoted_and_grammar_names():
    _, ms = mentions(DATA / "en_2017_q1_news.txt")
    found = by_key(ms)
    assert found["spring_breeze_action"].kind == "campaign"  # quoted "Spring Breeze Campaign"
    assert "three_supports_one_assistance" in found  # quoted "Three Supports and One Assistance" plan
    assert found["long_term_care_pilot"].action == "launched"
    assert found["premium_rate_reduction"].action == "extended"  # "will continue the phased reduction"
    assert "tongzhou_plan" in found and "universal_insurance_enrolment_plan" in found
    youth = named(ms, "Youth Employment Internship Program")  # Title Case, not catalogued
    assert youth and youth[0].kind == "programme" and youth[0].action == "launched"
    campaign = [m for m in ms if m.key is None and m.name.startswith("special campaign to clear up wage arrears")]
    assert campaign and campaign[0].kind == "campaign"
    assert any(m.key is None and m.name.startswith("three-year action plan to improve skills") for m in ms)


def test_english_transcript_variants_resolve_to_catalogue():
    _, ms = mentions(DATA / "en_2022_q4_transcript.txt")
    found = by_key(ms)
    assert found["private_pension"].name == "private pension system"  # written "personal pension system"
    assert found["private_pension"].action == "launched"
    for key in ("graduates_employment_promotion_plan", "job_expansion_subsidy", "hundred_days_recruitment",
                "career_guidance_future", "occupational_injury_pilot"):
        assert key in found, key
    assert not any(m.key is None and m.name.startswith("plan to extend") for m in ms)  # "a plan to ...": no name


def test_simplified_chinese_release():
    d, ms = mentions(DATA / "zh_hans_2019_q3.txt")
    found = by_key(ms)
    assert found["vocational_skills_upgrading_action"].action == "implemented"  # 全面实施
    assert found["vocational_skills_upgrading_action"].name_zh == "职业技能提升行动"
    assert found["job_retention_refund"].name_zh == "失业保险稳岗返还政策"
    assert found["central_adjustment_pension_funds"].kind == "system"
    assert found["winter_wage_arrears_campaign"].action == "launched"  # 部署开展
    plan = named(ms, "农民工返乡创业培训五年行动计划")
    assert plan and plan[0].name_zh == plan[0].name and plan[0].kind == "programme"
    assert named(ms, "“互联网+人社”2020行动计划")
    assert named(ms, "工程建设领域农民工工资专用账户制度")[0].action == "planned"  # 将持续推进


def test_traditional_chinese_keeps_the_written_script():
    d, ms = mentions(DATA / "zh_hant_2021_q1.txt")
    assert d.language == "zh-Hant"
    found = by_key(ms)
    assert found["private_pension"].name_zh == "個人養老金制度"
    assert found["national_pooling_pension"].name_zh == "企業職工基本養老保險全國統籌"
    assert found["work_for_training"].action in ("extended", "planned")  # 延續實施
    assert found["hundred_days_recruitment"].action == "launched"  # 啟動
    assert "hrss_quick_action" in found and "social_insurance_premium_relief" in found
    assert named(ms, "「智慧就業」服務平台建設工程")


def test_one_programme_across_languages_and_scripts():
    texts = [("The ministry expanded the personal pension system to all cities.", "en"),
             ("The private pension scheme now has 60 million participants.", "en"),
             ("人社部全面推开个人养老金制度。", "zh-Hans"),
             ("人社部全面推開個人養老金制度。", "zh-Hant")]
    keys = [{m.key for m in extract_programmes(doc(t, lang))} for t, lang in texts]
    assert all(k == {"private_pension"} for k in keys), keys
    assert extract_programmes(doc(texts[0][0]))[0].action == "expanded"


def test_generic_phrases_are_not_programmes():
    assert extract_programmes(doc("We plan to organize job fairs. We will strengthen policy interpretation.")) == []
    assert extract_programmes(doc("加强政策解读，普及劳动法律法规。推出十项专项行动。累计举办各类招聘活动5.8万场。", "zh-Hans")) == []
    assert extract_programmes(doc("We will implement a \"one person, one policy\" approach.")) == []


def test_chinese_lists_closed_by_deng_name_each_item():
    ms = extract_programmes(doc("组织开展高校毕业生就业服务周、青年见习双选会等活动。", "zh-Hans"))
    assert {m.name for m in ms} == {"高校毕业生就业服务周", "青年见习双选会"}
    assert all(m.kind == "campaign" and m.action == "launched" for m in ms)


# --- the seed corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_mentions():
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not here")
    return {p.stem: mentions(p) for p in sorted(corpus.glob("*.txt"))}


def test_corpus_spans_and_known_programmes(corpus_mentions):
    for d, ms in corpus_mentions.values():
        for m in ms:
            assert d.text[m.evidence.start:m.evidence.end] == m.evidence.text
    keys = {stem[:3]: {m.key for m in ms} for stem, (_, ms) in corpus_mentions.items()}
    assert {"private_pension", "national_pooling_pension", "occupational_injury_pilot"} <= keys["000"]
    assert {"spring_breeze_action", "private_pension", "hundred_days_recruitment", "skills_china_action"} <= keys["002"]
    assert {"employment_first_strategy", "employment_first_policy", "spring_breeze_action"} <= keys["003"]
    assert {"retirement_age_reform", "golden_autumn_recruitment_month", "service_1131"} <= keys["004"]
    traditional = by_key(next(ms for stem, (_, ms) in corpus_mentions.items() if stem.startswith("002")))
    assert traditional["private_pension"].name_zh == "個人養老金制度"


def test_corpus_against_gold(corpus_mentions):
    from kg.eval_store import programme_key
    from kg.evaluate import score_programmes

    gold = [json.loads(line) for line in (SHARED / "gold" / "programmes.jsonl").open(encoding="utf-8")]
    pred = [{"doc": stem, "name": m.name, "name_zh": m.name_zh}
            for stem, (_, ms) in corpus_mentions.items() for m in ms]
    score = score_programmes(pred, gold, programme_key)
    assert score.true_pos / score.n_gold >= 0.75
    assert score.true_pos / score.n_pred >= 0.7
