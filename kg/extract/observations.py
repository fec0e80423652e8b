"""Figures that measure catalogue indicators, found sentence by sentence.

For each sentence: the numbers (:mod:`kg.text.numbers`), the indicator labels
of ``ontology/indicators.ttl`` (matched through a trie built once, Traditional
text read as Simplified, offsets kept), coordinated labels expanded ("basic
pension, unemployment and work-related injury insurance" -> three labels),
and the period phrases (:mod:`kg.text.periods`). Lists of figures bind to
coordinated labels in order ("... were 1.066 billion, 244 million, and 302
million respectively"); other figures bind to the nearest compatible label
(unit, head noun, no other figure in between). Plans and targets, comparison
bases, and figures counting something else ("172,000 fishermen ...") are not
observations of an indicator; figures that fit none are kept with
``indicator=None`` and the noun phrase they count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache, cached_property

from kg import catalog
from kg.model import Document, Observation, Span
from kg.namespaces import KG
from kg.text.numbers import Number, find_numbers
from kg.text.periods import Frame, Mention, default_period, find_periods, resolve
from kg.text.script import to_simplified
from kg.text.segment import sentences

_TERM = "\0"
_NORM = {"-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", "’": "'", "‘": "'", "`": "'", "“": '"', "”": '"',
         "\u3000": " ", "\xa0": " ", "_": " "}
_NORM_CHARS = re.compile("[" + re.escape("".join(_NORM)) + "]")
_CJK = re.compile(r"[\u2e80-\u9fff]")
_WORD = re.compile(r"[a-z0-9']+")

# --- grammar (no domain vocabulary) ---------------------------------------------------------------
_PERSON_NOUNS = {"people", "persons", "person", "individuals", "person times"}
_GENERIC_MODIFIERS = {"more", "additional", "other", "chinese", "total", "extra", "new", "all", "and", "the"}
_HEAD_STOP = set("""of in on at by for to from with as than per across into over under through throughout during
within among including such which who that whom whose where when while were was is are have has had been be being
will would can could may might shall should do does did respectively nationwide each every this these those last
since compared up down a an the it its their his her our we they or but so not also both year""".split())
_HEAD_VERBS = set("""use used uses using received receive receives receiving got get gets found find finds obtained
obtain participated participate joined join enjoyed enjoy benefited benefit returned return took take went go entered
enter left worked work working became become remained remain reached reach earned earn completed complete applied
apply signed sign live lived living""".split())
_SEP = re.compile(r"[,;:，；：。!?！？()（）]")
_CLAUSE_SEP = re.compile(r"(?<!\d),|,(?!\d{3})|[;:，；：()（）]")
_LIST_GAP = re.compile(r"[\s,、，;；]*(?:and|or|以及|和|及|与|與)?[\s,、，]*")
_EN_TOKEN = re.compile(r"[\s\"“”'‘’]*([A-Za-z][A-Za-z'’\-]*)")

_EN_CHANGE = re.compile(
    r"(?:\b(?:an?\s+)?(?:year[-\s]on[-\s]year\s+|yoy\s+|net\s+|annual\s+)?(?P<nn>increase|rise|growth|decrease|decline|drop"
    r"|fall|jump)\s+of|\b(?P<vb>increased|rose|grew|went\s+up|climbed|decreased|declined|fell|dropped|went\s+down"
    r"|shrank)\s+by|\b(?:(?:was|were|is|are)\s+)?(?P<ud>up|down))\s+(?:by\s+)?(?:a\s+total\s+of\s+)?$")
_ZH_CHANGE = re.compile(
    r"(?:同比|环比|比上年(?:末|底|同期)?|较上年(?:末|底|同期)?|比去年(?:末|底|同期)?|较去年(?:末|底|同期)?"
    r"|比\d{1,2}月(?:份|末|底)?|较\d{1,2}月(?:份|末|底)?)?(?:分别)?(?P<vb>增加|增长|提高|上升|多增|减少|下降|降低|回落|少增)了?$")
_NEGATIVE = re.compile(r"decrease|decline|drop|fall|fell|down|shrank|lower|less|fewer|减少|下降|降低|回落|少增")
_CHANGE_AFTER = re.compile(r"\s+(?:year[-\s]on[-\s]year\s+)?(?P<dir>more|fewer|less|higher|lower)\s+than\b")
_EN_BASE_FIGURE = re.compile(r"\b(?:from|than)\s+(?:a\s+(?:peak|high|low|record)\s+of\s+)?$")
_ZH_BASE_FIGURE = re.compile(r"(?:由|从|從)$")
_EN_PLAN = re.compile(
    r"\b(?:plans?\s+to|planned\s+to|planning\s+to|aims?\s+to|aiming\s+to|aimed\s+at|targets?\s+(?:of|is|was|for|at|to|set)\b"
    r"|targeted|goals?\s+(?:of|is|was|for|to)\b"
    r"|expect(?:s|ed)?\b|expectations?\b|projected|projection|forecasts?\b|(?:is|are|was|were)\s+estimated|it\s+is\s+estimated"
    r"|estimates\b|strive|striving|seeks?\s+to|intends?\s+to|(?:is|are)\s+set\s+to|we\s+will|we'll"
    r"|will\s+(?!be\b|hit\b|reach|total|exceed|top\b|stand|amount|surpass|remain|stay)[a-z]+"
    r"|would\s+(?!be\b)[a-z]+|in\s+the\s+next\s+step)")
_ZH_PLAN = re.compile(r"预计|计划|目标|力争|争取|拟|预期|规划|将(?:要|会)?(?:提供|开展|组织|举办|发放|新增|培训|推出|实施|安排|募集|帮助|确保|达到)")
_PLAN_PARAGRAPH = re.compile(r"\s*(?:下一步|in\s+the\s+next\s+step|next\s+step|going\s+forward|moving\s+forward|looking\s+ahead)")
_ENUMERATOR = re.compile(
    r"\s*(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|firstly|secondly|thirdly|finally|lastly)\b"
    r"|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、]\s)")
_PERSIST = re.compile(r"\b(?:averag\w*|annual(?:ly)?|per\s+year|each\s+year|every\s+year|remain\w*|stay\w*|stable\s+at"
                      r"|maintain\w*|kept|keeps?)\b|年均|平均每年|每年|保持|稳定在|维持|始终")


@dataclass(frozen=True)
class Indicator:
    """A catalogue indicator as the extractor uses it."""

    key: str
    unit: str  # person | CNY | percent | count
    kind: str  # stock | flow | rate
    cues: tuple[str, ...]
    nouns: frozenset[str]  # English count nouns and Chinese classifiers
    words: frozenset[str]  # words of its English labels (allowed as modifiers of a head noun)


@dataclass(frozen=True)
class _Entry:
    indicator: Indicator
    contextual: bool


@dataclass(frozen=True)
class _Lexicon:
    trie: dict
    labels: dict[str, tuple[_Entry, ...]]
    heads: frozenset[str]  # first words (English) and first two characters (Chinese) of the labels


@dataclass
class _Label:
    """A label occurrence in a sentence (or one conjunct of a coordination)."""

    start: int
    end: int
    entries: tuple[_Entry, ...]
    group: int = -1  # coordination id; members of one coordination share it
    bound: list = field(default_factory=list)  # the figures bound to it


def _norm(text: str) -> str:
    """Case-folded, dash- and quote-normalised text of the same length."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    return _NORM_CHARS.sub(lambda m: _NORM[m.group()], low)


