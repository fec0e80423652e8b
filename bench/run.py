"""The kg benchmark: build, rebuild, views (pyoxigraph and rdflib), cold CLI start, served endpoint.

For each N (1,000 and 10,000 by default) it generates N briefings with ``bench/generate.py``
(cached under bench/out/), builds them with ``kg build`` in a subprocess, and measures; then
prints one table with every figure next to its target and writes bench/out/results.json.

Peak memory is the summed RSS of the ``kg build`` process tree (sampled from /proc every 50 ms),
next to the largest single process (getrusage). Views run in child processes, so a view that
hangs is stopped and reported, not waited for. rdflib runs the very query text pyoxigraph runs
(parameters bound by kg.binding's VALUES block; rdflib's initBindings when it cannot parse that),
over a Dataset loaded from ``kg dump``; views using LATERAL (an Oxigraph extension) fail in rdflib.

    python bench/run.py                 # N = 1,000 and 10,000
    python bench/run.py -n 1000         # one size
    python bench/run.py -n 1000 --runs 5 --no-rdflib
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
sys.path[:0] = [str(ROOT), str(BENCH)]

GB = 1024 ** 3
# Representative parameters per named view; a view absent here runs without parameters.
VIEW_PARAMS = {
    "indicator_timeseries": {"indicator": "new_urban_jobs"},
    "event_summary": {"date": "2024-01-24"},  # person and date: replaced by representative() from the store
    "official_roles": {"person": "Lu Aihong"},
    "policy_outcomes": {"programme": "private_pension"},
    "programme_timeline": {"programme": "private_pension"},
    "who_announced_what": {"text": "private pension"},
}
# Targets of issue 7: (metric, which N it applies to, bound, unit); every bound is an upper bound.
TARGETS = {
    "build_s": (10_000, 120, "s"),
    "peak_rss_gb": (10_000, 1.5, "GB"),
    "noop_rebuild_s": (10_000, 10, "s"),
    "one_doc_rebuild_s": (None, 2, "s"),
    "view_median_ms": (10_000, 200, "ms"),
    "help_s": (None, 0.3, "s"),
    "who_s": (None, 1.0, "s"),
}


def kg_command() -> list[str]:
    """The installed ``kg`` script when there is one (what users run), else ``python -m kg.cli``."""
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]


# --- processes and memory -------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


# A child that runs the command and reports the largest resident set among its descendants.
_WRAP = ("import resource, subprocess, sys, json; r = subprocess.run(sys.argv[1:]); "
         "print(json.dumps({'rc': r.returncode, 'maxrss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}), file=sys.stderr)")


def measure(cmd: list[str], timeout: float = 3600, **kw) -> dict:
    """Run ``cmd``; wall time, exit code, output, the peak summed RSS of its process tree (sampled every
    50 ms) and the largest single-process RSS (getrusage of a wrapper's children)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _WRAP, *cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\ntimed out after {timeout} s"
    finally:
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    lines = err.rstrip().splitlines()
    try:
        info = json.loads(lines[-1])
        lines = lines[:-1]
    except (IndexError, json.JSONDecodeError):
        info = {"rc": proc.returncode, "maxrss_kb": 0}
    return {"wall_s": wall, "rc": info["rc"], "stdout": out, "stderr": "\n".join(lines),
            "tree_peak_rss_bytes": peak[0], "max_process_rss_bytes": info["maxrss_kb"] * 1024}


def cold(cmd: list[str], runs: int, timeout: float = 120, **kw) -> dict:
    """Wall time of ``cmd`` in fresh processes: the median and the first (coldest) run."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
        except subprocess.TimeoutExpired:
            return {"error": f"still running after {timeout:.0f} s", "median_s": None}
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            return {"error": f"exit {r.returncode}: " + (r.stderr or r.stdout)[-500:], "median_s": None}
        if sum(times) > 30:  # slow enough that more runs would tell nothing new
            break
    return {"median_s": statistics.median(times), "first_s": times[0], "runs": len(times)}


# --- corpus ---------------------------------------------------------------------

def corpus(n: int, seed: int, sources: list[Path] | None) -> tuple[Path, dict]:
    """The generated corpus of ``n`` briefings (made once, reused while generator and templates are unchanged)."""
    import generate

    from kg.ingest import discover, load_document

    sources = sources or generate.default_sources()
    h = hashlib.sha256((BENCH / "generate.py").read_bytes() + (ROOT / "kg" / "extract" / "people.py").read_bytes())
    for f in discover(sources)[0]:
        h.update(f.read_bytes())
    key = f"{n}-{seed}-{h.hexdigest()[:12]}"
    folder = OUT / f"corpus-{n}-seed{seed}"
    manifest = folder / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("key") == key:
        return folder, json.loads(manifest.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    paths = generate.generate(folder / "files", n, sources, seed)
    chars = sum(len(load_document(p).text) for p in paths)
    info = {"key": key, "n": n, "seed": seed, "files": len(paths), "bytes": sum(p.stat().st_size for p in paths),
            "chars": chars, "generate_s": round(time.perf_counter() - t, 1), "first": paths[0].name}
    manifest.write_text(json.dumps(info, indent=1))
    return folder, info


# --- views ----------------------------------------------------------------------

def _view_params() -> dict[str, dict]:
    from kg.views import views

    return {name: {k: os.environ.get(f"KG_BENCH_{k.upper()}", v) for k, v in VIEW_PARAMS.get(name, {}).items()} for name in views()}


def representative(store_path: Path) -> dict[str, str]:
    """Parameters drawn from the store: the official with the most posts, the date of the most reported event."""
    from kg.store import Store
    from kg.views import execute

    db = Store(store_path).open()
    out = {}
    for key, query in (
        ("person", "SELECT ?v (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; org:member/foaf:name ?v } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1"),
        ("date", "SELECT ?v (COUNT(?d) AS ?n) WHERE { ?e a kg:PressConference ; schema:startDate ?v ; schema:subjectOf ?d } "
                 "GROUP BY ?v ORDER BY DESC(?n) LIMIT 1"),
    ):
        for row in execute(db, query):
            out[key] = row["v"].value
    return out


def view_worker(engine: str, source: Path, names: list[str], runs: int, budget_s: float) -> None:
    """(In a child process) time each view in ``engine`` over ``source``; JSON lines: load, start, result."""
    from kg.binding import bind_values
    from kg.views import bind, get_view, run_view

    params = _view_params()
    t = time.perf_counter()
    if engine == "rdflib":
        import rdflib

        from kg.namespaces import PREFIXES

        ds = rdflib.Dataset(default_union=True)
        ds.parse(str(source), format="nquads")

        def run(name: str) -> int:
            """The very query text pyoxigraph runs (parameters in a VALUES block); when rdflib cannot parse
            that, the view's own text with rdflib's initBindings (sub-queries then do not see them)."""
            from pyparsing import ParseException

            view = get_view(name)
            terms = bind(view, params[name])
            try:
                return len(list(ds.query(bind_values(view.text, terms), initNs=PREFIXES)))
            except ParseException:
                if not terms:
                    raise
            bindings = {k: _rdflib_term(t) for k, t in terms.items()}
            return len(list(ds.query(view.text, initNs=PREFIXES, initBindings=bindings)))
    else:
        from kg.store import Store

        db = Store(source).open()

        def run(name: str) -> int:
            return len(run_view(db, name, params[name])[1])
    print(json.dumps({"load_s": time.perf_counter() - t}), flush=True)
    for name in names:
        print(json.dumps({"start": name}), flush=True)
        times, rows = [], 0
        deadline = time.monotonic() + budget_s
        try:
            for _ in range(runs):
                t = time.perf_counter()
                rows = run(name)
                times.append(time.perf_counter() - t)
                if time.monotonic() > deadline:
                    break
        except Exception as e:  # e.g. a query rdflib cannot parse: reported in the table, the other views go on
            print(json.dumps({"view": name, "params": params[name], "error": f"{type(e).__name__}: {str(e)[:120]}"}), flush=True)
            continue
        print(json.dumps({"view": name, "params": params[name], "rows": rows, **_stats(times)}), flush=True)


def _stats(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(times), "median_ms": statistics.median(times) * 1000, "p95_ms": p95 * 1000}


def _rdflib_term(term):
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    plain = term.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
    return rdflib.Literal(term.value, datatype=None if plain else rdflib.URIRef(term.datatype.value))


def time_views(engine: str, source: Path, runs: int, budget_s: float, timeout_s: float, total_s: float) -> dict:
    """Every named view timed in a child process: a view still running ``timeout_s`` after its time budget
    is stopped and recorded as a timeout, and the child restarts for the views left (at most ``total_s`` in all)."""
    import queue

    names = list(_view_params())
    out: dict = {"views": {}}
    deadline = time.monotonic() + total_s
    while names:
        proc = subprocess.Popen([sys.executable, str(Path(__file__)), "--view-worker", engine, str(source), "--views", ",".join(names),
                                 "--runs", str(runs), "--view-budget", str(budget_s)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: ([lines.put(line) for line in proc.stdout], lines.put(None)), daemon=True).start()
        current, limit = None, deadline
        while True:
            try:
                line = lines.get(timeout=max(0.0, min(limit, deadline) - time.monotonic()))
            except queue.Empty:
                line = "timeout"
            if line in ("timeout", None):
                proc.kill()
                proc.wait()
                if current is None or time.monotonic() >= deadline:
                    out["note"] = (f"stopped after {total_s:.0f} s" if time.monotonic() >= deadline else f"worker exited {proc.returncode}")
                    return out
                out["views"][current] = {"params": _view_params()[current], "timeout_s": budget_s + timeout_s if line else None,
                                         "error": None if line else f"worker exited {proc.returncode}"}
                names.remove(current)
                break
            row = json.loads(line)
            if "load_s" in row:
                out.setdefault("load_s", row["load_s"])
            elif "start" in row:
                current, limit = row["start"], time.monotonic() + budget_s + timeout_s
            else:
                out["views"][row.pop("view")] = row
                names.remove(current)
                current, limit = None, deadline
                if not names:
                    proc.wait()
                    return out
        if not names:
            break
    return out


def time_rdflib(store_path: Path, work: Path, args) -> dict:
    """Dump the store as N-Quads and time the views in rdflib's in-memory SPARQL engine."""
    dump = work / "dump.nq"
    r = subprocess.run([*kg_command(), "dump", "--format", "nquads", "--out", str(dump), "--store", str(store_path)],
                       capture_output=True, text=True)
    if r.returncode:
        return {"error": r.stderr[-500:]}
    try:
        return time_views("rdflib", dump, max(3, args.runs // 4), args.view_budget, args.view_timeout, args.rdflib_timeout)
    finally:
        dump.unlink(missing_ok=True)


# --- served endpoint ------------------------------------------------------------

def serve_load(store_path: Path, queries: int, clients: int) -> dict:
    """``kg serve`` on a loopback port under ``queries`` SPARQL requests from ``clients`` threads."""
    import http.client
    import urllib.parse

    if not (ROOT / "kg" / "serve.py").exists():
        return {"skipped": "kg/serve.py does not exist yet"}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*kg_command(), "serve", "--store", str(store_path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        path = _wait_for_endpoint(port, proc)
        if path is None:
            return {"skipped": "kg serve did not answer a SPARQL query within 30 s: " + (proc.stderr.read()[-300:] if proc.poll() is not None else "")}
        query = "SELECT ?date ?title WHERE { ?e a kg:PressConference ; schema:startDate ?date . OPTIONAL { ?e dct:title ?title } } ORDER BY DESC(?date) LIMIT 10"
        from kg.namespaces import PREFIXES

        text = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + query
        url = f"{path}?{urllib.parse.urlencode({'query': text})}"
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        counter = iter(range(queries))
        stop_at = time.monotonic() + 300

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for _ in counter:
                if time.monotonic() > stop_at:
                    break
                t = time.perf_counter()
                try:
                    conn.request("GET", url, headers={"Accept": "application/sparql-results+json"})
                    resp = conn.getresponse()
                    body = resp.read()
                    ok = resp.status == 200 and b"bindings" in body
                except OSError as e:
                    ok, body = False, str(e).encode()
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    (latencies if ok else errors).append(time.perf_counter() - t if ok else body[:200].decode(errors="replace"))
            conn.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        ordered = sorted(latencies) or [float("nan")]
        return {"endpoint": path, "queries": len(latencies) + len(errors), "clients": clients, "errors": len(errors),
                "first_error": errors[0] if errors else None, "qps": (len(latencies) + len(errors)) / wall,
                "p50_ms": ordered[len(ordered) // 2] * 1000, "p99_ms": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_endpoint(port: int, proc) -> str | None:
    """The path that answers a SPARQL GET on ``port`` (``/sparql`` or ``/query``), polling for up to 30 s."""
    import http.client
    import urllib.parse

    probe = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        for path in ("/sparql", "/query"):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", f"{path}?{probe}", headers={"Accept": "application/sparql-results+json"})
                if conn.getresponse().status == 200:
                    return path
            except OSError:
                pass
        time.sleep(0.2)
    return None


# --- one size -------------------------------------------------------------------

def bench_build(info: dict, files: Path, store: Path, args) -> dict:
    """A fresh build, a no-op rebuild and a one-document rebuild of the corpus ``files`` into ``store``."""
    import pyoxigraph as ox

    from kg.store import Store

    shutil.rmtree(store, ignore_errors=True)
    build_cmd = [*kg_command(), "build", str(files), "--store", str(store), "--quiet"] + (["--workers", str(args.workers)] if args.workers else [])
    n = info["n"]
    print(f"[N={n}] building {info['files']} files ({info['bytes'] / 1e6:.1f} MB) ...", file=sys.stderr, flush=True)
    b = measure(build_cmd, cwd=ROOT)
    if b["rc"] not in (0, 1):
        raise SystemExit(f"kg build failed ({b['rc']}):\n{b['stderr'][-2000:]}")
    s = Store(store)
    quads = len(ox.Store.read_only(str(s.link.resolve())))
    res = {"build": {"wall_s": b["wall_s"], "docs_per_s": info["files"] / b["wall_s"], "chars_per_s": info["chars"] / b["wall_s"],
                     "quads": quads, "triples_per_s": quads / b["wall_s"], "peak_rss_bytes": b["tree_peak_rss_bytes"],
                     "max_process_rss_bytes": b["max_process_rss_bytes"], "store_bytes": sum(f.stat().st_size for f in s.link.resolve().iterdir() if f.is_file()),
                     "summary": b["stdout"].strip().splitlines()[:1], "failed": b["stderr"].count("FAILED")}}

    print(f"[N={n}] no-op and one-document rebuilds ...", file=sys.stderr, flush=True)
    noop = measure(build_cmd, cwd=ROOT)
    res["noop_rebuild"] = {"wall_s": noop["wall_s"], "summary": noop["stdout"].strip().splitlines()[:1]}
    victim = sorted(files.iterdir())[0]
    original = victim.read_bytes()
    victim.write_bytes(original.replace(b"\n", b"\n\n", 1) if b"\n" in original else original + b" ")
    try:
        one = measure(build_cmd, cwd=ROOT)
    finally:
        victim.write_bytes(original)
    res["one_doc_rebuild"] = {"wall_s": one["wall_s"], "summary": one["stdout"].strip().splitlines()[:1]}
    measure(build_cmd, cwd=ROOT)  # back to the generated state
    return res


def bench_size(n: int, args) -> dict:
    from kg.store import Store

    folder, info = corpus(n, args.seed, args.source)
    files = folder / "files"
    store = folder / "store"
    res: dict = {"n": n, "corpus": info}
    if args.views_only and Store(store).exists():
        print(f"[N={n}] reusing the store built before (--views-only)", file=sys.stderr, flush=True)
    else:
        res.update(bench_build(info, files, store, args))
    for key, value in representative(store).items():
        os.environ[f"KG_BENCH_{key.upper()}"] = value  # read by _view_params here and in the view workers
    print(f"[N={n}] views in pyoxigraph ...", file=sys.stderr, flush=True)
    res["views"] = time_views("oxigraph", store, args.runs, args.view_budget, args.view_timeout, 3600)
    if args.no_rdflib:
        res["rdflib"] = {"skipped": "--no-rdflib"}
    elif (quads := len(Store(store).open())) > args.rdflib_max_quads:
        res["rdflib"] = {"skipped": f"not run: {quads:,} quads > --rdflib-max-quads {args.rdflib_max_quads:,} (see the smaller N)"}
    else:
        print(f"[N={n}] views in rdflib ...", file=sys.stderr, flush=True)
        res["rdflib"] = time_rdflib(store, folder, args)

    print(f"[N={n}] cold CLI ...", file=sys.stderr, flush=True)
    kg = kg_command()
    env = {**os.environ, "KG_STORE": str(store)}
    res["cli"] = {"help": cold([*kg, "--help"], 5, env=env, cwd=ROOT),
                  "who": cold([*kg, "who", "private pension"], 5, env=env, cwd=ROOT)}
    print(f"[N={n}] served endpoint ...", file=sys.stderr, flush=True)
    res["serve"] = serve_load(store, args.serve_queries, args.serve_clients)
    return res


# --- report ---------------------------------------------------------------------

def _verdict(metric: str, value: float | None, n: int) -> tuple[str, str]:
    applies, bound, unit = TARGETS[metric]
    if value is None:
        return "-", ""
    target = f"< {bound:g} {unit}" + ("" if applies in (None, n) else f" (at {applies:,})")
    if applies not in (None, n):
        return target, ""
    return target, "ok" if value < bound else "MISS"


def build_rows(r: dict, n: int, add) -> None:
    b = r["build"]
    add("  build wall time", f"{b['wall_s']:.1f} s", "build_s", b["wall_s"], n)
    add("  documents/s", f"{b['docs_per_s']:.0f}")
    add("  characters/s", f"{b['chars_per_s'] / 1e6:.2f} M")
    add("  triples/s", f"{b['triples_per_s']:,.0f}  ({b['quads']:,} quads)")
    add("  peak RSS, build tree (sum)", f"{b['peak_rss_bytes'] / GB:.2f} GB", "peak_rss_gb", b["peak_rss_bytes"] / GB, n)
    add("  peak RSS, largest process", f"{b['max_process_rss_bytes'] / GB:.2f} GB")
    add("  store size on disk", f"{b['store_bytes'] / 1e6:.0f} MB")
    add("  files failed", str(b["failed"]))
    add("  no-op rebuild", f"{r['noop_rebuild']['wall_s']:.2f} s", "noop_rebuild_s", r["noop_rebuild"]["wall_s"], n)
    add("  one-document rebuild", f"{r['one_doc_rebuild']['wall_s']:.2f} s", "one_doc_rebuild_s", r["one_doc_rebuild"]["wall_s"], n)


def table(results: list[dict]) -> str:
    rows: list[tuple[str, str, str, str]] = []

    def add(label: str, value: str, metric: str | None = None, raw: float | None = None, n: int = 0) -> None:
        target, verdict = _verdict(metric, raw, n) if metric else ("", "")
        rows.append((label, value, target, verdict))

    for r in results:
        n = r["n"]
        rows.append((f"N = {n:,}  ({r['corpus']['files']:,} files, {r['corpus']['bytes'] / 1e6:.1f} MB, {r['corpus']['chars'] / 1e6:.1f} M chars)", "", "", ""))
        if "build" in r:
            build_rows(r, n, add)
        rdf = r.get("rdflib", {})
        for name, v in r["views"]["views"].items():
            params = ",".join(f"{k}={val}" for k, val in v["params"].items())
            label = f"  view {name}" + (f" [{params}]" if params else "")
            if "median_ms" not in v:
                add(label, v.get("error") or f"> {v['timeout_s']:.0f} s (stopped)", "view_median_ms", float("inf"), n)
            else:
                add(label, f"median {v['median_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms, {v['rows']} rows", "view_median_ms", v["median_ms"], n)
            other = rdf.get("views", {}).get(name)
            if other and "median_ms" in other:
                ratio = f" = x{other['median_ms'] / v['median_ms']:.1f} pyoxigraph" if "median_ms" in v else ""
                rows_note = f", {other['rows']} rows" + (" (differs)" if other["rows"] != v.get("rows") else "")
                add("    same view in rdflib", f"median {other['median_ms']:.0f} ms{ratio}{rows_note}")
            elif other:
                add("    same view in rdflib", other.get("error") or f"> {other['timeout_s']:.0f} s (stopped)")
        if "skipped" in rdf or "error" in rdf or "note" in rdf:
            add("  rdflib comparison", rdf.get("skipped") or rdf.get("error") or rdf.get("note"))
        if "load_s" in rdf:
            add("  rdflib load of the N-Quads dump", f"{rdf['load_s']:.1f} s")
        for key, metric in (("help", "help_s"), ("who", "who_s")):
            c = r["cli"][key]
            label = "  kg --help (cold process)" if key == "help" else '  kg who "private pension" (cold process)'
            if c.get("median_s") is None:
                add(label, c.get("error", "")[:100], metric, float("inf"), n)
            else:
                add(label, f"median {c['median_s']:.2f} s (first {c['first_s']:.2f} s)", metric, c["median_s"], n)
        sv = r["serve"]
        if "skipped" in sv:
            add("  kg serve under load", "skipped: " + sv["skipped"])
        else:
            add(f"  kg serve: {sv['queries']} queries, {sv['clients']} clients", f"p50 {sv['p50_ms']:.1f} ms, p99 {sv['p99_ms']:.1f} ms, "
                f"{sv['qps']:.0f} q/s, {sv['errors']} errors", None)
            rows[-1] = (*rows[-1][:2], "0 errors", "ok" if sv["errors"] == 0 else "MISS")
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    head = ("metric", "value", "target", "")
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def machine() -> dict:
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_gb": round(int(mem) / 1024 ** 2, 1), "python": platform.python_version(),
            "platform": platform.platform()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, action="append", help="Corpus size (repeatable; default 1000 and 10000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--source", type=Path, action="append", help="Template folder (default examples/ and ../shared/corpus)")
    parser.add_argument("--workers", type=int, help="Passed to kg build --workers")
    parser.add_argument("--runs", type=int, default=20, help="Runs per view (default 20)")
    parser.add_argument("--view-budget", type=float, default=30, help="Seconds of repeated runs per view and engine (default 30)")
    parser.add_argument("--view-timeout", type=float, default=60, help="A view still running this long after its budget is stopped (default 60)")
    parser.add_argument("--no-rdflib", action="store_true", help="Skip the rdflib comparison")
    parser.add_argument("--views-only", action="store_true", help="Reuse the store of an earlier run: time views, CLI and serve only")
    parser.add_argument("--rdflib-max-quads", type=int, default=3_000_000, help="Skip rdflib above this store size")
    parser.add_argument("--rdflib-timeout", type=float, default=1200, help="Seconds at most for the whole rdflib run of one N")
    parser.add_argument("--serve-queries", type=int, default=2000)
    parser.add_argument("--serve-clients", type=int, default=8)
    parser.add_argument("--view-worker", nargs=2, metavar=("ENGINE", "SOURCE"), help=argparse.SUPPRESS)
    parser.add_argument("--views", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.view_worker:
        view_worker(args.view_worker[0], Path(args.view_worker[1]), args.views.split(","), args.runs, args.view_budget)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    results = [bench_size(n, args) for n in (args.n or [1000, 10000])]
    report = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "machine": machine(), "results": results}
    text = table(results)
    m = report["machine"]
    print(f"kg benchmark, {m['cpus']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}\n")
    print(text)
    (OUT / "results.json").write_text(json.dumps(report, indent=1, default=str))
    for r in results:  # one file per size too, so runs of one size do not lose the other
        (OUT / f"results-{r['n']}.json").write_text(json.dumps({**report, "results": [r]}, indent=1, default=str))
    print(f"\nwrote {OUT / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
