"""The named views on the examples (and seed corpus): each runs, answers what its header says, binds its parameters."""

from __future__ import annotations


from kg.views import get_view, run_view, views


def test_every_view_documents_itself_and_runs(full_store):
    db = full_store.open()
    samples = {"indicator": "new_urban_jobs", "programme": "private pension system", "text": "pension",
               "person": "Lu Aihong", "since": "2020", "until": "2025-12-31", "date": "2024-01-24", "event": "x", "measure": "level"}
    assert {"indicator_timeseries", "policy_outcomes", "who_announced_what", "official_roles",
            "programme_timeline", "event_summary"} <= set(views())
    for name, view in views().items():
        assert view.description, name
        params = {p.name: samples[p.name] for p in view.params if p.required}
        columns, _ = run_view(db, name, params)
        assert columns, name


def test_indicator_timeseries_merges_sources_and_flags_conflicts(full_store):
    cols, rows = run_view(full_store.open(), "indicator_timeseries", {"indicator": "new_urban_jobs", "measure": "level"})
    years = {r["period"]: r for r in rows if len(r["period"]) == 4}
    assert {"2019", "2020", "2021", "2022", "2023", "2024"} <= set(years)
    assert years["2023"]["value"] == 12440000
    assert "," in years["2023"]["sources"]  # reported by more than one document, shown once
    per_period: dict[str, list[dict]] = {}
    for r in rows:
        per_period.setdefault(r["period"], []).append(r)
    for period, same in per_period.items():  # one row per period unless the documents disagree
        assert all(r["conflict"] == (len(same) > 1) for r in same), period


def test_policy_outcomes_follow_a_programme_across_years(full_store):
    _, rows = run_view(full_store.open(), "policy_outcomes",
                       {"programme": "phased reduction of unemployment and work-related injury insurance premium rates"})
    assert rows and rows[0]["first_mentioned"] < rows[0]["last_mentioned"]
    assert {"enterprise_cost_reduction", "new_urban_jobs"} <= {r["indicator"] for r in rows}
    years = {r["year"] for r in rows if r["value"] is not None}
    assert len(years) >= 3
    for r in rows:  # the change is this year's value minus last year's, when both are known
        if r["change_from_previous_year"] is not None:
            previous = [p for p in rows if p["indicator"] == r["indicator"] and int(p["year"]) == int(r["year"]) - 1]
            assert previous and r["change_from_previous_year"] == r["value"] - previous[0]["value"]


def test_official_roles_by_pinyin_chinese_or_key(full_store):
    db = full_store.open()
    by_pinyin = run_view(db, "official_roles", {"person": "Lu Aihong"})[1]
    by_key = run_view(db, "official_roles", {"person": "lu-aihong"})[1]
    assert by_pinyin == by_key and {r["role"] for r in by_key} >= {"spokesperson"}
    assert all(r["first_seen"] <= r["last_seen"] for r in by_key)


def test_optional_parameters_narrow_results(full_store):
    db = full_store.open()
    everything = run_view(db, "who_announced_what", {})[1]
    recent = run_view(db, "who_announced_what", {"since": "2024-01-01"})[1]
    assert 0 < len(recent) < len(everything)
    assert all(r["date"] >= "2024-01-01" for r in recent)


def test_view_header_declares_types():
    view = get_view("who_announced_what")
    assert {p.name: p.type for p in view.params} == {"text": "string", "since": "date", "until": "date", "person": "string"}
    assert not any(p.required for p in view.params)