@cache
def _norm_label(label: str) -> str:
    return " ".join(_norm(to_simplified(label)).split())


@cache
def lexicon() -> _Lexicon:
    """Indicators and the label trie, built once from ``ontology/indicators.ttl``."""
    trie: dict = {}
    labels: dict[str, list[_Entry]] = {}
    for e in catalog.load("indicators"):
        words = {w for lab in e.labels("en") + e.props.get(KG + "contextLabel", []) for w in _norm(lab).split()
                 if not _CJK.search(lab)}
        ind = Indicator(
            key=e.key,
            unit=(e.get(KG + "unit") or "count").rsplit("unit_", 1)[-1],
            kind=(e.get(KG + "indicatorKind") or KG + "Flow").rsplit("#", 1)[-1].lower(),
            cues=tuple(_norm_label(c) for c in e.props.get(KG + "contextCue", [])),
            nouns=frozenset(_norm_label(n) for n in e.props.get(KG + "countNoun", [])),
            words=frozenset(words),
        )
        for text, contextual in [(lab, False) for lab in e.labels()] + [
                (lab, True) for lab in e.props.get(KG + "contextLabel", [])]:
            for key in _variants(_norm_label(text)):
                if all(x.indicator.key != ind.key or x.contextual != contextual for x in labels.get(key, [])):
                    labels.setdefault(key, []).append(_Entry(ind, contextual))
    for key, entries in labels.items():
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[_TERM] = tuple(entries)
    heads = {k[:2] if _CJK.match(k) else k.split()[0] for k in labels}
    return _Lexicon(trie, {k: tuple(v) for k, v in labels.items()}, frozenset(heads))


