"""Progress of long builds: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kg.build import Progress


@contextmanager
def reporter(enabled: bool = True) -> Iterator[Progress | None]:
    """A progress callback for :func:`kg.build.build` that suits the terminal, or None when disabled."""
    if not enabled:
        yield None
        return
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

        with Bar(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task("build", total=None)

            def update(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total)

            yield update
        return
    last = [0.0]

    def lines(done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= 2.0:
            last[0] = now
            print(f"extracted {done}/{total} ({path})", file=sys.stderr, flush=True)

    yield lines
