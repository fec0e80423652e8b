"""Make N realistic briefings from real ones, so a benchmark graph grows like a real graph.

Each output file is one template briefing (the bundled examples and any corpus folders given)
moved to another date and rendered again:

- dates: a year in 2015-2025 and a day in the template's month (its quarter); every year the text
  mentions moves by the same offset, the briefing date and weekday are rewritten in every form
  ("January 24", "Jan. 24", "the 24th", "2024-01-24", "1月24日");
- figures: each number with a magnitude ("12.44 million", "1244万", "1,244萬", "5.1%", "380,000")
  is scaled by a factor drawn from (seed, year, month, value), so the English and Chinese reports
  of one quarter agree with each other and differ from other quarters;
- speakers: the officials the extractors find in the template are replaced by a yearly roster
  drawn from those officials and a pool of plausible names (hanzi and pinyin agree);
- scripts and formats: Chinese text is rendered in Simplified or Traditional (opencc), files are
  written as .txt, .md or .html (with navigation, scripts and spam around the article), in UTF-8
  mostly, sometimes GB18030, Big5 or UTF-16.

Deterministic for a given seed and set of templates. Usage::

    python bench/generate.py OUT_DIR -n 1000 [--source examples --source ../shared/corpus] [--seed 7]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import html
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
YEARS = range(2015, 2026)
_MULT = {"million": 1e6, "billion": 1e9, "trillion": 1e12, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
         "万亿": 1e12, "萬億": 1e12}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# One pass over the text; the first alternative that matches at a position wins.
_TOKEN = re.compile(
    r"(?P<iso>(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?!\d))"
    rf"|(?P<en>\b(?P<emon>{_MONTH_RE})(?P<edot>\.?)\s+(?P<eday>[0-3]?\d)(?P<eord>st|nd|rd|th)?\b)"
    rf"|(?P<en2>\b(?P<e2day>[0-3]?\d)\s+(?P<e2mon>{_MONTH_RE})\b)"
    r"|(?P<ord>\bthe (?P<oday>[0-3]?\d)(?:st|nd|rd|th)\b)"
    r"|(?P<zh>(?<!\d)(?P<zm>[01]?\d)月(?P<zd>[0-3]?\d)(?P<zsuf>[日号號]))"
    r"|(?P<zhday>(?<![\d月])(?P<zdd>[0-3]?\d)日(?=[举舉召在，,]))"
    r"|(?P<weekday>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<year>(?<![\d.,])(?:19|20)\d\d(?!\d|[.,]\d|\s*(?:billion|million|yuan|people|[亿億万萬元人多余餘个個场場家名项項])))"
    r"|(?P<num>(?<![\d.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:(?P<big>\s*(?:million|billion|trillion)\b|万亿|萬億|亿|億|万|萬)"
    r"|(?P<pct>\s*(?:%|percent\b|percentage points?\b|个百分点|個百分點))"
    r"|(?<=\d,\d\d\d)(?![\d.])))"
)


@dataclass
class Template:
    """One source briefing: its text, date, language, and the officials to replace."""

    name: str
    text: str
    date: dt.date
    language: str
    officials: list[tuple[str, str | None, str]] = field(default_factory=list)  # (pinyin, hanzi, slot)


@dataclass(frozen=True)
class Persona:
    pinyin: str
    hanzi: str | None

    @property
    def surname(self) -> str:
        return self.pinyin.split()[0]


def _rng(*key) -> random.Random:
    return random.Random(hashlib.sha256(repr(key).encode()).digest())


# --- templates ----------------------------------------------------------------

def load_templates(sources: list[Path]) -> list[Template]:
    """Every dated briefing under ``sources``, with the officials the extractors find in it."""
    from kg.extract.people import extract_people
    from kg.ingest import IngestError, discover, load_document

    files, _ = discover(sources)
    out = []
    for path in files:
        try:
            doc = load_document(path)
        except IngestError:
            continue
        if doc.date is None:
            continue
        persons, posts = extract_people(doc)
        zh = {p.name: p.name_zh for p in persons}
        officials, seen = [], {}
        for post in posts:
            if post.person in seen:
                continue
            seen[post.person] = n = sum(1 for o in officials if o[2].startswith(post.role))
            officials.append((post.person, zh.get(post.person), f"{post.role}/{n}"))
        out.append(Template(path.stem, doc.text, doc.date, doc.language, officials))
    return out


# --- people -------------------------------------------------------------------

_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
                 "汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤") + ["欧阳", "司马"]
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文晓东海波宁颖雪琳斌峰凯健俊浩宇欣佳晨立新春雨慧云飞"


def name_pool(seed: int, size: int = 80) -> list[Persona]:
    """Plausible officials' names: a common family name and one or two given-name characters."""
    from kg.text.names import hanzi_to_pinyin

    rng = _rng("names", seed)
    pool: dict[str, Persona] = {}
    while len(pool) < size:
        hanzi = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))
        pinyin = hanzi_to_pinyin(hanzi)
        if pinyin not in {p.pinyin for p in pool.values()}:
            pool[hanzi] = Persona(pinyin, hanzi)
    return list(pool.values())


