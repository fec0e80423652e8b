"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, at ``/query`` (and ``/update`` when enabled).

Why a thin threaded server over pyoxigraph and not ``oxigraph serve-read-only``:
a build never changes the generation a reader has open; it writes a new one and
swaps the ``current`` link (:mod:`kg.store`). The Oxigraph binary opens one
directory at start-up and keeps it, so it would serve the old graph until
restarted, and the generation it holds is deleted two builds later. This server
reads the link on every request (one ``readlink``) and opens the new generation
as soon as a build finishes; queries already running finish on the old one. It
also needs nothing outside the Python package. (``oxigraph serve-read-only
--location kg-data/current --union-default-graph`` still works for a fixed snapshot.)

Protocol: GET ``/query?query=``, POST ``application/x-www-form-urlencoded``
(``query=``) and POST ``application/sparql-query``; ``default-graph-uri`` and
``named-graph-uri`` are honoured, and without them the default graph is the
union of all named graphs. kg's prefixes (``kg:``, ``schema:``, ``org:`` ...) are
predeclared. Content negotiation: SPARQL JSON (default), XML, CSV and TSV for
SELECT and ASK; Turtle (default), N-Triples, RDF/XML and JSON-LD for CONSTRUCT
and DESCRIBE. A malformed query gets 400 with the parser's message; updates
get 403 unless enabled, in which case each one is applied to a new generation
(:meth:`kg.store.Store.writer`), atomically.

Limits: results are capped at ``max_rows`` (the response then carries
``X-KG-Truncated``) and a query gets ``timeout`` seconds, after which the client
gets 503. pyoxigraph cannot cancel a query: a streaming one stops at the next
row past its deadline, but one that sorts or groups runs to the end of that
step on its worker thread. The worker pool (``workers``) bounds how many run at
once.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.store import Store

_MAX_BODY = 16 * 1024 * 1024
_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


@dataclass
class ServeOptions:
    timeout: float = 30.0  # seconds per query
    max_rows: int = 100_000  # solutions or triples per response; 0 = no cap
    allow_updates: bool = False
    cors: bool = False  # Access-Control-Allow-Origin: * (for YASGUI and other browser clients)
    workers: int = 8  # queries evaluated at once


