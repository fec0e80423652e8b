"""The briefing as an event (date, organizer, title, series, moderator, speakers) and who said what.

A transcript is cut at its turn headers ("Li Zhong:", "China News Service:"):
each turn is a :class:`Statement` of an official, the moderator or a reporter.
A news report is one narrator statement, except the passages a named official
is reported as presenting ("Chen Feng, spokesperson of ..., introduced ...").
Statements never overlap and cover the text, so every sentence has one speaker.
"""

from __future__ import annotations

import bisect
import re

from kg.extract.people import Turn, find_turns, mention_pattern, resolve_org, simplified_text, top_organization
from kg.model import Document, Event, Person, Post, Span, Statement
from kg.text.names import resolve

_SERIES = re.compile(r"series\s+(?:of\s+)?[\"“](?P<s>[^\"”\n]{3,120}?)[.,]?[\"”]|[“「\"](?P<zh>[^”」\"\n]{2,40})[”」\"]系列")
_CHAIR_LABEL = re.compile(r"^[ \t]*(?:(?i:chairperson|chair|moderator|host)|主持人)[ \t]*[:：]?\s*", re.M)
_CHAIRED_BY = re.compile(r"(?i:\b(?:presided over|chaired|moderated|hosted)\s+by\b)")
_CHAIRED = re.compile(
    r"(?i:\b(?:presided over|chaired|moderated|hosted)\s+(?:the|today's|this)\s+(?:press conference|news conference|briefing|conference|event))|主持(?!人)")
_WELCOME = re.compile(r"(?i:welcome|good (?:morning|afternoon)|ladies and gentlemen)|欢迎|女士们|先生们|各位记者")
# What may stand before a speaker-list entry on its line.
_LIST_ENTRY = re.compile(r"\s*(?:(?:Mr|Ms|Mrs|Madam|Dr)\.?\s*)?|(?:(?i:speakers?|guests?)|发布人|嘉宾|出席)[:：].*")
_END_MATTER = re.compile(r"^[ \t]*(?:(?i:translated and edited by|translated by|edited by|source:|editor:)|责任编辑|编辑[:：]|（责任编辑)", re.M)
_QUESTION_END = re.compile(r"[?？][\"”]?\s*(?:(?i:thank you|thanks)[.!]?|谢谢[。！!]?)?\s*$")
_REPORTING = re.compile(
    r"(?i:\b(?:introduced|said|says|stated|announced|noted|told|revealed|pointed out|disclosed|presented|briefed|"
    r"explained|added|released|reported)\b)|介绍|表示|说|指出|透露|称|通报|宣布|发布(?!会)|解读")
# Right before a name: "according to", "said" (with any title in between: "said MOHRSS spokesperson").
_ATTRIBUTED = re.compile(r"(?i:\b(?:according to|said|says|noted|added)\b)[^,.;:\n]{0,80}$|据[^，。]{0,20}$")


_CONFERENCE = re.compile(
    r"(?i:press conference|news conference|press briefing|briefing|news release)|新闻发布会|发布会|吹风会|记者会")
_HELD_BY = re.compile(r"\s+(?:was\s+)?(?i:held|hosted|organized|organised|convened)\s+by\s+(?:the\s+)?")
# Between the organizer and the word "press conference": "ORG held a ...", "ORG's ...", "ORG 24日举行...".
_ORG_TO_CONFERENCE = re.compile(
    r"(?:\s*\([A-Z]+\))?\s+(?i:held|holds|hosted|hosts|convened|organized|organised)\s+(?i:a|an|its|the)\b[^.\n]{0,80}?$"
    r"|(?:'s|’s)\s+[^.\n]{0,60}?$|[^。\n，,；]{0,30}?(?:举行|召开|举办)[^。\n]{0,30}?$")


