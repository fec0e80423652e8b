"""Reference periods as briefings write them, normalised to the gold forms.

``2023`` (a year), ``2023-03`` (a month), ``2023-01/2023-03`` (a span of
months; quarters are always written this way), ``2013/2022`` (a span of
years). Relative phrases ("in December", "throughout the year", "截至3月底",
"上半年", "in the past decade") are resolved against a :class:`Frame`: the
document's date and the reporting period it states in its opening lines
("the fourth quarter press conference", "2023年一季度新闻发布会").

How a mention becomes a period depends on what is measured: a stock "as of
the end of March" is ``2023-03``, a flow over the same phrase is the
cumulative ``2023-01/2023-03``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.text.script import to_simplified

Kind = str  # "stock" | "flow" | "rate"

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_EN_NUM = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_EN_NUM.update({"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4})
_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "兩": 2}

_MONTH = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"((?:19|20)\d\d)"
_OF_YEAR = r"(?:\s*,?\s+(?:of\s+)?(?:the\s+year|this\s+year|(last\s+year)|" + _YEAR + r"))?"
_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BASE_PREPS = {"from", "than", "over", "compared with", "compared to", "versus", "vs", "vs.", "against"}

_EN_BASE_BEFORE = re.compile(
    r"(?:\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against|relative\s+to)\s+(?:that\s+(?:of|in)\s+)?"
    r"(?:the\s+)?(?:(?:end|level|same\s+period)\s+of\s+)?(?:the\s+)?"
    r"|\b(?:from|than)\s+(?:a\s+peak\s+of\s+)?[\d.,]+\s*(?:%|percent|\w+)?\s*"
    r"|\b(?:over|from|on)\s+the\s+same\s+period\s+(?:of\s+)?)$", re.I)
_ZH_BASE_BEFORE = re.compile(r"(?:比|较|較|同比|相比|与|與|跟)$")


@dataclass(frozen=True, slots=True)
class Frame:
    """What relative periods are resolved against.

    ``year`` is the year the document reports on, ``end_month`` the last month
    of the reporting period it states (12 for a yearly review, 3 for a first
    quarter), or None when it states none.
    """

    date: dt.date
    year: int
    end_month: int | None = None

    @classmethod
    def of(cls, text: str, date: dt.date | None, lang: str = "en") -> Frame:
        """The frame of a document: its date and the reporting period its opening lines name."""
        date = date or _latest_year_date(text)
        head = text[:800]
        zh = lang.startswith("zh")
        found = _zh_frame(to_simplified(head), date) if zh else _en_frame(head, date)
        if found:
            return cls(date, *found)
        return cls(date, date.year - 1 if date.month <= 2 else date.year, None)


@dataclass(frozen=True, slots=True)
class Mention:
    """A period phrase in text, already anchored to calendar years.

    ``kind`` is "year", "month" (y1-m1), "months" (y1-m1 .. y2-m2), "years"
    (y1 .. y2) or "current" ("at present", "so far"). ``as_of`` marks a
    cumulative-to-date reading ("as of the end of March", "截至3月底");
    ``base`` a comparison base ("from the end of 2019", "比上年末").
    """

    start: int
    end: int
    kind: str
    y1: int = 0
    m1: int = 0
    y2: int = 0
    m2: int = 0
    as_of: bool = False
    base: bool = False


def find_periods(text: str, frame: Frame, lang: str = "en", start: int = 0, end: int | None = None,
                 ranges: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Period mentions in ``text[start:end]`` (or only in the given ``ranges`` of it), left to right,
    without overlaps."""
    end = len(text) if end is None else end
    ranges = [(max(a, start), min(b, end)) for a, b in ranges] if ranges is not None else [(start, end)]
    zh = lang.startswith("zh")
    src = to_simplified(text) if zh else text
    low = src if zh else src.lower()
    if len(low) != len(src):
        low = src
    rules = _ZH_RULES if zh else _EN_RULES
    found: list[Mention] = []
    for seg_start, seg_end in (seg for a, b in ranges for seg in _segments(low, a, b, zh)):
        seg = low[seg_start:seg_end]
        for pattern, build, needles in rules:
            if needles and not any(x in seg for x in needles):
                continue
            for m in pattern.finditer(src, seg_start, seg_end):
                mention = build(m, frame)
                if mention is not None:
                    found.append(mention)
    found.sort(key=lambda x: (x.start, x.start - x.end))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        before = src[max(0, m.start - 40):m.start]
        if not m.base and (_ZH_BASE_BEFORE.search(before) if zh else _EN_BASE_BEFORE.search(before)):
            m = Mention(m.start, m.end, m.kind, m.y1, m.m1, m.y2, m.m2, m.as_of, True)
        kept.append(m)
    return [m for m in kept if m.kind != "date"]


