"""Simplified or Traditional Chinese: which script a text is written in."""

from __future__ import annotations

from functools import cache


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional characters converted to Simplified, character by character (offsets are kept)."""
    out = _converter("t2s").convert(text)
    return out if len(out) == len(text) else "".join(_converter("t2s").convert(c) for c in text)


def to_traditional(text: str) -> str:
    """Simplified characters converted to Traditional."""
    return _converter("s2t").convert(text)


def script_of(text: str) -> str:
    """``zh-Hant`` when more characters change under Traditional->Simplified than the reverse, else ``zh-Hans``."""
    t2s = to_simplified(text)
    s2t = _converter("s2t").convert(text)
    traditional = sum(a != b for a, b in zip(text, t2s))
    simplified = sum(a != b for a, b in zip(text, s2t)) if len(s2t) == len(text) else 0
    return "zh-Hant" if traditional > simplified else "zh-Hans"
