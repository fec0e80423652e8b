"""`kg who`, `kg person`, `kg event` on the seed corpus and the examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from kg.lookup import event, person, spellings, who


def test_spellings_cover_both_scripts():
    assert set(spellings("养老")) == {"养老", "養老"}
    assert spellings("pension") == ["pension"]


def test_who_private_pension_names_the_official(corpus_store):
    rows = who(corpus_store.open(), "private pension")
    assert rows and rows[0]["kind"] == "figure"
    assert {"Li Zhong"} <= {r["speaker"] for r in rows}
    keys = [(r["date"], r["speaker"], r["kind"], r["what"], r["period"], r["value"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_who_in_chinese_finds_both_scripts(full_store):
    rows = who(full_store.open(), "养老")
    assert rows
    assert any("養老" in (r["evidence"] or r["what"]) for r in rows) or any("养老" in (r["evidence"] or r["what"]) for r in rows)


def test_who_by_indicator_key_and_dates(full_store):
    db = full_store.open()
    rows = who(db, "new_urban_jobs", since="2023-01-01", until="2023-12-31")
    assert rows and all("2023-01-01" <= r["date"] <= "2023-12-31" for r in rows)
    assert all(r["kind"] == "figure" for r in rows)


def test_person_li_zhong_across_years(corpus_store):
    out = person(corpus_store.open(), "Li Zhong")
    assert {r["role"] for r in out["posts"]} == {"vice minister"}
    assert {r["date"] for r in out["events"]} >= {"2023-03-02", "2024-09-24"}
    assert out["figures"]
    assert person(corpus_store.open(), "李忠") == out


def test_event_by_date_and_cli_json(corpus_store):
    out = event(corpus_store.open(), "2023-03-02")
    (e,) = out["events"]
    assert e["moderator"] == "Shou Xiaoli"
    assert set(e["speakers"].split(", ")) == {"Wang Xiaoping", "Li Zhong", "Yu Jiadong"}
    assert out["announced"]
    env = {**os.environ, "KG_STORE": str(corpus_store.path)}
    cli = subprocess.run([sys.executable, "-m", "kg.cli", "event", "2023-03-02", "--format", "json"], capture_output=True, text=True, env=env)
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)["events"][0]["moderator"] == "Shou Xiaoli"
    missing = subprocess.run([sys.executable, "-m", "kg.cli", "event", "1999-01-01"], capture_output=True, text=True, env=env)
    assert missing.returncode == 1 and "no event" in missing.stderr
