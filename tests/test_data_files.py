"""Where the data is found: the packaged files, and a user's own sources.toml and
publishers.toml in the documented order ($INGEST_DATA_DIR, ./data, the config folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.core.data_files import PACKAGED, config_dir, data_dir, user_file


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder and a config home of the test's own, no $INGEST_DATA_DIR."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("INGEST_DATA_DIR", raising=False)
    return tmp_path


def test_the_package_ships_its_data() -> None:
    for name in ("publishers.toml", "sources.toml", "vocabulary/bylines.toml",
                 "vocabulary/credits.toml", "vocabulary/prompts.toml", "vocabulary/dates.toml",
                 "vocabulary/markup.toml", "demo/MANIFEST.json", "demo/index.html"):
        assert (PACKAGED / name).is_file(), name


def test_the_packaged_file_when_the_user_has_none(elsewhere: Path) -> None:
    assert user_file("sources.toml") == PACKAGED / "sources.toml"
    assert data_dir() == PACKAGED


def write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# a user's own\n", encoding="utf-8")
    return path


def test_the_users_files_come_first_in_order(elsewhere: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    configured = write(config_dir() / "sources.toml")
    assert config_dir() == elsewhere / "config" / "news-ingest"
    assert user_file("sources.toml") == configured
    local = write(elsewhere / "data" / "sources.toml")
    assert user_file("sources.toml") == local
    chosen = write(elsewhere / "mine" / "sources.toml")
    monkeypatch.setenv("INGEST_DATA_DIR", str(chosen.parent))
    assert user_file("sources.toml") == chosen
    assert data_dir() == chosen.parent
    assert user_file("publishers.toml") == PACKAGED / "publishers.toml"  # each file on its own
