"""The run lock: one writer run per database at a time.

For SQLite, an OS file lock (flock) on `<db>.lock` beside the database. The kernel releases it
when the process dies, so a killed run never blocks the next one; the file holds the holder's
pid and start time so the refusal can say who holds it. For PostgreSQL, a session advisory
lock on the database, which the server releases when the holder's connection ends.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ingest.core.errors import IngestError, StoreError
from ingest.store.sql import describe, is_postgres, sqlite_path


class LockHeld(IngestError):
    """Another live run holds the database's lock."""

    stage = "lock"


@contextmanager
def run_lock(target: str | Path) -> Iterator[None]:
    """Hold the lock of the database `target` (a path or a URL, as `--db` takes) for the
    duration of the block, or raise LockHeld at once."""
    if is_postgres(target):
        from ingest.store.postgres import session_lock

        with session_lock(str(target)) as held:
            if not held:
                raise LockHeld("locked", f"another run is using {describe(target)} (it holds "
                                         "the database's advisory run lock)")
            yield
    else:  # keyed on the real path: the same file through a symlink is the same database
        with _file_lock(sqlite_path(target).resolve()):
            yield


@contextmanager
def _file_lock(db_path: Path) -> Iterator[None]:
    path = db_path.with_name(db_path.name + ".lock")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as exc:
        raise StoreError("unwritable", f"cannot write the database {db_path}: "
                                       f"{exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown process"
            raise LockHeld("locked", f"another run is using {db_path} ({holder})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
