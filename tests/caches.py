"""What the tests of the user's cache files share (test_locale_cache, test_pattern_cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


class Planted:
    """A pickle that would run a command when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def without_home_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user with no home folder and no cache folder set (a service account)."""
    monkeypatch.delenv("INGEST_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