class Roster:
    """Who holds each post in a given year: terms of three years, drawn from seen officials and the pool."""

    def __init__(self, templates: list[Template], seed: int):
        from kg.text.names import hanzi_to_pinyin

        seen = {}
        for t in templates:
            for pinyin, hanzi, _ in t.officials:
                if hanzi or pinyin not in seen:
                    seen[pinyin] = Persona(pinyin, hanzi and _simplified(hanzi))
        for p in list(seen.values()):  # an English-only official gets no hanzi; keep the pinyin
            if p.hanzi and hanzi_to_pinyin(p.hanzi) != p.pinyin:
                seen[p.pinyin] = Persona(p.pinyin, None)
        self.people = list(seen.values()) + name_pool(seed)
        self.seed = seed

    def cast(self, template: Template, year: int) -> dict[str, Persona]:
        """Source official -> the persona holding that post in ``year`` (distinct within one document)."""
        cast: dict[str, Persona] = {}
        for pinyin, _, slot in template.officials:
            term = (year - 2015 + _rng("offset", self.seed, slot).randrange(3)) // 3
            rng = _rng("cast", self.seed, slot, term)
            for _ in range(len(self.people)):
                persona = rng.choice(self.people)
                if persona not in cast.values():
                    cast[pinyin] = persona
                    break
        return cast


def _simplified(text: str) -> str:
    from kg.text.script import to_simplified

    return to_simplified(text)


def _traditional(text: str) -> str:
    from kg.text.script import to_traditional

    return to_traditional(text)


# --- rewriting ----------------------------------------------------------------

def rewrite(t: Template, date: dt.date, cast: dict[str, Persona], seed: int) -> str:
    """The template's text moved to ``date``, with its figures and officials replaced."""
    delta = date.year - t.date.year
    names: dict[str, str] = {}
    for pinyin, hanzi, _ in t.officials:
        if pinyin not in cast:
            continue
        new = cast[pinyin]
        names[pinyin] = new.pinyin
        names[pinyin.upper()] = new.pinyin.upper()
        names[pinyin.split()[0]] = new.surname
        if hanzi and new.hanzi:
            names[_simplified(hanzi)] = new.hanzi
            names[_traditional(hanzi)] = _traditional(new.hanzi)
    if names:
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?P<name>(?<![A-Za-z]){'(?:' + alternation + ')'}(?![a-z]))|" + _TOKEN.pattern)
    else:
        pattern = _TOKEN

    def month_day(month: int, day: int) -> tuple[int, int] | None:
        return (date.month, date.day) if (month, day) == (t.date.month, t.date.day) else None

    def sub(m: re.Match) -> str:
        g = m.groupdict()
        if g.get("name"):
            return names[m.group("name")]
        if g["iso"]:
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
            mo, d = month_day(mo, d) or (mo, d)
            return f"{y + delta}-{mo:02d}-{min(d, calendar.monthrange(y + delta, mo)[1]):02d}"
        if g["en"]:
            new = month_day(_month_number(g["emon"]), int(g["eday"]))
            if not new:
                return m.group()
            name = _MONTHS[new[0] - 1]
            mon = name[:3] + g["edot"] if len(g["emon"]) <= 4 and name != "May" else name
            return f"{mon} {new[1]}{_ordinal(new[1]) if g['eord'] else ''}"
        if g["en2"]:
            new = month_day(_month_number(g["e2mon"]), int(g["e2day"]))
            return f"{new[1]} {_MONTHS[new[0] - 1]}" if new else m.group()
        if g["ord"]:
            return f"the {date.day}{_ordinal(date.day)}" if int(g["oday"]) == t.date.day else m.group()
        if g["zh"]:
            new = month_day(int(g["zm"]), int(g["zd"]))
            return f"{new[0]}月{new[1]}{g['zsuf']}" if new else m.group()
        if g["zhday"]:
            return f"{date.day}日" if int(g["zdd"]) == t.date.day else m.group()
        if g["weekday"]:
            return _WEEKDAYS[date.weekday()]
        if g["year"]:
            return str(int(g["year"]) + delta)
        return _perturb(m, seed, date)

    return pattern.sub(sub, t.text)


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, start=1) if m.lower().startswith(name.lower()[:3]))


