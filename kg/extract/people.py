"""Officials and their posts, from speaker lists, chairperson lines, turn headers and in-text mentions.

English: "Wang Xiaoping, minister of human resources and social security",
"Chen Feng, spokesperson of the Ministry ... and deputy director of the Policy
Research Department" (two posts), "General Secretary Xi Jinping", "two vice
ministers of ..., Mr. Li Zhong and Mr. Yu Jiadong". Chinese:
"人社部新闻发言人、政策研究司副司长卢爱红", "国新办新闻局局长、新闻发言人寿小丽",
"习近平总书记". Organizations resolve through the catalogue ontology/organizations.ttl
(:func:`resolve_org`). Transcript turn headers are read here too (:func:`find_turns`),
since a speaker who is only ever named in a header is still a person of the briefing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.model import Document, Person, Post, Span
from kg.namespaces import KG, ORG, RDF
from kg.text.names import (
    NAME_PATTERN,
    hanzi_name_at,
    hanzi_name_before,
    hanzi_to_pinyin,
    is_chinese_name,
    normalize_name,
    person_key,
    resolve,
)
from kg.text.trie import trie_pattern

RDF_TYPE = RDF + "type"

# --- organizations --------------------------------------------------------------


@dataclass(frozen=True)
class _Orgs:
    """Indexes over the organization catalogue."""

    label: dict[str, str]  # key -> English preferred label
    parent: dict[str, str | None]
    formal: frozenset[str]
    en: dict[str, tuple[str, ...]]  # normalised English label -> keys
    zh: dict[str, tuple[str, ...]]  # Simplified label -> keys
    zh_max: int
    portfolio: dict[str, str]  # normalised portfolio phrase -> ministry key
    office: dict[str, str]  # office title (English or Simplified) -> key
    mention: re.Pattern  # any English or Chinese label in running text


def _norm(text: str) -> str:
    """Normalised English organization name: lower case, no "the", "Department of X" == "X Department"."""
    text = text.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"\(.*?\)|'s\b|[^\w\s'-]", " ", text)
    words = [w for w in text.split() if w != "the"]
    text = " ".join(words)
    m = re.fullmatch(r"(department|bureau|office|division|center|centre|institute) of (.+)", text)
    return f"{m.group(2)} {m.group(1)}" if m else text


@cache
def _orgs() -> _Orgs:
    from kg import catalog
    from kg.text.script import to_simplified

    entries = catalog.load("organizations")
    key_of = {e.iri: e.key for e in entries}
    en: dict[str, list[str]] = {}
    zh: dict[str, list[str]] = {}
    portfolio, office = {}, {}
    for e in entries:
        for label in e.labels("en"):
            en.setdefault(_norm(label), []).append(e.key)
        for label in e.labels("zh"):
            zh.setdefault(to_simplified(label), []).append(e.key)
        for phrase in e.props.get(KG + "portfolio", []):
            portfolio[_norm(phrase)] = e.key
        for title in e.props.get(KG + "officeTitle", []):
            office[to_simplified(title).lower()] = e.key
    cased = {lab for e in entries for lab in e.labels() if lab.isupper() or _HAN.search(lab)}
    cased |= {to_simplified(lab) for lab in cased}
    folded = {lab.lower() for e in entries for lab in e.labels("en") if lab not in cased}
    mention = r"(?<![A-Za-z0-9-])(?:(?i:%s)|%s)(?![A-Za-z0-9-])" % (trie_pattern(folded, space=r"\s+"), trie_pattern(cased, space=r"\s+"))
    return _Orgs(
        label={e.key: e.label for e in entries},
        parent={e.key: key_of.get(e.get(ORG + "subOrganizationOf") or "") for e in entries},
        formal=frozenset(e.key for e in entries if ORG + "FormalOrganization" in e.props.get(RDF_TYPE, [])),
        en={k: tuple(dict.fromkeys(v)) for k, v in en.items()},
        zh={k: tuple(dict.fromkeys(v)) for k, v in zh.items()},
        zh_max=max(map(len, zh)),
        portfolio=portfolio,
        office=office,
        mention=re.compile(mention),
    )


_HAN = re.compile(r"[\u4e00-\u9fff]")


def mention_pattern() -> re.Pattern:
    """A regex matching any catalogued organization name (English or Chinese) in running text."""
    return _orgs().mention


def organization_name(org: str) -> str:
    """Full English name of an organization key ("Policy Research Department, Ministry of Human
    Resources and Social Security" for a unit); an uncatalogued name is returned as it is."""
    o = _orgs()
    if org not in o.label:
        return org
    parent = o.parent[org]
    return f"{o.label[org]}, {o.label[parent]}" if org not in o.formal and parent else o.label[org]


def top_organization(org: str) -> str:
    """The formal organization a unit belongs to (the key itself for a formal organization)."""
    o = _orgs()
    while org in o.label and org not in o.formal and o.parent.get(org):
        org = o.parent[org]
    return org


def _pick(keys: tuple[str, ...], context: str | None) -> str | None:
    """Among entries sharing a label, the one inside ``context`` (or ``context``'s parent), else the only one."""
    o = _orgs()
    if len(keys) == 1:
        return keys[0]
    for ctx in (context, top_organization(context) if context else None):
        inside = [k for k in keys if o.parent.get(k) == ctx]
        if ctx and len(inside) == 1:
            return inside[0]
    formal = [k for k in keys if k in o.formal]
    return formal[0] if len(formal) == 1 else None


_MAX_LINKS = 5  # "of" links tried when splitting a name into a unit and its parent
_PARENT_LINK = re.compile(r"\s+(?:of|under|at)\s+|(?:'s|’s)\s+")
_POSSESSIVE = re.compile(r"'s|’s")
_THE_MINISTRY = re.compile(r"(?:the|this|our|your)?\s*ministry|本部|我部", re.I)
_UNIT_WORD = re.compile(r"\b(?:Department|Bureau|Office|Division|Center|Centre|Institute|Academy|Commission|Administration|Committee)\b")


@lru_cache(maxsize=4096)
def resolve_org(name: str, context: str | None = None, home: str | None = None) -> str | None:
    """The catalogue key of an organization named in English or Chinese, or None.

    ``context`` is the organization the text names around it (a unit "of the MOHRSS"
    resolves inside it); ``home`` is the document's own ministry, for "the Ministry".
    A department "of" a catalogued body that the catalogue lacks comes back as
    "<its name>, <full name of the body>".
    """
    o = _orgs()
    name = name.strip(" ,;")
    if not name:
        return None
    if re.search(r"[\u4e00-\u9fff]", name):
        from kg.text.script import to_simplified

        keys = o.zh.get(to_simplified(name))
        return _pick(keys, context or home) if keys else None
    norm = _norm(name)
    if norm in o.en:
        return _pick(o.en[norm], context or home)
    if norm in o.portfolio:
        return o.portfolio[norm]
    if _THE_MINISTRY.fullmatch(name.strip()):
        return home
    uncatalogued = []
    for m in reversed(list(_PARENT_LINK.finditer(name))[-_MAX_LINKS:]):
        left, right = name[:m.start()], name[m.end():]
        if _POSSESSIVE.match(m.group()):  # "the ministry's Employment Promotion Department"
            left, right = right, left
        parent = resolve_org(right, context, home)
        if parent and parent in o.label:
            child = resolve_org(left, parent, None)
            if child and o.parent.get(child) == parent:
                return child
            if not child and _UNIT_WORD.search(left):
                uncatalogued.append(f"{_title(left)}, {organization_name(parent)}")
    return min(uncatalogued, key=len) if uncatalogued else None


def _title(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+|\s*\(.*?\)", "", name).strip()


def _zh_org_before(text: str, end: int, context: str | None, home: str | None, nested: bool = True) -> tuple[str | None, int]:
    """The organization whose Chinese name ends at ``text[end]``, with the parent written before a
    department ("人社部就业促进司"): (key, or Chinese name of an uncatalogued department, and where
    the organization text starts), or (None, end)."""
    o = _orgs()
    for length in range(min(o.zh_max, end), 1, -1):
        keys = o.zh.get(text[end - length:end])
        if keys and text[end - length - 1:end - length] not in _LOCAL:
            start = end - length
            parent, pstart = _zh_org_before(text, start, context, home, False) if nested else (None, start)
            key = _pick(keys, parent or context or home)
            if key is None:
                continue
            return key, (pstart if parent and o.parent.get(key) == parent else start)
    for start in range(end - 3, max(0, end - 12) - 1, -1) if nested else ():  # an uncatalogued department
        if _ZH_UNIT.fullmatch(text, start, end):
            parent, pstart = _zh_org_before(text, start, context, home, False)
            if parent in o.label:
                return f"{text[start:end]}, {organization_name(parent)}", pstart
    return None, end


_LOCAL = frozenset("省市县区州旗盟镇乡")  # a provincial or city body, not the national one
_ZH_UNIT = re.compile(r"[\u4e00-\u9fff]{1,10}(?:司|局|厅|中心|办公室)")


def _home(text: str) -> str | None:
    """The first ministry the document names, for "the Ministry" and bare ministerial titles."""
    o = _orgs()
    ministries = set(o.portfolio.values())
    for m in o.mention.finditer(text, 0, 6000):
        key = resolve_org(m.group())
        if key in ministries:
            return key
    return None


# --- roles ----------------------------------------------------------------------------

_MOD = (r"vice|deputy|assistant|executive|acting|associate|senior|chief|general|first|second|first-level|second-level|"
        r"level-one|level-two|party|press|permanent|honorary|full-time|news")
_HEAD = (r"minister|director|spokesperson|spokesman|spokeswoman|head|chief|commissioner|secretary|chairman|chairwoman|"
         r"chairperson|president|premier|state councill?or|governor|mayor|inspector|counsel|economist|engineer|accountant|"
         r"administrator|researcher|dean|member")
_ROLE = rf"(?i:(?:(?:{_MOD})[\s-]+)*(?:{_HEAD})(?:s|es)?(?:[\s-]general)?)"
_ROLE_RE = re.compile(_ROLE + r"$")
_MINISTERIAL = re.compile(r"minister|spokes", re.I)
# The text naming an organization after "of": up to a comma, a clause end or "and <role>".
_ORG_TEXT = rf"(?:(?!\s+and\s+(?:the\s+)?{_ROLE}\b)[^,;:\n.?!\"“”])+"
_SEGMENT = rf"{_ROLE}(?:\s+(?:of|for|at)\s+{_ORG_TEXT})?"
_CHAIN = rf"{_SEGMENT}(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{_SEGMENT})*"
_HONOR = r"(?:(?:Mr|Ms|Mrs|Madam|Dr|Prof)\.?\s+)"
# Runs of capitalised words, in which pinyin names are looked for.
_CAPS_RUN = re.compile(r"(?<![\w.'’-])[A-Z][A-Za-z]*(?:-[A-Za-z][a-z]+)?(?: [A-Z][A-Za-z]*(?:-[A-Za-z][a-z]+)?)+")
_WORD = re.compile(r"\S+")
# After a name: ", minister of ..." (a Chinese name in brackets may come first).
_APPOSITION = re.compile(
    rf"(?:\s*[(（](?P<zh>[\u4e00-\u9fff]{{2,4}})[)）])?,\s+(?:(?:the|a|an)\s+)?(?P<desc>{_CHAIN})(?![\w-])")
# Before a name: "Vice Minister ", "MOHRSS spokesperson Mr. ".
_TITLE_CASE_ORG = r"(?:the\s+)?(?:ministry|(?:[A-Z][\w'’&-]*|\([A-Z]+\))(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|the|\([A-Z]+\)))*)"
_TITLE_BEFORE = re.compile(rf"(?<![\w-])(?P<desc>{_ROLE}(?:\s+(?:of|for)\s+{_TITLE_CASE_ORG})?)\s+{_HONOR}?$")
# Before a list of names: "two vice ministers of human resources and social security, Mr. ".
_LIST_BEFORE = re.compile(rf"(?<![\w-])(?P<desc>{_ROLE}\s+(?:of|for)\s+{_ORG_TEXT}),\s+{_HONOR}?$")
_HONOR_END = re.compile(rf"{_HONOR}?$")
_HEAD_WORD = re.compile(rf"(?i:\b(?:{_HEAD}|general))")
_LIST_JOIN = re.compile(rf"(?:,\s*|,?\s+and\s+){_HONOR}?")
_SEG_RE = re.compile(rf"(?P<role>{_ROLE})(?:\s+(?:of|for|at)\s+(?P<org>{_ORG_TEXT}))?")

_ZH_ROLES = {
    "新闻发言人": "spokesperson", "发言人": "spokesperson",
    "部长助理": "assistant minister", "副部长": "vice minister", "部长": "minister",
    "副司长": "deputy director general", "司长": "director general",
    "副局长": "deputy director general", "局长": "director general",
    "副主任": "deputy director", "主任": "director",
    "副处长": "deputy division director", "处长": "division director",
    "一级巡视员": "first-level inspector", "二级巡视员": "second-level inspector", "副巡视员": "deputy inspector",
    "巡视员": "inspector", "总经济师": "chief economist", "总会计师": "chief accountant", "总工程师": "chief engineer",
    "党组书记": "secretary of the leading party members group", "党组副书记": "deputy secretary of the leading party members group",
    "党组成员": "member of the leading party members group", "总书记": "general secretary", "国家主席": "president",
    "副主席": "vice chairman", "主席": "chairman", "副总理": "vice premier", "总理": "premier", "国务委员": "state councilor",
    "副秘书长": "deputy secretary general", "秘书长": "secretary general", "副院长": "vice president", "院长": "president",
    "副理事长": "vice chairman", "理事长": "chairman",
}
_ZH_ROLE_ALT = "|".join(sorted(_ZH_ROLES, key=len, reverse=True))
_ZH_ROLE_RE = re.compile(rf"(?:{_ZH_ROLE_ALT})(?=[ \u3000·]?[\u4e00-\u9fff])")
_ZH_ROLE_END = re.compile(rf"(?:{_ZH_ROLE_ALT})$")
_ZH_JOIN = re.compile(r"[、兼和及]")
_ZH_OFFICE_AFTER = re.compile(r"总书记|国家主席|副总理|总理|国务委员")


def _singular(role: str) -> str:
    role = " ".join(role.lower().replace("-", " ").split())
    m = re.fullmatch(rf"(.*?(?:{_HEAD}))(?:s|es)( general)?", role)
    return m.group(1) + (m.group(2) or "") if m else role


# --- extraction -----------------------------------------------------------------------


@dataclass
class _Found:
    name: str
    name_zh: str | None
    start: int
    posts: list[tuple[str, str | None, int, int]]  # (role, organization, span start, span end)


def extract_people(doc: Document) -> tuple[list[Person], list[Post]]:
    """The persons a briefing names with a position (or as the speaker of a turn), and their posts.

    Posts are dated with the document's date (the date of its event); a person is
    listed once per document, in order of first mention.
    """
    chinese = doc.language != "en"
    text = simplified_text(doc)
    home = _home(text)
    found: list[_Found] = []
    found += _english(doc.text, home)
    if chinese:
        found += _chinese(doc.text, text, home)
    found += [_Found(t.name, t.name_zh, t.start, []) for t in find_turns(doc) if t.name]
    return _merge(doc, found)


def simplified_text(doc: Document) -> str:
    """The document text in Simplified characters, offset for offset."""
    return _to_simplified(doc.text) if doc.language == "zh-Hant" else doc.text


@lru_cache(maxsize=4)
def _to_simplified(text: str) -> str:
    from kg.text.script import to_simplified

    return to_simplified(text)


def english_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of every pinyin name ("Li Zhong", "LI Zhong", "Wang Xiao-ping") in English text."""
    spans = []
    for run in _CAPS_RUN.finditer(text):
        words = [(w.start(), w.end()) for w in _WORD.finditer(run.group())]
        i = 0
        while i < len(words):
            for n in (3, 2):
                if i + n <= len(words) and is_chinese_name(run.group()[words[i][0]:words[i + n - 1][1]]):
                    spans.append((run.start() + words[i][0], run.start() + words[i + n - 1][1]))
                    i += n
                    break
            else:
                i += 1
    return spans


def _english(text: str, home: str | None) -> list[_Found]:
    """Posts from "NAME, ROLE of ORG", "ROLE NAME" and "ROLEs of ORG, NAME and NAME"."""
    found = []
    listed: tuple[int, list] | None = None  # (end of the previous name in a list, its posts)
    for start, end in english_names(text):
        name = normalize_name(text[start:end])
        posts = []
        if m := _APPOSITION.match(text, end):
            posts = _chain_posts(m.group("desc"), start, m.end(), home)
            found.append(_Found(name, m.group("zh"), start, posts))
            continue
        if listed and _LIST_JOIN.fullmatch(text, listed[0], start):
            posts = listed[1]
        elif _HONOR_END.sub("", text[max(0, start - 20):start]).rstrip().endswith(",") and (m := _LIST_BEFORE.search(text, max(0, start - 200), start)):
            posts = _chain_posts(m.group("desc"), m.start(), end, home)
        elif _HEAD_WORD.search(text, max(0, start - 100), start) and (m := _TITLE_BEFORE.search(text, max(0, start - 100), start)):
            posts = _chain_posts(m.group("desc"), m.start(), end, home, _org_ending(text[max(0, m.start() - 80):m.start()]))
        listed = (end, posts) if posts else None
        if posts:
            found.append(_Found(name, None, start, posts))
    return found


def _org_ending(text: str) -> str | None:
    """A catalogued organization named right before a title ("MOHRSS spokesperson", "the SCIO's spokesperson")."""
    m = None
    for m in _orgs().mention.finditer(text):
        pass
    if m and re.fullmatch(r"(?:'s|’s)?\s+", text[m.end():]):
        return resolve_org(m.group())
    return None


def _chain_posts(desc: str, offset: int, end: int, home: str | None, given: str | None = None) -> list[tuple[str, str | None, int, int]]:
    """Posts of a role description: "spokesperson of the X and director general of the Y of the X".

    A role whose organization is not written takes the next one ("spokesperson and director of X"),
    else ``given`` (written before the title: "MOHRSS spokesperson"), the organization its title
    implies ("general secretary"), or for a ministerial title the document's ministry.
    """
    segments = [(_singular(s.group("role")), s.group("org")) for s in _SEG_RE.finditer(desc)]
    written: list[str | None] = []
    context = None
    for _, org_text in segments:
        org = resolve_org(org_text, context, home) if org_text else None
        if org_text and org is None and _title(org_text)[:1].isupper():
            org = _title(org_text)
        written.append(org)
        context = org if org in _orgs().label else context
    posts = []
    for i, (role, org_text) in enumerate(segments):
        org = written[i] or (None if org_text else next((o for o in written[i + 1:] if o), None))
        org = org or given or _orgs().office.get(role) or (home if _MINISTERIAL.search(role) else None)
        if org:
            posts.append((role, _owner(role, org), offset, end))
    return posts


def _owner(role: str, org: str) -> str:
    """Spokespeople speak for a whole body, never for one of its departments."""
    return top_organization(org) if "spokes" in role or "发言人" in role else org


def _chinese(original: str, text: str, home: str | None) -> list[_Found]:
    """Posts from "ORG ROLE、ORG ROLE NAME" chains and office titles after a name ("习近平总书记")."""
    found = []
    for m in _ZH_ROLE_RE.finditer(text):
        start = m.end() + (1 if text[m.end()] in " \u3000·" else 0)
        name = hanzi_name_at(text, start)
        if not name:
            continue
        chain = _zh_chain(text, m.start(), m.group(), home)
        posts = [(role, org, lo, start + len(name)) for role, org, lo in chain if org]
        found.append(_Found(hanzi_to_pinyin(name), original[start:start + len(name)], start, posts))
    for m in _ZH_OFFICE_AFTER.finditer(text):
        name = hanzi_name_before(text, m.start())
        org = _orgs().office.get(m.group())
        if name and org and _zh_org_before(text, m.start(), None, None)[0] is None:  # not "国务院总理"
            at = m.start() - len(name)
            found.append(_Found(hanzi_to_pinyin(name), original[at:m.start()], at, [(_ZH_ROLES[m.group()], org, at, m.end())]))
    return found


def _zh_chain(text: str, role_start: int, role: str, home: str | None) -> list[tuple[str, str | None, int]]:
    """The roles (and their organizations) joined by 、 or 兼 that end with ``role`` at ``role_start``."""
    links: list[tuple[str, int, int]] = [(role, role_start, role_start)]  # (role, org end, segment start)
    pos = role_start
    while True:
        org, org_start = _zh_org_before(text, pos, None, home)
        links[-1] = (links[-1][0], pos, org_start)
        joint = _ZH_JOIN.search(text, max(0, org_start - 1), org_start)
        if not joint:
            break
        prev = _ZH_ROLE_END.search(text, max(0, joint.start() - 6), joint.start())
        if not prev:
            break
        links.append((prev.group(), prev.start(), prev.start()))
        pos = prev.start()
    links.reverse()
    orgs: list[str | None] = []
    context = None
    for zh_role, org_end, seg_start in links:
        org, _ = _zh_org_before(text, org_end, context, home) if seg_start < org_end else (None, org_end)
        orgs.append(org)
        context = org if org in _orgs().label else context
    out = []
    for i, ((zh_role, _, seg_start), org) in enumerate(zip(links, orgs)):
        english = _ZH_ROLES[zh_role]
        if org is None:
            org = next((o for o in reversed(orgs[:i]) if o), None) or next((o for o in orgs[i + 1:] if o), None)
        if org is None:
            org = _orgs().office.get(zh_role) or (home if _MINISTERIAL.search(english) else None)
        out.append((english, _owner(english, org) if org else None, seg_start))
    return out


def _merge(doc: Document, found: list[_Found]) -> tuple[list[Person], list[Post]]:
    """One person per key (in order of first mention) and one post per person, role and organization."""
    persons: dict[str, Person] = {}
    posts: dict[tuple[str, str, str], Post] = {}
    for f in sorted(found, key=lambda f: f.start):
        key = person_key(f.name)
        if not key:
            continue
        person = persons.setdefault(key, Person(name=f.name))
        if f.name_zh and not person.name_zh:
            person.name_zh = f.name_zh
        for role, org, lo, hi in f.posts:
            posts.setdefault((key, role, org), Post(
                person=person.name, role=role, organization=org, date=doc.date,
                evidence=Span(start=lo, end=hi, text=doc.text[lo:hi])))
    return list(persons.values()), list(posts.values())


# --- transcript turns -----------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """A turn header in a transcript: "Li Zhong:", "China News Service:", "主持人：", "中新社记者：" ."""

    start: int  # the header line
    body: int  # where the turn's words begin
    kind: str  # "person", "reporter" or "chair" (a moderator named by role only)
    name: str | None = None
    name_zh: str | None = None
    outlet: str | None = None


_HEADER = re.compile(r"^(?:_ueditor_page_break_tag_)?[ \t\u3000]*(?P<label>[^\n:：]{1,80}?)[ \t\u3000]*[:：][ \t\u3000]*(?P<rest>[^\n]*)$", re.M)
_LIST_LABEL = re.compile(
    r"(?i:speakers?|guests?|participants?|attendees?|date|time|venue|location|place|theme|topic|title|source|editor|photo|"
    r"notes?|background|link|related|read in chinese|translated by|press conference|"
    r"时间|地点|主题|来源|嘉宾|发布人|出席|编辑|责任编辑|工作进展情况|下一步工作安排)")
_CHAIR_LABEL = re.compile(r"(?i:chairperson|chair|moderator|host|presided by)|主持人|主持")
_REPORTER_LABEL = re.compile(r"(?i:reporter|journalist|question|q)|记者|问")
_OUTLET_WORD = re.compile(
    r"(?i:\b(?:daily|news|agency|service|tv|radio|television|times|post|magazine|herald|network|press|review|weekly|"
    r"journal|online|app|media|group|newspaper|broadcast\w*|xinhua|reuters|bloomberg|afp|cctv|cgtn|cnr|cri|phoenix|caixin)\b)")
_ZH_OUTLET_END = re.compile(r"(?:社|台|报|网|杂志|新闻|客户端|周刊|媒体)$")
_SMALL_WORDS = frozenset("of and the for on in de at to & by from reporter journalist".split())


def find_turns(doc: Document) -> list[Turn]:
    """The turn headers of a transcript, in order (empty for a news report)."""
    return list(_turns(doc.text, simplified_text(doc)))


@lru_cache(maxsize=4)
def _turns(original: str, text: str) -> tuple[Turn, ...]:
    turns = []
    for m in _HEADER.finditer(text):
        turn = _classify(m, original)
        if turn:
            turns.append(turn)
    return tuple(turns)


def _classify(m: re.Match, original: str) -> Turn | None:
    label, own_line = m.group("label"), not m.group("rest")
    body = m.end() + 1 if own_line else m.start("rest")
    start = m.start()
    if _LIST_LABEL.fullmatch(label):
        return None
    if _CHAIR_LABEL.fullmatch(label):
        line = m.string[body:body + 200].strip().split("\n", 1)[0].strip()
        if _names_someone(line, body, original):
            return None  # "Chairperson: Ms. Shou Xiaoli, ..." or "主持人：人社部新闻发言人 卢爱红"
        return Turn(start, body, "chair")
    name = _label_person(label, m.start("label"), original)
    if name:
        return Turn(start, body, "person", *name)
    if re.fullmatch(rf"{_HONOR}[A-Z][a-z]+", label):  # "Mr. Li:" when the document has several
        return Turn(start, body, "person")
    if _REPORTER_LABEL.fullmatch(label):
        return Turn(start, body, "reporter")
    if _HAN.search(label):
        outlet = re.sub(r"记者$", "", label)
        if label.endswith("记者") or (own_line and _ZH_OUTLET_END.search(label) and len(label) <= 20 and "、" not in label):
            return Turn(start, body, "reporter", outlet=original[m.start("label"):m.start("label") + len(outlet)] or None)
        return None
    if _looks_like_outlet(label) and (own_line or _OUTLET_WORD.search(label) or label.isupper()):
        return Turn(start, body, "reporter", outlet=label)
    return None


def _label_person(label: str, at: int, original: str) -> tuple[str, str | None] | None:
    """(pinyin, hanzi) of the person a header names: "Li Zhong", "Vice Minister Li Zhong", "Mr. Li"
    (when the document names one Li), "人社部新闻发言人 卢爱红", "主持人 寿小丽"."""
    if _HAN.search(label):
        bare = re.sub(r"(?:先生|女士|同志)$", "", re.sub(r"[ \u3000]", "", label))
        for length in (3, 2, 4):
            cut = len(bare) - length
            if cut >= 0 and hanzi_name_at(bare, cut) == bare[cut:] and (
                    cut == 0 or _ZH_ROLE_END.search(bare, 0, cut) or _CHAIR_LABEL.search(bare[:cut])):
                where = at + label.rfind(bare[cut:])
                return hanzi_to_pinyin(bare[cut:]), original[where:where + length]
        return None
    words = label.split()
    for n in (2, 3):
        head, tail = " ".join(words[:-n]), " ".join(words[-n:])
        if is_chinese_name(tail) and (not head or _ROLE_RE.search(head)):
            return normalize_name(tail), None
    if m := re.fullmatch(r"(?P<honor>Mr|Ms|Mrs|Madam|Dr|Prof)\.?\s+(?P<family>[A-Z][a-z]+)", label):
        return _by_family_name(m.group("family"), _gender(m.group("honor")), original), None
    return None


def _gender(honorific: str) -> str:
    return {"mr": "m", "ms": "f", "mrs": "f", "madam": "f"}.get(honorific.lower().rstrip("."), "")


def _by_family_name(family: str, gender: str, text: str) -> str | None:
    """The one person of the text with this family name ("Ms. Li" -> the only Li introduced as
    Ms.), or None when there are several."""
    names: dict[str, set[str]] = {}
    for a, b in english_names(text):
        honor = re.search(r"\b(Mr|Ms|Mrs|Madam)\.?\s+$", text[max(0, a - 8):a])
        names.setdefault(normalize_name(text[a:b]), set()).add(_gender(honor.group(1)) if honor else "")
    candidates = sorted(n for n, g in names.items() if not gender or gender in g)
    return resolve(family, candidates) or (resolve(family, sorted(names)) if not gender else None)


def _names_someone(line: str, at: int, original: str) -> bool:
    """True for a line that names a person (a list entry) rather than starting to speak."""
    if _HAN.search(line):
        bare = re.split(r"[，,。（(]", line, 1)[0]
        return bool(hanzi_name_at(line, 0) or _label_person(bare, at, original))
    return bool(re.match(rf"{_HONOR}?{NAME_PATTERN}\s*(?:,|$)", line)) and bool(english_names(line))


def _looks_like_outlet(label: str) -> bool:
    """A short Title Case label: "China News Service", "21st Century Business Herald", "Radio Television Hong Kong (RTHK)"."""
    words = re.findall(r"[^\s,()/]+", label)
    if not 1 <= len(words) <= 8 or re.search(r"[.!?]$", label):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words)
