"""The graph as a network for Gephi: officials, organizations, programmes, indicators and events.

:func:`gephi_graph` projects the RDF store onto a directed multigraph (one edge per
relation between two nodes) from ``sparql/internal/gephi_nodes.rq`` and
``gephi_edges.rq``. Node keys are IRIs. Every node carries ``type``, ``label``
(English), ``label_zh`` (when known), ``iri`` and ``degree``; every edge ``type``
(the relation), ``weight`` (supporting facts: posts, observations, mentions, or
the documents stating a one-triple link) and ``evidence`` (documents it comes
from; 0 for links only the catalogue states).

Relations: holds_post_in (official -> organization), spoke_at and chaired
(official -> event), announced (official -> indicator or programme), mentions
(event -> programme), organized (organization -> event), measured_by (programme
-> indicator), part_of (organization -> parent) and, with documents, reports
(document -> event).

Time: a fact is dated by its attestation or event, else its document. An edge
lives in the years of its facts, a node in the years of its own date (events,
documents) and of its dated edges; anything undated (``part_of`` and
``measured_by`` always) lives throughout, and Gephi hides such an edge with its
ends. :func:`write_gephi` writes these years as GEXF 1.3 spells, so Gephi's
timeline slider shows the network year by year, with node colour by type and
size by degree.

Which nodes appear: events and documents in the date range; officials,
organizations, programmes and indicators that a kept edge reaches. ``part_of``
and ``measured_by`` edges leave from nodes already in the network, so the
catalogue contributes the parents of the organizations and the indicators of
the programmes the documents name, not the whole catalogue.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

NODE_TYPES = ("official", "organization", "programme", "indicator", "event", "document")
DEFAULT_INCLUDE = frozenset(NODE_TYPES) - {"document"}
_STRUCTURAL = ("part_of", "measured_by")  # catalogue-shaped links: kept from nodes already in, timeless
_DATED_NODES = ("event", "document")
# Okabe-Ito colours, distinguishable by colour-blind readers.
COLOURS = {
    "official": (213, 94, 0), "organization": (0, 114, 178), "programme": (0, 158, 115),
    "indicator": (230, 159, 0), "event": (204, 121, 167), "document": (153, 153, 153),
}
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def gephi_graph(db, include: set[str] | None = None, since: dt.date | None = None, until: dt.date | None = None):
    """The network projection of the store ``db`` as a :class:`networkx.MultiDiGraph` keyed by relation.

    ``include`` picks node types (default: all but documents); ``since``/``until``
    keep the facts, events and documents dated within the range.
    """
    import networkx as nx

    from kg.rdf import CATALOG_GRAPH
    from kg.views import run_internal

    include = set(DEFAULT_INCLUDE if include is None else include)
    unknown = include - set(NODE_TYPES)
    if unknown:
        raise ValueError(f"unknown node type(s) {', '.join(sorted(unknown))}; use {', '.join(NODE_TYPES)}")

    candidates = {}
    for row in sorted(run_internal(db, "gephi_nodes"), key=lambda r: (r["node"], r["type"])):
        if row["type"] in include and (row["type"] not in _DATED_NODES or _in_range(row["date"], since, until)):
            candidates.setdefault(row["node"], row)

    edges: dict[tuple[str, str, str], dict] = defaultdict(lambda: {"facts": 0, "graphs": set(), "dates": set()})
    for row in run_internal(db, "gephi_edges"):
        structural = row["relation"] in _STRUCTURAL
        if row["source"] in candidates and row["target"] in candidates and (structural or _in_range(row["date"], since, until)):
            e = edges[(row["relation"], row["source"], row["target"])]
            e["facts"] += row["facts"]
            e["graphs"].update(row["graphs"].split())
            if row["date"] and not structural:
                e["dates"].add(dt.date.fromisoformat(row["date"]))

    kept = {n for n, row in candidates.items() if row["type"] in _DATED_NODES}
    chosen = {key for key in edges if key[0] not in _STRUCTURAL}
    kept.update(n for _, s, t in chosen for n in (s, t))
    structural = sorted(key for key in edges if key[0] in _STRUCTURAL)
    for _ in range(len(structural)):  # follow part_of chains upwards, one level per pass
        reached = {key for key in structural if key[1] in kept} - chosen
        if not reached:
            break
        chosen |= reached
        kept.update(t for _, _, t in reached)

    dates = {n: {dt.date.fromisoformat(candidates[n]["date"])} if candidates[n]["date"] else set() for n in kept}
    for rel, s, t in chosen:
        for n in (s, t):
            dates[n] |= edges[(rel, s, t)]["dates"]
    years = {n: {d.year for d in dates[n]} or None for n in kept}

    g = nx.MultiDiGraph(name="kg briefings network")
    for n in sorted(kept):
        row = candidates[n]
        attrs = {"type": row["type"], "label": row["label"] or _local_name(n), "iri": n}
        if row["label_zh"]:
            attrs["label_zh"] = row["label_zh"]
        attrs.update(_time_attrs(dates[n], years[n]))
        g.add_node(n, **attrs)
    catalog = CATALOG_GRAPH.value
    for rel, s, t in sorted(chosen):
        e = edges[(rel, s, t)]
        attrs = {"type": rel, "weight": e["facts"], "evidence": len(e["graphs"] - {catalog})}
        attrs.update(_time_attrs(e["dates"], {d.year for d in e["dates"]} or None))
        g.add_edge(s, t, key=rel, **attrs)
    for n, degree in g.degree():
        g.nodes[n]["degree"] = degree
        r, gr, b = COLOURS[g.nodes[n]["type"]]
        g.nodes[n]["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": round(6 + 6 * math.sqrt(degree), 2)}
    return g


def write_gephi(graph, path: Path | str, fmt: str = "gexf") -> Path:
    """Write a :func:`gephi_graph` network as dynamic GEXF 1.3 or as (static) GraphML; return the path."""
    path = Path(path)
    if fmt == "gexf":
        path.write_bytes(_gexf(graph))
    elif fmt == "graphml":
        import networkx as nx

        nx.write_graphml(_static_copy(graph), path, encoding="utf-8", prettyprint=True)
    else:
        raise ValueError(f"unknown format {fmt!r}; use gexf or graphml")
    return path


def _in_range(day: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether an ISO date lies in the range; without bounds everything does, with them an unknown date does not."""
    if since is None and until is None:
        return True
    if day is None:
        return False
    d = dt.date.fromisoformat(day)
    return (since is None or d >= since) and (until is None or d <= until)


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _time_attrs(dates: set[dt.date], years: set[int] | None) -> dict:
    """first_seen/last_seen from the dates; yearly spells (consecutive years merged) from the years."""
    out: dict = {}
    if dates:
        out["first_seen"], out["last_seen"] = min(dates).isoformat(), max(dates).isoformat()
    if years is not None:
        spells: list[list[int]] = []
        for y in sorted(years):
            if spells and spells[-1][1] == y - 1:
                spells[-1][1] = y
            else:
                spells.append([y, y])
        out["spells"] = [(f"{a:04d}-01-01", f"{b:04d}-12-31") for a, b in spells]
    return out


