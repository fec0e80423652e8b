"""Scoring the graph against gold annotations (the format of ../shared/gold/README.md).

Each ``score_*`` function takes predicted and gold rows (dicts in the gold
format) and returns a :class:`Score` with its figures and every miss and false
hit, so a user sees what to fix, not just a number.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Score:
    """Precision, recall and F1 of one category, with the rows behind them."""

    name: str
    true_pos: int = 0
    n_pred: int = 0
    n_gold: int = 0
    misses: list[dict] = field(default_factory=list)  # gold rows nothing matched
    false_hits: list[dict] = field(default_factory=list)  # predicted rows that matched nothing
    extra: dict[str, float] = field(default_factory=dict)  # other figures: accuracies
    wrong_speaker: list[dict] = field(default_factory=list)  # matched observations attributed to someone else

    @property
    def precision(self) -> float:
        return self.true_pos / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)

    @property
    def recall(self) -> float:
        return self.true_pos / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(folder: Path | str, name: str) -> list[dict]:
    path = Path(folder) / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- observations -----------------------------------------------------------------

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.I)


def normalise_period(period: str) -> str:
    """Quarters become month spans (2023-Q1 -> 2023-01/2023-03); other forms are kept."""
    period = str(period).strip()
    if m := _QUARTER.match(period):
        y, q = m[1], int(m[2])
        return f"{y}-{3 * q - 2:02d}/{y}-{3 * q:02d}"
    return period


def _obs_key(row: dict) -> tuple:
    return (row["doc"], row["indicator"], row["measure"], normalise_period(row["period"]))


def _dedup_observations(rows: list[dict]) -> list[dict]:
    """Rows equal in doc, indicator, measure, period and value count once; their speakers are pooled."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (*_obs_key(row), float(row["value"]))
        if key in merged:
            if row.get("speaker"):
                merged[key]["speakers"].add(row["speaker"])
        else:
            merged[key] = {**row, "period": normalise_period(row["period"]), "speakers": {row["speaker"]} if row.get("speaker") else set()}
    return list(merged.values())


def score_observations(pred: list[dict], gold: list[dict], catalogue: set[str]) -> Score:
    """Match predicted and gold observations one to one (same doc, indicator, measure, period; value within 0.5%)."""
    gold_rows = _dedup_observations(gold)
    pred_rows = [r for r in _dedup_observations(pred) if r["indicator"] in catalogue]
    score = Score("observations", n_pred=len(pred_rows), n_gold=len(gold_rows))
    by_key: dict[tuple, list[dict]] = defaultdict(list)
    for r in pred_rows:
        by_key[_obs_key(r)].append(r)
    used: set[int] = set()
    attributed = 0
    for g in gold_rows:
        gv = float(g["value"])
        candidates = [r for r in by_key.get(_obs_key(g), []) if id(r) not in used and abs(float(r["value"]) - gv) <= 0.005 * abs(gv)]
        if not candidates:
            score.misses.append(g)
            continue
        best = min(candidates, key=lambda r: abs(float(r["value"]) - gv))
        used.add(id(best))
        score.true_pos += 1
        gold_speaker = g.get("speaker") or ""
        if (gold_speaker in best["speakers"]) if gold_speaker else not best["speakers"]:
            attributed += 1
        else:
            score.wrong_speaker.append({**g, "predicted_speaker": "; ".join(sorted(best["speakers"]))})
    score.false_hits = [r for r in pred_rows if id(r) not in used]
    score.extra["attribution accuracy"] = attributed / score.true_pos if score.true_pos else 0.0
    return score


# --- officials and events -------------------------------------------------------------


def name_key(name: str | None) -> str:
    """A person's name compared by normalised pinyin: lower case letters only ("Li Zhong" -> "lizhong")."""
    return re.sub(r"[^a-z]", "", (name or "").lower())


