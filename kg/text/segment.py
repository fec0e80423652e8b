"""Sentences with character offsets, for English and Chinese text."""

from __future__ import annotations

import re

from kg.model import Span

# A sentence ends at . ! ? (followed by space/quote/end) or at Chinese 。！？；,
# at a line break, or at a space between Chinese characters or figures (headlines
# write "上半年城镇新增就业695万人 6月份城镇调查失业率为5.0%"). Decimal points
# ("5.1%") and abbreviations followed by a digit ("No. 5") never end a sentence
# because a space must follow.
_END = re.compile(r"""(?:[.!?]['"’”)]*(?=\s|$)|[。！？；;]['"’”」』）]*|\n+|(?<=[\u4e00-\u9fff%])[ \u3000]+(?=[\u4e00-\u9fff\d]))""")
_ABBREV = re.compile(r"(?:\b(?:Mr|Ms|Mrs|Dr|No|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|St|vs|etc|e\.g|i\.e)|\b[A-Z])\.$")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Split ``text[start:end]`` into sentence spans, trimmed of surrounding blanks."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        if m.group().startswith(".") and _ABBREV.search(text, max(cursor, m.start() - 6), m.start() + 1):
            continue
        _add(text, cursor, m.end(), spans)
        cursor = m.end()
    _add(text, cursor, end, spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start=start, end=end, text=text[start:end]))
