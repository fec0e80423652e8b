"""The `kg` command: a thin shell over the library. Heavy imports happen inside commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Turn government press briefings into an RDF knowledge graph, and query it.\n\n"
    "Start with `kg build examples/`, then `kg stats`, `kg views`, `kg query VIEW --param name=value`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Path | None, typer.Option("--store", "-s", help="Store folder (default ./kg-data, or $KG_STORE).", show_default=False)]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json or jsonl.")]
EndpointOpt = Annotated[str | None, typer.Option(
    "--endpoint", envvar="KG_ENDPOINT", show_default=False,
    help="Use the SPARQL 1.1 endpoint at this query URL (e.g. http://localhost:7878/query) instead of the local store.")]
GraphStoreOpt = Annotated[str | None, typer.Option(
    "--graph-store", show_default=False,
    help="Graph Store Protocol URL for writes (Oxigraph /store, Fuseki /DATASET/data); without it, SPARQL Update.")]
AuthOpt = Annotated[str | None, typer.Option(
    "--auth", envvar="KG_REMOTE_AUTH", show_default=False,
    help="user:password or 'Bearer TOKEN' for the endpoint (better: set $KG_REMOTE_AUTH).")]


def _store(path: Path | None, endpoint: str | None = None, graph_store: str | None = None, auth: str | None = None):
    if endpoint:
        from kg.remote import RemoteStore

        return RemoteStore(endpoint, graph_store, auth)
    from kg.store import Store

    return Store(path)


def _fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _open(store: Path | None, endpoint: str | None = None, auth: str | None = None):
    from kg.store import StoreError

    try:
        return _store(store, endpoint, auth=auth).open()
    except StoreError as e:
        _fail(str(e))


def _params(values: list[str]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            _fail(f"--param takes name=value, got {item!r}")
        out[name.strip()] = value
    return out


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of briefings (.txt, .md, .html).", show_default=False)],
    store: StoreOpt = None,
    prune: Annotated[bool, typer.Option(help="Drop documents whose files are no longer under PATHS.")] = False,
    workers: Annotated[int | None, typer.Option(help="Extraction processes (default: one per core).", show_default=False)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
    endpoint: EndpointOpt = None,
    graph_store: GraphStoreOpt = None,
    auth: AuthOpt = None,
) -> None:
    """Build or update the graph from briefing files.

    Unchanged files (same sha256) are skipped, changed files replace their
    document's graph, and the store switches to the new state only when the
    build is complete. Files that cannot be read are listed at the end; the
    exit status is 1 when any file failed, 0 otherwise.
    """
    from kg.build import build as run_build
    from kg.progress import reporter
    from kg.store import StoreError

    target = _store(store, endpoint, graph_store, auth)
    try:
        with reporter(enabled=not quiet) as progress:
            report = run_build(paths, target, prune=prune, workers=workers, progress=progress)
    except StoreError as e:
        _fail(str(e))
    _print_build(report)
    raise typer.Exit(1 if report.failed else 0)


def _print_build(report) -> None:
    built = len(report.added) + len(report.updated)
    typer.echo(
        f"{report.files} files: {len(report.added)} added, {len(report.updated)} updated, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed, {len(report.failed)} failed; {report.quads_added:,} quads written "
        f"in {report.seconds:.2f} s -> {report.store}"
    )
    if built:
        obs = sum(d["observations"] for d in report.documents.values())
        inferred = [k for k, d in report.documents.items() if d["date_method"] != "explicit"]
        typer.echo(f"  {obs} observations extracted; dates inferred for {len(inferred)} of {built} documents")
    for f in report.failed:
        typer.secho(f"  FAILED {f.path}: {f.reason}", fg=typer.colors.YELLOW, err=True)


@app.command()
def remove(doc_ids: Annotated[list[str], typer.Argument(help="Document ids (file stems).")], store: StoreOpt = None) -> None:
    """Remove documents (their named graphs) from the store."""
    from kg.build import remove as run_remove

    removed = run_remove(doc_ids, _store(store))
    missing = sorted(set(doc_ids) - set(removed))
    typer.echo(f"removed {len(removed)} document(s)" + (f"; not in the store: {', '.join(missing)}" if missing else ""))
    raise typer.Exit(1 if missing else 0)


@app.command()
def stats(store: StoreOpt = None, fmt: FormatOpt = "table") -> None:
    """Documents, quads, and instances per class."""
    from kg.output import render
    from kg.views import run_internal

    db = _open(store)
    totals = run_internal(db, "triple_count")[0]
    docs = run_internal(db, "documents")
    rows = [{"what": "documents", "count": len(docs)}, {"what": "quads", "count": totals["quads"]},
            {"what": "named graphs", "count": totals["graphs"]}]
    from kg.namespaces import PREFIXES

    def short(iri: str) -> str:
        for prefix, ns in PREFIXES.items():
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    rows += [{"what": short(r["class"]), "count": r["n"]} for r in run_internal(db, "class_counts")]
    render(["what", "count"], rows, fmt)


@app.command()
def views() -> None:
    """List the named views with their descriptions and parameters."""
    from kg.views import views as all_views

    for view in all_views().values():
        typer.secho(view.name, bold=True)
        typer.echo(f"  {view.description}")
        for p in view.params:
            typer.echo(f"  --param {p.name}=<{p.type}>  {'required' if p.required else 'optional'}  {p.help}")


@app.command()
def query(
    query: Annotated[str, typer.Argument(help="A view name (see `kg views`), a .rq file, or SPARQL text.", show_default=False)],
    param: Annotated[list[str], typer.Option("--param", "-p", help="name=value, bound as an RDF term (repeatable).")] = [],  # noqa: B006
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
) -> None:
    """Run a named view, a .rq file or a SPARQL query against the store.

    Parameters are bound (never pasted into the query): `kg query
    indicator_timeseries --param indicator=new_urban_jobs`. In your own
    queries, refer to a parameter as a variable: `--param name=Li` binds ?name.
    """
    from kg.output import render
    from kg.views import ViewError, bind, execute, get_view, parse_view, rows_of, views as all_views

    params = _params(param)
    try:
        if query in all_views():
            view = get_view(query)
            text, subs = view.text, bind(view, params)
        else:
            path = Path(query)
            if query.endswith(".rq") and path.is_file():
                view = parse_view(path)
                text, subs = view.text, bind(view, params) if view.params else _literal_params(params)
            else:
                text, subs = query, _literal_params(params)
        result = execute(_open(store, endpoint, auth), text, subs)
    except ViewError as e:
        _fail(str(e))
    if isinstance(result, bool):
        typer.echo("true" if result else "false")
        return
    if not hasattr(result, "variables"):  # CONSTRUCT / DESCRIBE
        import pyoxigraph as ox

        sys.stdout.write(ox.serialize(result, format=ox.RdfFormat.TURTLE).decode())
        return
    columns, rows = rows_of(result)
    render(columns, rows, fmt)


def _literal_params(params: dict[str, str]) -> dict:
    import pyoxigraph as ox

    return {k: ox.Literal(v) for k, v in params.items()}


@app.command()
def dump(
    fmt: Annotated[str, typer.Option("--format", "-f", help="nquads, trig, turtle, ntriples or jsonld.")] = "trig",
    doc: Annotated[str | None, typer.Option(help="Only this document's graph (its id).", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.", show_default=False)] = None,
    split: Annotated[Path | None, typer.Option(help="Write one N-Quads file per document (DIR/docs/ID.nq) and DIR/catalog.nq, for bulk loaders.", show_default=False)] = None,
    store: StoreOpt = None,
) -> None:
    """Write the whole graph, or one document's graph, as RDF."""
    from kg.dump import DumpError, dump as run_dump

    if split:
        from kg.push import dump_split

        if fmt != "nquads" or doc or out:
            _fail("--split writes N-Quads files: use it with --format nquads, without --doc and --out")
        paths = dump_split(_open(store), split)
        typer.echo(f"wrote {len(paths)} files under {split}", err=True)
        return
    try:
        data = run_dump(_open(store), fmt, doc)
    except DumpError as e:
        _fail(str(e))
    if out:
        out.write_bytes(data)
        typer.echo(f"wrote {len(data):,} bytes to {out}", err=True)
    else:
        sys.stdout.buffer.write(data)


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl (exit 1 on violations)."""
    from kg.validate import validate as run_validate

    violations = run_validate(_open(store))
    for v in violations[:200]:
        typer.echo(f"{v.focus}  {v.path}: {v.message}")
    if len(violations) > 200:
        typer.echo(f"... and {len(violations) - 200} more")
    typer.echo(f"{len(violations)} violation(s)")
    raise typer.Exit(1 if violations else 0)


@app.command()
def export(
    kind: Annotated[str, typer.Argument(help="observations, officials, events, programmes, or gephi (the network).", show_default=False)],
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="jsonl or csv for rows (default jsonl); gexf or graphml for gephi (default gexf).", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (rows: default stdout; gephi: default exports/briefings.gexf).", show_default=False)] = None,
    include: Annotated[str | None, typer.Option(help="gephi: node types, comma-separated: official, organization, programme, indicator, event, document (default: all but document).", show_default=False)] = None,
    since: Annotated[str | None, typer.Option(help="gephi: only facts and events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(help="gephi: only those on or before this date (2023 means up to 2023-12-31).", show_default=False)] = None,
    store: StoreOpt = None,
    endpoint: EndpointOpt = None,
    auth: AuthOpt = None,
) -> None:
    """Write rows in the gold formats, or the network for Gephi.

    Rows: one per observation, post, event or programme mention, as JSON Lines
    or CSV. gephi: officials, organizations, programmes, indicators and events
    as a dynamic GEXF 1.3 graph whose timeline shows the network year by year
    (or GraphML).
    """
    from kg.export.rows import KINDS, compact, export_rows
    from kg.output import render

    db = _open(store, endpoint, auth)
    if kind == "gephi":
        _export_gephi(db, fmt or "gexf", out, include, since, until)
        return
    if kind not in KINDS:
        _fail(f"unknown export {kind!r}; use one of {', '.join(KINDS)} or gephi")
    fmt = fmt or "jsonl"
    if fmt not in ("jsonl", "csv"):
        _fail("--format must be jsonl or csv")
    columns, rows = export_rows(db, kind)
    if fmt == "csv":
        rows = [{k: "; ".join(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows]
    else:
        rows = [compact(r) for r in rows]
    with (open(out, "w", encoding="utf-8", newline="") if out else _stdout()) as fh:
        render(columns, rows, fmt, fh)
    if out:
        typer.echo(f"wrote {len(rows)} rows to {out}", err=True)


def _export_gephi(db, fmt: str, out: Path | None, include: str | None, since: str | None, until: str | None) -> None:
    from kg.export.gephi import gephi_graph, write_gephi

    if fmt not in ("gexf", "graphml"):
        _fail("--format must be gexf or graphml for gephi")
    types = {t.strip() for t in include.split(",") if t.strip()} if include else None
    try:
        graph = gephi_graph(db, include=types, since=_day(since), until=_day(until, last=True))
    except ValueError as e:
        _fail(str(e))
    out = out or Path("exports") / f"briefings.{fmt}"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_gephi(graph, out, fmt)
    typer.echo(f"wrote {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges to {out}", err=True)


def _stdout():
    from contextlib import nullcontext

    return nullcontext(sys.stdout)


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSON Lines files (observations, officials, events, programmes).")] = Path("../shared/gold"),
    store: StoreOpt = None,
    show: Annotated[int, typer.Option(help="How many misses and false hits to list per category.")] = 50,
) -> None:
    """Score the store against gold annotations: precision, recall, F1 per category, then every miss and false hit."""
    from kg.eval_store import evaluate as run_eval
    from kg.output import render

    if not gold.is_dir():
        _fail(f"no gold folder at {gold}")
    scores = run_eval(_open(store), gold)
    rows = [{"category": s.name, "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3),
             "predicted": s.n_pred, "gold": s.n_gold, **{k: round(v, 3) for k, v in s.extra.items()}} for s in scores]
    columns = list(dict.fromkeys(k for r in rows for k in r))
    render(columns, rows, "table")
    for s in scores:
        for label, items in (("miss", s.misses), ("false hit", s.false_hits), ("wrong speaker", s.wrong_speaker)):
            for item in items[:show]:
                typer.echo(f"{s.name} {label}: " + " | ".join(f"{k}={v}" for k, v in item.items() if k != "speakers" and v not in (None, "")))
            if len(items) > show:
                typer.echo(f"{s.name}: {len(items) - show} more ({label})")


@app.command()
def indicators(
    uncatalogued: Annotated[bool, typer.Option(help="List the most frequent labels of figures that fit no catalogue indicator.")] = False,
    limit: Annotated[int, typer.Option(help="How many rows.")] = 30,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """The indicator catalogue with observation counts, or (--uncatalogued) the quantities it is missing."""
    from kg.output import render
    from kg.views import run_internal

    rows = run_internal(_open(store), "uncatalogued_labels" if uncatalogued else "indicator_counts")[:limit]
    render(list(rows[0]) if rows else ["label", "observations"], rows, fmt)


SinceOpt = Annotated[str | None, typer.Option(help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", show_default=False)]
UntilOpt = Annotated[str | None, typer.Option(help="On or before this date.", show_default=False)]


@app.command()
def who(
    text: Annotated[str, typer.Argument(help="A keyword (English or Chinese), an indicator key or a programme name.", show_default=False)],
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 40,
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """Who announced what: officials, dates and the figures, programmes or statements matching TEXT.

    Examples: `kg who "private pension"`, `kg who 养老 --since 2023`, `kg who new_urban_jobs`.
    """
    from kg.lookup import WHO_COLUMNS, who as run_who
    from kg.output import render
    from kg.views import ViewError

    try:
        rows = run_who(_open(store), text, since, until, limit=limit)
    except ViewError as e:
        _fail(str(e))
    render(WHO_COLUMNS, rows, fmt, title=f"who announced {text!r}" if fmt == "table" else None)


@app.command()
def person(
    name: Annotated[str, typer.Argument(help='A name in pinyin ("Li Zhong") or Chinese (李忠).', show_default=False)],
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """An official's posts over time, the events they attended and the figures they announced."""
    from kg.lookup import WHO_COLUMNS, person as run_person

    sections = run_person(_open(store), name)
    if not any(sections.values()):
        _fail(f"nobody called {name!r} in the store; `kg query official_roles` lists everyone", 1)
    _sections(sections, {"figures": WHO_COLUMNS}, fmt)


