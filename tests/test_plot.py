"""`kg plot`: real image files with one point per period of the series."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from kg.plot import PlotError, plot_indicator, plot_policy
from kg.views import run_view


def test_indicator_plot_is_a_png_with_a_point_per_period(full_store, tmp_path):
    db = full_store.open()
    out = tmp_path / "jobs.png"
    drawn = plot_indicator(db, "new_urban_jobs", out)
    rows = run_view(db, "indicator_timeseries", {"indicator": "new_urban_jobs", "measure": "level"})[1]
    assert drawn == len(rows) >= 6
    with Image.open(out) as img:
        img.verify()
        assert img.format == "PNG" and img.size[0] > 600


def test_policy_plot_as_svg_draws_every_measuring_indicator(full_store, tmp_path):
    db = full_store.open()
    out = tmp_path / "premium.svg"
    drawn = plot_policy(db, "premium_rate_reduction", out)
    indicators = {r["indicator"] for r in run_view(db, "policy_outcomes", {"programme": "premium_rate_reduction"})[1]}
    expected = sum(len(run_view(db, "indicator_timeseries", {"indicator": k, "measure": "level"})[1]) for k in indicators)
    assert drawn == expected > 0
    assert ET.parse(out).getroot().tag.endswith("svg")


def test_unknown_names_are_clear_errors(full_store, tmp_path):
    with pytest.raises(PlotError, match="no indicator"):
        plot_indicator(full_store.open(), "no_such_indicator", tmp_path / "x.png")
    with pytest.raises(PlotError, match="no programme"):
        plot_policy(full_store.open(), "no such programme", tmp_path / "x.png")
