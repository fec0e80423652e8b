"""SHACL validation of the store against ontology/shapes.ttl (pyshacl over the union of all graphs)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Violation:
    focus: str
    path: str
    message: str


def validate(db) -> list[Violation]:
    """Every SHACL violation in the store, sorted by focus node."""
    import pyoxigraph as ox
    import pyshacl
    import rdflib

    from kg.resources import ontology_dir

    data = rdflib.Graph()
    triples = {q.triple for q in db.quads_for_pattern(None, None, None)}
    data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    out = [
        Violation(str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultPath) or ""), str(report.value(r, sh.resultMessage)))
        for r in report.subjects(rdflib.RDF.type, sh.ValidationResult)
        if report.value(r, sh.resultSeverity) == sh.Violation
    ]
    return sorted(out, key=lambda v: (v.focus, v.path))
