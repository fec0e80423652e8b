"""Sending the store to a SPARQL server (`kg push`), and one N-Quads file per document for bulk loaders.

:func:`push` copies every document's named graph, the entity graph and the catalog graph to any
SPARQL 1.1 Graph Store Protocol endpoint (one PUT per graph) or, without one,
Update endpoint (``DROP SILENT GRAPH`` + ``INSERT DATA`` in one request per
graph). Each graph records its own sha256 (a document the sha256 of its source
file, the catalog that of the catalogue files, the entity graph that of all
documents); the remote ones are read first
(``sparql/internal/graph_hashes.rq``) and only graphs that are missing or differ
are sent. A graph replaced in one request is either all there with its hash or
keeps its old hash, so a push that failed halfway is resumed by running it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from kg.store import Store

Progress = Callable[[int, int, str], None]  # (done, total, graph IRI)


class PushReport(BaseModel):
    """What a push did; ``failed`` maps each graph that did not arrive to the reason."""

    endpoint: str
    graphs: int = 0
    sent: list[str] = []
    unchanged: int = 0
    removed: list[str] = []
    failed: dict[str, str] = {}
    bytes_sent: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def push(store: Store, endpoint: str, graph_store: str | None = None, auth=None, *, update: str | None = None,
         prune: bool = False, force: bool = False, retries: int = 4, backoff: float = 0.5, timeout: float = 120.0,
         progress: Progress | None = None) -> PushReport:
    """Send the graphs of ``store`` that the SPARQL server at ``endpoint`` lacks or holds in another version.

    ``prune`` also drops remote document graphs the local store no longer has;
    ``force`` sends every graph. Connection errors and 5xx answers are retried
    ``retries`` times with exponential backoff from ``backoff`` seconds; once
    the server is unreachable, the graphs not yet sent are reported as failed.
    """
    import pyoxigraph as ox

    from kg.remote import RemoteError, RemoteStore
    from kg.views import run_internal

    started = time.perf_counter()
    report = PushReport(endpoint=endpoint)
    db = store.open()
    local = {row["graph"]: row["sha256"] for row in run_internal(db, "graph_hashes")}
    report.graphs = len(local)
    remote = RemoteStore(endpoint, graph_store, auth, update=update, timeout=timeout, retries=retries, backoff=backoff).open()
    try:
        there = {row["graph"]: row["sha256"] for row in run_internal(remote, "graph_hashes")}
    except RemoteError as e:
        report.failed = {g: f"could not read the remote graphs: {e}" for g in sorted(local)}
        report.seconds = time.perf_counter() - started
        return report

    todo = [g for g in sorted(local) if force or there.get(g) != local[g]]
    report.unchanged = len(local) - len(todo)
    for done, graph in enumerate(todo, start=1):
        if progress:
            progress(done, len(todo), graph)
        node = ox.NamedNode(graph)
        try:
            report.bytes_sent += remote.replace_graph(node, (q.triple for q in db.quads_for_pattern(None, None, None, node)))
        except RemoteError as e:
            report.failed[graph] = str(e)
            if e.unreachable:
                report.failed.update({g: "not sent: the endpoint became unreachable" for g in todo[done:]})
                break
        else:
            report.sent.append(graph)

    if prune and not report.failed:
        from kg.namespaces import ID

        for graph in sorted(set(there) - set(local)):
            if graph.startswith(ID + "doc/"):
                remote.remove_graph(ox.NamedNode(graph))
                report.removed.append(graph)
    report.seconds = time.perf_counter() - started
    return report


def dump_split(db, folder: Path | str) -> list[Path]:
    """Write ``catalog.nq``, ``entities.nq`` and ``docs/<document id>.nq`` (one N-Quads file per named graph) under ``folder``."""
    import pyoxigraph as ox

    from kg.rdf import CATALOG_GRAPH, ENTITY_GRAPH, doc_iri
    from kg.views import run_internal

    folder = Path(folder)
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    targets = [(CATALOG_GRAPH, folder / "catalog.nq"), (ENTITY_GRAPH, folder / "entities.nq")]
    targets += [(doc_iri(row["id"]), folder / "docs" / f"{row['id']}.nq") for row in run_internal(db, "documents")]
    for graph, path in targets:
        path.write_bytes(ox.serialize(db.quads_for_pattern(None, None, None, graph), format=ox.RdfFormat.N_QUADS))
    return [path for _, path in targets]