@app.command()
def event(
    ref: Annotated[str, typer.Argument(help="The event's date (YYYY-MM-DD), its IRI, or the id of a document reporting it.", show_default=False)],
    fmt: FormatOpt = "table",
    store: StoreOpt = None,
) -> None:
    """A press conference: who spoke, who chaired, and what was announced."""
    from kg.lookup import WHO_COLUMNS, event as run_event

    sections = run_event(_open(store), ref)
    if not sections["events"]:
        _fail(f"no event matches {ref!r}; `kg query event_summary` lists them", 1)
    _sections(sections, {"announced": WHO_COLUMNS}, fmt)


def _sections(sections: dict[str, list[dict]], columns: dict[str, list[str]], fmt: str) -> None:
    """Several tables one after the other, or one JSON object of lists."""
    import json

    from kg.output import render

    if fmt == "json":
        typer.echo(json.dumps(sections, ensure_ascii=False, indent=2, default=str))
        return
    for name, rows in sections.items():
        cols = columns.get(name) or (list(rows[0]) if rows else [])
        if fmt == "table":
            render(cols, rows, fmt, title=name)
        else:
            typer.echo(f"# {name}")
            render(cols, rows, fmt)


@app.command()
def plot(
    indicator: Annotated[str | None, typer.Argument(help="An indicator key, e.g. new_urban_jobs.", show_default=False)] = None,
    policy: Annotated[str | None, typer.Option("--policy", help="Draw every indicator measuring this programme instead.", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="PNG or SVG file (default exports/<name>.png).", show_default=False)] = None,
    store: StoreOpt = None,
) -> None:
    """Draw an indicator's time series with its sources and the programmes linked to it."""
    from kg.plot import PlotError, plot_indicator, plot_policy
    from kg.rdf import slug

    if bool(indicator) == bool(policy):
        _fail("give an INDICATOR or --policy PROGRAMME (one of them)")
    out = out or Path("exports") / f"{slug(indicator or policy)}.png"
    try:
        n = plot_indicator(_open(store), indicator, out) if indicator else plot_policy(_open(store), policy, out)
    except PlotError as e:
        _fail(str(e), 1)
    typer.echo(f"wrote {out} ({n} points)")