def _set_score(name: str, pred: set, gold: set, rows_of: dict) -> Score:
    s = Score(name, true_pos=len(pred & gold), n_pred=len(pred), n_gold=len(gold))
    s.misses = [rows_of.get(k, {"key": k}) for k in sorted(gold - pred)]
    s.false_hits = [rows_of.get(k, {"key": k}) for k in sorted(pred - gold)]
    return s


def score_officials(pred: list[dict], gold: list[dict]) -> list[Score]:
    """Person F1 (same doc and person) and person-role F1 (role compared lower-cased)."""
    def keys(rows, with_role):
        out = {}
        for r in rows:
            k = (r["doc"], name_key(r["name"])) + ((r["role"].strip().lower(),) if with_role else ())
            out[k] = r
        return out

    scores = []
    for with_role, name in ((False, "persons"), (True, "person roles")):
        p, g = keys(pred, with_role), keys(gold, with_role)
        scores.append(_set_score(name, set(p), set(g), {**p, **g}))
    return scores


def _speaker_list(row: dict) -> list[str]:
    speakers = row.get("speakers") or []
    if isinstance(speakers, str):
        speakers = [s for s in speakers.split(";") if s.strip()]
    return speakers


def score_events(pred: list[dict], gold: list[dict]) -> Score:
    """Speaker-set F1 over (doc, speaker) pairs, with date, organizer and moderator accuracy per gold event."""
    pred_by_doc = {r["doc"]: r for r in pred}
    p_pairs = {(r["doc"], name_key(s)) for r in pred for s in _speaker_list(r)}
    g_pairs = {(r["doc"], name_key(s)) for r in gold for s in _speaker_list(r)}
    score = _set_score("event speakers", p_pairs, g_pairs, {})
    n = len(gold) or 1
    score.extra["date accuracy"] = sum(str(pred_by_doc.get(g["doc"], {}).get("date")) == g["date"] for g in gold) / n
    score.extra["organizer accuracy"] = sum(
        (pred_by_doc.get(g["doc"], {}).get("organizer") or "").lower() == g["organizer"].lower() for g in gold) / n
    score.extra["moderator accuracy"] = sum(
        name_key(pred_by_doc.get(g["doc"], {}).get("moderator")) == name_key(g.get("moderator")) for g in gold) / n
    return score


# --- programmes ----------------------------------------------------------------------


def _tokens(name: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", name.lower().replace("labour", "labor")))


def jaccard(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def score_programmes(pred: list[dict], gold: list[dict], resolve) -> Score:
    """One-to-one matches within a doc: same catalogue entry (``resolve(name) -> key|None``), token Jaccard >= 0.5, or same Chinese name."""
    seen = set()
    pred_rows = []
    for r in pred:
        if (r["doc"], r["name"]) not in seen:
            seen.add((r["doc"], r["name"]))
            pred_rows.append(r)
    score = Score("programmes", n_pred=len(pred_rows), n_gold=len(gold))
    pairs = []
    for gi, g in enumerate(gold):
        gkey = resolve(g["name"]) or (resolve(g["name_zh"]) if g.get("name_zh") else None)
        for pi, p in enumerate(pred_rows):
            if p["doc"] != g["doc"]:
                continue
            pkey = resolve(p["name"]) or (resolve(p["name_zh"]) if p.get("name_zh") else None)
            if (gkey and gkey == pkey) or (g.get("name_zh") and g.get("name_zh") == p.get("name_zh")):
                pairs.append((1.0, gi, pi))
            elif (j := jaccard(g["name"], p["name"])) >= 0.5:
                pairs.append((j, gi, pi))
    used_g, used_p = set(), set()
    for _, gi, pi in sorted(pairs, key=lambda t: -t[0]):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    score.true_pos = len(used_g)
    score.misses = [g for i, g in enumerate(gold) if i not in used_g]
    score.false_hits = [p for i, p in enumerate(pred_rows) if i not in used_p]
    return score
