"""Rows to the terminal or to scripts: table, csv, tsv, json, jsonl."""

from __future__ import annotations

import csv
import json
import sys
from typing import IO

FORMATS = ("table", "csv", "tsv", "json", "jsonl")


def render(columns: list[str], rows: list[dict], fmt: str = "table", out: IO[str] | None = None, title: str | None = None) -> None:
    """Write ``rows`` (dicts keyed by ``columns``) in ``fmt``."""
    out = out or sys.stdout
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt in ("csv", "tsv"):
        writer = csv.DictWriter(out, fieldnames=columns, delimiter="," if fmt == "csv" else "\t", extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    elif fmt == "table":
        _table(columns, rows, out, title)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _table(columns: list[str], rows: list[dict], out: IO[str], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console = Console(file=out, soft_wrap=False)
    if not console.is_terminal:  # piped or captured: no terminal width to fit, so do not squeeze columns
        console.width = 200
    console.print(table)
    if not rows:
        out.write("(no rows)\n")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)
