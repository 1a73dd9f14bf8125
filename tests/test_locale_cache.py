"""dateparser's compiled locale patterns saved and loaded (ingest.extract.locale_cache): the
same dates after a load, and a damaged or planted file ignored without harm."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import dateparser
import pytest
import regex
from dateparser.languages.dictionary import Dictionary
from dateparser.languages.loader import LocaleDataLoader
from htmldate.extractors import get_external_parser

from ingest.extract import locale_cache
from tests.caches import Planted, without_home_folder

WRITTEN = ["12 de marzo de 2021", "5 июня 2019", "3. Februar 2020", "2023年4月1日",
           "le 7 juillet 2018", "June 16, 2024"]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own, and dateparser's caches restored afterwards."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("INGEST_CACHE_DIR", str(folder))
    for name in locale_cache.CACHES:
        monkeypatch.setattr(Dictionary, name, dict(getattr(Dictionary, name)))
    monkeypatch.setattr(LocaleDataLoader, "_loaded_locales",
                        dict(LocaleDataLoader._loaded_locales))
    return folder


def _file() -> Path:
    path = locale_cache.cache_path()
    assert path is not None
    return path


def _dates() -> list[object]:
    return [get_external_parser().get_date_data(text)["date_obj"] for text in WRITTEN]


def _empty_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in locale_cache.CACHES:
        monkeypatch.setattr(Dictionary, name, {})
    monkeypatch.setattr(LocaleDataLoader, "_loaded_locales", {})


def test_the_saved_patterns_give_the_same_dates(cache_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    get_external_parser().get_date_data("read by no locale")  # compiles every locale's
    expected = _dates()
    locale_cache.save()
    path = _file()
    assert path.parent == cache_dir and stat.S_IMODE(path.stat().st_mode) == 0o600
    _empty_caches(monkeypatch)
    assert locale_cache.load()
    assert sum(map(len, Dictionary._split_regex_cache.values())) > 100  # every locale
    loaded = LocaleDataLoader._loaded_locales
    assert sum(loc._normalized_simplifications is not None for loc in loaded.values()) > 100
    assert _dates() == expected
    assert LocaleDataLoader._loaded_locales is loaded and len(loaded) > 100
    assert [d.isoformat()[:10] for d in expected] == [  # type: ignore[attr-defined]
        "2021-03-12", "2019-06-05", "2020-02-03", "2023-04-01", "2018-07-07", "2024-06-16"]


def test_the_file_is_named_for_the_versions_that_wrote_it(cache_dir: Path) -> None:
    name = _file().name
    assert dateparser.__version__ in name and regex.__version__ in name


def test_no_file_means_compiling_as_before(cache_dir: Path) -> None:
    assert not locale_cache.load()


def test_a_damaged_file_is_ignored(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir.mkdir()
    _file().write_bytes(b"\x80\x05not a pickle")
    _empty_caches(monkeypatch)
    assert not locale_cache.load()
    assert Dictionary._split_regex_cache == {}
    _file().write_bytes(pickle.dumps({"something": "else"}))
    assert not locale_cache.load()
    caches = {name: {} for name in locale_cache.CACHES}
    _file().write_bytes(pickle.dumps(caches))  # an earlier version's file, without the locales
    assert not locale_cache.load()
    _file().write_bytes(pickle.dumps({**caches, locale_cache.LOCALES: {"en": {"info": {}}}}))
    assert not locale_cache.load()
    assert LocaleDataLoader._loaded_locales == {}


def test_a_planted_file_runs_nothing(cache_dir: Path, tmp_path: Path) -> None:
    cache_dir.mkdir()
    marker = tmp_path / "ran"
    _file().write_bytes(pickle.dumps(
        {name: Planted(marker) for name in locale_cache.CACHES}))
    assert not locale_cache.load()
    assert not marker.exists()


def test_an_unwritable_folder_is_left_alone(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("INGEST_CACHE_DIR", str(blocker / "cache"))
    locale_cache.save()  # no error
    assert blocker.read_text() == "not a folder"


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("INGEST_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert locale_cache.cache_dir() == tmp_path / "news-ingest"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert locale_cache.cache_dir() == Path.home() / ".cache" / "news-ingest"


def test_a_user_without_a_home_folder_gets_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    without_home_folder(monkeypatch)
    assert locale_cache.cache_path() is None
    assert not locale_cache.load()
    locale_cache.save()  # no error, nothing written


def test_the_first_process_saves_and_the_next_loads(tmp_path: Path) -> None:
    script = "from ingest.extract.dates import warm_up; warm_up(); warm_up()"
    env = {**os.environ, "INGEST_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    [saved] = tmp_path.iterdir()
    written = saved.stat().st_mtime_ns
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    assert saved.stat().st_mtime_ns == written  # loaded, so not written again
    assert [p.name for p in tmp_path.iterdir()] == [saved.name]
