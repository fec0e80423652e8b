"""Binding parameters into SPARQL queries as RDF terms, never as pasted text.

pyoxigraph's own substitutions (SEP-0007) bind only projected variables and
leave FILTER and BIND unbound, and remote endpoints take none at all. So a
parameter is bound by a ``VALUES`` row placed first in the WHERE group of the
query and of every sub-SELECT, where filters and sub-queries see it. Each value
is an RDF term built by pyoxigraph, whose ``str`` is its validated, escaped
N-Triples form: a value can never close the row or the query early.
"""

from __future__ import annotations

import re

_VARNAME = re.compile(r"\w+")
_TOKEN = re.compile(
    r"""(?P<skip>\s+|\#[^\n]*)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$]\w+)
    |(?P<name>[\w:][\w.:%-]*)
    |(?P<open>\{)|(?P<close>\})
    |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def bind_values(query: str, substitutions: dict | None) -> str:
    """``query`` with ``substitutions`` (Variable -> NamedNode/Literal) bound by a VALUES block.

    The block goes first in the WHERE group of the query form and of every
    sub-SELECT, so FILTERs and BIND see the values (SEP-0007 semantics); a
    ``CONSTRUCT WHERE { ... }``, or a query without a group, gets a trailing
    VALUES clause instead.
    """
    import pyoxigraph as ox

    if not substitutions:
        return query
    names, terms = [], []
    for var, term in substitutions.items():
        name = var.value if isinstance(var, ox.Variable) else str(var)
        if not _VARNAME.fullmatch(name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise ValueError(f"?{name}: only IRIs and literals can be bound, not {type(term).__name__}")
        names.append("?" + name)
        terms.append(str(term))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    points, trailing = _where_groups(query)
    out = query + (f"\n{block}" if trailing else "")
    for pos in sorted(points, reverse=True):
        out = out[:pos] + block + out[pos:]
    return out


def _where_groups(query: str) -> tuple[list[int], bool]:
    """Offsets just inside the WHERE group of each query form and sub-SELECT; whether a trailing VALUES is needed instead."""
    points: list[int] = []
    trailing = False
    waiting = 0  # WHERE groups still expected
    template = False  # the next group is a CONSTRUCT template, to be skipped
    skip_depth = None
    depth = 0
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "skip":
            continue
        word = m.group().upper() if kind == "name" else ""
        if word in ("SELECT", "ASK", "DESCRIBE"):
            waiting += 1
        elif word == "CONSTRUCT":
            template = True
        elif word == "WHERE" and template:  # CONSTRUCT [FROM ...] WHERE { triples }: no template
            template, trailing = False, True
        elif kind == "open":
            if template:
                template, skip_depth = False, depth
                waiting += 1
            elif waiting and skip_depth is None:
                waiting -= 1
                points.append(m.end())
            depth += 1
        elif kind == "close":
            depth -= 1
            if skip_depth == depth:
                skip_depth = None
    return points, trailing or not points