def _day(value: str | None, last: bool = False):
    """YYYY, YYYY-MM or YYYY-MM-DD as a date: the first day of the year or month, or the last with ``last``."""
    import calendar
    import datetime as dt

    if not value:
        return None
    try:
        parts = [int(p) for p in value.strip().split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
        day = parts[2] if len(parts) > 2 else (calendar.monthrange(year, month)[1] if last else 1)
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        _fail(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before the client gets 503.")] = 30.0,
    max_rows: Annotated[int, typer.Option(help="Most solutions or triples per answer (0: no cap).")] = 100_000,
    allow_updates: Annotated[bool, typer.Option(help="Accept SPARQL Update at /update (each one makes a new generation).")] = False,
    cors: Annotated[bool, typer.Option(help="Allow browser clients from any origin (YASGUI).")] = False,
    store: StoreOpt = None,
) -> None:
    """Serve the store as a SPARQL 1.1 endpoint at http://HOST:PORT/query (read-only by default).

    The server follows `kg build`: it opens the new state as soon as a build
    finishes, without a restart.
    """
    from kg.serve import ServeOptions, serve as run_serve

    target = _store(store)
    if not target.exists():
        typer.secho(f"warning: no store at {target.path} yet; queries get 503 until `kg build` makes one", fg=typer.colors.YELLOW, err=True)
    typer.echo(f"SPARQL endpoint at http://{host}:{port}/query over {target.path} (Ctrl-C stops)", err=True)
    try:
        run_serve(target, host, port, ServeOptions(timeout=timeout, max_rows=max_rows, allow_updates=allow_updates, cors=cors))
    except OSError as e:
        _fail(f"cannot listen on {host}:{port}: {e.strerror or e}")


@app.command()
def push(
    endpoint: Annotated[str, typer.Option(help="The server's SPARQL query URL, e.g. http://localhost:7878/query.", show_default=False)],
    graph_store: GraphStoreOpt = None,
    update: Annotated[str | None, typer.Option(help="SPARQL Update URL (default: the endpoint with /query replaced by /update).", show_default=False)] = None,
    auth: AuthOpt = None,
    prune: Annotated[bool, typer.Option(help="Also drop the server's documents that the local store no longer has.")] = False,
    force: Annotated[bool, typer.Option(help="Send every graph, changed or not.")] = False,
    store: StoreOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
) -> None:
    """Send the graph to a SPARQL server, one named graph per document; only what changed since the last push.

    A push that fails lists the graphs that did not arrive (exit status 1);
    running it again sends just those.
    """
    from kg.progress import reporter
    from kg.push import push as run_push
    from kg.store import StoreError

    try:
        with reporter(enabled=not quiet) as progress:
            report = run_push(_store(store), endpoint, graph_store, auth, update=update, prune=prune, force=force, progress=progress)
    except StoreError as e:
        _fail(str(e))
    typer.echo(f"{report.graphs} graphs: {len(report.sent)} sent, {report.unchanged} unchanged, {len(report.removed)} removed, "
               f"{len(report.failed)} failed; {report.bytes_sent:,} bytes in {report.seconds:.2f} s -> {endpoint}")
    for graph, reason in report.failed.items():
        typer.secho(f"  NOT SENT {graph}: {reason}", fg=typer.colors.YELLOW, err=True)
    if report.failed:
        typer.echo("run the same command again to send the rest", err=True)
    raise typer.Exit(1 if report.failed else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
