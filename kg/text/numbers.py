"""Numbers as briefings write them, in English and Chinese: value, unit hint, qualifier, span.

No domain knowledge: "12.44 million", "7.92 trillion yuan", "55,000", "5.1%",
"0.3 percentage points", "nine", "297萬", "2.04万亿元", "1000余项", "3.5个百分点",
with qualifiers ("more than", "nearly", "超过", "近", "余", "以上" ...). Years,
dates, times, ages, durations, ordinals and list markers are not numbers here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kg.model import Span

# Qualifier vocabulary -> kg qualifier. "Nearly" means just under the figure.
_MORE, _ABOUT, _LESS = "more_than", "about", "less_than"

_EN_SCALE = {"thousand": 10**3, "million": 10**6, "mln": 10**6, "billion": 10**9, "bln": 10**9, "bn": 10**9,
             "trillion": 10**12, "tn": 10**12}
_ZH_SCALE = {"百": 10**2, "千": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
             "万亿": 10**12, "萬億": 10**12, "千万": 10**7, "千萬": 10**7, "百万": 10**6, "百萬": 10**6}
_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_WORDS.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TIME_UNIT_EN = (r"(?:(?:years?(?![-\s]on[-\s]year)|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|quarters?|am|pm"
                 r"|o'clock)\b|a\.m\.|p\.m\.|[年月日号時时])")

_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)*")
_SPELLED = re.compile(  # run on lower-cased text: case-insensitive matching is three times slower
    r"\b(?:(" + "|".join(sorted((w for w in _WORDS if w not in ("zero", "one")), key=len, reverse=True)) + r")"
    r"(?:-(one|two|three|four|five|six|seven|eight|nine))?|(one))\b(?:\s+(hundred))?")

_EN_SUFFIX = re.compile(
    r"(?P<plus>\s*\+|-plus\b)?"
    r"(?:[ \t-]*(?P<scale>thousand|million|mln|billion|bln|bn|trillion|tn)\b)?"
    r"(?P<plus2>\s*\+|-plus\b)?"
    r"(?:[ \t]*(?P<unit>%|％|percentage\s+points?\b|percent\b|per\s*cent\b|pct\b|yuan\b|renminbi\b|rmb\b"
    r"|people\b|persons\b|person[-\s]times\b|individuals\b))?"
    r"(?P<more>\s+or\s+(?:more|above)\b)?")
_EN_QUALIFIER = re.compile(
    r"\b(?P<q>more\s+than|over|above|exceed(?:ed|ing|s)?|in\s+excess\s+of|upwards\s+of|at\s+least|topped|surpass(?:ed|ing)?"
    r"|pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|broke\s+through"
    r"|nearly|almost|close\s+to|about|around|approximately|roughly|some|an\s+estimated|estimated"
    r"|less\s+than|fewer\s+than|under|below|up\s+to|no\s+more\s+than)\s+(?:a\s+total\s+of\s+)?$")
_EN_CURRENCY = re.compile(r"(?P<cur>rmb|cny|¥|￥|us\$|\$)\s?$")
_EN_SKIP_BEFORE = re.compile(
    r"(?:[A-Za-z]-?|\bno\.\s?|\d:|/|\b" + _MONTH + r"\.?\s+|\b" + _MONTH + r"\.?\s+\d{1,2}\s*(?:-|–|to|and)\s*"
    r"|\bage[sd]?\b[^.,;]{0,20}|[\"“'‘])$")
_EN_SKIP_AFTER = re.compile(
    r"(?:st|nd|rd|th)\b|[A-Za-z]|\s*(?:-|–|to|and)?\s*(?:\d+\s*)?-?\s*" + _TIME_UNIT_EN + r"|[:/]\d"
    r"|\s+(?:of\s+)?" + _MONTH + r"\b|\s*[-–]\s*year-old|[\"”'’]")
_DEFINITE = re.compile(r"\b(?:the|these|those|its|their|all|our|both)\s+$")
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*\(?$")

_ZH_SUFFIX = re.compile(
    r"(?P<approx1>余|餘|多)?(?P<scale>万亿|萬億|千万|千萬|百万|百萬|亿|億|万|萬|千|百)?(?P<approx2>余|餘|多)?"
    r"(?P<unit>个百分点|個百分點|百分点|百分點|%|％|元|人次|人|名|"
    r"[个個项項场場家次张張件户戶批所条條种種类類座台部款份篇起宗期支架辆輛套])?"
    r"(?P<after>以上|左右|以下|之多)?")
_ZH_QUALIFIER = re.compile(
    r"(?P<q>超过|超過|逾|将近|將近|接近|近|约|約|大约|大約|不到|不足|不少于|不少於|突破|高于|高於|低于|低於|达到约|達到約)$")
_ZH_QUALIFIER_KIND = {"超过": _MORE, "超過": _MORE, "逾": _MORE, "不少于": _MORE, "不少於": _MORE, "突破": _MORE,
                      "高于": _MORE, "高於": _MORE, "约": _ABOUT, "約": _ABOUT, "大约": _ABOUT, "大約": _ABOUT,
                      "达到约": _ABOUT, "達到約": _ABOUT}
_ZH_SKIP_AFTER = re.compile(
    r"\s*(?:[-—－~～至到]\s*\d+\s*)?(?:年|月|日|号|號|时|時|点|點|分钟|分鐘|秒|岁|歲|周岁|週歲|天|周|週|小时|小時|个月|個月|届|屆)"
    r"|[A-Za-z]|\s*[-—－~～]\s*\d")
_ZH_SKIP_BEFORE = re.compile(r"(?:第|[A-Za-z]-?|\d:|[“\"「『])$")
_ZH_CLASSIFIER_UNIT = {"元": "CNY", "人": "person", "名": "person", "人次": "person", "%": "percent", "％": "percent",
                       "个百分点": "percent", "個百分點": "percent", "百分点": "percent", "百分點": "percent"}


@dataclass(frozen=True, slots=True)
class Number:
    """A number found in text.

    ``start:end`` is the number as written with its scale ("12.44 million",
    "297萬"); ``lead`` also covers a leading qualifier or currency sign,
    ``stop`` a trailing unit word or classifier ("yuan", "people", "人", "场").
    ``unit`` is a hint from the text alone: person, CNY, percent, count, USD,
    or None for a bare number.
    """

    value: float
    unit: str | None
    qualifier: str | None
    start: int
    end: int
    lead: int
    stop: int
    points: bool = False  # percentage points, i.e. a change of a rate
    scaled: bool = False  # written with a scale word (million, 万)
    spelled: bool = False  # written in words ("nine")
    classifier: str = ""  # the unit word or Chinese classifier as written

    def span(self, text: str) -> Span:
        return Span(start=self.start, end=self.end, text=text[self.start:self.end])


def find_numbers(text: str, lang: str = "en", start: int = 0, end: int | None = None) -> list[Number]:
    """Numbers in ``text[start:end]``; ``lang`` is "en" or a Chinese tag ("zh-Hans", "zh-Hant")."""
    end = len(text) if end is None else end
    if lang.startswith("zh"):
        return [n for m in _DIGITS.finditer(text, start, end) if (n := _zh_number(text, m, end))]
    low = text.lower()  # the English patterns are written in lower case: case-insensitive matching is slower
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    found = [n for m in _DIGITS.finditer(text, start, end) if (n := _en_number(low, m, end))]
    found += [n for m in _SPELLED.finditer(low, start, end) if (n := _spelled_number(low, m, end))]
    return sorted(found, key=lambda n: n.start)


def parse_number(phrase: str, lang: str = "en") -> Number | None:
    """The single number written in ``phrase`` (the first if several)."""
    found = find_numbers(phrase, lang)
    return found[0] if found else None


def _digits_value(raw: str) -> Decimal:
    """'55,000' -> 55000; a stray extra point ('10.4.2') keeps only the last one as the decimal point."""
    raw = raw.replace(",", "")
    if raw.count(".") > 1:
        head, _, tail = raw.rpartition(".")
        raw = head.replace(".", "") + "." + tail
    return Decimal("".join(str(int(c)) if c.isdigit() else c for c in raw))


def _en_number(text: str, m: re.Match, limit: int) -> Number | None:
    s, e = m.span()
    if _EN_SKIP_BEFORE.search(text, max(0, s - 30), s):
        return None
    if text[e:e + 1] in (".", ")") and _LIST_MARKER.search(text, max(0, s - 3), s):
        return None  # "1." or "(1)" list marker
    suffix = _EN_SUFFIX.match(text, e, limit)
    scale_word = suffix.group("scale") or ""
    unit_word = suffix.group("unit") or ""
    if not scale_word and not unit_word and _EN_SKIP_AFTER.match(text, e, limit):
        return None
    raw = m.group()
    value = _digits_value(raw)
    if not scale_word and not unit_word and len(raw) == 4 and 1900 <= value <= 2100:
        return None  # a year
    cur = _EN_CURRENCY.search(text, max(0, s - 5), s)
    lead = cur.start() if cur else s
    qual = _EN_QUALIFIER.search(text, max(0, lead - 30), lead)
    qualifier = _en_qualifier(qual.group("q")) if qual else None
    if suffix.group("plus") or suffix.group("plus2") or suffix.group("more"):
        qualifier = _MORE
    unit, points = _en_unit(unit_word, cur.group("cur") if cur else "")
    if scale_word:
        value *= _EN_SCALE[scale_word]
    num_end = suffix.end("unit") if unit_word in ("%", "％") else _scale_end(suffix, e)
    stop = suffix.end() if unit_word or suffix.group("more") else num_end
    return Number(value=float(value), unit=unit, qualifier=qualifier, start=s, end=num_end,
                  lead=qual.start() if qual else lead, stop=stop, points=points, scaled=bool(scale_word),
                  classifier=unit_word)


def _scale_end(suffix: re.Match, e: int) -> int:
    for g in ("plus2", "scale", "plus"):
        if suffix.group(g):
            return suffix.end(g)
    return e


def _en_unit(unit_word: str, currency: str) -> tuple[str | None, bool]:
    if unit_word.startswith("percentage"):
        return "percent", True
    if unit_word in ("%", "％", "pct") or re.fullmatch(r"per\s*cent", unit_word):
        return "percent", False
    if unit_word in ("yuan", "renminbi", "rmb") or currency in ("rmb", "cny", "¥", "￥"):
        return "CNY", False
    if currency:
        return "USD", False
    return ("person" if unit_word else None), False


def _en_qualifier(word: str) -> str:
    w = word.split()[0]
    if w in ("nearly", "almost", "close"):
        return _LESS
    if w in ("about", "around", "approximately", "roughly", "some", "an", "estimated"):
        return _ABOUT
    if w in ("less", "fewer", "under", "below", "up", "no"):
        return _LESS
    return _MORE


def _spelled_number(text: str, m: re.Match, limit: int) -> Number | None:
    word, unit_word, one, hundred = m.group(1), m.group(2), m.group(3), m.group(4)
    value = Decimal(_WORDS[word or one] + (_WORDS[unit_word] if unit_word else 0))
    if hundred:
        value *= 100
    e = m.end()
    suffix = _EN_SUFFIX.match(text, e, limit)
    scale_word = suffix.group("scale") or ""
    if one and not scale_word:
        return None  # "one" is too often not a count ("one of", "one-stop")
    if not scale_word and _EN_SKIP_AFTER.match(text, e, limit):
        return None
    if text[max(0, m.start() - 1):m.start()] in ("-", "“", '"') or text[e:e + 1] == "-":
        return None
    if _DEFINITE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "the three social insurance funds" names a set, it does not count
    if scale_word:
        value *= _EN_SCALE[scale_word]
    unit_word = suffix.group("unit") or ""
    unit, points = _en_unit(unit_word, "")
    num_end = _scale_end(suffix, e)
    qual = _EN_QUALIFIER.search(text, max(0, m.start() - 30), m.start())
    return Number(value=float(value), unit=unit, qualifier=_en_qualifier(qual.group("q")) if qual else None,
                  start=m.start(), end=num_end, lead=qual.start() if qual else m.start(),
                  stop=suffix.end() if unit_word else num_end, points=points, scaled=bool(scale_word),
                  spelled=True, classifier=unit_word)


def _zh_number(text: str, m: re.Match, limit: int) -> Number | None:
    s, e = m.span()
    if _ZH_SKIP_BEFORE.search(text, max(0, s - 2), s) or _ZH_SKIP_AFTER.match(text, e, limit):
        return None
    if text[e:e + 1] in ("、", ".") and _LIST_MARKER.search(text[max(0, s - 3):s]):
        return None  # "1、" list marker
    suffix = _ZH_SUFFIX.match(text, e, limit)
    unit_word = suffix.group("unit") or ""
    if unit_word in ("个", "個") and text[suffix.end():suffix.end() + 1] == "月":
        return None  # "3个月" is a duration
    raw = m.group()
    value = _digits_value(raw)
    scale = suffix.group("scale") or ""
    if not scale and not unit_word and "." not in raw and len(raw) == 4 and 1900 <= value <= 2100:
        return None
    value *= _ZH_SCALE.get(scale, 1)
    q = _ZH_QUALIFIER.search(text, max(0, s - 4), s)
    qualifier = None
    if q:
        qualifier = _ZH_QUALIFIER_KIND.get(q.group("q"), _LESS)
    if suffix.group("approx1") or suffix.group("approx2") or suffix.group("after") in ("以上", "之多"):
        qualifier = _MORE
    elif suffix.group("after") == "左右":
        qualifier = _ABOUT
    elif suffix.group("after") == "以下":
        qualifier = _LESS
    lead = q.start() if q else s
    if text[max(0, lead - 3):lead] in ("人民币", "人民幣"):
        unit = "CNY"
    else:
        unit = _ZH_CLASSIFIER_UNIT.get(unit_word, "count" if unit_word else None)
    num_end = next((suffix.end(g) for g in ("approx2", "scale", "approx1") if suffix.group(g)), e)
    if unit_word in ("%", "％"):
        num_end = suffix.end("unit")
    stop = suffix.end() if unit_word or suffix.group("after") else num_end
    return Number(value=float(value), unit=unit, qualifier=qualifier, start=s, end=num_end, lead=lead, stop=stop,
                  points="百分" in unit_word, scaled=bool(scale), classifier=unit_word)