def extract_event(doc: Document, persons: list[Person], posts: list[Post]) -> tuple[Event, list[Statement]]:
    """The briefing's event and its statements, given the persons and posts of the document."""
    text = simplified_text(doc)
    turns = find_turns(doc)
    person_turns = [t for t in turns if t.kind == "person"]
    names = [p.name for p in persons]
    mentions = _mentions(text, persons)
    moderator = _moderator(text, turns, mentions, names)
    transcript = len(turns) >= 2 and bool(person_turns)
    if transcript:
        statements = _transcript_statements(doc, turns, moderator)
        head_end = turns[0].start
        spoke = {s.speaker for s in statements if s.kind == "official"}
        speakers = [n for n in names if n != moderator and (n in spoke or n in _listed(text, posts, head_end))]
    else:
        presenters = _presenters(text, mentions, posts)
        statements = _report_statements(doc, presenters)
        head_end = min(len(text), 1500)
        speakers = [n for n in names if n in {name for _, name in presenters} and n != moderator]
    event = Event(
        date=_date(text[:head_end]) or doc.date,
        organizer=_organizer(doc, text, posts, moderator, speakers),
        title=doc.title,
        series=_series(text),
        moderator=moderator,
        speakers=speakers,
    )
    return event, statements


def _listed(text: str, posts: list[Post], head_end: int) -> set[str]:
    """Officials in the speaker list that heads a transcript: an entry starting its line
    ("Ms. Wang Xiaoping, minister of ...") or following a list label ("发布人：...")."""
    listed = set()
    for post in posts:
        if post.evidence and post.evidence.start < head_end:
            line = text[text.rfind("\n", 0, post.evidence.start) + 1:post.evidence.start]
            if _LIST_ENTRY.fullmatch(line):
                listed.add(post.person)
    return listed


def _date(head: str):
    """A full date written in the header of the briefing ("March 2, 2023", "Date: Sept. 24, 2024")."""
    from kg.ingest import find_date

    date, method = find_date(head)
    return date if method == "explicit" else None


def _series(text: str) -> str | None:
    m = _SERIES.search(text, 0, 8000)
    return (m.group("s") or m.group("zh")).strip() if m else None


def _organizer(doc: Document, text: str, posts: list[Post], moderator: str | None, speakers: list[str]) -> str | None:
    """The body that held the press conference: the one the text says held it, else the one its title
    names, else the moderator's (or first presenter's) organization."""
    mention = mention_pattern()
    for conference in _CONFERENCE.finditer(text, 0, 4000):
        held_by = _HELD_BY.match(text, conference.end())
        if held_by and (m := mention.match(text, held_by.end())) and (key := resolve_org(m.group())):
            return key
        lo = max(0, conference.start() - 140)
        for m in reversed(list(mention.finditer(text, lo, conference.start()))):
            if _ORG_TO_CONFERENCE.match(text, m.end(), conference.start()) and (key := resolve_org(m.group())):
                return key
    if doc.title and (m := mention.search(doc.title)) and (key := resolve_org(m.group())):
        return key
    for who in [moderator, *speakers]:
        for post in posts:
            if post.person == who and post.organization:
                return top_organization(post.organization)
    return None


def _mentions(text: str, persons: list[Person]) -> list[tuple[int, int, str]]:
    """(start, end, name) of every place the text names one of ``persons`` (in pinyin or characters)."""
    from kg.text.script import to_simplified

    forms = {}
    for p in persons:
        forms[p.name] = p.name
        if p.name_zh:
            forms[p.name_zh] = forms[to_simplified(p.name_zh)] = p.name
    if not forms:
        return []
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return [(m.start(), m.end(), forms[m.group()]) for m in pattern.finditer(text)]


def _moderator(text: str, turns: list[Turn], mentions: list[tuple[int, int, str]], names: list[str]) -> str | None:
    """Who chairs: the person under a "Chairperson" / "主持人" label, or said to preside ("presided over by",
    "寿小丽主持"), else the first speaker of a transcript when that turn opens the conference ("Welcome ...")."""
    limit = turns[0].start + 200 if turns else 3000
    for m in _CHAIR_LABEL.finditer(text, 0, limit):
        line_end = text.find("\n", m.end())
        who = next((n for a, _, n in mentions if m.end() <= a < (line_end if line_end >= 0 else len(text))), None)
        if who:
            return who
    for m in _CHAIRED_BY.finditer(text, 0, limit):
        who = next((n for a, _, n in mentions if m.end() <= a <= m.end() + 80), None)
        if who:
            return who
    for m in _CHAIRED.finditer(text, 0, limit):
        before = [(b, n) for a, b, n in mentions if m.start() - 150 <= a and b <= m.start()]
        if before and not re.search(r"[.。!?！？\n]", text[before[-1][0]:m.start()]):
            return before[-1][1]
    people = [t for t in turns if t.kind == "person"]
    if turns and people and turns[0] is people[0] and people[0].name:
        first = people[0]
        end = turns[1].start if len(turns) > 1 else len(text)
        if _WELCOME.search(text, first.body, end):
            return resolve(first.name, names) or first.name
    return None


