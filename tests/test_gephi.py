"""The Gephi network of the bundled examples: counts and attributes against SPARQL on the store, files against the schemas."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.export.gephi import COLOURS, NODE_TYPES, gephi_graph, write_gephi
from kg.namespaces import PREFIXES

DATA = Path(__file__).parent / "data"
GEXF = "{http://gexf.net/1.3}"


def rows(db, query: str) -> list[dict]:
    result = db.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
    return [{v.value: (s[v].value if s[v] is not None else None) for v in result.variables} for s in result]


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(DATA / name)))


@pytest.fixture(scope="module")
def db(examples_store):
    return examples_store.open()


@pytest.fixture(scope="module")
def graph(db):
    return gephi_graph(db)


def edges_of(graph, relation: str) -> dict[tuple[str, str], dict]:
    return {(s, t): d for s, t, d in graph.edges(data=True) if d["type"] == relation}


def test_events_and_officials_match_the_store(db, graph):
    events = {r["e"] for r in rows(db, "SELECT DISTINCT ?e { ?e a kg:PressConference }")}
    assert events and {n for n, d in graph.nodes(data=True) if d["type"] == "event"} == events
    officials = {r["p"] for r in rows(db, """SELECT DISTINCT ?p {
        { ?e kg:speaker|kg:moderator ?p } UNION { ?m org:member ?p }
        UNION { ?x prov:wasAttributedTo ?p . { ?x kg:indicator ?i } UNION { ?x kg:programme ?g } } }""")}
    assert officials and {n for n, d in graph.nodes(data=True) if d["type"] == "official"} == officials
    assert not [n for n, d in graph.nodes(data=True) if d["type"] == "document"]  # documents only on request


def test_edge_weights_count_the_supporting_facts(db, graph):
    spoke = {(r["p"], r["e"]): int(r["n"]) for r in rows(db, "SELECT ?p ?e (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?e kg:speaker ?p } } GROUP BY ?p ?e")}
    assert spoke and {k: d["weight"] for k, d in edges_of(graph, "spoke_at").items()} == spoke
    assert max(spoke.values()) > 1  # an event reported by two documents
    posts = {(r["p"], r["o"]): (int(r["n"]), int(r["d"])) for r in rows(db, """SELECT ?p ?o (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?doc) AS ?d)
        { ?m a org:Membership ; org:member ?p ; org:organization ?o ; prov:wasDerivedFrom ?doc } GROUP BY ?p ?o""")}
    assert posts and {k: (d["weight"], d["evidence"]) for k, d in edges_of(graph, "holds_post_in").items()} == posts
    figures = {(r["p"], r["i"]): int(r["n"]) for r in rows(db, """SELECT ?p ?i (COUNT(DISTINCT ?o) AS ?n)
        { ?o a qb:Observation ; prov:wasAttributedTo ?p ; kg:indicator ?i } GROUP BY ?p ?i""")}
    announced = edges_of(graph, "announced")
    assert figures and {k: announced[k]["weight"] for k in figures} == figures
    mentions = {(r["e"], r["g"]): int(r["n"]) for r in rows(db, """SELECT ?e ?g (COUNT(DISTINCT ?m) AS ?n)
        { ?m a kg:ProgrammeMention ; prov:wasGeneratedBy ?e ; kg:programme ?g } GROUP BY ?e ?g""")}
    assert mentions and {k: d["weight"] for k, d in edges_of(graph, "mentions").items()} == mentions


def test_catalogue_links_follow_the_nodes_the_documents_reach(db, graph):
    types = nx.get_node_attributes(graph, "type")
    curated = {(r["p"], r["i"]) for r in rows(db, "SELECT ?p ?i { ?p kg:measuredBy ?i }")}
    programmes = {n for n, t in types.items() if t == "programme"}
    measured = edges_of(graph, "measured_by")
    assert {k for k in curated if k[0] in programmes} <= set(measured)
    assert all(types[i] == "indicator" and d["weight"] >= 1 for (p, i), d in measured.items())
    parents = {(r["c"], r["p"]) for r in rows(db, "SELECT ?c ?p { ?c org:subOrganizationOf ?p }")}
    orgs = {n for n, t in types.items() if t == "organization"}
    assert {k for k in parents if k[0] in orgs} == set(edges_of(graph, "part_of"))
    assert len(orgs) < len({r["o"] for r in rows(db, "SELECT DISTINCT ?o { ?o a org:FormalOrganization }")})  # not the whole catalogue
    for s, t, d in graph.edges(data=True):  # every edge joins the node types its relation names
        assert {"holds_post_in": ("official", "organization"), "spoke_at": ("official", "event"), "chaired": ("official", "event"),
                "mentions": ("event", "programme"), "measured_by": ("programme", "indicator"), "part_of": ("organization", "organization"),
                "organized": ("organization", "event")}.get(d["type"], (types[s], types[t])) == (types[s], types[t])
        if d["type"] == "announced":
            assert types[s] == "official" and types[t] in ("indicator", "programme")


def test_nodes_carry_type_labels_iri_degree_and_viz(db, graph):
    zh: dict[str, set[str]] = {}
    for r in rows(db, 'SELECT ?p ?l { ?p a foaf:Person ; rdfs:label ?l FILTER(LANGMATCHES(LANG(?l), "zh")) }'):
        zh.setdefault(r["p"], set()).add(r["l"])
    for n, d in graph.nodes(data=True):
        assert d["type"] in NODE_TYPES and d["iri"] == n and d["label"] and d["degree"] == graph.degree(n)
        assert (d["viz"]["color"]["r"], d["viz"]["color"]["g"], d["viz"]["color"]["b"]) == COLOURS[d["type"]]
        assert d["viz"]["size"] == pytest.approx(6 + 6 * math.sqrt(d["degree"]), abs=0.01)
        if n in zh:
            assert d["label_zh"] in zh[n]  # one of its Chinese names (documents may write either script)
    assert Counter(d["type"] for _, d in graph.nodes(data=True)).keys() == {"official", "organization", "programme", "indicator", "event"}


def test_years_come_from_event_and_attestation_dates(db, graph):
    dates = {r["e"]: r["d"] for r in rows(db, "SELECT ?e ?d { ?e a kg:PressConference ; schema:startDate ?d }")}
    for e, day in dates.items():
        assert graph.nodes[e]["spells"] == [(f"{day[:4]}-01-01", f"{day[:4]}-12-31")]
    for _, _, d in graph.edges(data=True):
        if d["type"] in ("part_of", "measured_by"):
            assert "spells" not in d
        elif "spells" in d:
            years = {y for a, b in d["spells"] for y in range(int(a[:4]), int(b[:4]) + 1)}
            assert int(d["first_seen"][:4]) in years and int(d["last_seen"][:4]) in years


def test_a_date_range_keeps_that_range(db):
    g = gephi_graph(db, since=dt.date(2023, 1, 1), until=dt.date(2023, 12, 31))
    events = [r["e"] for r in rows(db, "SELECT ?e ?d { ?e a kg:PressConference ; schema:startDate ?d }") if r["d"].startswith("2023")]
    assert events and sorted(n for n, d in g.nodes(data=True) if d["type"] == "event") == sorted(events)
    for _, _, d in g.edges(data=True):
        assert d["type"] in ("part_of", "measured_by") or "2023-01-01" <= d["first_seen"] <= d["last_seen"] <= "2023-12-31"


def test_include_picks_node_types(db, graph):
    with_docs = gephi_graph(db, include=set(NODE_TYPES))
    docs = {r["d"] for r in rows(db, "SELECT ?d { ?d a kg:Document }")}
    assert {n for n, d in with_docs.nodes(data=True) if d["type"] == "document"} == docs
    assert len(edges_of(with_docs, "reports")) == len(docs) - len([r for r in rows(db, "SELECT ?d { ?d a kg:Document FILTER NOT EXISTS { ?d schema:about ?e } }")])
    people = gephi_graph(db, include={"official", "event"})
    assert {d["type"] for _, d in people.nodes(data=True)} == {"official", "event"}
    assert {d["type"] for _, _, d in people.edges(data=True)} <= {"spoke_at", "chaired"}
    with pytest.raises(ValueError, match="unknown node type"):
        gephi_graph(db, include={"officials"})


def test_gexf_is_valid_dynamic_gexf_13_and_reads_back(graph, tmp_path):
    path = write_gephi(graph, tmp_path / "briefings.gexf")
    doc = etree.parse(str(path))
    gexf = schema("gexf/gexf.xsd")
    assert gexf.validate(doc), gexf.error_log
    g = doc.getroot().find(GEXF + "graph")
    assert (g.get("mode"), g.get("timeformat"), g.get("defaultedgetype")) == ("dynamic", "date", "directed")
    assert g.get("start") < g.get("end")
    assert {e.get("kind") for e in g.iter(GEXF + "edge")} == {d["type"] for _, _, d in graph.edges(data=True)}
    back = nx.read_gexf(str(path))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    for n, d in graph.nodes(data=True):
        assert {k: back.nodes[n][k] for k in ("type", "iri", "degree", "label")} == {k: d[k] for k in ("type", "iri", "degree", "label")}
        assert back.nodes[n].get("spells") == d.get("spells")
    weights = Counter((s, t, d["relation"], d["weight"]) for s, t, d in back.edges(data=True))
    assert weights == Counter((s, t, d["type"], float(d["weight"])) for s, t, d in graph.edges(data=True))


def test_the_schema_rejects_networkx_unfinished_output(graph):
    raw = "\n".join(nx.generate_gexf(graph, version="1.3")).encode()
    assert not schema("gexf/gexf.xsd").validate(etree.fromstring(raw))


def test_graphml_is_valid_and_reads_back(graph, tmp_path):
    path = write_gephi(graph, tmp_path / "briefings.graphml", fmt="graphml")
    graphml = schema("graphml/graphml.xsd")
    assert graphml.validate(etree.parse(str(path))), graphml.error_log
    back = nx.read_graphml(str(path))
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert {d["iri"] for _, d in back.nodes(data=True)} == set(graph.nodes)
    by_iri = {d["iri"]: d for _, d in back.nodes(data=True)}
    for n, d in graph.nodes(data=True):
        assert (by_iri[n]["type"], by_iri[n]["degree"], by_iri[n]["r"]) == (d["type"], d["degree"], d["viz"]["color"]["r"])
    with pytest.raises(ValueError):
        write_gephi(graph, tmp_path / "x.dot", fmt="dot")
