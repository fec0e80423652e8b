"""Named policies, programmes, campaigns, pilots and systems, one mention per programme per sentence.

Three sources, in order of trust:

1. Catalogue names (``ontology/programmes.ttl``). English labels are matched
   word by word on light stems, in order, tolerating a few extra words in
   between ("reform of the professional title and vocational qualification
   system" names both title and qualification reforms); Chinese labels are
   matched on the Simplified form of the text, with or without quotation marks.
2. Quoted or Title Case names, with or without a head noun after them
   ('the "1131" concentrated service initiative', 'Golden Autumn Recruitment Month').
3. Phrases ending in a head noun: "a capacity-building plan for ...",
   "实施职业技能培训标准化建设工程" (the name runs from the last verb, 的 or
   list separator before the head noun).

A name the catalogue lacks still becomes a mention, with ``key=None``. The
sentence's verbs give the action (launched, extended, expanded, piloted,
planned, implemented).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kg.model import Document, ProgrammeMention, Span
from kg.text.script import to_simplified
from kg.text.segment import sentences
from kg.text.trie import trie_pattern

KG = "https://w3id.org/kg/ns#"

# --- English grammar ---------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_PART = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset(
    "a an the of for to in on and or with by at from as into its their our this that these those both all s be is "
    "are was were been has have had will shall would can could should may it we they which who whose also such other "
    "further about over than between among per via each every any some his her them you your against".split()
)
_BRITISH_IS = re.compile(r"is(ation|e|ing|ed|es)$")
_SPELLING = {"labour": "labor", "programme": "program", "programmes": "program", "centre": "center",
             "enrolment": "enrollment", "favour": "favor", "licence": "license", "catalogue": "catalog"}
# Head nouns of English programme names and the kind they give.
_EN_HEADS = {
    "campaign": "campaign", "action": "campaign", "initiative": "programme", "drive": "campaign",
    "month": "campaign", "week": "campaign", "activities": "campaign", "program": "programme",
    "programme": "programme", "plan": "programme", "project": "programme", "scheme": "programme",
    "model": "programme", "service": "programme", "services": "programme", "card": "programme",
    "pilot": "pilot", "trial": "pilot", "system": "system", "mechanism": "system", "policy": "policy",
    "policies": "policy", "reform": "policy", "strategy": "policy",
}
# Heads that end a Title Case name ("Golden Autumn Recruitment Month") and heads a lower-case
# phrase may end in to count as a name without the catalogue ("a plan to offer ...").
_EN_TITLE_HEADS = frozenset("action campaign initiative drive month week program programme plan project scheme "
                            "pilot system mechanism policy reform strategy".split())
_EN_OPEN_HEADS = frozenset("action campaign initiative plan program programme project scheme".split())
_EN_DETERMINERS = frozenset("a an the this its our their each".split())
_EN_VERBS = frozenset(
    "implement implemented implementing improve improved improving promote promoted promoting launch launched "
    "launching establish established establishing advance advanced advancing strengthen strengthened strengthening build built "
    "building expand expanded expanding continue continued continuing carry carried carrying deepen deepened deepening "
    "optimize optimise optimized refine refined enhance enhanced develop developed create created creating introduce "
    "introduced adopt adopted roll rolled deploy deployed organize organise organized organised conduct conducted hold "
    "held start started initiate initiated formulate formulated issue issued release released put make made take taken "
    "support supported encourage ensure accelerate explore explored perfect restart restarted extend extended pilot "
    "piloted run running offer offered provide provided set include including involve involves involved mark marks "
    "called named known see seen plan planned aim aims help helps remain remains become became focus focusing via "
    "thoroughly steadily actively further fully comprehensively vigorously earnestly continuously gradually also "
    "said says stated noted brought gave kept began got went came found left formed".split()
)
# Verbs whose quoted object is a programme ('promote "one-stop service"'; not 'called "three pillars"').
_EN_PROGRAMME_VERBS = frozenset(
    "implement implementing promote promoting launch launched launching deploy deployed carry carried conduct "
    "conducted create establish introduce introduced roll advance organize organise organized start started initiate initiated "
    "continue restart restarted expand expanded extend extended pilot piloted build strengthen".split()
)
_EN_FUNCTION = _STOP | frozenset("not no nor but if so then there here while when where what how why".split())
_GENERIC = frozenset(
    "new national major key relevant related this that such series number range various overall "
    "training service services work working employment support supporting policy policies regional local "
    "professional vocational annual three-year five-year specific targeted comprehensive implementation".split()
)
# Sentences worth the English grammar have a quotation mark, an open head noun or a capitalised head noun.
_QUOTE_MARK = re.compile(r"[\"“「『]")
_OPEN_HINT = re.compile(r"(?:action|campaign|initiative|plan|programm?e?|project|scheme) (?:to|for|of|on)\b")
_TITLE_HEAD_FORMS = frozenset(h.capitalize() for h in _EN_TITLE_HEADS)
_TITLE_HINT = re.compile(r"(?:" + "|".join(sorted(_TITLE_HEAD_FORMS)) + r")\b")  # no leading \b: much faster
_QUOTE = re.compile(r"[\"“「『]([^\"“”「」『』\n]{2,90})[\"”」』]")
_EN_CLAUSE_END = re.compile(r"[,;:.!?()\[\]—–]")
_TITLE_CONNECTORS = frozenset("of and for the to in on with".split())
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_TITLE_BREAK = re.compile(r"[,;:.!?()\[\]—–\"“”]")
_EN_RIGHT_STOP = frozenset(
    "which that who where while with by through as so including such has have is are was were will".split()
)

# --- Chinese grammar ------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_ZH_QUOTES = "“”\"「」『』‘’"
_ZH_OPEN, _ZH_CLOSE = "“「『\"", "”」』\""
_NO_QUOTES = {ord(q): None for q in _ZH_QUOTES}
# A quoted Chinese name: a few characters without list punctuation.
_ZH_QUOTED = re.compile(r"[“「『]([\u3400-\u9fffA-Za-z0-9]{2,12})[”」』]")
# Head nouns of Chinese programme names and the kind they give.
_ZH_HEADS = {
    "行动计划": "programme", "专项行动": "campaign", "行动": "campaign", "系列活动": "campaign", "活动": "campaign",
    "招聘月": "campaign", "服务月": "campaign", "援助月": "campaign", "计划": "programme", "工程": "programme",
    "项目": "programme", "模式": "programme", "制度改革": "policy", "体制改革": "policy", "制度": "system",
    "学徒制": "system", "承诺制": "system", "机制": "system", "政策": "policy", "改革": "policy", "战略": "policy",
    "试点": "pilot",
}
# Compounds that contain a head noun but name no programme ("建设项目" construction project, "工程师" engineer).
_ZH_NOT_HEADS = ("工程建设项目", "建设项目", "在建项目", "重点项目", "工程师", "计划单列", "政策措施", "政策解读")
_ZH_HEAD = re.compile("|".join([*_ZH_NOT_HEADS, *sorted(_ZH_HEADS, key=len, reverse=True)]))
# What may not follow a head noun for it to end a name ("政策措施", "制度规范", "工程建设").
_ZH_HEAD_TAIL = re.compile(r"措施|解读|宣传|文件|体系|规范|建设|项目|资金|基金|平台|办法|框架|清单|人员|会场|落实|日")
# Where a Chinese name starts: after the last predicate verb, 的, 等 or conjunction before its head.
_ZH_VERBS = (
    "贯彻落实 组织实施 启动实施 深入实施 组织开展 部署开展 接续开展 打包推出 持续推进 加快推进 稳步推进 扎实推进 大力推进 "
    "积极推进 深入推进 稳妥推进 全面推进 总结推广 总结评估 印发实施 实施 开展 推出 部署 组织 落实 贯彻 健全 完善 深化 建立 "
    "出台 制定 印发 发布 推广 推动 推进 加强 优化 调整 做好 抓好 加快 巩固 规范 总结 评估 启动 举办 召开 实行 执行 延续 "
    "扩大 提高 强化 改进 构建 探索 实现 开通 普及 参加 完成 继续 坚持 用好 支持 鼓励 引导 指导 全面 深入 持续 积极 "
    "扎实 稳妥 稳步 进一步 大力 有序 加大 遴选 确定 评选 选拔"
).split()
# Words that make a "name" nothing but a verb phrase ("巩固提升", "稳步推进").
_ZH_VERB_ONLY = re.compile(
    "(?:" + "|".join(sorted([*_ZH_VERBS, "提升", "促进", "带动", "保障", "提质", "扩面"], key=len, reverse=True)) + ")+")
# Heads too common to end a name unless the name is quoted ("长效机制" is no programme).
_ZH_WEAK_HEADS = frozenset(["机制"])
_ZH_START = re.compile("|".join([*sorted(_ZH_VERBS, key=len, reverse=True), "的", "等", "暨", "以及", "及", "与", "并",
                                  "和(?!谐)", "为", "将", "对", "在", "期间", "以来", "之际"]))
# Verbs after which a quoted phrase names a programme.
_ZH_QUOTE_VERB = re.compile("|".join([*_ZH_VERBS, "实现", "打造", "推行", "为"]))
_ZH_CLAUSE = re.compile(r"[，,、；;：:。！？!?（）()《》【】\s]")
# Words before a name that are not part of it: enumerators, determiners, years.
_ZH_LEAD = re.compile(r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|同时|此外|另外|目前|当前|[0-9]{4}年度?|"
                      r"各项|各类|各地|相关|有关|这些|上述|该|此项|本|一系列|系列|若干|新一轮|好)+")
_ZH_COUNTED = re.compile(r"^(?:第?[0-9一二三四五六七八九十百千万两几多数]+(?:场|项|个|批|类|次|届|家|名|种|大)|新一批|一批)")
# Modifiers made only of these words name a category, not a programme ("各类招聘活动", "就业服务活动").
_ZH_GENERIC = re.compile("(?:" + "|".join(
    "招聘 服务 专项 重点 创建 相关 有关 配套 支持 扶持 优惠 就业 创业 系列 制度 工作 这项 该项 特色 试点 "
    "阶段性 建设 法律 各地 各级 国家 全国 政策 活动 项目 新 各种 有关部门 改革".split()) + ")+")

# --- actions ------------------------------------------------------------------------

# Cue words of the actions; the first matching stem decides ("launched" from "launch", "启动" ...).
_ACTION_WORDS = {
    "launched": "launch start initiat kick introduc restart 启动 开展 推出 开通 出台 部署 建立",
    "extended": "extend continu prolong 延续 继续 接续 延长 持续",
    "expanded": "expand widen scal roll 扩大 扩围 推广 拓展",
    "piloted": "pilot trial 试点",
    "implemented": "implement carr advanc promot 实施 推进 落实 推动 执行 实行",
}
_ACTION_OF = {word: action for action, words in _ACTION_WORDS.items() for word in words.split()}
_ACTION = re.compile(  # no leading \b (slow); _cues checks the word start
    r"(?:launch|start|initiat|kick(?:ed|s)? off|introduc|restart|extend|continu|prolong|expand|widen|scal\w* up|"
    r"roll\w* out|pilot|trial|implement|carr(?:y|ied|ies|ying) out|advanc|promot)[a-z]*|"
    r"启动|开展|推出|开通|出台|部署|建立|延续|继续|接续|延长|持续|扩大|扩围|推广|拓展|试点|实施|推进|落实|推动|执行|实行")
_FUTURE = re.compile(r"(?:will|shall|plans? to|planned to|going to|next step)\b|将|拟|下一步|计划于")


def _action_of(cue: str) -> str:
    return _ACTION_OF.get(cue) or next(action for stem, action in _ACTION_OF.items() if cue.startswith(stem))


@dataclass(frozen=True)
class _Programme:
    key: str
    name: str
    kind: str


@dataclass
class _Hit:
    """A programme found in one sentence: where (for overlaps and the action) and what."""

    start: int
    end: int
    name: str
    kind: str
    key: str | None = None
    name_zh: str | None = None


# --- catalogue matcher ------------------------------------------------------------------


_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    """A light stem that makes British/American spellings and inflections meet (cached in ``_STEMS``)."""
    if len(_STEMS) > 200_000:
        _STEMS.clear()
    _STEMS[word] = stem = _stem_of(word)
    return stem


def _stem_of(word: str) -> str:
    w = _SPELLING.get(word, word)
    w = _BRITISH_IS.sub(r"iz\1", w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if w.endswith("ship") and len(w) > 6:
        w = w[:-4]
    if w.endswith("ional"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def _content(words: list[str]) -> list[str]:
    """Stems of the content words (hyphenated words split) of a list of words."""
    out = []
    for word in words:
        for part in _PART.findall(word.lower()):
            if part not in _STOP:
                out.append(_stem(part))
    return out


def _slack(n: int) -> int:
    """Extra words a label of ``n`` content words tolerates inside its match."""
    return 0 if n <= 2 else 1 if n == 3 else 2 if n <= 5 else 3


@dataclass
class _Catalogue:
    programmes: list[_Programme]
    en: list[tuple[int, tuple[str, ...], frozenset[str]]]  # English labels: (programme index, stems, stem set)
    en_anchor: dict[str, list[int]]  # a label's rarest stem -> label indexes
    zh: re.Pattern | None  # Chinese labels, quotes optional
    zh_index: dict[str, int]  # quote-free Simplified label -> programme index


@cache
def _catalogue() -> _Catalogue:
    """The programme catalogue compiled into matchers, once per process."""
    from kg import catalog

    programmes, en, zh_index = [], [], {}
    for i, entry in enumerate(catalog.load("programmes")):
        programmes.append(_Programme(entry.key, entry.label, entry.get(KG + "programmeKind") or "programme"))
        for stems in dict.fromkeys(tuple(_content(_WORD.findall(label))) for label in entry.labels("en")):
            if stems:  # spelling variants with the same stems count once
                en.append((i, stems, frozenset(stems)))
        for label in entry.labels("zh"):
            zh_index.setdefault(to_simplified(label.translate(_NO_QUOTES)), i)
    frequency: dict[str, int] = defaultdict(int)
    for _, _, stem_set in en:
        for stem in stem_set:
            frequency[stem] += 1
    anchor: dict[str, list[int]] = defaultdict(list)
    for li, (_, _, stem_set) in enumerate(en):
        anchor[min(stem_set, key=lambda t: (frequency[t], -len(t), t))].append(li)
    labels = sorted(zh_index, key=len, reverse=True)
    zh = re.compile(trie_pattern(labels, glue=f"[{_ZH_QUOTES}]?")) if labels else None
    return _Catalogue(programmes, en, dict(anchor), zh, zh_index)


def _match_en(stems: list[str], cat: _Catalogue) -> list[tuple[int, int, int]]:
    """(first, last word index, programme index) of every occurrence of a catalogue label in a stem
    sequence: the label's words in order, with at most ``_slack`` other words in between."""
    present = set(stems)
    candidates = [li for stem in present & cat.en_anchor.keys() for li in cat.en_anchor[stem]
                  if cat.en[li][2] <= present]
    if not candidates:
        return []
    positions: dict[str, list[int]] = defaultdict(list)
    for i, stem in enumerate(stems):
        positions[stem].append(i)
    found = []
    for li in candidates:
        prog, label, _ = cat.en[li]
        slack = _slack(len(label))
        starts = positions[label[0]]
        rare = min(range(len(label)), key=lambda t: len(positions[label[t]]))
        if rare:  # only start where the label's rarest word follows closely
            near = set()
            for q in positions[label[rare]]:
                near.update(starts[bisect_left(starts, q - rare - slack):bisect_right(starts, q - rare)])
            starts = sorted(near)
        for p0 in starts:
            cur, gaps = p0, 0
            for token in label[1:]:
                occurrences = positions[token]
                j = bisect_right(occurrences, cur)
                if j == len(occurrences) or gaps + occurrences[j] - cur - 1 > slack:
                    break
                gaps += occurrences[j] - cur - 1
                cur = occurrences[j]
            else:
                found.append((p0, cur, prog))
    return found