# Every period phrase contains one of these words; the rules only run around them.
_EN_ANCHOR = re.compile(  # on lower-cased text
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:years?|quarters?"
    r"|half|months?|days|weeks|decade|congress|currently|present(?:ly)?|far|date|now|moment|nowadays|period|q[1-4])\b")
_ZH_ANCHOR = re.compile(r"[年月季]|以来|目前|当前|现阶段|至今|迄今|十[一二三四五六七八九]五")
_WINDOW = 80


def _segments(src: str, start: int, end: int, zh: bool) -> list[tuple[int, int]]:
    """Stretches of ``src[start:end]`` around anchor words, merged."""
    segments: list[list[int]] = []
    for m in (_ZH_ANCHOR if zh else _EN_ANCHOR).finditer(src, start, end):
        lo, hi = max(start, m.start() - _WINDOW), min(end, m.end() + _WINDOW)
        if segments and lo <= segments[-1][1]:
            segments[-1][1] = hi
        else:
            segments.append([lo, hi])
    return [(a, b) for a, b in segments]


def resolve(m: Mention, kind: Kind, frame: Frame) -> str | None:
    """The gold-form period a mention gives a figure of ``kind`` (stock, flow, rate)."""
    if m.kind == "current":
        return default_period(kind, frame)
    if m.kind == "year":
        return str(m.y1)
    if m.kind == "years":
        return str(m.y1) if m.y1 == m.y2 else f"{m.y1}/{m.y2}"
    if m.kind == "month":
        if kind == "stock":
            return _point(m.y1, m.m1)
        if kind == "flow" and m.as_of:
            return _span(m.y1, 1, m.y1, m.m1)
        return f"{m.y1}-{m.m1:02d}"
    if kind == "stock":
        return _point(m.y2, m.m2)
    return _span(m.y1, m.m1, m.y2, m.m2)


def default_period(kind: Kind, frame: Frame) -> str:
    """The period of a figure stated with no date: the end of the reporting period for a stock, the
    reporting period itself for a flow, its last month for a rate; without a stated reporting
    period, the document's month, year and previous month respectively."""
    if frame.end_month:
        if kind == "stock":
            return _point(frame.year, frame.end_month)
        if kind == "flow":
            return _span(frame.year, 1, frame.year, frame.end_month)
        return f"{frame.year}-{frame.end_month:02d}"
    d = frame.date
    if kind == "stock":
        return f"{d.year}-{d.month:02d}"
    if kind == "flow":
        return str(frame.year)
    y, m = (d.year, d.month - 1) if d.month > 1 else (d.year - 1, 12)
    return f"{y}-{m:02d}"


def normalize(phrase: str, frame: Frame, lang: str = "en", kind: Kind = "flow") -> str | None:
    """The period the first non-comparison mention in ``phrase`` gives a figure of ``kind``."""
    for m in find_periods(phrase, frame, lang):
        if not m.base:
            return resolve(m, kind, frame)
    return None


def _point(y: int, m: int) -> str:
    return str(y) if m == 12 else f"{y}-{m:02d}"


def _span(y1: int, m1: int, y2: int, m2: int) -> str:
    if y1 == y2 and m1 == 1 and m2 == 12:
        return str(y1)
    if (y1, m1) == (y2, m2):
        return f"{y1}-{m1:02d}"
    return f"{y1}-{m1:02d}/{y2}-{m2:02d}"


