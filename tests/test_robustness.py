"""Hostile input through the real build, injection through lookups and views, builds and queries at once.

Every hostile file goes into one folder built once (the module fixture); each test then checks one
case: no traceback, a per-file report (path and reason), every good file built exactly as its clean
twin, and a store that passes SHACL validation.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build, stored_documents
from kg.ingest import MAX_BYTES
from kg.namespaces import DCT, KG
from kg.rdf import doc_iri
from kg.store import Store
from kg.validate import validate
from kg.views import ViewError, execute, run_view, views

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
KG_CMD = [sys.executable, "-m", "kg.cli"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

HANS = (EXAMPLES / "2024-01-24_q4-2023-release.txt").read_text(encoding="utf-8")  # Simplified
HANT = (EXAMPLES / "2023-07-21_h1-2023-release.txt").read_text(encoding="utf-8")  # Traditional, fits Big5
EN = (EXAMPLES / "2020-01-19_q4-2019-jobs.txt").read_text(encoding="utf-8")
EN_DUP = (EXAMPLES / "2023-10-25_q3-2023-jobs.txt").read_bytes()

BUILT = {"ref-hans", "hans-gb18030", "ref-hant", "hant-big5", "hant-utf16", "hant-mislabelled", "hant-pinyin",
         "ref-en", "en-noisy", "en-nul", "jobs-report", "jobs-report (copy)", "a-first"}
FAILED = {  # path under the folder -> words its reason must contain
    "huge.txt": "too large", "all-nul.txt": "binary", "loop/back": "symlink loop", "zz-vanishing.txt": "vanished",
    "pipe.txt": "not a regular file", "dangling.txt": "broken symbolic link", "a-first.txt": "same document id",
}
SPAM = ("casino", "SHOULD NOT APPEAR", "99.99 million", "Hot deals")


def _pinyin_annotated(text: str) -> str:
    """Scraped-page style: tone-marked pinyin in brackets after every third Han character."""
    from pypinyin import Style, pinyin

    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and i % 3 == 0:
            reading = pinyin(ch, style=Style.TONE)[0][0]
            if re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", reading):
                out.append(f"({reading})" if i % 2 else f"（{reading}）")
    return "".join(out)


def _noisy_html(text: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in text.split("\n") if p.strip())
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Jobs target beaten</title>
<script>var msg = "SHOULD NOT APPEAR"; document.write(msg);</script><style>p {{ color: red }}</style></head>
<body><nav class="menu"><a href="/">Home</a> <a href="/casino">casino bonus</a></nav>
<div class="sidebar">Hot deals: 99.99 million new urban jobs waiting, click here!</div>
<div class="article-content">{paragraphs}</div>
<aside class="related"><ul><li>Hot deals: casino 50% off</li></ul></aside>
<footer>Copyright 2020. SHOULD NOT APPEAR</footer><script>track("SHOULD NOT APPEAR")</script></body></html>"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One folder of every hostile case, built once with workers=1; yields (folder, report, store)."""
    src = tmp_path_factory.mktemp("hostile") / "src"
    src.mkdir()
    files = {
        "ref-hans.txt": HANS.encode("utf-8"),
        "hans-gb18030.txt": HANS.encode("gb18030"),
        "ref-hant.txt": HANT.encode("utf-8"),
        "hant-big5.txt": HANT.encode("big5"),
        "hant-utf16.txt": HANT.encode("utf-16"),
        "hant-mislabelled.html": ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
                                  f"<body><article><pre>{HANT}</pre></article></body></html>").encode("utf-8"),
        "hant-pinyin.txt": _pinyin_annotated(HANT).encode("utf-8"),
        "ref-en.txt": EN.encode("utf-8"),
        "en-noisy.html": _noisy_html(EN).encode("utf-8"),
        "en-nul.txt": EN.replace(" ", " \x00", 40).encode("utf-8"),
        "all-nul.txt": b"\x00" * 8192 + EN.encode("utf-8"),
        "jobs-report.txt": EN_DUP,
        "jobs-report (copy).txt": EN_DUP,
        "a-first.md": EN_DUP[:1500],
        "a-first.txt": EN_DUP,
        "zz-vanishing.txt": EN.encode("utf-8"),
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    with open(src / "huge.txt", "wb") as fh:  # 50 MB of real briefing text, over the size limit
        chunk = (EN + "\n").encode("utf-8") * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    (src / "loop").mkdir()
    (src / "loop" / "back").symlink_to(src, target_is_directory=True)
    os.mkfifo(src / "pipe.txt")
    (src / "dangling.txt").symlink_to(src / "nowhere.txt")

    deleted = []

    def progress(done: int, total: int, path: str) -> None:
        if not deleted:
            (src / "zz-vanishing.txt").unlink()
            deleted.append(path)

    store = Store(src.parent / "store")
    started = time.monotonic()
    report = build([src], store, workers=1, progress=progress)
    report.seconds = time.monotonic() - started
    return src, report, store