def _variants(key: str) -> list[str]:
    """A label and, for an English plural ("benefits"), its singular."""
    if not key:
        return []
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and not _CJK.search(key):
        return [key, key[:-1]]
    return [key]


def indicators() -> dict[str, Indicator]:
    """The catalogue's indicators by key."""
    return {x.indicator.key: x.indicator for entries in lexicon().labels.values() for x in entries}


# --- document ----------------------------------------------------------------------------------------

@dataclass
class _Doc:
    doc: Document
    text: str
    norm: str
    zh: bool
    frame: Frame
    numbers: list[Number]
    number_starts: list[int]
    mentions: list[Mention]
    mention_starts: list[int]
    lines: list[int]  # start offsets of lines


def extract_observations(doc: Document) -> list[Observation]:
    """Every figure in ``doc``: observations of catalogue indicators and uncatalogued figures."""
    text = doc.text
    zh = doc.language.startswith("zh")
    norm = _norm(to_simplified(text) if zh else text)
    frame = Frame.of(text, doc.date, doc.language)
    numbers = find_numbers(text, doc.language)
    lines = [0] + [m.end() for m in re.finditer(r"\n", text)]
    paragraphs = _figure_paragraphs(lines, numbers, len(text))
    mentions = find_periods(text, frame, doc.language, ranges=paragraphs)  # only where there are figures
    d = _Doc(doc, text, norm, zh, frame, numbers, [n.start for n in numbers], mentions,
             [m.start for m in mentions], lines)
    out: list[Observation] = []
    for start, end in paragraphs:
        sents = sentences(text, start, end)
        for i in range(len(sents)):
            out.extend(_sentence(d, sents, i, start))
    return _drop_restatements(out)


