"""Throughput of kg.extract.observations.extract_observations on the seed corpus.

Repeats the briefings of ../shared/corpus (or tests/data/briefings when the
corpus is absent) until the batch holds at least 5 MB of text, extracts every
document once and prints documents/s and characters/s, by wall clock and by
CPU time (steadier on a busy machine). Not a test:

    .venv/bin/python bench/extract_throughput.py [--mb 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.observations import extract_observations, lexicon
from kg.ingest import load_document

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text to extract (default 5)")
    args = parser.parse_args()
    corpus = ROOT.parent / "shared" / "corpus"
    folder = corpus if corpus.is_dir() else ROOT / "tests" / "data" / "briefings"
    docs = [load_document(p) for p in sorted(folder.glob("*.txt"))]
    batch, chars = [], 0
    while chars < args.mb * 1_000_000:
        for d in docs:
            batch.append(d)
            chars += len(d.text)
    lexicon()  # built once per process, as in a build
    wall, cpu = time.perf_counter(), time.process_time()
    figures = sum(len(extract_observations(d)) for d in batch)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{len(batch)} documents, {chars:,} characters, {figures:,} figures")
    for name, seconds in (("wall clock", wall), ("CPU time", cpu)):
        print(f"{name:>10}: {seconds:6.2f} s, {len(batch) / seconds:6,.0f} documents/s, {chars / seconds:11,.0f} characters/s,"
              f" {chars / seconds / 10_000:6,.0f} 10 KB-documents/s")


if __name__ == "__main__":
    main()