def _doc_graph_signature(db, doc_id: str) -> set[tuple[str, str, str]]:
    """The document's graph without file metadata, its own IRI written DOC: equal for equal texts."""
    graph = doc_iri(doc_id)
    skip = {KG + "sha256", KG + "encoding", KG + "sourcePath", DCT + "identifier", DCT + "format", DCT + "title"}
    return {tuple(str(t).replace(graph.value, "DOC") for t in q.triple) for q in db.quads_for_pattern(None, None, None, graph)
            if q.predicate.value not in skip}


def _figures(db, doc_id: str) -> list[tuple]:
    query = """SELECT ?ind ?period ?value ?unit WHERE { GRAPH ?g { ?o a qb:Observation ; sdmx-dimension:refPeriod ?p ;
               sdmx-measure:obsValue ?value ; sdmx-attribute:unitMeasure ?unit . OPTIONAL { ?o kg:indicator ?ind } }
               ?p skos:notation ?period }"""
    return sorted((str(s["ind"]), s["period"].value, float(s["value"].value), s["unit"].value)
                  for s in execute(db, query, {ox.Variable("g"): doc_iri(doc_id)}))


def _literals(db) -> list[str]:
    return [q.object.value for q in db.quads_for_pattern(None, None, None, None) if isinstance(q.object, ox.Literal)]


def test_every_good_file_is_built_and_every_bad_one_reported(hostile):
    src, report, store = hostile
    assert set(report.added) == BUILT
    reasons = {str(Path(f.path).relative_to(src)): f.reason for f in report.failed}
    assert set(reasons) == set(FAILED), reasons
    for name, words in FAILED.items():
        assert words in reasons[name], (name, reasons[name])
    assert set(stored_documents(store)) == BUILT
    assert validate(store.open()) == []


def test_gb18030_big5_and_utf16_build_the_same_graph_as_utf8(hostile):
    _, report, store = hostile
    db = store.open()
    assert HANT.encode("big5").decode("gb18030")  # the Big5 file also decodes as GBK: it only looks like GBK
    assert report.documents["hans-gb18030"]["encoding"] == "gb18030"
    assert report.documents["hant-big5"]["encoding"] == "big5"
    assert report.documents["hant-utf16"]["encoding"].startswith("utf-16")
    assert report.documents["ref-hant"]["observations"] > 3
    assert _doc_graph_signature(db, "hans-gb18030") == _doc_graph_signature(db, "ref-hans")
    for variant in ("hant-big5", "hant-utf16"):
        assert _doc_graph_signature(db, variant) == _doc_graph_signature(db, "ref-hant"), variant


def test_html_whose_meta_charset_lies_is_read_as_utf8(hostile):
    _, report, store = hostile
    assert report.documents["hant-mislabelled"]["encoding"] == "utf-8"
    assert report.documents["hant-mislabelled"]["language"] == "zh-Hant"
    db = store.open()
    assert len(_figures(db, "ref-hant")) > 3
    assert _figures(db, "hant-mislabelled") == _figures(db, "ref-hant")


