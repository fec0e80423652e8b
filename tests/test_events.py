"""Events and statements (who said what), on the real corpus and on the briefings in tests/data/people/."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.extract.events import extract_event
from kg.extract.people import extract_people, organization_name
from kg.ingest import load_document
from kg.text.names import person_key
from kg.text.script import to_simplified

DATA = Path(__file__).resolve().parent / "data" / "people"


def run(path: Path):
    doc = load_document(path)
    persons, posts = extract_people(doc)
    event, statements = extract_event(doc, persons, posts)
    return doc, event, statements


def speaker_at(statements, offset: int):
    inside = [s for s in statements if s.span.start <= offset < s.span.end]
    assert len(inside) <= 1
    return inside[0] if inside else None


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- the real corpus against the gold annotations -------------------------------------


def test_events_match_the_gold(corpus, gold):
    for row in jsonl(gold / "events.jsonl"):
        doc, event, _ = run(corpus / f"{row['doc']}.txt")
        assert event.date.isoformat() == row["date"], row["doc"]
        assert organization_name(event.organizer) == row["organizer"], row["doc"]
        assert {person_key(n) for n in event.speakers} == {person_key(n) for n in row["speakers"]}, row["doc"]
        assert event.moderator == row.get("moderator"), row["doc"]


def test_figures_are_attributed_to_the_gold_speaker(corpus, gold):
    docs = {}
    right = total = 0
    for row in jsonl(gold / "observations.jsonl"):
        if row["doc"] not in docs:
            docs[row["doc"]] = run(corpus / f"{row['doc']}.txt")
        doc, _, statements = docs[row["doc"]]
        quote = re.sub(r"\s*\[.*?\]$", "", row["evidence"])
        at = to_simplified(doc.text).find(to_simplified(quote))
        assert at >= 0, quote
        statement = speaker_at(statements, at)
        total += 1
        right += statement is not None and statement.speaker == row.get("speaker")
    assert right / total >= 0.95


def test_statements_do_not_overlap_and_cover_the_text(corpus):
    for path in sorted(corpus.glob("*.txt")):
        doc, _, statements = run(path)
        ordered = sorted(statements, key=lambda s: s.span.start)
        for a, b in zip(ordered, ordered[1:]):
            assert a.span.end <= b.span.start
        for s in statements:
            assert doc.text[s.span.start:s.span.end] == s.span.text
        covered = sum(s.span.end - s.span.start for s in statements)
        assert covered >= 0.9 * len(doc.text.strip())


def test_reporters_never_speak_for_officials(corpus):
    doc, event, statements = run(next(corpus.glob("004_*.txt")))
    reporters = [s for s in statements if s.kind == "reporter"]
    assert {s.outlet for s in reporters} >= {"China News Service", "CCTV", "Xinhua News Agency", "Nanfang Daily, Nanfang Plus"}
    assert all(s.speaker is None for s in reporters)
    question = doc.text.index("Stabilizing and promoting employment has always been")
    assert speaker_at(statements, question).outlet == "China News Service"
    assert event.series == "Promoting High-Quality Development"


def test_unheaded_questions_inside_a_turn_are_not_the_officials(corpus):
    doc, event, statements = run(next(corpus.glob("003_*.txt")))
    assert event.series == "Embarking on the New Journey — A Government Perspective"
    for question in ("The more than 1.3 billion social security cards", "The scale of China's college graduates"):
        statement = speaker_at(statements, doc.text.index(question))
        assert statement.kind == "reporter" and statement.speaker is None
    answer = speaker_at(statements, doc.text.index("More than 740 million Chinese people"))
    assert (answer.speaker, answer.kind) == ("Li Zhong", "official")
    opening = speaker_at(statements, doc.text.index("Ladies and gentlemen, good morning"))
    assert (opening.speaker, opening.kind) == ("Shou Xiaoli", "moderator")


# --- own briefings -------------------------------------------------------------------


def test_english_transcript_turns():
    doc, event, statements = run(DATA / "mohrss_transcript_en.txt")
    assert event.organizer == "mohrss" and event.date.isoformat() == "2022-10-28"
    assert event.moderator == "Lu Aihong"
    assert event.speakers == ["Chen Yongjia", "Li Jin", "Li Hongwei"]
    said = {q: speaker_at(statements, doc.text.index(q)) for q in (
        "10.01 million new urban jobs", "3.2 million job postings", "2.1 million people had opened",
        "What is the plan for the national pooling", "244 billion yuan", "680 million people",
        "Could you share the progress", "6.68 million people")}
    assert said["10.01 million new urban jobs"].kind == "moderator"
    assert said["3.2 million job postings"].speaker == "Chen Yongjia"
    assert said["2.1 million people had opened"].speaker == "Li Jin"  # "Ms. Li:"
    assert (said["What is the plan for the national pooling"].outlet, said["What is the plan for the national pooling"].kind) == ("Reuters", "reporter")
    assert said["244 billion yuan"].speaker == "Li Jin"
    assert said["680 million people"].speaker == "Li Hongwei"
    assert said["Could you share the progress"].kind == "reporter" and said["Could you share the progress"].speaker is None
    assert said["6.68 million people"].speaker == "Chen Yongjia"


def test_news_report_with_two_officials_sharing_a_family_name():
    doc, event, statements = run(DATA / "news_en_same_surname.txt")
    assert event.organizer == "mohrss" and event.moderator == "Lu Aihong"
    assert event.speakers == ["Li Zhong", "Li Jin"]
    assert speaker_at(statements, doc.text.index("1.066 billion")).speaker is None
    assert speaker_at(statements, doc.text.index("13.36 million")).speaker == "Li Zhong"
    assert speaker_at(statements, doc.text.index("roll out the private pension")).speaker == "Li Jin"
    assert speaker_at(statements, doc.text.index("50 million participants")).speaker == "Li Jin"  # "Mr. Li added"


def test_simplified_chinese_release_has_two_presenters():
    doc, event, statements = run(DATA / "release_zh_hans.txt")
    assert event.organizer == "mohrss" and event.moderator is None
    assert event.speakers == ["Lu Aihong", "Chen Yongjia"]
    assert speaker_at(statements, doc.text.index("人力资源和社会保障部28日举行")).kind == "narrator"
    assert speaker_at(statements, doc.text.index("1001万人。")).speaker == "Lu Aihong"
    assert speaker_at(statements, doc.text.index("10.44亿人")).speaker == "Lu Aihong"
    assert speaker_at(statements, doc.text.index("320万个")).speaker == "Chen Yongjia"


def test_traditional_chinese_release_names_organizer_and_moderator():
    doc, event, statements = run(DATA / "release_zh_hant.txt")
    assert event.organizer == "scio"
    assert event.moderator == "Shou Xiaoli"  # 壽小麗主持發布會
    assert event.speakers == ["Li Zhong", "Lu Aihong"]
    assert speaker_at(statements, doc.text.index("壽小麗主持")).kind == "narrator"
    assert speaker_at(statements, doc.text.index("10.74億人")).speaker == "Li Zhong"
    assert speaker_at(statements, doc.text.index("19個新職業")).speaker == "Lu Aihong"


def test_chinese_transcript():
    doc, event, statements = run(DATA / "scio_transcript_zh.txt")
    assert (event.organizer, event.moderator, event.date.isoformat()) == ("scio", "Shou Xiaoli", "2024-09-24")
    assert event.speakers == ["Li Zhong", "Song Xin"]
    question = speaker_at(statements, doc.text.index("请问在促进高质量充分就业"))
    assert (question.kind, question.outlet, question.speaker) == ("reporter", "中新社", None)
    assert speaker_at(statements, doc.text.index("超过4400家")).speaker == "Li Zhong"
    assert speaker_at(statements, doc.text.index("一揽子就业政策")).speaker == "Song Xin"
    assert speaker_at(statements, doc.text.index("欢迎出席")).kind == "moderator"


def test_a_family_name_header_shared_by_two_officials_stays_unattributed():
    from kg.model import Document

    text = ("Speakers:\nMr. Li Zhong, vice minister of human resources and social security\n"
            "Mr. Li Jin, director general of the Department of Pension Insurance of the MOHRSS\n\n"
            "Li Zhong:\nGood morning. Welcome.\n\nCCTV:\nHow are pensions paid? Thank you.\n\n"
            "Mr. Li:\nPensions were raised by 3.8% this year.\n")
    doc = Document(id="t", path="t.txt", sha256="", encoding="utf-8", format="txt", language="en", text=text)
    event, statements = extract_event(doc, *extract_people(doc))
    answer = speaker_at(statements, text.index("Pensions were raised"))
    assert (answer.kind, answer.speaker) == ("official", None)  # "Mr. Li" could be either Li
    assert speaker_at(statements, text.index("How are pensions")).outlet == "CCTV"
