"""Building the store: named graphs, incremental rebuilds, atomic switches, bad files, killed builds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import build, remove, stored_documents
from kg.store import Store, StoreError
from kg.text.script import to_simplified
from kg.views import ViewError, run_internal, run_view

KG = [sys.executable, "-m", "kg.cli"]


def count_docs(store: Store) -> int:
    return len(run_internal(store.open(), "documents"))


def test_seed_corpus_builds_one_named_graph_per_document(corpus, corpus_store):
    db = corpus_store.open()
    stored = stored_documents(corpus_store)
    assert set(stored) == {p.stem for p in corpus.glob("*.txt")}
    graphs = {g.value for g in db.named_graphs()}
    for doc_id in stored:
        assert f"https://w3id.org/kg/id/doc/{doc_id}" in graphs
    rows = {r["id"]: r for r in run_internal(db, "documents")}
    assert rows["000_b8b6c41c41296aa4"]["path"].endswith("000_b8b6c41c41296aa4.txt")


def test_rebuild_skips_unchanged_and_replaces_edited(tmp_path, corpus):
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    store = Store(tmp_path / "store")
    first = build([src], store, workers=1)
    assert len(first.added) == 5 and not first.failed

    again = build([src], store, workers=1)
    assert again.unchanged == 5 and not again.changed and not again.added

    target = src / "000_b8b6c41c41296aa4.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("12.44 million", "12.45 million"), encoding="utf-8")
    third = build([src], store, workers=1)
    assert third.updated == ["000_b8b6c41c41296aa4"] and third.unchanged == 4
    db = store.open()
    evidence = [q.object.value for q in db.quads_for_pattern(None, None, None, None) if "12.4" in str(q.object) and "million new urban jobs" in str(q.object)]
    assert any("12.45 million" in e for e in evidence)
    assert not any("12.44 million" in e for e in evidence)


def test_prune_and_remove_drop_documents(tmp_path, corpus):
    src = tmp_path / "src"
    shutil.copytree(corpus, src)
    store = Store(tmp_path / "store")
    build([src], store, workers=1)
    (src / "001_3e9d6aa8da39b477.txt").unlink()
    kept = build([src], store, workers=1)
    assert kept.removed == [] and count_docs(store) == 5
    pruned = build([src], store, prune=True, workers=1)
    assert pruned.removed == ["001_3e9d6aa8da39b477"] and count_docs(store) == 4
    assert remove(["002_1c423fb17c70a0e3", "nope"], store) == ["002_1c423fb17c70a0e3"]
    assert count_docs(store) == 3


def test_bad_files_are_reported_and_good_ones_built(tmp_path, corpus):
    src = tmp_path / "mixed"
    src.mkdir()
    zh = (corpus / "002_1c423fb17c70a0e3.txt").read_text(encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (src / "gbk.txt").write_bytes(to_simplified(zh).encode("gbk", errors="ignore"))
    (src / "big5.txt").write_bytes(zh.encode("big5", errors="ignore"))
    shutil.copy(corpus / "000_b8b6c41c41296aa4.txt", src / "english.txt")
    store = Store(tmp_path / "store")
    report = build([src], store, workers=1)
    assert sorted(report.added) == ["big5", "english", "gbk"]
    reasons = {Path(f.path).name: f.reason for f in report.failed}
    assert set(reasons) == {"empty.txt", "binary.txt"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert report.documents["gbk"]["encoding"] == "gb18030"
    assert report.documents["big5"]["encoding"] == "big5"
    assert report.documents["gbk"]["observations"] > 5


def test_failed_build_leaves_previous_store(tmp_path, corpus, monkeypatch):
    store = Store(tmp_path / "store")
    build([corpus / "000_b8b6c41c41296aa4.txt"], store, workers=1)
    before = stored_documents(store)

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kg.build._load", explode)
    with pytest.raises(RuntimeError):
        build([corpus], store, workers=1)
    assert stored_documents(store) == before
    assert len(list(store.path.glob("gen-*"))) == 1


def test_killed_build_leaves_previous_store_answering(tmp_path, corpus):
    big = tmp_path / "big"
    big.mkdir()
    for i in range(400):
        for f in corpus.glob("*.txt"):
            (big / f"{i:03d}_{f.name}").write_bytes(f.read_bytes())
    store = Store(tmp_path / "store")
    build([corpus / "000_b8b6c41c41296aa4.txt"], store, workers=1)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen([*KG, "build", str(big), "--store", str(store.path), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    try:
        deadline = time.monotonic() + 60
        while len(list(store.path.glob("gen-*"))) < 2:  # the new generation is being written
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert list(stored_documents(store)) == ["000_b8b6c41c41296aa4"]
    assert run_view(store.open(), "event_summary")[1]
    report = build([corpus], store, workers=1)  # the next build sweeps the half-made generation
    assert len(report.added) == 4
    assert len(list(store.path.glob("gen-*"))) == 2


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        Store(tmp_path / "nothing").open()


def test_views_bind_parameters_and_reject_bad_ones(corpus_store):
    db = corpus_store.open()
    cols, rows = run_view(db, "indicator_timeseries", {"indicator": "new_urban_jobs"})
    assert {"period", "value", "sources"} <= set(cols)
    assert {r["period"] for r in rows} >= {"2020", "2023"}
    with pytest.raises(ViewError, match="needs --param indicator"):
        run_view(db, "indicator_timeseries", {})
    with pytest.raises(ViewError, match="no parameter"):
        run_view(db, "indicator_timeseries", {"indicator": "x", "colour": "red"})
    with pytest.raises(ViewError, match="not a valid date"):
        run_view(db, "who_announced_what", {"since": "last spring"})
    hostile = 'x" } ; DROP ALL ; # \n SELECT * WHERE { ?s ?p ?o'
    assert run_view(db, "indicator_timeseries", {"indicator": hostile})[1] == []


def test_cli_query_stats_and_syntax_errors(corpus_store):
    env = {**os.environ, "KG_STORE": str(corpus_store.path)}
    ok = subprocess.run([*KG, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Document }", "--format", "csv"],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and ok.stdout.split() == ["n", "5"]
    bad = subprocess.run([*KG, "query", "SELECT WHERE {"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "SPARQL syntax error" in bad.stderr and "Traceback" not in bad.stderr
    stats = subprocess.run([*KG, "stats", "--format", "json"], capture_output=True, text=True, env=env)
    assert stats.returncode == 0 and '"documents"' in stats.stdout


def test_validate_reports_no_violations(corpus_store, examples_store):
    from kg.validate import validate

    assert validate(corpus_store.open()) == []
    assert validate(examples_store.open()) == []


@pytest.mark.parametrize("fmt", ["nquads", "trig", "turtle", "jsonld"])
def test_dump_whole_store_and_one_document(corpus_store, fmt):
    import pyoxigraph as ox

    from kg.dump import FORMATS, dump

    db = corpus_store.open()
    whole = dump(db, fmt)
    one = dump(db, fmt, "000_b8b6c41c41296aa4")
    assert 0 < len(one) < len(whole)
    parsed = list(ox.parse(one, format=getattr(ox.RdfFormat, FORMATS[fmt])))
    assert len(parsed) > 50


def test_a_new_catalogue_or_extractor_re_extracts_every_document(tmp_path, corpus, monkeypatch):
    store = Store(tmp_path / "store")
    build([corpus], store, workers=1)
    monkeypatch.setattr("kg.build._fingerprint", lambda: "0" * 64)
    report = build([corpus], store, workers=1)
    assert len(report.updated) == 5 and report.catalog_updated
    assert not build([corpus], store, workers=1).changed
