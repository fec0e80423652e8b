"""Where the shipped data folders (ontology/, sparql/) are, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_HERE.parent / name, _HERE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {name}/ folder is missing from the installation")


def ontology_dir() -> Path:
    """The folder holding kg.ttl, shapes.ttl and the catalogues."""
    return _data_dir("ontology")


def sparql_dir() -> Path:
    """The folder holding the named views (*.rq)."""
    return _data_dir("sparql")
