"""The lookups behind `kg who`, `kg person` and `kg event`, built on the named views."""

from __future__ import annotations

import re

from kg.views import run_internal, run_view

_KIND_RANK = {"figure": 0, "programme": 1, "statement": 2}
_HAN = re.compile(r"[\u4e00-\u9fff]")
WHO_COLUMNS = ["date", "speaker", "kind", "what", "period", "value", "unit", "documents", "evidence"]


def spellings(text: str) -> list[str]:
    """The text as given plus, for Chinese, its Simplified and Traditional forms (documents use either)."""
    out = [text]
    if _HAN.search(text):
        from kg.text.script import to_simplified, to_traditional

        out += [to_simplified(text), to_traditional(text)]
    return list(dict.fromkeys(out))


def who(db, text: str | None = None, since: str | None = None, until: str | None = None,
        person: str | None = None, limit: int | None = None) -> list[dict]:
    """Who announced what: figures first, then programme mentions, then statements; newest first; one row
    per speaker and fact, with every document that reports it."""
    params = {k: v for k, v in (("since", since), ("until", until), ("person", person)) if v}
    merged: dict[tuple, dict] = {}
    for variant in spellings(text) if text else [None]:
        for row in run_view(db, "who_announced_what", {**params, **({"text": variant} if variant else {})})[1]:
            what = row["what"] if row["kind"] != "statement" else _snippet(row["what"], variant)
            key = (row["date"], row["speaker"], row["kind"], what, row["period"], row["value"])
            if key in merged:
                if row["doc"] not in merged[key]["documents"]:
                    merged[key]["documents"] += f", {row['doc']}"
                continue
            merged[key] = {**{c: row.get(c) for c in WHO_COLUMNS}, "what": what, "documents": row["doc"],
                           "evidence": _snippet(row["evidence"] or "", variant) if row["kind"] != "statement" else None}
    rows = sorted(merged.values(), key=lambda r: (_KIND_RANK[r["kind"]], _neg_date(r["date"]), r["speaker"], r["what"]))
    return rows[:limit] if limit else rows


def _neg_date(date: str | None) -> str:
    """A sort key that puts later dates first."""
    return "".join(chr(0x7E - ord(c)) if c.isdigit() else c for c in (date or "0000"))


def _snippet(text: str, needle: str | None, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around the first occurrence of ``needle``."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    i = text.lower().find(needle.lower()) if needle else -1
    start = max(0, min(i - width // 3, len(text) - width)) if i >= 0 else 0
    return ("..." if start else "") + text[start:start + width] + ("..." if start + width < len(text) else "")


def person(db, name: str) -> dict[str, list[dict]]:
    """An official's posts over time, the events they attended and the figures they announced."""
    from kg.text.names import person_key

    key = person_key(name)
    return {
        "posts": run_view(db, "official_roles", {"person": key})[1],
        "events": run_internal(db, "person_events", key=key),
        "figures": [r for r in who(db, person=key) if r["kind"] == "figure"],
    }


def event(db, ref: str) -> dict[str, list[dict]]:
    """An event by date (YYYY-MM-DD), IRI or reporting document id: who spoke and chaired, and what was announced."""
    params = {"date": ref} if re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref) else {"event": ref}
    events = run_view(db, "event_summary", params)[1]
    announced: list[dict] = []
    for e in events:
        if e["event_date"]:
            announced += [r for r in who(db, since=e["event_date"], until=e["event_date"]) if r["kind"] in ("figure", "programme")]
    return {"events": events, "announced": announced}