def _latest(frame_date: dt.date, month: int) -> int:
    """The year of the latest occurrence of ``month`` not after the document's month."""
    return frame_date.year if month <= frame_date.month else frame_date.year - 1


def _latest_year_date(text: str) -> dt.date:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[:3000])]
    return dt.date(max(years), 12, 31) if years else dt.date.today()


def _month(word: str) -> int:
    return _MONTHS[word[:3].lower()]


def _en_count(word: str) -> int | None:
    word = word.lower()
    return int(word) if word.isdigit() else _EN_NUM.get(word)


def _zh_count(word: str) -> int | None:
    """'3' -> 3, '十' -> 10, '十八' -> 18, '二十' -> 20."""
    if word.isdigit():
        return int(word)
    if not word or any(c not in _ZH_DIGIT and c != "十" for c in word):
        return None
    if "十" not in word:
        return _ZH_DIGIT[word] if len(word) == 1 else None
    tens, _, units = word.partition("十")
    return (_ZH_DIGIT.get(tens, 1) if tens else 1) * 10 + (_ZH_DIGIT.get(units, 0) if units else 0)


def _rel_year(word: str | None, frame: Frame) -> int | None:
    """'last year' / 'this year' / '去年' / '今年' / None (the reporting year)."""
    if not word:
        return None
    w = word.lower()
    if "last" in w or "previous" in w or w.startswith(("去年", "上年")):
        return frame.date.year - 1
    if "this" in w or w.startswith(("今年", "本年")):
        return frame.date.year
    if "next" in w or w.startswith("明年"):
        return frame.date.year + 1
    return None


# --- English rules: (pattern, builder) -----------------------------------------------------------