def _drop_nested(hits: list[_Hit]) -> list[_Hit]:
    """Hits not strictly inside a longer hit of another programme."""
    return [h for h in hits if not any(
        o.name != h.name and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start
        for o in hits)]


# --- English sentences ----------------------------------------------------------------


def _english_catalogue(lower: str, sents: list[Span], cat: _Catalogue) -> dict[int, list[_Hit]]:
    """Catalogue labels in English sentences, by sentence index (``lower`` is the lower-cased text)."""
    stems: list[str] = []
    first: list[int] = []  # index in ``stems`` of each sentence's first content word
    for sent in sents:
        first.append(len(stems))
        stems += [_STEMS.get(w) or _stem(w) for w in _PART.findall(lower, sent.start, sent.end) if w not in _STOP]
    found: dict[int, list[_Hit]] = defaultdict(list)
    spans: dict[int, list[tuple[int, int]]] = {}
    for a, b, prog in _match_en(stems, cat):
        si = bisect_right(first, a) - 1
        if si + 1 < len(first) and b >= first[si + 1]:
            continue  # across a sentence boundary
        if si not in spans:
            sent = sents[si]
            spans[si] = [m.span() for m in _PART.finditer(lower, sent.start, sent.end) if m.group() not in _STOP]
        p = cat.programmes[prog]
        found[si].append(_Hit(spans[si][a - first[si]][0], spans[si][b - first[si]][1], p.name, p.kind, p.key))
    return found