def _ordinal(day: int) -> str:
    return "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _perturb(m: re.Match, seed: int, date: dt.date) -> str:
    """The number scaled by a factor that depends on its value and the quarter, in the same rendering."""
    g = m.groupdict()
    digits, dec = g["int"], g["dec"] or ""
    unit = (g["big"] or "").strip()
    value = float(digits.replace(",", "") + ("." + dec if dec else ""))
    canonical = value * _MULT.get(unit, 1)
    kind = "pct" if g["pct"] else "count"
    spread = 0.06 if kind == "pct" else 0.12
    factor = 1 + _rng("figure", seed, date.year, date.month, kind, f"{canonical:.6g}").uniform(-spread, spread)
    step = 10 ** max(0, len(digits.replace(",", "")) - len(digits.replace(",", "").rstrip("0")) - 1) if not dec else 1
    new = round(value * factor / step) * step if not dec else round(value * factor, len(dec))
    if new <= 0:
        new = value
    text = f"{new:.{len(dec)}f}"
    if "," in digits:
        whole, _, frac = text.partition(".")
        text = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text + m.group()[len(digits) + (len(dec) + 1 if dec else 0):]


# --- rendering ----------------------------------------------------------------

_NAV = {
    "en": ["Home", "China", "World", "Business", "Opinion", "Video", "Subscribe", "Log in"],
    "zh": ["首页", "要闻", "政务", "财经", "社会", "视频", "专题", "登录"],
}
_SPAM = {
    "en": ["Hot deals: win a free phone today!", "Recommended: 10 tips for a better night's sleep",
           "Editor's pick: the best noodle shops in Beijing", "Download our app for breaking news"],
    "zh": ["热门推荐：点击领取免费流量", "相关阅读：春节假期出行指南", "扫码下载客户端，看更多新闻", "广告：全场五折限时抢购"],
}