def _r(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _en_years_past(m: re.Match, f: Frame) -> Mention | None:
    n = 10 if m.group(1).lower() == "decade" else _en_count(m.group(2))
    if not n:
        return None
    return Mention(m.start(), m.end(), "years", f.date.year - n, 1, f.date.year - 1, 12)


def _en_congress(m: re.Match, f: Frame) -> Mention:
    start = 2012 + 5 * (int(m.group(1)) - 18) + 1
    return Mention(m.start(), m.end(), "years", start, 1, f.date.year - 1, 12)


def _five_year_plan(n: int, m: re.Match) -> Mention:
    y1 = 2016 + 5 * (n - 13)
    return Mention(m.start(), m.end(), "years", y1, 1, y1 + 4, 12)


def _years(m: re.Match, f: Frame) -> Mention | None:
    y1, y2 = int(m.group(1)), int(m.group(2))
    return Mention(m.start(), m.end(), "years", y1, 1, y2, 12) if y1 < y2 else None


def _since_year(m: re.Match, f: Frame) -> Mention | None:
    y = int(m.group(1))
    return Mention(m.start(), m.end(), "years", y, 1, f.date.year - 1, 12) if y < f.date.year else None


def _quarter_months(q: int) -> tuple[int, int]:
    return 3 * q - 2, 3 * q


def _en_first(m: re.Match, f: Frame) -> Mention | None:
    what = m.group(1).lower()
    if what == "quarter":
        m2 = 3
    elif what == "half":
        m2 = 6
    elif what.startswith("three") and "quarter" in what:
        m2 = 9
    else:
        m2 = _en_count(m.group(2) or "")
        if not m2 or m2 > 12:
            return None
    y = int(m.group(4)) if m.group(4) else (f.date.year - 1 if m.group(3) else _latest(f.date, m2))
    return Mention(m.start(), m.end(), "months", y, 1, y, m2)


def _en_quarter(m: re.Match, f: Frame) -> Mention | None:
    word = m.group(1).lower()
    q = 4 if word == "last" else int(word) if word.isdigit() else _en_count(word)
    if not q or q > 4:
        return None
    m1, m2 = _quarter_months(q)
    y = int(m.group(3)) if m.group(3) else (f.date.year - 1 if m.group(2) else _latest(f.date, m2))
    return Mention(m.start(), m.end(), "months", y, m1, y, m2)


def _en_quarter_end(m: re.Match, f: Frame) -> Mention | None:
    q = _en_count(m.group(1))
    if not q or q > 4:
        return None
    y = int(m.group(3)) if m.group(3) else (f.date.year - 1 if m.group(2) else _latest(f.date, 3 * q))
    return Mention(m.start(), m.end(), "month", y, 3 * q, as_of=True)


def _en_month_span(m: re.Match, f: Frame) -> Mention | None:
    m1, m2 = _month(m.group(1)), _month(m.group(2))
    if m1 >= m2:
        return None
    y = int(m.group(3)) if m.group(3) else _latest(f.date, m2)
    return Mention(m.start(), m.end(), "months", y, m1, y, m2)


def _en_month_end(m: re.Match, f: Frame) -> Mention:
    mo = _month(m.group(2))
    y = int(m.group(3)) if m.group(3) else _latest(f.date, mo)
    return Mention(m.start(), m.end(), "month", y, mo, as_of=True)


def _en_month_day_as_of(m: re.Match, f: Frame) -> Mention:
    mo = _month(m.group(2))
    y = int(m.group(4)) if m.group(4) else _latest(f.date, mo)
    return Mention(m.start(), m.end(), "month", y, mo, as_of=True)


def _en_month(m: re.Match, f: Frame) -> Mention | None:
    prep = (m.group(1) or "").lower()
    word = m.group(2)
    if word.lower() == "may" and not prep and not m.group(3):
        return None
    mo = _month(word)
    y = int(m.group(3)) if m.group(3) else _latest(f.date, mo)
    return Mention(m.start(), m.end(), "month", y, mo, base=prep in _BASE_PREPS)


def _en_date(m: re.Match, f: Frame) -> Mention:
    return Mention(m.start(), m.end(), "date")  # a calendar day names an event, not a reference period; dropped


def _en_year_end(m: re.Match, f: Frame) -> Mention:
    y = int(m.group(2)) if m.group(2) else (_rel_year(m.group(3), f) or f.year)
    return Mention(m.start(), m.end(), "year", y, 12, as_of=True)


def _en_year_end_word(m: re.Match, f: Frame) -> Mention:
    return Mention(m.start(), m.end(), "year", f.year, 12, as_of=True)


def _en_whole_year(m: re.Match, f: Frame) -> Mention:
    return Mention(m.start(), m.end(), "year", f.year, 12)


def _en_rel_year(m: re.Match, f: Frame) -> Mention:
    y = _rel_year(m.group(1), f) or f.year
    return Mention(m.start(), m.end(), "year", y, 12)


def _en_base_year(m: re.Match, f: Frame) -> Mention:
    return Mention(m.start(), m.end(), "year", f.date.year - 1, 12, base=True)


def _en_year(m: re.Match, f: Frame) -> Mention:
    prep = " ".join((m.group(1) or "").lower().split())
    y = int(m.group(2))
    return Mention(m.start(), m.end(), "year", y, 12, base=prep in _BASE_PREPS)


def _current(m: re.Match, f: Frame) -> Mention:
    return Mention(m.start(), m.end(), "current")


_EN_RULES: list[tuple[re.Pattern, object, tuple[str, ...]]] = [  # (pattern, builder, words it needs)
    (_r(r"\b(?:(?:in|over|during|for|throughout)\s+)?the\s+(?:past|last|previous)\s+(decade|(\w+)\s+years)\b"),
     _en_years_past, ("decade", "year")),
    (_r(r"\bsince\s+the\s+(\d{1,2})(?:st|nd|rd|th)\s+(?:CPC\s+|Party\s+|Communist\s+Party\s+of\s+China\s+)?"
        r"National\s+(?:Party\s+)?Congress(?:\s+of\s+the\s+(?:CPC|Communist\s+Party\s+of\s+China))?"),
     _en_congress, ("congress",)),
    (_r(r"\b(?:(?:during|in|over|throughout)\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\s+Five-Year\s+Plan(?:\s+period)?"
        r"(?:\s*\(\s*\d{4}\s*[-–—]\s*\d{4}\s*\))?"),
     lambda m, f: _five_year_plan(int(m.group(1)), m), ("five-year", "five year")),
    (_r(r"\b(?:from|between)\s+" + _YEAR + r"\s+(?:to|and|until|till|through)\s+" + _YEAR + r"\b"),
     _years, ("19", "20")),
    (_r(r"\b" + _YEAR + r"\s*[-–—]\s*" + _YEAR + r"\b"), _years, ("19", "20")),
    (_r(r"\bsince\s+" + _YEAR + r"\b"), _since_year, ("since",)),
    (_r(r"\b(?:(?:in|during|for|over)\s+)?(?:the\s+)?first\s+(quarter|half|three\s+quarters|(\w+)\s+months)" + _OF_YEAR),
     _en_first, ("first",)),
    (_r(r"\b(?:(?:in|during|for|over)\s+)?the\s+(second|third|fourth|2nd|3rd|4th|last)\s+quarter" + _OF_YEAR),
     _en_quarter, ("quarter",)),
    (_r(r"\b(?:in\s+)?(?:the\s+)?Q([1-4])(?:\s*,?\s*(?:of\s+)?(last\s+year)|\s*,?\s*(?:of\s+)?" + _YEAR + r")?\b"),
     _en_quarter, ("q1", "q2", "q3", "q4")),
    (_r(r"\b(?:(?:as\s+of|by|at|until|till|up\s+to|through)\s+)?the\s+end\s+of\s+the\s+(first|second|third|fourth)"
        r"\s+quarter" + _OF_YEAR), _en_quarter_end, ("quarter",)),
    (_r(r"\b(?:from\s+)?" + _MONTH + r"\s*(?:to|through|-|–|—)\s*" + _MONTH
        + r"(?:\s*,?\s*(?:of\s+)?" + _YEAR + r")?\b"), _en_month_span, _MONTH_NEEDLES),
    (_r(r"\b(?:(as\s+of|by|at|until|till|up\s+to|through)\s+)?the\s+end\s+of\s+" + _MONTH
        + r"(?:\s*,?\s*(?:of\s+)?" + _YEAR + r")?"), _en_month_end, _MONTH_NEEDLES),
    (_r(r"\b(as\s+of|by|until|till|up\s+to|through)\s+" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?"
        r"(?:\s*,\s*" + _YEAR + r")?"), _en_month_day_as_of, _MONTH_NEEDLES),
    (_r(r"\b" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b(?:\s*,\s*(?:19|20)\d\d)?"
        r"|\b\d{1,2}\s+" + _MONTH + r"\s+(?:19|20)\d\d|\b(?:19|20)\d\d-\d\d-\d\d\b"), _en_date, _MONTH_NEEDLES + ("19", "20")),
    (_r(r"\b(?:(in|during|for|of|from|than|over|since|until|till|through|by)\s+)?" + _MONTH
        + r"(?:\s*,?\s*" + _YEAR + r")?\b(?!\s*\d)"), _en_month, _MONTH_NEEDLES),
    (_r(r"\b(?:(as\s+of|by|at|until|till|up\s+to|through)\s+)?the\s+end\s+of\s+(?:" + _YEAR
        + r"|(last|this|the\s+previous|the\s+past)\s+year|the\s+year)\b"), _en_year_end, ("end",)),
    (_r(r"\byear[-\s]end\b"), _en_year_end_word, ("year",)),
    (_r(r"\b(?:(?:throughout|during|over|in|for|within)\s+the\s+(?:whole\s+|entire\s+|full\s+)?"
        r"|the\s+(?:whole|entire|full)\s+)year\b(?![-\s]on[-\s])|\bfull[-\s]year\b"), _en_whole_year, ("year",)),
    (_r(r"\b(?:the\s+previous\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+same\s+period\s+(?:of\s+)?last\s+year"
        r"|the\s+previous\s+month|a\s+month\s+earlier)\b"), _en_base_year, ("year", "month")),
    (_r(r"\b(this|last|next)\s+year\b"), _en_rel_year, ("year",)),
    (_r(r"\b(?:(in|during|for|of|by|from|than|over|throughout|until|till|through|compared\s+with|compared\s+to"
        r"|versus|vs\.?)\s+)?" + _YEAR + r"\b(?![-–]\d)"), _en_year, ("19", "20")),
    (_r(r"\b(?:currently|at\s+present|presently|so\s+far|to\s+date|as\s+of\s+now|up\s+to\s+now|until\s+now|by\s+now"
        r"|at\s+the\s+moment|nowadays|within\s+(?:the\s+)?(?:\w+|\d+)\s+(?:days|weeks|months))\b"),
     _current, ("current", "present", "far", "date", "now", "moment", "within")),
]


# --- Chinese rules (run on Simplified text) ----------------------------------------------------------

def _zh_congress(m: re.Match, f: Frame) -> Mention | None:
    n = _zh_count(m.group(1))
    return None if not n else Mention(m.start(), m.end(), "years", 2012 + 5 * (n - 18) + 1, 1, f.date.year - 1, 12)


def _zh_years_past(m: re.Match, f: Frame) -> Mention | None:
    n = _zh_count(m.group(1))
    return None if not n or n > 50 else Mention(m.start(), m.end(), "years", f.date.year - n, 1, f.date.year - 1, 12)


def _zh_plan(m: re.Match, f: Frame) -> Mention | None:
    n = _zh_count(m.group(1))
    return None if not n else _five_year_plan(n, m)


def _zh_month_span(m: re.Match, f: Frame) -> Mention | None:
    m1, m2 = int(m.group(2)), int(m.group(3))
    if not 1 <= m1 < m2 <= 12:
        return None
    y = (int(m.group(1)) if m.group(1) else None) or _latest(f.date, m2)
    return Mention(m.start(), m.end(), "months", y, m1, y, m2)


def _zh_quarter(m: re.Match, f: Frame) -> Mention | None:
    q = _zh_count(m.group(2))
    if not q or q > 4:
        return None
    m1, m2 = _quarter_months(q)
    y = (int(m.group(1)) if m.group(1) else None) or _latest(f.date, m2)
    if m.group(3):
        return Mention(m.start(), m.end(), "month", y, m2, as_of=True)
    return Mention(m.start(), m.end(), "months", y, m1, y, m2)


def _zh_half(m: re.Match, f: Frame) -> Mention:
    m1, m2 = {"上半年": (1, 6), "下半年": (7, 12)}.get(m.group(2), (1, 9))
    y = (int(m.group(1)) if m.group(1) else None) or _latest(f.date, m2)
    return Mention(m.start(), m.end(), "months", y, m1, y, m2)


def _zh_first_months(m: re.Match, f: Frame) -> Mention | None:
    n = _zh_count(m.group(2))
    if not n or n > 12:
        return None
    y = (int(m.group(1)) if m.group(1) else None) or _latest(f.date, n)
    return Mention(m.start(), m.end(), "months", y, 1, y, n)


_ZH_AS_OF = re.compile(r"(?:截至|截止到?|到)$")


def _zh_as_of(m: re.Match) -> tuple[int, bool]:
    """The start of a mention including a leading 截至/截止/到, and whether there is one."""
    p = _ZH_AS_OF.search(m.string, max(0, m.start() - 3), m.start())
    return (p.start(), True) if p else (m.start(), False)


def _zh_month(m: re.Match, f: Frame) -> Mention | None:
    year, mo, day, part = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    start, prefix = _zh_as_of(m)
    if not 1 <= mo <= 12 or (day and not prefix):
        return None
    y = int(year) if year else _latest(f.date, mo)
    return Mention(start, m.end(), "month", y, mo, as_of=prefix or part in ("底", "末"))


def _zh_year_point(m: re.Match, f: Frame) -> Mention:
    start, prefix = _zh_as_of(m)
    return Mention(start, m.end(), "year", int(m.group(1)), 12, as_of=prefix or bool(m.group(2)))


def _zh_rel_year(m: re.Match, f: Frame) -> Mention:
    word = m.group(1)
    start, prefix = _zh_as_of(m)
    y = _rel_year(word, f) or f.year
    return Mention(start, m.end(), "year", y, 12, as_of=prefix or word.endswith(("底", "末")), base=word.endswith("同期"))


_ZH_NUM = r"(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_ZH_RULES: list[tuple[re.Pattern, object, tuple[str, ...]]] = [
    (re.compile(r"(?:党的)?(十[一二三四五六七八九]|二十[一二三]?)大以来"), _zh_congress, ()),
    (re.compile(r"(?:过去|近|最近)" + _ZH_NUM + r"年(?:来|间|以来|中)?"), _zh_years_past, ()),
    (re.compile(r"([一二两三四五六七八九十]{1,3})年(?:来|以来)"), _zh_years_past, ()),
    (re.compile(r"[“\"]?(十[一二三四五六七八九])五[”\"]?(?:规划)?(?:时期|期间)?"), _zh_plan, ()),
    (re.compile(_YEAR + r"\s*年?\s*[-—－~～至到]\s*" + _YEAR + r"\s*年"), _years, ()),
    (re.compile(_YEAR + r"年以来"), _since_year, ()),
    (re.compile(r"(?:" + _YEAR + r"年)?(\d{1,2})\s*[-—－~～至到]\s*(\d{1,2})月份?"), _zh_month_span, ()),
    (re.compile(r"(?:" + _YEAR + r"年)?第?([一二三四1-4])季度(末|底)?"), _zh_quarter, ()),
    (re.compile(r"(?:" + _YEAR + r"年)?(上半年|下半年|前三季度|前三个季度)"), _zh_half, ()),
    (re.compile(r"(?:" + _YEAR + r"年)?前" + _ZH_NUM + r"个?月"), _zh_first_months, ()),
    (re.compile(r"(?:" + _YEAR + r"年)?(\d{1,2})月份?(?:(\d{1,2})[日号])?(底|末|初|上旬|中旬|下旬)?"), _zh_month, ()),
    (re.compile(_YEAR + r"年(底|末)?(?!\d)"), _zh_year_point, ()),
    (re.compile(r"(今年|去年同期|上年同期|去年底|去年末|上年底|上年末|去年|上年|本年|当年|全年|年底|年末|明年)"), _zh_rel_year, ()),
    (re.compile(r"截至目前|截止目前|目前|当前|现阶段|至今|迄今"), _current, ()),
]


