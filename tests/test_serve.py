"""`kg serve`: the SPARQL 1.1 Protocol over HTTP on a loopback port, against the store queried directly."""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.build import build
from kg.namespaces import PREFIXES
from kg.serve import ServeOptions, make_server
from kg.store import Store

from conftest import EXAMPLES

DOCS = "SELECT ?id ?sha WHERE { ?d a kg:Document ; dct:identifier ?id ; kg:sha256 ?sha } ORDER BY ?id"
NAMES = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p a foaf:Person ; foaf:name ?n }"
SELECT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"]


@contextmanager
def serving(store: Store, **options):
    server = make_server(store, "127.0.0.1", 0, ServeOptions(**options))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{server.server_address[1]}", timeout=30) as client:
            yield client
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def http(examples_store):
    with serving(examples_store) as client:
        yield client


def local(store: Store, query: str) -> list[tuple]:
    result = store.open().query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    return [tuple(s[v] for v in result.variables) for s in result]


def parsed(response: httpx.Response) -> list[tuple]:
    media = response.headers["content-type"].split(";")[0]
    result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.from_media_type(media))
    return [tuple(s[v] for v in result.variables) for s in result]


def quad_count(store: Store) -> int:
    return len(list(store.open().quads_for_pattern(None, None, None)))


def test_get_post_form_and_post_direct_answer_alike(http, examples_store):
    expected = local(examples_store, DOCS)
    assert len(expected) == len(list(EXAMPLES.glob("*.*"))) - 1  # every example but the README
    answers = [
        http.get("/query", params={"query": DOCS}),
        http.post("/query", data={"query": DOCS}),
        http.post("/query", content=DOCS.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    for r in answers:
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert parsed(r) == expected


@pytest.mark.parametrize("media", SELECT_TYPES)
def test_select_in_every_result_format(http, examples_store, media):
    r = http.get("/query", params={"query": DOCS}, headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    expected = local(examples_store, DOCS)
    if media == "text/csv":  # CSV drops term types: compare the plain values
        table = list(csv.reader(io.StringIO(r.text)))
        assert table[0] == ["id", "sha"] and table[1:] == [[t.value for t in row] for row in expected]
    else:
        assert parsed(r) == expected


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask(http, media):
    for query, truth in (("ASK { ?d a kg:Document }", True), ("ASK { ?d a kg:NoSuchClass }", False)):
        r = http.post("/query", data={"query": query}, headers={"Accept": media})
        assert r.status_code == 200
        assert bool(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.from_media_type(media))) is truth


@pytest.mark.parametrize("media", GRAPH_TYPES)
def test_construct_in_every_rdf_format(http, examples_store, media):
    r = http.get("/query", params={"query": NAMES}, headers={"Accept": media})
    assert r.status_code == 200 and r.headers["content-type"].split(";")[0] == media
    expected = set(examples_store.open().query(NAMES, use_default_graph_as_union=True, prefixes=PREFIXES))
    assert expected and {q.triple for q in ox.parse(r.content, format=ox.RdfFormat.from_media_type(media))} == expected


def test_negotiation_follows_q_values_and_refuses_what_it_cannot_write(http):
    r = http.get("/query", params={"query": DOCS}, headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml"})
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert http.get("/query", params={"query": NAMES}, headers={"Accept": "text/*"}).headers["content-type"].startswith("text/turtle")
    r = http.get("/query", params={"query": DOCS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "sparql-results+json" in r.text


def test_malformed_query_gets_400_with_the_parser_message(http):
    r = http.get("/query", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert r.status_code == 400 and "syntax error" in r.text and "1:" in r.text
    assert http.get("/query").status_code == 400  # no query at all
    assert http.post("/query", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415


def test_updates_are_refused_and_change_nothing(http, examples_store):
    before = (os.readlink(examples_store.link), quad_count(examples_store))
    drop = "DROP ALL"
    for r in (http.post("/update", content=drop.encode(), headers={"Content-Type": "application/sparql-update"}),
              http.post("/update", data={"update": drop}),
              http.post("/query", data={"update": drop}),
              http.get("/query", params={"update": drop})):
        assert r.status_code == 403 and "disabled" in r.text
    r = http.get("/query", params={"query": drop})  # an update sent as a query does not parse
    assert r.status_code == 400
    assert (os.readlink(examples_store.link), quad_count(examples_store)) == before


def test_default_graph_uri_narrows_the_default_graph(http, examples_store):
    doc = "https://w3id.org/kg/id/doc/2021-01-26_q4-2020-transcript"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    r = http.get("/query", params={"query": count, "default-graph-uri": doc})
    expected = len(list(examples_store.open().quads_for_pattern(None, None, None, ox.NamedNode(doc))))
    assert expected and int(parsed(r)[0][0].value) == expected
    union = int(parsed(http.get("/query", params={"query": count}))[0][0].value)
    assert union > expected


def test_results_are_capped(examples_store):
    with serving(examples_store, max_rows=5) as client:
        r = client.get("/query", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.headers["x-kg-truncated"] == "5"
        assert len(r.text.strip().splitlines()) == 1 + 5
        r = client.get("/query", params={"query": "SELECT ?d WHERE { ?d a kg:Document } LIMIT 3"})
        assert "x-kg-truncated" not in r.headers


def test_a_long_query_times_out(examples_store):
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with serving(examples_store, timeout=0.5, max_rows=0) as client:
        started = time.monotonic()
        r = client.get("/query", params={"query": cross})
        assert r.status_code == 503 and "timed out" in r.text
        assert time.monotonic() - started < 10
        assert client.get("/query", params={"query": "ASK {}"}).status_code == 200  # still serving


@pytest.fixture
def small_store(tmp_path) -> tuple[Store, Path]:
    folder = tmp_path / "briefings"
    folder.mkdir()
    for name in ("2020-01-19_q4-2019-jobs.txt", "2023-10-25_q3-2023-jobs.txt"):
        shutil.copy(EXAMPLES / name, folder)
    store = Store(tmp_path / "store")
    assert not build([folder], store, workers=1).failed
    return store, folder


def test_the_server_follows_a_build_without_restarting(small_store):
    store, folder = small_store
    with serving(store) as client:
        ids = lambda: [row[0].value for row in parsed(client.get("/query", params={"query": DOCS}))]  # noqa: E731
        assert ids() == ["2020-01-19_q4-2019-jobs", "2023-10-25_q3-2023-jobs"]
        shutil.copy(EXAMPLES / "2021-10-27_q3-2021-release.txt", folder)
        assert build([folder], store, workers=1).added == ["2021-10-27_q3-2021-release"]
        assert ids() == ["2020-01-19_q4-2019-jobs", "2021-10-27_q3-2021-release", "2023-10-25_q3-2023-jobs"]


def test_enabled_updates_land_in_a_new_generation(small_store):
    store, _ = small_store
    before = os.readlink(store.link)
    insert = 'INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/s> <https://example.org/p> "o" } }'
    with serving(store, allow_updates=True) as client:
        r = client.post("/update", content=insert.encode(), headers={"Content-Type": "application/sparql-update"})
        assert r.status_code == 204, r.text
        assert client.post("/update", data={"update": "INSERT DATA { oops"}).status_code == 400
        r = client.get("/query", params={"query": "ASK { <https://example.org/s> ?p ?o }"})
        assert bool(ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON))
    assert os.readlink(store.link) != before
