"""Named SPARQL views: the ``sparql/*.rq`` files, their documented parameters, and running them.

A view file starts with a comment header::

    # What the view answers, in one or more lines.
    # @param indicator string required  An indicator key, e.g. new_urban_jobs
    # @param since date optional  Only rows on or after this date

Parameters are bound as RDF terms by :func:`kg.binding.bind_values`, never
pasted into the query as text. An optional parameter left out stays unbound,
so views test it with ``BOUND(?name)``. Queries the library runs for
itself live in ``sparql/internal/``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.binding import bind_values
from kg.namespaces import PREFIXES, XSD
from kg.resources import sparql_dir

_PARAM = re.compile(r"#\s*@param\s+(\w+)\s+(string|date|integer|decimal|iri)\s+(required|optional)\s*(.*)")


class ViewError(Exception):
    """An unknown view, a missing or malformed parameter, or a query the parser rejects."""


@dataclass
class Param:
    name: str
    type: str
    required: bool
    help: str


@dataclass
class View:
    name: str
    path: Path
    description: str
    params: list[Param] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def parse_view(path: Path) -> View:
    """Read a view's description and parameters from its comment header."""
    description: list[str] = []
    params: list[Param] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if m := _PARAM.match(line):
            params.append(Param(m[1], m[2], m[3] == "required", m[4].strip()))
        else:
            description.append(line.lstrip("#").strip())
    return View(path.stem, path, " ".join(d for d in description if d), params)


@cache
def views() -> dict[str, View]:
    """The public views, by name."""
    return {p.stem: parse_view(p) for p in sorted(sparql_dir().glob("*.rq"))}


def get_view(name: str) -> View:
    try:
        return views()[name]
    except KeyError:
        raise ViewError(f"no view named {name!r}; `kg views` lists them") from None


def bind(view: View, params: dict[str, str]) -> dict:
    """Check ``params`` against the view's declaration and turn them into RDF terms by variable name."""
    declared = {p.name: p for p in view.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ViewError(f"view {view.name} has no parameter {', '.join(unknown)}; it takes: {', '.join(declared) or 'none'}")
    missing = [p.name for p in view.params if p.required and not params.get(p.name)]
    if missing:
        raise ViewError(f"view {view.name} needs --param {missing[0]}=VALUE ({declared[missing[0]].help})")
    return {name: _term(declared[name], value) for name, value in params.items()}


def _term(p: Param, value: str):
    import pyoxigraph as ox

    try:
        if p.type == "date":
            return ox.Literal(dt.date.fromisoformat(_full_date(value)).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if p.type == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        if p.type == "decimal":
            return ox.Literal(str(float(value)), datatype=ox.NamedNode(XSD + "decimal"))
        if p.type == "iri":
            return ox.NamedNode(value)
    except ValueError as e:
        raise ViewError(f"parameter {p.name}: {value!r} is not a valid {p.type} ({e})") from None
    return ox.Literal(value)


def _full_date(value: str) -> str:
    """Accept 2023, 2023-03 or 2023-03-02 for a date parameter (the first day of a year or month)."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    return value


def execute(db, query: str, bindings: dict | None = None):
    """Run a SPARQL query over the union of all graphs with ``bindings`` (name -> term); parser errors become :class:`ViewError`."""
    try:
        return db.query(bind_values(query, bindings), use_default_graph_as_union=True, prefixes=PREFIXES)
    except SyntaxError as e:
        raise ViewError(f"SPARQL syntax error: {e}") from None
    except ValueError as e:  # a parameter that cannot be bound
        raise ViewError(str(e)) from None


def run_view(db, name: str, params: dict[str, str] | None = None) -> tuple[list[str], list[dict]]:
    """Run a named view; return its column names and rows of plain Python values."""
    view = get_view(name)
    return rows_of(execute(db, view.text, bind(view, params or {})))


def rows_of(result) -> tuple[list[str], list[dict]]:
    """Column names and rows (dicts of Python values) of a SELECT result."""
    variables = [v.value for v in result.variables]
    return variables, [{v: value_of(sol[v]) for v in variables} for sol in result]


@cache
def _internal(name: str) -> str:
    return (sparql_dir() / "internal" / f"{name}.rq").read_text(encoding="utf-8")


def run_internal(db, name: str, **params) -> list[dict]:
    """Rows of an internal query of ``sparql/internal/``, with keyword parameters bound as literals or IRIs."""
    import pyoxigraph as ox

    terms = {k: v if isinstance(v, ox.NamedNode | ox.Literal) else ox.Literal(str(v)) for k, v in params.items()}
    return rows_of(execute(db, _internal(name), terms))[1]


def value_of(term):
    """A term as a plain Python value: numbers for numeric literals, strings otherwise, None for unbound."""
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        dtype = term.datatype.value if term.datatype else ""
        if dtype in (XSD + "integer", XSD + "long", XSD + "int"):
            return int(term.value)
        if dtype == XSD + "boolean":
            return term.value == "true"
        if dtype in (XSD + "decimal", XSD + "double", XSD + "float"):
            f = float(term.value)
            return int(f) if f.is_integer() and abs(f) < 1e15 else f
        return term.value
    return term.value
