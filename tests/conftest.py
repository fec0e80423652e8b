"""Shared fixtures: the seed corpus and gold (when ../shared exists), the bundled examples, built stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here")
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> Path:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not here")
    return GOLD


def _built(tmp_path_factory, name: str, paths: list[Path]) -> Store:
    store = Store(tmp_path_factory.mktemp(name) / "store")
    report = build(paths, store, workers=1)
    assert not report.failed, report.failed
    return store


@pytest.fixture(scope="session")
def corpus_store(corpus, tmp_path_factory) -> Store:
    """The seed corpus built once for the whole session (read-only use)."""
    return _built(tmp_path_factory, "corpus", [corpus])


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> Store:
    """The bundled examples built once for the whole session (read-only use)."""
    return _built(tmp_path_factory, "examples", [EXAMPLES])


@pytest.fixture(scope="session")
def full_store(tmp_path_factory) -> Store:
    """The bundled examples plus the seed corpus when it is here (read-only use)."""
    return _built(tmp_path_factory, "full", [EXAMPLES, *([CORPUS] if CORPUS.is_dir() else [])])