def _english_grammar_positions(text: str, lower: str) -> list[int]:
    """Where the English grammar may find a name: quotation marks, capitalised and open head nouns."""
    positions = [m.start() for m in _QUOTE_MARK.finditer(text)]
    positions += [m.start() for m in _TITLE_HINT.finditer(text)]
    positions += [m.start() for m in _OPEN_HINT.finditer(lower)]
    return positions


def _english(text: str, sent: Span, cat: _Catalogue, hits: list[_Hit]) -> list[_Hit]:
    """Grammar hits of one English sentence that do not overlap its catalogue ``hits``."""
    snippet = text[sent.start:sent.end]
    quoted = _QUOTE_MARK.search(snippet) is not None
    titled = _TITLE_HINT.search(snippet) is not None
    return [hit for hit in _english_grammar(text, sent, cat, quoted, titled)
            if not any(h.start < hit.end and hit.start < h.end for h in hits)]


def _resolve_en(phrase: str, cat: _Catalogue) -> _Programme | None:
    """The catalogue programme a delimited phrase names: the longest label whose words all occur in
    the phrase (in any order) and make up at least half of it."""
    stems = set(_content(_WORD.findall(phrase)))
    best = None
    for stem in stems & cat.en_anchor.keys():
        for li in cat.en_anchor[stem]:
            prog, _, label = cat.en[li]
            if label <= stems and 2 * len(label) >= len(stems) and (best is None or len(label) > best[0]):
                best = (len(label), prog)
    return cat.programmes[best[1]] if best else None


