"""Curated catalogues (indicators, organizations, programmes) read from ontology/*.ttl.

Domain vocabulary lives in Turtle so users can extend it without touching
Python. Every catalogue entry is a resource with a ``skos:notation`` key,
``skos:prefLabel`` and ``skos:altLabel`` in several languages, and any other
properties, all exposed on :class:`Entry`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.namespaces import SKOS
from kg.resources import ontology_dir


@dataclass
class Entry:
    """One catalogue resource."""

    iri: str
    key: str
    pref: dict[str, str] = field(default_factory=dict)  # language tag -> label
    alt: dict[str, list[str]] = field(default_factory=dict)  # language tag -> labels
    props: dict[str, list[str]] = field(default_factory=dict)  # predicate IRI -> values (IRIs or lexical forms)

    @property
    def label(self) -> str:
        """The English preferred label, else any preferred label, else the key."""
        return self.pref.get("en") or next(iter(self.pref.values()), self.key)

    def labels(self, *langs: str) -> list[str]:
        """Preferred and alternative labels whose language tag starts with one of ``langs`` (all if none)."""
        out = [v for k, v in self.pref.items() if not langs or k.startswith(langs)]
        for k, vs in self.alt.items():
            if not langs or k.startswith(langs):
                out.extend(vs)
        return out

    def get(self, predicate: str) -> str | None:
        values = self.props.get(predicate)
        return values[0] if values else None


@cache
def load(name: str) -> tuple[Entry, ...]:
    """Entries of ``ontology/<name>.ttl`` that carry a skos:notation, in key order (none if the file is absent)."""
    path = ontology_dir() / f"{name}.ttl"
    return tuple(load_file(path)) if path.exists() else ()


def load_file(path: Path) -> list[Entry]:
    """Entries of one Turtle file that carry a skos:notation, in key order."""
    import pyoxigraph as ox

    by_subject: dict[str, dict[str, list]] = {}
    with open(path, "rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
            if isinstance(t.subject, ox.NamedNode):
                by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    entries = []
    for iri, preds in by_subject.items():
        notation = preds.pop(SKOS + "notation", None)
        if not notation:
            continue
        entry = Entry(iri=iri, key=notation[0].value)
        for obj in preds.pop(SKOS + "prefLabel", []):
            entry.pref[getattr(obj, "language", None) or ""] = obj.value
        for obj in preds.pop(SKOS + "altLabel", []):
            entry.alt.setdefault(getattr(obj, "language", None) or "", []).append(obj.value)
        entry.props = {p: [o.value for o in objs] for p, objs in preds.items()}
        entries.append(entry)
    return sorted(entries, key=lambda e: e.key)


@cache
def by_key(name: str) -> dict[str, Entry]:
    """The catalogue ``name`` as a key -> entry mapping."""
    return {e.key: e for e in load(name)}
