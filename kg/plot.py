"""Pictures of indicators over time, with the programmes that aim to move them (matplotlib, headless)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kg.views import run_internal, run_view


class PlotError(Exception):
    """Nothing to draw: an unknown indicator or programme, or no values."""


@dataclass
class Series:
    indicator: str
    label: str
    unit: str
    points: list[tuple[dt.date, float, str, str]]  # (middle of the period, value, sources, period kind)


def indicator_series(db, indicator: str) -> Series:
    """Level values of an indicator per period, placed at the middle of each period."""
    from kg.rdf import period_bounds

    rows = run_view(db, "indicator_timeseries", {"indicator": indicator, "measure": "level"})[1]
    info = run_internal(db, "indicator_info", key=indicator)
    if not info:
        raise PlotError(f"no indicator {indicator!r}; `kg indicators` lists them")
    points = []
    for r in rows:
        start, end = period_bounds(r["period"])
        points.append((start + (end - start) / 2, float(r["value"]), r["sources"], _kind(r["period"])))
    return Series(indicator, info[0]["label"], info[0]["unit"], sorted(points))


def _kind(period: str) -> str:
    """year (2023), month (2023-03), part of a year (2023-01/2023-06) or several years (2013/2022)."""
    if "/" not in period:
        return "year" if len(period) == 4 else "month"
    return "several years" if len(period) == 9 else "part of a year"


# How each kind of period is drawn: whole years and months as connected lines, the rest as loose markers,
# so a first-quarter total never looks like a collapse of the annual series.
_STYLES = {"year": dict(marker="o", linestyle="-"), "month": dict(marker="s", linestyle="-", markersize=4),
           "part of a year": dict(marker="^", linestyle="none", fillstyle="none"),
           "several years": dict(marker="D", linestyle="none", fillstyle="none")}


def plot_indicator(db, indicator: str, out: Path) -> int:
    """Draw one indicator's time series, sources annotated, linked programmes marked; return the points drawn."""
    series = indicator_series(db, indicator)
    if not series.points:
        raise PlotError(f"no values of {indicator!r} in the store")
    programmes = run_internal(db, "indicator_programmes", key=indicator)
    return _draw([series], programmes, f"{series.label} ({series.unit})", out)


def plot_policy(db, programme: str, out: Path) -> int:
    """Draw every indicator that measures a programme, with the programme's mentions marked; return the points drawn."""
    rows = run_view(db, "policy_outcomes", {"programme": programme})[1]
    if not rows:
        raise PlotError(f"no programme {programme!r}; `kg query programme_timeline` lists mentions")
    keys = sorted({r["indicator"] for r in rows if r["indicator"]})
    series = [s for s in (indicator_series(db, k) for k in keys) if s.points]
    if not series:
        raise PlotError(f"no values for the indicators measuring {programme!r} ({', '.join(keys) or 'none linked'})")
    mentions = [{"programme": rows[0]["programme_name"], "date": r["date"]}
                for r in run_view(db, "programme_timeline", {"programme": programme})[1] if r["date"]]
    return _draw(series, mentions, rows[0]["programme_name"], out)


def _draw(series: list[Series], marks: list[dict], title: str, out: Path) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(series), 1, figsize=(10, 3.2 * len(series) + 0.8), squeeze=False, sharex=True)
    drawn = 0
    for ax, s in zip(axes[:, 0], series, strict=True):
        for kind, style in _STYLES.items():
            pts = [p for p in s.points if p[3] == kind]
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], linewidth=1.5, label=kind, **style)
                drawn += len(pts)
        ax.legend(fontsize=7, loc="best")
        for x, y, sources, _ in s.points:
            ax.annotate(sources if len(sources) <= 28 else sources[:25] + "...", (x, y), textcoords="offset points",
                        xytext=(0, 6), ha="center", fontsize=6, color="dimgray")
        ax.set_ylabel(s.unit)
        ax.set_title(s.label, fontsize=10, loc="left")
        ax.grid(True, alpha=0.3)
    seen: set[tuple[str, str]] = set()
    for mark in marks:
        if not mark.get("date") or (mark["programme"], mark["date"]) in seen:
            continue
        seen.add((mark["programme"], mark["date"]))
        x = dt.date.fromisoformat(str(mark["date"]))
        for ax in axes[:, 0]:
            ax.axvline(x, color="tab:red", alpha=0.25, linestyle="--", linewidth=1)
        axes[0, 0].annotate(mark["programme"][:40], (x, 1), xycoords=("data", "axes fraction"), rotation=90,
                            fontsize=6, color="tab:red", va="top", ha="right")
    fig.suptitle(title, fontsize=12)
    fig.autofmt_xdate()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return drawn
