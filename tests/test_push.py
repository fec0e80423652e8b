"""Pushing to, and building into, a real Oxigraph server on a loopback port; binding values remotely."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from kg.build import build, stored_documents
from kg.namespaces import PREFIXES
from kg.push import dump_split, push
from kg.rdf import CATALOG_GRAPH, ENTITY_GRAPH, doc_iri
from kg.binding import bind_values
from kg.remote import RemoteError, RemoteStore
from kg.store import Store
from kg.views import bind, execute, get_view, rows_of, run_internal

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
GRAPH_TRIPLES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """A real `oxigraph serve` process on a free loopback port with an empty database."""

    def __init__(self, location: Path):
        if not OXIGRAPH.exists():
            pytest.skip("the oxigraph server binary is not installed (pip install '.[test]')")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query, self.store = self.base + "/query", self.base + "/store"
        self.process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
                                         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited: {self.process.stderr.read().decode()}")
            try:
                if httpx.post(self.query, data={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph did not answer within 30 s")

    def triples_per_graph(self) -> dict[str, int]:
        r = httpx.post(self.query, data={"query": GRAPH_TRIPLES}, headers={"Accept": "application/sparql-results+json"})
        return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}

    def graph(self, iri: str) -> set[str]:
        r = httpx.get(self.store, params={"graph": iri}, headers={"Accept": "application/n-triples"})
        return set(r.text.splitlines())

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    oxigraph = Oxigraph(tmp_path / "oxigraph")
    try:
        yield oxigraph
    finally:
        oxigraph.stop()


def local_triples_per_graph(store: Store) -> dict[str, int]:
    result = store.open().query(GRAPH_TRIPLES)
    return {s["g"].value: int(s["n"].value) for s in result}


def test_push_sends_every_graph_then_nothing(server, examples_store):
    report = push(examples_store, server.query, server.store)
    expected = local_triples_per_graph(examples_store)
    assert report.ok and sorted(report.sent) == sorted(expected) and report.unchanged == 0
    assert CATALOG_GRAPH.value in report.sent and len(expected) == len(stored_documents(examples_store)) + 2  # + catalog and entities
    assert server.triples_per_graph() == expected
    remote = RemoteStore(server.query).open()
    assert run_internal(remote, "documents") == run_internal(examples_store.open(), "documents")
    again = push(examples_store, server.query, server.store)
    assert again.ok and again.sent == [] and again.unchanged == len(expected)


def test_push_over_sparql_update_without_a_graph_store(server, examples_store):
    report = push(examples_store, server.query)
    assert report.ok and server.triples_per_graph() == local_triples_per_graph(examples_store)


def test_repush_after_editing_one_document_sends_only_that_graph(server, tmp_path):
    folder = tmp_path / "briefings"
    shutil.copytree(EXAMPLES, folder)
    store = Store(tmp_path / "store")
    assert not build([folder], store, workers=1).failed
    assert push(store, server.query, server.store).ok
    before = {g: server.graph(g) for g in server.triples_per_graph()}
    edited = folder / "2023-10-25_q3-2023-jobs.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nThe ministry will hold its next press conference in January.\n", encoding="utf-8")
    assert build([folder], store, workers=1).updated == [edited.stem]
    report = push(store, server.query, server.store)
    changed = doc_iri(edited.stem).value
    assert report.ok and report.sent == [changed] and report.unchanged == len(before) - 1
    after = {g: server.graph(g) for g in server.triples_per_graph()}
    assert set(after) == set(before)
    assert [g for g in before if after[g] != before[g]] == [changed]
    assert any("next press conference" in line for line in after[changed])


def test_build_straight_into_the_remote_store(server, tmp_path):
    local = Store(tmp_path / "local")  # built now, from the same catalogue files as the remote build
    assert not build([EXAMPLES], local, workers=1).failed
    remote = RemoteStore(server.query, server.store)
    report = build([EXAMPLES], remote, workers=1)
    assert not report.failed and sorted(report.added) == sorted(stored_documents(local)) and report.catalog_updated
    assert stored_documents(remote) == stored_documents(local)
    assert server.triples_per_graph() == local_triples_per_graph(local)
    view = get_view("indicator_timeseries")
    subs = bind(view, {"indicator": "new_urban_jobs"})
    # the local reference binds with VALUES too: pyoxigraph 0.5's own substitutions skip FILTER/BOUND
    expected = rows_of(local.open().query(bind_values(view.text, subs), use_default_graph_as_union=True, prefixes=PREFIXES))
    assert expected[1] and rows_of(execute(remote.open(), view.text, subs)) == expected
    again = build([EXAMPLES], remote, workers=1)
    assert not again.changed and again.unchanged == len(report.added)


def test_a_push_to_a_dead_port_lists_the_graphs_and_a_rerun_resumes(server, examples_store):
    dead = f"http://127.0.0.1:{free_port()}"
    started = time.monotonic()
    failed = push(examples_store, dead + "/query", dead + "/store", retries=2, backoff=0.01, timeout=2)
    assert time.monotonic() - started < 20
    graphs = sorted(local_triples_per_graph(examples_store))
    assert not failed.ok and sorted(failed.failed) == graphs and failed.sent == []
    resumed = push(examples_store, server.query, server.store)
    assert resumed.ok and sorted(resumed.sent) == graphs


class _FlakyProxy(BaseHTTPRequestHandler):
    """Forwards to the Oxigraph server but answers 503 to every graph upload after the first ``allowed``."""

    target = ""
    allowed = 0
    puts = 0

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.command == "PUT":
            type(self).puts += 1
            if type(self).puts > self.allowed:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        r = httpx.request(self.command, self.target + self.path, content=body, headers=headers)
        self.send_response(r.status_code)
        self.send_header("Content-Type", r.headers.get("content-type", "text/plain"))
        self.send_header("Content-Length", str(len(r.content)))
        self.end_headers()
        self.wfile.write(r.content)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args) -> None:
        pass


def test_a_push_that_fails_halfway_reports_the_missing_graphs_and_resumes(server, examples_store):
    _FlakyProxy.target, _FlakyProxy.allowed, _FlakyProxy.puts = server.base, 4, 0
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _FlakyProxy)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        via = f"http://127.0.0.1:{proxy.server_address[1]}"
        first = push(examples_store, via + "/query", via + "/store", retries=1, backoff=0.01)
    finally:
        proxy.shutdown()
        proxy.server_close()
        thread.join(timeout=10)
    graphs = sorted(local_triples_per_graph(examples_store))
    assert len(first.sent) == 4 and sorted(first.sent + list(first.failed)) == graphs
    assert all("503" in reason for reason in first.failed.values())
    assert sorted(server.triples_per_graph()) == sorted(first.sent)
    second = push(examples_store, server.query, server.store)
    assert second.ok and sorted(second.sent) == sorted(first.failed) and second.unchanged == 4
    assert server.triples_per_graph() == local_triples_per_graph(examples_store)


def test_dump_split_writes_one_file_per_graph(examples_store, tmp_path):
    paths = dump_split(examples_store.open(), tmp_path / "split")
    docs = stored_documents(examples_store)
    assert sorted(p.name for p in paths) == sorted(["catalog.nq", "entities.nq"] + [f"{d}.nq" for d in docs])
    shared = {"catalog.nq": CATALOG_GRAPH.value, "entities.nq": ENTITY_GRAPH.value}
    loaded = ox.Store()
    for p in paths:
        loaded.bulk_load(path=str(p), format=ox.RdfFormat.N_QUADS)
        assert {q.graph_name.value for q in ox.parse(path=str(p), format=ox.RdfFormat.N_QUADS)} == {
            shared.get(p.name) or doc_iri(p.stem).value}
    assert len(loaded) == len(examples_store.open())


HOSTILE = ['"} ; DROP ALL ; #', "a'b\"c\\d", "line\nbreak\r\ttab", "}}} UNION { ?s ?p ?o", "<http://x> .", "中文 與 繁體", "\u2028\x00\x7f", "$v ?v"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_bound_values_are_never_query_text(text):
    query = "SELECT ?x ?n WHERE { BIND(?v AS ?x) BIND(STRLEN(?v) AS ?n) }"
    result = list(ox.Store().query(bind_values(query, {ox.Variable("v"): ox.Literal(text)})))
    assert len(result) == 1 and result[0]["x"].value == text and int(result[0]["n"].value) == len(text)


def test_substitutions_are_bound_on_the_remote_store(server, examples_store):
    assert push(examples_store, server.query, server.store).ok
    remote = RemoteStore(server.query).open()
    query = "SELECT ?doc WHERE { ?d a kg:Document ; dct:identifier ?doc FILTER(?doc = ?wanted) }"
    doc_id = "2021-01-26_q4-2020-transcript"
    assert [r["doc"].value for r in remote.query(query, prefixes={"kg": "https://w3id.org/kg/ns#", "dct": "http://purl.org/dc/terms/"},
                                                 substitutions={ox.Variable("wanted"): ox.Literal(doc_id)})] == [doc_id]
    for text in HOSTILE:
        r = remote.query("SELECT ?x WHERE { BIND(?v AS ?x) }", substitutions={ox.Variable("v"): ox.Literal(text)})
        assert [row["x"].value for row in r] == [text]
    assert server.triples_per_graph() == local_triples_per_graph(examples_store)
    with pytest.raises(ValueError):
        bind_values("SELECT * { ?s ?p ?o }", {ox.Variable("o"): ox.BlankNode()})
    with pytest.raises(SyntaxError):
        remote.query("SELECT ?x WHERE { ?x }")


def test_a_refused_write_raises_a_store_error(server):
    remote = RemoteStore(server.query, server.base + "/no-such-graph-store", retries=0).open()
    with pytest.raises(RemoteError, match="HTTP 4"):
        remote.add(ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"),
                           ox.NamedNode("https://example.org/g")))
