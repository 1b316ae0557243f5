"""Fixtures shared by the tests. The plain builders live in builders.py, which test files import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import SMALL_CLASSES, make_config, make_unit_folder

from needscli.records.store import Ledger, open_ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A new, empty ledger file, closed after the test."""
    with open_ledger(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of five unit rosters (see make_unit_folder) and a config that lets small classes form."""
    tmp_path = tmp_path_factory.mktemp("units")
    return make_unit_folder(tmp_path), make_config(tmp_path, SMALL_CLASSES)


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors found before any roster is read are said in the locale's language (Chinese where it says
    nothing); the tests run as under an English locale unless they clear NEEDSCLI_LANG (or set it to zh).
    What a roster says (its headers' language) wins over the locale either way."""
    monkeypatch.setenv("NEEDSCLI_LANG", "en")
