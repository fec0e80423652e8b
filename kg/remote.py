"""A remote SPARQL 1.1 endpoint used as a kg store (``kg build/query --endpoint URL``).

:class:`RemoteStore` has the surface :mod:`kg.build` and :mod:`kg.views` use on a
local :class:`kg.store.Store`: ``exists()``, ``open()`` and ``writer()``, whose
dataset answers ``query``, ``remove_graph``, ``bulk_load``, ``load``, ``add``,
``contains_named_graph`` and ``quads_for_pattern`` over HTTP (SPARQL 1.1 Protocol,
Update, and the Graph Store Protocol when ``graph_store`` is given). Results come
back as pyoxigraph objects (``QuerySolutions``, ``QueryBoolean``, lists of
``Triple``/``Quad``), so callers cannot tell the two stores apart.

Differences from the local store, by nature of a remote one:

- No atomicity: ``writer()`` writes straight to the server, graph by graph; a
  build that fails halfway leaves the graphs it wrote. Each request is one
  transaction on the usual servers, and a re-run repairs the rest (documents are
  compared by sha256). No lock either: run one build at a time.
- Substitutions are bound by :func:`kg.binding.bind_values`, as for the local store.
- ``use_default_graph_as_union`` sends Oxigraph's ``union-default-graph``
  parameter; other servers ignore it and need their own setting (Fuseki:
  ``tdb2:unionDefaultGraph true``; GraphDB, Virtuoso and QLever query all graphs
  by default).
- Blank nodes: one ``bulk_load``/``load`` call goes in one request per graph, so
  blank nodes keep their identity within it.

Requests are retried with exponential backoff on connection errors and 5xx answers.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from kg.binding import bind_values
from kg.store import StoreError

_UPDATE = "application/sparql-update"
_TURTLE = "text/turtle; charset=utf-8"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
class RemoteError(StoreError):
    """The endpoint refused a request or could not be reached; ``unreachable`` tells which."""

    def __init__(self, message: str, unreachable: bool = False):
        super().__init__(message)
        self.unreachable = unreachable


class RemoteStore:
    """A SPARQL 1.1 endpoint standing in for a local store folder.

    ``endpoint`` is the query URL; updates go to ``update``, by default the same
    URL with ``/query`` replaced by ``/update`` (Oxigraph, Fuseki) or else the
    endpoint itself (Virtuoso). With ``graph_store`` (Oxigraph ``/store``,
    Fuseki ``/ds/data``, GraphDB ``/repositories/R/rdf-graphs/service``) writes
    use the Graph Store Protocol. ``auth`` is ``user:password``, ``Bearer TOKEN``
    or a (user, password) pair.
    """

    def __init__(self, endpoint: str, graph_store: str | None = None, auth=None, *, update: str | None = None,
                 timeout: float = 60.0, retries: int = 4, backoff: float = 0.5):
        self.endpoint = endpoint
        self.path = endpoint  # what build reports name the store by
        self.dataset = RemoteDataset(endpoint, graph_store=graph_store, auth=auth, update=update,
                                     timeout=timeout, retries=retries, backoff=backoff)

    def exists(self) -> bool:
        """True when the endpoint answers (an empty dataset exists too); raises :class:`RemoteError` otherwise."""
        return self.dataset.answers()

    def open(self) -> RemoteDataset:
        return self.dataset

    @contextmanager
    def writer(self, wait: float = 0.0) -> Iterator[RemoteDataset]:
        """The same dataset: writes go straight to the server (no atomic switch, no lock)."""
        yield self.dataset


class RemoteDataset:
    """The pyoxigraph ``Store`` methods kg uses, over HTTP."""

    def __init__(self, endpoint: str, *, graph_store: str | None, auth, update: str | None, timeout: float,
                 retries: int, backoff: float):
        import httpx

        self.endpoint = endpoint
        self.update_endpoint = update or (endpoint[: -len("query")] + "update" if endpoint.endswith("/query") else endpoint)
        self.graph_store = graph_store
        self.retries, self.backoff = retries, backoff
        self.client = httpx.Client(auth=auth_from(auth), timeout=timeout, follow_redirects=True)

    # --- reading -------------------------------------------------------------------------
    def query(self, query: str, *, use_default_graph_as_union: bool = False, prefixes: dict | None = None,
              substitutions: dict | None = None, base_iri: str | None = None):
        """Run a query remotely; results as pyoxigraph returns them. A query the server rejects raises SyntaxError."""
        import pyoxigraph as ox

        text = bind_values(query, substitutions)
        if prefixes:
            text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + text
        if base_iri:
            text = f"BASE <{base_iri}>\n" + text
        params = {"union-default-graph": ""} if use_default_graph_as_union else None
        r = self._send("POST", self.endpoint, params=params, data={"query": text}, headers={"Accept": _ACCEPT},
                       syntax_errors=True)
        media = r.headers.get("content-type", "").split(";")[0].strip()
        results_format = ox.QueryResultsFormat.from_media_type(media)
        if results_format is not None:
            return ox.parse_query_results(r.content, format=results_format)
        rdf_format = ox.RdfFormat.from_media_type(media)
        if rdf_format is None:
            raise RemoteError(f"{self.endpoint} answered with an unknown media type {media!r}")
        return [quad.triple for quad in ox.parse(r.content, format=rdf_format)]

    def answers(self) -> bool:
        self.query("ASK {}")
        return True

    def contains_named_graph(self, graph) -> bool:
        return bool(self.query(_internal("graph_exists"), substitutions={_var("g"): graph}))

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph_name=None) -> list:
        """Quads of the named graphs matching the pattern (``None`` matches anything)."""
        import pyoxigraph as ox

        bound = {_var(n): t for n, t in zip("spog", (subject, predicate, object, graph_name)) if t is not None}
        return [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in self.query(_internal("quads"), substitutions=bound)]

    # --- writing -------------------------------------------------------------------------
    def remove_graph(self, graph) -> None:
        if self.graph_store:
            self._send("DELETE", self.graph_store, params={"graph": graph.value}, missing_ok=True)
        else:
            self.update(f"DROP SILENT GRAPH {graph}")

    def replace_graph(self, graph, triples: Iterable) -> int:
        """Make ``graph`` hold exactly ``triples`` in one request (GSP PUT, else DROP + INSERT DATA); return bytes sent."""
        import pyoxigraph as ox

        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
        if self.graph_store:
            self._send("PUT", self.graph_store, params={"graph": graph.value}, content=body,
                       headers={"Content-Type": _TURTLE})
            return len(body)
        text = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body.decode()}}} }}"
        self.update(text)
        return len(text.encode())

    def bulk_load(self, input, format, *, base_iri: str | None = None, to_graph=None) -> None:
        """Add the quads (or triples, into ``to_graph``) of ``input``: one request per graph with GSP, else one INSERT DATA."""
        import pyoxigraph as ox

        graphs: dict = defaultdict(list)
        for quad in ox.parse(input, format=format, base_iri=base_iri):
            default = isinstance(quad.graph_name, ox.DefaultGraph)
            graphs[to_graph if default and to_graph is not None else quad.graph_name].append(quad.triple)
        self._insert(graphs)

    load = bulk_load

    def add(self, quad) -> None:
        self._insert({quad.graph_name: [quad.triple]})

    def update(self, text: str) -> None:
        self._send("POST", self.update_endpoint, content=text.encode(), headers={"Content-Type": _UPDATE + "; charset=utf-8"})

    def _insert(self, graphs: dict) -> None:
        import pyoxigraph as ox

        if self.graph_store:
            for graph, triples in graphs.items():
                params = {"default": ""} if isinstance(graph, ox.DefaultGraph) else {"graph": graph.value}
                self._send("POST", self.graph_store, params=params, headers={"Content-Type": _TURTLE},
                           content=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
            return
        parts = []
        for graph, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
            parts.append(body if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph} {{\n{body}}}")
        if parts:
            self.update("INSERT DATA {\n" + "\n".join(parts) + "\n}")

    # --- HTTP ----------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, syntax_errors: bool = False, missing_ok: bool = False, **kw):
        """One request, retried with exponential backoff on connection errors and 5xx answers."""
        import httpx

        problem, unreachable = "", False
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                r = self.client.request(method, url, **kw)
            except httpx.TransportError as e:
                problem, unreachable = f"{type(e).__name__}: {e}", True
                continue
            if r.status_code >= 500:
                problem, unreachable = f"HTTP {r.status_code}: {r.text[:300]}", False
                continue
            if r.status_code == 404 and missing_ok:
                return r
            if r.status_code == 400 and syntax_errors:
                raise SyntaxError(r.text.strip()[:2000] or "the endpoint rejected the query")
            if r.status_code >= 400:
                raise RemoteError(f"{method} {url}: HTTP {r.status_code}: {r.text.strip()[:500]}")
            return r
        raise RemoteError(f"{method} {url} failed after {self.retries + 1} attempts: {problem}", unreachable)


def auth_from(auth):
    """httpx auth from ``None``, a (user, password) pair, ``"user:password"`` or ``"Bearer TOKEN"``."""
    import httpx

    if auth is None or isinstance(auth, httpx.Auth):
        return auth
    if isinstance(auth, tuple):
        return httpx.BasicAuth(*auth)
    if auth.lower().startswith("bearer "):
        header = f"Bearer {auth[7:].strip()}"

        def bearer(request):
            request.headers["Authorization"] = header
            return request

        return bearer
    user, sep, password = auth.partition(":")
    if not sep:
        raise ValueError("auth must be user:password or 'Bearer TOKEN'")
    return httpx.BasicAuth(user, password)


def _var(name: str):
    import pyoxigraph as ox

    return ox.Variable(name)


def _internal(name: str) -> str:
    from kg.resources import sparql_dir

    return (sparql_dir() / "internal" / f"{name}.rq").read_text(encoding="utf-8")