def _english_grammar(text: str, sent: Span, cat: _Catalogue, quoted: bool, titled: bool) -> list[_Hit]:
    """Quoted names, Title Case names and lower-case phrases ending in an open head noun."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, sent.start, sent.end)]
    out = []
    if quoted:
        for m in _QUOTE.finditer(text, sent.start, sent.end):
            out.extend(_quoted(text, m, words, cat))
    if titled and not _headline(words):
        out.extend(_title_case(text, words, cat))
    out.extend(_open_phrases(text, words, cat))
    return out


def _headline(words: list) -> bool:
    """A headline capitalises nearly every word, so its capitals mark no names."""
    content = [w for w in words if w[2] not in _TITLE_CONNECTORS]
    return len(words) >= 4 and sum(1 for w in content if w[2][:1].isupper()) >= 0.7 * len(content)


def _gap(text: str, words: list, i: int) -> str:
    """The characters between word ``i`` and word ``i + 1``."""
    return text[words[i][1]:words[i + 1][0]]


def _word_at(words: list, pos: int, after: bool) -> int | None:
    """Index of the first word starting at/after ``pos`` (after=True) or the last ending at/before it."""
    if after:
        return next((i for i, w in enumerate(words) if w[0] >= pos), None)
    return next((i for i in range(len(words) - 1, -1, -1) if words[i][1] <= pos), None)


def _hit(text: str, start: int, end: int, kind: str, cat: _Catalogue) -> _Hit:
    phrase = text[start:end].replace("“", '"').replace("”", '"').replace("’", "'")
    known = _resolve_en(phrase, cat)
    if known:
        return _Hit(start, end, known.name, known.kind, known.key)
    return _Hit(start, end, phrase, kind, None)


def _quoted(text: str, m: re.Match, words: list, cat: _Catalogue) -> list[_Hit]:
    """A quoted name: followed by a head noun ('"1131" concentrated service initiative'), ending in one
    ('"Human Social Service Quick Action Action"'), or the object of a programme verb ('promote "one-stop service"')."""
    inner = m.group(1).strip()
    inner_words = _WORD.findall(inner)
    if not inner_words or _CJK.search(inner):
        return []
    known = _resolve_en(inner, cat)
    j = _word_at(words, m.end(), after=True)
    attached = j is not None and not text[m.end():words[j][0]].strip() and inner[-1:] not in ",.;:"
    if attached:
        head = None
        for k in range(j, min(j + 4, len(words))):
            w = words[k][2].lower()
            if (k > j and _EN_CLAUSE_END.search(_gap(text, words, k - 1))) or w in _EN_FUNCTION or w in _EN_VERBS:
                break
            if w in _EN_HEADS:
                head = k
        if head is not None:
            return [_hit(text, m.start(), words[head][1], _EN_HEADS[words[head][2].lower()], cat)]
        if words[j][2][:1].islower():  # '"one person, one policy" approach': the quote only modifies a noun
            return [_Hit(m.start(), m.end(), known.name, known.kind, known.key)] if known else []
    if known:
        return [_Hit(m.start(), m.end(), known.name, known.kind, known.key)]
    last = inner_words[-1].lower()
    if last in _EN_TITLE_HEADS and len(inner_words) >= 2:
        return [_Hit(m.start(), m.end(), inner.strip(",."), _EN_HEADS[last], None)]
    i = _word_at(words, m.start(), after=False)
    if i is not None and len(inner_words) >= 2 and any(
            words[t][2].lower() in _EN_PROGRAMME_VERBS for t in range(max(0, i - 2), i + 1)):
        return [_Hit(m.start(), m.end(), inner.strip(",."), "programme", None)]
    return []


def _title_case(text: str, words: list, cat: _Catalogue) -> list[_Hit]:
    """Runs of capitalised words (with inner of/and/for/the) around a capitalised head noun:
    'Golden Autumn Recruitment Month', '13th Five-Year Plan for Employment Promotion'."""
    out, taken, n = [], len(words), len(words)

    def joined(i: int) -> bool:  # words i and i + 1 belong to one run
        return not _TITLE_BREAK.search(_gap(text, words, i))

    for k in range(n - 1, 0, -1):
        head = words[k][2]
        if k >= taken or head not in _TITLE_HEAD_FORMS:
            continue
        end = k
        if (k + 2 < n and words[k + 1][2] in ("for", "of", "on") and words[k + 2][2][:1].isupper()
                and joined(k) and joined(k + 1)):
            j = k + 2
            while j < n and (words[j][2][:1].isupper() or words[j][2] in ("and", "of", "the")):
                if words[j][2][:1].isupper():
                    end = j
                if j + 1 >= n or not joined(j):
                    break
                j += 1
        if end + 1 < n and words[end + 1][2] == "period":
            continue  # "the 14th Five-Year Plan period"
        i = k
        while i > 0 and joined(i - 1):
            prev = words[i - 1][2]
            if not (prev[:1].isupper() or prev in _TITLE_CONNECTORS or _ORDINAL.fullmatch(prev)):
                break
            i -= 1
        while i < k and not _ORDINAL.fullmatch(words[i][2]) and (
                words[i][2][:1].islower() or words[i][2].lower() in _EN_FUNCTION or words[i][2].lower() in _EN_VERBS):
            i += 1
        if i < k:
            out.append(_hit(text, words[i][0], words[end][1], _EN_HEADS[head.lower()], cat))
            taken = i
    return out


def _open_phrases(text: str, words: list, cat: _Catalogue) -> list[_Hit]:
    """'a capacity-building plan for ...', 'the plan to offer ...': a singular open head noun after a
    determiner or modifiers, with a to/for phrase naming its purpose ('the pilot program of ...' too)."""
    out, n = [], len(words)
    heads = [k for k in range(n - 1) if words[k][2] in _EN_OPEN_HEADS and words[k + 1][2] in ("to", "for", "of", "on")]
    for k in heads:
        w = words[k][2]
        if _EN_CLAUSE_END.search(_gap(text, words, k)):
            continue
        i = k  # left modifiers: content words back to a function word or verb
        while i > 0 and not _EN_CLAUSE_END.search(_gap(text, words, i - 1)):
            prev = words[i - 1][2]
            pl = prev.lower()
            if pl != "pilot" and (pl in _EN_FUNCTION or pl in _EN_VERBS or prev[:1].isupper() or pl.endswith("ly")
                                  or pl[:1].isdigit()):
                break
            i -= 1
        pilot = any(words[t][2].lower() == "pilot" for t in range(i, k))
        if words[k + 1][2] in ("of", "on") and not pilot:
            continue
        det = words[i - 1][2].lower() if i else ""
        if det not in _EN_DETERMINERS or (i == k and det in ("a", "an")):
            continue  # "we plan to ...", "a plan to ...": no name
        if i < k and all(_generic_word(words[t][2]) for t in range(i, k)):
            continue
        j = _tail_end(text, words, k + 1)
        if j > k + 1:
            out.append(_hit(text, words[i][0], words[j][1], "pilot" if pilot else _EN_HEADS[w], cat))
    return out


def _generic_word(word: str) -> bool:
    """Modifiers that make "a ... plan" a plan of work rather than a named programme."""
    low = word.lower()
    return low in _GENERIC or low.endswith("-level")


def _tail_end(text: str, words: list, p: int) -> int:
    """Last word of the to/for phrase starting at word ``p``: up to punctuation, a clause word or 12 words;
    "and" continues it when it joins two verbs ("to reform and improve") or two nouns."""
    j, n = p, len(words)
    while j + 1 < n and j - p < 12 and not _EN_CLAUSE_END.search(_gap(text, words, j)):
        nxt = words[j + 1][2].lower()
        if nxt == "and":
            after = words[j + 2][2].lower() if j + 2 < n else ""
            joins_verbs = j == p + 1 and after in _EN_VERBS
            joins_nouns = after not in _EN_VERBS and after not in _EN_FUNCTION and words[j][2].lower() not in _EN_VERBS
            if not (joins_verbs or joins_nouns):
                break
        elif nxt in _EN_RIGHT_STOP:
            break
        j += 1
    return j


# --- Chinese sentences ----------------------------------------------------------------


def _chinese(text: str, simple: str, sent: Span, cat: _Catalogue, grammar: bool) -> list[_Hit]:
    """Catalogue names in a sentence with Chinese, and (``grammar``: in a Chinese document) other names."""
    hits = []
    if cat.zh is not None:
        for m in cat.zh.finditer(simple, sent.start, sent.end):
            plain = m.group().translate(_NO_QUOTES)
            prog = cat.programmes[cat.zh_index[plain]]
            start, end = _balance_quotes(simple, m.start(), m.end(), sent)
            hits.append(_Hit(start, end, prog.name, prog.kind, prog.key, text[start:end]))
    if grammar:
        for hit in _chinese_grammar(text, simple, sent):
            if not any(h.start < hit.end and hit.start < h.end for h in hits):
                hits.append(hit)
    return hits


def _balance_quotes(simple: str, start: int, end: int, sent: Span) -> tuple[int, int]:
    """Widen a match by the quotation marks it opens or closes outside itself."""
    inner = simple[start:end]
    opened = sum(inner.count(q) for q in _ZH_OPEN) - sum(inner.count(q) for q in _ZH_CLOSE)
    if (opened < 0 or inner[:1] not in _ZH_OPEN and end < sent.end and simple[end] in _ZH_CLOSE and opened == 0
            and start > sent.start and simple[start - 1] in _ZH_OPEN):
        start -= 1
        opened += 1
    if opened > 0 and end < sent.end and simple[end] in _ZH_CLOSE:
        end += 1
    return start, end


def _chinese_grammar(text: str, simple: str, sent: Span) -> list[_Hit]:
    """Phrases ending in a head noun (行动, 计划, 制度 ...), lists "A、B等活动" and quoted names after a verb."""
    clauses, prev = [], sent.start
    for m in _ZH_CLAUSE.finditer(simple, sent.start, sent.end):
        clauses.append((prev, m.start(), m.group()))
        prev = m.end()
    clauses.append((prev, sent.end, ""))
    out = []
    for ci, (cs, ce, _) in enumerate(clauses):
        floor = cs
        for m in _ZH_HEAD.finditer(simple, cs, ce):
            hs, he = m.span()
            if m.group() in _ZH_NOT_HEADS or _ZH_HEAD_TAIL.match(simple, he):
                continue
            region, floor, kind = simple[floor:hs], he, _ZH_HEADS[m.group()]
            start = _zh_name_start(region)
            if start is None:
                out.extend(_zh_list(text, simple, clauses, ci, hs - len(region), hs, kind))
                continue
            start += hs - len(region)
            if m.group() in _ZH_WEAK_HEADS and not any(q in simple[start:hs] for q in _ZH_QUOTES):
                continue
            out.append(_Hit(start, he, text[start:he], kind, None, text[start:he]))
        for q in _ZH_QUOTED.finditer(simple, cs, ce):
            if not any(h.start <= q.start() < h.end for h in out):
                out.extend(_zh_quoted(text, simple, cs, q))
    return out


def _zh_list(text: str, simple: str, clauses: list, ci: int, rs: int, hs: int, kind: str) -> list[_Hit]:
    """"组织开展A、B等活动": the items of a 、-list closed by 等 and a generic head each name a programme."""
    deng = simple.rfind("等", rs, hs)
    if deng < 0 or (simple[deng + 1:hs] and not _ZH_GENERIC.fullmatch(simple[deng + 1:hs])):
        return []
    items = [(clauses[ci][0], deng)]
    k = ci - 1
    while k >= 0 and clauses[k][2] == "、":
        items.append(clauses[k][:2])
        k -= 1
    out = []
    for a, b in items:
        cut = _zh_name_start(simple[a:b])
        if cut is None and _ZH_START.search(simple, a, b) is None and 2 <= b - a:
            cut = 0
        if cut is None or not 2 <= b - a - cut <= 20 or _ZH_HEAD.search(simple, a + cut, b):
            continue
        out.append(_Hit(a + cut, b, text[a + cut:b], kind, None, text[a + cut:b]))
    return out


def _zh_quoted(text: str, simple: str, cs: int, q: re.Match) -> list[_Hit]:
    """A quoted name after a verb ("开展人社“厅局长走流程”", "实现“一网通办”"), with its unquoted prefix."""
    region = simple[cs:q.start()]
    verbs = list(_ZH_QUOTE_VERB.finditer(region))
    if not verbs and not region.endswith(tuple(_ZH_CLOSE)):
        return []
    start = q.start()
    if verbs:
        prefix = region[verbs[-1].end():]
        if 2 <= len(prefix) <= 6 and _CJK_RUN.fullmatch(prefix) and not _ZH_COUNTED.search(prefix) \
                and not _ZH_GENERIC.fullmatch(prefix) and not _ZH_START.search(prefix):
            start -= len(prefix)
    name = text[start:q.end()] if start < q.start() else text[q.start() + 1:q.end() - 1]
    return [_Hit(start, q.end(), name, "programme", None, name)]


def _zh_name_start(region: str) -> int | None:
    """Offset in ``region`` (the text before a head noun) where the name starts, or None if it has no name.

    The name starts after the last verb, 的 or conjunction, unless what follows is itself only
    verbs ("巩固提升行动", "创业推进计划": the verb belongs to the name) or follows 等 inside a
    name ("高校毕业生等青年..."). A generic, counted or empty remainder means no name at all.
    """
    cuts = [0, *(b.end() for b in _ZH_START.finditer(region))]
    for cut in reversed(cuts):
        rest = region[cut:]
        after_deng = region[cut - 1:cut] == "等"
        lead = _ZH_LEAD.match(rest)
        if lead:
            cut, rest = cut + lead.end(), rest[lead.end():]
        modifier = rest.strip(_ZH_QUOTES)
        generic = not modifier or _ZH_GENERIC.fullmatch(modifier)
        if after_deng:
            if generic:
                return None  # "A、B等(就业服务)活动": a list, not a name
            continue  # "高校毕业生等青年...计划": 等 inside the name
        if lead and not modifier:
            return None
        if not modifier or _ZH_VERB_ONLY.fullmatch(modifier):
            continue
        if len(modifier) < 2 or not _CJK.match(modifier) or generic or _ZH_COUNTED.match(rest):
            return None
        return cut
    return None


# --- actions and assembly -------------------------------------------------------------


def _cues(lower: str, sent: Span) -> tuple[list[tuple[int, int, str]], bool]:
    """The action cue words of a sentence (start, end, action) and whether it speaks of the future."""
    def word_start(m: re.Match) -> bool:
        return m.start() == 0 or not lower[m.start() - 1].isascii() or not lower[m.start() - 1].isalpha()

    cues = [(m.start(), m.end(), _action_of(m.group()))
            for m in _ACTION.finditer(lower, sent.start, sent.end) if word_start(m)]
    return cues, any(word_start(m) for m in _FUTURE.finditer(lower, sent.start, sent.end))


def _action(cues: list[tuple[int, int, str]], future: bool, hit: _Hit) -> str | None:
    """The action of the cue word nearest before the mention (else after it); in a sentence about
    the future a bare or 'implemented' mention is 'planned'."""
    before = [c for c in cues if c[1] <= hit.start]
    after = [c for c in cues if c[0] >= hit.end]
    action = before[-1][2] if before else after[0][2] if after else None
    return "planned" if future and action in (None, "implemented") else action


def extract_programmes(doc: Document) -> list[ProgrammeMention]:
    """Every programme named in ``doc``: one mention per programme per sentence, evidence = the sentence."""
    text = doc.text
    cat = _catalogue()
    has_cjk = _CJK.search(text) is not None
    simple = to_simplified(text) if has_cjk else text
    lower = simple.lower()
    if len(lower) != len(simple):
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in simple)
    english = doc.language == "en" or not has_cjk
    sents = sentences(text)
    starts = [s.start for s in sents]

    def sentence_of(pos: int) -> int:
        return bisect_right(starts, pos) - 1

    catalogued: dict[int, list[_Hit]] = {}
    grammar: set[int] = set()
    chinese: set[int] = set()
    if english:
        catalogued = _english_catalogue(lower, sents, cat)
        grammar = {sentence_of(pos) for pos in _english_grammar_positions(text, lower)}
    if has_cjk:
        chinese = {sentence_of(m.start()) for m in _CJK_RUN.finditer(text)}
    out: list[ProgrammeMention] = []
    for si in sorted((catalogued.keys() | grammar | chinese) - {-1}):
        sent = sents[si]
        hits = _drop_nested(catalogued.get(si, []))
        if si in grammar:
            hits += _english(text, sent, cat, hits)
        if si in chinese:
            hits += _chinese(text, simple, sent, cat, grammar=not english)
        cues, future = _cues(lower, sent)
        cues = [c for c in cues if not any(h.start <= c[0] < h.end for h in hits)]  # not "pilot" inside a name
        seen = set()
        for hit in sorted(hits, key=lambda h: h.start):
            ident = hit.key or hit.name
            if ident not in seen:
                seen.add(ident)
                out.append(ProgrammeMention(
                    name=hit.name, key=hit.key, name_zh=None if doc.language == "en" else hit.name_zh,
                    kind=hit.kind, action=_action(cues, future, hit), evidence=sent))
    return out
