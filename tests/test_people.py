"""Officials, posts and organizations, on the real corpus and on the briefings in tests/data/people/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import catalog
from kg.extract.people import extract_people, find_turns, organization_name, resolve_org, top_organization
from kg.ingest import load_document
from kg.model import Document
from kg.text.names import person_key

DATA = Path(__file__).resolve().parent / "data" / "people"
MOHRSS = "Ministry of Human Resources and Social Security"


def people(path: Path):
    doc = load_document(path)
    persons, posts = extract_people(doc)
    return doc, persons, {(p.person, p.role, organization_name(p.organization)) for p in posts}


def english(text: str) -> Document:
    return Document(id="t", path="t.txt", sha256="", encoding="utf-8", format="txt", language="en", text=text)


def f1(gold: set, predicted: set) -> float:
    tp = len(gold & predicted)
    return 2 * tp / (len(gold) + len(predicted)) if gold or predicted else 1.0


# --- the real corpus against the gold annotations -------------------------------------


def test_persons_and_posts_match_the_gold_officials(corpus, gold):
    rows = [json.loads(line) for line in (gold / "officials.jsonl").read_text().splitlines() if line.strip()]
    gold_persons = {(r["doc"], person_key(r["name"])) for r in rows}
    gold_posts = {(r["doc"], person_key(r["name"]), r["role"].lower(), r["organization"]) for r in rows}
    found_persons, found_posts = set(), set()
    for path in sorted(corpus.glob("*.txt")):
        doc, persons, posts = people(path)
        found_persons |= {(doc.id, person_key(p.name)) for p in persons}
        found_posts |= {(doc.id, person_key(n), r, o) for n, r, o in posts}
    assert f1(gold_persons, found_persons) >= 0.95
    assert f1(gold_posts, found_posts) >= 0.9


def test_speaker_list_with_two_posts_each(corpus):
    doc, persons, posts = people(next(corpus.glob("004_*.txt")))
    assert [p.name for p in persons][:3] == ["Li Zhong", "Lu Aihong", "Song Xin"]
    assert ("Lu Aihong", "spokesperson", MOHRSS) in posts
    assert ("Lu Aihong", "director general", f"Policy Research Department, {MOHRSS}") in posts
    assert ("Shou Xiaoli", "spokesperson", "State Council Information Office") in posts
    assert ("Shou Xiaoli", "director general", "Press Bureau, State Council Information Office") in posts


def test_news_report_names_its_spokesperson_once_with_two_posts(corpus):
    doc, persons, posts = people(next(corpus.glob("000_*.txt")))
    assert [p.name for p in persons] == ["Chen Feng"]
    assert posts == {("Chen Feng", "spokesperson", MOHRSS),
                     ("Chen Feng", "deputy director", f"Policy Research Department, {MOHRSS}")}


def test_reports_without_named_officials_have_no_persons(corpus):
    for stem in ("001_", "002_"):
        _, persons, posts = people(next(corpus.glob(stem + "*.txt")))
        assert persons == [] and posts == set()


def test_post_evidence_points_into_the_text(corpus):
    for path in sorted(corpus.glob("*.txt")):
        doc = load_document(path)
        for post in extract_people(doc)[1]:
            assert post.date == doc.date
            assert doc.text[post.evidence.start:post.evidence.end] == post.evidence.text
            assert post.person in post.evidence.text or post.role in post.evidence.text.lower()


# --- own briefings -------------------------------------------------------------------


def test_english_transcript_with_two_officials_sharing_a_family_name():
    doc, persons, posts = people(DATA / "mohrss_transcript_en.txt")
    assert [p.name for p in persons] == ["Lu Aihong", "Chen Yongjia", "Li Jin", "Li Hongwei"]
    assert ("Lu Aihong", "spokesperson", MOHRSS) in posts  # "spokesperson of the ministry"
    assert ("Li Jin", "deputy director general", f"Department of Pension Insurance, {MOHRSS}") in posts
    assert ("Li Hongwei", "director", f"Social Insurance Administration, {MOHRSS}") in posts
    headers = {doc.text[t.start:t.body].strip(): t for t in find_turns(doc)}
    assert headers["Ms. Li:"].name == "Li Jin"  # the only Li introduced as Ms.
    assert headers["Economic Daily:"].kind == "reporter" and headers["Economic Daily:"].outlet == "Economic Daily"
    assert "Reuters:" in {doc.text[t.start:t.start + 8] for t in find_turns(doc)}


def test_simplified_chinese_release():
    doc, persons, posts = people(DATA / "release_zh_hans.txt")
    assert [(p.name, p.name_zh) for p in persons] == [("Lu Aihong", "卢爱红"), ("Chen Yongjia", "陈勇嘉")]
    assert posts == {
        ("Lu Aihong", "spokesperson", MOHRSS),
        ("Lu Aihong", "deputy director general", f"Policy Research Department, {MOHRSS}"),
        ("Chen Yongjia", "deputy director general", f"Employment Promotion Department, {MOHRSS}"),
    }  # the reporter in the byline (记者 李金磊) holds no post


def test_traditional_chinese_release():
    doc, persons, posts = people(DATA / "release_zh_hant.txt")
    assert [(p.name, p.name_zh) for p in persons] == [("Shou Xiaoli", "壽小麗"), ("Li Zhong", "李忠"), ("Lu Aihong", "盧愛紅")]
    assert ("Shou Xiaoli", "director general", "Press Bureau, State Council Information Office") in posts
    assert ("Shou Xiaoli", "spokesperson", "State Council Information Office") in posts
    assert ("Li Zhong", "vice minister", MOHRSS) in posts
    assert ("Lu Aihong", "director general", f"Policy Research Department, {MOHRSS}") in posts


def test_chinese_transcript_headers_name_speakers_and_outlets():
    doc, persons, posts = people(DATA / "scio_transcript_zh.txt")
    assert {p.name for p in persons} == {"Shou Xiaoli", "Li Zhong", "Lu Aihong", "Song Xin"}
    assert ("Song Xin", "deputy director general", f"Employment Promotion Department, {MOHRSS}") in posts
    turns = find_turns(doc)
    assert [t.name or t.outlet for t in turns] == [
        "Shou Xiaoli", "Li Zhong", "Shou Xiaoli", "中新社", "Li Zhong", "南方日报南方+", "Song Xin", "Shou Xiaoli"]


def test_title_before_name_and_lists_of_names():
    doc = english("Vice Minister of Human Resources and Social Security Li Zhong spoke. MOHRSS spokesperson Lu Aihong "
                  "added details. Premier Li Qiang and General Secretary Xi Jinping were quoted. Also present were two "
                  "deputy directors general of the Employment Promotion Department of the MOHRSS, Mr. Chen Yongjia and "
                  "Ms. Wang Ping. The deputy director of the office said Zhang Wei left.")
    posts = {(p.person, p.role, organization_name(p.organization)) for p in extract_people(doc)[1]}
    assert posts == {
        ("Li Zhong", "vice minister", MOHRSS),
        ("Lu Aihong", "spokesperson", MOHRSS),
        ("Li Qiang", "premier", "State Council"),
        ("Xi Jinping", "general secretary", "Central Committee of the Communist Party of China"),
        ("Chen Yongjia", "deputy director general", f"Employment Promotion Department, {MOHRSS}"),
        ("Wang Ping", "deputy director general", f"Employment Promotion Department, {MOHRSS}"),
    }


def test_uncatalogued_organizations_keep_their_english_name():
    doc = english("Zhang Ying, director general of the Department of Skill Competitions of the MOHRSS, and "
                  "Liu Ming, chairman of the Beijing Federation of Logistics, attended.")
    posts = {(p.person, p.role, p.organization) for p in extract_people(doc)[1]}
    assert ("Zhang Ying", "director general", f"Department of Skill Competitions, {MOHRSS}") in posts
    assert ("Liu Ming", "chairman", "Beijing Federation of Logistics") in posts


# --- the organization catalogue ------------------------------------------------------


@pytest.mark.parametrize("name, context, home, key", [
    ("Ministry of Human Resources and Social Security (MOHRSS)", None, None, "mohrss"),
    ("the ministry of human resources and social security", None, None, "mohrss"),
    ("MOHRSS", None, None, "mohrss"),
    ("人社部", None, None, "mohrss"),
    ("人力資源社會保障部", None, None, "mohrss"),
    ("human resources and social security", None, None, "mohrss"),
    ("finance", None, None, "mof"),
    ("the Policy Research Department of the MOHRSS", None, None, "mohrss-policy-research"),
    ("Department of Employment Promotion", None, "mohrss", "mohrss-employment-promotion"),
    ("Press Bureau of the State Council Information Office (SCIO)", None, None, "scio-press-bureau"),
    ("新闻局", "scio", None, "scio-press-bureau"),
    ("國新辦", None, None, "scio"),
    ("the Ministry", None, "mohrss", "mohrss"),
    ("Central Committee of the Communist Party of China", None, None, "cpc-central-committee"),
    ("National Bureau of Statistics", None, None, "nbs"),
    ("Ministry of Magic", None, None, None),
])
def test_organization_names_resolve_through_the_catalogue(name, context, home, key):
    assert resolve_org(name, context, home) == key


def test_catalogue_entries_are_complete():
    entries = catalog.by_key("organizations")
    assert {"mohrss", "scio", "scio-press-bureau", "state-council", "cpc-central-committee", "nbs", "mof"} <= set(entries)
    for key, e in entries.items():
        assert e.iri == f"https://w3id.org/kg/id/org/{key}"
        assert {"en", "zh-hans", "zh-hant"} <= set(e.pref), key
        assert e.get("http://www.w3.org/2000/01/rdf-schema#comment"), key
        parent = e.get("http://www.w3.org/ns/org#subOrganizationOf")
        assert parent is None or parent.rsplit("/", 1)[1] in entries, key
        if "OrganizationalUnit" in (e.get("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") or ""):
            assert parent and top_organization(key) != key


def test_chinese_titles_after_names_and_uncatalogued_departments():
    doc = Document(id="t", path="t.txt", sha256="", encoding="utf-8", format="txt", language="zh-Hans",
                   text="习近平总书记强调，就业是最基本的民生。李强总理在政府工作报告中提出要求。国务院总理李强主持会议。"
                        "人社部技能竞赛司司长张莹介绍，人社部社保中心主任王俊刚24日表示。")
    persons, posts = extract_people(doc)
    assert [p.name_zh for p in persons] == ["习近平", "李强", "张莹", "王俊刚"]  # not 强调, not 国务院
    found = {(p.person, p.role, organization_name(p.organization)) for p in posts}
    assert found == {
        ("Xi Jinping", "general secretary", "Central Committee of the Communist Party of China"),
        ("Li Qiang", "premier", "State Council"),
        ("Zhang Ying", "director general", f"技能竞赛司, {MOHRSS}"),
        ("Wang Jungang", "director", f"Social Insurance Administration, {MOHRSS}"),
    }


@pytest.mark.parametrize("text", [
    "Zhang Ying, director general of the Department of Employment Promotion under the MOHRSS, said",
    "Zhang Ying, director general of the Employment Promotion Department at the Ministry of Human Resources and Social Security, said",
    "Zhang Ying, director-general of the ministry's Employment Promotion Department, said",
])
def test_department_and_parent_in_any_english_order(text):
    doc = english("The Ministry of Human Resources and Social Security held a press conference. " + text)
    posts = {(p.person, p.role, organization_name(p.organization)) for p in extract_people(doc)[1]}
    assert posts == {("Zhang Ying", "director general", f"Employment Promotion Department, {MOHRSS}")}
