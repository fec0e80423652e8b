"""The store as RDF text: the whole dataset, or one document's named graph."""

from __future__ import annotations

FORMATS = {"nquads": "N_QUADS", "trig": "TRIG", "turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD"}


class DumpError(Exception):
    """An unknown format or document."""


def dump(db, fmt: str, doc_id: str | None = None) -> bytes:
    """Serialise the store (or the graph of ``doc_id``) in ``fmt``; graph-less formats get the union of graphs."""
    import pyoxigraph as ox

    from kg.rdf import doc_iri

    if fmt not in FORMATS:
        raise DumpError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format = getattr(ox.RdfFormat, FORMATS[fmt])
    if doc_id is not None:
        graph = doc_iri(doc_id)
        if not db.contains_named_graph(graph):
            raise DumpError(f"no document {doc_id!r} in the store")
        quads = db.quads_for_pattern(None, None, None, graph)
    else:
        quads = db.quads_for_pattern(None, None, None)
    if rdf_format.supports_datasets:
        return ox.serialize(quads, format=rdf_format, prefixes=_prefixes(rdf_format))
    triples = {q.triple for q in quads}
    return ox.serialize(sorted(triples, key=str), format=rdf_format, prefixes=_prefixes(rdf_format))


def _prefixes(rdf_format) -> dict | None:
    import pyoxigraph as ox

    from kg.namespaces import PREFIXES

    return PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
