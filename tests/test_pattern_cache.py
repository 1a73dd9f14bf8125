"""Compiled regular expressions kept between runs (ingest.core.pattern_cache): the same
patterns from the file as from compiling, `re` left as it was, and a damaged or planted file
ignored without harm."""

from __future__ import annotations

import os
import pickle
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.core import pattern_cache
from tests.caches import Planted, without_home_folder

SOURCES = [(r"(?P<name>[A-Z]\w+) \((?P<outlet>AP|Reuters)\)", 0),
           (r"^\s*(?:photo|foto)\s*:\s*(.+)$", re.IGNORECASE | re.MULTILINE),
           (rb"\x00(?:ab|cd)+", 0),
           ("Источник:\\s*(.+)", re.UNICODE)]
TEXT = "Jane Doe (AP) wrote it.\n  Photo: Agency\nИсточник: РИА Новости"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("INGEST_CACHE_DIR", str(folder))
    return folder


def _file() -> Path:
    path = pattern_cache.cache_path()
    assert path is not None
    return path


def _compile_all(compiled: list[str | bytes] | None = None,
                 monkeypatch: pytest.MonkeyPatch | None = None) -> list[re.Pattern]:
    """The sources compiled past `re`'s own cache, within `kept()`; the sources `re` itself
    compiled go to `compiled`."""
    if monkeypatch is not None and compiled is not None:
        original = re._compiler.compile

        def counted(pattern: str | bytes, flags: int = 0) -> re.Pattern:
            compiled.append(pattern)
            return original(pattern, flags)

        monkeypatch.setattr(re._compiler, "compile", counted)
    with pattern_cache.kept():
        return [re._compiler.compile(source, flags) for source, flags in SOURCES]


def _slow_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every compiling counts as worth saving, whatever this machine's speed."""
    monkeypatch.setattr(pattern_cache, "WORTH_SAVING", -1.0)


def test_a_saved_program_is_the_pattern_re_compiles(cache_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_compiling(monkeypatch)
    first = _compile_all()
    path = _file()
    assert path.parent == cache_dir and stat.S_IMODE(path.stat().st_mode) == 0o600
    compiled: list[str | bytes] = []
    again = _compile_all(compiled, monkeypatch)
    assert compiled == []  # every one built from the file
    assert again == first == [re._compiler.compile(s, f) for s, f in SOURCES]
    assert [p.groupindex for p in again] == [p.groupindex for p in first]
    named = again[0].search(TEXT)
    assert named is not None and named.group("outlet") == "AP"
    photo = again[1].search(TEXT)
    assert photo is not None and photo.group(1) == "Agency"
    assert again[2].search(b"x\x00abcd") is not None


def test_re_is_put_back_after_the_block(cache_dir: Path) -> None:
    compile_, engine = re._compiler.compile, re._compiler._sre
    with pytest.raises(ValueError), pattern_cache.kept():
        assert re._compiler.compile is not compile_
        raise ValueError("the block failed")
    assert (re._compiler.compile, re._compiler._sre) == (compile_, engine)


def test_cheap_misses_do_not_rewrite_the_file(cache_dir: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_cache, "WORTH_SAVING", 60.0)
    _compile_all()
    assert not _file().exists()


def test_a_refused_program_is_compiled_anew(cache_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    _slow_compiling(monkeypatch)
    _compile_all()
    saved = pickle.loads(_file().read_bytes())
    for key, (source, flags, _code, groups, groupindex, indexgroup) in saved.items():
        saved[key] = (source, flags, b"\xff" * 12, groups, groupindex, indexgroup)
    _file().write_bytes(pickle.dumps(saved))
    expected = [re._compiler.compile(s, f) for s, f in SOURCES]
    compiled: list[str | bytes] = []
    assert _compile_all(compiled, monkeypatch) == expected
    assert len(compiled) == len(SOURCES)
    assert pickle.loads(_file().read_bytes()) != saved  # and written again, sound


def test_a_damaged_file_is_ignored(cache_dir: Path) -> None:
    cache_dir.mkdir()
    for content in (b"", b"not a pickle", pickle.dumps(["a", "list"])):
        _file().write_bytes(content)
        assert [p.pattern for p in _compile_all()] == [s for s, _ in SOURCES]


def test_a_planted_file_runs_nothing(cache_dir: Path, tmp_path: Path) -> None:
    cache_dir.mkdir()
    marker = tmp_path / "ran"
    _file().write_bytes(pickle.dumps({(SOURCES[0][0], 0): Planted(marker)}))
    assert _compile_all()[0].pattern == SOURCES[0][0]
    assert not marker.exists()


def test_the_file_is_named_for_the_python_that_wrote_it(cache_dir: Path) -> None:
    name = _file().name
    assert sys.implementation.cache_tag in name
    assert ".".join(map(str, sys.version_info[:3])) in name


def test_without_a_cache_folder_patterns_compile_as_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    without_home_folder(monkeypatch)
    assert pattern_cache.cache_path() is None
    assert [p.pattern for p in _compile_all()] == [s for s, _ in SOURCES]


def test_the_fork_servers_start_saves_and_the_next_loads(tmp_path: Path) -> None:
    """The pool's preload saves its patterns once; the next start builds them from the file
    and does not write it again."""
    env = {**os.environ, "INGEST_CACHE_DIR": str(tmp_path)}
    script = "import ingest.run.worker_preload"
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    [saved] = tmp_path.glob("patterns-*.pickle")
    written = saved.stat().st_mtime_ns
    assert len(pickle.loads(saved.read_bytes())) > 100
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    assert saved.stat().st_mtime_ns == written
