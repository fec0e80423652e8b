"""The on-disk store: generations of an Oxigraph database behind an atomic ``current`` link.

A store folder (``./kg-data`` by default, ``KG_STORE`` overrides) holds::

    current -> gen-20240124T101500-123     the complete store readers open (read-only)
    gen-...                                  generations; the previous one is kept for readers still open
    .lock                                    held by the one build that may write

A build copies the current generation (a cheap hard-link backup), changes the
copy, and only then swaps the ``current`` link with one rename. A build that
fails or is killed leaves ``current`` as it was; its half-made generation is
swept by the next build. ``current`` is a plain Oxigraph database, so
``oxigraph serve-read-only --location kg-data/current`` serves it too.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

DEFAULT_STORE = "kg-data"


class StoreError(Exception):
    """The store is missing, locked or unreadable; the message says what to do."""


def default_path() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store:
    """A kg store folder. Reading never blocks on a build; one build writes at a time."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.link = self.path / "current"

    def exists(self) -> bool:
        return self.link.exists()

    def open(self) -> ox.Store:
        """The current generation, read-only."""
        if not self.exists():
            raise StoreError(f"no store at {self.path}: run `kg build PATH` first (or pass --store / set KG_STORE)")
        try:
            return ox.Store.read_only(str(self.link.resolve()))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e

    @contextmanager
    def writer(self, wait: float = 600.0) -> Iterator[ox.Store]:
        """A writable copy of the current generation that becomes current when the block ends without error."""
        self.path.mkdir(parents=True, exist_ok=True)
        with self._lock(wait):
            self._sweep()
            name = f"gen-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}-{os.getpid()}"
            target = self.path / name
            if self.exists():
                self.open().backup(str(target))
            store = ox.Store(str(target))
            try:
                yield store
                store.flush()
            except BaseException:
                del store
                shutil.rmtree(target, ignore_errors=True)
                raise
            del store
            previous = self.link.resolve().name if self.exists() else None
            self._relink(self.link, name)  # the atomic switch
            if previous:
                self._relink(self.path / "previous", previous)
            self._sweep()

    @contextmanager
    def _lock(self, wait: float) -> Iterator[None]:
        with open(self.path / ".lock", "a+") as fh:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(f"another build is writing {self.path}; gave up after {wait:.0f} s") from None
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _relink(self, link: Path, target: str) -> None:
        tmp = self.path / f".link-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(target)
        os.replace(tmp, link)

    def _sweep(self) -> None:
        """Remove generations but the current and the previous one (readers may still hold it), and leftovers."""
        keep = {link.resolve().name for link in (self.link, self.path / "previous") if link.exists()}
        for gen in self.path.glob("gen-*"):
            if gen.name not in keep:
                shutil.rmtree(gen, ignore_errors=True)
        for stale in self.path.glob(".link-*"):
            stale.unlink(missing_ok=True)

    def size_bytes(self) -> int:
        """Bytes on disk of the current generation."""
        if not self.exists():
            return 0
        return sum(f.stat().st_size for f in self.link.resolve().iterdir() if f.is_file())
