"""dateparser's compiled locale patterns and built locales, kept on disk between runs.

htmldate's extensive search hands the strings it cannot read to a dateparser parser with no
language, which on first use builds and compiles, for each of its 200-odd locales, the
patterns that split a string into known words: about a second of one core, paid again by
every process (the worker pool's fork server holds up the workers for it; a one-off `ingest
fetch` pays it on its first page). The `regex` module pickles a compiled pattern with its
compiled code, so loading the patterns saved by an earlier run takes some 20 ms instead.

The file is dateparser's own caches: the class-level dictionaries of
`dateparser.languages.dictionary.Dictionary`, and the locales its loader built (each with the
simplification patterns and the word dictionary it builds on first use: a further 0.2 s of
that first use, which otherwise imports every language's data and compiles its patterns
anew). It is written by the first run that compiled them, under the user's cache folder
(`user_cache.cache_dir`). Its name carries the dateparser, regex and Python versions, so an
upgrade starts a new one. Reading it admits only the two things such a file holds (compiled
patterns and dateparser's dictionary classes), so a planted file cannot run code; an unreadable,
damaged or foreign file is ignored and the patterns compiled as before. Nothing here changes
what dateparser returns: the same patterns, compiled once.
"""

from __future__ import annotations

import io
import logging
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

import dateparser
import regex
from dateparser.languages.dictionary import Dictionary
from dateparser.languages.loader import LocaleDataLoader
from dateparser.languages.locale import Locale

from ingest.core.user_cache import cache_dir, write_atomically

log = logging.getLogger(__name__)

CACHES = ("_split_regex_cache", "_sorted_words_cache", "_split_relative_regex_cache",
          "_sorted_relative_strings_cache", "_match_relative_regex_cache")
"""`Dictionary`'s class-level caches: keyed by (dictionary class, skip tokens), then by locale."""
LOCALES = "locales"
"""The locales dateparser's loaders built (`LocaleDataLoader`'s class-level cache), by short
name: each one's attributes but its lock (a new one is made) and its variant without letter
variants (built again when asked for)."""
UNSAVED = ("_lock", "_native")
ALLOWED = {("regex._regex", "compile"), ("collections", "OrderedDict"),
           ("dateparser.languages.dictionary", "Dictionary"),
           ("dateparser.languages.dictionary", "NormalizedDictionary")}
"""Every global a cache file may name: a compiled pattern is rebuilt by `regex._regex.compile`
from its code, and the cache keys start with the dictionary's class."""


def cache_path() -> Path | None:
    """This installation's file: the patterns' form depends on these three versions."""
    folder = cache_dir()
    python = f"{sys.version_info.major}{sys.version_info.minor}"
    return folder / (f"dateparser-{dateparser.__version__}-regex-{regex.__version__}"
                     f"-py{python}.pickle") if folder else None


class _Unpickler(pickle.Unpickler):
    """An unpickler that builds nothing but what `ALLOWED` names."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a locale cache")
        return super().find_class(module, name)


def load() -> bool:
    """Fill dateparser's caches from the file; True when it was there and sound."""
    path = cache_path()
    if path is None:
        return False
    try:
        data = _Unpickler(io.BytesIO(path.read_bytes())).load()
        if not isinstance(data, dict) or set(data) != {*CACHES, LOCALES}:
            raise pickle.UnpicklingError("not a locale cache")
        locales = {name: _locale(state) for name, state in data[LOCALES].items()}
    except FileNotFoundError:
        return False
    except Exception as exc:  # a damaged file fails in any way at all: compile anew
        log.debug("ignoring the locale cache %s: %s", path, exc)
        return False
    for name in CACHES:
        getattr(Dictionary, name).update(data[name])
    with LocaleDataLoader._load_lock:
        for name, locale in locales.items():
            LocaleDataLoader._loaded_locales.setdefault(name, locale)
    return True


def _locale(state: dict[str, Any]) -> Locale:
    """A saved locale, as the loader built it."""
    if not isinstance(state, dict) or not {"shortname", "info"} <= set(state) or set(
            UNSAVED) & set(state):
        raise pickle.UnpicklingError("not a saved locale")
    locale = Locale.__new__(Locale)
    locale.__dict__.update(state)
    locale._lock = threading.RLock()
    return locale


def save() -> None:
    """Write dateparser's caches to the file."""
    path = cache_path()
    if path is None:
        return
    data: dict[str, Any] = {name: dict(getattr(Dictionary, name)) for name in CACHES}
    with LocaleDataLoader._load_lock:
        data[LOCALES] = {name: {k: v for k, v in vars(locale).items() if k not in UNSAVED}
                         for name, locale in LocaleDataLoader._loaded_locales.items()}
    write_atomically(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