class HttpError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class _Current:
    """The generation ``current`` points to, reopened when a build moves the link."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._target: str | None = None
        self._db = None

    def get(self):
        import pyoxigraph as ox

        try:
            target = os.readlink(self.store.link)
        except OSError:
            raise HttpError(503, f"no store at {self.store.path} yet: run `kg build` first") from None
        with self._lock:
            if target != self._target:
                self._db = ox.Store.read_only(str(self.store.path / target))
                self._target = target
            return self._db


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, queries evaluated on a bounded pool."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: Store, options: ServeOptions):
        self.store, self.options = store, options
        self.current = _Current(store)
        self.pool = ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="kg-query")
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878, options: ServeOptions | None = None) -> SparqlServer:
    """A server bound to ``host:port`` (port 0 picks a free one); call ``serve_forever()`` on it."""
    return SparqlServer((host, port), store, options or ServeOptions())


def serve(store: Store, host: str = "127.0.0.1", port: int = 7878, options: ServeOptions | None = None) -> None:
    """Serve until interrupted."""
    server = make_server(store, host, port, options)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql"
    server: SparqlServer

    def do_GET(self) -> None:
        self._dispatch(self._get)

    def do_POST(self) -> None:
        self._dispatch(self._post)

    def do_OPTIONS(self) -> None:
        self._reply(204, b"", "text/plain", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                             "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the stdlib's name)
        if os.environ.get("KG_SERVE_LOG"):
            super().log_message(format, *args)

    def _dispatch(self, method) -> None:
        try:
            method(urlsplit(self.path))
        except HttpError as e:
            self._reply(e.status, (str(e) + "\n").encode(), "text/plain; charset=utf-8")

    def _get(self, url) -> None:
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self._reply(200, _HELP.encode(), "text/plain; charset=utf-8")
        elif url.path == "/query":
            if "update" in params:
                self._refuse_update()
            self._query(_one(params, "query"), params)
        else:
            raise HttpError(404, f"nothing at {url.path}; the SPARQL endpoint is /query")

    def _post(self, url) -> None:
        if url.path not in ("/query", "/update"):
            raise HttpError(404, f"nothing at {url.path}; the SPARQL endpoint is /query")
        params = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        body = self._body()
        if media == _FORM:
            params.update(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))
            if "update" in params:
                self._update(_one(params, "update"), url.path)
            elif url.path == "/update":
                raise HttpError(400, "a form sent to /update needs an update= field")
            else:
                self._query(_one(params, "query"), params)
        elif media == _UPDATE:
            self._update(body.decode("utf-8", "replace"), url.path)
        elif media == _QUERY and url.path == "/query":
            self._query(body.decode("utf-8", "replace"), params)
        else:
            raise HttpError(415, f"send {_QUERY} or {_FORM} to /query, {_UPDATE} to /update")

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            raise HttpError(413, f"request body over {_MAX_BODY} bytes")
        return self.rfile.read(length)

    def _refuse_update(self) -> None:
        raise HttpError(403, "updates are disabled on this endpoint (start `kg serve --allow-updates` to enable them)")

    def _update(self, text: str, path: str) -> None:
        if not self.server.options.allow_updates:
            self._refuse_update()
        if path != "/update":
            raise HttpError(400, "send updates to /update")
        try:
            with self.server.store.writer() as db:
                db.update(text)
        except SyntaxError as e:
            raise HttpError(400, f"SPARQL syntax error: {e}") from None
        self._reply(204, b"", "text/plain")

    def _query(self, text: str, params: dict) -> None:
        import pyoxigraph as ox

        from kg.namespaces import PREFIXES

        db = self.server.current.get()
        kwargs: dict = {"prefixes": PREFIXES}
        try:
            if "default-graph-uri" in params:
                kwargs["default_graph"] = [ox.NamedNode(g) for g in params["default-graph-uri"]]
            else:
                kwargs["use_default_graph_as_union"] = True
            if "named-graph-uri" in params:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in params["named-graph-uri"]]
        except ValueError as e:
            raise HttpError(400, f"bad graph IRI: {e}") from None
        options = self.server.options
        deadline = time.monotonic() + options.timeout
        future = self.server.pool.submit(_evaluate, db, text, kwargs, self.headers.get("Accept"), options.max_rows, deadline)
        try:
            body, media, truncated = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except (FutureTimeout, TimeoutError):
            raise HttpError(503, f"query timed out after {options.timeout:g} s") from None
        extra = {"X-KG-Truncated": str(options.max_rows)} if truncated else {}
        self._reply(200, body, media, extra)

    def _reply(self, status: int, body: bytes, media: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        if self.server.options.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _one(params: dict, name: str) -> str:
    values = params.get(name, [])
    if len(values) != 1:
        raise HttpError(400, f"expected exactly one {name} parameter, got {len(values)}")
    return values[0]


def _evaluate(db, text: str, kwargs: dict, accept: str | None, max_rows: int, deadline: float) -> tuple[bytes, str, bool]:
    """Run the query and serialise at most ``max_rows`` results in the negotiated format (on a pool thread).

    pyoxigraph results must be dropped on the thread that made them, so no
    exception leaving here may keep the frame holding them alive.
    """
    try:
        return _run(db, text, kwargs, accept, max_rows, deadline)
    except HttpError as e:
        error = HttpError(e.status, str(e))
    except TimeoutError:
        error = TimeoutError()
    except OSError as e:
        error = HttpError(500, f"the store failed: {e}")
    raise error


def _run(db, text: str, kwargs: dict, accept: str | None, max_rows: int, deadline: float) -> tuple[bytes, str, bool]:
    import pyoxigraph as ox

    try:
        result = db.query(text, **kwargs)
    except SyntaxError as e:
        raise HttpError(400, f"SPARQL syntax error: {e}") from None
    if isinstance(result, ox.QueryBoolean):
        fmt = _negotiate(accept, "results")
        return result.serialize(format=fmt), _media(fmt), False
    rows = []
    truncated = False
    for item in result:
        if max_rows and len(rows) == max_rows:
            truncated = True
            break
        if time.monotonic() > deadline:
            raise TimeoutError
        rows.append(item)
    if isinstance(result, ox.QuerySolutions):
        fmt = _negotiate(accept, "results")
        variables = result.variables
        lines = ["\t".join(str(v) for v in variables)]
        lines += ["\t".join("" if row[v] is None else str(row[v]) for v in variables) for row in rows]
        tsv = ("\n".join(lines) + "\n").encode()
        # the capped rows, re-read as TSV (terms in N-Triples syntax) and written by pyoxigraph in the wanted format
        body = tsv if fmt == ox.QueryResultsFormat.TSV else ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=fmt)
        return body, _media(fmt), truncated
    fmt = _negotiate(accept, "rdf")
    from kg.namespaces import PREFIXES

    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(rows, format=fmt, prefixes=prefixes), _media(fmt), truncated


@cache
def _formats(kind: str) -> dict:
    """Media type -> pyoxigraph format for query results ("results") or graphs ("rdf"); the first is the default."""
    import pyoxigraph as ox

    if kind == "results":
        return {"application/sparql-results+json": ox.QueryResultsFormat.JSON, "application/json": ox.QueryResultsFormat.JSON,
                "application/sparql-results+xml": ox.QueryResultsFormat.XML, "application/xml": ox.QueryResultsFormat.XML,
                "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV}
    return {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
            "text/plain": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML,
            "application/ld+json": ox.RdfFormat.JSON_LD}


def _negotiate(accept: str | None, kind: str):
    """The format the Accept header prefers (q values, then order; ``type/*`` wildcards) among ``_formats(kind)``."""
    table = _formats(kind)
    if not accept:
        return next(iter(table.values()))
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = [p.strip().lower() for p in part.split(";")]
        q = 1.0
        for opt in opts:
            name, _, value = opt.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media))
    for _, _, media in sorted(ranked):
        prefix = "" if media == "*/*" else media[:-1] if media.endswith("/*") else None
        for known, fmt in table.items():
            if known == media or prefix is not None and known.startswith(prefix):
                return fmt
    raise HttpError(406, f"cannot answer this query as {accept}; use one of {', '.join(table)}")


def _media(fmt) -> str:
    media = fmt.media_type
    return media if ";" in media else media + "; charset=utf-8"


_HELP = """kg SPARQL endpoint (SPARQL 1.1 Protocol).

  GET  /query?query=SELECT...            or POST /query with a form (query=) or an application/sparql-query body
  Accept: application/sparql-results+json | +xml | text/csv | text/tab-separated-values   (SELECT, ASK)
          text/turtle | application/n-triples | application/rdf+xml | application/ld+json  (CONSTRUCT, DESCRIBE)

The default graph is the union of all documents' graphs and the catalog; kg's prefixes are predeclared.
"""
