"""Compiled regular expressions kept on disk between runs, for the worker pool's start.

The pool's fork server compiles some 420 regular expressions before it forks a worker (the
libraries' own as they are imported; the vocabulary's phrases and the registry's names on the
demo pages): about 0.3 s of the 0.9 s the workers wait for, 80 ms of it one pattern of credit
phrases in 40 languages. Python's `re` pickles a pattern as its source and compiles it anew,
so the compiled form is taken where `re` hands it to its C engine (`_sre.compile`, with the
pattern's program as a list of integers), kept in the user's cache folder, and given straight
to the engine at the next start, which then takes some 5 ms to load them all. The program is
the one `re` would compile, so the pattern is the same (patterns compare equal when their
programs do).

This leans on two private parts of `re`: `re._compiler.compile`, which every `re.compile`
that misses `re`'s own cache reaches, and its call of `_sre.compile`. So the file is named for
the Python build and the engine's version (`_sre.MAGIC`); the engine checks every program it
is given, and one it refuses, or an unreadable file, means compiling as before; and where
`re` is not built this way nothing is kept. Reading the file builds nothing but plain values,
so a planted file cannot run code.
"""

from __future__ import annotations

import io
import logging
import pickle
import re
import sys
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ingest.core.user_cache import cache_dir, write_atomically

try:
    import _sre
    from re import _compiler
except ImportError:  # another Python's re: nothing is kept
    _compiler = None

log = logging.getLogger(__name__)

WORTH_SAVING = 0.02
"""Seconds spent compiling what the file lacked, above which it is written again (writing its
2 MB takes some 5 ms): a library that builds a small pattern from a set, whose order changes
with every process, does not rewrite it at each start."""

Key = tuple[str | bytes, int]
Program = tuple[str | bytes, int, bytes, int, dict[str, int], tuple[str | None, ...]]
"""`_sre.compile`'s arguments: the source, its flags, the program (packed in an array's
bytes), the group count, and the group names both ways."""


def _code_type() -> str | None:
    """The array type whose items have the engine's code size, or None if none has."""
    if _compiler is None or not hasattr(_compiler, "_sre"):
        return None
    return next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)


CODE = _code_type()


def cache_path() -> Path | None:
    """This Python's file: a program's form depends on the build and the engine."""
    folder = cache_dir()
    if folder is None or CODE is None:
        return None
    version = ".".join(map(str, sys.version_info[:3]))
    return folder / f"patterns-{sys.implementation.cache_tag}-{version}-sre{_sre.MAGIC}.pickle"


class _Unpickler(pickle.Unpickler):
    """An unpickler of plain values: it builds no class or function at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a pattern cache")


def _load(path: Path) -> dict[Key, Program]:
    try:
        saved = _Unpickler(io.BytesIO(path.read_bytes())).load()
        if not isinstance(saved, dict):
            raise pickle.UnpicklingError("not a pattern cache")
    except FileNotFoundError:
        return {}
    except Exception as exc:  # a damaged file fails in any way at all: compile anew
        log.debug("ignoring the pattern cache %s: %s", path, exc)
        return {}
    return saved


class _Engine:
    """Stands for `_sre` in `re._compiler` while patterns are kept: holds the arguments of
    the last program handed to the engine."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.last: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, *args: Any) -> Any:
        self.last = args
        return self.engine.compile(*args)


class _Keeper:
    """`re._compiler.compile` for the time patterns are kept: the saved program where the
    file has one, else `re`'s own compiling, recorded."""

    def __init__(self, saved: dict[Key, Program], compile_: Callable[..., Any]) -> None:
        self.saved = saved
        self.compile_ = compile_
        self.engine = _Engine(_compiler._sre)
        self.used: dict[Key, Program] = {}
        self.missed = 0.0

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:  # printed as compiled
            return self.compile_(pattern, flags)
        key = (pattern, int(flags))
        if (program := self.saved.get(key)) is not None:
            try:
                compiled = self._build(program)
            except Exception as exc:  # refused by the engine: compile it anew
                log.debug("a saved pattern was refused: %s", exc)
            else:
                self.used[key] = program
                return compiled
        start = time.perf_counter()
        self.engine.last = None
        compiled = self.compile_(pattern, flags)
        self.missed += time.perf_counter() - start
        if self.engine.last is not None and self.engine.last[0] == pattern:
            source, final_flags, code, groups, groupindex, indexgroup = self.engine.last
            self.used[key] = (source, int(final_flags), array(CODE, code).tobytes(), groups,
                              dict(groupindex), tuple(indexgroup))
        return compiled

    @staticmethod
    def _build(program: Program) -> Any:
        source, flags, code, groups, groupindex, indexgroup = program
        return _sre.compile(source, flags, array(CODE, code).tolist(), groups, groupindex,
                            indexgroup)


@contextmanager
def kept() -> Iterator[None]:
    """Within the block, give the engine the programs the file holds instead of compiling
    them, and afterwards write the file again if compiling what it lacked took more than
    `WORTH_SAVING`. Meant for a process's start: `re`'s module is patched for the time of
    the block."""
    path = cache_path()
    if path is None:
        yield
        return
    keeper = _Keeper(_load(path), _compiler.compile)
    _compiler.compile, _compiler._sre = keeper.compile, keeper.engine
    try:
        yield
    finally:
        _compiler.compile, _compiler._sre = keeper.compile_, keeper.engine.engine
    if keeper.missed > WORTH_SAVING:
        write_atomically(path, pickle.dumps(keeper.used, protocol=pickle.HIGHEST_PROTOCOL))
