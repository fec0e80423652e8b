"""Rows in the gold formats (observations, officials, events, programmes) from the export views."""

from __future__ import annotations

KINDS = ("observations", "officials", "events", "programmes")


def export_rows(db, kind: str) -> tuple[list[str], list[dict]]:
    """Column names and rows of ``sparql/export_<kind>.rq``, shaped like the gold JSON Lines."""
    from kg.views import run_view

    if kind not in KINDS:
        raise ValueError(f"unknown export {kind!r}; use one of {', '.join(KINDS)}")
    columns, rows = run_view(db, f"export_{kind}")
    if kind == "events":
        for row in rows:
            row["speakers"] = [s for s in (row["speakers"] or "").split("; ") if s]
    return columns, rows


def compact(row: dict) -> dict:
    """A row without its empty optional fields, as the gold files write them."""
    return {k: v for k, v in row.items() if v not in (None, "")}