def render(text: str, language: str, fmt: str, rng: random.Random) -> str:
    """The text as a plain-text, Markdown or HTML file (the first paragraph is the title)."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if fmt == "txt":
        return "\n\n".join(paragraphs) + "\n"
    if fmt == "md":
        head, rest = paragraphs[0], paragraphs[1:]
        return f"# {head.lstrip('# ')}\n\n" + "\n\n".join(rest) + "\n"
    lang = "en" if language == "en" else "zh"
    page_title = html.escape(paragraphs[0].lstrip("# ")[:80])
    charset = rng.choice(["utf-8", "UTF-8", "gb2312"]) if lang == "zh" else "utf-8"
    nav = "".join(f'<li><a href="/{i}">{html.escape(w)}</a></li>' for i, w in enumerate(_NAV[lang]))
    spam = "".join(f"<li><a href='/ad/{i}'>{html.escape(s)}</a></li>" for i, s in enumerate(rng.sample(_SPAM[lang], 3)))
    body = "\n".join(
        f"<h2>{html.escape(p.lstrip('# '))}</h2>" if p.startswith("#") else f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="{charset}">\n<title>{page_title}</title>\n'
        f"<script>var _hmt = _hmt || []; (function() {{ var s = document.createElement('script'); }})();</script>\n"
        f'</head>\n<body>\n<header class="top"><nav class="menu"><ul>{nav}</ul></nav></header>\n'
        f'<div class="breadcrumb">{html.escape(_NAV[lang][0])} &gt; {html.escape(_NAV[lang][2])}</div>\n'
        f'<div class="article-body">\n{body}\n</div>\n<aside class="related"><ul>{spam}</ul></aside>\n'
        f'<footer class="site-footer"><p>Copyright 2000-{rng.randint(2015, 2025)}. All rights reserved.</p></footer>\n'
        f'<script src="/static/js/stat.js"></script>\n</body>\n</html>\n'
    )


def encode(text: str, language: str, fmt: str, rng: random.Random) -> bytes:
    """Mostly UTF-8; Chinese files sometimes in GB18030 or Big5 (when every character fits), any file sometimes UTF-16."""
    roll = rng.random()
    if roll < 0.04:
        return text.encode("utf-16")
    if language != "en" and roll < 0.16:
        if language == "zh-Hant":
            try:
                return text.encode("big5")
            except UnicodeEncodeError:
                pass
        return text.encode("gb18030")
    return text.encode("utf-8")


# --- driver -------------------------------------------------------------------

def _drop_paragraphs(text: str, rng: random.Random) -> str:
    """Keep the head of the briefing, drop a few later paragraphs: no two documents are the same length."""
    parts = re.split(r"(\n\s*\n|\n)", text)
    kept, seen = [], 0
    for i in range(0, len(parts), 2):
        para = parts[i]
        if para.strip():
            seen += 1
            if seen > 4 and len(para) > 100 and rng.random() < 0.15:  # body paragraphs only, never the header
                continue
        kept.append(para + (parts[i + 1] if i + 1 < len(parts) else ""))
    return "".join(kept)


def generate(out: Path, n: int, sources: list[Path] | None = None, seed: int = 7) -> list[Path]:
    """Write ``n`` briefings into ``out`` (created; existing files with the same names are overwritten)."""
    sources = sources or default_sources()
    templates = load_templates(sources)
    if not templates:
        raise SystemExit(f"no dated briefings under {', '.join(map(str, sources))}")
    roster = Roster(templates, seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        rng = _rng("doc", seed, i)
        t = templates[rng.randrange(len(templates))]
        year = rng.choice(YEARS)
        day = rng.randint(1, calendar.monthrange(year, t.date.month)[1])
        date = dt.date(year, t.date.month, day)
        text = rewrite(t, date, roster.cast(t, year), seed)
        text = _drop_paragraphs(text, rng)
        language = t.language
        if language != "en" and rng.random() < 0.5:
            language = "zh-Hant" if language == "zh-Hans" else "zh-Hans"
            text = _traditional(text) if language == "zh-Hant" else _simplified(text)
            if language == "zh-Hant" and rng.random() < 0.3:  # 1,244萬: some outlets group digits
                text = re.sub(r"(?<![\d.,])(\d{4,})(?=[萬億])", lambda m: f"{int(m.group(1)):,}", text)
        fmt = rng.choices(["txt", "md", "html"], weights=[6, 2, 2])[0]
        page = render(text, language, fmt, rng)
        path = out / f"{i:05d}_{date.isoformat()}_{_slug(t.name)}.{fmt}"
        path.write_bytes(encode(page, language, fmt, rng))
        written.append(path)
    return written


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "doc"


def default_sources() -> list[Path]:
    """The bundled examples, plus the shared seed corpus when it is next to the repository."""
    return [p for p in (ROOT / "examples", ROOT.parent / "shared" / "corpus") if p.is_dir()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="Folder to write the briefings into")
    parser.add_argument("-n", type=int, default=1000, help="How many briefings (default 1000)")
    parser.add_argument("--source", type=Path, action="append", help="Folder of template briefings (repeatable; default examples/ and ../shared/corpus)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.n, args.source, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} briefings ({size / 1e6:.1f} MB) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
