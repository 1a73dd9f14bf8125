"""The user's cache folder, where runs keep what is slow to build and quick to load.

Two files live there, each named for the versions that shape its contents so that an upgrade
starts a new one: dateparser's compiled locale patterns (`ingest.extract.locale_cache`) and
the regular expressions compiled before the worker pool forks (`ingest.core.pattern_cache`).
Deleting either is harmless; the next run writes it again.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    """The folder for the user's caches of news-ingest (`INGEST_CACHE_DIR`, else
    `$XDG_CACHE_HOME/news-ingest`, else `~/.cache/news-ingest`); None for a user with no home
    folder (a service account), who gets no cache."""
    if configured := os.environ.get("INGEST_CACHE_DIR"):
        return Path(configured)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "news-ingest"
    try:
        return Path.home() / ".cache" / "news-ingest"
    except RuntimeError:
        return None


def write_atomically(path: Path, content: bytes) -> None:
    """Replace the file at once (a run reading it meanwhile sees the old file or the new one),
    readable by the user alone; a folder that cannot be written is left alone."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cache-")
    except OSError as exc:
        log.debug("cannot write the cache file in %s: %s", path.parent, exc)
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        log.debug("could not write the cache file %s: %s", path, exc)
        Path(temporary).unlink(missing_ok=True)