def _gexf(graph) -> bytes:
    """networkx's GEXF 1.3 output, finished with lxml into a valid dynamic GEXF 1.3 document.

    networkx 3.6 declares a wrong XML Schema instance namespace for 1.3, gives
    the graph a ``name`` GEXF has no place for, and knows nothing of edge kinds
    or the graph's time bounds; the relation (the multigraph key networkx
    writes as ``networkx_key``) becomes the edge ``kind``, ``label`` and a
    ``relation`` attribute.
    """
    import networkx as nx
    from lxml import etree

    h = graph.copy()
    for _, _, data in h.edges(data=True):
        data["label"] = data.pop("type")
    text = "\n".join(nx.generate_gexf(h, encoding="utf-8", prettyprint=False, version="1.3"))
    written = etree.fromstring(text.encode("utf-8"))
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "viz": VIZ_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{GEXF_NS} {GEXF_NS}/gexf.xsd")
    root.set("version", "1.3")
    root.extend(list(written))
    q = f"{{{GEXF_NS}}}"
    meta = root.find(q + "meta")
    meta.find(q + "creator").text = f"kg (networkx {nx.__version__})"
    etree.SubElement(meta, q + "description").text = (
        "Officials, organizations, programmes, indicators and press conferences of government briefings; "
        "node colour by type, size by degree, spells by year.")
    g = root.find(q + "graph")
    g.attrib.pop("name", None)
    g.set("defaultedgetype", "directed")
    bounds = [b for el in g.iter(q + "spell") for b in (el.get("start"), el.get("end"))]
    g.set("mode", "dynamic")
    g.set("timeformat", "date")
    if bounds:
        g.set("start", min(bounds))
        g.set("end", max(bounds))
    for attribute in g.iter(q + "attribute"):
        if attribute.get("title") == "networkx_key":
            attribute.set("title", "relation")
    for edge in g.iter(q + "edge"):
        edge.set("kind", edge.get("label"))
    etree.cleanup_namespaces(root)
    etree.indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def _static_copy(graph):
    """The network with GraphML-friendly ids (n0, e0 ...) and scalar attributes: colour as r, g, b and size, no spells."""
    import networkx as nx

    ids = {n: f"n{i}" for i, n in enumerate(sorted(graph.nodes))}
    h = nx.MultiDiGraph()
    for n, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("viz", "spells")}
        colour = data["viz"]["color"]
        attrs.update(r=colour["r"], g=colour["g"], b=colour["b"], size=float(data["viz"]["size"]))
        h.add_node(ids[n], **attrs)
    for i, (s, t, data) in enumerate(sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"]))):
        h.add_edge(ids[s], ids[t], key=f"e{i}", **{k: v for k, v in data.items() if k != "spells"})
    return h