def _en_frame(head: str, date: dt.date) -> tuple[int, int] | None:
    m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter(?:\s+(?:of\s+)?" + _YEAR + r")?", head, re.I)
    if m:
        return _frame_end(int(m.group(2)) if m.group(2) else None, 3 * _en_count(m.group(1)), date)
    m = re.search(r"\bfirst\s+(half|three\s+quarters)(?:\s+of\s+(?:the\s+year\s+)?" + _YEAR + r")?", head, re.I)
    if m:
        return _frame_end(int(m.group(2)) if m.group(2) else None, 6 if m.group(1).lower() == "half" else 9, date)
    for m in re.finditer(r"\b(?:in|for|of|during)\s+" + _YEAR + r"\b", head, re.I):
        if int(m.group(1)) == date.year - 1:
            return _frame_end(date.year - 1, 12, date)
    return None


def _zh_frame(head: str, date: dt.date) -> tuple[int, int] | None:
    m = re.search(r"(?:" + _YEAR + r"年)?(?:第?([一二三四1-4])季度|(上半年)|(前三季度))", head)
    if m:
        end = 6 if m.group(3) else 9 if m.group(4) else 3 * (_zh_count(m.group(2)) or 0)
        return _frame_end(int(m.group(1)) if m.group(1) else None, end, date) if end else None
    for m in re.finditer(_YEAR + r"年(?!\d{1,2}月\d)", head):
        if int(m.group(1)) == date.year - 1:
            return _frame_end(date.year - 1, 12, date)
    return None


def _frame_end(year: int | None, month: int, date: dt.date) -> tuple[int, int] | None:
    year = year or _latest(date, month)
    months_before = (date.year - year) * 12 + date.month - month
    return (year, month) if 0 <= months_before <= 14 else None