def _figure_paragraphs(lines: list[int], numbers: list[Number], size: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for n in numbers:
        k = bisect_right(lines, n.start) - 1
        span = (lines[k], lines[k + 1] if k + 1 < len(lines) else size)
        if not spans or spans[-1] != span:
            spans.append(span)
    return spans


def _in(starts: list[int], items: list, start: int, end: int) -> list:
    return items[bisect_left(starts, start):bisect_left(starts, end)]


def _sentence(d: _Doc, sents: list[Span], i: int, para_start: int) -> list[Observation]:
    """The figures of ``sents[i]``; ``sents`` are the sentences of one paragraph."""
    sent = sents[i]
    numbers = [n for n in _in(d.number_starts, d.numbers, sent.start, sent.end) if n.stop <= sent.end]
    if not numbers:
        return []
    plan_paragraph = bool(_PLAN_PARAGRAPH.match(d.norm, para_start))
    window_start = sents[max(0, i - 2)].start
    labels = _labels(d, sent.start, sent.end, d.norm[window_start:sent.end])
    mentions = [m for m in _in(d.mention_starts, d.mentions, sent.start, sent.end) if not m.base]
    figures = [_Figure(n) for n in numbers]
    for f in figures:
        _classify(d, f, sent, plan_paragraph)
    _attach(d, sent, figures, mentions)
    live = [f for f in figures if not f.skip]
    _bind_lists(d, live, labels)
    _bind_nearest(d, live, labels)
    ctx = _Context(d, sents, i, mentions, bool(_PERSIST.search(d.norm, sent.start, sent.end)))
    out = []
    for f in live:
        obs = _observation(d, f, ctx)
        if obs:
            out.append(obs)
    return out


# --- labels ----------------------------------------------------------------------------------------

def _labels(d: _Doc, start: int, end: int, window: str) -> list[_Label]:
    """Indicator labels in ``norm[start:end]`` (longest first, no overlaps), with coordinations expanded."""
    lex = lexicon()
    norm = d.norm
    found: list[_Label] = []
    if d.zh:
        starts = (i for i in range(start, end - 1) if norm[i:i + 2] in lex.heads)
    else:
        starts = (m.start() for m in _WORD.finditer(norm, start, end) if m.group() in lex.heads)
    for i in starts:
        best = _walk(lex.trie, norm, i, end, d.zh, window)
        if best:
            found.append(_Label(i, best[0], best[1]))
    found.sort(key=lambda x: (x.start - x.end, x.start))
    kept: list[_Label] = []
    for lab in found:
        if all(lab.end <= k.start or lab.start >= k.end for k in kept):
            kept.append(lab)
    kept.sort(key=lambda x: x.start)
    out: list[_Label] = []
    for gid, lab in enumerate(kept):
        members = _coordination(d, lab, out[-1].end if out else start, window)
        if members:
            for m in members:
                m.group = gid
            lab.group = gid
            out.extend(members)
        out.append(lab)
    _group_adjacent(d, out, len(kept))
    return out


def _valid(entries: tuple[_Entry, ...], window: str) -> tuple[_Entry, ...]:
    return tuple(x for x in entries if not x.contextual or any(c in window for c in x.indicator.cues))


def _walk(trie: dict, norm: str, i: int, end: int, zh: bool, window: str) -> tuple[int, tuple[_Entry, ...]] | None:
    """The longest valid label starting at ``i``."""
    node, j, best = trie, i, None
    while j < end:
        ch = norm[j]
        if ch.isspace():
            node = node.get(" ")
            while j < end and norm[j].isspace():
                j += 1
        else:
            node = node.get(ch)
            j += 1
        if node is None:
            break
        if _TERM in node:
            entries = _valid(node[_TERM], window)
            if entries:
                if zh or j >= end or not norm[j].isalnum():
                    best = (j, entries)
                elif norm[j] == "s" and (j + 1 >= end or not norm[j + 1].isalnum()):
                    best = (j + 1, entries)
    return best


def _coordination(d: _Doc, lab: _Label, floor: int, window: str) -> list[_Label]:
    """Conjuncts sharing ``lab``'s head: "basic pension, unemployment, and [work injury insurance]",
    "基本养老、失业、[工伤保险参保人数]", "the revenue and [expenditure of the funds]"."""
    lex = lexicon().labels
    norm = d.norm
    items = _conjuncts_zh(norm, floor, lab.start) if d.zh else _conjuncts_en(norm, floor, lab.start)
    if not items:
        return []
    text = norm[lab.start:lab.end]
    if d.zh:
        cuts = list(range(1, len(text) + 1))
    else:
        cuts = [k + 1 for k, c in enumerate(text) if c == " "] + [len(text)]
    for cut in cuts:
        suffix = text[cut:].strip()
        members = []
        for s, e in reversed(items):
            hit = _conjunct_label(d, s, e, suffix, lex, window)
            if not hit:
                break
            members.append(hit)
        if members:
            return list(reversed(members))
    return []


def _conjunct_label(d: _Doc, s: int, e: int, suffix: str, lex: dict, window: str) -> _Label | None:
    item = d.norm[s:e]
    if d.zh:
        starts = [s + k for k in range(len(item) - 1)]
        joiner = ""
    else:
        starts = [s + k for k in range(len(item)) if item[k].isalpha() and (k == 0 or item[k - 1] == " ")][-4:]
        joiner = " "
    for st in starts:
        key = " ".join(f"{d.norm[st:e]}{joiner if suffix else ''}{suffix}".split())
        entries = _valid(lex.get(key, ()), window)
        if entries:
            return _Label(st, e, entries)
    return None


_COORD_GAP = re.compile(r"\s*(?:,|、|，)?\s*(?:and|or|以及|和|及|与)?\s*(?:the\s+)?")
_FIGURE_BEFORE = re.compile(r"(?:\d|%|yuan|元|人)\s*(?:(?:in|of|for|on)\s+)?$")  # "7.92 trillion yuan in [revenue]"
_EN_CONJ_END = re.compile(r",?\s+(?:and|or|as\s+well\s+as)\s+$")


def _conjuncts_en(norm: str, floor: int, start: int) -> list[tuple[int, int]]:
    """Spans of the conjuncts before "..., X, and" ending at ``start``; [] if none."""
    m = _EN_CONJ_END.search(norm, max(floor, start - 12), start)
    if not m:
        return []
    items = []
    end = m.start()
    while end > floor:
        comma = norm.rfind(",", floor, end)
        s = comma + 1 if comma >= 0 else floor
        chunk = norm[s:end]
        if not chunk.strip() or any(c.isdigit() for c in chunk) or _SEP.search(chunk):
            break
        lead = len(chunk) - len(chunk.lstrip())
        items.append((s + lead, end))
        if comma < 0 or len(chunk.split()) > 6:
            break
        end = comma
    return list(reversed(items))


def _conjuncts_zh(norm: str, floor: int, start: int) -> list[tuple[int, int]]:
    """Spans of the conjuncts before "X、Y、" (or X和) ending at ``start``; [] if none."""
    if start <= floor or norm[start - 1] not in "、和及与":
        return []
    items = []
    end = start - 1
    while end > floor:
        s = end
        while s > floor and s > end - 10 and _CJK.match(norm[s - 1]) and norm[s - 1] not in "、，。；：":
            s -= 1
        if s == end:
            break
        items.append((s, end))
        if s <= floor or norm[s - 1] != "、":
            break
        end = s - 1
    return list(reversed(items))


def _group_adjacent(d: _Doc, labels: list[_Label], next_id: int) -> None:
    """Labels of different indicators joined only by "and", a comma or 、 form one coordination."""
    for a, b in zip(labels, labels[1:]):
        if a.group >= 0 and a.group == b.group:
            continue
        gap = d.norm[a.end:b.start]
        if not _COORD_GAP.fullmatch(gap) or _FIGURE_BEFORE.search(d.norm, max(0, a.start - 30), a.start):
            continue
        if {x.indicator.key for x in a.entries} & {x.indicator.key for x in b.entries}:
            continue
        gid = a.group if a.group >= 0 else next_id + labels.index(a)
        for lab in labels:
            if lab.group >= 0 and lab.group in (a.group, b.group):
                lab.group = gid
        a.group = b.group = gid


# --- figures ---------------------------------------------------------------------------------------

@dataclass
class _Figure:
    n: Number
    measure: str = "level"
    sign: int = 1
    skip: bool = False  # plan, comparison base
    head: list = field(default_factory=list)  # English (word, start, end) after the number
    indicator: Indicator | None = None
    label: _Label | None = None
    list_id: int = -1
    own: list = field(default_factory=list)  # period phrases nearest to this figure in its clause

    def fits(self, lab: _Label) -> bool:
        """A label takes one level and one change, or more when each figure states its own period
        ("5.1% in December and averaged 5.2% for the whole year")."""
        taken = [g for g in lab.bound if g.measure == self.measure]
        own = {m.start for m in self.own}
        return all(own and g.own and not own & {m.start for m in g.own} for g in taken)


def _classify(d: _Doc, f: _Figure, sent: Span, plan_paragraph: bool) -> None:
    n, norm = f.n, d.norm
    before = norm[max(sent.start, n.lead - 45):n.lead]
    if plan_paragraph or (_ZH_BASE_FIGURE if d.zh else _EN_BASE_FIGURE).search(before):
        f.skip = True
        return
    cl_start, cl_end = _clause(d, sent, n.lead, n.stop)
    clause = norm[cl_start:cl_end]
    if (_ZH_PLAN if d.zh else _EN_PLAN).search(clause):
        f.skip = True
        return
    m = (_ZH_CHANGE if d.zh else _EN_CHANGE).search(before)
    after = None if d.zh or m else _CHANGE_AFTER.match(norm, n.stop, sent.end)
    if m or after or n.points:
        f.measure = "change"
        cue = m.group(0) if m else after.group("dir") if after else ""
        f.sign = -1 if _NEGATIVE.search(cue) else 1
    if not d.zh and not after and n.unit not in ("percent", "CNY", "USD"):
        f.head = _head(d, n, sent.end)


def _clause(d: _Doc, sent: Span, start: int, end: int) -> tuple[int, int]:
    seps = [m.start() for m in _CLAUSE_SEP.finditer(d.norm, sent.start, sent.end)]
    left = max((s + 1 for s in seps if s < start), default=sent.start)
    right = min((s for s in seps if s >= end), default=sent.end)
    return left, right


def _head(d: _Doc, n: Number, limit: int) -> list[tuple[str, int, int]]:
    """The noun phrase right after an English number: "[new urban jobs] throughout the year"."""
    if n.classifier in _PERSON_NOUNS or n.classifier.startswith("person"):
        return []
    tokens: list[tuple[str, int, int]] = []
    pos = n.stop
    while len(tokens) < 6:
        m = _EN_TOKEN.match(d.text, pos, limit)
        if not m:
            break
        word = d.norm[m.start(1):m.end(1)]  # "wage-related" reads "wage related"
        first = word.split()[0]
        if first in _HEAD_STOP or first in _HEAD_VERBS or (word == "and" and tokens and tokens[-1][0].endswith("s")):
            break
        tokens.append((word, m.start(1), m.end(1)))
        pos = m.end(1)
        if word in _PERSON_NOUNS:
            break
    while tokens and tokens[-1][0] in ("and", "or"):
        tokens.pop()
    return tokens


def _compatible(f: _Figure, ind: Indicator) -> bool:
    n = f.n
    if n.classifier and _norm_label(n.classifier) in ind.nouns:
        return True
    if ind.unit == "percent":
        return n.unit == "percent" and (f.measure == "change" or not n.points)
    if n.unit == "percent" or n.unit == "USD":
        return False
    if ind.unit == "CNY":
        return n.unit == "CNY" or (n.unit is None and n.scaled and n.value >= 1e8)
    if n.unit == "CNY":
        return False
    if n.unit == "count":
        return ind.unit == "count" and (not n.classifier or not _CJK.match(n.classifier) or not _zh_nouns(ind)
                                        or _norm_label(n.classifier) in ind.nouns)
    if n.unit == "person" and ind.unit == "count":
        return n.classifier in ("人次", "person-times", "person times")
    return True


def _zh_nouns(ind: Indicator) -> bool:
    return any(_CJK.match(x) for x in ind.nouns)


def _head_ok(f: _Figure, ind: Indicator, labels: list[_Label]) -> bool:
    """A figure followed by a noun counts that noun: it must be the indicator's label or count noun."""
    head = f.head
    if not head:
        return True
    first, last = head[0][1], head[-1][2]
    def plain(words: list[str]) -> bool:  # modifiers that do not make the noun a different quantity
        return all(w in _GENERIC_MODIFIERS or w in ind.words for phrase in words for w in phrase.split())

    for lab in labels:
        if first <= lab.start < last <= lab.end + 1 and any(x.indicator is ind for x in lab.entries):
            return plain([w for w, s, _ in head if s < lab.start])
    noun = head[-1][0]
    if noun in _PERSON_NOUNS:
        return ind.unit == "person" and plain([w for w, _, _ in head[:-1]])
    return noun in ind.nouns or noun.rstrip("s") in ind.nouns


def _candidates(f: _Figure, lab: _Label, labels: list[_Label]) -> list[Indicator]:
    return [x.indicator for x in lab.entries if _compatible(f, x.indicator) and _head_ok(f, x.indicator, labels)]


def _bind_lists(d: _Doc, figures: list[_Figure], labels: list[_Label]) -> None:
    """Lists of figures ("1.066 billion, 244 million, and 302 million") bind in order to a coordination."""
    runs: list[list[_Figure]] = []
    for f in figures:
        prev = runs[-1][-1] if runs else None
        if prev and _LIST_GAP.fullmatch(d.norm, prev.n.stop, f.n.lead) and f.measure in ("level", prev.measure) and (
                prev.n.unit == f.n.unit or None in (prev.n.unit, f.n.unit) and "percent" not in (prev.n.unit, f.n.unit)):
            runs[-1].append(f)
        else:
            runs.append([f])
    groups: dict[int, list[_Label]] = {}
    for lab in labels:
        if lab.group >= 0:
            groups.setdefault(lab.group, []).append(lab)
    for rid, run in enumerate(runs):
        for f in run[1:]:
            f.measure, f.sign = run[0].measure, run[0].sign
        if len(run) < 2:
            continue
        for f in run:
            f.list_id = rid
        options = [g for g in groups.values() if len(g) == len(run) and _distance(run, g) >= 0]
        if not options:
            continue
        group = min(options, key=lambda g: _distance(run, g))
        for f, lab in zip(run, group):
            inds = _candidates(f, lab, labels)
            if inds and f.fits(lab):
                f.indicator, f.label = inds[0], lab
                lab.bound.append(f)


def _distance(run: list[_Figure], group: list[_Label]) -> int:
    """Characters between a list of figures and a coordination before or after it."""
    if group[-1].end <= run[0].n.lead:
        return run[0].n.lead - group[-1].end
    return group[0].start - run[-1].n.stop


def _bind_nearest(d: _Doc, figures: list[_Figure], labels: list[_Label]) -> None:
    """Every other figure binds to the cheapest compatible single label of the sentence."""
    limit = 60 if d.zh else 170
    pairs = []
    for f in figures:
        if f.indicator or f.list_id >= 0 and any(x.list_id == f.list_id and x.indicator for x in figures):
            continue
        for lab in labels:
            if lab.group >= 0 and sum(1 for x in labels if x.group == lab.group) > 1:
                continue
            inds = _candidates(f, lab, labels)
            if not inds:
                continue
            cost = _cost(d, f, lab, figures, inds[0], labels)
            if cost <= limit:
                pairs.append((cost, id(f), f, lab, inds[0]))
    pairs.sort(key=lambda p: (p[0], p[1]))
    for _, _, f, lab, ind in pairs:
        if f.indicator or not f.fits(lab):
            continue
        f.indicator, f.label = ind, lab
        lab.bound.append(f)


def _cost(d: _Doc, f: _Figure, lab: _Label, figures: list[_Figure], ind: Indicator, labels: list[_Label]) -> int:
    n = f.n
    if lab.end <= n.lead:
        gap_start, gap_end = lab.end, n.lead
    elif lab.start >= n.stop:
        gap_start, gap_end = n.stop, lab.start
    else:
        return 0
    gap = d.norm[gap_start:gap_end]
    cost = len(gap.strip()) + 25 * len(_SEP.findall(gap))
    for g in figures:
        if (g is not f and g.measure == f.measure and gap_start <= g.n.start < gap_end and _compatible(g, ind)
                and _head_ok(g, ind, labels) and not (f.own and g.own and f.own[0] is not g.own[0])):
            cost += 200  # a figure in between takes the label, unless both state their own periods
    return cost


# --- periods and output ------------------------------------------------------------------------------

@dataclass
class _Context:
    """A sentence (``sents[i]`` of its paragraph) with its period phrases."""

    d: _Doc
    sents: list[Span]
    i: int
    mentions: list[Mention]
    persist: bool  # "averaged", "remained", 年均: a level held over a span of years

    @cached_property
    def carry(self) -> tuple[Mention | None, Mention | None]:
        return _carry(self.d, self.sents, self.i)


def _carry(d: _Doc, sents: list[Span], i: int) -> tuple[Mention | None, Mention | None]:
    """The latest period stated earlier in the paragraph (since the last "First,"/"一是"), and the
    latest span of years stated earlier in the paragraph."""
    point = span = None
    for s in sents[:i]:
        if _ENUMERATOR.match(d.norm, s.start):
            point = None
        for m in _in(d.mention_starts, d.mentions, s.start, s.end):
            if m.base:
                continue
            if m.kind == "years":
                span = m
            point = m
    if _ENUMERATOR.match(d.norm, sents[i].start):
        point = None
    return point, span


def _attach(d: _Doc, sent: Span, figures: list[_Figure], mentions: list[Mention]) -> None:
    """Each period phrase belongs to the nearest figure of its clause ("5.1% in December and averaged
    5.2% for the whole year")."""
    for m in mentions:
        cl_start, cl_end = _clause(d, sent, m.start, m.end)
        best = None
        for f in figures:
            n = f.n
            if n.lead < cl_start or n.stop > cl_end:
                continue
            dist = n.lead - m.end if m.end <= n.lead else m.start - n.stop if m.start >= n.stop else 0
            if best is None or dist < best[0]:
                best = (dist, f)
        if best:
            best[1].own.append(m)


def _period(f: _Figure, kind: str, ctx: _Context) -> str:
    d, persist = ctx.d, ctx.persist

    def usable(m: Mention) -> bool:
        return not (m.kind == "years" and kind == "stock" and not persist)

    n = f.n
    own = [m for m in f.own if usable(m)]
    if own:
        return resolve(min(own, key=lambda m: abs(m.start - n.start)), kind, d.frame)
    cands = [m for m in ctx.mentions if usable(m)]
    before = [m for m in cands if m.end <= n.lead]
    after = [m for m in cands if m.start >= n.stop]
    if before or after:
        return resolve(before[-1] if before else after[0], kind, d.frame)
    carry_point, carry_span = ctx.carry
    if persist and carry_span:
        return resolve(carry_span, kind, d.frame)
    if carry_point and usable(carry_point):
        return resolve(carry_point, kind, d.frame)
    return default_period(kind, d.frame)


def _observation(d: _Doc, f: _Figure, ctx: _Context) -> Observation | None:
    n, sent = f.n, ctx.sents[ctx.i]
    ind = f.indicator
    if ind:
        unit, kind, label = ind.unit, ind.kind, d.text[f.label.start:f.label.end]
    else:
        if n.unit == "USD" or n.spelled:  # "three areas", "four aspects": enumerations of discourse, not statistics
            return None
        label = _free_label(d, f, sent)
        if not label:
            return None
        unit = n.unit or "count"
        kind = "rate" if unit == "percent" else "flow"
    value = n.value * (f.sign if f.measure == "change" else 1)
    return Observation.model_construct(  # every field is built valid here; validation costs a third of the time
        indicator=ind.key if ind else None,
        label=label,
        measure=f.measure,
        period=_period(f, kind, ctx),
        value=value,
        unit=unit,
        qualifier=n.qualifier,
        evidence=sent,
        value_span=Span.model_construct(start=n.start, end=n.end, text=d.text[n.start:n.end]),
    )


_ZH_NOUN_AFTER = re.compile(r"[“”\"「」]?[\u4e00-\u9fff]{1,6}")
_ZH_NOUN_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,10}$")
_EN_WORDS = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_LABEL_TRIM = _HEAD_STOP | _HEAD_VERBS | {"and", "or", "reached", "totaled", "totalled", "hit"}


