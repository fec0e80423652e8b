"""Building the store from folders of briefings: incremental, parallel, atomic, never sunk by a bad file."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pydantic import BaseModel

from kg.ingest import MAX_BYTES, discover, read_error, too_large
from kg.store import Store

Progress = Callable[[int, int, str], None]  # (done, total, path)
_BATCH_BYTES = 32 * 1024 * 1024


class FileProblem(BaseModel):
    path: str
    reason: str


class BuildReport(BaseModel):
    """What a build did, for the CLI summary and for tests."""

    store: str
    files: int = 0
    added: list[str] = []
    updated: list[str] = []
    unchanged: int = 0
    removed: list[str] = []
    failed: list[FileProblem] = []
    quads_added: int = 0
    catalog_updated: bool = False
    seconds: float = 0.0
    documents: dict[str, dict] = {}  # doc id -> extraction summary of the documents built now

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.catalog_updated)


def build(paths: Iterable[Path | str], store: Store, *, prune: bool = False, workers: int | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build or update ``store`` from the briefing files under ``paths``."""
    started = time.perf_counter()
    files, problems = discover([Path(p) for p in paths])
    report = BuildReport(store=str(store.path), files=len(files))
    report.failed = [FileProblem(path=str(p), reason=r) for p, r in problems]
    known = stored_documents(store) if store.exists() else {}

    fingerprint = _fingerprint()
    outdated = _stored_fingerprint(store) != fingerprint  # new catalogue or extractor: extract everything again
    todo: list[str] = []  # files are read again by the extraction workers: only one is in memory at a time
    seen: dict[str, Path] = {}
    for path in files:
        doc_id = path.stem
        if doc_id in seen:
            report.failed.append(FileProblem(path=str(path), reason=f"same document id as {seen[doc_id]} (file stems must be unique)"))
            continue
        seen[doc_id] = path
        try:
            if (size := path.stat().st_size) > MAX_BYTES:
                report.failed.append(FileProblem(path=str(path), reason=too_large(size)))
                continue
            with open(path, "rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except OSError as e:
            report.failed.append(FileProblem(path=str(path), reason=read_error(e)))
            continue
        if known.get(doc_id) == digest and not outdated:
            report.unchanged += 1
        else:
            todo.append(str(path))

    stale = sorted(set(known) - set(seen)) if prune else []
    if not todo and not stale and not outdated:
        report.seconds = time.perf_counter() - started
        return report

    with store.writer() as db:
        if outdated:
            _load_catalog(db, fingerprint)
            report.catalog_updated = True
        batch: list[bytes] = []
        size = 0
        for done, (path, doc_id, nquads, info) in enumerate(_extract_all(todo, workers), start=1):
            if progress:
                progress(done, len(todo), path)
            if nquads is None:
                report.failed.append(FileProblem(path=path, reason=info))
                continue
            graph = _doc_graph(doc_id)
            if db.contains_named_graph(graph):  # the store as written now: another build may have added it meanwhile
                db.remove_graph(graph)
                report.updated.append(doc_id)
            else:
                report.added.append(doc_id)
            report.documents[doc_id] = info
            report.quads_added += info["quads"]
            batch.append(nquads)
            size += len(nquads)
            if size >= _BATCH_BYTES:
                _load(db, batch)
                batch, size = [], 0
        _load(db, batch)
        for doc_id in stale:
            db.remove_graph(_doc_graph(doc_id))
        report.removed = stale
        if report.updated or report.removed:
            _drop_orphan_entities(db)
        _stamp_entities(db)
    report.seconds = time.perf_counter() - started
    return report


def remove(doc_ids: Iterable[str], store: Store) -> list[str]:
    """Drop the named graphs of ``doc_ids``; return the ids that were in the store."""
    present = [d for d in doc_ids if d in stored_documents(store)]
    if present:
        with store.writer() as db:
            for doc_id in present:
                db.remove_graph(_doc_graph(doc_id))
            _drop_orphan_entities(db)
            _stamp_entities(db)
    return present


def _stamp_entities(db) -> None:
    """Record in the entity graph the sha256 of its own triples, so `kg push` resends it only when it changed."""
    import pyoxigraph as ox

    from kg.namespaces import KG
    from kg.rdf import ENTITY_GRAPH

    sha = ox.NamedNode(KG + "sha256")
    for q in list(db.quads_for_pattern(ENTITY_GRAPH, sha, None, ENTITY_GRAPH)):
        db.remove(q)
    lines = sorted(str(q.triple) for q in db.quads_for_pattern(None, None, None, ENTITY_GRAPH))
    db.add(ox.Quad(ENTITY_GRAPH, sha, ox.Literal(hashlib.sha256("\n".join(lines).encode()).hexdigest()), ENTITY_GRAPH))


def _drop_orphan_entities(db) -> None:
    """Remove entity facts (persons, events, periods ...) that no document refers to any more."""
    from kg.resources import sparql_dir

    db.update((sparql_dir() / "internal" / "drop_orphan_entities.ru").read_text(encoding="utf-8"))


def stored_documents(store: Store) -> dict[str, str]:
    """Document id -> sha256 of every document in the store."""
    from kg.views import run_internal

    return {row["id"]: row["sha256"] for row in run_internal(store.open(), "documents")}


def _extract_all(todo: list[str], workers: int | None) -> Iterator[tuple[str, str, bytes | None, dict | str]]:
    from kg.pipeline import process

    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(todo) < 8:
        for path in todo:
            yield (path, *process(path))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(process, todo, chunksize=max(1, min(32, len(todo) // (workers * 8))))
        for path, result in zip(todo, results):
            yield (path, *result)


def _load(db, batch: list[bytes]) -> None:
    import pyoxigraph as ox

    if batch:
        db.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)


def _doc_graph(doc_id: str):
    from kg.rdf import doc_iri

    return doc_iri(doc_id)


def _catalog_files() -> list[Path]:
    from kg.resources import ontology_dir

    return sorted(ontology_dir().glob("*.ttl"))


def _fingerprint() -> str:
    """sha256 of what turns a file into triples: the catalogues and ontology, and the extraction code.

    Stored with the catalog graph; when it changes, every document is extracted again, so a store
    never mixes graphs made by two versions of kg."""
    package = Path(__file__).resolve().parent
    code = [package / f for f in ("model.py", "ingest.py", "html.py", "catalog.py", "pipeline.py", "rdf.py")]
    code += sorted((package / "text").glob("*.py")) + sorted((package / "extract").glob("*.py"))
    h = hashlib.sha256()
    for f in _catalog_files() + code:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _stored_fingerprint(store: Store) -> str | None:
    if not store.exists():
        return None
    from kg.views import run_internal

    rows = run_internal(store.open(), "fingerprint")
    return rows[0]["sha256"] if rows else None


def _load_catalog(db, digest: str) -> None:
    """Replace the catalog graph with the ontology and catalogue files."""
    import pyoxigraph as ox

    from kg.namespaces import KG
    from kg.rdf import CATALOG_GRAPH

    db.remove_graph(CATALOG_GRAPH)
    for f in _catalog_files():
        with open(f, "rb") as fh:
            db.load(fh, format=ox.RdfFormat.TURTLE, to_graph=CATALOG_GRAPH)
    db.add(ox.Quad(CATALOG_GRAPH, ox.NamedNode(KG + "sha256"), ox.Literal(digest), CATALOG_GRAPH))