def test_pinyin_annotations_of_scraped_pages_are_stripped(hostile):
    _, report, store = hostile
    db = store.open()
    assert report.documents["hant-pinyin"]["chars"] == report.documents["ref-hant"]["chars"]
    assert _doc_graph_signature(db, "hant-pinyin") == _doc_graph_signature(db, "ref-hant")
    assert not [v for v in _literals(db) if re.search(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", v)]


def test_scripts_navigation_and_spam_never_reach_the_graph(hostile):
    _, report, store = hostile
    db = store.open()
    assert _figures(db, "en-noisy") == _figures(db, "ref-en")
    assert len(_figures(db, "ref-en")) > 3
    leaked = [v for v in _literals(db) if any(s in v for s in SPAM)]
    assert leaked == []


def test_a_50mb_file_is_reported_without_being_read(hostile):
    src, report, _ = hostile
    assert (src / "huge.txt").stat().st_size > MAX_BYTES
    assert report.seconds < 60  # the whole hostile build; the big file costs a stat, not a read
    assert "huge" not in report.documents


def test_nul_bytes_are_dropped_and_a_nul_file_is_reported(hostile):
    _, report, store = hostile
    db = store.open()
    assert _doc_graph_signature(db, "en-nul") == _doc_graph_signature(db, "ref-en")
    assert "\x00" not in "".join(_literals(db))


def test_a_symlink_loop_is_walked_once(hostile):
    src, report, _ = hostile
    # loop/back leads to the folder itself: its files were not found a second time through it
    assert [f.path for f in report.failed if "same document id" in f.reason] == [str(src / "a-first.txt")]
    assert [f.path for f in report.failed if "symlink loop" in f.reason] == [str(src / "loop" / "back")]


def test_a_file_that_vanishes_during_the_build_is_reported(hostile):
    src, report, _ = hostile
    assert not (src / "zz-vanishing.txt").exists()
    failed = next(f for f in report.failed if f.path.endswith("zz-vanishing.txt"))
    assert failed.path == str(src / "zz-vanishing.txt")


def test_duplicate_documents_under_two_names_are_one_event(hostile):
    _, _, store = hostile
    rows = execute(store.open(), """SELECT (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?d) AS ?docs) WHERE {
        ?d dct:identifier ?id ; schema:about ?e . FILTER(?id IN ("jobs-report", "jobs-report (copy)")) }""")
    row = next(iter(rows))
    assert (int(row["events"].value), int(row["docs"].value)) == (1, 2)


def test_duplicates_of_a_briefing_without_organizer_are_one_event(tmp_path):
    text = (EXAMPLES / "2025-01-24_q4-2024-review.md").read_bytes()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "review.md").write_bytes(text)
    (tmp_path / "src" / "review-mirror.md").write_bytes(text)
    store = Store(tmp_path / "store")
    build([tmp_path / "src"], store, workers=1)
    rows = execute(store.open(), "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d a kg:Document ; schema:about ?e }")
    assert int(next(iter(rows))["n"].value) == 1


def test_cli_build_in_parallel_reports_every_file_without_traceback(hostile, tmp_path):
    src, report, store = hostile
    out = subprocess.run([*KG_CMD, "build", str(src), "--store", str(tmp_path / "store"), "--workers", "2", "--quiet"],
                         capture_output=True, text=True, env=ENV, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    printed = dict(re.findall(r"FAILED (.+?): (.+)", out.stderr))
    expected = {str(src / path) for path in FAILED if path != "zz-vanishing.txt"}  # gone since the first build
    assert set(printed) == expected
    parallel = Store(tmp_path / "store")
    assert set(stored_documents(parallel)) == BUILT
    a, b = store.open(), parallel.open()
    for doc_id in BUILT:
        assert _doc_graph_signature(a, doc_id) == _doc_graph_signature(b, doc_id), doc_id


# --- injection ---------------------------------------------------------------------------------------

HOSTILE_VALUES = [
    'x" } ; DROP ALL ; #',
    "pension') || true || ('",
    'pension" ) || true || ( "',
    "}\nINSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }\n#",
    "养老\" . } UNION { ?s ?p ?o } #",
    "{{ ?s ?p ?o }}",
    "# comment\nSELECT * WHERE { ?s ?p ?o }",
    "\\\" \\u0022 \n\r\t",
    "DELETE WHERE { ?s ?p ?o }",
]


REAL_VALUES = {"indicator": "new_urban_jobs", "programme": "private_pension"}  # for required parameters


def _quads(store: Store) -> list[str]:
    return sorted(str(q) for q in store.open().quads_for_pattern(None, None, None, None))


def test_hostile_lookups_and_view_parameters_return_ordinary_answers(examples_store):
    from kg.lookup import event, person, who

    before, link = _quads(examples_store), examples_store.link.resolve()
    db = examples_store.open()
    assert who(db, "private pension")  # the store does answer ordinary questions
    for value in HOSTILE_VALUES:
        assert who(db, value) == []
        assert not any(person(db, value).values())
        assert event(db, value)["events"] == []
    for view in views().values():
        required = {p.name: REAL_VALUES[p.name] for p in view.params if p.required}
        for p in (p for p in view.params if p.type == "string"):
            nothing = run_view(db, view.name, {**required, p.name: "matches-nothing"})[1]
            for value in HOSTILE_VALUES:
                try:
                    rows = run_view(db, view.name, {**required, p.name: value})[1]
                except ViewError as e:
                    pytest.fail(f"{view.name} --param {p.name}: {e}")
                assert rows == nothing, (view.name, p.name, value)
    assert _quads(examples_store) == before
    assert examples_store.link.resolve() == link


def test_hostile_parameters_through_the_cli_leave_the_store_unchanged(examples_store):
    before = _quads(examples_store)
    env = {**ENV, "KG_STORE": str(examples_store.path)}
    for args in (["query", "who_announced_what", "--param", f"text={HOSTILE_VALUES[3]}", "--format", "json"],
                 ["query", "SELECT ?s WHERE { ?s ?p ?name }", "--param", f"name={HOSTILE_VALUES[0]}", "--format", "csv"],
                 ["who", HOSTILE_VALUES[2], "--format", "json"]):
        out = subprocess.run([*KG_CMD, *args], capture_output=True, text=True, env=env, timeout=60)
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
        assert out.stdout.strip() in ("[]", "s", "")
    assert _quads(examples_store) == before


# --- concurrency -------------------------------------------------------------------------------------

def _big_briefing(megabytes: float) -> bytes:
    """Real briefing text repeated: slow enough to extract that a build takes a few seconds."""
    chunk = ((EXAMPLES / "2021-01-26_q4-2020-transcript.txt").read_text(encoding="utf-8") + "\n\n" + HANT + "\n\n").encode("utf-8")
    return chunk * int(megabytes * 1e6 / len(chunk))


def _count_documents(store: Path) -> tuple[int, str]:
    out = subprocess.run([*KG_CMD, "query", "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }", "--format", "csv",
                          "--store", str(store)], capture_output=True, text=True, env=ENV, timeout=60)
    return (int(out.stdout.split()[-1]) if out.returncode == 0 else -1), out.stderr


def test_queries_answer_from_the_last_complete_store_while_a_build_runs(tmp_path):
    store = Store(tmp_path / "store")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "first.txt").write_text(EN, encoding="utf-8")
    build([tmp_path / "old"], store, workers=1)
    new = tmp_path / "new"
    new.mkdir()
    (new / "big.txt").write_bytes(_big_briefing(2))
    for name in ("hans.txt", "hant.txt", "dup.txt"):
        (new / name).write_bytes({"hans.txt": HANS, "hant.txt": HANT, "dup.txt": EN_DUP.decode()}[name].encode("utf-8"))
    proc = subprocess.Popen([*KG_CMD, "build", str(new), "--store", str(store.path), "--workers", "1", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    old_generation = store.link.resolve()
    seen, during = [], 0
    try:
        deadline = time.monotonic() + 90
        while len(list(store.path.glob("gen-*"))) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # the build has started writing its new generation
        for _ in range(30):
            before = store.link.resolve()
            count, err = _count_documents(store.path)
            seen.append(count)
            assert count in (1, 5), (count, err)  # the old store or the complete new one, never half of it
            if before == store.link.resolve() == old_generation:  # the switch came neither before nor while it ran
                during += 1
                assert count == 1
            if proc.poll() is not None or time.monotonic() > deadline:
                break
        assert proc.wait(timeout=max(1, deadline - time.monotonic())) == 0, proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert during >= 1, f"the build finished before a query ran alongside it ({seen})"
    assert _count_documents(store.path)[0] == 5


def test_two_builds_at_once_on_one_store_never_corrupt_it(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "shared.txt").write_text(EN, encoding="utf-8")
    (one / "third.txt").write_text(HANT, encoding="utf-8")
    (two / "shared.txt").write_text(EN.replace("13.52 million", "13.53 million"), encoding="utf-8")
    (two / "other.txt").write_text(HANS, encoding="utf-8")
    store = Store(tmp_path / "store")
    procs = [subprocess.Popen([*KG_CMD, "build", str(folder), "--store", str(store.path), "--workers", "1", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV) for folder in (one, two)]
    try:
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for p, (_, err) in zip(procs, results):
        assert "Traceback" not in err
        assert p.returncode == 0 or (p.returncode == 2 and "another build is writing" in err), err
    assert all(p.returncode == 0 for p in procs)  # the second waited for the lock, then built
    db = store.open()
    assert set(stored_documents(store)) == {"third", "shared", "other"}
    hashes = [q.object.value for q in db.quads_for_pattern(doc_iri("shared"), ox.NamedNode(KG + "sha256"), None, None)]
    assert len(hashes) == 1  # one version of the document, not both mixed in one graph
    values = {q.object.value for q in db.quads_for_pattern(None, None, None, doc_iri("shared")) if "13.5" in str(q.object)}
    assert not (any("13.52 million" in v for v in values) and any("13.53 million" in v for v in values))
    assert len(list(store.path.glob("gen-*"))) <= 2
    assert validate(db) == []