def _free_label(d: _Doc, f: _Figure, sent: Span) -> str:
    """The quantity an uncatalogued figure counts: its head noun phrase, else the words before it."""
    n = f.n
    if d.zh:
        m = _ZH_NOUN_AFTER.match(d.text, n.stop, sent.end) if n.unit == "count" else None
        if m:
            return n.classifier + m.group()
        m = _ZH_NOUN_BEFORE.search(d.text, sent.start, n.lead)
        return m.group() if m else ""
    if f.head:
        return d.text[f.head[0][1]:f.head[-1][2]]
    cl_start, _ = _clause(d, sent, n.lead, n.stop)
    words = _EN_WORDS.findall(d.text, cl_start, n.lead)[-6:]
    while words and words[-1].lower() in _LABEL_TRIM:
        words.pop()
    while words and words[0].lower() in _HEAD_STOP:
        words.pop(0)
    return " ".join(words)


def _drop_restatements(obs: list[Observation]) -> list[Observation]:
    """A rounded, qualified restatement ("exceeded 300 million") of an exact figure the document gives
    for the same indicator, measure and period ("302 million") is the same figure: dropped."""
    exact = {}
    for o in obs:
        if o.indicator and not o.qualifier:
            exact.setdefault((o.indicator, o.measure, o.period), []).append(o.value)
    out = []
    for o in obs:
        values = exact.get((o.indicator, o.measure, o.period), []) if o.indicator and o.qualifier else []
        if any(abs(v - o.value) <= 0.1 * abs(v) for v in values):
            continue
        out.append(o)
    return out
