"""Opening a database (a SQLite file or a PostgreSQL URL) and the store's retry policy for
writes that meet another writer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_random_exponential

from ingest.store.sql import Connection, is_postgres, sqlite_path
from ingest.store.sqlite import SQLite


def connect(target: str | Path | None) -> Connection:
    """The backend connection for a `--db` target (None: an in-memory SQLite database)."""
    if is_postgres(target):
        from ingest.store.postgres import Postgres  # psycopg only when PostgreSQL is used

        return Postgres(str(target))
    return SQLite(sqlite_path(target))


RETRIED_SQLSTATES = ("40001", "40P01")
"""PostgreSQL's serialization failure and deadlock: the transaction is safe to run again."""


def is_transient(exc: BaseException) -> bool:
    """A write that met another writer: SQLite's "database is locked", PostgreSQL's
    serialization failure or deadlock."""
    if isinstance(exc, sqlite3.OperationalError):
        return "locked" in str(exc).lower()
    return getattr(exc, "sqlstate", None) in RETRIED_SQLSTATES


def unusable_errors(target: str | Path | None) -> tuple[type[Exception], ...]:
    """What opening `target` raises when the database cannot be used (not a bug)."""
    if is_postgres(target):
        import psycopg

        return psycopg.Error, OSError
    return sqlite3.DatabaseError, OSError


def default_write_retry() -> Retrying:
    """Retry policy for writes that meet another writer (another process writing)."""
    return Retrying(retry=retry_if_exception(is_transient), stop=stop_after_attempt(5),
                    wait=wait_random_exponential(multiplier=0.2, max=5), reraise=True)
