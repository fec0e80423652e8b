"""`kg eval`: the store's exports scored against a gold folder, category by category."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.evaluate import Score, load_gold, score_events, score_observations, score_officials, score_programmes


def evaluate(db, gold_dir: Path) -> list[Score]:
    """Scores of every category the gold folder has rows for, over the documents the gold annotates."""
    from kg import catalog
    from kg.export.rows import export_rows

    golds = {kind: load_gold(gold_dir, kind) for kind in ("observations", "officials", "events", "programmes")}
    docs = {row["doc"] for rows in golds.values() for row in rows}

    def predicted(kind: str) -> list[dict]:
        return [r for r in export_rows(db, kind)[1] if r["doc"] in docs]

    scores: list[Score] = []
    if golds["observations"]:
        keys = _gold_indicators(gold_dir) or {e.key for e in catalog.load("indicators")}
        scores.append(score_observations(predicted("observations"), golds["observations"], keys))
    if golds["officials"]:
        scores.extend(score_officials(predicted("officials"), golds["officials"]))
    if golds["events"]:
        scores.append(score_events(predicted("events"), golds["events"]))
    if golds["programmes"]:
        scores.append(score_programmes(predicted("programmes"), golds["programmes"], programme_key))
    return scores


def _gold_indicators(gold_dir: Path) -> set[str]:
    """The indicator keys the gold is annotated with (its indicators.csv), which precision counts against."""
    import csv

    path = Path(gold_dir) / "indicators.csv"
    if not path.exists():
        return set()
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["key"] for row in csv.DictReader(fh) if row.get("key")}


@cache
def _programme_labels() -> dict[str, str]:
    from kg import catalog

    return {label.lower(): e.key for e in catalog.load("programmes") for label in e.labels()}


def programme_key(name: str) -> str | None:
    """The programme catalogue key whose label is ``name`` (case-insensitive), if any."""
    return _programme_labels().get(name.strip().lower())