# --- statements -----------------------------------------------------------------------


def _span(doc: Document, start: int, end: int) -> Span | None:
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end]) if end > start else None


def _statement(doc: Document, start: int, end: int, speaker: str | None, kind: str, outlet: str | None = None) -> list[Statement]:
    span = _span(doc, start, end)
    return [Statement(speaker=speaker, kind=kind, outlet=outlet, span=span)] if span else []


def _transcript_statements(doc: Document, turns: list[Turn], moderator: str | None) -> list[Statement]:
    text = doc.text
    out = _statement(doc, 0, turns[0].start, None, "narrator")
    for i, turn in enumerate(turns):
        end = turns[i + 1].start if i + 1 < len(turns) else len(text)
        tail = _END_MATTER.search(text, turn.body, end)
        body_end = tail.start() if tail else end
        if turn.kind == "reporter":
            out += _statement(doc, turn.body, body_end, None, "reporter", turn.outlet)
        else:
            speaker = moderator if turn.kind == "chair" else turn.name
            kind = "moderator" if turn.kind == "chair" or (speaker and speaker == moderator) else "official"
            question = _trailing_question(text, turn.body, body_end) if i + 1 < len(turns) and turns[i + 1].kind == "person" else None
            out += _statement(doc, turn.body, question or body_end, speaker, kind)
            if question:
                out += _statement(doc, question, body_end, None, "reporter")
        if tail:
            out += _statement(doc, tail.start(), end, None, "narrator")
    return out


def _trailing_question(text: str, start: int, end: int) -> int | None:
    """Where a reporter's question begins when a transcript runs it into the previous turn (no outlet
    header): the turn's last paragraph, when it ends in a question and an official answers next."""
    body = text[start:end].rstrip()
    cut = body.rfind("\n")
    if cut < 0 or not body[:cut].strip():
        return None
    last = body[cut + 1:]
    return start + cut + 1 if _QUESTION_END.search(last) else None


def _presenters(text: str, mentions: list[tuple[int, int, str]], posts: list[Post]) -> list[tuple[int, str]]:
    """(sentence start, name) of each sentence in which a named official is reported as presenting:
    "Chen Feng, spokesperson ..., introduced", "卢爱红介绍", "according to Lu Aihong", "said Lu Aihong"."""
    with_post = {p.person for p in posts}
    mentions = [m for m in mentions if m[2] in with_post]
    if not mentions:
        return []
    from kg.text.segment import sentences

    spans = sentences(text)
    starts = [s.start for s in spans]
    found = set()
    for start, end, name in mentions:
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or start >= spans[i].end:
            continue
        sentence = spans[i]
        if (_REPORTING.search(text, end, min(sentence.end, end + 300))
                or _ATTRIBUTED.search(text, max(sentence.start, start - 100), start)):
            found.add((sentence.start, name))
    return sorted(found)


def _report_statements(doc: Document, presenters: list[tuple[int, str]]) -> list[Statement]:
    """A news report: narrator text, then from each presenting sentence on, that official's statement."""
    bounds = [(0, None)] + [(start, name) for start, name in presenters]
    merged: list[tuple[int, str | None]] = []
    for start, name in bounds:
        if not merged or merged[-1][1] != name:
            merged.append((start, name))
    out = []
    for i, (start, name) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else len(doc.text)
        out += _statement(doc, start, end, name, "official" if name else "narrator")
    return out
